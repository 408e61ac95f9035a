//! Structure compared: for each claim clause whose predicate the passage
//! states, do its agent and patient play the same parts there, is it negated
//! on one side only, is it asserted on one side and open or hedged on the
//! other, and does the same party report it?

use std::ops::Range;

use super::align::{MatchKind, TokenMatch};
use super::mismatch::Found;
use crate::analyze::structure::{Clause, Modality, Phrase};
use crate::analyze::Analysis;
use crate::report::MismatchKind;

/// What the claim's clause structure and the passage's agree and disagree on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Agreement {
    /// Claim clauses whose predicate the passage states as a predicate.
    pub aligned: usize,
    pub agent_agrees: usize,
    pub patient_agrees: usize,
    /// Agent and patient the other way round.
    pub swapped: usize,
    /// One of them in the other's part.
    pub crossed: usize,
    /// The passage's clause has an agent, and it is not the claim's.
    pub other_agent: usize,
    /// Negated on one side only.
    pub negation_flips: usize,
    /// Asserted in the claim, hedged or left open in the passage.
    pub claim_asserts: usize,
    /// Left open in the claim, asserted in the passage.
    pub claim_leaves_open: usize,
    /// The claim's reporter is not the passage's.
    pub other_reporter: usize,
    /// Mismatches to show, typed.
    pub found: Vec<Found>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Agent,
    Patient,
    Recipient,
}

fn states(m: &TokenMatch) -> bool {
    matches!(
        m.kind,
        MatchKind::Exact
            | MatchKind::Entity
            | MatchKind::Synonym
            | MatchKind::Derived
            | MatchKind::Hypernym
            | MatchKind::Similar
    )
}

fn span(p: &Phrase) -> Range<usize> {
    p.start..p.end
}

/// Compares the claim's clauses with the passage's, through the alignment.
pub fn compare(claim: &Analysis, matches: &[Option<TokenMatch>], parts: &[&Analysis]) -> Agreement {
    let mut out = Agreement::default();
    for c in &claim.clauses {
        let Some(m) = matches.get(c.predicate).copied().flatten().filter(states) else {
            continue;
        };
        let Some(part) = parts.get(m.part as usize) else {
            continue;
        };
        let Some(p) = part.clauses.iter().find(|p| p.predicate == m.i as usize) else {
            continue;
        };
        out.aligned += 1;
        // Where a claim phrase lands in the passage clause.
        let lands = |phrase: &Option<Phrase>| -> Option<Part> {
            let phrase = phrase.as_ref()?;
            let positions: Vec<usize> = span(phrase)
                .filter_map(|k| matches.get(k).copied().flatten())
                .filter(|x| x.part == m.part && states(x))
                .map(|x| x.i as usize)
                .collect();
            let within = |q: &Option<Phrase>| {
                q.as_ref()
                    .is_some_and(|q| positions.iter().any(|&i| q.contains(i)))
            };
            if within(&p.agent) {
                Some(Part::Agent)
            } else if within(&p.patient) {
                Some(Part::Patient)
            } else if within(&p.recipient) {
                Some(Part::Recipient)
            } else {
                None
            }
        };
        let agent = lands(&c.agent);
        let patient = lands(&c.patient).or_else(|| lands(&c.recipient));
        if agent == Some(Part::Agent) {
            out.agent_agrees += 1;
        }
        if patient == Some(Part::Patient) {
            out.patient_agrees += 1;
        }
        // Verbs that take an object in one and none in the other ("X began
        // the season" / "the season began") cross nothing.
        let transitive =
            |x: &Clause| x.agent.is_some() && (x.patient.is_some() || x.recipient.is_some());
        let role = if agent.is_some_and(|a| a != Part::Agent) && patient == Some(Part::Agent) {
            out.swapped += 1;
            true
        } else if (agent.is_some_and(|a| a != Part::Agent) || patient == Some(Part::Agent))
            && transitive(c)
            && transitive(p)
        {
            out.crossed += 1;
            true
        } else if c.agent.is_some()
            && agent.is_none()
            && p.agent.is_some_and(|a| names_someone(part, &a))
            && named_elsewhere(claim, c, matches)
        {
            // The claim's doer is in the passage, but someone else does this.
            out.other_agent += 1;
            true
        } else {
            false
        };
        if role {
            out.found.push(Found {
                kind: MismatchKind::Role,
                claim: clause_span(c),
                passage: Some((m.part, clause_span(p))),
            });
        }
        if c.negated != p.negated && !c.copular {
            out.negation_flips += 1;
            out.found.push(Found {
                kind: MismatchKind::Polarity,
                claim: c.predicate..c.predicate + 1,
                passage: Some((m.part, p.predicate..p.predicate + 1)),
            });
        }
        match (c.modality, p.modality) {
            (Modality::Asserted, Modality::Hedged | Modality::Open) if !c.negated => {
                out.claim_asserts += 1;
                if p.modality == Modality::Open {
                    out.found.push(Found {
                        kind: MismatchKind::Modality,
                        claim: c.predicate..c.predicate + 1,
                        passage: Some((m.part, p.predicate..p.predicate + 1)),
                    });
                }
            }
            (Modality::Open, Modality::Asserted) if !p.negated => {
                out.claim_leaves_open += 1;
                out.found.push(Found {
                    kind: MismatchKind::Modality,
                    claim: c.predicate..c.predicate + 1,
                    passage: Some((m.part, p.predicate..p.predicate + 1)),
                });
            }
            _ => {}
        }
        // "A told B that X" against "B said, in talks with A, that X".
        if let (Some(cr), Some(pr)) = (c.reported_by, p.reported_by) {
            if let (Some(rc), Some(rp)) = (claim.clauses.get(cr), part.clauses.get(pr)) {
                let reporter: Vec<usize> = rc
                    .agent
                    .iter()
                    .flat_map(span)
                    .filter_map(|k| matches.get(k).copied().flatten())
                    .filter(|x| x.part == m.part && states(x))
                    .map(|x| x.i as usize)
                    .collect();
                let in_agent = rp
                    .agent
                    .as_ref()
                    .is_some_and(|a| reporter.iter().any(|&i| a.contains(i)));
                if !reporter.is_empty() && rp.agent.is_some() && !in_agent {
                    out.other_reporter += 1;
                    out.found.push(Found {
                        kind: MismatchKind::Role,
                        claim: clause_span(rc),
                        passage: Some((m.part, clause_span(rp))),
                    });
                }
            }
        }
    }
    out
}

/// Does the phrase name someone (a person or a place), rather than refer
/// back with a pronoun or describe with a common noun, whose identity the
/// passage may well share with the claim's?
fn names_someone(a: &Analysis, p: &Phrase) -> bool {
    span(p).any(|k| a.entities.get(k).is_some_and(Option::is_some))
}

/// Is the claim clause's agent matched somewhere in the passage at all?
fn named_elsewhere(claim: &Analysis, c: &Clause, matches: &[Option<TokenMatch>]) -> bool {
    c.agent.as_ref().is_some_and(|a| {
        span(a).any(|k| {
            claim.entities.get(k).is_some_and(Option::is_some)
                && matches
                    .get(k)
                    .copied()
                    .flatten()
                    .is_some_and(|m| states(&m))
        })
    })
}

/// From the clause's first argument to its last, the predicate included.
fn clause_span(c: &Clause) -> Range<usize> {
    let mut start = c.predicate;
    let mut end = c.predicate + 1;
    for p in [c.agent, c.patient, c.recipient].iter().flatten() {
        start = start.min(p.start);
        end = end.max(p.end);
    }
    start..end
}
