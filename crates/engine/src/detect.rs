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
    /// Captions, credits, timestamps, copyright lines, notes about the article itself.
    PageFurniture,
    /// The writer's own view: "In my view", "I think".
    Opinion,
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
            NotAClaim::PageFurniture => {
                "Page furniture (a caption, credit, timestamp or notice), not a claim."
            }
            NotAClaim::Opinion => "The writer's own opinion, not a checkable fact.",
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
    if let Some(reason) = furniture_or_opinion(text, a, &words) {
        return Some(reason);
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
    // Imperatives addressed to the reader: a bare verb first ("Follow us", "Stay with us").
    let addresses_reader = a
        .tokens
        .iter()
        .any(|t| matches!(t.norm.as_str(), "us" | "you" | "your") && !t.all_caps);
    let bare_verb = first.kind == TokenKind::Word
        && lex.is_verb(&first.stem)
        && !["s", "ed", "ing"]
            .iter()
            .any(|suffix| first.norm.ends_with(suffix));
    if addresses_reader && bare_verb && words.len() <= 15 {
        return Some(NotAClaim::CallToAction);
    }
    None
}

/// Page furniture and first-person opinion, recognised by their closed forms:
/// "Photo: ...", "Related: ...", "Updated 5:42 PM", "Copyright 2026 ...",
/// "This article was ...", "In my view ...".
fn furniture_or_opinion(text: &str, a: &Analysis, words: &[usize]) -> Option<NotAClaim> {
    let norm = |i: usize| a.tokens[i].norm.as_str();
    let first = norm(words[0]);
    // "Label: rest" where the rest states nothing (no verb): captions, credits, links.
    if let Some(colon) = (0..a.tokens.len()).find(|&k| a.tokens[k].norm == ":") {
        let before = words.iter().filter(|&&k| k < colon).count();
        let verb_after = (colon + 1..a.tokens.len()).any(|k| a.verb[k]);
        if (1..=3).contains(&before) && !verb_after {
            return Some(NotAClaim::PageFurniture);
        }
    }
    if matches!(
        first,
        "copyright"
            | "updated"
            | "published"
            | "posted"
            | "photo"
            | "image"
            | "video"
            | "caption"
            | "credit"
            | "advertisement"
            | "sponsored"
    ) && !(1..words.len()).any(|k| a.verb[words[k]])
    {
        return Some(NotAClaim::PageFurniture);
    }
    if text.contains('©') || text.to_lowercase().contains("all rights reserved") {
        return Some(NotAClaim::PageFurniture);
    }
    // The article speaking of itself.
    if first == "this"
        && words.get(1).is_some_and(|&k| {
            matches!(
                norm(k),
                "article" | "story" | "report" | "piece" | "page" | "post" | "update"
            )
        })
    {
        return Some(NotAClaim::PageFurniture);
    }
    // The writer's own voice: a first-person singular pronoun outside quotation marks.
    let mut quoted = false;
    for t in &a.tokens {
        if t.kind == TokenKind::Punct && t.norm == "\"" {
            quoted = !quoted;
        } else if !quoted
            && t.kind == TokenKind::Word
            && matches!(t.norm.as_str(), "i" | "my" | "me" | "myself")
            && (t.norm != "i" || t.capitalized)
        {
            return Some(NotAClaim::Opinion);
        }
    }
    None
}

/// After retrieval: a sentence without anchors whose words the corpus barely
/// knows is comment, not a claim the sources could settle.
pub fn nothing_to_check(a: &Analysis, known_share: f32) -> bool {
    !a.has_anchor() && known_share < 0.34
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{analyze, entities::EntityTable};

    fn reason(text: &str) -> Option<NotAClaim> {
        let lex = Lexicon::embedded();
        not_a_claim(text, &analyze(text, lex, &EntityTable::default()), lex)
    }

    #[test]
    fn not_a_claim_table() {
        use NotAClaim::*;
        let cases: &[(&str, Option<NotAClaim>)] = &[
            ("By Anna Smith and John Lee", Some(Byline)),
            ("Will Moscow say yes?", Some(Question)),
            ("WORLD NEWS", Some(TooShort)),
            ("Share this article:", Some(Label)),
            (
                "Follow us on X and Telegram for live updates.",
                Some(CallToAction),
            ),
            ("Photo: Reuters/Evgenia Novozhenina", Some(PageFurniture)),
            ("Related: Ukraine war latest", Some(PageFurniture)),
            (
                "Updated 5:42 PM EST, Mon January 19, 2026",
                Some(PageFurniture),
            ),
            ("Copyright 2026 Reuters.", Some(PageFurniture)),
            ("All rights reserved.", Some(PageFurniture)),
            (
                "This article was originally published on January 19.",
                Some(PageFurniture),
            ),
            ("In my view, this is a terrible idea.", Some(Opinion)),
            ("The Kremlin said it is studying the proposal.", None),
            (
                "Putin said: \u{201c}If we succeed, it will be historic.\u{201d}",
                None,
            ),
            (
                "\u{201c}I am not a crook,\u{201d} the president said.",
                None,
            ),
            (
                "Invitations have been sent out to more than 60 nations.",
                None,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(reason(text), *expected, "{text:?}");
        }
    }
}
