use crosscheck_engine::{Summary, Verdict};
use yew::prelude::*;

use super::{verdict_icon, verdict_words};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub summary: Summary,
    pub filter: Option<Verdict>,
    pub on_filter: Callback<Option<Verdict>>,
}

/// Counts per verdict; each count is a toggle that shows only its claims.
#[component]
pub fn SummaryBar(props: &Props) -> Html {
    let s = &props.summary;
    let button = |v: Verdict, n: usize| {
        let pressed = props.filter == Some(v);
        let on_filter = props.on_filter.clone();
        let onclick = move |_| on_filter.emit(if pressed { None } else { Some(v) });
        html! {
            <button type="button" class={classes!("count", v.as_str())} aria-pressed={pressed.to_string()}
                data-filter={v.as_str()} {onclick}>
                <span class="icon" aria-hidden="true">{ verdict_icon(v) }</span>
                <span class="n">{ n }</span>{ " " }{ verdict_words(v) }
            </button>
        }
    };
    html! {
        <div class="summary" role="group" aria-label="Filter claims by verdict">
            { button(Verdict::Conflicting, s.conflicting) }
            { button(Verdict::Unsupported, s.unsupported) }
            { button(Verdict::Supported, s.supported) }
            <span class="count-none">{ format!("{} not a claim", s.none) }</span>
        </div>
    }
}
