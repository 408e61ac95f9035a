//! Retrieval: an inverted index over corpus sentences, scored with BM25.
//!
//! Index terms are content stems plus entity ids, so "the Russian president"
//! finds sentences that only say "Putin". Queries add the lexicon's synonyms of
//! each stem at a lower weight, so paraphrases reach their evidence.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use crate::analyze::entities::EntityId;
use crate::analyze::Analysis;
use crate::lexicon::Lexicon;

const K1: f32 = 1.2;
const B: f32 = 0.75;
const SYNONYM_WEIGHT: f32 = 0.4;

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Index {
    /// Written in term order, so the same corpus always gives the same file.
    #[serde(serialize_with = "in_term_order")]
    postings: HashMap<String, Postings>,
    lengths: Vec<u16>,
    avg_len: f32,
    #[serde(skip)]
    single_tf: OnceLock<Vec<f32>>,
}

/// The sentences one term occurs in, delta-coded: per sentence a varint of
/// `gap << 1 | (tf > 1)`, then the tf itself when it is above one. Most gaps
/// and counts fit a byte, so postings take about a byte each in memory and in
/// index files, which keeps a large corpus's index near the size of its text.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
struct Postings {
    /// How many sentences: the term's document frequency.
    df: u32,
    /// The last sentence added, which the next gap counts from.
    last: u32,
    #[serde(with = "crate::bytes")]
    coded: Vec<u8>,
}

impl Postings {
    fn push(&mut self, sentence: u32, tf: u16) {
        let gap = if self.df == 0 {
            sentence
        } else {
            sentence - self.last
        };
        put_varint(&mut self.coded, (gap as u64) << 1 | u64::from(tf > 1));
        if tf > 1 {
            put_varint(&mut self.coded, tf as u64);
        }
        self.df += 1;
        self.last = sentence;
    }

    /// (sentence, tf) pairs; a damaged list ends early rather than failing.
    fn iter(&self) -> impl Iterator<Item = (u32, u16)> + '_ {
        let mut at = 0;
        let mut sentence = 0u32;
        let mut first = true;
        std::iter::from_fn(move || {
            let v = get_varint(&self.coded, &mut at)?;
            let tf = if v & 1 == 1 {
                get_varint(&self.coded, &mut at)?.min(u16::MAX as u64) as u16
            } else {
                1
            };
            let gap = u32::try_from(v >> 1).ok()?;
            sentence = if first {
                gap
            } else {
                sentence.checked_add(gap)?
            };
            first = false;
            Some((sentence, tf))
        })
    }
}

fn in_term_order<S: serde::Serializer>(
    postings: &HashMap<String, Postings>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let sorted: std::collections::BTreeMap<&String, &Postings> = postings.iter().collect();
    serde::Serialize::serialize(&sorted, s)
}

pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub(crate) fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// The index terms of an analysed sentence: (term, is_entity).
pub fn terms(a: &Analysis) -> Vec<String> {
    let mut out = Vec::new();
    for (i, t) in a.tokens.iter().enumerate() {
        if !a.is_content(i) {
            continue;
        }
        out.push(t.stem.clone());
        if let Some(e) = &a.entities[i] {
            out.push(entity_term(e));
        }
    }
    out
}

pub fn entity_term(e: &EntityId) -> String {
    match e {
        EntityId::Place(g) => format!("#{g}"),
        EntityId::Name(n) => format!("@{n}"),
    }
}

impl Index {
    /// Every sentence has a length: an index read from a file must hold this
    /// before it is used. Postings that name a sentence out of range are
    /// skipped when searching, so they need no check here.
    pub fn is_consistent(&self, sentences: usize) -> bool {
        self.lengths.len() == sentences && self.avg_len.is_finite()
    }

    /// Indexes sentences in order; each analysis can be dropped once indexed.
    pub fn build<A: std::borrow::Borrow<Analysis>>(sentences: impl Iterator<Item = A>) -> Index {
        let mut index = Index::default();
        index.extend(sentences);
        index
    }

    /// Indexes more sentences, numbered after those already indexed.
    pub fn extend<A: std::borrow::Borrow<Analysis>>(&mut self, sentences: impl Iterator<Item = A>) {
        for a in sentences {
            let s = self.lengths.len() as u32;
            let terms = terms(a.borrow());
            self.lengths.push(terms.len().min(u16::MAX as usize) as u16);
            let mut counts: Vec<(String, u16)> = Vec::new();
            for t in terms {
                match counts.iter_mut().find(|(u, _)| *u == t) {
                    Some((_, c)) => *c = c.saturating_add(1),
                    None => counts.push((t, 1)),
                }
            }
            for (t, c) in counts {
                self.postings.entry(t).or_default().push(s, c);
            }
        }
        self.single_tf = OnceLock::new();
        let total: usize = self.lengths.iter().map(|&l| l as usize).sum();
        self.avg_len = if self.lengths.is_empty() {
            1.0
        } else {
            (total as f32 / self.lengths.len() as f32).max(1.0)
        };
    }

    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    /// Inverse document frequency of a term; unseen terms get the maximum.
    pub fn idf(&self, term: &str) -> f32 {
        self.idf_of(self.df(term))
    }

    fn idf_of(&self, df: usize) -> f32 {
        let (n, df) = (self.lengths.len() as f32, df as f32);
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// Document frequency of a term.
    pub fn df(&self, term: &str) -> usize {
        self.postings.get(term).map_or(0, |p| p.df as usize)
    }

    /// The `k` best sentences for a query, best first.
    pub fn search(&self, query: &Analysis, lex: &Lexicon, k: usize) -> Vec<(u32, f32)> {
        let query_terms = terms(query);
        let mut weighted: HashMap<&str, f32> = HashMap::default();
        for term in &query_terms {
            let w = weighted.entry(term).or_insert(0.0);
            *w = w.max(1.0);
            if !term.starts_with(['@', '#']) {
                for syn in lex.synonyms(term) {
                    let w = weighted.entry(syn).or_insert(0.0);
                    *w = w.max(SYNONYM_WEIGHT);
                }
            }
        }
        // Terms that can add the most first (rare and exact before common and
        // synonyms), ties in name order: float sums depend on order, and
        // verdicts must not depend on a hash seed.
        let mut terms: Vec<(&str, &Postings, f32)> = weighted
            .into_iter()
            .filter_map(|(t, qw)| {
                let p = self.postings.get(t)?;
                Some((t, p, qw * self.idf_of(p.df as usize)))
            })
            .collect();
        terms.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(b.0)));
        // What the terms after each one can still add to a sentence at most.
        let mut ceilings = vec![0.0f32; terms.len()];
        for i in (1..terms.len()).rev() {
            ceilings[i - 1] = ceilings[i] + terms[i].2 * (K1 + 1.0);
        }
        let factors = self.tf_factors();
        let score_of = |s: u32, tf: u16| -> Option<f32> {
            let len = *self.lengths.get(s as usize)? as usize;
            Some(match (tf, factors.get(len)) {
                (1, Some(&f)) => f,
                _ => bm25_tf(tf as f32, len as f32, self.avg_len),
            })
        };
        SCORES.with(|cell| {
            let mut scores = cell.borrow_mut();
            if scores.len() < self.lengths.len() {
                scores.resize(self.lengths.len(), 0.0);
            }
            let mut touched: Vec<u32> = Vec::new();
            let mut best = TopK::new(k);
            // Max-score pruning: once the k-th best score beats all that the
            // remaining terms could add, no sentence they have not yet touched
            // can make the top k, and only sentences within that ceiling of the
            // k-th best can still enter it. The remaining terms then score only
            // those contenders (one bit per sentence), not every sentence they
            // occur in. The top k are exactly those of scoring everything.
            let mut contenders: Option<Vec<u64>> = None;
            for (i, &(_, postings, w)) in terms.iter().enumerate() {
                match &contenders {
                    None => {
                        for (s, tf) in postings.iter() {
                            let Some(f) = score_of(s, tf) else { break };
                            let slot = &mut scores[s as usize];
                            if *slot == 0.0 {
                                touched.push(s);
                            }
                            // Never zero once touched, so no sentence is listed twice.
                            *slot += (w * f).max(f32::MIN_POSITIVE);
                            best.offer(s, *slot);
                        }
                    }
                    Some(bits) => {
                        for (s, tf) in postings.iter() {
                            let contender = bits
                                .get(s as usize / 64)
                                .is_some_and(|b| b >> (s % 64) & 1 == 1);
                            if !contender {
                                continue;
                            }
                            if let Some(f) = score_of(s, tf) {
                                let slot = &mut scores[s as usize];
                                *slot += (w * f).max(f32::MIN_POSITIVE);
                                best.offer(s, *slot);
                            }
                        }
                    }
                }
                let ceiling = ceilings[i];
                match best.kth() {
                    Some(kth) if contenders.is_none() && kth > ceiling && ceiling > 0.0 => {
                        #[cfg(test)]
                        PRUNED.with(|p| p.set(p.get() + 1));
                        let mut bits = vec![0u64; self.lengths.len().div_ceil(64)];
                        for &s in &touched {
                            if scores[s as usize] + ceiling >= kth {
                                bits[s as usize / 64] |= 1 << (s % 64);
                            }
                        }
                        contenders = Some(bits);
                    }
                    _ => {}
                }
            }
            // Leave the scratch all zero for the next search.
            for s in touched {
                scores[s as usize] = 0.0;
            }
            best.hits
        })
    }

    /// BM25's term-frequency factor for a term that occurs once, by sentence
    /// length (lengths are short, so the table is small): nearly every posting
    /// then costs a lookup and a multiplication.
    fn tf_factors(&self) -> &[f32] {
        self.single_tf.get_or_init(|| {
            let longest = self.lengths.iter().copied().max().unwrap_or(0).min(4_096);
            (0..=longest)
                .map(|len| bm25_tf(1.0, len as f32, self.avg_len))
                .collect()
        })
    }
}

fn bm25_tf(tf: f32, len: f32, avg_len: f32) -> f32 {
    tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg_len))
}

/// The k best-scoring sentences, best first (ties: lower sentence first).
/// The k best sentences so far, best first, kept exact as scores grow: a
/// sentence's score only ever rises, so each rise either reorders the list or
/// puts that sentence in place of the last. Most rises cost one comparison.
struct TopK {
    k: usize,
    hits: Vec<(u32, f32)>,
}

impl TopK {
    fn new(k: usize) -> TopK {
        TopK {
            k,
            hits: Vec::with_capacity(k + 1),
        }
    }

    /// Higher score first; on a tie the earlier sentence.
    fn better(a: (u32, f32), b: (u32, f32)) -> bool {
        a.1 > b.1 || (a.1 == b.1 && a.0 < b.0)
    }

    fn offer(&mut self, sentence: u32, score: f32) {
        let hit = (sentence, score);
        if self.k == 0
            || (self.hits.len() == self.k
                && !self
                    .hits
                    .last()
                    .is_some_and(|&last| Self::better(hit, last)))
        {
            return;
        }
        if let Some(at) = self.hits.iter().position(|h| h.0 == sentence) {
            self.hits.remove(at);
        }
        let at = self.hits.partition_point(|&b| Self::better(b, hit));
        self.hits.insert(at, hit);
        self.hits.truncate(self.k);
    }

    /// The k-th best score, once there are k.
    fn kth(&self) -> Option<f32> {
        (self.hits.len() == self.k && self.k > 0).then(|| self.hits[self.k - 1].1)
    }
}

#[cfg(test)]
thread_local! {
    /// Searches that took the pruned path, so tests can tell they covered it.
    static PRUNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

thread_local! {
    /// One score slot per corpus sentence, all zero between searches: a large
    /// corpus touches tens of thousands of sentences per claim, which a hash
    /// map (or a fresh zeroed array each time) would make the slowest step.
    static SCORES: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{analyze, entities::EntityTable};

    fn index_of(sentences: &[&str]) -> (Index, EntityTable) {
        let lex = Lexicon::embedded();
        let mut people = EntityTable::default();
        for s in sentences {
            people.learn(&crate::analyze::tokens::tokenize(s), lex);
        }
        people.finish();
        let analyses: Vec<Analysis> = sentences.iter().map(|s| analyze(s, lex, &people)).collect();
        (Index::build(analyses.iter()), people)
    }

    #[test]
    fn retrieval_table() {
        let corpus = [
            "Russian President Vladimir Putin received the invitation on Monday.",
            "The bridge over the river opened in 1932.",
            "Officials in Moscow said the offer was being studied.",
            "The storm flooded the coastal town overnight.",
        ];
        let (index, people) = index_of(&corpus);
        let lex = Lexicon::embedded();
        let cases: &[(&str, u32)] = &[
            ("When did the bridge open?", 1),
            ("The Russian president got an invitation.", 0), // title alias as an index term
            ("The Kremlin said it was studying the offer.", 2), // place alias: Kremlin = Moscow
            ("A tempest flooded the town.", 3),              // synonym expansion: tempest ~ storm
        ];
        for (query, expected) in cases {
            let q = analyze(query, lex, &people);
            let hits = index.search(&q, lex, 2);
            assert_eq!(
                hits.first().map(|h| h.0),
                Some(*expected),
                "{query:?}: {hits:?}"
            );
        }
        assert!(index.search(&analyze("", lex, &people), lex, 3).is_empty());
    }

    #[test]
    fn postings_round_trip() {
        let mut p = Postings::default();
        let pairs = [(0, 1), (3, 2), (4, 1), (300, 7), (70_000, 1), (70_001, 400)];
        for (s, tf) in pairs {
            p.push(s, tf);
        }
        assert_eq!(p.iter().collect::<Vec<_>>(), pairs);
        assert_eq!(p.df, 6);
        // A list cut short ends early instead of failing.
        p.coded.truncate(p.coded.len() - 1);
        assert_eq!(p.iter().count(), 5);
        p.coded = vec![0xff; 12];
        assert_eq!(p.iter().count(), 0);
    }

    #[test]
    fn pruned_search_ranks_exactly_as_scoring_everything() {
        // "committee" and "meeting" are common here; the rare words decide.
        let mut corpus: Vec<String> = (0..400)
            .map(|i| match i % 4 {
                0 => format!("The committee held meeting number {i}."),
                1 => format!("The committee adjourned after item {i}."),
                2 => format!("A meeting of the committee heard {i} speakers."),
                _ => format!("Rain fell on {i} days."),
            })
            .collect();
        corpus.push("The committee approved the zebra sanctuary budget.".into());
        corpus.push("A zebra sanctuary opened in the valley.".into());
        corpus.push("The sanctuary budget was cut at the meeting.".into());
        let refs: Vec<&str> = corpus.iter().map(String::as_str).collect();
        let (index, people) = index_of(&refs);
        let lex = Lexicon::embedded();
        let before = PRUNED.with(|p| p.get());
        for query in [
            "The committee approved the zebra sanctuary budget at its meeting.",
            "A meeting approved a budget.",
            "Rain fell on the committee.",
        ] {
            let q = analyze(query, lex, &people);
            let all = index.search(&q, lex, corpus.len());
            let top = index.search(&q, lex, 3);
            assert_eq!(top, all[..3.min(all.len())], "{query}");
        }
        assert!(
            PRUNED.with(|p| p.get()) > before,
            "no query took the pruned path"
        );
    }

    #[test]
    fn pruned_search_matches_exhaustive_scoring_on_random_corpora() {
        // Zipf-like made-up words: a few in most sentences, many rare.
        let words: Vec<String> = (0..40)
            .map(|i| format!("zq{}vor", (b'a' + i as u8 % 26) as char).repeat(1 + i / 26))
            .collect();
        let mut seed = 0x2545_f491_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let before = PRUNED.with(|p| p.get());
        for _ in 0..6 {
            let mut pick = |next: &mut dyn FnMut(usize) -> usize| {
                // Squaring skews towards the first words.
                let r = next(words.len() * words.len());
                words[(r as f64).sqrt() as usize].clone()
            };
            let corpus: Vec<String> = (0..300)
                .map(|_| {
                    let len = 3 + next(10);
                    (0..len)
                        .map(|_| pick(&mut next))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let refs: Vec<&str> = corpus.iter().map(String::as_str).collect();
            let (index, people) = index_of(&refs);
            let lex = Lexicon::embedded();
            for _ in 0..20 {
                let len = 2 + next(8);
                let query: Vec<String> = (0..len).map(|_| pick(&mut next)).collect();
                let q = analyze(&query.join(" "), lex, &people);
                let all = index.search(&q, lex, corpus.len());
                for k in [1, 3, 5] {
                    assert_eq!(
                        index.search(&q, lex, k),
                        all[..k.min(all.len())],
                        "{query:?}"
                    );
                }
            }
        }
        assert!(
            PRUNED.with(|p| p.get()) > before,
            "no query took the pruned path"
        );
    }

    #[test]
    fn idf_orders_rare_above_common() {
        let (index, _) = index_of(&["the board met", "the board voted", "a quorum formed"]);
        assert!(index.idf("quorum") > index.idf("board"));
        assert!(index.idf("never-seen") >= index.idf("quorum"));
    }
}
