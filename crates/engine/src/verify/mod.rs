//! Verification: align a claim with each candidate passage, find typed
//! mismatches, and weigh coverage into a verdict.
//!
//! A passage is one corpus sentence or two adjacent ones (so "He" in the second
//! sentence keeps the name given in the first), plus its document's given title
//! when the corpus names its documents' subjects (an encyclopedia's page titles). A claim is `supported` when one
//! passage covers its content without a mismatch, `conflicting` when a passage
//! covers the same event but one slot differs, and `unsupported` otherwise,
//! including a claim whose extra detail no passage gives.

pub mod align;
pub mod features;
pub mod mismatch;
pub mod structure;

use align::{MatchKind, TokenMatch};
use mismatch::Found;

use crate::analyze::entities::EntityTable;
use crate::analyze::Analysis;
use crate::lexicon::Lexicon;
use crate::report::Verdict;

/// Support coverage a passage needs to state a claim.
pub const SUPPORT_THRESHOLD: f32 = 0.70;
/// Extra weight of a verb or adjective of the claim that the passage does not cover.
const PREDICATE_PENALTY: f32 = 0.6;
/// Event coverage (mismatched slots included) a passage needs to contradict a claim.
pub const CONFLICT_THRESHOLD: f32 = 0.66;

/// One candidate passage judged against a claim.
#[derive(Debug, Clone)]
pub struct Judged {
    /// Corpus sentence ids, in order (one or two adjacent). A match's `part`
    /// indexes these, or is one past them when it landed in the document's
    /// given title (see `Checker`'s topics).
    pub sentences: Vec<u32>,
    pub matches: Vec<Option<TokenMatch>>,
    pub mismatches: Vec<Found>,
    /// Share of the claim's weight the passage states.
    pub support: f32,
    /// Share of the claim's weight the passage speaks to, contradicted slots included.
    pub event: f32,
    /// What the rules saw before they gated it, for the learned decision.
    pub diag: Diagnostics,
    /// The passage's features for the learned decision.
    pub features: [f32; features::LEN],
    /// What the passage does to the claim (by the rules; the learned decision
    /// sets it on the passage it picks as evidence).
    pub stance: Option<Verdict>,
}

/// What judging a passage measured on the way, beyond the verdict's inputs:
/// the learned decision reads these as features.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    /// Mismatch kinds found before a gate cleared them.
    pub raw_mismatches: Vec<crate::report::MismatchKind>,
    /// A claim name neither matched nor the differing detail.
    pub free_name: bool,
    /// Coverage of the claim without the substituted slots.
    pub rest: f32,
    /// Support before the every-anchor rule capped it.
    pub support_raw: f32,
    /// Weight of unmatched predicates, as a share of the claim's weight.
    pub missing_predicates: f32,
    /// What the clause structures agree and disagree on.
    pub structure: structure::Agreement,
}

impl Judged {
    /// What the passage does to the claim by the rules alone (no learned model).
    pub fn rule_stance(&self) -> Option<Verdict> {
        if !self.mismatches.is_empty() && self.event >= CONFLICT_THRESHOLD {
            Some(Verdict::Conflicting)
        } else if self.mismatches.is_empty() && self.support >= SUPPORT_THRESHOLD {
            Some(Verdict::Supported)
        } else {
            None
        }
    }
}

/// Judges one passage: `parts` are its sentences' analyses (then its document's
/// given title, if that names its subject) and `aligned` their alignments.
pub fn judge(
    claim: &Analysis,
    weights: &[f32],
    sentences: Vec<u32>,
    parts: &[&Analysis],
    aligned: &[&[Option<TokenMatch>]],
    people: &EntityTable,
    lex: &Lexicon,
) -> Judged {
    let mut matches = align::merge(aligned);
    let cx = mismatch::Context {
        claim,
        parts,
        matches: &matches,
        weights,
        people,
        lex,
    };
    let mut mismatches = mismatch::find(&cx);
    let raw_mismatches = mismatches.iter().map(|f| f.kind).collect();
    // A conflict is about the claim's own event: every name in the claim must be
    // in the passage or be the detail that differs. "George Harrison married in
    // 1966" says nothing against a passage about Lloyd George.
    let free_name = (0..matches.len()).any(|i| {
        weights[i] > 0.0
            && claim.entities[i].is_some()
            && matches[i].is_none()
            && !mismatches.iter().any(|f| f.claim.contains(&i))
    });
    if free_name {
        mismatches.clear();
    }
    // An antonym read through a negation ("not accepted" ~ "declined") is a match;
    // a word inside an open question ("whether he would accept") states nothing.
    for (i, m) in matches.iter_mut().enumerate() {
        if m.is_some_and(|tm| parts[tm.part as usize].open[tm.i as usize] && !claim.open[i]) {
            *m = None;
            continue;
        }
        if let Some(tm) = m {
            if tm.kind == MatchKind::Antonym
                && claim.negated[i] != parts[tm.part as usize].negated[tm.i as usize]
            {
                tm.kind = MatchKind::Synonym;
            }
        }
    }
    let total: f32 = weights.iter().sum();
    let mut support = 0.0;
    let mut event = 0.0;
    // What the passage leaves out weighs more when it is a predicate: a claim
    // whose verb or adjective no source uses says something else.
    let mut missing_penalty = 0.0;
    for (i, m) in matches.iter().enumerate() {
        if let Some(m) = m {
            support += weights[i] * m.kind.score();
            event += weights[i]
                * if m.kind.is_conflict() {
                    1.0
                } else {
                    m.kind.score()
                };
        } else if weights[i] > 0.0
            && claim.entities[i].is_none()
            && claim.fact_of[i].is_none()
            && (lex.is_predicate(&claim.tokens[i].stem) || claim.tokens[i].norm.ends_with("ly"))
        {
            missing_penalty += weights[i] * PREDICATE_PENALTY;
        }
    }
    // Support needs every figure, date and name of the claim: one the sources
    // never give is a detail they do not support.
    let anchors_covered = (0..matches.len()).all(|i| {
        weights[i] == 0.0
            || (claim.fact_of[i].is_none() && claim.entities[i].is_none())
            || matches[i].is_some_and(|m| !m.kind.is_conflict())
    });
    // Entities a mismatch substitutes count towards the event, but the rest of
    // the claim must still be the passage's event: "discuss the offer with
    // Chinese President Xi Jinping before deciding" is not the same event as
    // "talks with Palestinian Authority President Mahmoud Abbas", however much
    // a long name weighs.
    let mut substituted = 0.0;
    for f in &mismatches {
        for i in f.claim.clone() {
            if matches[i].is_none() {
                substituted += weights[i];
            }
        }
    }
    let rest = if total > substituted {
        event / (total - substituted)
    } else {
        1.0
    };
    if rest < CONFLICT_THRESHOLD {
        mismatches.clear();
    }
    event += substituted;
    let (mut support, event) = if total > 0.0 {
        (
            support / (total + missing_penalty),
            (event / total).min(1.0),
        )
    } else {
        (0.0, 0.0)
    };
    let support_raw = support;
    if !anchors_covered {
        support = support.min(SUPPORT_THRESHOLD - 0.01);
    }
    Judged {
        sentences,
        matches,
        mismatches,
        support,
        event,
        diag: Diagnostics {
            raw_mismatches,
            free_name,
            rest,
            support_raw,
            missing_predicates: if total > 0.0 {
                missing_penalty / total
            } else {
                0.0
            },
            structure: structure::Agreement::default(),
        },
        features: [0.0; features::LEN],
        stance: None,
    }
}
