//! Features of one judged passage, for the learned decision.
//!
//! Every feature is a relation between the claim and the passage (how much of
//! the claim is covered and how, which slots differ, what the structure says),
//! never a word's identity: the model that reads them is trained on one
//! corpus and must hold on any other.

use super::align::MatchKind;
use super::mismatch::Found;
use super::Judged;
use crate::analyze::Analysis;
use crate::report::MismatchKind;
use crate::vectors::Vectors;

const KINDS: [MismatchKind; 10] = [
    MismatchKind::Number,
    MismatchKind::Date,
    MismatchKind::Entity,
    MismatchKind::Title,
    MismatchKind::Polarity,
    MismatchKind::Antonym,
    MismatchKind::Quantifier,
    MismatchKind::Modality,
    MismatchKind::Role,
    MismatchKind::Category,
];

/// Passage feature names, in the order of [`passage`]'s vector.
pub const NAMES: &[&str] = &[
    "support",
    "event",
    "support_raw",
    "rest",
    "w_exact",
    "w_synonym",
    "w_derived",
    "w_hypernym",
    "w_similar",
    "w_antonym",
    "w_fact_conflict",
    "w_unmatched",
    "missing_predicates",
    "entities",
    "entities_unmatched",
    "w_entities_unmatched",
    "facts",
    "facts_agree",
    "facts_conflict",
    "facts_unmatched",
    "free_name",
    "mm_number",
    "mm_date",
    "mm_entity",
    "mm_title",
    "mm_polarity",
    "mm_antonym",
    "mm_quantifier",
    "mm_modality",
    "mm_role",
    "mm_category",
    "raw_mm_any",
    "raw_mm_entity",
    "claim_negations",
    "passage_negations",
    "negation_flips",
    "topic_used",
    "passage_precision",
    "max_unmatched",
    "unmatched_words",
    "subst",
    "w_subst",
    "subst_names",
    "subst_tail",
    "w_extra",
    "s_aligned",
    "s_agent_agrees",
    "s_patient_agrees",
    "s_swapped",
    "s_crossed",
    "s_other_agent",
    "s_negation_flips",
    "s_claim_asserts",
    "s_claim_leaves_open",
    "s_other_reporter",
    "s_claim_clauses",
    "place_replaced",
    "name_replaced",
    "claim_only",
    "claim_all",
    "sim_similar",
    "sim_sentence",
    "sim_unmatched",
];

pub const LEN: usize = 63;

/// The passages the claim-level decision reads: the one that covers most of
/// the claim, and the one that covers most of its event with a mismatch.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Chosen {
    pub support: Option<usize>,
    pub conflict: Option<usize>,
}

const SUPPORT: usize = 0;
const EVENT: usize = 1;
const FIRST_MISMATCH: usize = 21;
const MISMATCH_KINDS: usize = 10;

/// Claim feature names, in the order of [`claim`]'s vector: the features of
/// the best-covering passage, those of the best passage with a mismatch, and
/// which mismatch kinds any passage covering the event shows.
pub fn claim_names() -> Vec<String> {
    let mut out: Vec<String> = NAMES.iter().map(|n| format!("support.{n}")).collect();
    out.extend(NAMES.iter().map(|n| format!("conflict.{n}")));
    out.push("has_conflict".into());
    out.extend(
        NAMES[FIRST_MISMATCH..FIRST_MISMATCH + MISMATCH_KINDS]
            .iter()
            .map(|n| format!("any.{n}")),
    );
    out
}

/// Length of [`claim`]'s vector.
pub const CLAIM_LEN: usize = 2 * LEN + MISMATCH_KINDS + 1;

/// The passages the claim-level decision reads.
pub fn choose(passages: &[[f32; LEN]]) -> Chosen {
    let best = |keep: &dyn Fn(&[f32; LEN]) -> bool, by: usize| {
        passages
            .iter()
            .enumerate()
            .filter(|(_, f)| keep(f))
            .max_by(|a, b| a.1[by].total_cmp(&b.1[by]).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i)
    };
    let mismatched = |f: &[f32; LEN]| {
        f[FIRST_MISMATCH..FIRST_MISMATCH + MISMATCH_KINDS]
            .iter()
            .any(|&x| x > 0.0)
    };
    Chosen {
        support: best(&|_| true, SUPPORT),
        conflict: best(&mismatched, EVENT),
    }
}

/// A claim's feature vector from its judged passages' features and the
/// passages [`choose`] picked (with their similarities added).
pub fn claim(passages: &[[f32; LEN]], chosen: Chosen) -> Vec<f32> {
    let mut out = Vec::with_capacity(CLAIM_LEN);
    let zero = [0.0f32; LEN];
    out.extend_from_slice(chosen.support.map_or(&zero, |i| &passages[i]));
    out.extend_from_slice(chosen.conflict.map_or(&zero, |i| &passages[i]));
    out.push(chosen.conflict.is_some() as u8 as f32);
    for k in FIRST_MISMATCH..FIRST_MISMATCH + MISMATCH_KINDS {
        let any = passages
            .iter()
            .any(|f| f[k] > 0.0 && f[EVENT] >= super::CONFLICT_THRESHOLD);
        out.push(any as u8 as f32);
    }
    debug_assert_eq!(out.len(), CLAIM_LEN);
    out
}

/// The feature vector of one judged passage.
pub fn passage(claim: &Analysis, weights: &[f32], j: &Judged, parts: &[&Analysis]) -> [f32; LEN] {
    debug_assert_eq!(NAMES.len(), LEN);
    let mut f = [0.0f32; LEN];
    let total: f32 = weights.iter().sum::<f32>().max(1e-6);
    let mut by_kind = [0.0f32; 7];
    let mut sim_similar = 0.0;
    let mut unmatched = 0.0;
    let mut max_unmatched = 0.0f32;
    let mut unmatched_words = 0.0;
    let (mut ents, mut ents_un, mut w_ents_un) = (0.0, 0.0, 0.0);
    let (mut facts, mut facts_agree, mut facts_conflict, mut facts_un) = (0.0, 0.0, 0.0, 0.0);
    let mut flips = 0.0;
    for (i, m) in j.matches.iter().enumerate() {
        let w = weights[i];
        if w == 0.0 {
            continue;
        }
        let is_entity = claim.entities[i].is_some();
        let is_fact = claim.fact_of[i].is_some();
        if is_entity {
            ents += 1.0;
        }
        if is_fact {
            facts += 1.0;
        }
        match m {
            Some(m) => {
                let slot = match m.kind {
                    MatchKind::Exact | MatchKind::Entity | MatchKind::Fact => 0,
                    MatchKind::Synonym => 1,
                    MatchKind::Derived => 2,
                    MatchKind::Hypernym => 3,
                    MatchKind::Similar => 4,
                    MatchKind::Antonym => 5,
                    MatchKind::FactConflict => 6,
                };
                if m.kind == MatchKind::Similar {
                    sim_similar += w * m.shared as f32 / 255.0;
                }
                by_kind[slot] += w;
                if is_fact {
                    if m.kind == MatchKind::FactConflict {
                        facts_conflict += 1.0;
                    } else {
                        facts_agree += 1.0;
                    }
                }
                if let Some(p) = parts.get(m.part as usize) {
                    if claim.negated[i] != p.negated[m.i as usize] {
                        flips += 1.0;
                    }
                }
            }
            None => {
                unmatched += w;
                max_unmatched = max_unmatched.max(w);
                if is_entity {
                    ents_un += 1.0;
                    w_ents_un += w;
                } else if is_fact {
                    facts_un += 1.0;
                } else {
                    unmatched_words += 1.0;
                }
            }
        }
    }
    let has = |kinds: &[MismatchKind], k: MismatchKind| kinds.contains(&k) as u8 as f32;
    let found: Vec<MismatchKind> = j.mismatches.iter().map(|m| m.kind).collect();
    let negations = |a: &Analysis| {
        a.tokens
            .iter()
            .filter(|t| crate::analyze::cues::is_negation(&t.norm))
            .count() as f32
    };
    let sentences = j.sentences.len();
    let passage_parts = &parts[..sentences.min(parts.len())];
    let passage_content: usize = passage_parts
        .iter()
        .map(|p| (0..p.tokens.len()).filter(|&k| p.is_content(k)).count())
        .sum();
    // Passage words some claim word landed on.
    let mut hit: Vec<(u8, u16)> = j
        .matches
        .iter()
        .flatten()
        .filter(|m| (m.part as usize) < sentences)
        .map(|m| (m.part, m.i))
        .collect();
    hit.sort_unstable();
    hit.dedup();

    let mut k = 0;
    let mut put = |v: f32| {
        f[k] = v;
        k += 1;
    };
    put(j.support);
    put(j.event);
    put(j.diag.support_raw);
    put(j.diag.rest.min(1.0));
    for w in by_kind {
        put(w / total);
    }
    put(unmatched / total);
    put(j.diag.missing_predicates);
    put(ents);
    put(ents_un);
    put(w_ents_un / total);
    put(facts);
    put(facts_agree);
    put(facts_conflict);
    put(facts_un);
    put(j.diag.free_name as u8 as f32);
    for kind in KINDS {
        put(has(&found, kind));
    }
    put(!j.diag.raw_mismatches.is_empty() as u8 as f32);
    put(has(&j.diag.raw_mismatches, MismatchKind::Entity));
    put(negations(claim));
    put(passage_parts.iter().map(|p| negations(p)).sum());
    put(flips);
    put(j
        .matches
        .iter()
        .flatten()
        .any(|m| m.part as usize >= sentences) as u8 as f32);
    put(if passage_content > 0 {
        hit.len() as f32 / passage_content as f32
    } else {
        0.0
    });
    put(max_unmatched / total);
    put(unmatched_words);
    let slots = substitutions(claim, weights, j, parts);
    put(slots.between as f32);
    put(slots.w_between / total);
    put(slots.names as f32);
    put(slots.tail as f32);
    put(slots.w_extra / total);
    let st = &j.diag.structure;
    for x in [
        st.aligned,
        st.agent_agrees,
        st.patient_agrees,
        st.swapped,
        st.crossed,
        st.other_agent,
        st.negation_flips,
        st.claim_asserts,
        st.claim_leaves_open,
        st.other_reporter,
        claim.clauses.len(),
    ] {
        put(x as f32);
    }
    // A place or a person of the claim the passage lacks, where the passage
    // names another of the same kind: "a German film" / "a French film".
    let (place, name) = replaced_entities(claim, j, passage_parts);
    put(place as u8 as f32);
    put(name as u8 as f32);
    let quantified = |q: crate::analyze::cues::Quantifier| {
        claim.cue.iter().any(|c| c.quantifier == Some(q)) as u8 as f32
    };
    put(quantified(crate::analyze::cues::Quantifier::Only));
    put(quantified(crate::analyze::cues::Quantifier::All));
    put(if by_kind[4] > 0.0 {
        sim_similar / by_kind[4]
    } else {
        0.0
    });
    // The vector similarities cost most: only the passages the claim-level
    // decision reads get them (see [`add_similarities`]).
    put(0.0);
    put(0.0);
    debug_assert_eq!(k, LEN);
    f
}

/// Does the claim name a place (a person) the passage lacks, while the
/// passage names another place (person) the claim does not?
fn replaced_entities(claim: &Analysis, j: &Judged, parts: &[&Analysis]) -> (bool, bool) {
    use crate::analyze::entities::EntityId;
    let mut out = (false, false);
    for (i, e) in claim.entities.iter().enumerate() {
        let Some(e) = e else { continue };
        if j.matches[i].is_some() {
            continue;
        }
        let other = parts.iter().any(|p| {
            p.entities.iter().flatten().any(|x| {
                x.is_place() == e.is_place() && !claim.entities.iter().flatten().any(|c| c == x)
            })
        });
        if other {
            match e {
                EntityId::Place(_) => out.0 = true,
                EntityId::Name(_) => out.1 = true,
            }
        }
    }
    out
}

/// Fills in a chosen passage's vector similarities.
pub fn add_similarities(
    f: &mut [f32; LEN],
    claim: &Analysis,
    weights: &[f32],
    j: &Judged,
    parts: &[&Analysis],
    vectors: Option<&Vectors>,
) {
    if let Some(v) = vectors {
        let passage_parts = &parts[..j.sentences.len().min(parts.len())];
        let (sentence, unmatched) = similarities(claim, weights, j, passage_parts, v);
        f[LEN - 2] = sentence;
        f[LEN - 1] = unmatched;
    }
}

/// The cosine of the claim's and the passage's word-vector centroids, and
/// the weighted mean, over the claim's unmatched words, of their closest
/// passage word's similarity: is what the passage says instead about the
/// same thing?
fn similarities(
    claim: &Analysis,
    weights: &[f32],
    j: &Judged,
    parts: &[&Analysis],
    v: &Vectors,
) -> (f32, f32) {
    let (mut unmatched_sum, mut unmatched_weight) = (0.0, 0.0);
    for (i, t) in claim.tokens.iter().enumerate() {
        let Some(id) = t.vec else { continue };
        if j.matches[i].is_none() && weights[i] > 0.0 {
            let closest = parts
                .iter()
                .flat_map(|p| p.tokens.iter().filter_map(|t| t.vec))
                .map(|pv| v.cosine(id, pv))
                .fold(0.0f32, f32::max);
            unmatched_sum += weights[i] * closest;
            unmatched_weight += weights[i];
        }
    }
    let d = claim.centroid.len();
    let mut b = vec![0.0f32; d];
    for p in parts {
        if p.centroid.len() == d {
            for (x, y) in b.iter_mut().zip(&p.centroid) {
                *x += y;
            }
        }
    }
    let a = &claim.centroid;
    let dot: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
    let norm = |x: &[f32]| x.iter().map(|v| v * v).sum::<f32>().sqrt();
    let cos = if norm(a) > 0.0 && norm(&b) > 0.0 {
        dot / (norm(a) * norm(&b))
    } else {
        0.0
    };
    let unmatched = if unmatched_weight > 0.0 {
        unmatched_sum / unmatched_weight
    } else {
        0.0
    };
    (cos, unmatched)
}

/// The claim words a passage replaces with others in the same place, as a
/// mismatch to show when the learned decision finds a conflict that no typed
/// check names.
pub fn detail(claim: &Analysis, weights: &[f32], j: &Judged, parts: &[&Analysis]) -> Option<Found> {
    substitutions(claim, weights, j, parts)
        .detail
        .map(|(_, f)| f)
}

/// Unmatched claim words, by where they fall in the passage.
#[derive(Default)]
struct Slots {
    /// Runs of unmatched claim words whose matched neighbours on both sides
    /// enclose unmatched passage words: the passage fills the same slot with
    /// something else ("directed by [Fritz Lang]" / "directed by [Steven Soderbergh]").
    between: usize,
    w_between: f32,
    /// Of those, runs where both sides are capitalised names.
    names: usize,
    /// Runs at the claim's end whose matched neighbour is followed, in the
    /// passage, by other content words ("is [Canadian]" / "is an [American] actor").
    tail: usize,
    /// Weight of unmatched claim words in no slot: details the passage lacks.
    w_extra: f32,
    /// The heaviest slot: claim words and the passage words in their place.
    detail: Option<(f32, Found)>,
}

fn substitutions(claim: &Analysis, weights: &[f32], j: &Judged, parts: &[&Analysis]) -> Slots {
    let mut out = Slots::default();
    let n = claim.tokens.len();
    let anchor = |k: usize| {
        j.matches[k].filter(|m| !m.kind.is_conflict() && (m.part as usize) < parts.len())
    };
    // Passage words some claim word landed on, per part.
    let landed = |part: u8, i: usize| {
        j.matches
            .iter()
            .flatten()
            .any(|m| m.part == part && m.i as usize == i)
    };
    let mut i = 0;
    while i < n {
        if weights[i] == 0.0 || j.matches[i].is_some() {
            i += 1;
            continue;
        }
        // A run of unmatched claim words (weightless words inside it allowed).
        let start = i;
        let mut end = i + 1;
        while end < n
            && (j.matches[end].is_none() || weights[end] == 0.0)
            && claim.tokens[end].kind != crate::analyze::tokens::TokenKind::Punct
        {
            end += 1;
        }
        let run_weight: f32 = (start..end)
            .filter(|&k| j.matches[k].is_none())
            .map(|k| weights[k])
            .sum();
        let left = (0..start).rev().find_map(|k| anchor(k));
        let right = (end..n).find_map(|k| anchor(k));
        let capital = (start..end).any(|k| claim.tokens[k].capitalized && weights[k] > 0.0);
        let mut filled: Option<(u8, Vec<usize>)> = None;
        match (left, right) {
            (Some(l), Some(r)) if l.part == r.part && l.i + 1 < r.i => {
                let p = parts[l.part as usize];
                let gap = (l.i as usize + 1)..(r.i as usize);
                let fillers: Vec<usize> = gap
                    .filter(|&g| p.is_content(g) && !landed(l.part, g))
                    .collect();
                if !fillers.is_empty() && fillers.len() <= 8 {
                    out.between += 1;
                    out.w_between += run_weight;
                    if capital && fillers.iter().any(|&g| p.tokens[g].capitalized) {
                        out.names += 1;
                    }
                    filled = Some((l.part, fillers));
                }
            }
            (Some(l), None) => {
                let p = parts[l.part as usize];
                let after = (l.i as usize + 1)..(l.i as usize + 5).min(p.tokens.len());
                let fillers: Vec<usize> = after
                    .take_while(|&g| p.tokens[g].kind != crate::analyze::tokens::TokenKind::Punct)
                    .filter(|&g| p.is_content(g) && !landed(l.part, g))
                    .collect();
                if !fillers.is_empty() {
                    out.tail += 1;
                    filled = Some((l.part, fillers));
                }
            }
            _ => {}
        }
        let slotted = filled.is_some();
        if let Some((part, fillers)) = filled {
            if out.detail.as_ref().is_none_or(|(w, _)| run_weight > *w) {
                let words = (start..end).filter(|&k| j.matches[k].is_none() && weights[k] > 0.0);
                let (first, last) = (
                    words.clone().min().unwrap_or(start),
                    words.max().unwrap_or(start),
                );
                out.detail = Some((
                    run_weight,
                    Found {
                        kind: MismatchKind::Detail,
                        claim: first..last + 1,
                        passage: Some((part, fillers[0]..fillers[fillers.len() - 1] + 1)),
                    },
                ));
            }
        }
        if !slotted {
            out.w_extra += run_weight;
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_line_up_with_the_vectors() {
        assert_eq!(NAMES.len(), LEN);
        assert_eq!(NAMES[SUPPORT], "support");
        assert_eq!(NAMES[EVENT], "event");
        assert_eq!(NAMES[FIRST_MISMATCH], "mm_number");
        assert_eq!(NAMES[FIRST_MISMATCH + MISMATCH_KINDS - 1], "mm_category");
        assert_eq!(claim_names().len(), CLAIM_LEN);
    }
}
