use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document shown, by position in the corpus; `None` lists them all.
    pub open: Option<usize>,
    pub on_open: Callback<Option<usize>>,
}

/// The bundled corpus: a list of its documents, and each one in full.
#[component]
pub fn SourcesView(props: &Props) -> Html {
    let docs = crate::checker().documents();
    if let Some(doc) = props.open.and_then(|i| docs.get(i)) {
        let on_open = props.on_open.clone();
        return html! {
            <section class="sources" aria-labelledby="source-title">
                <button type="button" id="sources-back" onclick={move |_| on_open.emit(None)}>{ "← All sources" }</button>
                <article class="source-doc">
                    <h2 id="source-title">{ &doc.title }</h2>
                    <p class="doc-id">{ &doc.id }</p>
                    <div class="doc-text">{ &doc.text }</div>
                </article>
            </section>
        };
    }
    html! {
        <section class="sources" aria-labelledby="sources-heading">
            <h2 id="sources-heading">{ format!("Sources: {} documents", docs.len()) }</h2>
            <p>{ "Claims are checked against these documents, bundled with the page." }</p>
            <ul class="source-list">
                { for docs.iter().enumerate().map(|(i, d)| {
                    let on_open = props.on_open.clone();
                    let words = d.text.split_whitespace().count();
                    html! {
                        <li>
                            <button type="button" class="link" onclick={move |_| on_open.emit(Some(i))}>{ &d.title }</button>
                            <span class="meta">{ format!(" · {} · {} words", d.id, words) }</span>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
