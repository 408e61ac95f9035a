use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: String,
    pub on_edit: Callback<String>,
    pub on_check: Callback<()>,
}

/// The labelled text area and the Check button.
#[component]
pub fn PasteArea(props: &Props) -> Html {
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            on_edit.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let onclick = {
        let on_check = props.on_check.clone();
        Callback::from(move |_: MouseEvent| on_check.emit(()))
    };
    html! {
        <section class="input">
            <label for="article-input">{ "Article text" }</label>
            <textarea id="article-input" rows="12" value={props.text.clone()} {oninput} />
            <button id="check-button" type="button" {onclick}>{ "Check" }</button>
        </section>
    }
}
