//! Retrieval by a server: for a newsroom's archive, too large for one index
//! file, a server finds the candidate passages and the page still verifies.
//!
//! The server reads each claim as the checker will ([`ClaimQuery`]: the same
//! analysis, the same search terms, BM25 over the same postings), takes the
//! best sentences and their neighbours ([`around`], [`runs`]) and returns them
//! with the document frequencies of the claims' words: [`Candidates`], the
//! body of `POST /candidates`. [`crate::Checker::from_candidates`] then judges
//! exactly the passages a checker of the whole corpus would, so a verdict
//! means the same whatever the backend.

use std::collections::BTreeMap;
use std::fmt;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::analyze::{self, entities::EntityTable, Analysis};
use crate::corpus::{Document, SentenceRef};
use crate::lexicon::Lexicon;
use crate::report::CorpusInfo;
use crate::retrieve::{self, Postings, SentenceStats};
use crate::{clip, Models, CANDIDATES};

/// Sentences on each side of a hit that a server returns: one for the
/// passages the checker judges (a hit with a neighbour), one more for the
/// context a reader sees around the evidence.
pub const CONTEXT: u32 = 2;

/// Version of the server contract ([`Candidates`], [`ServerCorpus`], the
/// requests): a page refuses a server that speaks another.
pub const API_VERSION: u32 = 1;
/// Claims one `POST /candidates` may carry: a longer article is sent in batches.
pub const MAX_CLAIMS: usize = 500;
/// Longest claim a server reads: the engine analyses no more of a sentence,
/// so a page sends [`claims_of`]'s texts, which are cut to this.
pub const MAX_CLAIM_BYTES: usize = crate::MAX_SENTENCE_BYTES;

/// `GET /corpus`: what a page needs once before asking for candidates.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ServerCorpus {
    pub api: u32,
    pub corpus: CorpusInfo,
    /// The people and titles learnt from the whole corpus, which the page's
    /// analysis of claims and passages reads as the server's does.
    pub people: EntityTable,
}

/// `POST /candidates`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CandidatesRequest {
    pub claims: Vec<String>,
    /// Search every claim, as `Checker::check_claim` needs; by default a
    /// server skips sentences a page's check would not search.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub every: bool,
}

/// `POST /check`: the full report, for a CMS back end checking a draft.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CheckRequest {
    pub text: String,
}

/// What a retrieval server returns for a batch of claims.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Candidates {
    /// The size of the whole corpus, which word weights are relative to.
    pub corpus: CorpusInfo,
    /// How many sentences of the corpus hold each word (stem) of the claims.
    pub df: BTreeMap<String, u32>,
    pub documents: Vec<CandidateDocument>,
    /// Runs of consecutive sentences of one document: the hits and their neighbours.
    pub passages: Vec<Passage>,
    /// Per claim, its best sentences, best first.
    pub claims: Vec<ClaimHits>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CandidateDocument {
    pub id: String,
    pub title: String,
    /// The title names the document's subject (see [`Document::titled`]).
    pub titled: bool,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Index into [`Candidates::documents`].
    pub document: u32,
    /// Where `text` starts in the document, in characters.
    pub start: usize,
    /// The document's text from its first sentence's start to its last one's end.
    pub text: String,
    pub sentences: Vec<PassageSentence>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct PassageSentence {
    /// The sentence's number in the corpus (document order).
    pub id: u32,
    /// Its character range in the document.
    pub range: [usize; 2],
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimHits {
    /// The claim as the page sent it.
    pub claim: String,
    /// Sentence numbers and BM25 scores.
    pub hits: Vec<(u32, f32)>,
}

/// A server's answer that does not hold together: the page says the server
/// is out of step rather than showing wrong evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidatesError(pub String);

impl fmt::Display for CandidatesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the server's candidates do not hold together: {}",
            self.0
        )
    }
}

impl std::error::Error for CandidatesError {}

/// What a checker of fetched passages uses instead of an index.
#[derive(Debug, Default)]
pub(crate) struct Fetched {
    pub(crate) corpus: CorpusInfo,
    df: HashMap<String, u32>,
    /// Per claim text, hits as the checker's own sentence numbers.
    hits: HashMap<String, Vec<(u32, f32)>>,
    /// Per held passage, where it starts in its document (characters).
    bases: Vec<usize>,
}

impl Fetched {
    pub(crate) fn df(&self, stem: &str) -> usize {
        self.df.get(stem).map_or(0, |&d| d as usize)
    }

    pub(crate) fn hits(&self, claim: &str) -> &[(u32, f32)] {
        self.hits.get(claim).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn char_base(&self, doc: usize) -> usize {
        self.bases.get(doc).copied().unwrap_or(0)
    }
}

/// The documents (one per passage), sentences and retrieval of a checker of
/// `c`. Everything a server sent is checked, so a wrong answer is an error,
/// never a panic or evidence in the wrong place.
pub(crate) fn into_parts(
    mut c: Candidates,
) -> Result<(Vec<Document>, Vec<SentenceRef>, Fetched), CandidatesError> {
    let bad = |what: String| Err(CandidatesError(what));
    // In corpus order, so the checker's own numbering keeps the corpus's order.
    c.passages
        .sort_by_key(|p| p.sentences.first().map_or(u32::MAX, |s| s.id));
    let mut documents = Vec::with_capacity(c.passages.len());
    let mut sentences = Vec::new();
    let mut local: HashMap<u32, u32> = HashMap::default();
    let mut bases = Vec::with_capacity(c.passages.len());
    for (n, p) in c.passages.into_iter().enumerate() {
        let Some(d) = c.documents.get(p.document as usize) else {
            return bad(format!("passage {n} names document {}", p.document));
        };
        if p.sentences.is_empty() {
            return bad(format!("passage {n} has no sentences"));
        }
        let chars = p.text.chars().count();
        let mut end_before = p.start;
        for (i, s) in p.sentences.iter().enumerate() {
            let [a, b] = s.range;
            if a < end_before || b < a || b > p.start + chars {
                return bad(format!("passage {n}: sentence {} is out of place", s.id));
            }
            if i > 0 && p.sentences[i - 1].id.checked_add(1) != Some(s.id) {
                return bad(format!("passage {n}: sentences are not consecutive"));
            }
            if local.insert(s.id, sentences.len() as u32).is_some() {
                return bad(format!("sentence {} is sent twice", s.id));
            }
            end_before = b;
            sentences.push(SentenceRef {
                doc: documents.len() as u32,
                start: crate::byte_offset(&p.text, a - p.start),
                end: crate::byte_offset(&p.text, b - p.start),
            });
        }
        bases.push(p.start);
        documents.push(Document {
            id: d.id.clone(),
            title: d.title.clone(),
            text: p.text,
            titled: d.titled,
            url: d.url.clone(),
            date: d.date.clone(),
        });
    }
    let mut hits = HashMap::default();
    for claim in c.claims {
        // A hit outside the passages sent is no evidence; the rest still count.
        let found = claim
            .hits
            .iter()
            .filter(|(_, score)| score.is_finite())
            .filter_map(|&(s, score)| Some((*local.get(&s)?, score)))
            .collect();
        hits.insert(claim.claim, found);
    }
    let fetched = Fetched {
        corpus: c.corpus,
        df: c.df.into_iter().collect(),
        hits,
        bases,
    };
    Ok((documents, sentences, fetched))
}

/// A claim as a retrieval server reads it: analysed exactly as the checker
/// will analyse it (given the corpus's people and the same models), with the
/// terms its search reads and the words whose frequencies weigh it.
pub struct ClaimQuery {
    pub text: String,
    analysis: Analysis,
    /// Terms whose postings the search reads (see [`retrieve::query_terms`]).
    pub terms: Vec<String>,
    /// The claim's word stems, whose document frequencies the page needs.
    pub words: Vec<String>,
}

impl ClaimQuery {
    pub fn new(text: &str, people: &EntityTable, models: &Models) -> ClaimQuery {
        let lexicon = Lexicon::embedded();
        let analysis = analyze::analyze_unparsed(clip(text), lexicon, people, models);
        let terms = retrieve::query_terms(&analysis, lexicon, models.vectors.as_ref());
        let mut words: Vec<String> = analysis.tokens.iter().map(|t| t.stem.clone()).collect();
        words.sort_unstable();
        words.dedup();
        ClaimQuery {
            text: clip(text).to_string(),
            analysis,
            terms,
            words,
        }
    }

    /// Whether a page's check searches for this claim (see [`crate::is_searched`]):
    /// a server need not search for sentences that are no claims. `df` gives
    /// a word's document frequency in the corpus of `sentences`.
    pub fn is_searched(&self, df: &dyn Fn(&str) -> usize, sentences: usize) -> bool {
        // A cut claim was longer than the text it was judged by: search it.
        self.text.len() >= MAX_CLAIM_BYTES
            || crate::is_searched(
                &self.text,
                &self.analysis,
                Lexicon::embedded(),
                df,
                sentences,
            )
    }

    /// The claim's best sentences, as the checker's own index would give
    /// them, from postings fetched for its [`ClaimQuery::terms`].
    pub fn search<'p>(
        &self,
        postings: &dyn Fn(&str) -> Option<&'p Postings>,
        stats: &SentenceStats,
        models: &Models,
    ) -> Vec<(u32, f32)> {
        retrieve::search_in(
            postings,
            stats,
            &self.analysis,
            Lexicon::embedded(),
            models.vectors.as_ref(),
            CANDIDATES,
        )
    }
}

/// The sentences a server returns for these hits: each with [`CONTEXT`]
/// sentences either side (those of other documents are dropped by [`runs`]),
/// in order, once each.
pub fn around(hits: impl IntoIterator<Item = u32>, corpus_sentences: u32) -> Vec<u32> {
    let mut out: Vec<u32> = hits
        .into_iter()
        .filter(|&s| s < corpus_sentences)
        .flat_map(|s| {
            s.saturating_sub(CONTEXT)..=s.saturating_add(CONTEXT).min(corpus_sentences - 1)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// One stored sentence as a server reads it back: its number, document and
/// character range there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredSentence {
    pub id: u32,
    pub doc: u32,
    pub range: [usize; 2],
}

/// Sentences (in order) cut into runs of consecutive sentences of one
/// document: each run is one [`Passage`].
pub fn runs(sentences: &[StoredSentence]) -> Vec<&[StoredSentence]> {
    let mut out = Vec::new();
    let mut from = 0;
    for i in 1..=sentences.len() {
        let split = i == sentences.len()
            || sentences[i].doc != sentences[i - 1].doc
            || sentences[i - 1].id.checked_add(1) != Some(sentences[i].id);
        if split {
            out.push(&sentences[from..i]);
            from = i;
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// The claims a check of `text` asks a server about: its sentences, as
/// [`crate::Checker::check_article`] reads them, each cut to what the engine
/// analyses (at most [`MAX_CLAIM_BYTES`]).
pub fn claims_of(text: &str) -> Vec<String> {
    claims_of_article(&crate::prepare_article(text))
}

/// [`claims_of`] a prepared article: one claim per sentence, in order.
pub fn claims_of_article(article: &crate::Article) -> Vec<String> {
    article
        .sentences
        .iter()
        .map(|s| clip(article.text.get(s.start..s.end).unwrap_or_default()).to_string())
        .collect()
}

impl crate::Checker {
    /// The built-in retrieval behind the same contract as a server's: what a
    /// server holding this checker's corpus returns for `claims` (with
    /// `every`, each claim is searched; see [`CandidatesRequest::every`]). A
    /// checker of fetched passages returns nothing.
    pub fn candidates(&self, claims: &[String], every: bool) -> Candidates {
        let Some(index) = self.index() else {
            return Candidates::default();
        };
        let queries: Vec<ClaimQuery> = claims
            .iter()
            .map(|c| ClaimQuery::new(c, self.people(), self.models()))
            .collect();
        let mut df = BTreeMap::new();
        for q in &queries {
            for w in &q.words {
                let n = index.df(w);
                if n > 0 {
                    df.insert(w.clone(), n as u32);
                }
            }
        }
        let claims: Vec<ClaimHits> = queries
            .iter()
            .map(|q| ClaimHits {
                claim: q.text.clone(),
                hits: if every || q.is_searched(&|w| index.df(w), index.len()) {
                    q.search(&|t| index.posting_list(t), index.stats(), self.models())
                } else {
                    Vec::new()
                },
            })
            .collect();
        let held = self.sentences();
        let wanted = around(
            claims.iter().flat_map(|c| c.hits.iter().map(|h| h.0)),
            held.len() as u32,
        );
        let stored: Vec<StoredSentence> = wanted
            .iter()
            .map(|&id| {
                let s = held[id as usize];
                let text = &self.documents()[s.doc as usize].text;
                StoredSentence {
                    id,
                    doc: s.doc,
                    range: [
                        crate::report::char_offset(text, s.start),
                        crate::report::char_offset(text, s.end),
                    ],
                }
            })
            .collect();
        let mut documents: Vec<CandidateDocument> = Vec::new();
        let mut numbered: HashMap<u32, u32> = HashMap::default();
        let passages = runs(&stored)
            .into_iter()
            .map(|run| {
                let doc = run[0].doc;
                let d = &self.documents()[doc as usize];
                let document = *numbered.entry(doc).or_insert_with(|| {
                    documents.push(CandidateDocument {
                        id: d.id.clone(),
                        title: d.title.clone(),
                        titled: d.titled,
                        url: d.url.clone(),
                        date: d.date.clone(),
                    });
                    documents.len() as u32 - 1
                });
                let (first, last) = (
                    held[run[0].id as usize],
                    held[run[run.len() - 1].id as usize],
                );
                Passage {
                    document,
                    start: run[0].range[0],
                    text: d.text[first.start..last.end].to_string(),
                    sentences: run
                        .iter()
                        .map(|s| PassageSentence {
                            id: s.id,
                            range: s.range,
                        })
                        .collect(),
                }
            })
            .collect();
        Candidates {
            corpus: self.corpus_info(),
            df,
            documents,
            passages,
            claims,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(id: u32, doc: u32) -> StoredSentence {
        StoredSentence {
            id,
            doc,
            range: [0, 0],
        }
    }

    #[test]
    fn around_takes_context_within_the_corpus() {
        assert_eq!(around([0, 9], 10), vec![0, 1, 2, 7, 8, 9]);
        assert_eq!(around([4, 5], 10), vec![2, 3, 4, 5, 6, 7]);
        assert_eq!(around([12], 10), Vec::<u32>::new());
        assert_eq!(
            around([u32::MAX - 1], u32::MAX),
            vec![u32::MAX - 3, u32::MAX - 2, u32::MAX - 1]
        );
    }

    #[test]
    fn claims_are_the_sentences_cut_to_what_the_engine_reads() {
        let long = format!("The council said {}é.", "very ".repeat(500));
        let text = format!("One. Two words here.\n\nThree? {long}");
        let claims = claims_of(&text);
        assert_eq!(claims.len(), crate::prepare_article(&text).sentences.len());
        assert_eq!(claims[..3], ["One.", "Two words here.", "Three?"]);
        let last = claims.last().unwrap();
        assert!(last.len() <= MAX_CLAIM_BYTES && last.len() > MAX_CLAIM_BYTES - 4);
        assert!(last.starts_with("The council said very"));
        assert!(claims_of("").is_empty());
    }

    #[test]
    fn runs_split_at_documents_and_gaps() {
        let s = [
            stored(1, 0),
            stored(2, 0),
            stored(3, 1),
            stored(5, 1),
            stored(6, 1),
        ];
        let ids: Vec<Vec<u32>> = runs(&s)
            .iter()
            .map(|r| r.iter().map(|x| x.id).collect())
            .collect();
        assert_eq!(ids, vec![vec![1, 2], vec![3], vec![5, 6]]);
        assert!(runs(&[]).is_empty());
    }

    fn one_passage(range: [usize; 2], start: usize) -> Candidates {
        Candidates {
            corpus: CorpusInfo {
                documents: 1,
                sentences: 10,
            },
            documents: vec![CandidateDocument {
                id: "a".into(),
                title: "A".into(),
                ..Default::default()
            }],
            passages: vec![Passage {
                document: 0,
                start,
                text: "Élan rose. It fell.".into(),
                sentences: vec![
                    PassageSentence { id: 4, range },
                    PassageSentence {
                        id: 5,
                        range: [start + 11, start + 19],
                    },
                ],
            }],
            claims: vec![ClaimHits {
                claim: "x".into(),
                hits: vec![(5, 1.0), (99, 2.0), (4, f32::NAN)],
            }],
            ..Default::default()
        }
    }

    #[test]
    fn passages_become_documents_with_their_place_kept() {
        let (docs, sentences, fetched) = into_parts(one_passage([100, 110], 100)).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(
            &docs[0].text[sentences[0].start..sentences[0].end],
            "Élan rose."
        );
        assert_eq!(
            &docs[0].text[sentences[1].start..sentences[1].end],
            "It fell."
        );
        assert_eq!(fetched.char_base(0), 100);
        // Hits outside the passages or without a score are no evidence.
        assert_eq!(fetched.hits("x"), &[(1, 1.0)]);
        assert!(fetched.hits("y").is_empty());
    }

    #[test]
    fn answers_that_do_not_hold_together_are_errors() {
        let cases: Vec<(&str, Candidates)> = vec![
            ("range before the passage", one_passage([90, 110], 100)),
            ("range past the text", one_passage([100, 130], 100)),
            ("range backwards", one_passage([105, 100], 100)),
            ("no such document", {
                let mut c = one_passage([100, 110], 100);
                c.passages[0].document = 3;
                c
            }),
            ("gap in the run", {
                let mut c = one_passage([100, 110], 100);
                c.passages[0].sentences[1].id = 7;
                c
            }),
            ("sentence twice", {
                let mut c = one_passage([100, 110], 100);
                let p = c.passages[0].clone();
                c.passages.push(p);
                c
            }),
            ("empty passage", {
                let mut c = one_passage([100, 110], 100);
                c.passages[0].sentences.clear();
                c
            }),
        ];
        for (what, c) in cases {
            assert!(into_parts(c).is_err(), "{what}");
        }
    }
}
