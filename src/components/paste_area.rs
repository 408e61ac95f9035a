use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: std::rc::Rc<str>,
    pub busy: bool,
    /// An archive server finds the sources (API mode): the sentences leave the page.
    pub remote: bool,
    pub on_edit: Callback<String>,
    pub on_check: Callback<()>,
    pub on_example: Callback<()>,
}

/// The labelled text area, the Check button and "Try an example".
#[component]
pub fn PasteArea(props: &Props) -> Html {
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            on_edit.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_check = props.on_check.clone();
    let on_example = props.on_example.clone();
    html! {
        <section class="input" aria-labelledby="input-heading">
            <h2 id="input-heading" class="visually-hidden">{ "Your article" }</h2>
            <label for="article-input">{ "Article text" }</label>
            <textarea
                id="article-input"
                spellcheck="false"
                placeholder="Paste an article here, or try the example."
                aria-describedby="input-hint"
                value={AttrValue::from(props.text.clone())}
                {oninput}
            />
            <p id="input-hint" class="hint">{ "Checked as you type, or press Check. " }{ if props.remote { "Its sentences are sent to the archive server to find sources." } else { "The text stays in this browser." } }</p>
            <div class="actions">
                <button id="check-button" type="button" class="primary" onclick={move |_| on_check.emit(())}>
                    { if props.busy { "Checking…" } else { "Check" } }
                </button>
                <button id="example-button" type="button" onclick={move |_| on_example.emit(())}>{ "Try an example" }</button>
            </div>
        </section>
    }
}
