//! Named entities and their aliases.
//!
//! Three sources, none typed in for one data set:
//! - places from WordNet's metonymy groups (Moscow = the Kremlin = Russia = Russian);
//! - people learnt from the corpus: a full name ("Vladimir Putin") makes its
//!   surname an alias, and the words in front of it ("Russian President",
//!   "Kremlin spokesman") become a title that names that person when the corpus
//!   gives it to no one else;
//! - any other capitalised word the lexicon does not know ("Hamas").

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::stem;
use super::tokens::{Token, TokenKind};
use crate::lexicon::Lexicon;

/// What an entity mention refers to: a place group or a lowercase name key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EntityId {
    Place(u32),
    Name(String),
}

impl EntityId {
    pub fn is_place(&self) -> bool {
        matches!(self, EntityId::Place(_))
    }
}

/// People and titles learnt from a corpus.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct EntityTable {
    /// surname or full name -> canonical surname
    #[serde(serialize_with = "crate::sorted::map")]
    people: HashMap<String, String>,
    /// title key -> canonical surname, when the title names one person only
    #[serde(serialize_with = "crate::sorted::map")]
    titles: HashMap<String, String>,
    #[serde(serialize_with = "crate::sorted::set")]
    ambiguous_titles: HashSet<String>,
    pub max_title_words: usize,
    /// canonical surname -> the titles the corpus gives that person, as title keys.
    #[serde(serialize_with = "crate::sorted::map")]
    titles_of: HashMap<String, Vec<Vec<String>>>,
    /// Every non-place word of any learnt title ("presid", "spokesman", "secretari").
    #[serde(serialize_with = "crate::sorted::set")]
    title_words: HashSet<String>,
    /// How often each capitalised word stands alone mid-sentence, not after another capital.
    #[serde(serialize_with = "crate::sorted::map")]
    standalone: HashMap<String, usize>,
    /// Full names whose surname is also an English word ("Donald Trump", "Gaza
    /// Strip"): kept only if the corpus also uses the surname alone as a name.
    pending: Vec<(String, String)>,
    /// A first name the corpus gives one person only -> that person's surname.
    #[serde(serialize_with = "crate::sorted::map")]
    first_names: HashMap<String, String>,
    /// Last words of learnt titles: a span can only be a title if it ends in one.
    #[serde(serialize_with = "crate::sorted::set")]
    title_ends: HashSet<String>,
}

/// A person's name found in text: token range of the name, and of the title before it.
struct NameMention {
    title_start: usize,
    name_start: usize,
    end: usize,
}

fn is_name_word(t: &Token, lex: &Lexicon) -> bool {
    t.kind == TokenKind::Word
        && t.capitalized
        && !t.stop
        && !lex.knows(&t.stem)
        && lex.place(&t.norm).is_none()
}

impl EntityTable {
    /// Learns people and titles from analysed corpus sentences.
    pub fn learn(&mut self, tokens: &[Token], lex: &Lexicon) {
        // Headlines capitalise every word: no telling names from words there.
        let words = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word && !t.stop)
            .count();
        let caps = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word && !t.stop && t.capitalized)
            .count();
        if words >= 4 && caps == words {
            return;
        }
        for (k, t) in tokens.iter().enumerate().skip(1) {
            let prev = &tokens[k - 1];
            // A name takes no determiner: "the President said" is a title.
            if t.capitalized
                && t.kind == TokenKind::Word
                && !prev.capitalized
                && prev.kind == TokenKind::Word
                && !is_determiner(&prev.norm)
            {
                *self.standalone.entry(t.norm.clone()).or_default() += 1;
            }
        }
        for m in full_names(tokens, lex) {
            let names: Vec<&str> = tokens[m.name_start..m.end]
                .iter()
                .map(|t| t.norm.as_str())
                .collect();
            let surname = names[names.len() - 1].to_string();
            if !is_name_word(&tokens[m.end - 1], lex) {
                self.pending.push((names.join(" "), surname));
                continue;
            }
            self.people.insert(names.join(" "), surname.clone());
            self.people.insert(surname.clone(), surname.clone());
            if m.title_start < m.name_start {
                let title = &tokens[m.title_start..m.name_start];
                let key: Vec<String> = title_key(title, lex)
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect();
                for w in &key {
                    if !w.starts_with('@') && !title.iter().any(|t| t.stop && t.stem == *w) {
                        self.title_words.insert(w.clone());
                    }
                }
                let known = self.titles_of.entry(surname.clone()).or_default();
                if !known.contains(&key) {
                    known.push(key);
                }
                // The full title and each shorter tail of it that starts with a content word.
                for from in 0..title.len() {
                    if title[from].stop || (title.len() - from < 2 && from > 0) {
                        continue;
                    }
                    // A place before a name ("United States Marine Corps") is
                    // where, not who: the place alone is no title.
                    if is_place_phrase(&title[from..], lex) {
                        continue;
                    }
                    let key = title_key(&title[from..], lex);
                    self.max_title_words = self.max_title_words.max(title.len() - from);
                    if self.ambiguous_titles.contains(&key) {
                        continue;
                    }
                    match self.titles.get(&key) {
                        Some(owner) if *owner != surname => {
                            self.titles.remove(&key);
                            self.ambiguous_titles.insert(key);
                        }
                        _ => {
                            self.titles.insert(key, surname.clone());
                        }
                    }
                }
            }
        }
    }

    /// Settles what needs the whole corpus: full names with an English-word
    /// surname, and one-word titles ("president"), which are dropped because
    /// they name whoever the corpus mentions most.
    pub fn finish(&mut self) {
        self.title_ends = self
            .titles
            .keys()
            .filter_map(|k| k.rsplit(' ').next())
            .map(str::to_string)
            .collect();
        for (full, surname) in std::mem::take(&mut self.pending) {
            // A word the corpus puts before names as a title ("Vice President")
            // is not a surname, however often it stands alone.
            let title = self.title_words.contains(&stem::stem(&surname));
            if !title && self.standalone.get(&surname).copied().unwrap_or(0) >= 2 {
                self.people.insert(full, surname.clone());
                self.people.insert(surname.clone(), surname);
            }
        }
        // A first name the corpus gives one person only names that person
        // ("everything that Donald has tried").
        let mut firsts: HashMap<String, Option<String>> = HashMap::default();
        for (full, surname) in &self.people {
            if let Some((first, _)) = full.split_once(' ') {
                firsts
                    .entry(first.to_string())
                    .and_modify(|owner| {
                        if owner.as_deref() != Some(surname.as_str()) {
                            *owner = None;
                        }
                    })
                    .or_insert_with(|| Some(surname.clone()));
            }
        }
        for (first, owner) in firsts {
            if let Some(owner) = owner {
                if !self.people.contains_key(&first) {
                    self.first_names.insert(first, owner);
                }
            }
        }
        self.titles.retain(|k, _| k.contains(' '));
    }

    /// The titles the corpus gives a person, each as its list of title-key words.
    pub fn titles_of(&self, surname: &str) -> &[Vec<String>] {
        self.titles_of.get(surname).map_or(&[], Vec::as_slice)
    }

    pub fn is_title_word(&self, stem: &str) -> bool {
        self.title_words.contains(stem)
    }

    /// The title-key word of one token (places become their group).
    pub fn title_word(t: &Token, lex: &Lexicon) -> String {
        title_key(std::slice::from_ref(t), lex)
    }

    pub fn person(&self, norm: &str) -> Option<&str> {
        self.people.get(norm).map(String::as_str)
    }

    /// Marks entity mentions in `tokens`: one id per token, `None` for ordinary words.
    pub fn mentions(&self, tokens: &[Token], lex: &Lexicon) -> Vec<Option<EntityId>> {
        let n = tokens.len();
        let mut ids: Vec<Option<EntityId>> = vec![None; n];
        // Titles first ("the Russian president"), longest match.
        let mut i = 0;
        while i < n {
            let mut matched = 0;
            for len in (2..=self.max_title_words.min(n - i)).rev() {
                let span = &tokens[i..i + len];
                let last = &span[len - 1];
                if !self.title_ends.contains(&last.stem)
                    && !(last.capitalized && lex.place(&last.norm).is_some())
                {
                    continue;
                }
                if span.iter().any(|t| t.kind != TokenKind::Word) || span[0].stop {
                    continue;
                }
                // "Israeli Prime Minister" is not "British Prime Minister" cut short.
                if i > 0
                    && tokens[i - 1].capitalized
                    && !tokens[i - 1].stop
                    && tokens[i - 1].kind == TokenKind::Word
                {
                    continue;
                }
                if let Some(owner) = self.titles.get(&title_key(span, lex)) {
                    for id in &mut ids[i..i + len] {
                        *id = Some(EntityId::Name(owner.clone()));
                    }
                    matched = len;
                    break;
                }
            }
            i += matched.max(1);
        }
        // Places: longest capitalised n-gram WordNet knows.
        let mut key = String::new();
        let mut i = 0;
        while i < n {
            let mut matched = 0;
            if ids[i].is_none()
                && (tokens[i].capitalized || tokens[i].all_caps)
                && tokens[i].kind == TokenKind::Word
            {
                for len in (1..=lex.max_place_words.min(n - i)).rev() {
                    let span = &tokens[i..i + len];
                    if !span
                        .iter()
                        .all(|t| t.kind == TokenKind::Word && (t.capitalized || t.norm == "of"))
                    {
                        continue;
                    }
                    // "US" is a place only in capitals; "us" is a pronoun.
                    if len == 1 && span[0].norm == "us" && !span[0].all_caps {
                        continue;
                    }
                    join_norms(span, &mut key);
                    if let Some(group) = lex.place(&key) {
                        for id in &mut ids[i..i + len] {
                            *id = Some(EntityId::Place(group));
                        }
                        matched = len;
                        break;
                    }
                }
            }
            i += matched.max(1);
        }
        // Full names the corpus gives, longest first: "Donald Trump" is Trump
        // even when the corpus also knows a Nathan Donald.
        let mut k = 0;
        while k < n {
            let mut matched = 0;
            for len in (2..=3.min(n - k)).rev() {
                let span = &tokens[k..k + len];
                if span
                    .iter()
                    .zip(&ids[k..k + len])
                    .any(|(t, id)| id.is_some() || t.kind != TokenKind::Word || !t.capitalized)
                {
                    continue;
                }
                join_norms(span, &mut key);
                if let Some(canonical) = self.people.get(&key) {
                    for id in &mut ids[k..k + len] {
                        *id = Some(EntityId::Name(canonical.clone()));
                    }
                    matched = len;
                    break;
                }
            }
            k += matched.max(1);
        }
        // People and other names.
        for (k, t) in tokens.iter().enumerate() {
            if ids[k].is_some() || t.kind != TokenKind::Word || !t.capitalized {
                continue;
            }
            let alone = !tokens
                .get(k + 1)
                .is_some_and(|n| n.capitalized && n.kind == TokenKind::Word);
            if let Some(canonical) = self.person(&t.norm) {
                ids[k] = Some(EntityId::Name(canonical.to_string()));
            } else if let Some(owner) = self.first_names.get(&t.norm).filter(|_| alone) {
                // "everything that Donald has tried": a first name standing alone.
                ids[k] = Some(EntityId::Name(owner.clone()));
            } else if is_name_word(t, lex) && !(k == 0 && t.stop) && !is_calendar_word(&t.norm) {
                ids[k] = Some(EntityId::Name(t.norm.clone()));
            }
        }
        // A run of unknown names is one person or organisation, known by its last word
        // ("Sergei Lavrov" -> lavrov), unless the corpus knows the first word alone.
        let mut k = 0;
        while k < n {
            let is_new_name = |k: usize| matches!(&ids[k], Some(EntityId::Name(name)) if self.person(name).is_none() && tokens[k].capitalized && !tokens[k].hyphen_before);
            if !is_new_name(k) {
                k += 1;
                continue;
            }
            let mut end = k + 1;
            while end < n && is_new_name(end) {
                end += 1;
            }
            if end - k > 1 {
                let key = tokens[end - 1].norm.clone();
                for id in &mut ids[k..end] {
                    *id = Some(EntityId::Name(key.clone()));
                }
            }
            k = end;
        }
        // First and middle names take their surname's identity ("Vladimir Putin",
        // "Taran Hourie Killam" -> the person the corpus knows by that surname).
        for k in (0..n.saturating_sub(1)).rev() {
            if let (Some(EntityId::Name(own)), Some(EntityId::Name(next))) = (&ids[k], &ids[k + 1])
            {
                let next_is_person =
                    tokens[k + 1].capitalized && self.people.get(next.as_str()) == Some(next);
                let own_is_other_person =
                    self.people.get(own.as_str()).is_some_and(|o| o == own) && own != next;
                if next_is_person
                    && !own_is_other_person
                    && tokens[k].capitalized
                    && !tokens[k].all_caps
                {
                    ids[k] = Some(EntityId::Name(next.clone()));
                }
            }
        }
        ids
    }
}

/// Is the whole span one place name ("United States")?
fn is_place_phrase(span: &[Token], lex: &Lexicon) -> bool {
    let mut key = String::new();
    join_norms(span, &mut key);
    lex.place(&key).is_some()
}

/// Writes a span's norms joined by spaces into `out`, the form in which place
/// and full-name keys are stored (norms are already normalised).
fn join_norms(span: &[Token], out: &mut String) {
    out.clear();
    for (j, t) in span.iter().enumerate() {
        if j > 0 {
            out.push(' ');
        }
        out.push_str(&t.norm);
    }
}

/// Words that open a noun phrase and never precede a name.
fn is_determiner(norm: &str) -> bool {
    matches!(
        norm,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "every"
            | "each"
    )
}

/// A lowercase word that can be part of a title: a noun, or a word the lexicon
/// does not know ("spokesman"), but not a verb form ("invited", "meeting").
fn is_role_noun(t: &Token, lex: &Lexicon) -> bool {
    let n = t.norm.as_str();
    !(n.ends_with("ed") || n.ends_with("ing") || n.ends_with("ly"))
        && (lex.only_noun(&t.stem) || !lex.knows(&t.stem))
}

fn is_calendar_word(norm: &str) -> bool {
    super::dates::month(norm).is_some() || super::dates::weekday(norm).is_some()
}

/// A title's lookup key: stems, with place words replaced by their group so
/// "Kremlin spokesman" and "Russian spokesman" can meet.
pub fn title_key(tokens: &[Token], lex: &Lexicon) -> String {
    tokens
        .iter()
        .map(|t| match lex.place(&t.norm) {
            Some(g) if t.capitalized => format!("@{g}"),
            _ => t.stem.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Full names (two or more capitalised words the lexicon does not know, or a
/// first name before a known word: "Donald Trump") and the title words before them.
fn full_names(tokens: &[Token], lex: &Lexicon) -> Vec<NameMention> {
    let mut out = Vec::new();
    let n = tokens.len();
    let mut i = 0;
    while i + 1 < n {
        let starts = is_name_word(&tokens[i], lex) && !(i == 0 && lex.knows(&tokens[i].stem));
        let next = &tokens[i + 1];
        if !starts
            || !(next.kind == TokenKind::Word
                && next.capitalized
                && !next.stop
                && lex.place(&next.norm).is_none())
            || next.hyphen_before
        {
            i += 1;
            continue;
        }
        let mut end = i + 2;
        while end < n
            && is_name_word(&tokens[end], lex)
            && !tokens[end].hyphen_before
            && end - i < 3
        {
            end += 1;
        }
        // A surname that is also an English word ("Donald Trump") only closes a
        // two-word name standing alone, not "Gaza Board of Peace".
        let known_surname = !is_name_word(&tokens[end - 1], lex);
        let followed = tokens
            .get(end)
            .is_some_and(|t| t.capitalized || t.norm == "of");
        if known_surname && (end - i != 2 || followed) {
            i += 1;
            continue;
        }
        // Title: the words just before the name. Capitalised words, "of" between
        // capitalised words, and lowercase nouns ("spokesman"), at most four.
        let mut title_start = i;
        while title_start > 0 && i - title_start < 4 {
            let t = &tokens[title_start - 1];
            let ok = t.kind == TokenKind::Word
                && ((t.capitalized && !t.stop)
                    || (t.norm == "of" && title_start >= 2 && tokens[title_start - 2].capitalized)
                    || (!t.capitalized && !t.stop && is_role_noun(t, lex)));
            if !ok {
                break;
            }
            title_start -= 1;
        }
        if title_start < i && tokens[title_start].norm == "of" {
            title_start += 1;
        }
        out.push(NameMention {
            title_start,
            name_start: i,
            end,
        });
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::tokens::tokenize;

    fn table(corpus: &[&str]) -> EntityTable {
        let lex = Lexicon::embedded();
        let mut t = EntityTable::default();
        for s in corpus {
            t.learn(&tokenize(s), lex);
        }
        t.finish();
        t
    }

    fn ids(t: &EntityTable, text: &str) -> Vec<(String, Option<EntityId>)> {
        let tokens = tokenize(text);
        let ids = t.mentions(&tokens, Lexicon::embedded());
        tokens.into_iter().map(|t| t.norm).zip(ids).collect()
    }

    fn id_of(t: &EntityTable, text: &str, word: &str) -> Option<EntityId> {
        ids(t, text)
            .into_iter()
            .find(|(w, _)| w == word)
            .and_then(|(_, id)| id)
    }

    #[test]
    fn surnames_that_are_words_need_standalone_use() {
        let t = table(&[
            "Then Donald Trump spoke. Later Trump left. Aides said Trump would return.",
            "Aid reached the Gaza Strip on Monday.",
            "Fighting in the Gaza Strip went on.",
        ]);
        // "Trump" stands alone elsewhere: a surname. "Strip" never does: not a person.
        assert_eq!(
            id_of(&t, "He met Donald Trump.", "donald"),
            Some(EntityId::Name("trump".into()))
        );
        assert_ne!(
            id_of(&t, "Aid reached the Gaza Strip.", "gaza"),
            Some(EntityId::Name("strip".into()))
        );
    }

    #[test]
    fn a_title_is_not_a_surname_however_often_it_stands_alone() {
        // "Vice President" looks like a full name with an English-word surname,
        // and "the President" stands alone often; neither makes "president" a person.
        let t = table(&[
            "He served as eighth Vice President under Jackson.",
            "Later the President said so. Aides said the President agreed.",
            "Chinese President Xi Jinping spoke. US President Donald Trump spoke.",
        ]);
        assert_eq!(t.person("president"), None);
        assert_eq!(
            id_of(
                &t,
                "Ukrainian President Volodymyr Zelensky spoke.",
                "president"
            ),
            None
        );
    }

    #[test]
    fn a_place_before_a_name_is_no_title() {
        let t = table(&["The United States Marine Corps Band played."]);
        let states = id_of(&t, "Talks with the United States went on.", "states");
        assert!(
            states.as_ref().is_some_and(EntityId::is_place),
            "{states:?}"
        );
    }

    #[test]
    fn a_full_name_beats_another_persons_surname() {
        // "Donald" is one person's surname here and another's first name.
        let t = table(&[
            "Nathan Donald was born in 1985.",
            "President Donald Trump spoke. Officials said Trump agreed.",
        ]);
        assert_eq!(
            id_of(&t, "He met Donald Trump.", "donald"),
            Some(EntityId::Name("trump".into()))
        );
        assert_eq!(
            id_of(&t, "He met Nathan Donald.", "nathan"),
            Some(EntityId::Name("donald".into()))
        );
    }

    #[test]
    fn a_first_name_alone_names_its_only_owner() {
        let t = table(&["President Donald Trump spoke. Officials said Trump agreed."]);
        assert_eq!(
            id_of(&t, "Everything that Donald has tried.", "donald"),
            Some(EntityId::Name("trump".into()))
        );
        // Before another capitalised name it is someone else's first name.
        assert_ne!(
            id_of(&t, "Donald Duck waved.", "donald"),
            Some(EntityId::Name("trump".into()))
        );
    }

    #[test]
    fn alias_forms_table() {
        let t = table(&[
            "Russian President Vladimir Putin was invited.",
            "Kremlin spokesman Dmitry Peskov confirmed it.",
            "Belarusian President Alexander Lukashenko was invited too.",
        ]);
        let putin = Some(EntityId::Name("putin".into()));
        // Surname alone, full name, title, and title in lower case.
        assert_eq!(id_of(&t, "Putin spoke.", "putin"), putin);
        assert_eq!(id_of(&t, "Then Vladimir Putin spoke.", "vladimir"), putin);
        assert_eq!(
            id_of(&t, "The Russian president spoke.", "president"),
            putin
        );
        assert_eq!(
            id_of(&t, "A Kremlin spokesman said so.", "spokesman"),
            Some(EntityId::Name("peskov".into()))
        );
        // "President" alone names two people in this corpus: not an alias.
        assert_eq!(id_of(&t, "The president spoke.", "president"), None);
        // Places: capital, seat of government and adjective share the country's id.
        let moscow = id_of(&t, "Officials in Moscow said.", "moscow");
        assert!(moscow.as_ref().is_some_and(EntityId::is_place));
        assert_eq!(id_of(&t, "The Kremlin said.", "kremlin"), moscow);
        assert_eq!(id_of(&t, "Some Russian officials said.", "russian"), moscow);
        // Unknown capitalised words are names; "US" in capitals is a place, "us" is not.
        assert_eq!(
            id_of(&t, "An attack by Hamas militants.", "hamas"),
            Some(EntityId::Name("hamas".into()))
        );
        assert!(id_of(&t, "Talks with the US began.", "us").is_some_and(|id| id.is_place()));
        assert_eq!(id_of(&t, "Follow us on X.", "us"), None);
    }
}
