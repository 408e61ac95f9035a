//! Retrieval: an inverted index over corpus sentences, scored with BM25.
//!
//! Index terms are content stems plus entity ids, so "the Russian president"
//! finds sentences that only say "Putin". Queries add the lexicon's synonyms of
//! each stem at a lower weight, so paraphrases reach their evidence.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use crate::analyze::entities::EntityId;
use crate::analyze::Analysis;
use crate::lexicon::Lexicon;
use crate::vectors::Vectors;

const K1: f32 = 1.2;
const B: f32 = 0.75;
const SYNONYM_WEIGHT: f32 = 0.4;
/// Query weight of a word's vector neighbour, times their similarity: a
/// neighbour is often a paraphrase ("nations" / "countries") but may be a
/// contrast ("increase" / "decrease"), so it finds candidates and no more.
const NEIGHBOUR_WEIGHT: f32 = 0.4;

/// How much of a very large corpus one search reads (see `search_within`).
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// Postings the terms that put sentences forward may hold together.
    proposing_postings: u32,
    /// Sentences put forward that the held-back terms then score.
    rescored: usize,
}

impl Limits {
    /// A claim against 100,000 documents then takes about a millisecond, not
    /// five. Against the seed plus 10,000 distractor documents the dev claims
    /// keep the verdicts of an unlimited search; against the seed plus 100,000
    /// some claims lose their evidence (the README gives what it costs).
    const DEFAULT: Limits = Limits {
        proposing_postings: 8_192,
        rescored: 128,
    };
}

struct QueryTerm<'a> {
    name: &'a str,
    postings: &'a Postings,
    weight: f32,
    held_back: bool,
}

impl QueryTerm<'_> {
    /// Terms held back last; before that, those that can add the most.
    fn order(a: &QueryTerm, b: &QueryTerm) -> std::cmp::Ordering {
        (a.held_back.cmp(&b.held_back))
            .then(b.weight.total_cmp(&a.weight))
            .then(a.name.cmp(b.name))
    }
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Index {
    /// Written in term order, so the same corpus always gives the same file.
    #[serde(serialize_with = "crate::sorted::map")]
    postings: HashMap<String, Postings>,
    /// Written as the fields it holds (postcard frames no struct), so index
    /// files are what they were before it was split out.
    stats: SentenceStats,
}

/// What BM25 needs of every sentence besides its terms: its length. A
/// retrieval server keeps this in memory and fetches postings per search
/// (see [`search_in`]).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct SentenceStats {
    lengths: Vec<u16>,
    avg_len: f32,
    #[serde(skip)]
    single_tf: OnceLock<Vec<f32>>,
}

impl SentenceStats {
    /// Statistics of sentences with these lengths (index terms per sentence).
    pub fn from_lengths(lengths: Vec<u16>) -> SentenceStats {
        let mut stats = SentenceStats {
            lengths,
            ..SentenceStats::default()
        };
        stats.update();
        stats
    }

    pub fn lengths(&self) -> &[u16] {
        &self.lengths
    }

    /// How many sentences.
    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    fn update(&mut self) {
        self.single_tf = OnceLock::new();
        let total: usize = self.lengths.iter().map(|&l| l as usize).sum();
        self.avg_len = if self.lengths.is_empty() {
            1.0
        } else {
            (total as f32 / self.lengths.len() as f32).max(1.0)
        };
    }

    /// Inverse document frequency of a term that `df` sentences hold.
    pub fn idf_of(&self, df: usize) -> f32 {
        idf(self.lengths.len(), df)
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

/// Inverse document frequency of a term that `df` of `n` sentences hold.
pub fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
}

/// The sentences one term occurs in, delta-coded: per sentence a varint of
/// `gap << 1 | (tf > 1)`, then the tf itself when it is above one. Most gaps
/// and counts fit a byte, so postings take about a byte each in memory and in
/// index files, which keeps a large corpus's index near the size of its text.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Postings {
    /// How many sentences: the term's document frequency.
    df: u32,
    /// The last sentence added, which the next gap counts from.
    last: u32,
    #[serde(with = "crate::bytes")]
    coded: Vec<u8>,
    /// Where every `BLOCK`-th posting starts, for long lists: built on the
    /// first search that skips along the list, not stored in index files.
    #[serde(skip)]
    skips: OnceLock<Box<[Skip]>>,
}

/// Postings between skip points: a skip decodes at most this many.
const BLOCK: u32 = 64;

/// A point to resume decoding at: the byte offset of a posting and the
/// sentence before it, which its gap counts from.
#[derive(Debug, Clone, Copy)]
struct Skip {
    before: u32,
    at: u32,
}

impl Postings {
    /// Postings as stored elsewhere (a database row): `df` entries coded as
    /// in an index file. Damaged coding ends the list early, never panics.
    pub fn from_coded(df: u32, coded: Vec<u8>) -> Postings {
        Postings {
            df,
            coded,
            ..Postings::default()
        }
    }

    /// How many sentences hold the term.
    pub fn df(&self) -> u32 {
        self.df
    }

    /// The coded list, for storing elsewhere; [`Postings::from_coded`] reads it back.
    pub fn coded(&self) -> &[u8] {
        &self.coded
    }

    /// Every (sentence, tf) in order; a damaged list ends early.
    pub fn entries(&self) -> impl Iterator<Item = (u32, u16)> + '_ {
        let (mut at, mut before) = (0usize, 0u32);
        std::iter::from_fn(move || {
            let (sentence, tf) = self.decode(&mut at, before)?;
            before = sentence;
            Some((sentence, tf))
        })
    }

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
        self.skips.take();
    }

    /// The posting at `at` as (sentence, tf), moving `at` past it; `None` at
    /// the end of the list or where it is damaged, which ends the list early.
    #[inline]
    fn decode(&self, at: &mut usize, before: u32) -> Option<(u32, u16)> {
        // Nearly every posting is one or two bytes: read those without the
        // varint loop.
        let v = match self.coded.get(*at..*at + 2) {
            Some(&[b, _]) if b < 0x80 => {
                *at += 1;
                b as u64
            }
            Some(&[b, c]) if c < 0x80 => {
                *at += 2;
                (b & 0x7f) as u64 | (c as u64) << 7
            }
            _ => get_varint(&self.coded, at)?,
        };
        let tf = if v & 1 == 1 {
            get_varint(&self.coded, at)?.min(u16::MAX as u64) as u16
        } else {
            1
        };
        let sentence = before.checked_add(u32::try_from(v >> 1).ok()?)?;
        Some((sentence, tf))
    }

    fn skips(&self) -> &[Skip] {
        if self.df < 2 * BLOCK || u32::try_from(self.coded.len()).is_err() {
            return &[];
        }
        self.skips.get_or_init(|| {
            let (mut out, mut at, mut before, mut n) = (Vec::new(), 0, 0, 0u32);
            while let Some((sentence, _)) = self.decode(&mut at, before) {
                before = sentence;
                n += 1;
                if n % BLOCK == 0 {
                    out.push(Skip {
                        before,
                        at: at as u32,
                    });
                }
            }
            out.into()
        })
    }
}

/// A position in one term's postings while a search walks them in order.
struct Cursor<'a> {
    postings: &'a Postings,
    /// Where the next posting starts.
    at: usize,
    /// The current sentence and its tf; `None` once the list is done.
    now: Option<u32>,
    tf: u16,
    /// The list's skip points, fetched on the first seek, and the first one
    /// not yet passed.
    skips: Option<&'a [Skip]>,
    next_skip: usize,
}

impl<'a> Cursor<'a> {
    fn new(postings: &'a Postings) -> Cursor<'a> {
        let mut cursor = Cursor {
            postings,
            at: 0,
            now: Some(0),
            tf: 0,
            skips: None,
            next_skip: 0,
        };
        cursor.step(0);
        cursor
    }

    fn step(&mut self, before: u32) {
        match self.postings.decode(&mut self.at, before) {
            Some((sentence, tf)) => (self.now, self.tf) = (Some(sentence), tf),
            None => self.now = None,
        }
    }

    fn advance(&mut self) {
        if let Some(sentence) = self.now {
            self.step(sentence);
        }
    }

    /// Moves to the first posting at or after `target`, jumping over whole
    /// blocks that end before it.
    fn seek(&mut self, target: u32) {
        if self.now.is_some_and(|s| s < target) {
            let skips = *self.skips.get_or_insert_with(|| self.postings.skips());
            let mut jump = None;
            while let Some(&skip) = skips.get(self.next_skip) {
                if skip.before >= target {
                    break;
                }
                self.next_skip += 1;
                if skip.at as usize >= self.at {
                    jump = Some(skip);
                }
            }
            if let Some(skip) = jump {
                self.at = skip.at as usize;
                self.step(skip.before);
            }
        }
        while self.now.is_some_and(|s| s < target) {
            self.advance();
        }
    }
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

/// The index terms of an analysed sentence: the stem of each content word, and
/// an entity term ("@name", "#place group") for each word of a mention.
pub fn terms(a: &Analysis) -> Vec<Cow<'_, str>> {
    let mut out = Vec::with_capacity(a.tokens.len());
    for (i, t) in a.tokens.iter().enumerate() {
        if !a.is_content(i) {
            continue;
        }
        out.push(Cow::Borrowed(t.stem.as_str()));
        if let Some(e) = &a.entities[i] {
            out.push(Cow::Owned(entity_term(e)));
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
        self.stats.lengths.len() == sentences && self.stats.avg_len.is_finite()
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
            let s = self.stats.lengths.len() as u32;
            let terms = terms(a.borrow());
            self.stats
                .lengths
                .push(terms.len().min(u16::MAX as usize) as u16);
            let mut counts: Vec<(Cow<str>, u16)> = Vec::with_capacity(terms.len());
            for t in terms {
                match counts.iter_mut().find(|(u, _)| *u == t) {
                    Some((_, c)) => *c = c.saturating_add(1),
                    None => counts.push((t, 1)),
                }
            }
            for (t, c) in counts {
                match self.postings.get_mut(t.as_ref()) {
                    Some(postings) => postings.push(s, c),
                    None => self.postings.entry(t.into_owned()).or_default().push(s, c),
                }
            }
        }
        self.stats.update();
    }

    pub fn len(&self) -> usize {
        self.stats.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stats.is_empty()
    }

    /// Every sentence's length, for BM25.
    pub fn stats(&self) -> &SentenceStats {
        &self.stats
    }

    /// One term's postings.
    pub fn posting_list(&self, term: &str) -> Option<&Postings> {
        self.postings.get(term)
    }

    /// Every term with its postings, in no particular order (for storing elsewhere).
    pub fn postings(&self) -> impl Iterator<Item = (&str, &Postings)> {
        self.postings.iter().map(|(t, p)| (t.as_str(), p))
    }

    /// Inverse document frequency of a term; unseen terms get the maximum.
    pub fn idf(&self, term: &str) -> f32 {
        self.stats.idf_of(self.df(term))
    }

    /// Document frequency of a term.
    pub fn df(&self, term: &str) -> usize {
        self.postings.get(term).map_or(0, |p| p.df as usize)
    }

    /// The `k` best sentences for a query, best first.
    pub fn search(&self, query: &Analysis, lex: &Lexicon, k: usize) -> Vec<(u32, f32)> {
        self.search_within(query, lex, None, k, Limits::DEFAULT)
    }

    /// As [`Index::search`], with each word's vector neighbours among the query terms.
    pub fn search_with(
        &self,
        query: &Analysis,
        lex: &Lexicon,
        vectors: Option<&Vectors>,
        k: usize,
    ) -> Vec<(u32, f32)> {
        self.search_within(query, lex, vectors, k, Limits::DEFAULT)
    }

    fn search_within(
        &self,
        query: &Analysis,
        lex: &Lexicon,
        vectors: Option<&Vectors>,
        k: usize,
        limits: Limits,
    ) -> Vec<(u32, f32)> {
        search_limited(
            &|term| self.postings.get(term),
            &self.stats,
            query,
            lex,
            vectors,
            k,
            limits,
        )
    }
}

/// A query's terms with their weights: its index terms, each word's synonyms
/// and vector neighbours at lower weights.
fn weighted_terms<'a>(
    query_terms: &'a [Cow<'a, str>],
    lex: &'a Lexicon,
    vectors: Option<&'a Vectors>,
) -> Vec<(&'a str, f32)> {
    // A claim has tens of terms: a list is smaller code than a map.
    let mut weighted: Vec<(&str, f32)> = Vec::with_capacity(query_terms.len() * 4);
    let mut weigh = |term, weight: f32| match weighted.iter_mut().find(|(t, _)| *t == term) {
        Some((_, w)) => *w = w.max(weight),
        None => weighted.push((term, weight)),
    };
    for term in query_terms {
        weigh(term.as_ref(), 1.0);
        if !term.starts_with(['@', '#']) {
            for syn in lex.synonyms(term) {
                weigh(syn, SYNONYM_WEIGHT);
            }
            if let Some((v, id)) = vectors.and_then(|v| Some((v, v.id(term)?))) {
                for (n, sim) in v.neighbours(id) {
                    weigh(v.key(n), NEIGHBOUR_WEIGHT * sim);
                }
            }
        }
    }
    weighted
}

/// Every term a search for `query` reads postings of: a retrieval server
/// fetches these, then searches them with [`search_in`].
pub fn query_terms(query: &Analysis, lex: &Lexicon, vectors: Option<&Vectors>) -> Vec<String> {
    let terms = terms(query);
    weighted_terms(&terms, lex, vectors)
        .into_iter()
        .map(|(t, _)| t.to_string())
        .collect()
}

/// [`Index::search_with`] over postings kept elsewhere: `postings` gives a
/// term's list (at least those of [`query_terms`]), `stats` every sentence's
/// length. Given the same lists it returns exactly what the index would.
pub fn search_in<'p>(
    postings: &dyn Fn(&str) -> Option<&'p Postings>,
    stats: &SentenceStats,
    query: &Analysis,
    lex: &Lexicon,
    vectors: Option<&Vectors>,
    k: usize,
) -> Vec<(u32, f32)> {
    search_limited(postings, stats, query, lex, vectors, k, Limits::DEFAULT)
}

fn search_limited<'p>(
    postings: &dyn Fn(&str) -> Option<&'p Postings>,
    stats: &SentenceStats,
    query: &Analysis,
    lex: &Lexicon,
    vectors: Option<&Vectors>,
    k: usize,
    limits: Limits,
) -> Vec<(u32, f32)> {
    let query_terms = terms(query);
    let weighted = weighted_terms(&query_terms, lex, vectors);
    // Terms that can add the most first (rare and exact before common and
    // synonyms), ties in name order: float sums depend on order, and
    // verdicts must not depend on a hash seed.
    let mut terms: Vec<QueryTerm> = Vec::with_capacity(weighted.len());
    terms.extend(weighted.into_iter().filter_map(|(name, qw)| {
        let postings = postings(name)?;
        let weight = qw * stats.idf_of(postings.df as usize);
        Some(QueryTerm {
            name,
            postings,
            weight,
            held_back: false,
        })
    }));
    terms.sort_by(QueryTerm::order);
    // Terms put sentences forward in that order while their postings fit
    // the budget; the others are held back to the end and only score the
    // best sentences put forward. In a corpus of millions of sentences a
    // common word would otherwise cost a claim more than all the rest, and
    // a sentence it alone would bring is rarely the evidence. When nothing
    // is held back, which a corpus of a few thousand documents rarely
    // reaches, the search is exact. The first term always puts sentences
    // forward, so a claim of common words alone still finds its best
    // matches.
    let mut budget = limits.proposing_postings;
    for (i, term) in terms.iter_mut().enumerate() {
        term.held_back = i > 0 && term.postings.df > budget;
        if !term.held_back {
            budget = budget.saturating_sub(term.postings.df);
        }
    }
    // Held-back terms move to the end; the others keep their order.
    if terms.iter().any(|t| t.held_back) {
        terms.sort_by(QueryTerm::order);
    }
    let first_held_back = terms.iter().position(|t| t.held_back);
    // What the terms from each one on can add to a sentence at most: BM25's
    // factor stays below K1 + 1.
    let mut ceilings = vec![0.0f32; terms.len() + 1];
    for i in (0..terms.len()).rev() {
        ceilings[i] = ceilings[i + 1] + terms[i].weight * (K1 + 1.0);
    }
    let factors = stats.tf_factors();
    let score_of = |s: u32, tf: u16| -> Option<f32> {
        let len = *stats.lengths.get(s as usize)? as usize;
        Some(match (tf, factors.get(len)) {
            (1, Some(&f)) => f,
            _ => bm25_tf(tf as f32, len as f32, stats.avg_len),
        })
    };
    SCORES.with(|cell| {
        let mut scores = cell.borrow_mut();
        if scores.len() < stats.lengths.len() {
            scores.resize(stats.lengths.len(), 0.0);
        }
        // Sized for a small corpus's every sentence: growing costs more than the memory.
        let mut touched: Vec<u32> = Vec::with_capacity(stats.lengths.len().min(4_096));
        let mut best = TopK::new(k);
        // Max-score pruning: once the k-th best score beats all that the
        // remaining terms could add, no sentence they have not yet touched
        // can make the top k, and only sentences within that ceiling of the
        // k-th best can still enter it. The remaining terms then score only
        // those contenders, skipping along their postings to each, and the
        // contenders thin out as the k-th best rises. The top k are exactly
        // those of scoring every sentence the terms put forward.
        let mut contenders: Option<Vec<u32>> = None;
        for (i, term) in terms.iter().enumerate() {
            if first_held_back == Some(i) && contenders.is_none() {
                // At least k, so the best k are among them and fully scored.
                let mut rescored = TopK::new(limits.rescored.max(k));
                for s in touched.drain(..) {
                    rescored.offer(s, std::mem::take(&mut scores[s as usize]));
                }
                let mut put_forward: Vec<u32> = rescored.hits.iter().map(|h| h.0).collect();
                for &(s, score) in &rescored.hits {
                    scores[s as usize] = score;
                }
                put_forward.sort_unstable();
                contenders = Some(put_forward);
            }
            let mut cursor = Cursor::new(term.postings);
            let w = term.weight;
            match &contenders {
                None => {
                    while let Some(s) = cursor.now {
                        let Some(f) = score_of(s, cursor.tf) else {
                            break;
                        };
                        let slot = &mut scores[s as usize];
                        if *slot == 0.0 {
                            touched.push(s);
                        }
                        // Never zero once touched, so no sentence is listed twice.
                        *slot += (w * f).max(f32::MIN_POSITIVE);
                        best.offer(s, *slot);
                        cursor.advance();
                    }
                }
                Some(list) => {
                    for &s in list {
                        cursor.seek(s);
                        if cursor.now != Some(s) {
                            continue;
                        }
                        if let Some(f) = score_of(s, cursor.tf) {
                            let slot = &mut scores[s as usize];
                            *slot += (w * f).max(f32::MIN_POSITIVE);
                            best.offer(s, *slot);
                        }
                    }
                }
            }
            let ceiling = ceilings[i + 1];
            if let Some(kth) = best.kth().filter(|&kth| kth > ceiling && ceiling > 0.0) {
                let fresh = contenders.is_none();
                let list = contenders.get_or_insert_with(|| {
                    #[cfg(test)]
                    PRUNED.with(|p| p.set(p.get() + 1));
                    std::mem::take(&mut touched)
                });
                list.retain(|&s| {
                    let keep = scores[s as usize] + ceiling >= kth;
                    if !keep {
                        scores[s as usize] = 0.0;
                    }
                    keep
                });
                if fresh {
                    in_order(list, stats.lengths.len());
                }
            }
        }
        // Leave the scratch all zero for the next search.
        for s in touched.into_iter().chain(contenders.into_iter().flatten()) {
            scores[s as usize] = 0.0;
        }
        best.hits
    })
}

/// Puts distinct sentence numbers below `n` in order, as skipping along
/// postings needs: through one bit per sentence, which for the thousands of
/// sentences a search touches costs less than sorting them.
fn in_order(sentences: &mut Vec<u32>, n: usize) {
    let mut bits = vec![0u64; n.div_ceil(64)];
    for &s in sentences.iter() {
        bits[s as usize / 64] |= 1 << (s % 64);
    }
    sentences.clear();
    for (word, &b) in bits.iter().enumerate() {
        let mut b = b;
        while b != 0 {
            sentences.push(word as u32 * 64 + b.trailing_zeros());
            b &= b - 1;
        }
    }
}

fn bm25_tf(tf: f32, len: f32, avg_len: f32) -> f32 {
    tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg_len))
}

/// The k best sentences so far, best first (on a tie the earlier sentence),
/// kept exact as scores grow: a sentence's score only ever rises, so each rise
/// either reorders the list or puts that sentence in place of the last. Most
/// rises cost one comparison.
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

thread_local! {
    /// One score slot per corpus sentence, all zero between searches: a large
    /// corpus touches tens of thousands of sentences per claim, which a hash
    /// map (or a fresh zeroed array each time) would make the slowest step.
    static SCORES: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[cfg(test)]
thread_local! {
    /// Searches that took the pruned path, so tests can tell they covered it.
    static PRUNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{analyze, entities::EntityTable};

    fn index_of<S: AsRef<str>>(sentences: &[S]) -> (Index, EntityTable) {
        let lex = Lexicon::embedded();
        let mut people = EntityTable::default();
        for s in sentences {
            people.learn(&crate::analyze::tokens::tokenize(s.as_ref()), lex);
        }
        people.finish();
        let analyses: Vec<Analysis> = sentences
            .iter()
            .map(|s| analyze(s.as_ref(), lex, &people))
            .collect();
        (Index::build(analyses.iter()), people)
    }

    /// Made-up words in a Zipf-like mix (a few in most sentences, many rare),
    /// drawn from a fixed xorshift sequence, so every run sees the same corpora.
    struct Zipf {
        words: Vec<String>,
        seed: u64,
    }

    impl Zipf {
        fn new(count: usize, seed: u64) -> Zipf {
            let words = (0..count)
                .map(|i| format!("zq{}vor", (b'a' + i as u8 % 26) as char).repeat(1 + i / 26))
                .collect();
            Zipf { words, seed }
        }

        fn below(&mut self, n: usize) -> usize {
            self.seed ^= self.seed << 13;
            self.seed ^= self.seed >> 7;
            self.seed ^= self.seed << 17;
            (self.seed % n as u64) as usize
        }

        /// Squaring skews the draw towards the first words.
        fn word(&mut self) -> String {
            let n = self.words.len();
            let r = self.below(n * n);
            self.words[(r as f64).sqrt() as usize].clone()
        }

        /// `min` words or up to `spread - 1` more.
        fn text(&mut self, min: usize, spread: usize) -> String {
            let len = min + self.below(spread);
            (0..len).map(|_| self.word()).collect::<Vec<_>>().join(" ")
        }
    }

    /// Each hit scored as searching without limits scores it (up to rounding:
    /// the terms are summed in another order).
    fn assert_scored_in_full(hits: &[(u32, f32)], full: &HashMap<u32, f32>, query: &str) {
        for (s, score) in hits {
            let full = full[s];
            assert!(
                (score - full).abs() <= full * 1e-5,
                "{query:?}: sentence {s} scored {score}, in full {full}"
            );
        }
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

    /// Every (sentence, tf) a cursor walks through.
    fn walk(p: &Postings) -> Vec<(u32, u16)> {
        let mut cursor = Cursor::new(p);
        let mut out = Vec::new();
        while let Some(s) = cursor.now {
            out.push((s, cursor.tf));
            cursor.advance();
        }
        out
    }

    #[test]
    fn postings_round_trip() {
        let mut p = Postings::default();
        let pairs = [(0, 1), (3, 2), (4, 1), (300, 7), (70_000, 1), (70_001, 400)];
        for (s, tf) in pairs {
            p.push(s, tf);
        }
        assert_eq!(walk(&p), pairs);
        assert_eq!(p.df, 6);
        // A list cut short ends early instead of failing.
        p.coded.truncate(p.coded.len() - 1);
        assert_eq!(walk(&p).len(), 5);
        p.coded = vec![0xff; 12];
        assert!(walk(&p).is_empty());
    }

    #[test]
    fn seeking_lands_where_walking_does() {
        // Irregular gaps and counts across many blocks, and targets before,
        // on, between and after postings, in rising order as a search asks.
        let mut p = Postings::default();
        let mut pairs = Vec::new();
        let mut s = 0u32;
        for i in 0..2_000u32 {
            s += 1 + (i * 7919) % 13 + if i % 97 == 0 { 500 } else { 0 };
            let tf = 1 + (i % 5 == 0) as u16 * (i % 300) as u16;
            p.push(s, tf);
            pairs.push((s, tf));
        }
        assert!(p.skips().len() > 20, "the list has skip points");
        for stride in [1, 3, 40, 700, 5_000] {
            let mut cursor = Cursor::new(&p);
            for target in (0..s + 10).step_by(stride) {
                cursor.seek(target);
                let expected = pairs.iter().find(|&&(at, _)| at >= target).copied();
                assert_eq!(
                    cursor.now.map(|at| (at, cursor.tf)),
                    expected,
                    "stride {stride}, target {target}"
                );
            }
        }
        // Adding to a list drops its skip points, which then cover it all.
        p.push(s + 1_000, 1);
        let mut cursor = Cursor::new(&p);
        cursor.seek(s + 999);
        assert_eq!(cursor.now, Some(s + 1_000));
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
        let (index, people) = index_of(&corpus);
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
        let mut zipf = Zipf::new(40, 0x2545_f491);
        let lex = Lexicon::embedded();
        let before = PRUNED.with(|p| p.get());
        for _ in 0..6 {
            let corpus: Vec<String> = (0..300).map(|_| zipf.text(3, 10)).collect();
            let (index, people) = index_of(&corpus);
            for _ in 0..20 {
                let query = zipf.text(2, 8);
                let q = analyze(&query, lex, &people);
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
    fn held_back_terms_only_rescore_what_rarer_terms_put_forward() {
        // "harbour" is in every sentence, more postings than the budget.
        let mut corpus: Vec<String> = (0..300)
            .map(|i| format!("The harbour saw {i} boats."))
            .collect();
        corpus.push("The lighthouse keeper watched the harbour ferry.".into());
        corpus.push("A lighthouse stood by the harbour.".into());
        corpus.push("The ferry left the harbour.".into());
        let (index, people) = index_of(&corpus);
        let lex = Lexicon::embedded();
        let q = analyze("The lighthouse ferry crossed the harbour.", lex, &people);
        let exact = index.search(&q, lex, 5);
        assert_eq!(
            exact.len(),
            5,
            "sentences with the harbour alone fill the top five"
        );
        let limits = Limits {
            proposing_postings: 50,
            rescored: 2,
        };
        let limited = index.search_within(&q, lex, None, 5, limits);
        let found: Vec<u32> = limited.iter().map(|h| h.0).collect();
        // Only what the rare words put forward; the best of it is scored in full.
        assert_eq!(found, [300, 301, 302]);
        let full: HashMap<u32, f32> = index.search(&q, lex, corpus.len()).into_iter().collect();
        assert_scored_in_full(&limited, &full, "lighthouse ferry");
        assert_eq!(limited[0], exact[0]);
        let limited = index.search_within(&q, lex, None, 1, limits);
        assert_eq!(limited, exact[..1]);
    }

    #[test]
    fn limited_search_scores_what_it_finds_in_full_on_random_corpora() {
        let mut zipf = Zipf::new(30, 0x9e37_79b9);
        let limits = Limits {
            proposing_postings: 60,
            rescored: 8,
        };
        let lex = Lexicon::embedded();
        for _ in 0..4 {
            let corpus: Vec<String> = (0..400).map(|_| zipf.text(3, 8)).collect();
            let (index, people) = index_of(&corpus);
            for _ in 0..20 {
                let query = zipf.text(2, 6);
                let q = analyze(&query, lex, &people);
                let all: HashMap<u32, f32> =
                    index.search(&q, lex, corpus.len()).into_iter().collect();
                let limited = index.search_within(&q, lex, None, 3, limits);
                assert!(!limited.is_empty(), "{query:?}");
                for pair in limited.windows(2) {
                    assert!(pair[0].1 >= pair[1].1, "{query:?}: {limited:?}");
                }
                assert_scored_in_full(&limited, &all, &query);
            }
        }
    }

    #[test]
    fn idf_orders_rare_above_common() {
        let (index, _) = index_of(&["the board met", "the board voted", "a quorum formed"]);
        assert!(index.idf("quorum") > index.idf("board"));
        assert!(index.idf("never-seen") >= index.idf("quorum"));
    }
}
