//! A newsroom's house style: its page furniture and boilerplate, said once
//! in a TOML file. Sentences it marks are `not a claim`; lines it names are
//! dropped from corpus documents; leading metadata lines (`date 2026-01-19`)
//! become the document's date, title or address.
//!
//! ```toml
//! ignore_case = true          # for every pattern below (default false)
//! not_a_claim = ['^Reporting by ', '^Sign up for our newsletter']
//! drop_lines = ['^Recommended stories$', 'List of items\s*End of list']
//! [metadata]                  # the first group of a match is the value
//! date = ['^date (\d{4}-\d\d-\d\d)\b']
//! title = ['^headline: (.+)$']
//! url = []
//! ```
//!
//! The engine has no regular-expression engine of its own: patterns are
//! checked and written for both by [`pattern`], and the front end compiles
//! them (the CLI with the `regex` crate, the browser with `RegExp`), so the
//! wasm carries no regex crate.

pub mod pattern;

use std::fmt;

use crate::corpus::{default_title, Document};
pub use pattern::Portable;

/// A compiled pattern, from whichever engine the front end has.
pub trait Matcher: Send + Sync {
    /// The first match in `text`: its byte range and its first group's text.
    fn find(&self, text: &str) -> Option<Found>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub group: Option<String>,
}

/// Compiles a checked pattern into a matcher, or says why it cannot.
pub type Compile<'a> = &'a dyn Fn(&Portable) -> Result<Box<dyn Matcher>, String>;

/// One pattern of the file, as written and compiled.
pub struct Rule {
    pub pattern: String,
    pub portable: Portable,
    matcher: Box<dyn Matcher>,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Rule").field(&self.pattern).finish()
    }
}

/// Which document field a metadata line fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Date,
    Title,
    Url,
}

#[derive(Debug, Default)]
pub struct HouseStyle {
    pub not_a_claim: Vec<Rule>,
    pub drop_lines: Vec<Rule>,
    pub metadata: Vec<(Field, Rule)>,
}

/// What is wrong with a house-style file: its TOML, or one pattern, named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HouseStyleError {
    Toml(String),
    Pattern {
        /// `not_a_claim`, `drop_lines` or `metadata.date` (…).
        list: String,
        pattern: String,
        message: String,
    },
}

impl fmt::Display for HouseStyleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HouseStyleError::Toml(message) => write!(f, "not a house-style file: {message}"),
            HouseStyleError::Pattern {
                list,
                pattern,
                message,
            } => write!(f, "{list} pattern {pattern:?}: {message}"),
        }
    }
}

impl std::error::Error for HouseStyleError {}

/// The file as written, read from toml's parse tree: walking it by hand
/// keeps serde's deserializer out of the wasm.
#[derive(Default)]
struct File {
    ignore_case: bool,
    not_a_claim: Vec<String>,
    drop_lines: Vec<String>,
    date: Vec<String>,
    title: Vec<String>,
    url: Vec<String>,
}

impl File {
    fn read(text: &str) -> Result<File, String> {
        let table = toml::de::DeTable::parse(text).map_err(|e| e.to_string())?;
        let mut file = File::default();
        for (key, value) in table.get_ref() {
            let (key, value): (&str, _) = (key.get_ref(), value.get_ref());
            match key {
                "ignore_case" => {
                    file.ignore_case = value
                        .as_bool()
                        .ok_or("ignore_case must be true or false")?;
                }
                "not_a_claim" => file.not_a_claim = strings(key, value)?,
                "drop_lines" => file.drop_lines = strings(key, value)?,
                "metadata" => {
                    let metadata = value.as_table().ok_or("metadata must be a table: [metadata]")?;
                    for (field, value) in metadata {
                        let (field, value) = (field.get_ref(), value.get_ref());
                        let list = match field.as_ref() {
                            "date" => &mut file.date,
                            "title" => &mut file.title,
                            "url" => &mut file.url,
                            other => {
                                return Err(format!(
                                    "unknown field `metadata.{other}`, expected `date`, `title` or `url`"
                                ))
                            }
                        };
                        *list = strings(&format!("metadata.{field}"), value)?;
                    }
                }
                other => {
                    return Err(format!(
                        "unknown field `{other}`, expected `ignore_case`, `not_a_claim`, `drop_lines` or `metadata`"
                    ))
                }
            }
        }
        Ok(file)
    }
}

/// A list of patterns: an array of strings.
fn strings(key: &str, value: &toml::de::DeValue) -> Result<Vec<String>, String> {
    let wrong = || format!("{key} must be a list of patterns: {key} = ['…', '…']");
    value
        .as_array()
        .ok_or_else(wrong)?
        .iter()
        .map(|v| v.get_ref().as_str().map(str::to_string).ok_or_else(wrong))
        .collect()
}

/// Metadata read from a document's first lines.
#[derive(Default)]
struct Metadata {
    date: Option<String>,
    title: Option<String>,
    url: Option<String>,
}

/// Most patterns a file may hold: each is tried on every sentence.
pub const MAX_PATTERNS: usize = 500;

impl HouseStyle {
    /// Reads a house-style file, compiling each pattern with `compile`.
    pub fn parse(text: &str, compile: Compile) -> Result<HouseStyle, HouseStyleError> {
        let file = File::read(text).map_err(HouseStyleError::Toml)?;
        let m = &file;
        let total = file.not_a_claim.len()
            + file.drop_lines.len()
            + m.date.len()
            + m.title.len()
            + m.url.len();
        if total > MAX_PATTERNS {
            return Err(HouseStyleError::Toml(format!(
                "{total} patterns; a file may have at most {MAX_PATTERNS}"
            )));
        }
        let rules = |list: &str, patterns: &[String], groups: bool| {
            patterns
                .iter()
                .map(|p| {
                    let wrong = |message: String| HouseStyleError::Pattern {
                        list: list.to_string(),
                        pattern: p.clone(),
                        message,
                    };
                    let portable = pattern::translate(p, file.ignore_case).map_err(wrong)?;
                    if groups && portable.groups == 0 {
                        return Err(wrong(
                            "a metadata pattern needs a group ( … ) around the value".into(),
                        ));
                    }
                    let matcher = compile(&portable).map_err(wrong)?;
                    Ok(Rule {
                        pattern: p.clone(),
                        portable,
                        matcher,
                    })
                })
                .collect::<Result<Vec<Rule>, HouseStyleError>>()
        };
        let mut metadata = Vec::new();
        for (field, list, patterns) in [
            (Field::Date, "metadata.date", &m.date),
            (Field::Title, "metadata.title", &m.title),
            (Field::Url, "metadata.url", &m.url),
        ] {
            metadata.extend(rules(list, patterns, true)?.into_iter().map(|r| (field, r)));
        }
        Ok(HouseStyle {
            not_a_claim: rules("not_a_claim", &file.not_a_claim, false)?,
            drop_lines: rules("drop_lines", &file.drop_lines, false)?,
            metadata,
        })
    }

    /// Reads a house-style file with Rust's `regex` crate.
    #[cfg(feature = "regex")]
    pub fn parse_native(text: &str) -> Result<HouseStyle, HouseStyleError> {
        HouseStyle::parse(text, &native::compile)
    }

    /// The pattern, as written, that marks `sentence` as not a claim.
    pub fn not_a_claim(&self, sentence: &str) -> Option<&str> {
        let text = sentence.trim();
        self.not_a_claim
            .iter()
            .find(|r| r.matcher.find(text).is_some())
            .map(|r| r.pattern.as_str())
    }

    /// Whether a line of a corpus document is dropped.
    pub fn drops_line(&self, line: &str) -> bool {
        let text = line.trim();
        self.drop_lines
            .iter()
            .any(|r| r.matcher.find(text).is_some())
    }

    /// A corpus document as the house style reads it: leading metadata lines
    /// taken into its fields (a field the corpus gave stays), dropped lines
    /// gone, and a title guessed again from what is left.
    pub fn prepare(&self, mut doc: Document) -> Document {
        if self.drop_lines.is_empty() && self.metadata.is_empty() {
            return doc;
        }
        let mut found = Metadata::default();
        let mut kept: Vec<std::borrow::Cow<str>> = Vec::new();
        let mut in_header = !self.metadata.is_empty();
        for line in doc.text.split('\n') {
            let mut line = std::borrow::Cow::Borrowed(line);
            if in_header && !line.trim().is_empty() {
                let rest = self.take_metadata(line.trim(), &mut found);
                let held_metadata = rest.len() != line.trim().len();
                // A line that was all metadata lets the next one hold more;
                // what is left of a line stays as text.
                in_header = held_metadata && rest.is_empty();
                if held_metadata {
                    if rest.is_empty() {
                        continue;
                    }
                    line = rest.into();
                }
            }
            if !self.drops_line(&line) {
                kept.push(line);
            }
        }
        doc.text = kept.join("\n");
        doc.date = doc.date.or(found.date);
        doc.url = doc.url.or(found.url);
        if !doc.titled {
            doc.title = found
                .title
                .unwrap_or_else(|| default_title(&doc.text, &doc.id));
        }
        doc
    }

    /// [`HouseStyle::prepare`] for each document.
    pub fn prepare_all(&self, documents: Vec<Document>) -> Vec<Document> {
        documents.into_iter().map(|d| self.prepare(d)).collect()
    }

    /// Takes every metadata item from the start of `line` into `found`;
    /// returns what is left of the line.
    fn take_metadata(&self, line: &str, found: &mut Metadata) -> String {
        let mut rest = line.to_string();
        // Each pass takes one item, so a line holds at most one per pattern.
        for _ in 0..self.metadata.len() {
            let hit = self.metadata.iter().find_map(|(field, r)| {
                r.matcher
                    .find(&rest)
                    .filter(|f| {
                        f.start < f.end
                            && rest.is_char_boundary(f.start)
                            && rest.is_char_boundary(f.end)
                    })
                    .map(|f| (*field, f))
            });
            let Some((field, hit)) = hit else { break };
            let value = hit
                .group
                .map(|g| g.trim().to_string())
                .filter(|g| !g.is_empty());
            let slot = match field {
                Field::Date => &mut found.date,
                Field::Url => &mut found.url,
                Field::Title => &mut found.title,
            };
            if slot.is_none() {
                *slot = value;
            }
            rest = format!("{} {}", &rest[..hit.start], &rest[hit.end..])
                .trim()
                .to_string();
            if rest.is_empty() {
                break;
            }
        }
        rest
    }

    /// How many patterns of each kind: for the app's summary line.
    pub fn counts(&self) -> [usize; 3] {
        [
            self.not_a_claim.len(),
            self.drop_lines.len(),
            self.metadata.len(),
        ]
    }
}

/// The seed corpus's own house style, compiled in.
#[cfg(feature = "seed")]
pub const SEED: &str = include_str!("../../../../corpus/seed/house-style.toml");

/// Patterns compiled with Rust's `regex` crate, as the CLI applies them.
#[cfg(feature = "regex")]
pub mod native {
    use super::{Found, Matcher, Portable};

    struct RegexMatcher(regex::Regex);

    impl Matcher for RegexMatcher {
        fn find(&self, text: &str) -> Option<Found> {
            let c = self.0.captures(text)?;
            let whole = c.get(0)?;
            Some(Found {
                start: whole.start(),
                end: whole.end(),
                group: c.get(1).map(|g| g.as_str().to_string()),
            })
        }
    }

    pub fn compile(p: &Portable) -> Result<Box<dyn Matcher>, String> {
        regex::Regex::new(&p.rust)
            .map(|r| Box::new(RegexMatcher(r)) as Box<dyn Matcher>)
            .map_err(|e| match e {
                regex::Error::CompiledTooBig(_) => "too large once compiled".to_string(),
                e => e.to_string(),
            })
    }
}

#[cfg(all(test, feature = "regex"))]
mod tests {
    use super::*;
    use crate::corpus::document;

    fn style(text: &str) -> HouseStyle {
        HouseStyle::parse_native(text).unwrap()
    }

    #[test]
    fn marks_sentences_that_are_not_claims() {
        let s = style("ignore_case = true\nnot_a_claim = ['^reporting by ', 'newsletter']");
        assert_eq!(
            s.not_a_claim("  Reporting by Ana Lee; Editing by Tom Ray."),
            Some("^reporting by ")
        );
        assert_eq!(
            s.not_a_claim("Sign up for our NEWSLETTER."),
            Some("newsletter")
        );
        assert_eq!(s.not_a_claim("The minister was reporting by phone."), None);
    }

    #[test]
    fn prepares_documents() {
        let s = style(
            r#"
            drop_lines = ['^Recommended stories$', 'List of items\s*End of list']
            [metadata]
            date = ['^date (\d{4}-\d\d-\d\d)']
            url = ['^url (\S+)']
            "#,
        );
        let text = " date 2026-01-19 In a move, the board met.\nRecommended stories\n3 List of itemsEnd of list\nIt met again.";
        let d = s.prepare(document("a.txt".into(), text.into(), None));
        assert_eq!(d.text, "In a move, the board met.\nIt met again.");
        assert_eq!(d.date.as_deref(), Some("2026-01-19"));
        assert_eq!(d.title, "In a move, the board met.");

        let text = "\nurl https://news.example/a\ndate 2025-12-01\nHeadline here\nBody.";
        let mut given = document("b.txt".into(), text.into(), None);
        given.date = Some("2025-11-30".into());
        let d = s.prepare(given);
        assert_eq!(d.text, "\nHeadline here\nBody.");
        assert_eq!(d.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(
            d.date.as_deref(),
            Some("2025-11-30"),
            "the corpus's own date stays"
        );
        assert_eq!(d.title, "Headline here");

        // Metadata counts only at the top: a later line is text.
        let d = s.prepare(document(
            "c.txt".into(),
            "Body.\ndate 2026-01-01".into(),
            None,
        ));
        assert_eq!((d.text.as_str(), d.date), ("Body.\ndate 2026-01-01", None));
    }

    #[test]
    fn names_the_pattern_that_is_wrong() {
        let e = HouseStyle::parse_native("drop_lines = ['ok', '(?=x)']").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("drop_lines pattern \"(?=x)\": at character 1: lookahead"),
            "{e}"
        );
        let e = HouseStyle::parse_native("[metadata]\ndate = ['^date \\d+']").unwrap_err();
        assert!(e.to_string().contains("needs a group"), "{e}");
        let e = HouseStyle::parse_native("not_a_claims = []").unwrap_err();
        assert!(
            e.to_string().contains("unknown field `not_a_claims`"),
            "{e}"
        );
        let e = HouseStyle::parse_native("not_a_claim = 'x'").unwrap_err();
        assert!(e.to_string().starts_with("not a house-style file"), "{e}");
        let e = HouseStyle::parse_native("not_a_claim = ['a{1000}{1000}']").unwrap_err();
        assert!(e.to_string().contains("after a repetition"), "{e}");
        let e = HouseStyle::parse_native("not_a_claim = ['(a{1000}){1000}']").unwrap_err();
        assert!(e.to_string().contains("too large"), "{e}");
    }

    #[test]
    fn the_seed_house_style_reads() {
        let s = style(SEED);
        assert!(s.counts().iter().all(|&n| n > 0), "{:?}", s.counts());
    }
}
