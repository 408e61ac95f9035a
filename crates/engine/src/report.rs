//! The report: the one JSON shape shared by the CLI, the web app and the widget.
//! It is the project's public contract (documented in the README); change it
//! only by adding fields, and bump [`REPORT_VERSION`] when a field changes meaning.

use serde::{Deserialize, Serialize};

pub const REPORT_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// A corpus passage states the claim.
    Supported,
    /// A corpus passage about the same event says something incompatible.
    Conflicting,
    /// Nothing in the corpus states or contradicts the claim.
    Unsupported,
    /// The sentence makes no checkable claim (byline, question, call to action, opinion).
    #[serde(rename = "none")]
    NotAClaim,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Conflicting => "conflicting",
            Verdict::Unsupported => "unsupported",
            Verdict::NotAClaim => "none",
        }
    }

    /// Words for people: "Supported", "Conflicts with source", ...
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Supported => "Supported",
            Verdict::Conflicting => "Conflicts with source",
            Verdict::Unsupported => "No source found",
            Verdict::NotAClaim => "Not a claim",
        }
    }
}

/// What kind of detail differs between a claim and its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MismatchKind {
    Number,
    Date,
    Entity,
    Title,
    Polarity,
    Antonym,
    Quantifier,
    Modality,
    Role,
    /// What something is: "a podcast" where the source defines it as "a film".
    Category,
    /// Other words in the same place of the sentence ("is Canadian" / "is an
    /// American actor"), where no typed check names the difference.
    Detail,
}

/// A detail that differs: what the article says and what the source says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mismatch {
    pub kind: MismatchKind,
    /// The claim's words ("12-point").
    pub claim: String,
    /// The source's words ("20-point").
    pub source: String,
    /// Character range of `claim` in the checked sentence.
    pub claim_range: [usize; 2],
}

/// One evidence passage: a corpus sentence or two adjacent ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Document id (file name, or the `doc` field of a JSON Lines corpus).
    pub doc: String,
    pub title: String,
    /// The document's address and date, when the corpus gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The passage text, exactly as in the document.
    pub text: String,
    /// Character range of `text` in the document.
    pub range: [usize; 2],
    /// Character ranges inside `text` of the words aligned with the claim.
    pub matched: Vec<[usize; 2]>,
    /// Character ranges inside `text` of the differing details (conflicts only).
    pub differing: Vec<[usize; 2]>,
    /// Whether this passage supports or contradicts the claim.
    pub stance: Verdict,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceResult {
    pub index: usize,
    pub text: String,
    /// Character range in the checked text.
    pub range: [usize; 2],
    pub verdict: Verdict,
    /// How sure the engine is, in [0, 1].
    pub confidence: f32,
    /// One line for people: what was found and, for a conflict, what differs.
    pub explanation: String,
    /// Best passages first. Empty for `unsupported` with nothing related, and for `none`.
    pub evidence: Vec<Evidence>,
    pub mismatches: Vec<Mismatch>,
    /// Character ranges in `text` of the claim words the evidence covers.
    pub matched: Vec<[usize; 2]>,
    /// True when some corpus passages support the claim and others contradict it.
    pub sources_disagree: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub supported: usize,
    pub conflicting: usize,
    pub unsupported: usize,
    pub none: usize,
}

impl Summary {
    pub fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Supported => self.supported += 1,
            Verdict::Conflicting => self.conflicting += 1,
            Verdict::Unsupported => self.unsupported += 1,
            Verdict::NotAClaim => self.none += 1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CorpusInfo {
    pub documents: usize,
    pub sentences: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    pub corpus: CorpusInfo,
    pub summary: Summary,
    pub sentences: Vec<SentenceResult>,
    /// Set when the input could not be checked as given (empty, or cut to the size limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

/// Character offset of byte offset `byte` in `text` (clamped, never panics).
pub fn char_offset(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    let mut b = byte;
    while b > 0 && !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_characters_not_bytes() {
        let text = "Putin’s “board” — 😀 ok";
        let cases = [
            (0, 0),
            (5, 5),
            (8, 6),
            (text.len(), text.chars().count()),
            (text.len() + 10, text.chars().count()),
        ];
        for (byte, chars) in cases {
            assert_eq!(char_offset(text, byte), chars, "byte {byte}");
        }
        // Inside a multi-byte character: clamp back to its start.
        assert_eq!(char_offset(text, 6), 5);
    }

    #[test]
    fn verdicts_serialise_to_the_contract_names() {
        let names: Vec<String> = [
            Verdict::Supported,
            Verdict::Conflicting,
            Verdict::Unsupported,
            Verdict::NotAClaim,
        ]
        .iter()
        .map(|v| serde_json::to_string(v).unwrap())
        .collect();
        assert_eq!(
            names,
            [
                "\"supported\"",
                "\"conflicting\"",
                "\"unsupported\"",
                "\"none\""
            ]
        );
        for v in [
            Verdict::Supported,
            Verdict::Conflicting,
            Verdict::Unsupported,
            Verdict::NotAClaim,
        ] {
            assert_eq!(
                serde_json::to_string(&v).unwrap(),
                format!("\"{}\"", v.as_str())
            );
        }
    }
}
