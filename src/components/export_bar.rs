use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Json,
    Markdown,
    ClaimReview,
    Link,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_export: Callback<Export>,
    /// The last shared link, shown so it can be copied by hand.
    pub link: Option<String>,
}

#[component]
pub fn ExportBar(props: &Props) -> Html {
    let button = |kind: Export, id: &'static str, label: &'static str| {
        let on_export = props.on_export.clone();
        html! { <button type="button" {id} onclick={move |_| on_export.emit(kind)}>{ label }</button> }
    };
    html! {
        <section class="export" aria-labelledby="export-heading">
            <h2 id="export-heading" class="visually-hidden">{ "Export" }</h2>
            { button(Export::Json, "export-json", "Download JSON") }
            { button(Export::Markdown, "export-markdown", "Download Markdown") }
            { button(Export::ClaimReview, "export-claimreview", "Download ClaimReview") }
            { button(Export::Link, "copy-link", "Copy link") }
            if let Some(link) = &props.link {
                <label class="share">
                    { "Link to this check" }
                    <input id="share-link" type="text" readonly=true value={link.clone()} />
                </label>
            }
        </section>
    }
}
