//! Tokens: words, numbers and punctuation with byte offsets, normalised and stemmed.

use super::stem::stem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the analysed text.
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// Lowercase, ASCII-folded, spelling-normalised form ("criticised" -> "criticized").
    pub norm: String,
    /// Porter stem of `norm`.
    pub stem: String,
    /// Written with a capital first letter.
    pub capitalized: bool,
    /// Written all in capitals (two letters or more).
    pub all_caps: bool,
    /// Joined to the previous token by a hyphen ("20-point", "mid-January").
    pub hyphen_before: bool,
    pub stop: bool,
    /// The stem's entry in the lexicon, if it has one (set by the analyser).
    pub lex: Option<u32>,
    /// The stem's word vector, if the vectors know it (set by the analyser).
    pub vec: Option<u32>,
}

/// Folds curly quotes, dashes and common Latin diacritics so that "Kremlin’s",
/// "Kremlin's" and "Kremlin's" compare equal and "café" matches "cafe".
pub fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ß' => 's',
        _ => return None,
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || fold_char(c).is_some_and(|f| f.is_ascii_alphabetic())
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Lowercases and folds a word, then evens out British and American spelling
/// so both sides of a comparison meet ("stabilisation" / "stabilization").
pub fn normalize_word(word: &str) -> String {
    let mut out = if word.is_ascii() {
        // Most words: no diacritics or curly quotes to fold, lowercase byte by byte.
        let mut out = word.to_ascii_lowercase();
        if out.contains('`') {
            out = out.replace('`', "'");
        }
        out
    } else {
        let mut out = String::with_capacity(word.len());
        for c in word.chars() {
            let c = fold_char(c).unwrap_or(c);
            for l in c.to_lowercase() {
                out.push(l);
            }
        }
        out
    };
    if let Some(base) = out.strip_suffix("'s").or_else(|| out.strip_suffix("s'")) {
        out = base.to_string();
    }
    if out.contains('\'') {
        out.retain(|c| c != '\'');
    }
    americanize(out)
}

fn americanize(w: String) -> String {
    const SUFFIXES: &[(&str, &str)] = &[
        ("isation", "ization"),
        ("isations", "izations"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
        ("ise", "ize"),
        ("yse", "yze"),
        ("ysed", "yzed"),
        ("ysing", "yzing"),
        ("ours", "ors"),
        ("our", "or"),
        ("ourable", "orable"),
        ("ourite", "orite"),
        ("tre", "ter"),
        ("lled", "led"),
        ("lling", "ling"),
    ];
    // Every suffix below ends in one of these letters.
    if w.len() < 6
        || !w.is_ascii()
        || !matches!(
            w.as_bytes().last(),
            Some(b'n' | b's' | b'd' | b'e' | b'g' | b'r')
        )
    {
        return w;
    }
    for (from, to) in SUFFIXES {
        if let Some(base) = w.strip_suffix(from) {
            if base.len() >= 3 {
                return format!("{base}{to}");
            }
        }
    }
    w
}

/// Splits text into tokens. Abbreviations with inner dots ("U.S.", "e.g.") and
/// numbers with separators ("1,200", "53.5") stay whole; hyphens split words
/// but are remembered on the token after them.
pub fn tokenize(text: &str) -> Vec<Token> {
    // Sized up front: growing by doubling copies every token several times.
    // About one token per five bytes of prose; at most one char per byte.
    let mut tokens = Vec::with_capacity(text.len() / 5 + 4);
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len());
    chars.extend(text.char_indices());
    let n = chars.len();
    let end_of = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut i = 0;
    let mut hyphen_pending = false;
    while i < n {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            hyphen_pending = false;
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i + 1;
            while j < n {
                let cj = chars[j].1;
                if cj.is_ascii_digit() {
                    j += 1;
                } else if matches!(cj, ',' | '.') && j + 1 < n && chars[j + 1].1.is_ascii_digit() {
                    j += 2;
                } else {
                    break;
                }
            }
            let raw = &text[start..end_of(j)];
            tokens.push(make_token(
                raw,
                start,
                end_of(j),
                TokenKind::Number,
                hyphen_pending,
            ));
            hyphen_pending = false;
            i = j;
            continue;
        }
        if is_word_char(c) {
            let mut j = i + 1;
            loop {
                if j < n && is_word_char(chars[j].1) {
                    j += 1;
                } else if j + 1 < n && is_apostrophe(chars[j].1) && is_word_char(chars[j + 1].1) {
                    j += 2;
                } else if j + 1 < n
                    && chars[j].1 == '.'
                    && c.is_alphabetic()
                    && is_abbreviation_dot(&chars, i, j)
                {
                    // U.S. / e.g. : a dot between single letters.
                    j += 1;
                } else {
                    break;
                }
            }
            // Keep a trailing dot of a dotted abbreviation ("U.S.").
            if j < n && chars[j].1 == '.' && text[start..end_of(j)].contains('.') {
                j += 1;
            }
            let raw = &text[start..end_of(j)];
            tokens.push(make_token(
                raw,
                start,
                end_of(j),
                TokenKind::Word,
                hyphen_pending,
            ));
            hyphen_pending = false;
            i = j;
            continue;
        }
        if is_hyphen(c)
            && !tokens.is_empty()
            && i > 0
            && !chars[i - 1].1.is_whitespace()
            && i + 1 < n
            && is_word_char(chars[i + 1].1)
        {
            hyphen_pending = true;
            i += 1;
            continue;
        }
        let end = end_of(i + 1);
        tokens.push(make_token(
            &text[start..end],
            start,
            end,
            TokenKind::Punct,
            false,
        ));
        hyphen_pending = false;
        i += 1;
    }
    tokens
}

/// A dot at `dot` continues a word started at `start` when the word so far is one
/// letter per dot: "U.S", "e.g", "U.N".
fn is_abbreviation_dot(chars: &[(usize, char)], start: usize, dot: usize) -> bool {
    let letters_since_dot = chars[start..dot]
        .iter()
        .rev()
        .take_while(|(_, c)| *c != '.')
        .count();
    letters_since_dot == 1
        && chars[dot + 1].1.is_alphabetic()
        && (dot + 2 >= chars.len() || !chars[dot + 2].1.is_alphabetic() || chars[dot + 2].1 == '.')
}

fn make_token(raw: &str, start: usize, end: usize, kind: TokenKind, hyphen_before: bool) -> Token {
    let norm = match kind {
        TokenKind::Word => normalize_word(raw),
        TokenKind::Number => raw.replace(',', ""),
        TokenKind::Punct => raw.chars().map(|c| fold_char(c).unwrap_or(c)).collect(),
    };
    let stem_form = match kind {
        TokenKind::Word if norm.contains('.') => stem(&norm.replace('.', "")),
        TokenKind::Word => stem(&norm),
        _ => norm.clone(),
    };
    let first = raw.chars().next().unwrap_or(' ');
    let capitalized = first.is_uppercase();
    let mut letters = raw.chars().filter(|c| c.is_alphabetic());
    let all_caps = letters.clone().nth(1).is_some() && letters.all(char::is_uppercase);
    let stop = kind == TokenKind::Word && is_stop_word(&norm);
    Token {
        start,
        end,
        kind,
        norm,
        stem: stem_form,
        capitalized,
        all_caps,
        hyphen_before,
        stop,
        lex: None,
        vec: None,
    }
}

/// Function words that carry no content of their own. Negation, modality and
/// quantifier words are deliberately absent: the cue analysis reads them.
pub fn is_stop_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "but"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "with"
            | "from"
            | "as"
            | "into"
            | "onto"
            | "upon"
            | "about"
            | "than"
            | "then"
            | "that"
            | "this"
            | "these"
            | "those"
            | "there"
            | "here"
            | "it"
            | "its"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "has"
            | "have"
            | "had"
            | "having"
            | "do"
            | "does"
            | "did"
            | "doing"
            | "he"
            | "she"
            | "they"
            | "them"
            | "his"
            | "her"
            | "hers"
            | "their"
            | "theirs"
            | "him"
            | "we"
            | "us"
            | "our"
            | "you"
            | "your"
            | "i"
            | "me"
            | "my"
            | "who"
            | "whom"
            | "whose"
            | "which"
            | "what"
            | "when"
            | "where"
            | "while"
            | "so"
            | "such"
            | "also"
            | "too"
            | "very"
            | "just"
            | "both"
            | "either"
            | "each"
            | "itself"
            | "himself"
            | "herself"
            | "themselves"
            | "one"
            | "ones"
            | "mr"
            | "mrs"
            | "ms"
            | "mr."
            | "mrs."
            | "ms."
            | "dr"
            | "dr."
            | "said"
            | "says"
            | "say"
            | "saying"
            | "told"
            | "according"
            | "per"
            | "via"
            | "over"
            | "under"
            | "after"
            | "before"
            | "during"
            | "since"
            | "until"
            | "against"
            | "between"
            | "among"
            | "amid"
            | "around"
            | "across"
            | "toward"
            | "towards"
            | "within"
            | "through"
            | "up"
            | "down"
            | "out"
            | "off"
            | "if"
            | "because"
            | "though"
            | "although"
            | "whether"
            | "yet"
            | "still"
            | "even"
            | "more"
            | "most"
            | "less"
            | "least"
            | "other"
            | "others"
            | "another"
            | "own"
            | "same"
            | "s"
            | "etc"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn tokenizer_table() {
        let cases: &[(&str, &[&str])] = &[
            ("The U.S. said so.", &["the", "u.s.", "said", "so", "."]),
            ("Kremlin’s statement", &["kremlin", "statement"]),
            ("a 20-point plan", &["a", "20", "point", "plan"]),
            ("about 1,200 people", &["about", "1200", "people"]),
            ("$53.5 billion", &["$", "53.5", "billion"]),
            ("He didn't say", &["he", "didnt", "say"]),
            (
                "criticised and criticized",
                &["criticized", "and", "criticized"],
            ),
            ("Café São", &["cafe", "sao"]),
            ("e.g. this", &["e.g.", "this"]),
        ];
        for (text, expected) in cases {
            assert_eq!(norms(text), *expected, "tokenize({text:?})");
        }
    }

    #[test]
    fn offsets_slice_the_original_text() {
        let text = "Putin’s “Board of Peace” — 60 nations, 😀 مرحبا";
        for t in tokenize(text) {
            assert!(text.get(t.start..t.end).is_some(), "{t:?}");
        }
    }

    #[test]
    fn hyphen_marks_the_following_token() {
        let t = tokenize("mid-January");
        assert_eq!(t.len(), 2);
        assert!(t[1].hyphen_before);
        assert!(!t[0].hyphen_before);
    }
}
