//! Typed mismatches between a claim and an aligned passage: number, date,
//! entity, title, polarity, antonym, quantifier, modality and category. Who
//! does what to whom (roles) is read from the clause structure instead (see
//! `verify::structure`).
//!
//! Each check reads only slots the alignment tied together, so a detail the
//! passage never mentions is "unsupported", never a conflict.

use std::ops::Range;

use super::align::{MatchKind, TokenMatch};
use crate::analyze::cues::{self, Quantifier};
use crate::analyze::entities::{EntityId, EntityTable};
use crate::analyze::tokens::TokenKind;
use crate::analyze::{Analysis, Fact};
use crate::lexicon::Lexicon;
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
    pub people: &'a EntityTable,
    pub lex: &'a Lexicon,
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
    titles(cx, &mut out);
    categories(cx, &mut out);
    out
}

/// "X is a N": the head noun of a copular definition, with the subject's range.
fn definition(a: &Analysis) -> Option<(std::ops::Range<usize>, usize)> {
    let n = a.tokens.len();
    // The subject: the leading name (skipping a determiner and a parenthesis).
    let first = (0..n).find(|&k| {
        a.tokens[k].kind != TokenKind::Punct
            && !matches!(a.tokens[k].norm.as_str(), "the" | "a" | "an")
    })?;
    let mut end = first;
    while end < n
        && (a.tokens[end].capitalized
            || a.tokens[end].kind == TokenKind::Number
            || a.entities[end].is_some())
    {
        end += 1;
    }
    if end == first {
        return None;
    }
    // Allow "(born 1960)" or ", officially ..." between subject and verb.
    let copula = (end..(end + 12).min(n))
        .find(|&k| matches!(a.tokens[k].norm.as_str(), "is" | "was" | "are" | "were"))?;
    if (end..copula).any(|k| is_verbish(a, k)) {
        return None;
    }
    let det = copula + 1;
    if !matches!(
        a.tokens.get(det).map(|t| t.norm.as_str()),
        Some("a" | "an" | "the")
    ) {
        return None;
    }
    // The head: the last content word before a preposition, clause mark or the end.
    let mut head = None;
    for k in det + 1..n {
        let t = &a.tokens[k];
        let participle = t.norm.ends_with("ed") || t.norm.ends_with("ing");
        if t.kind == TokenKind::Punct
            || participle
            || matches!(
                t.norm.as_str(),
                "of" | "in"
                    | "by"
                    | "for"
                    | "from"
                    | "with"
                    | "that"
                    | "which"
                    | "who"
                    | "and"
                    | "on"
                    | "at"
            )
        {
            break;
        }
        if a.is_content(k) && a.fact_of[k].is_none() {
            head = Some(k);
        }
    }
    Some((first..end, head?))
}

/// The claim defines its subject as one kind of thing and the passage, defining
/// the same subject, as another ("Lost is a political party" / "Lost is an
/// American television drama series").
fn categories(cx: &Context, out: &mut Vec<Found>) {
    let claim = cx.claim;
    let Some((subject, head)) = definition(claim) else {
        return;
    };
    // A general word ("a place", "a person", "a program") is likely a broader
    // name for the same thing, not a rival one.
    if cx.matches[head].is_some()
        || claim.negated[head]
        || cx.lex.general_weight(&claim.tokens[head].stem) < 2.5
    {
        return;
    }
    let Some(sm) = subject.clone().find_map(|k| cx.matches[k]) else {
        return;
    };
    let p = cx.part(&sm);
    let Some((p_subject, p_head)) = definition(p) else {
        return;
    };
    // The passage defines the same subject: every word of the claim's subject is in the passage's.
    let same_subject = subject
        .clone()
        .filter(|&k| cx.weights[k] > 0.0 || claim.tokens[k].capitalized)
        .all(|k| {
            cx.matches[k].is_some_and(|m| m.part == sm.part && p_subject.contains(&(m.i as usize)))
                || p_subject
                    .clone()
                    .any(|j| p.tokens[j].stem == claim.tokens[k].stem)
        });
    if !same_subject || p.tokens[p_head].stem == claim.tokens[head].stem {
        return;
    }
    out.push(Found {
        kind: MismatchKind::Category,
        claim: head..head + 1,
        passage: Some((sm.part, p_head..p_head + 1)),
    });
}

fn fact_range(a: &Analysis, i: usize) -> Range<usize> {
    match a.fact_of.get(i).copied().flatten() {
        Some(Fact::Quantity(q)) => {
            let q = &a.quantities[q];
            // Include the counted noun when it is hyphenated on ("20-point").
            let end = if a.tokens.get(q.last + 1).is_some_and(|t| t.hyphen_before) {
                q.last + 2
            } else {
                q.last + 1
            };
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
        // The word the figure counts for ("killed 1,200" vs "saw thousands dead")
        // must be the same, or it is a figure of another event.
        let first = fact_range(cx.claim, i).start;
        if kind == MismatchKind::Number {
            if let Some(g) = (first.saturating_sub(3)..first)
                .rev()
                .find(|&k| cx.claim.is_content(k) && cx.claim.fact_of[k].is_none())
            {
                if cx.claim.entities[g].is_none()
                    && cx.matches[g].is_none_or(|m| m.kind.is_conflict())
                {
                    continue;
                }
            }
        }
        let claim = fact_range(cx.claim, i);
        if out.iter().any(|f: &Found| f.claim == claim) {
            continue;
        }
        let passage = fact_range(cx.part(m), m.i as usize);
        out.push(Found {
            kind,
            claim,
            passage: Some((m.part, passage)),
        });
    }
}

/// The claim is hedged or asks nothing settled: "may", "could", "reportedly".
fn hedged_near(a: &Analysis, i: usize) -> bool {
    let from = i.saturating_sub(4);
    a.tokens[from..i]
        .iter()
        .zip(&a.cue[from..i])
        .any(|(t, c)| c.hedge || cues::is_attitude(&t.stem))
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
        // Polarity of someone else's act is another event (when both doers are
        // people, or both places: "the Russian leader" may well be Putin).
        if let (Some(a), Some(b)) = (agent(cx.claim, i), agent(p, pi)) {
            if let (Some(x), Some(y)) = (&cx.claim.entities[a], &p.entities[b]) {
                if x != y && x.is_place() == y.is_place() {
                    continue;
                }
            }
        }
        match m.kind {
            // Everyday opposites ("go" / "come") are too loose to contradict anything.
            MatchKind::Antonym
                if !flipped && cx.lex.general_weight(&cx.claim.tokens[i].stem) >= 3.0 =>
            {
                out.push(Found {
                    kind: MismatchKind::Antonym,
                    claim: i..i + 1,
                    passage: Some((m.part, pi..pi + 1)),
                });
            }
            // Only a verb's polarity: "without a peace deal" and "a peace deal remains
            // elusive" agree although one negates the noun.
            MatchKind::Exact | MatchKind::Synonym | MatchKind::Derived
                if flipped
                    && (is_verbish(cx.claim, i)
                        || is_verbish(p, pi)
                        || copular_negation(cx.claim, i)
                        || copular_negation(p, pi)) =>
            {
                // Both sides must have content around the flip: a negation that
                // governs only this word on one side.
                let from = negation_cue_before(
                    if cx.claim.negated[i] { cx.claim } else { p },
                    if cx.claim.negated[i] { i } else { pi },
                );
                let (claim, passage) = if cx.claim.negated[i] {
                    (from.unwrap_or(i)..i + 1, pi..pi + 1)
                } else {
                    (i..i + 1, from.unwrap_or(pi)..pi + 1)
                };
                out.push(Found {
                    kind: MismatchKind::Polarity,
                    claim,
                    passage: Some((m.part, passage)),
                });
            }
            MatchKind::Exact | MatchKind::Synonym | MatchKind::Derived
                // The passage leaves it an open question; the claim asserts it.
                if p.open[pi]
                    && !cx.claim.open[i]
                    && !hedged_near(cx.claim, i)
                    && !cx.claim.negated[i]
                    && is_verbish(p, pi)
                => {
                    let from = (0..pi)
                        .rev()
                        .find(|&k| p.tokens[k].norm == "whether")
                        .unwrap_or(pi);
                    out.push(Found {
                        kind: MismatchKind::Modality,
                        claim: i..i + 1,
                        passage: Some((m.part, from..pi + 1)),
                    });
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

/// "isn't a writer", "is not an actor": a negated copula makes the noun after it the predicate.
fn copular_negation(a: &Analysis, i: usize) -> bool {
    a.negated[i]
        && (i.saturating_sub(4)..i).any(|k| {
            cues::is_negation(&a.tokens[k].norm)
                && (matches!(
                    a.tokens[k].norm.as_str(),
                    "isnt" | "wasnt" | "arent" | "werent"
                ) || (k > 0
                    && matches!(a.tokens[k - 1].norm.as_str(), "is" | "was" | "are" | "were")))
        })
}

fn negation_cue_before(a: &Analysis, i: usize) -> Option<usize> {
    (i.saturating_sub(6)..i)
        .rev()
        .find(|&k| cues::is_negation(&a.tokens[k].norm) || a.tokens[k].norm == "rather")
}

/// First token of the entity mention that contains token `i`.
fn mention_start(a: &Analysis, i: usize) -> usize {
    let mut s = i;
    while s > 0 && a.entities[s - 1].is_some() && a.entities[s - 1] == a.entities[i] {
        s -= 1;
    }
    s
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
        let title_start = mention_start(claim, mention.start.saturating_sub(1));
        let titled = mention.start > 0
            && matches!((&claim.entities[mention.start - 1], e), (Some(EntityId::Name(a)), EntityId::Name(b)) if a != b)
            && cx.matches[title_start].is_some_and(|m| m.kind == MatchKind::Entity);
        // The subject of its clause names the event; another subject is another event.
        let is_subject = !(0..mention.start).any(|k| {
            claim.clause[k] == claim.clause[mention.start]
                && claim.entities[k].is_none()
                && ((claim.is_content(k) && !claim.tokens[k].capitalized)
                    || matches!(
                        claim.tokens[k].norm.as_str(),
                        "is" | "was" | "are" | "were" | "be" | "been"
                    ))
        });
        if is_subject && !titled {
            continue;
        }
        // The word the name hangs on must be the passage's too: "met in Alaska"
        // against "discussions with Kyiv" is another event, not another place.
        let governor = (mention.start.saturating_sub(4)..mention.start)
            .rev()
            .find(|&k| claim.is_content(k) && claim.entities[k].is_none());
        if !titled && governor.is_some_and(|g| cx.matches[g].is_none_or(|m| m.kind.is_conflict())) {
            continue;
        }
        // "including Brazil", "as well as X": an added member, not a replacement.
        let added = (mention.start.saturating_sub(3)..mention.start).any(|k| {
            matches!(
                claim.tokens[k].norm.as_str(),
                "including" | "also" | "plus" | "besides" | "like" | "such"
            )
        });
        if added {
            continue;
        }
        // Anchors: matched claim words next to the mention.
        let left = (mention.start.saturating_sub(4)..mention.start)
            .rev()
            .find(|&k| anchor(cx, k));
        let right = (mention.end..(mention.end + 4).min(n)).find(|&k| anchor(cx, k));
        let mut hit: Option<(u8, Range<usize>)> = None;
        for a in [left, right].into_iter().flatten() {
            let m = cx.matches[a].expect("anchor is matched");
            let p = cx.part(&m);
            let pi = m.i as usize;
            // A name as anchor reaches further: "Carlson (born 1960) is an American physicist".
            let reach = if m.kind == MatchKind::Entity { 6 } else { 4 };
            let window = pi.saturating_sub(reach)..(pi + reach + 1).min(p.tokens.len());
            for k in window {
                let Some(f) = &p.entities[k] else { continue };
                if f == e || claim_entities.contains(&f) || f.is_place() != e.is_place() {
                    continue;
                }
                // The passage's subject is its event's actor, no stand-in for the claim's object.
                let passage_subject = !(0..k).any(|j| {
                    p.clause[j] == p.clause[k]
                        && p.entities[j].is_none()
                        && p.is_content(j)
                        && !p.tokens[j].capitalized
                });
                if passage_subject && !is_subject {
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
            if let Some(m) = cx.matches[title_start] {
                let p = cx.part(&m);
                let owner = &claim.entities[mention.start - 1];
                let span: Vec<usize> = (0..p.tokens.len())
                    .filter(|&k| &p.entities[k] == owner && p.tokens[k].capitalized)
                    .collect();
                if let (Some(&s), Some(&t)) = (span.first(), span.last()) {
                    hit = Some((m.part, s..t + 1));
                }
            }
        }
        if let Some(h) = hit {
            // The whole name the passage replaces: "Egyptian President Abdel Fattah el-Sisi".
            let part_of_name = |k: usize| {
                cx.matches[k].is_none()
                    && claim.tokens[k].kind == TokenKind::Word
                    && (claim.tokens[k].capitalized
                        || claim.tokens[k].hyphen_before
                        || claim.tokens.get(k + 1).is_some_and(|t| t.hyphen_before))
            };
            // Leftwards it reaches past a capitalised title word the passage
            // shares to the name's own qualifier: "Egyptian" above, where the
            // passage has "Palestinian Authority President Mahmoud Abbas".
            let shared_title = |k: usize| {
                claim.tokens[k].capitalized && cx.people.is_title_word(&claim.tokens[k].stem)
            };
            let mut start = mention.start;
            let mut k = start;
            while k > 0 && (part_of_name(k - 1) || shared_title(k - 1)) {
                k -= 1;
                if part_of_name(k) {
                    start = k;
                }
            }
            let mut end = mention.end;
            while end < n && part_of_name(end) {
                end += 1;
            }
            out.push(Found {
                kind: if titled {
                    MismatchKind::Title
                } else {
                    MismatchKind::Entity
                },
                claim: start..end,
                passage: Some(h),
            });
        }
    }
}

fn anchor(cx: &Context, k: usize) -> bool {
    cx.matches[k].is_some_and(|m| {
        matches!(
            m.kind,
            MatchKind::Exact | MatchKind::Synonym | MatchKind::Entity | MatchKind::Derived
        )
    })
}

/// A word that is probably a verb here: syntax first (after a modal or "to";
/// an -ed/-ing form after an auxiliary), the lexicon for the rest.
fn is_verbish(a: &Analysis, k: usize) -> bool {
    a.verb[k]
}

fn quantifier_in(a: &Analysis, range: Range<usize>) -> Option<(Quantifier, usize)> {
    range
        .into_iter()
        .find_map(|k| a.cue[k].quantifier.map(|q| (q, k)))
}

/// Token range of the clause of token `i`.
fn clause_range(a: &Analysis, i: usize) -> Range<usize> {
    let c = a.clause[i];
    let s = (0..=i)
        .rev()
        .take_while(|&k| a.clause[k] == c)
        .last()
        .unwrap_or(i);
    let e = (i..a.tokens.len())
        .take_while(|&k| a.clause[k] == c)
        .last()
        .unwrap_or(i)
        + 1;
    s..e
}

fn quantifiers(cx: &Context, out: &mut Vec<Found>) {
    let claim = cx.claim;
    let Some((q, qi)) = quantifier_in(claim, 0..claim.tokens.len()) else {
        return;
    };
    // "not the only one", "not all": the claim denies the quantifier, not asserts it.
    if (qi.saturating_sub(2)..qi).any(|k| cues::is_negation(&claim.tokens[k].norm)) {
        return;
    }
    // The passage sentence where most of the claim landed.
    let Some(m) = best_part_match(cx) else { return };
    let p = cx.part(&m);
    let whole = 0..p.tokens.len();
    match q {
        Quantifier::All => {
            if let Some((Quantifier::Some, k)) = quantifier_in(p, whole) {
                out.push(Found {
                    kind: MismatchKind::Quantifier,
                    claim: qi..qi + 1,
                    passage: Some((m.part, k..k + 1)),
                });
            }
        }
        Quantifier::Only => {
            // "only X" against a passage that names X with others, or says "other".
            let others = whole.clone().find(|&k| {
                matches!(
                    p.tokens[k].norm.as_str(),
                    "other" | "others" | "variety" | "also" | "various"
                )
            });
            let conjoined = conjoined_extra_entity(claim, p);
            if let Some(k) = others.or(conjoined) {
                out.push(Found {
                    kind: MismatchKind::Quantifier,
                    claim: qi..qi + 1,
                    passage: Some((m.part, k..k + 1)),
                });
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
    // Most claims neither decide nor deliberate: nothing to compare.
    if !claim.cue.iter().any(|c| c.decision || c.deliberation) {
        return;
    }
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
    let claim_hedged = claim.cue.iter().any(|c| c.hedge);
    let decided_in =
        |a: &Analysis, r: Range<usize>| r.into_iter().find(|&k| a.cue[k].decision && !a.negated[k]);
    let deliberating_in = |a: &Analysis, r: Range<usize>| {
        r.into_iter().find(|&k| {
            (a.cue[k].deliberation && !a.negated[k]) || (a.cue[k].decision && a.negated[k])
        })
    };
    let whole = 0..claim.tokens.len();
    if let Some(ck) = decided_in(claim, whole.clone()) {
        if claim_hedged || claim.negated[ck] {
            return;
        }
        // "already achieved" against "if we succeed": the source makes it conditional.
        let conditional_in = |r: Range<usize>| {
            r.into_iter().find(|&k| {
                matches!(
                    p.tokens[k].norm.as_str(),
                    "if" | "potentially" | "possibly" | "could" | "might"
                )
            })
        };
        for r in &ranges {
            if let Some(pk) = deliberating_in(p, r.clone()).or_else(|| conditional_in(r.clone())) {
                if decided_in(p, r.clone()).is_none() {
                    out.push(Found {
                        kind: MismatchKind::Modality,
                        claim: ck..ck + 1,
                        passage: Some((m.part, pk..pk + 1)),
                    });
                    return;
                }
            }
        }
    } else if let Some(ck) = deliberating_in(claim, whole) {
        for r in &ranges {
            if let Some(pk) = decided_in(p, r.clone()) {
                if deliberating_in(p, r.clone()).is_none() && !p.negated[pk] {
                    out.push(Found {
                        kind: MismatchKind::Modality,
                        claim: ck..ck + 1,
                        passage: Some((m.part, pk..pk + 1)),
                    });
                    return;
                }
            }
        }
    }
}

fn passive_at(a: &Analysis, v: usize) -> bool {
    let t = &a.tokens[v];
    let participle = t.norm.ends_with("ed") || t.norm.ends_with("en") || t.norm.ends_with("wn");
    let auxiliary = (v.saturating_sub(3)..v).any(|k| {
        matches!(
            a.tokens[k].norm.as_str(),
            "was" | "were" | "been" | "is" | "are" | "be" | "being"
        )
    });
    // "the board chaired by Trump": a participle with its agent.
    let by_agent = a.tokens.get(v + 1).is_some_and(|t| t.norm == "by");
    participle && (auxiliary || by_agent)
}

/// The entity that does what verb `v` says: after "by" in the passive, else the
/// nearest entity before it in its clause, skipping appositives (", a close ally of X,").
pub fn agent(a: &Analysis, v: usize) -> Option<usize> {
    if !is_verbish(a, v) {
        return None;
    }
    if passive_at(a, v) {
        let by = (v + 1..(v + 4).min(a.tokens.len())).find(|&k| a.tokens[k].norm == "by")?;
        return (by + 1..(by + 4).min(a.tokens.len())).find(|&k| a.entities[k].is_some());
    }
    // "countries opposed to Israel": a participle after its noun describes the noun.
    let participle = a.tokens[v].norm.ends_with("ed") || a.tokens[v].norm.ends_with("en");
    if participle
        && v > 0
        && a.is_content(v - 1)
        && a.entities[v - 1].is_none()
        && !is_verbish(a, v - 1)
    {
        return None;
    }
    subject_before(a, v)
}

/// The nearest entity before token `v` in its clause, skipping appositives
/// (", a close ally of Putin,") and stopping at relative pronouns.
fn subject_before(a: &Analysis, v: usize) -> Option<usize> {
    let mut k = v;
    let mut steps = 0;
    while k > 0 && steps < 24 {
        k -= 1;
        steps += 1;
        if a.clause[k] != a.clause[v] {
            return None;
        }
        let t = &a.tokens[k];
        if t.norm == "," {
            // ", a close ally of Putin," : jump over the appositive to its opening comma.
            let open = (0..k).rev().take(8).find(|&j| a.tokens[j].norm == ",");
            if let Some(j) = open {
                if matches!(
                    a.tokens.get(j + 1).map(|t| t.norm.as_str()),
                    Some("a" | "an" | "the")
                ) {
                    k = j;
                    continue;
                }
            }
            continue;
        }
        if matches!(t.norm.as_str(), "which" | "who" | "that") {
            return None;
        }
        if a.entities[k].is_some() {
            return Some(k);
        }
    }
    None
}

/// A role the claim gives a person that the corpus does not: "Lukashenko, the
/// Belarusian prime minister" where the corpus has "Belarusian President".
fn titles(cx: &Context, out: &mut Vec<Found>) {
    let claim = cx.claim;
    let n = claim.tokens.len();
    let mut i = 0;
    while i < n {
        let Some(EntityId::Name(person)) = &claim.entities[i] else {
            i += 1;
            continue;
        };
        let start = i;
        let mut end = i;
        while end < n && claim.entities[end] == claim.entities[start] {
            end += 1;
        }
        i = end;
        let known = cx.people.titles_of(person);
        if known.is_empty() {
            continue;
        }
        // The role words: an appositive after the name, "identified/described as the ...",
        // or "is the ...".
        let mut from = end;
        let as_at = (end..(end + 4).min(n)).find(|&k| claim.tokens[k].norm == "as");
        let is_the = claim
            .tokens
            .get(end)
            .is_some_and(|t| matches!(t.norm.as_str(), "is" | "was"))
            && matches!(
                claim.tokens.get(end + 1).map(|t| t.norm.as_str()),
                Some("the" | "a" | "an")
            );
        if claim.tokens.get(from).is_some_and(|t| t.norm == ",") {
            from += 1;
        } else if let Some(k) = as_at {
            from = k + 1;
        } else if is_the {
            from = end + 1;
        } else {
            continue;
        }
        let role: Vec<usize> = (from..(from + 8).min(n))
            .take_while(|&k| {
                !matches!(
                    claim.tokens[k].norm.as_str(),
                    "," | "." | ";" | "and" | "who" | "which"
                )
            })
            .filter(|&k| {
                !claim.tokens[k].stop
                    && claim.tokens[k].kind == TokenKind::Word
                    && claim.entities[k].as_ref() != claim.entities[start].as_ref()
                    || claim.entities[k].as_ref().is_some_and(EntityId::is_place)
            })
            .collect();
        let words: Vec<String> = role
            .iter()
            .map(|&k| EntityTable::title_word(&claim.tokens[k], cx.lex))
            .filter(|w| !matches!(w.as_str(), "former" | "current" | "then"))
            .collect();
        // A role is a title when its head noun is one, the last word before any
        // preposition: "minister" in "the prime minister of Belarus". A
        // description that merely contains a title word ("a polarizing figure
        // in the region") gives no title.
        let head = role
            .iter()
            .take_while(|&&k| {
                !(from..k).any(|j| {
                    matches!(
                        claim.tokens[j].norm.as_str(),
                        "in" | "of" | "at" | "for" | "from" | "on" | "with" | "to" | "by"
                    )
                })
            })
            .last()
            .map(|&k| EntityTable::title_word(&claim.tokens[k], cx.lex));
        if words.is_empty() || !head.is_some_and(|h| cx.people.is_title_word(&h)) {
            continue;
        }
        if known.iter().any(|t| words.iter().all(|w| t.contains(w))) {
            continue;
        }
        // Show the corpus's title from the passage, where it names this person.
        let Some(m) = cx.matches[start] else { continue };
        let p = cx.part(&m);
        let span: Vec<usize> = (0..p.tokens.len())
            .filter(|&k| {
                p.entities[k] == claim.entities[start]
                    && cx
                        .people
                        .is_title_word(&EntityTable::title_word(&p.tokens[k], cx.lex))
            })
            .collect();
        let (Some(&s), Some(&e)) = (span.first(), span.last()) else {
            continue;
        };
        out.push(Found {
            kind: MismatchKind::Title,
            claim: role[0]..role[role.len() - 1] + 1,
            passage: Some((m.part, s..e + 1)),
        });
    }
}
