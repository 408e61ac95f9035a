//! The app's one state and the actions that change it. The reducer is plain
//! Rust with no browser calls, so it is tested natively.

use std::rc::Rc;

use crosscheck_engine::report::CorpusInfo;
use crosscheck_engine::{Report, Verdict};
use yew::Reducible;

use crate::corpus::AddedSource;
use crate::house_style::HouseStyleInfo;

/// A finished check: the text it was made for and its report.
#[derive(Debug, PartialEq)]
pub struct Checked {
    pub text: Rc<str>,
    pub report: Rc<Report>,
    /// Engine time in milliseconds, pauses between time slices excluded.
    pub millis: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Check,
    /// The bundled corpus; `Some(i)` shows document `i`.
    Sources(Option<usize>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub text: Rc<str>,
    /// Counts edits, so effects can wait for typing to pause without
    /// comparing megabytes of text.
    pub edits: u64,
    /// The check in progress or last started; a newer one cancels older ones.
    pub job: u64,
    /// The text of the check in progress, if one runs.
    pub checking: Option<Rc<str>>,
    /// Sentences checked and total while a long check runs.
    pub progress: Option<(usize, usize)>,
    pub checked: Option<Rc<Checked>>,
    /// The sentence whose evidence is open.
    pub selected: Option<usize>,
    /// Only claims of this verdict are highlighted.
    pub filter: Option<Verdict>,
    pub view: View,
    /// The latest message for screen readers (and the visible status line).
    pub status: String,
    /// The last link made by "Copy link", shown so it can be copied by hand.
    pub link: Option<String>,
    /// The corpus's size, once loaded.
    pub corpus: Option<CorpusInfo>,
    /// Why the corpus could not be loaded: no check can run, so none waits.
    pub corpus_error: Option<String>,
    /// A model file that could not be used: checks run, less accurately.
    pub models_notice: Option<String>,
    /// The sources this reader added, checked against with the corpus.
    pub added: Rc<Vec<AddedSource>>,
    /// Counts changes to `added`, for the effect that saves them and rebuilds the corpus.
    pub added_changes: u64,
    /// The house style in use (the deployment's or the reader's own file).
    pub house_style: Option<HouseStyleInfo>,
    /// Why a house-style file could not be used, until one is.
    pub house_style_notice: Option<String>,
    /// The archive server's address in API mode (as given; `None`: the
    /// index file). Its corpus is then the one checked against.
    pub api: Option<Rc<str>>,
    /// Why the archive server could not be used, shown with a Retry button
    /// until a check or a connection succeeds.
    pub api_error: Option<String>,
    /// Counts requests to (re)load the corpus: another server, the index
    /// file again, or a retry of a server that failed.
    pub connects: u64,
}

impl Default for State {
    fn default() -> Self {
        State {
            text: Rc::from(""),
            edits: 0,
            job: 0,
            checking: None,
            progress: None,
            checked: None,
            selected: None,
            filter: None,
            view: View::Check,
            status: String::new(),
            link: None,
            corpus: None,
            corpus_error: None,
            models_notice: None,
            added: Rc::default(),
            added_changes: 0,
            house_style: None,
            house_style_notice: None,
            api: None,
            api_error: None,
            connects: 0,
        }
    }
}

impl State {
    /// The state on opening the page with `text` (from a link or storage),
    /// which is checked straight away.
    pub fn with_text(text: String) -> State {
        let job = u64::from(!text.trim().is_empty());
        let text: Rc<str> = text.into();
        State {
            checking: (job > 0).then(|| text.clone()),
            text,
            job,
            ..State::default()
        }
    }

    /// The corpus is loaded. The page is usable before: checks asked for
    /// meanwhile wait for it.
    pub fn ready(&self) -> bool {
        self.corpus.is_some()
    }

    /// Asks for a check of the current text as a new job (the app's effect
    /// runs it); an older job still running is cancelled.
    fn start_check(&mut self) {
        if let Some(error) = &self.corpus_error {
            self.status = error.clone();
            return;
        }
        // The server never answered: asking again connects again.
        if self.api_error.is_some() && !self.ready() {
            self.connects += 1;
        }
        self.job += 1;
        self.checking = Some(self.text.clone());
        self.progress = None;
    }

    /// Indices of the claims the filter shows, in order.
    pub fn visible_claims(&self) -> Vec<usize> {
        let Some(c) = &self.checked else {
            return Vec::new();
        };
        c.report
            .sentences
            .iter()
            .filter(|r| {
                r.verdict != Verdict::NotAClaim && self.filter.is_none_or(|f| f == r.verdict)
            })
            .map(|r| r.index)
            .collect()
    }

    /// The claim `step` places after (or before) `from` among the visible ones.
    pub fn neighbour_claim(&self, from: usize, step: isize) -> Option<usize> {
        let claims = self.visible_claims();
        let pos = claims.iter().position(|&i| i == from);
        let next = match pos {
            Some(p) => p as isize + step,
            None if step > 0 => claims.iter().position(|&i| i > from)? as isize,
            None => claims.iter().rposition(|&i| i < from)? as isize,
        };
        usize::try_from(next)
            .ok()
            .and_then(|n| claims.get(n).copied())
    }
}

pub enum Action {
    Edit(String),
    LoadExample,
    /// Check the current text now (the Check button).
    Check,
    /// Check the text unless it is already checked or being checked (typing paused).
    AutoCheck,
    Progress {
        job: u64,
        done: usize,
        total: usize,
    },
    Finished {
        job: u64,
        checked: Checked,
    },
    Select(Option<usize>),
    Filter(Option<Verdict>),
    Show(View),
    /// A message for the status line and screen readers.
    Announce(String),
    LinkMade(String),
    /// The corpus (re)loaded: checks can run, and the text is checked again.
    CorpusLoaded(CorpusInfo),
    /// The corpus could not be loaded (a missing or damaged index file).
    CorpusFailed(String),
    /// A model file could not be used; the message says which and why.
    ModelsFailed(String),
    AddSources(Vec<AddedSource>),
    /// A house style is in use (or none); `announce` when the reader chose it.
    HouseStyleSet {
        info: Option<HouseStyleInfo>,
        announce: bool,
    },
    /// A house-style file could not be used; the message names what is wrong.
    HouseStyleFailed(String),
    /// Removes the added source with this id.
    RemoveSource(String),
    /// Checks against this archive server from now on (`None`: the index file).
    SetApi(Option<String>),
    /// The archive server could not be reached or read; the message says why.
    ServerFailed(String),
    /// A check could not finish (in API mode: the server failed on the way).
    CheckFailed {
        job: u64,
        error: String,
    },
}

impl State {
    /// The server failed: no check runs until the reader retries (the text stays).
    fn fail(&mut self, error: String) {
        self.status = String::new();
        self.api_error = Some(error);
        self.checking = None;
        self.progress = None;
    }
}

/// "3 patterns for sentences that are not claims, 2 for lines to drop, 1 for metadata".
pub fn house_style_counts([claims, lines, metadata]: [usize; 3]) -> String {
    let plural = |n: usize| if n == 1 { "pattern" } else { "patterns" };
    format!(
        "{claims} {} for sentences that are not claims, {lines} for lines to drop, {metadata} for metadata",
        plural(claims)
    )
}

fn summary_sentence(report: &Report, millis: f64) -> String {
    let s = &report.summary;
    if let Some(notice) = &report.notice {
        if s.supported + s.conflicting + s.unsupported == 0 {
            return notice.clone();
        }
    }
    format!(
        "Checked {} sentences in {} ms: {} supported, {} conflicting, {} unsupported.",
        report.sentences.len(),
        millis.round() as u64,
        s.supported,
        s.conflicting,
        s.unsupported
    )
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Cheap: the article and the report are shared, not copied.
        let mut next = (*self).clone();
        match action {
            Action::Edit(text) => {
                next.text = text.into();
                next.edits += 1;
                next.link = None;
            }
            Action::LoadExample => {
                next.text = crate::EXAMPLE.into();
                next.edits += 1;
                next.start_check();
                next.view = View::Check;
                next.link = None;
            }
            Action::Check => {
                next.start_check();
                next.view = View::Check;
            }
            Action::AutoCheck => {
                let same = |t: &Rc<str>| Rc::ptr_eq(t, &self.text) || **t == *self.text;
                let done = self.checked.as_ref().is_some_and(|c| same(&c.text));
                if done || self.checking.as_ref().is_some_and(same) {
                    return self;
                }
                next.start_check();
            }
            Action::Progress { job, done, total } => {
                if job == self.job {
                    next.progress = Some((done, total));
                }
            }
            Action::Finished { job, checked } => {
                if job == self.job {
                    next.status = summary_sentence(&checked.report, checked.millis);
                    // Keep the open evidence if that sentence is still a claim.
                    next.selected = self.selected.filter(|&i| {
                        checked
                            .report
                            .sentences
                            .get(i)
                            .is_some_and(|r| r.verdict != Verdict::NotAClaim)
                    });
                    next.checked = Some(Rc::new(checked));
                    next.checking = None;
                    next.progress = None;
                    next.api_error = None;
                }
            }
            Action::CheckFailed { job, error } => {
                if job == self.job {
                    next.fail(error);
                }
            }
            Action::ServerFailed(error) => next.fail(error),
            Action::SetApi(api) => {
                next.status = match &api {
                    Some(a) => format!(
                        "Connecting to the archive server at {}…",
                        crate::server::host(a)
                    ),
                    None => "Using the sources bundled with the page.".into(),
                };
                next.api = api.map(Rc::from);
                next.api_error = None;
                next.corpus = None;
                next.corpus_error = None;
                next.connects += 1;
            }
            Action::Select(index) => {
                next.selected = index;
            }
            Action::Filter(filter) => {
                next.filter = filter;
                if let Some(i) = next.selected {
                    if !next.visible_claims().contains(&i) {
                        next.selected = None;
                    }
                }
                next.status = match filter {
                    Some(v) => format!("Showing only claims marked {}.", v.as_str()),
                    None => "Showing all claims.".to_string(),
                };
            }
            Action::Show(view) => {
                next.view = view;
            }
            Action::Announce(message) => {
                next.status = message;
            }
            Action::CorpusLoaded(info) => {
                next.corpus = Some(info);
                next.api_error = None;
                if !next.text.trim().is_empty() {
                    next.start_check();
                }
            }
            Action::ModelsFailed(message) => {
                next.models_notice = Some(message);
            }
            Action::HouseStyleSet { info, announce } => {
                if announce {
                    next.status = match &info {
                        Some(i) => format!(
                            "Using the house style {}: {}.",
                            i.name,
                            house_style_counts(i.counts)
                        ),
                        None => "No house style in use.".into(),
                    };
                }
                next.house_style = info;
                next.house_style_notice = None;
            }
            Action::HouseStyleFailed(message) => {
                next.status = format!("The house style could not be used: {message}");
                next.house_style_notice = Some(next.status.clone());
            }
            Action::CorpusFailed(error) => {
                let message = format!(
                    "The sources could not be loaded ({error}), so nothing can be checked. Reload the page to try again."
                );
                next.status = message.clone();
                next.corpus_error = Some(message);
                next.checking = None;
                next.progress = None;
            }
            Action::AddSources(sources) => {
                if sources.is_empty() {
                    return self;
                }
                next.status = match sources.as_slice() {
                    [one] => format!("Added the source “{}”.", one.title),
                    many => format!("Added {} sources.", many.len()),
                };
                let mut added = (*self.added).clone();
                added.extend(sources);
                next.added = Rc::new(added);
                next.added_changes += 1;
            }
            Action::RemoveSource(id) => {
                let Some(gone) = self.added.iter().find(|s| s.id == id) else {
                    return self;
                };
                next.status = format!("Removed the source “{}”.", gone.title);
                next.added = Rc::new(self.added.iter().filter(|s| s.id != id).cloned().collect());
                next.added_changes += 1;
                // Document positions shift: back to the list.
                if matches!(next.view, View::Sources(Some(_))) {
                    next.view = View::Sources(None);
                }
            }
            Action::LinkMade(link) => {
                next.link = Some(link);
                next.status =
                    "Link copied: it holds the article, so anyone with it sees this check."
                        .to_string();
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: Rc<State>, action: Action) -> Rc<State> {
        state.reduce(action)
    }

    /// The example's first check, finished.
    fn example_checked(s: Rc<State>) -> Rc<State> {
        let checked = checked(crate::EXAMPLE);
        reduce(s, Action::Finished { job: 1, checked })
    }

    fn checked(text: &str) -> Checked {
        Checked {
            text: text.into(),
            report: Rc::new(crate::checker().check_article(text)),
            millis: 3.0,
        }
    }

    #[test]
    fn editing_counts_edits_and_keeps_the_last_result() {
        let s = Rc::new(State::default());
        let s = reduce(s, Action::LoadExample);
        assert_eq!((s.edits, s.job), (1, 1));
        let s = example_checked(s);
        assert!(
            s.status.starts_with("Checked 9 sentences in 3 ms:"),
            "{}",
            s.status
        );
        let s = reduce(s, Action::Edit("New text.".into()));
        assert_eq!((s.edits, s.job), (2, 1));
        assert!(
            s.checked.is_some(),
            "the old result stays until the new check ends"
        );
    }

    #[test]
    fn typing_pauses_check_only_new_text() {
        let s = Rc::new(State::default());
        let s = reduce(s, Action::LoadExample);
        let s = reduce(s.clone(), Action::AutoCheck);
        assert_eq!(s.job, 1, "the example is already being checked");
        let s = example_checked(s);
        let same = reduce(s.clone(), Action::AutoCheck);
        assert!(Rc::ptr_eq(&same, &s), "nothing changed, nothing to do");
        let s = reduce(s, Action::Edit(format!("{} More.", crate::EXAMPLE)));
        let s = reduce(s, Action::AutoCheck);
        assert_eq!(s.job, 2);
        assert!(s.checking.is_some());
    }

    #[test]
    fn a_loaded_corpus_rechecks_the_text() {
        let info = CorpusInfo {
            documents: 5,
            sentences: 119,
        };
        let s = Rc::new(State::with_text("One claim here.".into()));
        assert!(
            !s.ready() && s.job == 1,
            "asked for, waiting for the corpus"
        );
        let s = reduce(s, Action::CorpusLoaded(info));
        assert!(s.ready());
        assert_eq!((s.corpus, s.job), (Some(info), 2));
        let empty = reduce(Rc::new(State::default()), Action::CorpusLoaded(info));
        assert_eq!(empty.job, 0, "nothing to check");
        let failed = reduce(
            Rc::new(State::with_text("One claim here.".into())),
            Action::CorpusFailed("corpus.idx: HTTP 404".into()),
        );
        assert!(!failed.ready());
        assert!(
            failed.checking.is_none(),
            "no check waits for a corpus that failed"
        );
        assert!(
            failed.status.contains("corpus.idx: HTTP 404"),
            "{}",
            failed.status
        );
        // Asking again says why instead of waiting in silence.
        let asked = reduce(
            reduce(failed, Action::Announce(String::new())),
            Action::Check,
        );
        assert!(asked.checking.is_none());
        assert!(
            asked.status.contains("corpus.idx: HTTP 404"),
            "{}",
            asked.status
        );
    }

    #[test]
    fn sources_are_added_and_removed() {
        let source = |id: &str| AddedSource {
            id: id.into(),
            title: format!("Title of {id}"),
            text: "The council approved the ferry terminal.".into(),
        };
        let s = Rc::new(State::default());
        let same = reduce(s.clone(), Action::AddSources(Vec::new()));
        assert!(Rc::ptr_eq(&same, &s));
        let s = reduce(s, Action::AddSources(vec![source("yours/a.txt")]));
        assert_eq!(s.status, "Added the source “Title of yours/a.txt”.");
        let s = reduce(
            s,
            Action::AddSources(vec![source("yours/b.txt"), source("yours/c.txt")]),
        );
        assert_eq!(s.status, "Added 2 sources.");
        assert_eq!((s.added.len(), s.added_changes), (3, 2));
        let s = reduce(s, Action::Show(View::Sources(Some(6))));
        let s = reduce(s, Action::RemoveSource("yours/b.txt".into()));
        assert_eq!(
            s.added.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["yours/a.txt", "yours/c.txt"]
        );
        assert_eq!(s.added_changes, 3);
        assert_eq!(
            s.view,
            View::Sources(None),
            "positions shifted: back to the list"
        );
        let same = reduce(s.clone(), Action::RemoveSource("yours/b.txt".into()));
        assert!(Rc::ptr_eq(&same, &s), "already gone");
    }

    #[test]
    fn a_newer_check_wins_over_a_stale_one() {
        let s = Rc::new(State::with_text("One claim here.".into()));
        assert_eq!(s.job, 1);
        let s = reduce(s, Action::Check);
        let s = reduce(
            s,
            Action::Finished {
                job: 1,
                checked: checked("stale"),
            },
        );
        assert!(s.checked.is_none(), "job 1 was replaced by job 2");
        let s = reduce(
            s,
            Action::Progress {
                job: 2,
                done: 5,
                total: 10,
            },
        );
        assert_eq!(s.progress, Some((5, 10)));
        let s = reduce(
            s,
            Action::Finished {
                job: 2,
                checked: checked("One claim here."),
            },
        );
        assert_eq!(s.progress, None);
        assert_eq!(&*s.checked.as_ref().unwrap().text, "One claim here.");
        assert_eq!(
            State::with_text("  ".into()).job,
            0,
            "blank text is not checked"
        );
    }

    #[test]
    fn moving_between_claims_follows_the_filter() {
        let s = Rc::new(State::with_text(crate::EXAMPLE.into()));
        let s = example_checked(s);
        let claims = s.visible_claims();
        assert!(claims.len() >= 6);
        assert!(!claims.contains(&1), "the byline is not a claim");
        assert_eq!(s.neighbour_claim(claims[0], 1), Some(claims[1]));
        assert_eq!(s.neighbour_claim(claims[1], -1), Some(claims[0]));
        assert_eq!(s.neighbour_claim(claims[0], -1), None);
        assert_eq!(
            s.neighbour_claim(1, 1),
            Some(claims[1]),
            "from a non-claim to the next claim"
        );

        let s = reduce(s, Action::Select(Some(claims[0])));
        let s = reduce(s, Action::Filter(Some(Verdict::Conflicting)));
        let conflicts = s.visible_claims();
        assert!(!conflicts.is_empty());
        let report = &s.checked.as_ref().unwrap().report;
        assert!(conflicts
            .iter()
            .all(|&i| report.sentences[i].verdict == Verdict::Conflicting));
        assert_eq!(s.selected, None, "a hidden claim's evidence closes");
        assert_eq!(s.status, "Showing only claims marked conflicting.");
        let s = reduce(s, Action::Filter(None));
        assert_eq!(s.visible_claims(), claims);
    }

    #[test]
    fn evidence_stays_open_across_a_recheck_of_the_same_claim() {
        let s = Rc::new(State::with_text(crate::EXAMPLE.into()));
        let s = example_checked(s);
        let first = s.visible_claims()[0];
        let s = reduce(s, Action::Select(Some(first)));
        let s = reduce(s, Action::Check);
        let s = reduce(
            s,
            Action::Finished {
                job: 2,
                checked: checked(crate::EXAMPLE),
            },
        );
        assert_eq!(s.selected, Some(first));
        let s = reduce(s, Action::Check);
        let s = reduce(
            s,
            Action::Finished {
                job: 3,
                checked: checked(""),
            },
        );
        assert_eq!(s.selected, None);
        assert_eq!(s.status, "There is no text to check: paste an article.");
    }

    #[test]
    fn an_archive_server_is_chosen_and_a_failure_keeps_the_text_and_retries() {
        let info = CorpusInfo {
            documents: 5,
            sentences: 114,
        };
        let s = Rc::new(State::with_text("One claim here.".into()));
        let s = reduce(s, Action::SetApi(Some("https://news.example/api".into())));
        assert_eq!(
            s.status,
            "Connecting to the archive server at news.example…"
        );
        assert_eq!((s.connects, s.ready()), (1, false));
        // The server is down: said, with the text kept and nothing waiting.
        let s = reduce(s, Action::ServerFailed("unreachable".into()));
        assert_eq!(s.api_error.as_deref(), Some("unreachable"));
        assert_eq!(&*s.text, "One claim here.");
        assert!(s.checking.is_none() && s.status.is_empty());
        // Retry (or Check) connects again and checks once connected.
        let s = reduce(s, Action::Check);
        assert_eq!((s.connects, s.job), (2, 2));
        assert!(s.api_error.is_some(), "the message stays until it works");
        let s = reduce(s, Action::CorpusLoaded(info));
        assert_eq!((s.api_error.as_ref(), s.job), (None, 3));
        // A check the server fails: only the current job's failure counts.
        let stale = reduce(
            s.clone(),
            Action::CheckFailed {
                job: 2,
                error: "old".into(),
            },
        );
        assert!(stale.api_error.is_none());
        let s = reduce(
            s,
            Action::CheckFailed {
                job: 3,
                error: "The archive server at news.example did not answer within 15 seconds."
                    .into(),
            },
        );
        assert!(s.api_error.as_ref().unwrap().contains("15 seconds"));
        assert!(s.checking.is_none() && s.progress.is_none());
        let s = reduce(s, Action::Check);
        assert_eq!(
            (s.connects, s.job),
            (2, 4),
            "connected: a retry only checks again"
        );
        let s = reduce(
            s,
            Action::Finished {
                job: 4,
                checked: checked("One claim here."),
            },
        );
        assert!(s.api_error.is_none());
        let s = reduce(s, Action::SetApi(None));
        assert_eq!(s.status, "Using the sources bundled with the page.");
        assert_eq!((s.api.as_ref(), s.connects, s.ready()), (None, 3, false));
    }

    #[test]
    fn house_style_changes_are_said_and_failures_kept() {
        let info = HouseStyleInfo {
            name: "ours.toml".into(),
            counts: [1, 2, 0],
            own: true,
        };
        let s = Rc::new(State::default());
        let s = reduce(
            s,
            Action::HouseStyleFailed("ours.toml: drop_lines pattern \"(?=x)\": lookahead".into()),
        );
        assert!(s.status.contains("(?=x)"), "{}", s.status);
        assert!(s.house_style_notice.is_some());
        let s = reduce(
            s,
            Action::HouseStyleSet {
                info: Some(info.clone()),
                announce: true,
            },
        );
        assert_eq!(
            s.status,
            "Using the house style ours.toml: 1 pattern for sentences that are not claims, 2 for lines to drop, 0 for metadata."
        );
        assert_eq!(
            (s.house_style.as_ref(), s.house_style_notice.as_ref()),
            (Some(&info), None)
        );
        let quiet = reduce(
            s.clone(),
            Action::HouseStyleSet {
                info: None,
                announce: false,
            },
        );
        assert_eq!(
            (quiet.house_style.as_ref(), &quiet.status),
            (None, &s.status)
        );
    }
}
