//! Text analysis: one sentence in, tokens and typed facts out.
//!
//! [`Analysis`] is what retrieval and verification read: normalised, stemmed
//! tokens; entity mentions; quantities and dates; negation scope, open
//! questions, clauses and modality cues.

pub mod cues;
pub mod dates;
pub mod entities;
pub mod numbers;
pub mod stem;
pub mod structure;
pub mod tokens;

use crate::lexicon::Lexicon;
use entities::{EntityId, EntityTable};
use tokens::{Token, TokenKind};

#[derive(Debug, Clone)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    pub entities: Vec<Option<EntityId>>,
    pub quantities: Vec<numbers::Quantity>,
    pub dates: Vec<dates::DateFact>,
    pub negated: Vec<bool>,
    pub open: Vec<bool>,
    pub clause: Vec<u16>,
    /// Token index -> index into `quantities` or `dates` covering it.
    pub fact_of: Vec<Option<Fact>>,
    /// Per token: does it carry content for alignment (see [`Analysis::is_content`])?
    content: Vec<bool>,
    /// Per token: is it probably a verb here?
    pub verb: Vec<bool>,
    /// Per token: the cue classes it belongs to.
    pub cue: Vec<Cue>,
    /// Per token: its part of speech, when a tagger is loaded (else empty).
    pub pos: Vec<crate::syntax::Upos>,
    /// The sum of the content words' unit vectors, when vectors are loaded (else empty).
    pub centroid: Vec<f32>,
    /// The clauses and who does what in them, when a parser is loaded (else empty).
    pub clauses: Vec<structure::Clause>,
}

/// The cue classes of one token, read once so verification need not re-read words.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cue {
    pub hedge: bool,
    pub decision: bool,
    pub deliberation: bool,
    pub quantifier: Option<cues::Quantifier>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    Quantity(usize),
    Date(usize),
}

/// Analyses one sentence (or any short text).
pub fn analyze(text: &str, lex: &Lexicon, people: &EntityTable) -> Analysis {
    let mut tokens = tokens::tokenize(text);
    for t in &mut tokens {
        if t.kind == TokenKind::Word {
            if let Some(stem) = irregular_stem(&t.norm, lex) {
                t.stem = stem;
            }
            if !t.stop {
                t.lex = lex.id(&t.stem);
            }
        }
    }
    mark_discourse_markers(&mut tokens);
    merge_phrases(&mut tokens, lex);
    let entities = people.mentions(&tokens, lex);
    let quantities = numbers::extract(&tokens);
    let dates = dates::extract(&tokens);
    let negated = cues::negation_scope(&tokens);
    let open = cues::open_question_scope(&tokens, &negated);
    let clause = cues::clauses(&tokens);
    let mut fact_of = vec![None; tokens.len()];
    for (qi, q) in quantities.iter().enumerate() {
        for f in &mut fact_of[q.first..=q.last] {
            *f = Some(Fact::Quantity(qi));
        }
    }
    for (di, d) in dates.iter().enumerate() {
        for f in &mut fact_of[d.first..=d.last] {
            *f = Some(Fact::Date(di));
        }
    }
    let content = tokens
        .iter()
        .enumerate()
        .map(|(k, t)| match t.kind {
            TokenKind::Punct => false,
            TokenKind::Number => true,
            TokenKind::Word => {
                !t.stop
                    && !cues::is_cue_word(t)
                    && !t.norm.is_empty()
                    && cues::denied_complement(&tokens, k).is_none()
            }
        })
        .collect();
    let verb = (0..tokens.len())
        .map(|k| verbish(&tokens, &entities, k, lex))
        .collect();
    let cue = tokens
        .iter()
        .map(|t| Cue {
            hedge: cues::is_hedge(&t.norm),
            decision: cues::is_decision(&t.stem),
            deliberation: cues::is_deliberation(&t.stem),
            quantifier: cues::quantifier(&t.norm),
        })
        .collect();
    Analysis {
        tokens,
        entities,
        quantities,
        dates,
        negated,
        open,
        clause,
        fact_of,
        content,
        verb,
        cue,
        pos: Vec::new(),
        centroid: Vec::new(),
        clauses: Vec::new(),
    }
}

/// Analyses one sentence with the learned models as well: each word's
/// vector, each token's part of speech, and its clauses.
pub fn analyze_with(
    text: &str,
    lex: &Lexicon,
    people: &EntityTable,
    models: &crate::Models,
) -> Analysis {
    let mut a = analyze_unparsed(text, lex, people, models);
    parse(&mut a, text, models);
    a
}

/// As [`analyze_with`] without the tags and the dependency parse, which cost
/// the most: a claim is parsed only when some passage speaks to it (see [`parse`]).
pub fn analyze_unparsed(
    text: &str,
    lex: &Lexicon,
    people: &EntityTable,
    models: &crate::Models,
) -> Analysis {
    let mut a = analyze(text, lex, people);
    if let Some(vectors) = &models.vectors {
        a.centroid = vec![0.0; vectors.dims()];
        for (k, t) in a.tokens.iter_mut().enumerate() {
            if a.content[k] && t.kind == TokenKind::Word {
                t.vec = vectors.id(&t.stem);
                if let Some(id) = t.vec {
                    vectors.add_to(id, 1.0, &mut a.centroid);
                }
            }
        }
    }
    a
}

/// Adds the parts of speech and the clauses of `a` (the analysis of
/// `text`), when a tagger and a parser are loaded. Only the clause structure
/// reads the tags, so they are made here, when it is needed.
pub fn parse(a: &mut Analysis, text: &str, models: &crate::Models) {
    let (Some(tagger), Some(parser)) = (&models.tagger, &models.parser) else {
        return;
    };
    if !a.pos.is_empty() {
        return;
    }
    let atoms = word_atoms(a, text);
    a.pos = tagger.tag_atoms(&atoms);
    let arcs = parser.parse_atoms(&atoms, &a.pos);
    a.clauses = structure::clauses(&a.tokens, &a.pos, &arcs);
}

fn word_atoms(a: &Analysis, text: &str) -> Vec<crate::syntax::tagger::WordAtoms> {
    a.tokens
        .iter()
        .map(|t| crate::syntax::tagger::WordAtoms::new(text.get(t.start..t.end).unwrap_or("")))
        .collect()
}

/// The stem of an irregular form's lemma ("began" -> "begin").
fn irregular_stem(norm: &str, lex: &Lexicon) -> Option<String> {
    lex.irregular_lemma(norm).map(stem::stem)
}

/// The key a word is looked up under in the lexicon and the learned models:
/// its normalised form's stem, irregular forms by their lemma's. The model
/// build scripts ask the CLI for these, so both sides agree.
pub fn word_key(word: &str, lex: &Lexicon) -> Option<String> {
    let t = tokens::tokenize(word).into_iter().next()?;
    Some(match t.kind {
        TokenKind::Word => irregular_stem(&t.norm, lex).unwrap_or(t.stem),
        _ => t.stem,
    })
}

/// Discourse markers ("however", "by contrast", "for their part") link
/// sentences; they state nothing, so they weigh nothing.
fn mark_discourse_markers(tokens: &mut [Token]) {
    const ONE: &[&str] = &[
        "however",
        "meanwhile",
        "moreover",
        "furthermore",
        "nevertheless",
        "nonetheless",
        "indeed",
        "separately",
        "additionally",
        "likewise",
        "similarly",
        "consequently",
        "thus",
        "hence",
        "therefore",
        "instead",
    ];
    const TWO: &[(&str, &str)] = &[
        ("by", "contrast"),
        ("in", "contrast"),
        ("in", "turn"),
        ("in", "addition"),
        ("in", "summary"),
        ("in", "short"),
        ("of", "course"),
        ("in", "fact"),
    ];
    for i in 0..tokens.len() {
        let n = tokens[i].norm.as_str();
        if ONE.contains(&n) {
            tokens[i].stop = true;
        }
        if i > 0 && TWO.contains(&(tokens[i - 1].norm.as_str(), n)) {
            tokens[i].stop = true;
        }
        // "for their part", "for its part"
        if n == "part"
            && i > 1
            && tokens[i - 2].norm == "for"
            && matches!(
                tokens[i - 1].norm.as_str(),
                "their" | "its" | "his" | "her" | "our" | "my" | "your"
            )
        {
            tokens[i].stop = true;
        }
    }
}

/// Two words the lexicon knows as one lemma ("take part", "reach out") become
/// one token: the first carries the phrase, the second steps aside as a stop word.
fn merge_phrases(tokens: &mut [Token], lex: &Lexicon) {
    for i in 0..tokens.len().saturating_sub(1) {
        let (a, b) = (&tokens[i], &tokens[i + 1]);
        if a.kind != TokenKind::Word
            || b.kind != TokenKind::Word
            || a.stop
            || a.capitalized && i > 0
            || b.capitalized
        {
            continue;
        }
        if !lex.starts_phrase(&a.stem) {
            continue;
        }
        let key = format!("{}_{}", a.stem, b.stem);
        if let Some(id) = lex.id(&key) {
            tokens[i].stem = key;
            tokens[i].lex = Some(id);
            tokens[i + 1].stop = true;
            tokens[i + 1].lex = None;
        }
    }
}

impl Analysis {
    /// Tokens that carry content for alignment: words and numbers that are not
    /// stop words or structural cues.
    pub fn is_content(&self, i: usize) -> bool {
        self.content[i]
    }

    pub fn has_anchor(&self) -> bool {
        self.entities.iter().any(Option::is_some)
            || !self.quantities.is_empty()
            || !self.dates.is_empty()
    }
}

/// A word that is probably a verb here: syntax first (after a modal or "to";
/// an -ed/-ing form after an auxiliary, or before "by"), the lexicon for the rest.
fn verbish(tokens: &[Token], entities: &[Option<EntityId>], k: usize, lex: &Lexicon) -> bool {
    let t = &tokens[k];
    if t.kind != TokenKind::Word || t.stop || entities[k].is_some() {
        return false;
    }
    let prev = k.checked_sub(1).map(|j| tokens[j].norm.as_str());
    if matches!(
        prev,
        Some("a" | "an" | "the" | "its" | "their" | "his" | "her" | "our" | "this" | "that")
    ) {
        return false;
    }
    let after_modal = matches!(
        prev,
        Some(
            "will"
                | "would"
                | "could"
                | "may"
                | "might"
                | "can"
                | "should"
                | "must"
                | "to"
                | "did"
                | "does"
                | "do"
        )
    );
    let after_aux = matches!(
        prev,
        Some("has" | "have" | "had" | "was" | "were" | "is" | "are" | "be" | "been" | "being")
    );
    let n = t.norm.as_str();
    let inflected = n.ends_with("ed") || n.ends_with("en") || n.ends_with("ing");
    let third_person = n.ends_with('s') && k > 0 && entities[k - 1].is_some();
    let by_agent = inflected && tokens.get(k + 1).is_some_and(|t| t.norm == "by");
    after_modal
        || by_agent
        || (after_aux && inflected)
        || (lex.is_verb(&t.stem) && (inflected || after_aux || third_person))
}
