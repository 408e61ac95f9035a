//! The corpus the app checks against: the deployment's prebuilt index
//! (`corpus.idx`, a static asset beside the page, cached apart from the
//! wasm), plus the sources a reader adds in this browser.
//!
//! With an archive server (API mode, see `server`), the corpus is the
//! server's: each check builds checkers of the passages it sends.
//!
//! Wasm runs on one thread, so the current checker is a thread-local that a
//! rebuild swaps; a check in progress keeps the checker it started with.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use crosscheck_engine::models::{ModelFiles, FILES};
use crosscheck_engine::remote::Candidates;
use crosscheck_engine::report::CorpusInfo;
use crosscheck_engine::{corpus, index_file, Checker, Document, HouseStyle, Models, Neighbours};

use crate::house_style::{self, HouseStyleInfo};
use crate::server::{self, Server};

/// Where the app finds its corpus, relative to the page.
pub const INDEX_URL: &str = "corpus.idx";

/// A source a reader added: kept in this browser, checked against with the
/// deployment's corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct AddedSource {
    /// Unique among the corpus's documents ("yours/notes.txt").
    pub id: String,
    pub title: String,
    pub text: String,
}

/// The learned models, served beside the corpus (see `crosscheck_engine::models::FILES`).
pub fn model_urls() -> [&'static str; FILES.len()] {
    FILES
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<Checker>>> = const { RefCell::new(None) };
    /// The learned models the checker uses, kept for rebuilds.
    static MODELS: RefCell<Option<Arc<Models>>> = const { RefCell::new(None) };
    /// The index file as fetched, to rebuild from when added sources change.
    static INDEX: RefCell<Option<Rc<[u8]>>> = const { RefCell::new(None) };
    /// The house style in use, with what the app shows of it.
    static STYLE: RefCell<Option<(Arc<HouseStyle>, HouseStyleInfo)>> = const { RefCell::new(None) };
    /// The archive server in use (API mode), else `None`: the index file.
    static SERVER: RefCell<Option<Rc<Server>>> = const { RefCell::new(None) };
    /// The checkers of the last check's passages in API mode, which hold the
    /// sentences around its evidence.
    static FETCHED: RefCell<Vec<Rc<Checker>>> = const { RefCell::new(Vec::new()) };
}

/// Checks from now on ask this archive server for candidates (`None`: the
/// index file again); returns the server's corpus size.
pub fn use_server(server: Option<Server>) -> Option<CorpusInfo> {
    let info = server.as_ref().map(|s| s.info);
    SERVER.with(|s| *s.borrow_mut() = server.map(Rc::new));
    FETCHED.with(|f| f.borrow_mut().clear());
    info
}

/// The archive server in use, if any.
pub fn server() -> Option<Rc<Server>> {
    SERVER.with(|s| s.borrow().clone())
}

/// A checker of the passages `server` sent (empty `Candidates`: of none),
/// with this page's models and house style; an answer that does not hold
/// together is a message.
pub fn fetched_checker(server: &Server, candidates: Candidates) -> Result<Checker, String> {
    Checker::from_candidates(candidates, server.people.clone(), models())
        .map(|c| c.with_house_style(style()))
        .map_err(|e| {
            format!(
                "The archive server at {} sent passages that do not fit ({e}).",
                server::host(&server.api)
            )
        })
}

/// Keeps the checkers of a finished check's passages, for `neighbours`.
pub fn keep_fetched(checkers: Vec<Rc<Checker>>) {
    FETCHED.with(|f| *f.borrow_mut() = checkers);
}

/// The sentences around an evidence passage: from the corpus, or in API
/// mode from the passages of the last check (the server sends them).
pub fn neighbours(doc: &str, range: [usize; 2]) -> Neighbours {
    if server().is_none() {
        return checker().neighbours(doc, range);
    }
    FETCHED.with(|f| {
        f.borrow()
            .iter()
            .map(|c| c.neighbours(doc, range))
            .find(|n| n.before.is_some() || n.after.is_some())
            .unwrap_or_default()
    })
}

/// Uses a house-style file (`(name, text, own)`), or none, from the next
/// (re)load of the corpus on. A file that is not right is a message naming
/// what is wrong, and the style in use stays.
pub fn set_house_style(file: Option<(&str, &str, bool)>) -> Result<Option<HouseStyleInfo>, String> {
    let next = match file {
        None => None,
        Some((name, text, own)) => {
            let style = house_style::parse(text).map_err(|e| format!("{name}: {e}"))?;
            let info = HouseStyleInfo {
                name: name.to_string(),
                counts: style.counts(),
                own,
            };
            Some((Arc::new(style), info))
        }
    };
    let info = next.as_ref().map(|(_, info)| info.clone());
    STYLE.with(|s| *s.borrow_mut() = next);
    Ok(info)
}

fn style() -> Option<Arc<HouseStyle>> {
    STYLE.with(|s| s.borrow().as_ref().map(|(style, _)| style.clone()))
}

/// The checker in use. Before the corpus loads, an empty one (the app starts
/// no check until then); unit tests get the seed corpus.
pub fn checker() -> Rc<Checker> {
    CURRENT.with(|c| {
        c.borrow_mut()
            .get_or_insert_with(|| {
                #[cfg(test)]
                return Rc::new(Checker::seed());
                #[cfg(not(test))]
                Rc::new(Checker::new(Vec::new()))
            })
            .clone()
    })
}

/// Uses `checker` from now on (the component tests install the seed corpus).
pub fn install(checker: Checker) -> CorpusInfo {
    let info = checker.corpus_info();
    CURRENT.with(|c| *c.borrow_mut() = Some(Rc::new(checker)));
    info
}

/// Reads the model files as fetched (a file that failed is `Err` with why);
/// returns what to tell the reader when one is missing or damaged. The
/// checker then does without it, less accurately.
pub fn set_models(fetched: Vec<Result<Vec<u8>, String>>) -> Option<String> {
    let mut problems: Vec<String> = fetched
        .iter()
        .filter_map(|f| f.as_ref().err().cloned())
        .collect();
    let mut files = ModelFiles::from_list(fetched.into_iter().map(Result::ok).collect());
    if let Some(table) = files.lexicon.take() {
        if table.lines().filter(|l| !l.starts_with('#')).count() < 1_000 {
            problems.push("lexicon.txt: not a lexicon table".into());
        } else {
            crosscheck_engine::lexicon::Lexicon::install(&table);
        }
    }
    let models = Models::from_files(files);
    problems.extend(models.problems.iter().cloned());
    MODELS.with(|m| *m.borrow_mut() = Some(Arc::new(models)));
    (!problems.is_empty()).then(|| {
        format!(
            "A model file could not be used ({}): verdicts are less accurate until it is fixed.",
            problems.join("; ")
        )
    })
}

fn models() -> Arc<Models> {
    MODELS
        .with(|m| m.borrow().clone())
        .unwrap_or_else(Models::default_for_build)
}

/// Reads an index file and adds `added` to it; a damaged or outdated file
/// is an error to show, and the previous corpus stays in use.
pub fn load(index: Rc<[u8]>, added: &[AddedSource]) -> Result<CorpusInfo, String> {
    let style = style();
    let mut checker = index_file::read(&index)
        .map_err(|e| e.to_string())?
        .with_models(models())
        .with_house_style(style.clone());
    // The index's own documents were prepared when it was built.
    let added: Vec<Document> = added.iter().map(AddedSource::document).collect();
    checker.add_documents(match &style {
        Some(style) => style.prepare_all(added),
        None => added,
    });
    INDEX.with(|i| *i.borrow_mut() = Some(index));
    Ok(install(checker))
}

/// Whether an index file is loaded (the app then need not fetch one).
pub fn has_index() -> bool {
    INDEX.with(|i| i.borrow().is_some())
}

/// Rebuilds the corpus with a new set of added sources. With an archive
/// server, which takes none, nothing changes: checks read the house style
/// as they run.
pub fn reload(added: &[AddedSource]) -> Result<CorpusInfo, String> {
    if let Some(s) = server() {
        return Ok(s.info);
    }
    let index = INDEX
        .with(|i| i.borrow().clone())
        .ok_or("the sources have not loaded yet")?;
    load(index, added)
}

impl AddedSource {
    /// A source from a file's name and contents, or from pasted text
    /// (`name` None): HTML is reduced to its article text. Text that
    /// is not readable (a binary file) is refused with a message.
    pub fn from_input(
        name: Option<&str>,
        content: &str,
        taken: &[String],
    ) -> Result<AddedSource, String> {
        let label = name.unwrap_or("The pasted text");
        let lower = name.unwrap_or_default().to_ascii_lowercase();
        // Markdown is read as plain text: its marks are few and harmless.
        let (title, text) = if lower.ends_with(".html") || lower.ends_with(".htm") {
            corpus::markup::html_text(content)
        } else {
            (None, content.to_string())
        };
        // Control characters carry nothing in prose, and the stored form uses two.
        let text: String = text
            .trim()
            .chars()
            .filter(|c| !c.is_control() || c.is_whitespace())
            .collect();
        if text.is_empty() {
            return Err(format!("{label} has no text to add."));
        }
        if text.len() > crosscheck_engine::MAX_INPUT_BYTES {
            return Err(format!("{label} is too long to add (over 2 MB of text)."));
        }
        let unreadable = content
            .chars()
            .filter(|&c| c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace()))
            .count();
        if unreadable * 100 > content.chars().count() {
            return Err(format!(
                "{label} does not look like text: add .txt, .md or .html files."
            ));
        }
        let wanted = format!("yours/{}", name.unwrap_or("pasted text"));
        let id = (1..)
            .map(|n| {
                if n == 1 {
                    wanted.clone()
                } else {
                    format!("{wanted} ({n})")
                }
            })
            .find(|id| !taken.contains(id))
            .unwrap_or(wanted);
        let title = title.unwrap_or_else(|| corpus::document(id.clone(), text.clone(), None).title);
        Ok(AddedSource { id, title, text })
    }

    /// The stored form of a list of sources: fields split by U+001F, sources
    /// by U+001E (neither can occur in a source: see `from_input`). Plain
    /// text keeps a JSON parser for this one list out of the wasm.
    pub fn to_stored(sources: &[AddedSource]) -> String {
        let records: Vec<String> = sources
            .iter()
            .map(|s| [s.id.as_str(), &s.title, &s.text].join("\u{1F}"))
            .collect();
        records.join("\u{1E}")
    }

    /// Sources from their stored form; damaged records are dropped.
    pub fn from_stored(stored: &str) -> Vec<AddedSource> {
        stored
            .split('\u{1E}')
            .filter_map(|record| {
                let mut fields = record.split('\u{1F}');
                let (id, title, text) = (fields.next()?, fields.next()?, fields.next()?);
                let source = AddedSource {
                    id: id.into(),
                    title: title.into(),
                    text: text.into(),
                };
                (fields.next().is_none() && !source.text.is_empty()).then_some(source)
            })
            .collect()
    }

    fn document(&self) -> Document {
        corpus::document(self.id.clone(), self.text.clone(), Some(self.title.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_from_input() {
        let html = "<html><head><title>Ferry vote</title></head><body><script>x()</script><p>The council approved the ferry terminal.</p></body></html>";
        let s = AddedSource::from_input(Some("vote.html"), html, &[]).unwrap();
        assert_eq!(s.id, "yours/vote.html");
        assert_eq!(s.title, "Ferry vote");
        assert_eq!(s.text, "The council approved the ferry terminal.");
        let taken = vec!["yours/vote.html".to_string()];
        let again = AddedSource::from_input(Some("vote.html"), html, &taken).unwrap();
        assert_eq!(again.id, "yours/vote.html (2)");
        let pasted = AddedSource::from_input(
            None,
            "Ferry terminal approved\n\nThe council voted on Tuesday.",
            &[],
        )
        .unwrap();
        assert_eq!(pasted.id, "yours/pasted text");
        assert_eq!(pasted.title, "Ferry terminal approved");
        for (name, content, says) in [
            (None, "  \n ", "no text"),
            (Some("a.html"), "<script>only()</script>", "no text"),
            (
                Some("photo.txt"),
                "\u{FFFD}\u{FFFD}PNG\u{1}\u{2}\u{FFFD} data",
                "does not look like text",
            ),
        ] {
            let e = AddedSource::from_input(name, content, &[]).unwrap_err();
            assert!(e.contains(says), "{e}");
        }
    }

    #[test]
    fn stored_sources_round_trip() {
        let sources = vec![
            AddedSource::from_input(
                Some("a.txt"),
                "First source.\n\nWith a second paragraph.",
                &[],
            )
            .unwrap(),
            AddedSource::from_input(
                None,
                &format!(
                    "Pasted \u{1E}text\u{1F} with separators. {}",
                    "More prose. ".repeat(20)
                ),
                &[],
            )
            .unwrap(),
        ];
        assert!(sources[1].text.starts_with("Pasted text with separators."));
        let stored = AddedSource::to_stored(&sources);
        assert_eq!(AddedSource::from_stored(&stored), sources);
        assert_eq!(AddedSource::from_stored(""), vec![]);
        assert_eq!(AddedSource::from_stored("only\u{1F}two"), vec![]);
    }

    #[test]
    fn load_adds_sources_and_refuses_bad_files() {
        let index: Rc<[u8]> = index_file::write(&Checker::seed()).into();
        let added = AddedSource::from_input(
            None,
            "Harbour Council approved the new ferry terminal on Tuesday.",
            &[],
        )
        .unwrap();
        let size = load(index.clone(), std::slice::from_ref(&added)).unwrap();
        assert_eq!(size.documents, 6);
        let r = checker().check_claim("Harbour Council approved the new ferry terminal.");
        assert_eq!(r.evidence[0].doc, "yours/pasted text");
        assert_eq!(reload(&[]).unwrap().documents, 5);
        let e = load(index[..100].into(), &[]).unwrap_err();
        assert!(e.contains("damaged"), "{e}");
        assert_eq!(checker().documents().len(), 5, "the previous corpus stays");
    }
}
