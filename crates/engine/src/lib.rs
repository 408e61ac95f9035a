//! crosscheck's engine: checks every claim of an article against a reference
//! corpus and returns a verdict with evidence.
//!
//! The pipeline, one module a step, data flowing one way:
//! [`corpus`] (documents, sentences) -> [`segment`] (sentence spans) ->
//! [`analyze`] (tokens, entities, numbers, dates, cues; with [`lexicon`]) ->
//! [`retrieve`] (BM25 candidates) -> [`verify`] (alignment, mismatches) ->
//! [`report`] (the JSON contract).
//!
//! Beside the pipeline, [`vectors`] reads the static word vectors of
//! `models/vectors.bin` (similar words, for paraphrases), and [`house_style`]
//! reads a newsroom's house-style file (sentences that are not claims, lines
//! dropped from documents, metadata lines) for the front end to compile.
//!
//! Main types: [`Checker`] (a corpus ready to check against), [`Report`],
//! [`SentenceResult`], [`Verdict`], [`Evidence`], [`Mismatch`].
//!
//! ```
//! let checker = crosscheck_engine::Checker::seed();
//! let report = checker.check_article("Invitations have been sent out to more than 60 nations.");
//! assert_eq!(report.sentences[0].verdict, crosscheck_engine::Verdict::Supported);
//! ```

pub mod analyze;
mod bytes;
pub mod corpus;
pub mod decide;
pub mod detect;
pub mod house_style;
pub mod index_file;
pub mod lexicon;
pub mod models;
pub mod remote;
pub mod report;
pub mod retrieve;
pub mod segment;
mod sorted;
pub mod syntax;
pub mod vectors;
pub mod verify;

use std::sync::{Arc, OnceLock};

pub use corpus::{CorpusError, Document};
pub use house_style::{HouseStyle, HouseStyleError};
pub use models::Models;
pub use report::{Evidence, Mismatch, MismatchKind, Report, SentenceResult, Summary, Verdict};

use analyze::entities::EntityTable;
use analyze::Analysis;
use corpus::SentenceRef;
use lexicon::Lexicon;
use remote::Fetched;
use report::{char_offset, CorpusInfo, REPORT_VERSION};
use retrieve::Index;
use verify::align::{self, TokenMatch};
use verify::Judged;

/// Share of a claim a passage must speak to before the claim is parsed:
/// below it, who does what there decides nothing.
const PARSE_FROM: f32 = 0.4;
/// Sentences retrieved per claim before alignment.
pub(crate) const CANDIDATES: usize = 5;
/// Corpora up to this many sentences keep every analysis made while
/// indexing; larger ones analyse a passage when a check first retrieves it.
const KEPT_ANALYSES: usize = 20_000;
/// Longest text checked; a longer paste is checked up to here and says so.
pub const MAX_INPUT_BYTES: usize = 2_000_000;
/// Bytes of one sentence that are analysed; the rest of a run-on "sentence" is ignored.
pub(crate) const MAX_SENTENCE_BYTES: usize = 2_000;

/// A corpus, analysed and indexed, ready to check claims against.
pub struct Checker {
    documents: Vec<Document>,
    sentences: Vec<SentenceRef>,
    /// Per sentence, analysed on first use: a checker loaded from an index
    /// file analyses only the passages its checks retrieve.
    analyses: Vec<OnceLock<Analysis>>,
    retrieval: Retrieval,
    people: Arc<EntityTable>,
    lexicon: &'static Lexicon,
    /// Per document: the analysis of its given title, when that names its subject.
    topics: Vec<OnceLock<Option<Analysis>>>,
    /// The learned parts; without them the verdict falls back to the rules.
    models: Arc<Models>,
    /// Sentences the newsroom's house style says are not claims.
    house_style: Option<Arc<HouseStyle>>,
}

/// Where a checker's candidate passages and word statistics come from.
enum Retrieval {
    /// Its own index of every sentence it holds.
    Index(Index),
    /// A retrieval server's answer for a batch of claims: the checker holds
    /// only the passages it returned (see [`remote`]).
    Fetched(Fetched),
}

impl Checker {
    /// The bundled seed corpus, read with its own house style where the
    /// `regex` feature can compile it.
    #[cfg(feature = "seed")]
    pub fn seed() -> Checker {
        #[cfg(feature = "regex")]
        {
            let style = HouseStyle::parse_native(house_style::SEED)
                .expect("the seed house style is checked by its tests");
            let documents = style.prepare_all(corpus::seed_documents());
            Checker::new(documents).with_house_style(Some(Arc::new(style)))
        }
        #[cfg(not(feature = "regex"))]
        Checker::new(corpus::seed_documents())
    }

    pub fn new(documents: Vec<Document>) -> Checker {
        Checker::new_with(documents, Models::default_for_build())
    }

    /// A checker of these documents that uses these learned models.
    pub fn new_with(documents: Vec<Document>, models: Arc<Models>) -> Checker {
        Checker::new_with_progress(documents, models, &mut |_, _| {})
    }

    /// [`Checker::new_with`], calling `progress(analysed, total)` after each
    /// sentence is analysed: analysis is most of the time a large corpus
    /// takes to build, so a front end can show how far it has got.
    pub fn new_with_progress(
        documents: Vec<Document>,
        models: Arc<Models>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Checker {
        let lexicon = Lexicon::embedded();
        let sentences = corpus::sentences(&documents);
        let text_of = |s: &SentenceRef| &documents[s.doc as usize].text[s.start..s.end];
        // Learn people and titles first: every sentence's analysis needs them.
        let mut people = EntityTable::default();
        for s in &sentences {
            people.learn(&analyze::tokens::tokenize(clip(text_of(s))), lexicon);
        }
        people.finish();
        let total = sentences.len();
        let mut analysed = 0;
        let analyse = |s: &SentenceRef| {
            let analysis = analyze::analyze_with(clip(text_of(s)), lexicon, &people, &models);
            analysed += 1;
            progress(analysed, total);
            analysis
        };
        let (index, analyses) = if sentences.len() <= KEPT_ANALYSES {
            let all: Vec<Analysis> = sentences.iter().map(analyse).collect();
            (
                Index::build(all.iter()),
                all.into_iter().map(OnceLock::from).collect(),
            )
        } else {
            // A large corpus drops each analysis once indexed, so memory stays
            // that of the postings; a check analyses what it retrieves, once.
            let index = Index::build(sentences.iter().map(analyse));
            (index, sentences.iter().map(|_| OnceLock::new()).collect())
        };
        let topics = documents.iter().map(|_| OnceLock::new()).collect();
        Checker {
            house_style: None,
            models,
            topics,
            documents,
            sentences,
            analyses,
            retrieval: Retrieval::Index(index),
            people: Arc::new(people),
            lexicon,
        }
    }

    /// Adds documents to the corpus (a reader's own sources). A small corpus
    /// is rebuilt whole, exactly as if the documents had always been there; a
    /// large one indexes only the new documents, and learns their people and
    /// titles without re-reading the rest. A checker of a server's passages
    /// ([`Checker::from_candidates`]) takes none: the server's corpus is what it checks against.
    pub fn add_documents(&mut self, added: Vec<Document>) {
        self.add_documents_keeping(added, KEPT_ANALYSES);
    }

    fn add_documents_keeping(&mut self, added: Vec<Document>, rebuild_up_to: usize) {
        let added: Vec<Document> = added
            .into_iter()
            .filter(|d| !d.text.trim().is_empty())
            .collect();
        let Retrieval::Index(_) = self.retrieval else {
            return;
        };
        if added.is_empty() {
            return;
        }
        let first_doc = self.documents.len() as u32;
        let mut new_sentences = corpus::sentences(&added);
        if self.sentences.len() + new_sentences.len() <= rebuild_up_to {
            let mut documents = std::mem::take(&mut self.documents);
            documents.extend(added);
            let style = self.house_style.take();
            *self = Checker::new_with(documents, self.models.clone()).with_house_style(style);
            return;
        }
        for s in &mut new_sentences {
            s.doc += first_doc;
        }
        self.documents.extend(added);
        let text_of = |s: &SentenceRef| clip(&self.documents[s.doc as usize].text[s.start..s.end]);
        let people = Arc::make_mut(&mut self.people);
        for s in &new_sentences {
            people.learn(&analyze::tokens::tokenize(text_of(s)), self.lexicon);
        }
        people.finish();
        let analyses: Vec<Analysis> = new_sentences
            .iter()
            .map(|s| analyze::analyze_with(text_of(s), self.lexicon, &self.people, &self.models))
            .collect();
        if let Retrieval::Index(index) = &mut self.retrieval {
            index.extend(analyses.iter());
        }
        self.analyses
            .extend(analyses.into_iter().map(OnceLock::from));
        self.sentences.extend(new_sentences);
        self.topics = self.documents.iter().map(|_| OnceLock::new()).collect();
    }

    /// Uses these learned models (word vectors, syntax, the decision) from
    /// now on. Sentences are analysed again, with them, as checks need them;
    /// the index does not depend on the models.
    pub fn with_models(mut self, models: Arc<Models>) -> Checker {
        self.models = models;
        self.analyses = self.analyses.iter().map(|_| OnceLock::new()).collect();
        self.topics = self.topics.iter().map(|_| OnceLock::new()).collect();
        self
    }

    /// Uses this house style's `not_a_claim` patterns from now on. Its
    /// document rules are for whoever loads the documents
    /// ([`HouseStyle::prepare`]): an index file's were applied when it was built.
    pub fn with_house_style(mut self, style: Option<Arc<HouseStyle>>) -> Checker {
        self.house_style = style;
        self
    }

    pub fn house_style(&self) -> Option<&HouseStyle> {
        self.house_style.as_deref()
    }

    pub fn shared_house_style(&self) -> Option<Arc<HouseStyle>> {
        self.house_style.clone()
    }

    pub fn models(&self) -> &Models {
        &self.models
    }

    /// The models, shared: a checker of a server's passages uses the same ones.
    pub fn shared_models(&self) -> Arc<Models> {
        self.models.clone()
    }

    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    pub fn sentence_count(&self) -> usize {
        self.sentences.len()
    }

    /// Builds a checker from parts read from an index file: nothing is
    /// analysed until a check needs it.
    pub(crate) fn from_parts(
        documents: Vec<Document>,
        sentences: Vec<SentenceRef>,
        index: Index,
        people: EntityTable,
    ) -> Checker {
        Checker {
            house_style: None,
            models: Models::default_for_build(),
            analyses: sentences.iter().map(|_| OnceLock::new()).collect(),
            topics: documents.iter().map(|_| OnceLock::new()).collect(),
            documents,
            sentences,
            retrieval: Retrieval::Index(index),
            people: Arc::new(people),
            lexicon: Lexicon::embedded(),
        }
    }

    /// A checker of the passages a retrieval server returned for a batch of
    /// claims (see [`remote`]): it checks those claims exactly as a checker
    /// of the server's whole corpus would, given the corpus's people and
    /// titles (`people`) and the same models. Another claim finds no passages.
    pub fn from_candidates(
        candidates: remote::Candidates,
        people: Arc<EntityTable>,
        models: Arc<Models>,
    ) -> Result<Checker, remote::CandidatesError> {
        let (documents, sentences, fetched) = remote::into_parts(candidates)?;
        Ok(Checker {
            house_style: None,
            models,
            analyses: sentences.iter().map(|_| OnceLock::new()).collect(),
            topics: documents.iter().map(|_| OnceLock::new()).collect(),
            documents,
            sentences,
            retrieval: Retrieval::Fetched(fetched),
            people,
            lexicon: Lexicon::embedded(),
        })
    }

    /// Every sentence held, as (document, byte range) in document order.
    pub fn sentences(&self) -> &[corpus::SentenceRef] {
        &self.sentences
    }

    /// The people and titles learnt from the corpus, which every analysis
    /// reads: a retrieval server hands its corpus's table to the page.
    pub fn people(&self) -> &Arc<EntityTable> {
        &self.people
    }

    /// The index of a checker that holds its whole corpus.
    pub fn index(&self) -> Option<&Index> {
        match &self.retrieval {
            Retrieval::Index(index) => Some(index),
            Retrieval::Fetched(_) => None,
        }
    }

    /// How many sentences of the corpus hold `stem` (a server's figure for a fetched checker).
    fn df(&self, stem: &str) -> usize {
        match &self.retrieval {
            Retrieval::Index(index) => index.df(stem),
            Retrieval::Fetched(f) => f.df(stem),
        }
    }

    /// Where document `doc`'s text starts in the whole document, in
    /// characters: a fetched checker holds passages, not whole documents.
    fn char_base(&self, doc: usize) -> usize {
        match &self.retrieval {
            Retrieval::Index(_) => 0,
            Retrieval::Fetched(f) => f.char_base(doc),
        }
    }

    /// The analysis of corpus sentence `s`.
    fn sentence(&self, s: usize) -> &Analysis {
        self.analyses[s].get_or_init(|| {
            let r = &self.sentences[s];
            let text = &self.documents[r.doc as usize].text[r.start..r.end];
            analyze::analyze_with(clip(text), self.lexicon, &self.people, &self.models)
        })
    }

    /// A given title that names someone or something is the implicit subject of
    /// its document's sentences ("He is known for..." on the page "Noel Fisher").
    fn topic(&self, doc: usize) -> Option<&Analysis> {
        self.topics[doc]
            .get_or_init(|| {
                let d = &self.documents[doc];
                d.titled
                    .then(|| {
                        analyze::analyze_with(
                            clip(&d.title),
                            self.lexicon,
                            &self.people,
                            &self.models,
                        )
                    })
                    .filter(|a| a.entities.iter().any(Option::is_some))
            })
            .as_ref()
    }

    fn analyze(&self, text: &str) -> Analysis {
        analyze::analyze_with(clip(text), self.lexicon, &self.people, &self.models)
    }

    /// Checks an article: every sentence gets a result.
    pub fn check_article(&self, text: &str) -> Report {
        let article = prepare_article(text);
        let results = (0..article.sentences.len())
            .filter_map(|i| self.check_article_sentence(&article, i))
            .collect();
        self.report(results, article.notice)
    }

    /// Checks sentence `index` of a prepared article, exactly as
    /// [`Checker::check_article`] would: a front end can check a long article
    /// a few sentences at a time and stay responsive. `None` for an index
    /// the article does not hold.
    pub fn check_article_sentence(
        &self,
        article: &Article,
        index: usize,
    ) -> Option<SentenceResult> {
        let span = *article.sentences.get(index)?;
        let range = *article.ranges.get(index)?;
        let text = article.text.get(span.start..span.end)?;
        let mut r = self.check_sentence(text, false);
        r.index = index;
        r.range = range;
        Some(r)
    }

    /// A report from sentence results (in order), with the article's notice.
    pub fn report(&self, sentences: Vec<SentenceResult>, notice: Option<String>) -> Report {
        let mut summary = Summary::default();
        for r in &sentences {
            summary.add(r.verdict);
        }
        Report {
            version: REPORT_VERSION,
            corpus: self.corpus_info(),
            summary,
            sentences,
            notice,
        }
    }

    /// The sentences just before and after a passage of document `doc`
    /// (`range` in characters, as in [`Evidence::range`]), for context.
    pub fn neighbours(&self, doc: &str, range: [usize; 2]) -> Neighbours {
        let mut out = Neighbours::default();
        // A fetched checker may hold several passages of one document.
        let Some(d) = (0..self.documents.len()).find(|&d| {
            let base = self.char_base(d);
            self.documents[d].id == doc
                && range[0] >= base
                && range[1] >= range[0]
                && range[1] - base <= self.documents[d].text.chars().count()
        }) else {
            return out;
        };
        let text = &self.documents[d].text;
        let base = self.char_base(d);
        let (start, end) = (
            byte_offset(text, range[0] - base),
            byte_offset(text, range[1] - base),
        );
        // Sentences are stored in document order: find this document's run.
        let first = self.sentences.partition_point(|s| (s.doc as usize) < d);
        let last = self.sentences.partition_point(|s| (s.doc as usize) <= d);
        for s in &self.sentences[first..last] {
            if s.end <= start {
                out.before = Some(text[s.start..s.end].to_string());
            } else if s.start >= end {
                out.after = Some(text[s.start..s.end].to_string());
                break;
            }
        }
        out
    }

    /// Checks one claim, always giving it a verdict (never `none`).
    pub fn check_claim(&self, claim: &str) -> SentenceResult {
        self.check_sentence(claim, true)
    }

    /// A developer's view of one claim's judgement: weights, matches and
    /// mismatches of the best few passages. Not part of the stable API.
    #[doc(hidden)]
    pub fn trace(&self, text: &str) -> String {
        use std::fmt::Write;
        let claim = self.analyze(text);
        let weights = align::weights(&claim, &|stem| self.weight_of(stem));
        let mut out = String::new();
        for (i, t) in claim.tokens.iter().enumerate() {
            if weights[i] > 0.0 {
                let _ = write!(
                    out,
                    "{}[{}{:.1}{}] ",
                    t.norm,
                    t.stem,
                    weights[i],
                    if claim.entities[i].is_some() { "E" } else { "" }
                );
            }
        }
        out.push('\n');
        let mut judged = self.judge_candidates(text, &claim, &weights);
        judged.sort_by(|a, b| b.support.total_cmp(&a.support));
        for j in judged.iter().take(5) {
            let _ = writeln!(
                out,
                "  sup {:.2} evt {:.2} {:?} {:?}",
                j.support,
                j.event,
                j.stance,
                j.mismatches.iter().map(|m| m.kind).collect::<Vec<_>>()
            );
            let (_, text, _) = self.passage_text(&j.sentences);
            let _ = writeln!(out, "    {}", text.replace('\n', " "));
            let mut line = String::from("    ");
            for (i, m) in j.matches.iter().enumerate() {
                if weights[i] > 0.0 {
                    let _ = match m {
                        Some(m) => {
                            let word = match j.sentences.get(m.part as usize) {
                                Some(&s) => {
                                    self.sentence(s as usize).tokens[m.i as usize].norm.as_str()
                                }
                                None => "(title)",
                            };
                            write!(line, "{}={:?}:{} ", claim.tokens[i].norm, m.kind, word)
                        }
                        None => write!(line, "{}=_ ", claim.tokens[i].norm),
                    };
                }
            }
            out.push_str(&line);
            out.push('\n');
        }
        out
    }

    /// The learned decision's view of a claim: its feature vector (see
    /// [`verify::features::claim_names`]) and every judged passage with its
    /// text and features (see [`verify::features::NAMES`]). For training and
    /// inspecting the model; not part of the stable API.
    #[doc(hidden)]
    pub fn claim_features(&self, text: &str) -> (Vec<f32>, Vec<PassageFeatures>) {
        let mut claim =
            analyze::analyze_unparsed(clip(text), self.lexicon, &self.people, &self.models);
        let weights = align::weights(&claim, &|stem| self.weight_of(stem));
        let mut judged = self.judge_candidates(text, &claim, &weights);
        self.add_structure(&mut claim, clip(text), &weights, &mut judged);
        let mut passages: Vec<[f32; verify::features::LEN]> = judged
            .iter()
            .map(|j| verify::features::passage(&claim, &weights, j, &self.parts_of(j)))
            .collect();
        let chosen = self.add_similarities(&claim, &weights, &judged, &mut passages);
        let claim_vector = verify::features::claim(&passages, chosen);
        let passages = judged
            .iter()
            .zip(passages)
            .map(|(j, features)| PassageFeatures {
                doc: self.documents[self.sentences[j.sentences[0] as usize].doc as usize]
                    .id
                    .clone(),
                sentences: j
                    .sentences
                    .iter()
                    .map(|&s| self.passage_text(&[s]).1.to_string())
                    .collect(),
                features: features.to_vec(),
            })
            .collect();
        (claim_vector, passages)
    }

    /// The analyses a judged passage was read from: its sentences, then its
    /// document's topic when it has one.
    fn parts_of(&self, j: &Judged) -> Vec<&Analysis> {
        let mut parts: Vec<&Analysis> = j
            .sentences
            .iter()
            .map(|&s| self.sentence(s as usize))
            .collect();
        if let Some(topic) = self.topic(self.sentences[j.sentences[0] as usize].doc as usize) {
            parts.push(topic);
        }
        parts
    }

    /// Weight of a claim word: its rarity in the corpus, capped by its rarity
    /// in English at large (a small corpus makes "came" look rare); a word the
    /// corpus never uses weighs what its general rarity says.
    fn weight_of(&self, stem: &str) -> f32 {
        word_weight(
            self.lexicon,
            stem,
            self.df(stem),
            self.corpus_info().sentences,
        )
    }

    /// The size of the corpus checked against (the server's whole corpus for a fetched checker).
    pub fn corpus_info(&self) -> CorpusInfo {
        match &self.retrieval {
            Retrieval::Index(_) => CorpusInfo {
                documents: self.documents.len(),
                sentences: self.sentences.len(),
            },
            Retrieval::Fetched(f) => f.corpus,
        }
    }

    fn check_sentence(&self, text: &str, forced: bool) -> SentenceResult {
        let mut claim =
            analyze::analyze_unparsed(clip(text), self.lexicon, &self.people, &self.models);
        let mut result = SentenceResult {
            index: 0,
            text: text.to_string(),
            range: [0, text.chars().count()],
            verdict: Verdict::NotAClaim,
            confidence: 1.0,
            explanation: String::new(),
            evidence: Vec::new(),
            mismatches: Vec::new(),
            matched: Vec::new(),
            sources_disagree: false,
        };
        if !forced {
            if let Some(pattern) = self.house_style().and_then(|h| h.not_a_claim(text)) {
                result.explanation =
                    format!("The house style marks this as not a claim (pattern {pattern:?}).");
                return result;
            }
            if let Some(reason) = detect::not_a_claim(text, &claim, self.lexicon) {
                result.explanation = reason.explain().to_string();
                result.confidence = 0.9;
                return result;
            }
        }
        let weights = align::weights(&claim, &|stem| self.weight_of(stem));
        if !forced && nothing_known(&claim, &weights, &|stem| self.df(stem)) {
            result.explanation = detect::NotAClaim::NothingToCheck.explain().to_string();
            result.confidence = 0.6;
            return result;
        }
        let mut judged = self.judge_candidates(text, &claim, &weights);
        self.add_structure(&mut claim, clip(text), &weights, &mut judged);
        self.fill_verdict(&mut result, &claim, &weights, judged);
        result
    }

    /// Parses the claim, when some passage speaks to enough of it that who
    /// does what matters, and compares its clauses with each passage's.
    fn add_structure(
        &self,
        claim: &mut Analysis,
        text: &str,
        weights: &[f32],
        judged: &mut [Judged],
    ) {
        if self.models.parser.is_none() || !judged.iter().any(|j| j.event >= PARSE_FROM) {
            return;
        }
        analyze::parse(claim, text, &self.models);
        for j in judged.iter_mut() {
            let parts = self.parts_of(j);
            j.diag.structure = verify::structure::compare(claim, &j.matches, &parts);
            // Roles the other way round are a typed mismatch like any other.
            let roles = j
                .diag
                .structure
                .found
                .iter()
                .filter(|f| f.kind == MismatchKind::Role);
            j.mismatches.extend(roles.cloned());
            j.stance = j.rule_stance();
            if self.models.decision.is_some() {
                j.features = verify::features::passage(claim, weights, j, &parts);
            }
        }
    }

    /// Retrieves candidate sentences and judges them alone and with each neighbour.
    /// `text` is the claim as given, which a fetched checker's hits are listed by.
    fn judge_candidates(&self, text: &str, claim: &Analysis, weights: &[f32]) -> Vec<Judged> {
        if weights.iter().all(|&w| w == 0.0) {
            return Vec::new();
        }
        let hits = match &self.retrieval {
            Retrieval::Index(index) => index.search_with(
                claim,
                self.lexicon,
                self.models.vectors.as_ref(),
                CANDIDATES,
            ),
            Retrieval::Fetched(f) => f.hits(clip(text)).to_vec(),
        };
        // Each hit brings itself and up to two neighbours.
        let mut aligned = Memo(Vec::with_capacity(hits.len() * 3));
        let mut topic_aligned = Memo(Vec::with_capacity(hits.len()));
        let align_one = |s: u32, aligned: &mut Memo| {
            aligned.get_or_insert_with(s, || {
                align::align_sentence(
                    claim,
                    weights,
                    self.sentence(s as usize),
                    self.lexicon,
                    self.models.vectors.as_ref(),
                )
            });
        };
        // One sentence, or two adjacent ones in order.
        let mut passages: Vec<([u32; 2], usize)> = Vec::with_capacity(hits.len() * 3);
        for &(s, _) in &hits {
            align_one(s, &mut aligned);
            passages.push(([s, s], 1));
            for nb in [s.checked_sub(1), Some(s + 1)].into_iter().flatten() {
                if (nb as usize) < self.sentences.len()
                    && self.sentences[nb as usize].doc == self.sentences[s as usize].doc
                {
                    align_one(nb, &mut aligned);
                    let pair = (if nb < s { [nb, s] } else { [s, nb] }, 2);
                    if !passages.contains(&pair) && adds_to(aligned.get(nb), aligned.get(s), nb < s)
                    {
                        passages.push(pair);
                    }
                }
            }
        }
        // Topics are aligned up front so that the memos are only read below.
        for (ids, _) in &passages {
            let doc = self.sentences[ids[0] as usize].doc;
            if let Some(topic) = self.topic(doc as usize) {
                topic_aligned.get_or_insert_with(doc, || {
                    align::align_sentence(
                        claim,
                        weights,
                        topic,
                        self.lexicon,
                        self.models.vectors.as_ref(),
                    )
                });
            }
        }
        let mut parts: Vec<&Analysis> = Vec::with_capacity(3);
        let mut per: Vec<&[Option<TokenMatch>]> = Vec::with_capacity(3);
        passages
            .into_iter()
            .map(|(ids, len)| {
                let ids = &ids[..len];
                parts.clear();
                per.clear();
                for &s in ids {
                    parts.push(self.sentence(s as usize));
                    per.push(aligned.get(s));
                }
                // The document's topic, as a last part after the passage's sentences.
                let doc = self.sentences[ids[0] as usize].doc;
                if let Some(topic) = self.topic(doc as usize) {
                    parts.push(topic);
                    per.push(topic_aligned.get(doc));
                }
                let mut j = verify::judge(
                    claim,
                    weights,
                    ids.to_vec(),
                    &parts,
                    &per,
                    &self.people,
                    self.lexicon,
                );
                j.stance = j.rule_stance();
                if self.models.decision.is_some() {
                    j.features = verify::features::passage(claim, weights, &j, &parts);
                }
                j
            })
            .collect()
    }

    fn fill_verdict(
        &self,
        result: &mut SentenceResult,
        claim: &Analysis,
        weights: &[f32],
        mut judged: Vec<Judged>,
    ) {
        let (verdict, best, confidence) = match &self.models.decision {
            // Nothing retrieved: nothing states or contradicts the claim.
            Some(_) if judged.is_empty() => (Verdict::Unsupported, None, 0.9),
            Some(model) => self.decide_learned(model, claim, weights, &mut judged),
            None => decide_by_rules(&judged),
        };
        result.verdict = verdict;
        // Sources disagree when, beside the passage the verdict rests on, another
        // passage of the corpus says the opposite.
        let opposite = match verdict {
            Verdict::Supported => Some(Verdict::Conflicting),
            Verdict::Conflicting => Some(Verdict::Supported),
            _ => None,
        };
        result.sources_disagree = best.is_some_and(|b| {
            judged.iter().any(|j| {
                opposite.is_some() && j.stance == opposite && j.sentences != judged[b].sentences
            })
        });
        let Some(best) = best.map(|b| &judged[b]) else {
            result.confidence = 0.9;
            result.explanation = "Nothing in the corpus mentions this.".to_string();
            return;
        };
        result.confidence = confidence;
        result.confidence = (result.confidence * 100.0).round() / 100.0;
        result.matched = claim_ranges(
            claim,
            &result.text,
            best.matches
                .iter()
                .enumerate()
                .filter(|(_, m)| m.is_some_and(|m| !m.kind.is_conflict()))
                .map(|(i, _)| i),
        );
        // A conflict the learned decision found with no typed mismatch shows
        // the words the source has in the claim's place.
        let detail;
        let mismatches = match verdict {
            Verdict::Conflicting if best.mismatches.is_empty() => {
                // What the clause structures disagree on, else the words in the claim's place.
                detail = best.diag.structure.found.first().cloned().or_else(|| {
                    verify::features::detail(claim, weights, best, &self.parts_of(best))
                });
                detail.as_slice()
            }
            Verdict::Conflicting => best.mismatches.as_slice(),
            _ => &[],
        };
        for f in mismatches {
            let (part, range) = f.passage.clone().unwrap_or((0, 0..0));
            let source = match best.sentences.get(part as usize) {
                Some(&sentence) => self.passage_words(sentence, range),
                None => self.topic_words(best.sentences[0], range),
            };
            let claim_words = words_of(claim, &result.text, f.claim.clone());
            let r = claim_ranges(claim, &result.text, f.claim.clone());
            let claim_range = [r.first().map_or(0, |x| x[0]), r.last().map_or(0, |x| x[1])];
            result.mismatches.push(Mismatch {
                kind: f.kind,
                claim: claim_words,
                source,
                claim_range,
            });
        }
        if verdict != Verdict::Unsupported || best.support > 0.3 {
            result
                .evidence
                .push(self.evidence(best, verdict, mismatches));
        }
        // Further independent sources, for multi-source claims and disagreement.
        let mut others: Vec<&Judged> = judged
            .iter()
            .filter(|j| j.stance.is_some() && !std::ptr::eq(*j, best))
            .filter(|j| !j.sentences.iter().any(|s| best.sentences.contains(s)))
            .collect();
        others.sort_by(|a, b| b.support.total_cmp(&a.support));
        // By id: a fetched checker may hold two passages of one document.
        let id_of =
            |j: &Judged| &self.documents[self.sentences[j.sentences[0] as usize].doc as usize].id;
        let mut docs_seen = vec![id_of(best)];
        for j in others {
            let doc = id_of(j);
            if docs_seen.contains(&doc) || result.evidence.len() >= 3 {
                continue;
            }
            docs_seen.push(doc);
            result.evidence.push(self.evidence(
                j,
                j.stance.unwrap_or(Verdict::Unsupported),
                &j.mismatches,
            ));
        }
        result.explanation = self.explain(verdict, best, result, claim, weights);
    }

    /// Picks the passages the claim-level decision reads and adds their
    /// vector similarities to their features.
    fn add_similarities(
        &self,
        claim: &Analysis,
        weights: &[f32],
        judged: &[Judged],
        passages: &mut [[f32; verify::features::LEN]],
    ) -> verify::features::Chosen {
        let chosen = verify::features::choose(passages);
        // The same passage may be both: its similarities are computed once.
        let conflict = chosen.conflict.filter(|&c| chosen.support != Some(c));
        for i in [chosen.support, conflict].into_iter().flatten() {
            let j = &judged[i];
            verify::features::add_similarities(
                &mut passages[i],
                claim,
                weights,
                j,
                &self.parts_of(j),
                self.models.vectors.as_ref(),
            );
        }
        chosen
    }

    /// The verdict of the learned decision, the passage it rests on and its
    /// confidence. The chosen passage takes the verdict as its stance.
    fn decide_learned(
        &self,
        model: &decide::DecisionModel,
        claim: &Analysis,
        weights: &[f32],
        judged: &mut [Judged],
    ) -> (Verdict, Option<usize>, f32) {
        let mut passages: Vec<[f32; verify::features::LEN]> =
            judged.iter().map(|j| j.features).collect();
        let chosen = self.add_similarities(claim, weights, judged, &mut passages);
        let features = verify::features::claim(&passages, chosen);
        let p = model.score(&features);
        let mut k = model.verdict(p);
        let mut best = match k {
            1 => chosen.conflict.or(chosen.support),
            _ => chosen.support,
        };
        // A passage cannot state a claim it contradicts: when the passage the
        // model rests "supported" on has the roles the other way round, the
        // predicate negated, a decided matter left open, or a typed mismatch,
        // another passage must state the claim, or the claim conflicts with
        // this one (when it covers the event) or is unsupported.
        if let (0, Some(b)) = (k, best) {
            if contradicts(&judged[b]) {
                let clean = (0..judged.len())
                    .filter(|&i| {
                        !contradicts(&judged[i]) && judged[i].support >= verify::SUPPORT_THRESHOLD
                    })
                    .max_by(|&x, &y| judged[x].support.total_cmp(&judged[y].support));
                match clean {
                    Some(c) => best = Some(c),
                    None if judged[b].event >= verify::CONFLICT_THRESHOLD => k = 1,
                    None => k = 2,
                }
            }
        }
        // A conflict needs a passage about the same event.
        if k == 1 && best.is_none_or(|b| judged[b].event < model.conflict_event) {
            k = 2;
        }
        let verdict = [
            Verdict::Supported,
            Verdict::Conflicting,
            Verdict::Unsupported,
        ][k];
        if let Some(b) = best {
            if verdict != Verdict::Unsupported {
                judged[b].stance = Some(verdict);
            }
        }
        (verdict, best, model.calibrated(k, p[k]))
    }

    fn passage_text(&self, sentences: &[u32]) -> (usize, &str, [usize; 2]) {
        let first = self.sentences[sentences[0] as usize];
        let last = self.sentences[*sentences.last().unwrap_or(&sentences[0]) as usize];
        let doc = &self.documents[first.doc as usize];
        let base = self.char_base(first.doc as usize);
        (
            first.doc as usize,
            &doc.text[first.start..last.end],
            [
                base + char_offset(&doc.text, first.start),
                base + char_offset(&doc.text, last.end),
            ],
        )
    }

    /// Words of the given title of the document that holds `sentence`.
    fn topic_words(&self, sentence: u32, range: std::ops::Range<usize>) -> String {
        let doc = self.sentences[sentence as usize].doc as usize;
        match self.topic(doc) {
            Some(a) if !range.is_empty() && range.end <= a.tokens.len() => {
                let title = &self.documents[doc].title;
                title
                    .get(a.tokens[range.start].start..a.tokens[range.end - 1].end)
                    .unwrap_or("")
                    .to_string()
            }
            _ => String::new(),
        }
    }

    fn passage_words(&self, sentence: u32, range: std::ops::Range<usize>) -> String {
        let a = self.sentence(sentence as usize);
        let s = self.sentences[sentence as usize];
        let text = &self.documents[s.doc as usize].text[s.start..s.end];
        if range.is_empty() || range.end > a.tokens.len() {
            return String::new();
        }
        text[a.tokens[range.start].start..a.tokens[range.end - 1].end].to_string()
    }

    /// The evidence a passage gives; `differing` marks the passage side of `mismatches`.
    fn evidence(
        &self,
        j: &Judged,
        stance: Verdict,
        mismatches: &[verify::mismatch::Found],
    ) -> Evidence {
        let (doc, text, range) = self.passage_text(&j.sentences);
        let base = self.sentences[j.sentences[0] as usize].start;
        // Character ranges inside the passage text.
        let local = |sent: u32, tok: usize| -> [usize; 2] {
            let s = self.sentences[sent as usize];
            let t = &self.sentence(sent as usize).tokens[tok];
            let a = s.start + t.start - base;
            let b = s.start + t.end - base;
            [char_offset(text, a), char_offset(text, b)]
        };
        let mut matched: Vec<[usize; 2]> = j
            .matches
            .iter()
            .flatten()
            .filter(|m| !m.kind.is_conflict() && (m.part as usize) < j.sentences.len())
            .map(|m| local(j.sentences[m.part as usize], m.i as usize))
            .collect();
        matched.sort();
        matched.dedup();
        let mut differing = Vec::new();
        if stance == Verdict::Conflicting {
            for f in mismatches {
                if let Some((part, r)) = &f.passage {
                    if let (false, Some(&sent)) = (r.is_empty(), j.sentences.get(*part as usize)) {
                        let a = local(sent, r.start);
                        let b = local(sent, r.end - 1);
                        differing.push([a[0], b[1]]);
                    }
                }
            }
        }
        Evidence {
            doc: self.documents[doc].id.clone(),
            title: self.documents[doc].title.clone(),
            url: self.documents[doc].url.clone(),
            date: self.documents[doc].date.clone(),
            text: text.to_string(),
            range,
            matched,
            differing,
            stance,
        }
    }

    fn explain(
        &self,
        verdict: Verdict,
        best: &Judged,
        result: &SentenceResult,
        claim: &Analysis,
        weights: &[f32],
    ) -> String {
        let doc = &self.documents[self.sentences[best.sentences[0] as usize].doc as usize].id;
        match verdict {
            Verdict::Supported => {
                let n = result
                    .evidence
                    .iter()
                    .filter(|e| e.stance == Verdict::Supported)
                    .count();
                let also = if n > 1 {
                    format!(
                        " (and {} more source{})",
                        n - 1,
                        if n > 2 { "s" } else { "" }
                    )
                } else {
                    String::new()
                };
                let disagree = if result.sources_disagree {
                    " Another source disagrees."
                } else {
                    ""
                };
                format!("{doc} states this{also}.{disagree}")
            }
            Verdict::Conflicting => {
                let Some(m) = result.mismatches.first() else {
                    return format!("{doc} says otherwise.");
                };
                let what = match m.kind {
                    MismatchKind::Polarity => "the opposite".to_string(),
                    MismatchKind::Role => {
                        format!("the roles the other way round: \"{}\"", m.source)
                    }
                    MismatchKind::Modality if m.source.is_empty() => {
                        "it is not settled".to_string()
                    }
                    _ => m.source.clone(),
                };
                let disagree = if result.sources_disagree {
                    " Another source agrees with the article."
                } else {
                    ""
                };
                format!("article says {}; {doc} says {what}.{disagree}", m.claim)
            }
            _ => {
                // Words the closest passage lacks: another passage may hold
                // them, so the message speaks of this one only.
                let missing: Vec<String> = (0..claim.tokens.len())
                    .filter(|&i| weights[i] > 0.0 && best.matches[i].is_none())
                    .map(|i| words_of(claim, &result.text, i..i + 1))
                    .take(4)
                    .collect();
                if best.support >= 0.4 && !missing.is_empty() {
                    format!(
                        "{doc} covers part of this but does not mention: {}.",
                        missing.join(", ")
                    )
                } else {
                    "No source in the corpus states or contradicts this.".to_string()
                }
            }
        }
    }
}

/// Weight of a claim word that `df` of the corpus's `sentences` hold (see [`Checker::weight_of`]).
pub(crate) fn word_weight(lexicon: &Lexicon, stem: &str, df: usize, sentences: usize) -> f32 {
    let general = lexicon.general_weight(stem);
    if df > 0 {
        retrieve::idf(sentences, df).min(general + 0.5)
    } else {
        general
    }
}

/// Whether a check (not forced) searches the corpus for this claim: it is a
/// claim, and the corpus knows enough of its words. `df` gives a stem's
/// document frequency in a corpus of `sentences`.
pub(crate) fn is_searched(
    text: &str,
    claim: &Analysis,
    lexicon: &Lexicon,
    df: &dyn Fn(&str) -> usize,
    sentences: usize,
) -> bool {
    if detect::not_a_claim(text, claim, lexicon).is_some() {
        return false;
    }
    let weights = align::weights(claim, &|stem| {
        word_weight(lexicon, stem, df(stem), sentences)
    });
    !nothing_known(claim, &weights, df)
}

/// Whether the corpus knows too little of what the claim says to check it
/// (no weighty word, or too little of its weight in words the corpus uses).
fn nothing_known(claim: &Analysis, weights: &[f32], df: &dyn Fn(&str) -> usize) -> bool {
    let total: f32 = weights.iter().sum();
    let known: f32 = weights
        .iter()
        .enumerate()
        .filter(|(i, _)| df(&claim.tokens[*i].stem) > 0)
        .map(|(_, w)| *w)
        .sum();
    total == 0.0 || detect::nothing_to_check(claim, known / total.max(1e-6))
}

/// Does the passage contradict the claim in a way that rules out its stating
/// it: roles the other way round, another doer, the predicate negated on one
/// side, a decided matter left open, or a typed mismatch?
fn contradicts(j: &Judged) -> bool {
    let s = &j.diag.structure;
    s.swapped + s.crossed + s.other_agent + s.negation_flips + s.claim_leaves_open > 0
}

/// The verdict by the rules alone, the passage it rests on and its confidence:
/// a passage that covers the claim without a mismatch supports it, one that
/// covers its event with a mismatch contradicts it, the clearer of the two wins.
fn decide_by_rules(judged: &[Judged]) -> (Verdict, Option<usize>, f32) {
    // The best passage by a score; on a tie the shorter one (one sentence beats two).
    let best_of = |stance: Option<Verdict>, score: fn(&Judged) -> f32| {
        judged
            .iter()
            .enumerate()
            .filter(|(_, j)| stance.is_none() || j.stance == stance)
            .max_by(|(_, a), (_, b)| {
                score(a)
                    .total_cmp(&score(b))
                    .then(b.sentences.len().cmp(&a.sentences.len()))
            })
            .map(|(i, _)| i)
    };
    let supporting = best_of(Some(Verdict::Supported), |j| j.support);
    let conflicting = best_of(Some(Verdict::Conflicting), |j| j.event);
    let closest = best_of(None, |j| j.support);
    let (verdict, best) = match (supporting, conflicting) {
        (Some(s), Some(c)) if judged[c].event > judged[s].support + 0.1 => {
            (Verdict::Conflicting, Some(c))
        }
        (Some(s), _) => (Verdict::Supported, Some(s)),
        (None, Some(c)) => (Verdict::Conflicting, Some(c)),
        (None, None) => (Verdict::Unsupported, closest),
    };
    let confidence = best.map_or(0.9, |b| {
        let b = &judged[b];
        match verdict {
            Verdict::Supported => b.support,
            Verdict::Conflicting => (0.5 + b.event / 2.0).min(0.99),
            _ => (1.0 - b.support).clamp(0.3, 0.99),
        }
    });
    (verdict, best, confidence)
}

/// An article ready to check: its text (cut at [`MAX_INPUT_BYTES`]), its
/// sentences, their character ranges, and a notice for the reader if any.
/// It owns its text so that a front end can keep it between time slices.
pub struct Article {
    pub text: String,
    pub sentences: Vec<segment::Span>,
    /// Character range of each sentence in `text`.
    pub ranges: Vec<[usize; 2]>,
    pub notice: Option<String>,
}

/// Cuts, segments and measures an article; see [`Checker::check_article_sentence`].
pub fn prepare_article(text: &str) -> Article {
    let mut notice = None;
    let mut text = text;
    if text.len() > MAX_INPUT_BYTES {
        let mut cut = MAX_INPUT_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text = &text[..cut];
        notice = Some(format!(
            "The text is longer than {} MB; only the first {} MB were checked.",
            MAX_INPUT_BYTES / 1_000_000,
            MAX_INPUT_BYTES / 1_000_000
        ));
    }
    if text.trim().is_empty() {
        notice = Some("There is no text to check: paste an article.".to_string());
    } else if text.chars().filter(|c| c.is_alphabetic()).count() * 4
        < text.chars().filter(|c| !c.is_whitespace()).count()
    {
        notice = Some(
            "This does not look like prose: few letters among many symbols. Results may be empty."
                .to_string(),
        );
    }
    let sentences = segment::split_sentences(text);
    // Byte offsets to character offsets in one pass: spans are in order.
    let mut ranges = Vec::with_capacity(sentences.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut advance = |to: usize| {
        chars += text[byte..to].chars().count();
        byte = to;
        chars
    };
    for s in &sentences {
        let start = advance(s.start);
        let end = advance(s.end);
        ranges.push([start, end]);
    }
    Article {
        text: text.to_string(),
        sentences,
        ranges,
        notice,
    }
}

/// One judged passage as the learned decision sees it (see [`Checker::claim_features`]).
#[doc(hidden)]
pub struct PassageFeatures {
    /// The passage's document.
    pub doc: String,
    /// The text of each of the passage's sentences.
    pub sentences: Vec<String>,
    pub features: Vec<f32>,
}

/// The sentences around an evidence passage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Neighbours {
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Alignments of a claim by sentence (or document): a claim has a handful of
/// candidates, so a list, which is smaller code in the wasm than a map.
struct Memo(Vec<(u32, Vec<Option<TokenMatch>>)>);

impl Memo {
    fn get_or_insert_with(
        &mut self,
        key: u32,
        align: impl FnOnce() -> Vec<Option<TokenMatch>>,
    ) -> &[Option<TokenMatch>] {
        let at = match self.0.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                self.0.push((key, align()));
                self.0.len() - 1
            }
        };
        &self.0[at].1
    }

    /// An alignment already made (empty if none was).
    fn get(&self, key: u32) -> &[Option<TokenMatch>] {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(&[], |(_, a)| a)
    }
}

/// Does a neighbouring sentence add a match to a retrieved one's alignment?
/// A pair where it adds none judges exactly as the retrieved sentence alone
/// (merging keeps the earlier part's match on a tie), so it is not judged.
fn adds_to(neighbour: &[Option<TokenMatch>], hit: &[Option<TokenMatch>], before: bool) -> bool {
    neighbour.iter().zip(hit).any(|(nb, h)| match nb {
        None => false,
        Some(nb) if before => h.is_none_or(|h| !h.better_than(&Some(*nb))),
        Some(nb) => nb.better_than(h),
    })
}

/// Byte offset of character `chars` of `text` (its length if past the end).
pub(crate) fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

/// Text of a token range of an analysed sentence.
fn words_of(a: &Analysis, text: &str, range: std::ops::Range<usize>) -> String {
    if range.is_empty() || range.end > a.tokens.len() {
        return String::new();
    }
    text.get(a.tokens[range.start].start..a.tokens[range.end - 1].end)
        .unwrap_or("")
        .to_string()
}

/// Character ranges in `text` of the given tokens, adjacent tokens merged.
fn claim_ranges(a: &Analysis, text: &str, tokens: impl Iterator<Item = usize>) -> Vec<[usize; 2]> {
    let mut out: Vec<[usize; 2]> = Vec::new();
    for i in tokens {
        let Some(t) = a.tokens.get(i) else { continue };
        let r = [char_offset(text, t.start), char_offset(text, t.end)];
        match out.last_mut() {
            Some(last) if r[0] <= last[1] + 1 => last[1] = last[1].max(r[1]),
            _ => out.push(r),
        }
    }
    out
}

/// Analysis reads at most [`MAX_SENTENCE_BYTES`] of a sentence, cut at a character boundary.
pub(crate) fn clip(text: &str) -> &str {
    if text.len() <= MAX_SENTENCE_BYTES {
        return text;
    }
    let mut cut = MAX_SENTENCE_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matched_ranges_merge_adjacent_tokens() {
        let lex = Lexicon::embedded();
        let a = analyze::analyze("Peace board talks", lex, &EntityTable::default());
        assert_eq!(claim_ranges(&a, "Peace board talks", 0..3), vec![[0, 17]]);
    }

    #[test]
    fn added_documents_are_checked_against() {
        let source = corpus::document(
            "added.txt".into(),
            "Harbour Council approved the new ferry terminal on Tuesday. The terminal will cost 40 million euros, council member Ines Albrecht said.".into(),
            None,
        );
        let claims = [
            (
                "The new ferry terminal will cost 40 million euros.",
                Verdict::Supported,
            ),
            (
                "The new ferry terminal will cost 90 million euros.",
                Verdict::Conflicting,
            ),
            (
                "Harbour Council rejected the ferry terminal.",
                Verdict::Conflicting,
            ),
        ];
        let seed = Checker::seed();
        // The seed corpus knows nothing of the harbour. Known error: it calls
        // the rejection conflicting, on a passage that shares "council" and an
        // antonym ("Security Council-approved"), because the learned decision
        // lets a conflict rest on 30% of the claim's event; the same veto as
        // the rules' (every claim name accounted for) cost held-out accuracy.
        for (c, _) in &claims[..2] {
            assert_eq!(seed.check_claim(c).verdict, Verdict::Unsupported, "{c}");
        }
        assert_eq!(seed.check_claim(claims[2].0).verdict, Verdict::Conflicting);
        // Small corpus: rebuilt whole, the same as a corpus that always had it.
        let mut rebuilt = Checker::seed();
        rebuilt.add_documents(vec![
            source.clone(),
            corpus::document("empty".into(), " ".into(), None),
        ]);
        let mut all = corpus::seed_documents();
        all.push(source.clone());
        let fresh = Checker::new(all);
        assert_eq!(
            rebuilt.documents().len(),
            6,
            "the empty document is skipped"
        );
        // Large corpus: only the new document is indexed.
        let mut extended = Checker::seed();
        extended.add_documents_keeping(vec![source], 0);
        for (claim, verdict) in claims {
            assert_eq!(
                rebuilt.check_claim(claim),
                fresh.check_claim(claim),
                "{claim}"
            );
            assert_eq!(rebuilt.check_claim(claim).verdict, verdict, "{claim}");
            let r = extended.check_claim(claim);
            assert_eq!(r.verdict, verdict, "{claim}");
            assert_eq!(r.evidence[0].doc, "added.txt");
        }
        // The seed's own claims are unchanged by the addition.
        let seed_claim = "The Kremlin is considering the offer.";
        assert_eq!(
            extended.check_claim(seed_claim).verdict,
            seed.check_claim(seed_claim).verdict
        );
    }
}
