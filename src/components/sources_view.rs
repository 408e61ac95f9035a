use std::rc::Rc;

use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crosscheck_engine::report::CorpusInfo;

use crate::corpus::AddedSource;
use crate::house_style::HouseStyleInfo;
use crate::state::house_style_counts;

/// Sources to add: a file's name (None for pasted text) and its contents, or
/// why it could not be read.
pub type NewSources = Vec<(Option<String>, Result<String, String>)>;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document shown, by position in the corpus; `None` lists them all.
    pub open: Option<usize>,
    pub on_open: Callback<Option<usize>>,
    /// The sources this reader added (they are also in the corpus).
    pub added: Rc<Vec<AddedSource>>,
    /// Whether sources can be added here (not in a widget, not before the corpus loads).
    pub can_add: bool,
    pub on_add: Callback<Vec<AddedSource>>,
    /// Removes the added source with this id.
    pub on_remove: Callback<String>,
    /// The house style in use.
    pub house_style: Option<HouseStyleInfo>,
    /// Why the last house-style file could not be used, if it could not.
    pub house_style_notice: Option<String>,
    /// Uses a house-style file (its name and text), or `None`: this site's again.
    pub on_house_style: Callback<Option<(String, String)>>,
    /// The archive server's address in API mode.
    pub api: Option<std::rc::Rc<str>>,
    /// The size of the corpus in use, once loaded.
    pub corpus: Option<CorpusInfo>,
    /// Whether the reader may choose the archive server (not in a widget).
    pub can_set_api: bool,
    /// Uses this archive server (an address checked by `server::address`), or `None`: the bundled sources.
    pub on_api: Callback<Option<String>>,
}

/// The corpus: a list of its documents, each one in full, and the form that
/// adds the reader's own.
#[component]
pub fn SourcesView(props: &Props) -> Html {
    let checker = crate::checker();
    let docs = checker.documents();
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
    let is_added = |id: &str| props.added.iter().any(|s| s.id == id);
    let server = html! {
        <ArchiveServer api={props.api.clone()} can_set={props.can_set_api} on_api={props.on_api.clone()} />
    };
    let house_style = html! {
        <HouseStyleView info={props.house_style.clone()} notice={props.house_style_notice.clone()}
            can_change={props.can_add} on_change={props.on_house_style.clone()} />
    };
    // API mode: the server's corpus, too large to list; the reader's own sources wait.
    if let Some(api) = &props.api {
        let host = crate::server::host(api);
        let size = props.corpus.map_or_else(
            || " (not connected)".to_string(),
            |c| format!(": {} documents, {} sentences", c.documents, c.sentences),
        );
        let added = props.added.len();
        return html! {
            <section class="sources" aria-labelledby="sources-heading">
                <h2 id="sources-heading">{ format!("Sources: the archive server at {host}") }</h2>
                <p id="corpus-summary">{ format!("Claims are checked against the archive of the server at {host}{size}. Each check sends the article's sentences to it and judges the passages it returns here; its documents are not listed.") }</p>
                if added > 0 {
                    <p id="added-unused">{ format!("Your {added} added source(s) stay in this browser but are not used while the archive server is: they come back with the bundled sources.") }</p>
                }
                { server }
                { house_style }
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
                    let remove = is_added(&d.id).then(|| {
                        let on_remove = props.on_remove.clone();
                        let id = d.id.clone();
                        html! {
                            <button type="button" class="remove" aria-label={format!("Remove {}", d.title)}
                                onclick={move |_| on_remove.emit(id.clone())}>{ "Remove" }</button>
                        }
                    });
                    html! {
                        <li data-added={is_added(&d.id).then_some("true")}>
                            <button type="button" class="link" onclick={move |_| on_open.emit(Some(i))}>{ &d.title }</button>
                            <span class="meta">{ format!(" · {} · {} words", d.id, words) }</span>
                            if remove.is_some() {
                                <span class="tag">{ " · added by you " }</span>
                            }
                            { for remove }
                        </li>
                    }
                }) }
            </ul>
            { server }
            { house_style }
            if props.can_add {
                <AddSource on_add={props.on_add.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ServerProps {
    api: Option<std::rc::Rc<str>>,
    can_set: bool,
    on_api: Callback<Option<String>>,
}

/// The archive server setting: an address (API mode) or none (the bundled sources).
#[component]
fn ArchiveServer(props: &ServerProps) -> Html {
    let input = use_node_ref();
    let wrong = use_state(String::new);
    if !props.can_set {
        return Html::default();
    }
    let onsubmit = {
        let (input, wrong, on_api) = (input.clone(), wrong.clone(), props.on_api.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = input
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            match crate::server::address(&typed) {
                Ok(api) => {
                    wrong.set(String::new());
                    on_api.emit(api);
                }
                Err(e) => wrong.set(e),
            }
        })
    };
    html! {
        <form class="archive-server" aria-labelledby="api-heading" novalidate=true {onsubmit}>
            <h3 id="api-heading">{ "Archive server" }</h3>
            <p class="hint" id="api-hint">
                { "A newsroom's archive server (crosscheck serve) finds the sources for each check; the verdicts are still made in this page. Leave the address empty to use the sources bundled with the page." }
            </p>
            <label for="api-address">{ "Archive server address" }</label>
            <div class="actions">
                <input type="url" id="api-address" ref={input} aria-describedby="api-hint"
                    placeholder="https://news.example/crosscheck-api" value={props.api.as_deref().unwrap_or_default().to_string()} />
                <button type="submit" id="api-use">{ "Use" }</button>
            </div>
            <p id="api-error" class="error" role="alert">{ &*wrong }</p>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct HouseStyleProps {
    info: Option<HouseStyleInfo>,
    notice: Option<String>,
    can_change: bool,
    on_change: Callback<Option<(String, String)>>,
}

/// The house style in use, and the choice of the reader's own file.
#[component]
fn HouseStyleView(props: &HouseStyleProps) -> Html {
    let unreadable = use_state(String::new);
    let summary = match &props.info {
        Some(i) => format!(
            "{} ({}): {}.",
            i.name,
            if i.own {
                "your file, kept in this browser"
            } else {
                "this site's"
            },
            house_style_counts(i.counts)
        ),
        None => "None: every sentence is read as it stands.".into(),
    };
    let onchange = {
        let on_change = props.on_change.clone();
        let unreadable = unreadable.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let files = crate::browser::files_of(input.files());
            input.set_value("");
            let (on_change, unreadable) = (on_change.clone(), unreadable.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match crate::browser::read_files(files).await.into_iter().next() {
                    Some((name, Ok(text))) => {
                        unreadable.set(String::new());
                        on_change.emit(Some((name, text)));
                    }
                    Some((_, Err(e))) => unreadable.set(e),
                    None => {}
                }
            });
        })
    };
    let own = props.info.as_ref().is_some_and(|i| i.own);
    let on_reset = props.on_change.reform(|_: MouseEvent| None);
    html! {
        <section class="house-style" aria-labelledby="house-style-heading">
            <h3 id="house-style-heading">{ "House style" }</h3>
            <p id="house-style-summary">{ summary }</p>
            if props.can_change {
                <p class="hint" id="house-style-hint">
                    { "A house-style file (TOML) names the page furniture that is never a claim, lines to drop from sources and metadata lines. Its format is in the README." }
                </p>
                <div class="actions">
                    <label for="house-style-file" class="file-label">{ "Use a house-style file:" }</label>
                    <input type="file" id="house-style-file" accept=".toml,text/plain"
                        aria-describedby="house-style-hint" {onchange} />
                    if own {
                        <button type="button" id="house-style-reset" onclick={on_reset}>{ "Use this site's house style" }</button>
                    }
                </div>
                <p id="house-style-error" class="error" role="alert">{ &*unreadable }</p>
                // Beside the control too (the notice at the top of the page is
                // the one announced).
                if let Some(notice) = &props.notice {
                    <p id="house-style-problem" class="error">{ notice }</p>
                }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AddProps {
    on_add: Callback<Vec<AddedSource>>,
}

/// Turns what was pasted or dropped into sources with ids unique in the
/// corpus; what cannot be added is said in `refused`, which stays on screen
/// (the status line moves on to the check that follows).
fn accept(
    inputs: NewSources,
    on_add: &Callback<Vec<AddedSource>>,
    refused: &UseStateHandle<String>,
) {
    let checker = crate::checker();
    let mut taken: Vec<String> = checker.documents().iter().map(|d| d.id.clone()).collect();
    let mut added = Vec::new();
    let mut errors = Vec::new();
    for (name, content) in inputs {
        match content.and_then(|c| AddedSource::from_input(name.as_deref(), &c, &taken)) {
            Ok(source) => {
                taken.push(source.id.clone());
                added.push(source);
            }
            Err(e) => errors.push(e),
        }
    }
    refused.set(errors.join(" "));
    on_add.emit(added);
}

/// Paste a text, or choose or drop .txt, .md and .html files.
#[component]
fn AddSource(props: &AddProps) -> Html {
    let text = use_node_ref();
    let files = use_node_ref();
    let refused = use_state(String::new);
    let add_files = {
        let on_add = props.on_add.clone();
        let refused = refused.clone();
        move |list: Option<web_sys::FileList>| {
            let files = crate::browser::files_of(list);
            let (on_add, refused) = (on_add.clone(), refused.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let read = crate::browser::read_files(files).await;
                let inputs = read
                    .into_iter()
                    .map(|(name, text)| (Some(name), text))
                    .collect();
                accept(inputs, &on_add, &refused);
            });
        }
    };
    let onchange = {
        let add_files = add_files.clone();
        let files = files.clone();
        Callback::from(move |_: Event| {
            if let Some(input) = files.cast::<HtmlInputElement>() {
                add_files(input.files());
                // The same file can be chosen again after it is removed.
                input.set_value("");
            }
        })
    };
    let on_paste = {
        let on_add = props.on_add.clone();
        let text = text.clone();
        let refused = refused.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = text.cast::<HtmlTextAreaElement>() {
                accept(vec![(None, Ok(area.value()))], &on_add, &refused);
                area.set_value("");
            }
        })
    };
    // Dropping needs the default (opening the file) prevented on dragover too.
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        add_files(e.data_transfer().and_then(|d| d.files()));
    });
    html! {
        <section id="add-source" class="add-source" aria-labelledby="add-source-heading" {ondragover} {ondrop}>
            <h3 id="add-source-heading">{ "Add a source" }</h3>
            <p class="hint" id="add-source-hint">
                { "Paste a text, or choose or drop .txt or .html files. Added sources stay in this browser and are used in every check." }
            </p>
            <label for="source-text">{ "Source text" }</label>
            <textarea id="source-text" ref={text} rows="5" aria-describedby="add-source-hint" />
            <div class="actions">
                <button type="button" id="add-source-text" onclick={on_paste}>{ "Add pasted text" }</button>
                <label for="source-files" class="file-label">{ "Add files:" }</label>
                <input type="file" id="source-files" ref={files} multiple=true
                    accept=".txt,.html,.htm,.md,text/plain,text/html,text/markdown" {onchange} />
            </div>
            <p id="add-source-error" class="error" role="alert">{ &*refused }</p>
        </section>
    }
}
