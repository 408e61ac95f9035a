use std::cell::Cell;
use std::rc::Rc;

use crosscheck_engine::Verdict;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::browser;
use crate::components::annotated_article::{sentence_id, AnnotatedArticle};
use crate::components::evidence_panel::EvidencePanel;
use crate::components::export_bar::{Export, ExportBar};
use crate::components::paste_area::PasteArea;
use crate::components::sources_view::SourcesView;
use crate::components::summary_bar::SummaryBar;
use crate::corpus;
use crate::export;
use crate::house_style;
use crate::share;
use crate::state::{Action, State, View};

/// Typing pauses this long before the text is checked and saved.
const DEBOUNCE_MS: u32 = 500;

/// The first state: the article of a shared link, else the one saved in this
/// browser, else nothing; in widget mode, nothing until the host sends it.
fn initial_state(embedded: bool) -> State {
    // The page's address names the archive server (a widget's comes from
    // its tag's data-api), else the one chosen in the Sources view.
    let api = crate::server::from_query(&browser::search())
        .or_else(|| (!embedded).then(browser::saved_api).flatten())
        .map(Rc::from);
    // A widget shows what its host page gives it, checked against the
    // newsroom's corpus: not this browser's saved text or added sources.
    if embedded {
        return State {
            api,
            ..State::default()
        };
    }
    let state = match share::text_from_fragment(&browser::location_hash()) {
        Some(Ok(text)) => {
            browser::clear_hash();
            State::with_text(text)
        }
        Some(Err(e)) => {
            browser::clear_hash();
            State {
                status: e.to_string(),
                ..State::with_text(browser::saved_text().unwrap_or_default())
            }
        }
        None => State::with_text(browser::saved_text().unwrap_or_default()),
    };
    State {
        added: Rc::new(browser::saved_sources()),
        api,
        ..state
    }
}

/// Starts loading the corpus to check against: the archive server's
/// description when `api` is set, else the index file (or the one loaded,
/// rebuilt with the added sources). The download starts at once.
fn load_corpus(
    api: Option<Rc<str>>,
    added: Rc<Vec<corpus::AddedSource>>,
) -> impl std::future::Future<Output = Action> {
    let server = api.as_deref().map(crate::server::connect);
    if server.is_none() {
        corpus::use_server(None);
    }
    let index =
        (server.is_none() && !corpus::has_index()).then(|| browser::fetch_bytes(corpus::INDEX_URL));
    async move {
        match (server, index) {
            (Some(server), _) => match server.await {
                Ok(s) => Action::CorpusLoaded(corpus::use_server(Some(s)).unwrap_or_default()),
                Err(e) => Action::ServerFailed(e),
            },
            (None, Some(index)) => match index.await.and_then(|b| corpus::load(b.into(), &added)) {
                Ok(info) => Action::CorpusLoaded(info),
                Err(e) => Action::CorpusFailed(e),
            },
            (None, None) => match corpus::reload(&added) {
                Ok(info) => Action::CorpusLoaded(info),
                Err(e) => Action::CorpusFailed(e),
            },
        }
    }
}

/// The deployment's house style as fetched: none served (HTTP 404) is
/// none in use; a file that is not right is a message naming what is wrong.
fn deployment_house_style(
    fetched: Result<Vec<u8>, String>,
) -> Result<Option<house_style::HouseStyleInfo>, String> {
    match fetched {
        Ok(bytes) => corpus::set_house_style(Some((
            house_style::URL,
            &String::from_utf8_lossy(&bytes),
            false,
        ))),
        Err(e) if e.ends_with("HTTP 404") => corpus::set_house_style(None),
        Err(e) => Err(e),
    }
}

/// Uses the reader's own house-style file, or `None`: the deployment's
/// again; keeps the choice, rebuilds the corpus with it and checks again.
fn change_house_style(
    file: Option<(String, String)>,
    added: Rc<Vec<corpus::AddedSource>>,
    dispatch: Callback<Action>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = match &file {
            Some((name, text)) => corpus::set_house_style(Some((name, text, true))),
            None => deployment_house_style(browser::fetch_bytes(house_style::URL).await),
        };
        match result {
            Ok(info) => {
                browser::save_house_style(file.as_ref());
                dispatch.emit(Action::HouseStyleSet {
                    info,
                    announce: true,
                });
                match corpus::reload(&added) {
                    Ok(info) => dispatch.emit(Action::CorpusLoaded(info)),
                    Err(e) => dispatch.emit(Action::Announce(e)),
                }
            }
            Err(e) => dispatch.emit(Action::HouseStyleFailed(e)),
        }
    });
}

#[component]
pub fn App() -> Html {
    let embed = use_memo((), |_| crate::embed::from_query(&browser::search()));
    let embedded = embed.is_some();
    let state = use_reducer(move || initial_state(embedded));
    let current_job = use_memo((), |_| Cell::new(0u64));
    let dispatch = {
        let d = state.dispatcher();
        Callback::from(move |a: Action| d.dispatch(a))
    };

    // Load the corpus (a static asset, fetched after the first paint), with
    // the sources this reader added; or, in API mode, the archive server's
    // description. The models and the house style load either way.
    let connecting = use_memo((), |_| Cell::new(0u64));
    {
        let dispatch = dispatch.clone();
        let added = state.added.clone();
        let api = state.api.clone();
        let connecting = connecting.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // A page (or a test) may have loaded an index already.
                let loaded = if corpus::has_index() && api.is_none() {
                    load_corpus(None, added).await
                } else {
                    // The corpus, the models and the house style download in parallel.
                    let loading = load_corpus(api, added);
                    let own_style = (!embedded).then(browser::saved_house_style).flatten();
                    let style = own_style
                        .is_none()
                        .then(|| browser::fetch_bytes(house_style::URL));
                    let models: Vec<_> = corpus::model_urls()
                        .into_iter()
                        .map(browser::fetch_bytes)
                        .collect();
                    let mut fetched = Vec::with_capacity(models.len());
                    for m in models {
                        fetched.push(m.await);
                    }
                    if let Some(notice) = corpus::set_models(fetched) {
                        dispatch.emit(Action::ModelsFailed(notice));
                    }
                    let mut own_failed = None;
                    let style = match (own_style, style) {
                        (Some((name, text)), _) => {
                            match corpus::set_house_style(Some((&name, &text, true))) {
                                Ok(info) => Ok(info),
                                // A kept file this version refuses: the site's instead, and say so.
                                Err(e) => {
                                    own_failed = Some(e);
                                    let fetched = browser::fetch_bytes(house_style::URL).await;
                                    deployment_house_style(fetched)
                                }
                            }
                        }
                        (None, Some(fetched)) => deployment_house_style(fetched.await),
                        (None, None) => Ok(None),
                    };
                    dispatch.emit(match style {
                        Ok(info) => Action::HouseStyleSet {
                            info,
                            announce: false,
                        },
                        Err(e) => Action::HouseStyleFailed(e),
                    });
                    if let Some(e) = own_failed {
                        dispatch.emit(Action::HouseStyleFailed(format!(
                            "{e}. This site's house style is used instead."
                        )));
                    }
                    loading.await
                };
                // Unless another corpus was asked for meanwhile.
                if connecting.get() == 0 {
                    dispatch.emit(loaded);
                }
            });
        });
    }
    // Another archive server, the index file again, or a retry.
    {
        let dispatch = dispatch.clone();
        let added = state.added.clone();
        let api = state.api.clone();
        use_effect_with(state.connects, move |&n| {
            if n > 0 {
                connecting.set(n);
                let loading = load_corpus(api, added);
                wasm_bindgen_futures::spawn_local(async move {
                    let loaded = loading.await;
                    if connecting.get() == n {
                        dispatch.emit(loaded);
                    }
                });
            }
        });
    }
    // Added or removed sources: keep them, and rebuild the corpus with them.
    {
        let dispatch = dispatch.clone();
        let added = state.added.clone();
        use_effect_with(state.added_changes, move |&changes| {
            if changes > 0 {
                if !browser::save_sources(&added) {
                    dispatch.emit(Action::Announce(
                        "This browser would not store the sources: they are used until the page is closed.".into(),
                    ));
                }
                // After the status line has painted: a large corpus takes a moment.
                browser::after(0, move || match corpus::reload(&added) {
                    Ok(info) => dispatch.emit(Action::CorpusLoaded(info)),
                    Err(e) => dispatch.emit(Action::Announce(e)),
                });
            }
        });
    }
    // Widget mode: talk to the host page (see `embed`).
    {
        let embed = embed.clone();
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let mut guards = Vec::new();
            if let Some(e) = &*embed {
                if let Some(theme) = e.theme {
                    browser::set_theme(theme.as_str());
                }
                if let Some(host) = e.host.clone() {
                    guards.extend(browser::listen_to_parent(host.clone(), move |message| {
                        if let Some(text) = crate::embed::text_of_message(message) {
                            dispatch.emit(Action::Edit(text));
                            dispatch.emit(Action::Check);
                        }
                    }));
                    let h = host.clone();
                    guards.extend(browser::on_resize(move || {
                        browser::post_to_parent(
                            &h,
                            &crate::embed::height_message(browser::content_height()),
                        )
                    }));
                    browser::post_to_parent(&host, &crate::embed::ready_message());
                }
            }
            move || drop(guards)
        });
    }
    // The host hears of each height change, result and selection.
    {
        let host = embed.as_ref().as_ref().and_then(|e| e.host.clone());
        let last_height = use_mut_ref(|| 0.0f64);
        let h = host.clone();
        use_effect(move || {
            if let Some(host) = &h {
                let height = browser::content_height();
                if (height - *last_height.borrow()).abs() >= 1.0 {
                    *last_height.borrow_mut() = height;
                    browser::post_to_parent(host, &crate::embed::height_message(height));
                }
            }
        });
        let checked = state.checked.clone();
        let h = host.clone();
        use_effect_with(
            checked.as_ref().map(|c| Rc::as_ptr(c) as usize),
            move |_| {
                if let (Some(host), Some(c)) = (&h, &checked) {
                    browser::post_to_parent(host, &crate::embed::result_message(&c.report));
                }
            },
        );
        let selected = state.selected;
        let report = state.checked.as_ref().map(|c| c.report.clone());
        use_effect_with(selected, move |selected| {
            if let Some(host) = &host {
                let result = selected.and_then(|i| report.as_ref()?.sentences.get(i));
                if selected.is_none() || result.is_some() {
                    browser::post_to_parent(host, &crate::embed::select_message(result));
                }
            }
        });
    }
    // Check whenever a new job is asked for.
    {
        let text = state.text.clone();
        let current = current_job.clone();
        let dispatch = dispatch.clone();
        use_effect_with((state.job, state.ready()), move |&(job, ready)| {
            if job > 0 && ready {
                crate::job::start(job, text, current, dispatch);
            }
        });
    }
    // After typing pauses: save the text and check it.
    {
        let text = state.text.clone();
        let dispatch = dispatch.clone();
        let save = embed.is_none();
        use_effect_with(state.edits, move |&edits| {
            let timer = (edits > 0).then(|| {
                Timeout::new(DEBOUNCE_MS, move || {
                    if save {
                        browser::save_text(&text);
                    }
                    dispatch.emit(Action::AutoCheck);
                })
            });
            move || drop(timer)
        });
    }
    // Leaving the page before typing has paused still keeps the text.
    {
        let latest = use_mut_ref(|| Rc::<str>::from(""));
        *latest.borrow_mut() = state.text.clone();
        let save = embed.is_none();
        use_effect_with((), move |_| {
            let guard = save
                .then(|| browser::on_page_hide(move || browser::save_text(&latest.borrow())))
                .flatten();
            move || drop(guard)
        });
    }

    // Bring opened evidence into view (on a phone it sits below the article).
    use_effect_with(state.selected, |selected| {
        if selected.is_some() {
            browser::reveal("evidence-panel");
        }
    });

    let on_edit = dispatch.reform(Action::Edit);
    let on_check = dispatch.reform(|_| Action::Check);
    let on_example = dispatch.reform(|_| Action::LoadExample);
    let on_select = dispatch.reform(Action::Select);
    let on_filter = dispatch.reform(Action::Filter);
    let on_step = {
        let state = state.clone();
        Callback::from(move |(from, step): (usize, isize)| {
            if let Some(next) = state.neighbour_claim(from, step) {
                if state.selected.is_some() {
                    state.dispatch(Action::Select(Some(next)));
                }
                browser::focus(&sentence_id(next));
            }
        })
    };
    let on_open_source = {
        let dispatch = dispatch.clone();
        // An archive server's documents are not listed: its description instead.
        let remote = state.api.is_some();
        Callback::from(move |doc: String| {
            let i = crate::checker()
                .documents()
                .iter()
                .position(|d| d.id == doc)
                .filter(|_| !remote);
            dispatch.emit(Action::Show(View::Sources(i)));
        })
    };
    let on_export = {
        let state = state.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |kind: Export| {
            let Some(checked) = &state.checked else {
                return;
            };
            let report = &checked.report;
            match kind {
                Export::Json => browser::download(
                    "crosscheck-report.json",
                    "application/json",
                    &export::report_json(report),
                ),
                Export::Markdown => browser::download(
                    "crosscheck-report.md",
                    "text/markdown",
                    &export::markdown(report),
                ),
                Export::ClaimReview => browser::download(
                    "crosscheck-claimreview.jsonld",
                    "application/ld+json",
                    &export::claim_review(report, &browser::today(), None),
                ),
                Export::Link => {
                    let text = checked.text.clone();
                    let dispatch = dispatch.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let Some(deflated) = browser::deflate_raw(text.as_bytes()).await else {
                            dispatch.emit(Action::Announce(
                                "This browser cannot make links (no CompressionStream).".into(),
                            ));
                            return;
                        };
                        let link = browser::link_with_fragment(&share::fragment(&deflated));
                        // The link is shown either way, to copy by hand if need be.
                        let copied = browser::copy(&link).await;
                        dispatch.emit(Action::LinkMade(link));
                        if !copied {
                            dispatch.emit(Action::Announce(
                                "The clipboard is not available here: copy the link below.".into(),
                            ));
                        }
                    });
                }
            }
        })
    };
    // Closing the evidence returns focus to its claim.
    let on_close = {
        let dispatch = dispatch.clone();
        let selected = state.selected;
        Callback::from(move |_| {
            dispatch.emit(Action::Select(None));
            if let Some(i) = selected {
                browser::focus(&sentence_id(i));
            }
        })
    };
    let show = |view: View| dispatch.reform(move |_: MouseEvent| Action::Show(view));
    let on_open_doc = dispatch.reform(|i| Action::Show(View::Sources(i)));

    let selected = state.checked.as_ref().and_then(|c| {
        let i = state.selected?;
        c.report
            .sentences
            .get(i)
            .filter(|r| r.verdict != Verdict::NotAClaim)
            .cloned()
    });
    let on_add = dispatch.reform(Action::AddSources);
    let on_remove = dispatch.reform(Action::RemoveSource);
    let on_house_style = {
        let (added, dispatch) = (state.added.clone(), dispatch.clone());
        Callback::from(move |file| change_house_style(file, added.clone(), dispatch.clone()))
    };
    let on_api = {
        let dispatch = dispatch.clone();
        Callback::from(move |api: Option<String>| {
            browser::save_api(api.as_deref());
            dispatch.emit(Action::SetApi(api));
        })
    };
    let on_retry = dispatch.reform(|_| Action::Check);
    let on_sources = matches!(state.view, View::Sources(_));
    let host = state.api.as_deref().map(crate::server::host);
    // Where verdicts come from, and what leaves the page.
    let footer = match (state.corpus, host) {
        (Some(c), Some(h)) => format!(
            "Corpus: the archive server at {h}, {} documents ({} sentences). Each check sends the article's sentences to it; the verdicts are made in this page.",
            c.documents, c.sentences
        ),
        (None, Some(h)) => format!("Corpus: the archive server at {h}. Each check sends the article's sentences to it."),
        (Some(c), None) => format!(
            "Checked against {} documents ({} sentences). Nothing you paste leaves this page.",
            c.documents, c.sentences
        ),
        (None, None) => "Nothing you paste leaves this page.".into(),
    };

    let compact = embed.as_ref().as_ref().is_some_and(|e| e.compact);
    html! {
        <div class={classes!("app", embedded.then_some("embedded"), compact.then_some("compact"))}>
            <header class="top">
                <h1>{ "crosscheck" }</h1>
                <p class="lede">{ if host.is_some() { "Paste an article: each claim is checked against the newsroom's archive, the verdicts made right here in your browser." } else { "Paste an article: each claim is checked against the bundled news sources, right here in your browser." } }</p>
                <nav aria-label="Views">
                    <button type="button" id="nav-check" aria-current={(!on_sources).then_some("page")} onclick={show(View::Check)}>{ "Check" }</button>
                    <button type="button" id="nav-sources" aria-current={on_sources.then_some("page")} onclick={show(View::Sources(None))}>{ "Sources" }</button>
                </nav>
            </header>
            <main>
                <p id="status" class="status" role="status" aria-live="polite"
                    data-check-ms={state.checked.as_ref().map(|c| crate::hundredths(c.millis))}>
                    { &state.status }
                </p>
                if let Some(error) = &state.api_error {
                    <div class="notice problem">
                        <p id="server-error" role="alert">{ error }</p>
                        <button type="button" id="retry-button" onclick={on_retry}>{ "Retry" }</button>
                    </div>
                }
                if let Some(notice) = &state.models_notice {
                    <p id="models-notice" class="notice" role="alert">{ notice }</p>
                }
                if let Some(notice) = &state.house_style_notice {
                    <p id="house-style-notice" class="notice" role="alert">{ notice }</p>
                }
                if let View::Sources(open) = state.view {
                    <SourcesView {open} on_open={on_open_doc} added={state.added.clone()}
                        can_add={!embedded && state.ready()} {on_add} {on_remove}
                        house_style={state.house_style.clone()}
                        house_style_notice={state.house_style_notice.clone()} {on_house_style}
                        api={state.api.clone()} corpus={state.corpus} can_set_api={!embedded} {on_api} />
                } else {
                    <div class="workspace">
                        <PasteArea text={state.text.clone()} busy={state.progress.is_some()} remote={host.is_some()} {on_edit} {on_check} {on_example} />
                        <section class="results" aria-labelledby="results-heading">
                            <h2 id="results-heading">{ "Checked article" }</h2>
                            if let Some((done, total)) = state.progress {
                                <progress max={total.to_string()} value={done.to_string()} aria-label="Checking">
                                    { format!("{done} of {total}") }
                                </progress>
                            }
                            if let Some(checked) = &state.checked {
                                if let Some(notice) = &checked.report.notice {
                                    <p class="notice">{ notice }</p>
                                }
                                <SummaryBar summary={checked.report.summary.clone()} filter={state.filter} {on_filter} />
                                <AnnotatedArticle text={checked.text.clone()} report={checked.report.clone()}
                                    selected={state.selected} filter={state.filter} {on_select} {on_step} />
                                if let Some(result) = selected {
                                    <EvidencePanel {result} {on_close} {on_open_source} />
                                }
                                <ExportBar {on_export} link={state.link.clone()} />
                            } else {
                                <p class="placeholder">{ "The checked copy of your article appears here, each claim marked supported, conflicting or unsupported." }</p>
                            }
                        </section>
                    </div>
                }
            </main>
            <footer data-engine-ready={state.ready().then_some("true")}>{ footer }</footer>
        </div>
    }
}
