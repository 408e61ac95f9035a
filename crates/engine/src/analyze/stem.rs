//! The Porter (1980) stemmer, for English words already lowercased and folded to ASCII.
//!
//! Written here rather than pulled in: the crates that offer it bundle a dozen
//! languages' stemmers, which the wasm build would carry for nothing.

/// Stems one lowercase ASCII word. Non-ASCII or very short words come back unchanged.
pub fn stem(word: &str) -> String {
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    // Room for the longest ending a step writes over a shorter one ("bl" -> "ble").
    let mut w: Vec<u8> = Vec::with_capacity(word.len() + 2);
    w.extend_from_slice(word.as_bytes());
    step1a(&mut w);
    step1b(&mut w);
    step1c(&mut w);
    replace_first(&mut w, STEP2);
    replace_first(&mut w, STEP3);
    step4(&mut w);
    step5(&mut w);
    String::from_utf8(w).unwrap_or_else(|_| word.to_string())
}

fn is_consonant(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(w, i - 1),
        _ => true,
    }
}

/// m in Porter's [C](VC)^m[V] for the first `len` letters.
fn measure(w: &[u8], len: usize) -> usize {
    let mut m = 0;
    let mut i = 0;
    while i < len && is_consonant(w, i) {
        i += 1;
    }
    loop {
        while i < len && !is_consonant(w, i) {
            i += 1;
        }
        if i >= len {
            return m;
        }
        while i < len && is_consonant(w, i) {
            i += 1;
        }
        m += 1;
        if i >= len {
            return m;
        }
    }
}

fn has_vowel(w: &[u8], len: usize) -> bool {
    (0..len).any(|i| !is_consonant(w, i))
}

fn ends_double_consonant(w: &[u8], len: usize) -> bool {
    len >= 2 && w[len - 1] == w[len - 2] && is_consonant(w, len - 1)
}

/// consonant-vowel-consonant ending, the last not w, x or y.
fn ends_cvc(w: &[u8], len: usize) -> bool {
    len >= 3
        && is_consonant(w, len - 3)
        && !is_consonant(w, len - 2)
        && is_consonant(w, len - 1)
        && !matches!(w[len - 1], b'w' | b'x' | b'y')
}

fn ends(w: &[u8], suffix: &str) -> bool {
    // The last letter first: it rules out most suffixes without a compare.
    w.last() == suffix.as_bytes().last() && w.ends_with(suffix.as_bytes())
}

fn replace(w: &mut Vec<u8>, suffix_len: usize, with: &str) {
    let keep = w.len() - suffix_len;
    w.truncate(keep);
    w.extend_from_slice(with.as_bytes());
}

/// Replaces `suffix` by `with` when the stem before it has measure > `min_m`.
fn replace_if(w: &mut Vec<u8>, suffix: &str, with: &str, min_m: usize) -> bool {
    if ends(w, suffix) {
        let stem_len = w.len() - suffix.len();
        if measure(w, stem_len) > min_m {
            replace(w, suffix.len(), with);
        }
        return true;
    }
    false
}

fn step1a(w: &mut Vec<u8>) {
    if ends(w, "sses") {
        replace(w, 4, "ss");
    } else if ends(w, "ies") {
        replace(w, 3, "i");
    } else if ends(w, "ss") {
    } else if ends(w, "s") {
        replace(w, 1, "");
    }
}

fn step1b(w: &mut Vec<u8>) {
    if ends(w, "eed") {
        let stem_len = w.len() - 3;
        if measure(w, stem_len) > 0 {
            replace(w, 3, "ee");
        }
        return;
    }
    let cut = if ends(w, "ed") && has_vowel(w, w.len() - 2) {
        2
    } else if ends(w, "ing") && has_vowel(w, w.len() - 3) {
        3
    } else {
        return;
    };
    replace(w, cut, "");
    if ends(w, "at") || ends(w, "bl") || ends(w, "iz") {
        w.push(b'e');
    } else if ends_double_consonant(w, w.len()) && !matches!(w[w.len() - 1], b'l' | b's' | b'z') {
        w.pop();
    } else if measure(w, w.len()) == 1 && ends_cvc(w, w.len()) {
        w.push(b'e');
    }
}

fn step1c(w: &mut [u8]) {
    let n = w.len();
    if n > 1 && w[n - 1] == b'y' && has_vowel(w, n - 1) {
        w[n - 1] = b'i';
    }
}

const STEP2: &[(&str, &str)] = &[
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("abli", "able"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
];

/// Steps 2 and 3: the first suffix of the table that the word ends with is
/// replaced when the stem before it has measure > 0.
fn replace_first(w: &mut Vec<u8>, table: &[(&str, &str)]) {
    for (suffix, with) in table {
        if replace_if(w, suffix, with, 0) {
            return;
        }
    }
}

const STEP3: &[(&str, &str)] = &[
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
];

const STEP4: &[&str] = &[
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
];

fn step4(w: &mut Vec<u8>) {
    for suffix in STEP4 {
        if ends(w, suffix) {
            let stem_len = w.len() - suffix.len();
            if measure(w, stem_len) > 1 {
                if *suffix == "ion" {
                    if stem_len > 0 && matches!(w[stem_len - 1], b's' | b't') {
                        w.truncate(stem_len);
                    }
                } else {
                    w.truncate(stem_len);
                }
            }
            return;
        }
    }
}

fn step5(w: &mut Vec<u8>) {
    let n = w.len();
    if w[n - 1] == b'e' {
        let m = measure(w, n - 1);
        if m > 1 || (m == 1 && !ends_cvc(w, n - 1)) {
            w.pop();
        }
    }
    let n = w.len();
    if n > 1 && w[n - 1] == b'l' && ends_double_consonant(w, n) && measure(w, n) > 1 {
        w.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn porter_reference_pairs() {
        // Pairs from Porter's published vocabulary/output lists.
        let cases = [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("cats", "cat"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("hopping", "hop"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("conditional", "condit"),
            ("digitizer", "digit"),
            ("hopefulness", "hope"),
            ("formalize", "formal"),
            ("revival", "reviv"),
            ("adjustment", "adjust"),
            ("adoption", "adopt"),
            ("controlling", "control"),
            ("generalizations", "gener"),
            ("invitation", "invit"),
            ("invited", "invit"),
            ("negotiations", "negoti"),
        ];
        for (word, expected) in cases {
            assert_eq!(stem(word), expected, "stem({word})");
        }
    }

    #[test]
    fn leaves_short_and_non_ascii_words() {
        assert_eq!(stem("is"), "is");
        assert_eq!(stem("café"), "café");
        assert_eq!(stem(""), "");
    }
}
