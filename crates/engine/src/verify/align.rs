//! Alignment: which words of a claim a corpus sentence covers, and how
//! (same stem, same entity, synonym, hypernym, compatible fact), plus the
//! slots where it says the opposite (antonym) or another value (number, date).

use crate::analyze::tokens::{Token, TokenKind};
use crate::analyze::{Analysis, Fact};
use crate::lexicon::{Lexicon, Relation, Signature};
use crate::vectors::Vectors;

/// Vector similarity (of the reduced vectors) from which two words count as
/// about the same thing.
pub const SIMILAR: f32 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    Exact,
    Entity,
    Synonym,
    Derived,
    Hypernym,
    /// A word whose vector is close ("examining" / "studying"): about the same
    /// thing, which may or may not agree.
    Similar,
    /// A number or date that agrees ("over sixty" ~ "more than 60").
    Fact,
    /// The opposite word ("accepted" / "declined"); scored 0 until polarity is read.
    Antonym,
    /// A number or date of the same kind that disagrees.
    FactConflict,
}

impl MatchKind {
    pub fn score(self) -> f32 {
        match self {
            MatchKind::Exact | MatchKind::Entity | MatchKind::Fact => 1.0,
            MatchKind::Synonym => 0.85,
            MatchKind::Derived => 0.75,
            MatchKind::Hypernym => 0.6,
            MatchKind::Similar => 0.5,
            MatchKind::Antonym | MatchKind::FactConflict => 0.0,
        }
    }

    /// A slot the passage fills with an incompatible value: counts towards
    /// "same event" but not towards support.
    pub fn is_conflict(self) -> bool {
        matches!(self, MatchKind::Antonym | MatchKind::FactConflict)
    }

    fn rank(self) -> u8 {
        match self {
            MatchKind::Exact | MatchKind::Entity | MatchKind::Fact => 6,
            MatchKind::Synonym => 5,
            MatchKind::Derived => 4,
            MatchKind::Hypernym => 3,
            MatchKind::Similar => 3,
            MatchKind::FactConflict => 2,
            MatchKind::Antonym => 1,
        }
    }
}

/// Where a claim token landed: passage part (sentence of the passage) and token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TokenMatch {
    pub part: u8,
    pub i: u16,
    pub kind: MatchKind,
    /// For a figure: context words shared with the claim's figure. Of two
    /// equal matches, the one that counts the same thing wins. For a similar
    /// word: the similarity of the two vectors, in 255ths.
    pub shared: u8,
}

impl TokenMatch {
    pub fn better_than(&self, other: &Option<TokenMatch>) -> bool {
        match other {
            None => true,
            Some(o) => (self.kind.rank(), self.shared) > (o.kind.rank(), o.shared),
        }
    }
}

/// Weight of each claim token in coverage: inverse document frequency for
/// content words, one weight per entity mention and per fact, 0 for the rest.
pub fn weights(claim: &Analysis, idf: &dyn Fn(&str) -> f32) -> Vec<f32> {
    let n = claim.tokens.len();
    let mut w = vec![0.0f32; n];
    let mut i = 0;
    // A figure or date weighs once, on its first content token ("two" in "less than two years").
    let facts = claim
        .quantities
        .iter()
        .map(|q| (q.first, q.last))
        .chain(claim.dates.iter().map(|d| (d.first, d.last)));
    for (first, last) in facts {
        if let Some(k) = (first..=last).find(|&k| claim.is_content(k)) {
            w[k] = 2.0;
        }
    }
    while i < n {
        if !claim.is_content(i) || claim.fact_of[i].is_some() {
            i += 1;
            continue;
        }
        if let Some(e) = &claim.entities[i] {
            // One weight per mention, at its first token.
            let mut j = i;
            let mut best = 0.0f32;
            while j < n && claim.entities[j].as_ref() == Some(e) {
                best = best.max(idf(&claim.tokens[j].stem));
                j += 1;
            }
            w[i] = best.clamp(1.0, 6.0) * 1.2;
            i = j;
            continue;
        }
        w[i] = idf(&claim.tokens[i].stem).clamp(0.3, 6.0);
        i += 1;
    }
    // A trailing attribution (", according to one account") names who says
    // it, not what is said: its words need no source. Named sources keep
    // their weight, as the corpus may say who said it.
    if let Some(k) = (1..n.saturating_sub(1)).find(|&k| {
        claim.tokens[k].norm == "according"
            && claim.tokens[k + 1].norm == "to"
            && claim.tokens[k - 1].kind == TokenKind::Punct
    }) {
        for j in k..n {
            if claim.entities[j].is_none() {
                w[j] = 0.0;
            }
        }
    }
    w
}

fn same_unit(a: &str, b: &str, lex: &Lexicon) -> bool {
    a == b
        || matches!((lex.id(a), lex.id(b)), (Some(x), Some(y)) if lex.relation_by_id(x, y) == Some(Relation::Synonym))
}

/// Aligns every weighted claim token with its best counterpart in one passage
/// sentence. Matches say part 0: [`merge`] numbers the parts of a passage.
pub fn align_sentence(
    claim: &Analysis,
    weights: &[f32],
    p: &Analysis,
    lex: &Lexicon,
    vectors: Option<&Vectors>,
) -> Vec<Option<TokenMatch>> {
    let n = claim.tokens.len();
    let part = 0;
    let mut out: Vec<Option<TokenMatch>> = vec![None; n];
    let found = |i: usize, kind| {
        Some(TokenMatch {
            part,
            i: i as u16,
            kind,
            shared: 0,
        })
    };
    // The passage's content words, gathered once for all the claim's words.
    let mut content: Vec<Word> = Vec::with_capacity(p.tokens.len());
    content.extend(
        p.tokens
            .iter()
            .enumerate()
            .filter(|&(pi, _)| p.is_content(pi))
            .map(|(pi, t)| Word::new(pi, t, lex)),
    );
    for ci in 0..n {
        if weights[ci] == 0.0 && claim.fact_of[ci].is_none() {
            continue;
        }
        if !claim.is_content(ci) {
            continue;
        }
        match claim.fact_of[ci] {
            Some(Fact::Quantity(q)) => {
                let cq = &claim.quantities[q];
                // Of several figures in the passage, the one sharing the most
                // context words counts the same thing as the claim's.
                let mut best: Option<TokenMatch> = None;
                for pq in &p.quantities {
                    if !same_unit(&cq.unit, &pq.unit, lex) {
                        continue;
                    }
                    let Some(mut shared) =
                        shared_context(claim, cq.first, cq.last, p, pq.first, pq.last)
                    else {
                        continue;
                    };
                    // The same unit as written: "hours", not years converted to hours.
                    if unit_word(claim, cq.last) == unit_word(p, pq.last) {
                        shared += 1;
                    }
                    // An open-ended figure in the passage cannot confirm a bounded
                    // one in the claim: "more than two years" neither confirms nor
                    // denies "its tenth year".
                    let kind = if cq.contradicts(pq) {
                        MatchKind::FactConflict
                    } else if !pq.open_where_bounded(cq) {
                        MatchKind::Fact
                    } else {
                        continue;
                    };
                    let m = TokenMatch {
                        part,
                        i: pq.first as u16,
                        kind,
                        shared: shared.min(u8::MAX as usize) as u8,
                    };
                    // Most shared context first, then the better kind of match.
                    if best.is_none_or(|b| (m.shared, m.kind.rank()) > (b.shared, b.kind.rank())) {
                        best = Some(m);
                    }
                }
                out[ci] = best;
                continue;
            }
            Some(Fact::Date(d)) => {
                let cd = &claim.dates[d];
                let mut best = None;
                for pd in &p.dates {
                    let m = if cd.agrees(pd) {
                        found(pd.first, MatchKind::Fact)
                    } else if cd.comparable(pd)
                        && cd.contradicts(pd)
                        && shared_context(claim, cd.first, cd.last, p, pd.first, pd.last).is_some()
                    {
                        found(pd.first, MatchKind::FactConflict)
                    } else {
                        None
                    };
                    if m.as_ref().is_some_and(|m| m.better_than(&best)) {
                        best = m;
                    }
                }
                out[ci] = best;
                continue;
            }
            None => {}
        }
        if let Some(e) = &claim.entities[ci] {
            if let Some(pi) = p.entities.iter().position(|x| x.as_ref() == Some(e)) {
                out[ci] = found(pi, MatchKind::Entity);
            }
            continue;
        }
        let ct = &claim.tokens[ci];
        let cw = Word::new(ci, ct, lex);
        // Same stem first: cheap, and nothing beats it.
        if let Some(pw) = content.iter().find(|pw| pw.same_stem(&cw)) {
            out[ci] = found(pw.i, MatchKind::Exact);
            continue;
        }
        let mut best: Option<TokenMatch> = None;
        for pw in &content {
            if pw.kind != cw.kind || (pw.lex.is_none() && pw.len < 5) {
                continue;
            }
            let pt = pw.token;
            let kind = if let (Some((a, x)), Some((b, y))) = (cw.lex, pw.lex) {
                match x
                    .may_relate(&y)
                    .then(|| lex.relation_by_lists(a, b))
                    .flatten()
                {
                    Some(Relation::Synonym)
                        if lex.same_part_of_speech(a, &ct.norm, b, &pt.norm) =>
                    {
                        Some(MatchKind::Synonym)
                    }
                    Some(Relation::Synonym) => None,
                    Some(Relation::Antonym)
                        if lex.antonyms_as_written((&ct.norm, a), (&pt.norm, b)) =>
                    {
                        Some(MatchKind::Antonym)
                    }
                    Some(Relation::Antonym) => None,
                    Some(Relation::Hypernym) => Some(MatchKind::Hypernym),
                    None => cw.derived(pw).then_some(MatchKind::Derived),
                }
            } else {
                cw.derived(pw).then_some(MatchKind::Derived)
            };
            if let Some(kind) = kind {
                let m = TokenMatch {
                    part,
                    i: pw.i as u16,
                    kind,
                    shared: 0,
                };
                if m.better_than(&best) {
                    best = Some(m);
                }
            }
        }
        // What the lexicon does not relate, the vectors may: the closest word.
        if let (None, Some(v), Some(cv)) = (best, vectors, ct.vec) {
            let mut closest = (SIMILAR, None);
            for pw in &content {
                if let Some(pv) = pw.token.vec {
                    let sim = v.cosine(cv, pv);
                    if sim >= closest.0 && pw.kind == cw.kind {
                        closest = (sim, Some(pw.i));
                    }
                }
            }
            if let (sim, Some(i)) = closest {
                best = Some(TokenMatch {
                    part,
                    i: i as u16,
                    kind: MatchKind::Similar,
                    shared: (sim.clamp(0.0, 1.0) * 255.0) as u8,
                });
            }
        }
        out[ci] = best;
    }
    out
}

/// Stems of up to six content words on each side of a figure or date, within
/// its clause, the unit excluded.
fn context(a: &Analysis, first: usize, last: usize) -> Vec<&str> {
    let unit = last + 1;
    let clause = a.clause[first];
    let before = (0..first)
        .rev()
        .take_while(|&k| a.clause[k] == clause)
        .filter(|&k| a.is_content(k) && a.fact_of[k].is_none())
        .take(6);
    let after = (unit + 1..a.tokens.len())
        .take_while(|&k| a.clause[k] == clause)
        .filter(|&k| a.is_content(k) && a.fact_of[k].is_none())
        .take(6);
    before
        .chain(after)
        .map(|k| a.tokens[k].stem.as_str())
        .collect()
}

/// Two quantities count the same thing only if some word around them is shared:
/// "within 100 days of taking office" does not meet "a four-year war". Gives
/// how many words are shared (0 when either side has no context), or `None`
/// when the two cannot count the same thing.
fn shared_context(
    claim: &Analysis,
    cf: usize,
    cl: usize,
    p: &Analysis,
    pf: usize,
    pl: usize,
) -> Option<usize> {
    let a = context(claim, cf, cl);
    let b = context(p, pf, pl);
    let shared = a.iter().filter(|x| b.contains(x)).count();
    (a.is_empty() || b.is_empty() || shared > 0).then_some(shared)
}

/// Stem of the word after a figure: its unit as written.
fn unit_word(a: &Analysis, last: usize) -> Option<&str> {
    a.tokens.get(last + 1).map(|t| t.stem.as_str())
}

/// A content word as the pairwise comparison reads it. What decides most pairs
/// (kind, length, first bytes, lexical signature) is copied here once per
/// word rather than read through the token for every pair.
struct Word<'a> {
    i: usize,
    token: &'a Token,
    kind: TokenKind,
    len: usize,
    /// The stem's first eight bytes, little-endian, zero-padded: equal stems
    /// have equal prefixes, and most unequal ones differ in them.
    prefix: u64,
    lex: Option<(u32, Signature)>,
}

impl<'a> Word<'a> {
    fn new(i: usize, token: &'a Token, lex: &Lexicon) -> Self {
        let mut b = [0u8; 8];
        let n = token.stem.len().min(8);
        b[..n].copy_from_slice(&token.stem.as_bytes()[..n]);
        Word {
            i,
            token,
            kind: token.kind,
            len: token.stem.len(),
            prefix: u64::from_le_bytes(b),
            lex: token.lex.map(|id| (id, lex.signature(id))),
        }
    }

    fn same_stem(&self, other: &Word) -> bool {
        self.prefix == other.prefix
            && self.len == other.len
            && self.kind == other.kind
            && self.token.stem == other.token.stem
    }

    fn derived(&self, other: &Word) -> bool {
        // Both rules of `derived` need four shared leading letters.
        self.len >= 4
            && other.len >= 4
            && (self.prefix ^ other.prefix) & 0xFFFF_FFFF == 0
            && derived(&self.token.stem, &other.token.stem)
    }
}

/// Morphological relatives the stemmer leaves apart ("relegating" / "relegation").
fn derived(a: &str, b: &str) -> bool {
    // Both rules need four shared leading letters; most pairs differ sooner.
    if a.len() < 4 || b.len() < 4 || a.as_bytes()[..4] != b.as_bytes()[..4] {
        return false;
    }
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let longest = a.len().max(b.len());
    (common >= 5 && common + 2 >= longest)
        || (common >= 4 && a.len().min(b.len()) >= 5 && common + 1 >= longest)
}

/// Merges the per-sentence alignments of a passage's parts: each token keeps
/// its best match (the earlier part's on a tie), marked with its part's index.
pub fn merge(parts: &[&[Option<TokenMatch>]]) -> Vec<Option<TokenMatch>> {
    let n = parts.first().map_or(0, |p| p.len());
    (0..n)
        .map(|i| {
            let mut best: Option<TokenMatch> = None;
            for (k, p) in parts.iter().enumerate() {
                if let Some(m) = p[i] {
                    let m = TokenMatch { part: k as u8, ..m };
                    if m.better_than(&best) {
                        best = Some(m);
                    }
                }
            }
            best
        })
        .collect()
}
