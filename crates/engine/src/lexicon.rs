//! Lexical knowledge from WordNet 3.0: synonyms, antonyms, verb hypernyms,
//! irregular inflections and place metonymy ("Moscow" / "the Kremlin" / "Russia").
//!
//! The table is compiled from Debian's `wordnet-base` by `lexicon/build.py`
//! and embedded here; words are keyed by the same stems the analyser produces,
//! so a lookup is one hash probe per word.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::analyze::stem::stem;
use crate::analyze::tokens::normalize_word;

/// The table compiled in (feature `lexicon`, on for the CLI and the tests);
/// the web app fetches it as `lexicon.txt` and installs it instead.
#[cfg(feature = "lexicon")]
const TABLE: &str = include_str!("../data/lexicon.txt");

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Noun,
    Verb,
    Adjective,
    Adverb,
}

#[derive(Debug, Default)]
struct Synset {
    pos: Option<Pos>,
    hypernyms: Vec<u32>,
    antonyms: Vec<u32>,
    similar_to: Option<u32>,
}

#[derive(Debug, Default)]
pub struct Lexicon {
    synsets: Vec<Synset>,
    /// stem -> its entry in `stem_synsets`.
    stem_ids: HashMap<String, u32>,
    /// Per stem entry: the synsets it belongs to.
    stem_synsets: Vec<Vec<u32>>,
    /// Per stem entry, precomputed for allocation-free relation checks and laid
    /// out side by side in `relation_lists` (one or two cache lines a stem): its
    /// synsets; those and their similar-to heads; the antonyms of the heads;
    /// the synsets' hypernyms. Each list is sorted.
    relation_lists: Vec<u32>,
    /// Per stem entry: where its four lists start in `relation_lists`, and where the last ends.
    relation_spans: Vec<[u32; 5]>,
    /// Per stem entry: signatures of its own synsets and of every synset its
    /// relations reach, each under two hashes. Two stems are related only if
    /// one's reach meets the other's own synsets under both hashes, so almost
    /// every unrelated pair is rejected with a few ANDs on one cache line.
    stem_signatures: Vec<Signature>,
    /// synset -> stems of its words.
    members: Vec<Vec<String>>,
    /// synset -> its words, normalised (for word-level antonymy).
    lemmas: Vec<Vec<String>>,
    /// irregular form -> lemma ("began" -> "begin").
    irregular: HashMap<String, String>,
    /// lowercase place name (possibly several words) -> place group.
    places: HashMap<String, u32>,
    /// First stems of two-word phrases ("take" of "take_part"), to skip hopeless lookups.
    phrase_starts: HashSet<String>,
    /// stem -> general English frequency band (log2 of tagged occurrences; absent = rare).
    bands: HashMap<String, u8>,
    /// Longest place name in words, to bound n-gram lookups.
    pub max_place_words: usize,
}

/// How two words relate in the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Synonym,
    /// One is a kind or manner of the other (verbs only).
    Hypernym,
    Antonym,
}

impl Lexicon {
    /// The lexicon in use: the one compiled into the engine (parsed once),
    /// or the one [`Lexicon::install`]ed. Without either, an empty one, which
    /// knows no synonyms, places or frequencies.
    pub fn embedded() -> &'static Lexicon {
        #[cfg(feature = "lexicon")]
        return LEXICON.get_or_init(|| Lexicon::parse(TABLE));
        #[cfg(not(feature = "lexicon"))]
        {
            // Not installed yet: an empty lexicon that does not take the
            // place of the one to come.
            static EMPTY: OnceLock<Lexicon> = OnceLock::new();
            LEXICON
                .get()
                .unwrap_or_else(|| EMPTY.get_or_init(|| Lexicon::parse("")))
        }
    }

    /// Installs the lexicon table (`lexicon.txt`, as fetched by the web app)
    /// for every checker made from now on. False when a lexicon is already
    /// installed or compiled in.
    pub fn install(table: &str) -> bool {
        LEXICON.set(Lexicon::parse(table)).is_ok()
    }

    pub fn parse(table: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        let mut place_id = 0u32;
        for line in table.lines() {
            // A damaged table (the app fetches it) is read as far as it
            // makes sense: a line whose kind is not ASCII is skipped.
            if line.starts_with('#') || line.len() < 3 || !line.is_char_boundary(2) {
                continue;
            }
            let (kind, rest) = line.split_at(2);
            match kind.trim() {
                "x" => {
                    // "x began 3gin": the lemma keeps 3 letters of the form.
                    let mut parts = rest.split(' ');
                    if let (Some(form), Some(coded)) = (parts.next(), parts.next()) {
                        let mut lemma = form.to_string();
                        keep_letters(&mut lemma, coded);
                        lex.irregular.insert(form.to_string(), lemma);
                    }
                }
                "f" => {
                    // Front-coded: "0abolish2ruptly" is abolish, abruptly.
                    let mut parts = rest.splitn(2, ' ');
                    let band: u8 = parts.next().and_then(|b| b.parse().ok()).unwrap_or(0);
                    let mut word = String::new();
                    let coded = parts.next().unwrap_or("");
                    let starts = coded.match_indices(|c: char| c.is_ascii_digit());
                    let ends = starts.clone().skip(1).map(|(i, _)| i).chain([coded.len()]);
                    for ((at, _), end) in starts.zip(ends) {
                        keep_letters(&mut word, &coded[at..end]);
                        let b = lex
                            .bands
                            .entry(stem(&normalize_word(&word)))
                            .or_insert(band);
                        *b = (*b).max(band);
                    }
                }
                "p" => {
                    for name in rest.split('|') {
                        let key = place_key(name);
                        lex.max_place_words = lex.max_place_words.max(key.split(' ').count());
                        lex.places.entry(key).or_insert(place_id);
                    }
                    place_id += 1;
                }
                pos => {
                    let id = lex.synsets.len() as u32;
                    let mut synset = Synset {
                        pos: match pos {
                            "n" => Some(Pos::Noun),
                            "v" => Some(Pos::Verb),
                            "a" => Some(Pos::Adjective),
                            "r" => Some(Pos::Adverb),
                            _ => None,
                        },
                        ..Synset::default()
                    };
                    let mut fields = rest.split(';');
                    let mut stems = Vec::new();
                    for word in fields.next().unwrap_or("").split(',') {
                        let s = phrase_key(word);
                        if let Some((first, _)) = s.split_once('_') {
                            lex.phrase_starts.insert(first.to_string());
                        }
                        if !stems.contains(&s) {
                            stems.push(s.clone());
                        }
                        let next = lex.stem_synsets.len() as u32;
                        let entry = *lex.stem_ids.entry(s).or_insert(next);
                        if entry == next {
                            lex.stem_synsets.push(Vec::new());
                        }
                        let ids = &mut lex.stem_synsets[entry as usize];
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                    for field in fields {
                        // Links are relative to this synset's id (see lexicon/build.py).
                        let ids = || {
                            field
                                .get(2..)
                                .unwrap_or("")
                                .split(',')
                                .filter_map(|x| x.parse::<i64>().ok())
                                .filter_map(|rel| u32::try_from(id as i64 + rel).ok())
                        };
                        match field.get(..2).unwrap_or("") {
                            "h=" => synset.hypernyms.extend(ids()),
                            "a=" => synset.antonyms.extend(ids()),
                            "s=" => synset.similar_to = ids().next(),
                            _ => {}
                        }
                    }
                    lex.synsets.push(synset);
                    lex.members.push(stems);
                    lex.lemmas.push(
                        rest.split(';')
                            .next()
                            .unwrap_or("")
                            .split(',')
                            .map(normalize_word)
                            .collect(),
                    );
                }
            }
        }
        lex.precompute();
        lex
    }

    fn precompute(&mut self) {
        for synsets in &self.stem_synsets {
            let heads = sorted_unique(
                synsets.iter().copied().chain(
                    synsets
                        .iter()
                        .filter_map(|&i| self.synsets[i as usize].similar_to),
                ),
            );
            let anti = sorted_unique(
                heads
                    .iter()
                    .flat_map(|&h| self.synsets[h as usize].antonyms.iter().copied()),
            );
            let hyper = sorted_unique(
                synsets
                    .iter()
                    .flat_map(|&s| self.synsets[s as usize].hypernyms.iter().copied()),
            );
            let signature = |ids: &mut dyn Iterator<Item = &u32>| {
                ids.fold([0u128; 2], |[x, y], s| {
                    [
                        x | 1 << (s.wrapping_mul(0x9E37_79B9) >> 25),
                        y | 1 << (s.wrapping_mul(0x85EB_CA6B) >> 25),
                    ]
                })
            };
            let own = signature(&mut synsets.iter().chain(&heads));
            let reach = signature(&mut synsets.iter().chain(&anti).chain(&hyper));
            self.stem_signatures.push(Signature { own, reach });
            let mut span = [0u32; 5];
            for (k, list) in [synsets, &heads, &anti, &hyper].into_iter().enumerate() {
                span[k] = self.relation_lists.len() as u32;
                self.relation_lists.extend_from_slice(list);
            }
            span[4] = self.relation_lists.len() as u32;
            self.relation_spans.push(span);
        }
    }

    /// How much a word the corpus never uses should weigh: everyday words
    /// little, rare words (absent from the frequency list) the most.
    pub fn general_weight(&self, stem: &str) -> f32 {
        // A phrase ("go_out") is as common as its head word.
        let head = stem.split('_').next().unwrap_or(stem);
        match self.bands.get(head) {
            Some(&b) => (7.5 - 0.6 * b as f32).clamp(0.8, 6.0),
            None => 6.0,
        }
    }

    /// Does some two-word lemma start with this stem?
    pub fn starts_phrase(&self, stem: &str) -> bool {
        self.phrase_starts.contains(stem)
    }

    /// The lemma of an irregular inflection ("began" -> "begin"), if any.
    pub fn irregular_lemma(&self, norm: &str) -> Option<&str> {
        self.irregular.get(norm).map(String::as_str)
    }

    /// An English word WordNet knows well enough to list (synonyms or frequency).
    pub fn knows(&self, stem: &str) -> bool {
        self.stem_ids.contains_key(stem) || self.bands.contains_key(stem)
    }

    /// The lexicon's id for a stem, for fast [`Lexicon::relation_by_id`] lookups.
    pub fn id(&self, stem: &str) -> Option<u32> {
        self.stem_ids.get(stem).copied()
    }

    fn synsets_of(&self, stem: &str) -> &[u32] {
        self.id(stem)
            .map_or(&[], |i| &self.stem_synsets[i as usize])
    }

    pub fn is_verb(&self, stem: &str) -> bool {
        self.synsets_of(stem)
            .iter()
            .any(|&i| self.synsets[i as usize].pos == Some(Pos::Verb))
    }

    /// Can two words that share a synset be that synset's part of speech as
    /// written? Stems join "formally" with "officials" through {formal,
    /// official}; an adjective does not take a plural -s, a noun no -ly.
    pub fn same_part_of_speech(&self, a: u32, norm_a: &str, b: u32, norm_b: &str) -> bool {
        let (sa, sb) = (
            &self.stem_synsets[a as usize],
            &self.stem_synsets[b as usize],
        );
        let plural = |w: &str| {
            w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")
        };
        let adverb = |w: &str| w.ends_with("ly");
        sa.iter()
            .filter(|s| sb.contains(s))
            .any(|&s| match self.synsets[s as usize].pos {
                Some(Pos::Adjective) => {
                    !plural(norm_a) && !plural(norm_b) && !adverb(norm_a) && !adverb(norm_b)
                }
                Some(Pos::Adverb) => !plural(norm_a) && !plural(norm_b),
                Some(Pos::Noun) => !adverb(norm_a) && !adverb(norm_b),
                _ => !adverb(norm_a) && !adverb(norm_b),
            })
    }

    /// A word that can be a verb or an adjective: what a sentence says about its subject.
    pub fn is_predicate(&self, stem: &str) -> bool {
        self.synsets_of(stem).iter().any(|&i| {
            matches!(
                self.synsets[i as usize].pos,
                Some(Pos::Verb | Pos::Adjective)
            )
        })
    }

    pub fn only_noun(&self, stem: &str) -> bool {
        let s = self.synsets_of(stem);
        !s.is_empty()
            && s.iter()
                .all(|&i| self.synsets[i as usize].pos == Some(Pos::Noun))
    }

    /// Stems that share a synset with `stem` (itself excluded), for query expansion.
    /// A deduplicated list rather than an iterator: in the size-optimised wasm an
    /// iterator measured slower, since every duplicate costs the caller a search.
    pub fn synonyms(&self, stem: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for &id in self.synsets_of(stem) {
            for s in &self.members[id as usize] {
                if s != stem && !out.contains(&s.as_str()) {
                    out.push(s);
                }
            }
        }
        out
    }

    /// The place group of a lowercase name ("moscow", "white house"), if WordNet knows it.
    pub fn place(&self, name: &str) -> Option<u32> {
        self.places.get(name).copied()
    }

    /// How stems `a` and `b` relate, strongest relation first. Equal stems are not asked here.
    pub fn relation(&self, a: &str, b: &str) -> Option<Relation> {
        self.relation_by_id(self.id(a)?, self.id(b)?)
    }

    /// [`Lexicon::relation`] on ids from [`Lexicon::id`].
    #[inline]
    pub fn relation_by_id(&self, a: u32, b: u32) -> Option<Relation> {
        if a != b && !self.signature(a).may_relate(&self.signature(b)) {
            return None;
        }
        self.relation_by_lists(a, b)
    }

    /// A stem's signature, for callers that test one stem against many: a
    /// copy at hand saves a load from the table for every pair.
    #[inline]
    pub fn signature(&self, id: u32) -> Signature {
        self.stem_signatures[id as usize]
    }

    /// [`Lexicon::relation_by_id`] for two stems whose signatures may relate.
    #[inline(never)]
    pub fn relation_by_lists(&self, a: u32, b: u32) -> Option<Relation> {
        if a == b {
            return Some(Relation::Synonym);
        }
        let lists = |id: u32| {
            let [own, heads, anti, hyper, end] =
                self.relation_spans[id as usize].map(|x| x as usize);
            let l = &self.relation_lists;
            (
                &l[own..heads],
                &l[heads..anti],
                &l[anti..hyper],
                &l[hyper..end],
            )
        };
        let (sa, heads_a, anti_a, hyper_a) = lists(a);
        let (sb, heads_b, anti_b, hyper_b) = lists(b);
        if intersects(sa, sb) {
            return Some(Relation::Synonym);
        }
        if intersects(anti_a, heads_b) || intersects(anti_b, heads_a) {
            return Some(Relation::Antonym);
        }
        if intersects(hyper_a, sb) || intersects(hyper_b, sa) {
            return Some(Relation::Hypernym);
        }
        None
    }

    /// Antonymy between two written words, not just their stems: WordNet's
    /// antonyms link words ("national" / "international"), and a stem can
    /// gather others ("nations"). Each word must be a form of a lemma of its side.
    pub fn antonyms_as_written(&self, a: (&str, u32), b: (&str, u32)) -> bool {
        // Verbs and adjectives only: noun antonyms ("war" / "peace") name
        // different things more often than they deny each other.
        let forms = |(norm, id): (&str, u32)| -> Vec<u32> {
            let lemma = self.irregular_lemma(norm).unwrap_or(norm);
            self.stem_synsets[id as usize]
                .iter()
                .copied()
                .filter(|&s| self.synsets[s as usize].pos != Some(Pos::Noun))
                .filter(|&s| self.lemmas[s as usize].iter().any(|l| inflects(lemma, l)))
                .collect()
        };
        let (sa, sb) = (forms(a), forms(b));
        !sa.is_empty() && !sb.is_empty() && self.antonymous(&sa, &sb)
    }

    fn antonymous(&self, sa: &[u32], sb: &[u32]) -> bool {
        // Indirect antonymy: an adjective satellite takes the antonyms of its head.
        let heads = |ids: &[u32]| -> Vec<u32> {
            let mut v: Vec<u32> = ids.to_vec();
            v.extend(
                ids.iter()
                    .filter_map(|&i| self.synsets[i as usize].similar_to),
            );
            v
        };
        let (ha, hb) = (heads(sa), heads(sb));
        ha.iter().any(|&x| {
            self.synsets[x as usize]
                .antonyms
                .iter()
                .any(|y| hb.contains(y))
        })
    }
}

/// A stem's signatures: 128-bit Bloom-style masks of synset ids, one per hash.
#[derive(Debug, Clone, Copy, Default)]
pub struct Signature {
    /// Its own synsets and the heads of their clusters.
    own: [u128; 2],
    /// Its synsets and every synset its antonyms and hypernyms reach.
    reach: [u128; 2],
}

impl Signature {
    /// Can the two stems be related at all? Every relation needs a synset of
    /// one stem's reach among the other's own synsets (or cluster heads); a
    /// false answer is certain, a true one is checked on the lists.
    #[inline]
    pub fn may_relate(&self, other: &Signature) -> bool {
        let meets = |p: &[u128; 2], q: &[u128; 2]| p[0] & q[0] != 0 && p[1] & q[1] != 0;
        meets(&self.own, &other.reach) || meets(&self.reach, &other.own)
    }
}

/// Do two sorted id lists share an id? One merge pass. (Synset ids are given
/// in file order, so a stem's list is sorted as built; the others are sorted.)
fn intersects(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

fn sorted_unique(ids: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut v: Vec<u32> = ids.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Is `word` the lemma or a regular inflection of it ("slowed" of "slow", "studies" of "study")?
fn inflects(word: &str, lemma: &str) -> bool {
    if word == lemma || lemma.contains('_') {
        return word == lemma;
    }
    let base = lemma.strip_suffix('e').unwrap_or(lemma);
    let rest = match word.strip_prefix(base) {
        Some(r) => r,
        None => match lemma.strip_suffix('y').and_then(|b| word.strip_prefix(b)) {
            Some(r) if matches!(r, "ies" | "ied" | "ier" | "iest" | "ily") => return true,
            _ => return false,
        },
    };
    let rest = rest
        .strip_prefix(|c: char| base.ends_with(c))
        .unwrap_or(rest);
    matches!(
        rest,
        "" | "e" | "s" | "es" | "d" | "ed" | "ing" | "er" | "est" | "ly" | "ely"
    )
}

/// The stem key of a lemma: its stem, or for a two-word lemma ("take_part")
/// both stems joined by "_", which is how the analyser marks a phrase.
pub fn phrase_key(lemma: &str) -> String {
    lemma
        .split('_')
        .map(|w| stem(&normalize_word(w)))
        .collect::<Vec<_>>()
        .join("_")
}

/// Rewrites `word` as `coded` says: a digit, how many of its letters to keep,
/// then the letters that follow them.
fn keep_letters(word: &mut String, coded: &str) {
    let mut chars = coded.chars();
    let keep = chars.next().and_then(|d| d.to_digit(10)).unwrap_or(0) as usize;
    let cut = word.char_indices().nth(keep).map_or(word.len(), |(i, _)| i);
    word.truncate(cut);
    word.push_str(chars.as_str());
}

/// The key a place name is stored under: lowercase, folded, single-spaced.
pub fn place_key(name: &str) -> String {
    name.split_whitespace()
        .map(normalize_word)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `model_files` fuzz target: a damaged table whose line
    /// starts with a multi-byte character panicked in `split_at(2)`.
    #[test]
    fn a_damaged_table_line_with_a_wide_first_character_is_skipped() {
        let lex = Lexicon::parse("\u{fffd}W\nn board,council;\n\u{e9}\u{e9}x\n");
        assert_eq!(lex.relation("board", "council"), Some(Relation::Synonym));
    }

    /// Found by the `model_files` fuzz target: a synset's link field that
    /// starts with a multi-byte character panicked when cut at byte 2.
    #[test]
    fn a_damaged_link_field_with_a_wide_first_character_is_skipped() {
        let lex = Lexicon::parse("n board,council;\u{fffd}3);h=1\nn body;\n");
        assert_eq!(lex.relation("board", "council"), Some(Relation::Synonym));
    }

    fn rel(a: &str, b: &str) -> Option<Relation> {
        let lex = Lexicon::embedded();
        let s = |w: &str| stem(&normalize_word(w));
        lex.relation(&s(a), &s(b))
    }

    #[test]
    fn relations_table() {
        let cases = [
            ("disaster", "catastrophe", Some(Relation::Synonym)),
            ("accepted", "declined", Some(Relation::Antonym)),
            ("accelerated", "slowed", Some(Relation::Antonym)),
            ("praised", "criticized", Some(Relation::Antonym)),
            ("confirmed", "substantiated", Some(Relation::Synonym)),
            ("hostile", "friendly", Some(Relation::Antonym)),
            ("participate", "take_part", Some(Relation::Synonym)),
        ];
        for (a, b, expected) in cases {
            assert_eq!(rel(a, b), expected, "relation({a}, {b})");
        }
    }

    #[test]
    fn places_group_capitals_governments_and_adjectives() {
        let lex = Lexicon::embedded();
        let russia = lex.place("russia").expect("russia");
        for name in ["moscow", "kremlin", "russian"] {
            assert_eq!(lex.place(name), Some(russia), "{name}");
        }
        let us = lex.place("united states").expect("united states");
        for name in ["washington", "white house", "u.s.", "american"] {
            assert_eq!(lex.place(name), Some(us), "{name}");
        }
        assert_ne!(lex.place("beijing"), Some(us));
        // A capital joins its own country, never its continent or region.
        let pairs = [
            ("beijing", "china"),
            ("paris", "france"),
            ("berlin", "germany"),
            ("jerusalem", "israel"),
            ("beirut", "lebanon"),
        ];
        for (capital, country) in pairs {
            assert_eq!(lex.place(capital), lex.place(country), "{capital}");
            assert!(lex.place(capital).is_some(), "{capital}");
        }
        for (a, b) in [
            ("paris", "berlin"),
            ("beijing", "bangkok"),
            ("jerusalem", "baghdad"),
        ] {
            assert_ne!(lex.place(a), lex.place(b), "{a} and {b}");
        }
        for region in ["europe", "asia", "middle east"] {
            assert_eq!(lex.place(region), None, "{region}");
        }
    }

    #[test]
    fn front_coded_words_decode() {
        let mut word = String::new();
        for (coded, expected) in [
            ("0abolish", "abolish"),
            ("2ruptly", "abruptly"),
            ("2sent", "absent"),
        ] {
            keep_letters(&mut word, coded);
            assert_eq!(word, expected);
        }
        // More letters kept than the word has, or no digit: the word as far as it goes.
        keep_letters(&mut word, "9s");
        assert_eq!(word, "absents");
        keep_letters(&mut word, "");
        assert_eq!(word, "");
        // Everyday words weigh less than rare ones, across the bands.
        let lex = Lexicon::embedded();
        assert!(lex.general_weight("person") < lex.general_weight("abolish"));
        assert!(lex.general_weight("abolish") < lex.general_weight("zqxvor"));
        assert_eq!(lex.irregular_lemma("wives"), Some("wife"));
    }

    #[test]
    fn irregular_forms() {
        let lex = Lexicon::embedded();
        assert_eq!(lex.irregular_lemma("began"), Some("begin"));
        assert_eq!(lex.irregular_lemma("sent"), Some("send"));
    }
}
