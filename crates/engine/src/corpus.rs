//! The reference corpus: documents loaded from a folder of `.txt` files or a
//! JSON Lines file, split into sentences with offsets. The seed corpus is
//! compiled in.

use std::fmt;
use std::path::Path;

use serde::Deserialize;

use crate::segment::split_sentences;

pub mod markup;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// File name for a folder corpus, the `doc` field for JSON Lines.
    pub id: String,
    pub title: String,
    pub text: String,
    /// The title was given by the corpus (a JSON Lines `doc` or `title`), so it
    /// names what the document is about, as a Wikipedia page title does; a title
    /// guessed from the first line does not.
    pub titled: bool,
    /// Where the document lives, if the corpus says (JSON Lines `url`).
    #[serde(default)]
    pub url: Option<String>,
    /// When it was published, as the corpus gives it (JSON Lines `date`).
    #[serde(default)]
    pub date: Option<String>,
}

/// A sentence of the corpus: which document, and its byte range there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SentenceRef {
    pub doc: u32,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug)]
pub enum CorpusError {
    Io {
        path: String,
        message: String,
    },
    Parse {
        path: String,
        line: usize,
        message: String,
    },
    Empty {
        path: String,
    },
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusError::Io { path, message } => write!(f, "cannot read corpus {path}: {message}"),
            CorpusError::Parse {
                path,
                line,
                message,
            } => {
                write!(f, "corpus {path}, line {line}: {message} (expected {{\"doc\": ..., \"text\": ...}})")
            }
            CorpusError::Empty { path } => write!(f, "corpus {path} has no documents with text"),
        }
    }
}

impl std::error::Error for CorpusError {}

/// The five seed articles, compiled in.
#[cfg(feature = "seed")]
pub fn seed_documents() -> Vec<Document> {
    macro_rules! seed {
        ($($name:literal),* $(,)?) => {
            vec![$(document($name.to_string(), include_str!(concat!("../../../corpus/seed/", $name)).to_string(), None)),*]
        };
    }
    seed!(
        "000_334b42ead56dc77d.txt",
        "001_3b5f60230644918c.txt",
        "002_1e1894be3030caf2.txt",
        "003_18860baecce11032.txt",
        "004_f5788c6caecc39ad.txt",
    )
}

/// Builds a document; without a given title, the first line stands in when it
/// reads like a headline, else the opening words.
pub fn document(id: String, text: String, title: Option<String>) -> Document {
    let given = title.filter(|t| !t.trim().is_empty());
    let titled = given.is_some();
    let title = given.unwrap_or_else(|| default_title(&text, &id));
    Document {
        id,
        title,
        text,
        titled,
        url: None,
        date: None,
    }
}

pub(crate) fn default_title(text: &str, id: &str) -> String {
    let first_line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let words: Vec<&str> = first_line.split_whitespace().collect();
    if words.is_empty() {
        return id.to_string();
    }
    if words.len() <= 14 && !first_line.ends_with('.') {
        return first_line.to_string();
    }
    let mut title: String = words.iter().take(12).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 12 {
        title.push('…');
    }
    title
}

/// Loads a folder of `.txt`, `.md` and `.html` files (sorted by name) or a
/// JSON Lines file.
pub fn load(path: &Path) -> Result<Vec<Document>, CorpusError> {
    load_with_warnings(path).map(|(docs, _)| docs)
}

/// As [`load`], also saying which documents were skipped and why.
pub fn load_with_warnings(path: &Path) -> Result<(Vec<Document>, Vec<String>), CorpusError> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| CorpusError::Io {
        path: shown.clone(),
        message: e.to_string(),
    };
    let mut warnings = Vec::new();
    let docs = if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(io)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| ["txt", "md", "html", "htm"].iter().any(|x| e == *x))
            })
            .collect();
        files.sort();
        let mut docs = Vec::new();
        for file in files {
            let bytes = std::fs::read(&file).map_err(io)?;
            let raw = String::from_utf8_lossy(&bytes);
            let id = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (title, text) = match file.extension().and_then(|e| e.to_str()) {
                Some("html" | "htm") => markup::html_text(&raw),
                Some("md") => markup::markdown_text(&raw),
                _ => (None, raw.into_owned()),
            };
            if text.trim().is_empty() {
                warnings.push(format!("{id}: no text, skipped"));
            } else {
                docs.push(document(id, text, title));
            }
        }
        docs
    } else {
        let bytes = std::fs::read(path).map_err(io)?;
        let (docs, skipped) = parse_jsonl_skipping(&String::from_utf8_lossy(&bytes), &shown)?;
        warnings.extend(
            skipped
                .into_iter()
                .map(|id| format!("{id}: no text, skipped")),
        );
        docs
    };
    if docs.is_empty() {
        return Err(CorpusError::Empty { path: shown });
    }
    Ok((docs, warnings))
}

#[derive(Deserialize)]
struct JsonLine {
    doc: serde_json::Value,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// Parses JSON Lines corpus text. Lines sharing a `doc` are joined in order, as
/// separate paragraphs (FEVER-style corpora give one sentence a line).
pub fn parse_jsonl(text: &str, path: &str) -> Result<Vec<Document>, CorpusError> {
    parse_jsonl_skipping(text, path).map(|(docs, _)| docs)
}

/// As [`parse_jsonl`], also giving the ids of documents without text.
fn parse_jsonl_skipping(
    text: &str,
    path: &str,
) -> Result<(Vec<Document>, Vec<String>), CorpusError> {
    let mut docs: Vec<Document> = Vec::new();
    let mut by_id: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed: JsonLine = serde_json::from_str(line).map_err(|e| CorpusError::Parse {
            path: path.to_string(),
            line: n + 1,
            message: e.to_string(),
        })?;
        let id = match parsed.doc {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        match by_id.get(&id) {
            Some(&i) => {
                let d = &mut docs[i];
                d.text.push_str("\n\n");
                d.text.push_str(parsed.text.trim());
            }
            None => {
                by_id.insert(id.clone(), docs.len());
                let title = parsed.title.or_else(|| Some(id.clone()));
                let mut doc = document(id, parsed.text.trim().to_string(), title);
                doc.url = parsed.url.filter(|u| !u.trim().is_empty());
                doc.date = parsed.date.filter(|d| !d.trim().is_empty());
                docs.push(doc);
            }
        }
    }
    let skipped = docs
        .iter()
        .filter(|d| d.text.trim().is_empty())
        .map(|d| d.id.clone())
        .collect();
    docs.retain(|d| !d.text.trim().is_empty());
    Ok((docs, skipped))
}

/// Splits every document into sentences.
pub fn sentences(docs: &[Document]) -> Vec<SentenceRef> {
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for s in split_sentences(&doc.text) {
            out.push(SentenceRef {
                doc: d as u32,
                start: s.start,
                end: s.end,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "seed")]
    #[test]
    fn seed_corpus_is_compiled_in() {
        let docs = seed_documents();
        assert_eq!(docs.len(), 5);
        assert_eq!(docs[2].id, "002_1e1894be3030caf2.txt");
        assert!(sentences(&docs).len() > 100);
    }

    #[test]
    fn jsonl_groups_lines_by_doc() {
        let text = "{\"doc\": \"A\", \"sent\": 0, \"text\": \"One.\"}\n\n{\"doc\": \"B\", \"text\": \"Two.\"}\n{\"doc\": \"A\", \"text\": \"Three\"}\n";
        let docs = parse_jsonl(text, "x").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "One.\n\nThree");
        assert_eq!(docs[0].title, "A");
        let s = sentences(&docs);
        assert_eq!(
            s.len(),
            3,
            "a line break between JSONL lines ends a sentence even without a stop"
        );
    }

    #[test]
    fn jsonl_errors_name_the_line() {
        let err =
            parse_jsonl("{\"doc\": \"A\", \"text\": \"ok\"}\nnot json\n", "c.jsonl").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
        let err = parse_jsonl("{\"doc\": \"A\"}\n", "c.jsonl").unwrap_err();
        assert!(err.to_string().contains("text"), "{err}");
    }

    #[test]
    fn missing_path_is_an_error_not_a_panic() {
        let err = load(Path::new("/definitely/not/here")).unwrap_err();
        assert!(err.to_string().contains("/definitely/not/here"));
    }
}
