use yew::prelude::*;

use crate::components::paste_area::PasteArea;
use crate::components::verdict_list::VerdictList;
use crate::state::{Action, State};

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let on_edit = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::Edit(text)))
    };
    let on_check = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Check))
    };
    html! {
        <main>
            <h1>{ "crosscheck" }</h1>
            <p class="lede">{ "Paste an article: every claim is checked against the bundled news corpus, in your browser." }</p>
            <PasteArea text={state.text.clone()} {on_edit} {on_check} />
            if let Some(report) = &state.report {
                <VerdictList report={report.clone()} />
            }
        </main>
    }
}
