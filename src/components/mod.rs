//! Function components. Each receives its data and callbacks as props; the
//! one state lives in `app`.

pub mod annotated_article;
pub mod evidence_panel;
pub mod export_bar;
pub mod highlight;
pub mod paste_area;
pub mod sources_view;
pub mod summary_bar;

use crosscheck_engine::Verdict;

/// What a verdict says to a reader, in words: colour is never the only cue.
pub fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "Supported",
        Verdict::Conflicting => "Conflicts with source",
        Verdict::Unsupported => "No source found",
        Verdict::NotAClaim => "Not a claim",
    }
}

pub fn verdict_icon(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "✓",
        Verdict::Conflicting => "✗",
        Verdict::Unsupported => "?",
        Verdict::NotAClaim => "",
    }
}
