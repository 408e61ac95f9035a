//! Typed mismatches between a claim and an aligned passage: number, date,
//! entity, title, polarity, antonym, quantifier, modality and role order.
//!
//! Each check reads only slots the alignment tied together, so a detail the
//! passage never mentions is "unsupported", never a conflict.

use std::ops::Range;

use super::align::{MatchKind, TokenMatch};
use crate::analyze::cues::{self, Quantifier};
use crate::analyze::entities::EntityId;
use crate::analyze::tokens::TokenKind;
use crate::analyze::{Analysis, Fact};
use crate::report::MismatchKind;

/// A mismatch found by the checks: claim tokens, and the passage tokens (part, range) that differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub kind: MismatchKind,
    pub claim: Range<usize>,
    pub passage: Option<(u8, Range<usize>)>,
}

pub struct Context<'a> {
    pub claim: &'a Analysis,
    pub parts: &'a [&'a Analysis],
    pub matches: &'a [Option<TokenMatch>],
    pub weights: &'a [f32],
}

impl Context<'_> {
    fn part(&self, m: &TokenMatch) -> &Analysis {
        self.parts[m.part as usize]
    }
}

pub fn find(cx: &Context) -> Vec<Found> {
    let mut out = Vec::new();
    facts(cx, &mut out);
    antonyms_and_polarity(cx, &mut out);
    entities(cx, &mut out);
    quantifiers(cx, &mut out);
    modality(cx, &mut out);
    roles(cx, &mut out);
    out
}

fn fact_range(a: &Analysis, i: usize) -> Range<usize> {
    match a.fact_of.get(i).copied().flatten() {
        Some(Fact::Quantity(q)) => {
            let q = &a.quantities[q];
            // Include the counted noun when it is hyphenated on ("20-point").
            let end = if a.tokens.get(q.last + 1).is_some_and(|t| t.hyphen_before) { q.last + 2 } else { q.last + 1 };
            q.first..end
        }
        Some(Fact::Date(d)) => a.dates[d].first..a.dates[d].last + 1,
        None => i..i + 1,
    }
}

fn facts(cx: &Context, out: &mut Vec<Found>) {
    for (i, m) in cx.matches.iter().enumerate() {
        let Some(m) = m else { continue };
        if m.kind != MatchKind::FactConflict {
            continue;
        }
        let kind = match cx.claim.fact_of[i] {
            Some(Fact::Date(_)) => MismatchKind::Date,
            _ => MismatchKind::Number,
        };
        let claim = fact_range(cx.claim, i);
        if out.iter().any(|f: &Found| f.claim == claim) {
            continue;
        }
        let passage = fact_range(cx.part(m), m.i as usize);
        out.push(Found { kind, claim, passage: Some((m.part, passage)) });
    }
}

/// The claim is hedged or asks nothing settled: "may", "could", "reportedly".
fn hedged_near(a: &Analysis, i: usize) -> bool {
    let from = i.saturating_sub(4);
    a.tokens[from..i].iter().any(|t| cues::is_hedge(&t.norm))
}

fn antonyms_and_polarity(cx: &Context, out: &mut Vec<Found>) {
    for (i, m) in cx.matches.iter().enumerate() {
        let Some(m) = m else { continue };
        if cx.claim.entities[i].is_some() || cx.claim.fact_of[i].is_some() {
            continue;
        }
        let p = cx.part(m);
        let pi = m.i as usize;
        let flipped = cx.claim.negated[i] != p.negated[pi];
        match m.kind {
            MatchKind::Antonym if !flipped => {
                out.push(Found { kind: MismatchKind::Antonym, claim: i..i + 1, passage: Some((m.part, pi..pi + 1)) });
            }
            MatchKind::Exact | MatchKind::Synonym | MatchKind::Derived if flipped => {
                // Both sides must have content around the flip: a negation that
                // governs only this word on one side.
                let from = negation_cue_before(if cx.claim.negated[i] { cx.claim } else { p }, if cx.claim.negated[i] { i } else { pi });
                let (claim, passage) = if cx.claim.negated[i] {
                    (from.unwrap_or(i)..i + 1, pi..pi + 1)
                } else {
                    (i..i + 1, from.unwrap_or(pi)..pi + 1)
                };
                out.push(Found { kind: MismatchKind::Polarity, claim, passage: Some((m.part, passage)) });
            }
            MatchKind::Exact | MatchKind::Synonym | MatchKind::Derived => {
                // The passage leaves it an open question; the claim asserts it.
                if p.open[pi] && !cx.claim.open[i] && !hedged_near(cx.claim, i) && !cx.claim.negated[i] {
                    let from = (0..pi).rev().find(|&k| p.tokens[k].norm == "whether").unwrap_or(pi);
                    out.push(Found { kind: MismatchKind::Modality, claim: i..i + 1, passage: Some((m.part, from..pi + 1)) });
                }
            }
            _ => {}
        }
    }
    // One polarity finding per sentence is enough to explain it.
    let mut seen = false;
    out.retain(|f| {
        if f.kind != MismatchKind::Polarity {
            return true;
        }
        let keep = !seen;
        seen = true;
        keep
    });
}

fn negation_cue_before(a: &Analysis, i: usize) -> Option<usize> {
    (i.saturating_sub(6)..i).rev().find(|&k| cues::is_negation(&a.tokens[k].norm) || a.tokens[k].norm == "rather")
}

fn clause_has_entity_before(a: &Analysis, i: usize) -> bool {
    (0..i).any(|k| a.clause[k] == a.clause[i] && a.entities[k].is_some() && a.entities[k] != a.entities[i])
}

/// An entity the claim names where the passage, in the same slot, names another.
fn entities(cx: &Context, out: &mut Vec<Found>) {
    let claim = cx.claim;
    let n = claim.tokens.len();
    let claim_entities: Vec<&EntityId> = claim.entities.iter().flatten().collect();
    let mut i = 0;
    while i < n {
        let Some(e) = &claim.entities[i] else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        while end < n && claim.entities[end].as_ref() == Some(e) {
            end += 1;
        }
        let mention = i..end;
        i = end;
        if cx.matches[mention.start].is_some() || cx.weights[mention.start] == 0.0 {
            continue;
        }
        // A title naming someone else right before the name ("Kremlin spokesman Sergei Lavrov").
        let titled = mention.start > 0
            && matches!((&claim.entities[mention.start - 1], e), (Some(EntityId::Name(a)), EntityId::Name(b)) if a != b)
            && cx.matches[mention.start - 1].is_some_and(|m| m.kind == MatchKind::Entity);
        // The subject of its clause names the event; another subject is another event.
        let is_subject = !clause_has_entity_before(claim, mention.start)
            && !(0..mention.start).any(|k| claim.clause[k] == claim.clause[mention.start] && cx.matches[k].is_some() && claim.tokens[k].kind == TokenKind::Word && !claim.tokens[k].stop && claim.is_content(k) && is_verbish(claim, k));
        if is_subject && !titled {
            continue;
        }
        // Anchors: matched claim words next to the mention.
        let left = (mention.start.saturating_sub(4)..mention.start).rev().find(|&k| anchor(cx, k));
        let right = (mention.end..(mention.end + 4).min(n)).find(|&k| anchor(cx, k));
        let mut hit: Option<(u8, Range<usize>)> = None;
        for a in [left, right].into_iter().flatten() {
            let m = cx.matches[a].expect("anchor is matched");
            let p = cx.part(&m);
            let pi = m.i as usize;
            let window = pi.saturating_sub(4)..(pi + 5).min(p.tokens.len());
            for k in window {
                let Some(f) = &p.entities[k] else { continue };
                if f == e || claim_entities.contains(&f) || f.is_place() != e.is_place() {
                    continue;
                }
                let mut s = k;
                while s > 0 && p.entities[s - 1].as_ref() == Some(f) {
                    s -= 1;
                }
                let mut t = k + 1;
                while t < p.tokens.len() && p.entities[t].as_ref() == Some(f) {
                    t += 1;
                }
                hit = Some((m.part, s..t));
                break;
            }
            if hit.is_some() {
                break;
            }
        }
        if titled && hit.is_none() {
            // The title's owner is the one the passage names.
            if let Some(m) = cx.matches[mention.start - 1] {
                let p = cx.part(&m);
                let owner = &claim.entities[mention.start - 1];
                let span: Vec<usize> = (0..p.tokens.len()).filter(|&k| &p.entities[k] == owner && p.tokens[k].capitalized).collect();
                if let (Some(&s), Some(&t)) = (span.first(), span.last()) {
                    hit = Some((m.part, s..t + 1));
                }
            }
        }
        if let Some(h) = hit {
            out.push(Found { kind: if titled { MismatchKind::Title } else { MismatchKind::Entity }, claim: mention, passage: Some(h) });
        }
    }
}

fn anchor(cx: &Context, k: usize) -> bool {
    cx.matches[k].is_some_and(|m| matches!(m.kind, MatchKind::Exact | MatchKind::Synonym | MatchKind::Entity | MatchKind::Derived))
}

/// A word that is probably a verb: the lexicon knows it as one and it is inflected or follows an auxiliary.
fn is_verbish(a: &Analysis, k: usize) -> bool {
    let t = &a.tokens[k];
    let lex = crate::lexicon::Lexicon::embedded();
    lex.is_verb(&t.stem)
        && (t.norm.ends_with("ed")
            || t.norm.ends_with("ing")
            || (k > 0 && matches!(a.tokens[k - 1].norm.as_str(), "has" | "have" | "had" | "was" | "were" | "is" | "are" | "be" | "been" | "will" | "would" | "to" | "could" | "may")))
}

fn quantifier_in(a: &Analysis, range: Range<usize>) -> Option<(Quantifier, usize)> {
    range.into_iter().find_map(|k| cues::quantifier(&a.tokens[k].norm).map(|q| (q, k)))
}

/// Token range of the clause of token `i`.
fn clause_range(a: &Analysis, i: usize) -> Range<usize> {
    let c = a.clause[i];
    let s = (0..=i).rev().take_while(|&k| a.clause[k] == c).last().unwrap_or(i);
    let e = (i..a.tokens.len()).take_while(|&k| a.clause[k] == c).last().unwrap_or(i) + 1;
    s..e
}

fn quantifiers(cx: &Context, out: &mut Vec<Found>) {
    let claim = cx.claim;
    let Some((q, qi)) = quantifier_in(claim, 0..claim.tokens.len()) else { return };
    // The passage sentence where most of the claim landed.
    let Some(m) = best_part_match(cx) else { return };
    let p = cx.part(&m);
    let whole = 0..p.tokens.len();
    match q {
        Quantifier::All => {
            if let Some((Quantifier::Some, k)) = quantifier_in(p, whole) {
                out.push(Found { kind: MismatchKind::Quantifier, claim: qi..qi + 1, passage: Some((m.part, k..k + 1)) });
            }
        }
        Quantifier::Only => {
            // "only X" against a passage that names X with others, or says "other".
            let others = whole.clone().find(|&k| matches!(p.tokens[k].norm.as_str(), "other" | "others" | "variety" | "also" | "various"));
            let conjoined = conjoined_extra_entity(claim, p);
            if let Some(k) = others.or(conjoined) {
                out.push(Found { kind: MismatchKind::Quantifier, claim: qi..qi + 1, passage: Some((m.part, k..k + 1)) });
            }
        }
        Quantifier::None | Quantifier::Some => {}
    }
}

/// In "X and Y have accepted", a Y the claim does not name.
fn conjoined_extra_entity(claim: &Analysis, p: &Analysis) -> Option<usize> {
    for k in 1..p.tokens.len().saturating_sub(1) {
        if p.tokens[k].norm != "and" {
            continue;
        }
        let (a, b) = (&p.entities[k - 1], &p.entities[k + 1]);
        if let (Some(a), Some(b)) = (a, b) {
            let has = |e: &EntityId| claim.entities.iter().flatten().any(|c| c == e);
            if has(a) && !has(b) {
                return Some(k + 1);
            }
            if has(b) && !has(a) {
                return Some(k - 1);
            }
        }
    }
    None
}

fn best_part_match(cx: &Context) -> Option<TokenMatch> {
    let mut weight = vec![0.0f32; cx.parts.len()];
    let mut first: Vec<Option<TokenMatch>> = vec![None; cx.parts.len()];
    for (i, m) in cx.matches.iter().enumerate() {
        if let Some(m) = m {
            weight[m.part as usize] += cx.weights[i];
            first[m.part as usize].get_or_insert(*m);
        }
    }
    let best = (0..cx.parts.len()).max_by(|&a, &b| weight[a].total_cmp(&weight[b]))?;
    first[best]
}

fn modality(cx: &Context, out: &mut Vec<Found>) {
    let claim = cx.claim;
    let Some(m) = best_part_match(cx) else { return };
    let p = cx.part(&m);
    // Only the clauses the claim landed in.
    let clause_of_match: Vec<Range<usize>> = cx
        .matches
        .iter()
        .flatten()
        .filter(|x| x.part == m.part)
        .map(|x| clause_range(p, x.i as usize))
        .collect();
    let mut ranges = clause_of_match;
    ranges.sort_by_key(|r| r.start);
    ranges.dedup();
    let cm = cues::modality(&claim.tokens, 0..claim.tokens.len());
    let decided_in = |a: &Analysis, r: Range<usize>| r.into_iter().find(|&k| cues::is_decision(&a.tokens[k].stem) && !a.negated[k]);
    let deliberating_in = |a: &Analysis, r: Range<usize>| {
        r.into_iter().find(|&k| (cues::is_deliberation(&a.tokens[k].stem) && !a.negated[k]) || (cues::is_decision(&a.tokens[k].stem) && a.negated[k]))
    };
    let whole = 0..claim.tokens.len();
    if let Some(ck) = decided_in(claim, whole.clone()) {
        if cm.hedged || claim.negated[ck] {
            return;
        }
        for r in &ranges {
            if let Some(pk) = deliberating_in(p, r.clone()) {
                if decided_in(p, r.clone()).is_none() {
                    out.push(Found { kind: MismatchKind::Modality, claim: ck..ck + 1, passage: Some((m.part, pk..pk + 1)) });
                    return;
                }
            }
        }
    } else if let Some(ck) = deliberating_in(claim, whole) {
        for r in &ranges {
            if let Some(pk) = decided_in(p, r.clone()) {
                if deliberating_in(p, r.clone()).is_none() && !p.negated[pk] {
                    out.push(Found { kind: MismatchKind::Modality, claim: ck..ck + 1, passage: Some((m.part, pk..pk + 1)) });
                    return;
                }
            }
        }
    }
}

fn passive_at(a: &Analysis, v: usize) -> bool {
    let t = &a.tokens[v];
    let participle = t.norm.ends_with("ed") || t.norm.ends_with("en") || t.norm.ends_with("wn");
    participle && (v.saturating_sub(3)..v).any(|k| matches!(a.tokens[k].norm.as_str(), "was" | "were" | "been" | "is" | "are" | "be" | "being"))
}

/// Who did what to whom: two entities on either side of a matched verb, whose
/// order (read through passive voice) is reversed in the passage; and claims
/// whose clauses bind entities to the other clause's predicate.
fn roles(cx: &Context, out: &mut Vec<Found>) {
    let claim = cx.claim;
    let n = claim.tokens.len();
    for v in 0..n {
        let Some(vm) = cx.matches[v] else { continue };
        if !matches!(vm.kind, MatchKind::Exact | MatchKind::Synonym | MatchKind::Derived) || claim.entities[v].is_some() || !is_verbish(claim, v) {
            continue;
        }
        let before = (0..v).rev().find(|&k| claim.entities[k].is_some() && claim.clause[k] == claim.clause[v]);
        let after = (v + 1..n).find(|&k| claim.entities[k].is_some() && claim.clause[k] == claim.clause[v]);
        let (Some(a), Some(b)) = (before, after) else { continue };
        let (Some(am), Some(bm)) = (cx.matches[a], cx.matches[b]) else { continue };
        if am.part != vm.part || bm.part != vm.part || am.kind != MatchKind::Entity || bm.kind != MatchKind::Entity {
            continue;
        }
        if claim.entities[a] == claim.entities[b] {
            continue;
        }
        let p = cx.part(&vm);
        let pv = vm.i as usize;
        let (pa, pb) = (am.i as usize, bm.i as usize);
        if p.clause[pa] != p.clause[pv] || p.clause[pb] != p.clause[pv] {
            continue;
        }
        let claim_agent_first = !passive_at(claim, v);
        let passage_a_first = pa < pv && pb > pv;
        let passage_b_first = pb < pv && pa > pv;
        if !(passage_a_first || passage_b_first) {
            continue;
        }
        let passage_agent_is_a = passage_a_first != passive_at(p, pv);
        if claim_agent_first != passage_agent_is_a {
            out.push(Found { kind: MismatchKind::Role, claim: a..b + 1, passage: Some((vm.part, pa.min(pb)..pa.max(pb) + 1)) });
            return;
        }
    }
    // Clause binding: "X did A, while Y did B" against "X did B, while Y did A".
    let clauses = claim.clause.iter().copied().max().unwrap_or(0) + 1;
    if clauses < 2 {
        return;
    }
    let mut crossed = 0;
    let mut first_span: Option<(Range<usize>, u8, Range<usize>)> = None;
    for c in 0..clauses {
        let idx: Vec<usize> = (0..n).filter(|&k| claim.clause[k] == c).collect();
        let ent: Vec<(u8, u16)> = idx
            .iter()
            .filter(|&&k| claim.entities[k].is_some())
            .filter_map(|&k| cx.matches[k].filter(|m| m.kind == MatchKind::Entity).map(|m| (m.part, cx.parts[m.part as usize].clause[m.i as usize])))
            .collect();
        let pred: Vec<(u8, u16)> = idx
            .iter()
            .filter(|&&k| claim.entities[k].is_none() && is_verbish(claim, k))
            .filter_map(|&k| cx.matches[k].filter(|m| matches!(m.kind, MatchKind::Exact | MatchKind::Synonym | MatchKind::Derived)).map(|m| (m.part, cx.parts[m.part as usize].clause[m.i as usize])))
            .collect();
        if ent.is_empty() || pred.is_empty() {
            continue;
        }
        if ent.iter().all(|e| !pred.contains(e)) && ent.iter().all(|e| e.0 == ent[0].0) {
            crossed += 1;
            if first_span.is_none() {
                let part = ent[0].0;
                let p = cx.parts[part as usize];
                let pc = ent[0].1;
                let r: Vec<usize> = (0..p.tokens.len()).filter(|&k| p.clause[k] == pc).collect();
                first_span = Some((idx[0]..idx[idx.len() - 1] + 1, part, r[0]..r[r.len() - 1] + 1));
            }
        }
    }
    if crossed >= 2 {
        if let Some((claim_r, part, pr)) = first_span {
            out.push(Found { kind: MismatchKind::Role, claim: claim_r, passage: Some((part, pr)) });
        }
    }
}
