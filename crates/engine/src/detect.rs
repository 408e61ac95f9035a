//! Claim detection: does a sentence make a checkable claim at all?
//!
//! Bylines, section labels, questions, calls to action ("Follow us on X") and
//! sentences with nothing to check against (no name, number or date, and no
//! word the corpus uses) are `not a claim`.

use crate::analyze::tokens::TokenKind;
use crate::analyze::Analysis;
use crate::lexicon::Lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAClaim {
    TooShort,
    Question,
    Label,
    Byline,
    CallToAction,
    NothingToCheck,
}

impl NotAClaim {
    pub fn explain(self) -> &'static str {
        match self {
            NotAClaim::TooShort => "Too short to state a fact.",
            NotAClaim::Question => "A question, not a statement.",
            NotAClaim::Label => "A heading or label, not a statement.",
            NotAClaim::Byline => "A byline.",
            NotAClaim::CallToAction => "Addressed to the reader, not a statement of fact.",
            NotAClaim::NothingToCheck => {
                "Names no one and nothing the sources could confirm: opinion or comment."
            }
        }
    }
}

/// Reasons a sentence is not a claim, judged from its text alone; `None` when it may be one.
pub fn not_a_claim(text: &str, a: &Analysis, lex: &Lexicon) -> Option<NotAClaim> {
    let words: Vec<usize> = (0..a.tokens.len())
        .filter(|&i| a.tokens[i].kind != TokenKind::Punct)
        .collect();
    let trimmed = text
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '\'' | '’' | ')'));
    if trimmed.ends_with('?') {
        return Some(NotAClaim::Question);
    }
    if words.len() < 3 {
        return Some(NotAClaim::TooShort);
    }
    if trimmed.ends_with(':') {
        return Some(NotAClaim::Label);
    }
    let first = &a.tokens[words[0]];
    if first.norm == "by"
        && words.len() <= 8
        && words[1..].iter().all(|&i| {
            a.tokens[i].capitalized || a.tokens[i].stop || a.tokens[i].kind != TokenKind::Word
        })
    {
        return Some(NotAClaim::Byline);
    }
    if words.len() <= 5
        && words
            .iter()
            .all(|&i| a.tokens[i].all_caps || a.tokens[i].kind != TokenKind::Word)
    {
        return Some(NotAClaim::Label);
    }
    // Imperatives addressed to the reader: a bare verb first, and "us"/"you" after.
    let addresses_reader = a
        .tokens
        .iter()
        .any(|t| matches!(t.norm.as_str(), "us" | "you" | "your") && !t.all_caps);
    if addresses_reader
        && first.capitalized
        && lex.is_verb(&first.stem)
        && first.norm == first.stem.as_str()
    {
        return Some(NotAClaim::CallToAction);
    }
    if !first.norm.ends_with('s')
        && addresses_reader
        && lex.is_verb(&first.stem)
        && !lex.only_noun(&first.stem)
        && first.kind == TokenKind::Word
        && words.len() <= 12
    {
        let base = first.norm.as_str();
        if lex.id(&first.stem).is_some() && !base.ends_with("ed") && !base.ends_with("ing") {
            return Some(NotAClaim::CallToAction);
        }
    }
    None
}

/// After retrieval: a sentence without anchors whose words the corpus barely
/// knows is comment, not a claim the sources could settle.
pub fn nothing_to_check(a: &Analysis, known_share: f32) -> bool {
    !a.has_anchor() && known_share < 0.34
}
