//! Part-of-speech tagger: an averaged perceptron, greedy left to right, over
//! hashed features of the words around and the two previous tags (after
//! Honnibal's "A good POS tagger in about 200 lines"). Mirrors
//! `models/syntax/tagger.py`.

use super::{argmax, feature_key, str_atom, ModelError, Reader, Table, Template, Upos, MAX_ATOMS};
use crate::analyze::tokens::{fold_char, Token};

const MAGIC: &[u8; 8] = b"CCTAGG01";
const NTAGS: usize = 17;
/// Tag atom before the sentence (tags are their index + 1).
const START: u64 = NTAGS as u64 + 1;
/// Word atoms outside the sentence.
const PAD_START: u64 = 1;
const PAD_END: u64 = 2;

// Atom codes (models/syntax/tagger.py).
const A_W: u8 = 0; // + (k + 2): the normalised word at offset k, -2..=2
const A_SUF3: u8 = 8; // + (k + 2): its last three characters
const A_SUF1: u8 = 16;
const A_SUF2: u8 = 17;
const A_SUF4: u8 = 18;
const A_PRE1: u8 = 19;
const A_PRE3: u8 = 20;
const A_SHAPE: u8 = 21;
const A_FIRST_SHAPE: u8 = 22;
const A_T1: u8 = 32;
const A_T2: u8 = 33;

fn valid_atom(a: u8) -> bool {
    matches!(a, A_W..=4 | A_SUF3..=12 | A_SUF1..=A_FIRST_SHAPE | A_T1 | A_T2)
}

/// A part-of-speech tagger read from `models/tagger.bin`.
pub struct Tagger {
    templates: Vec<Template>,
    /// Templates without and with the previous tags.
    fixed: Vec<usize>,
    moving: Vec<usize>,
    table: Table,
}

/// The string atoms of one word (see `WordAtoms` in tagger.py).
#[derive(Clone, Copy)]
pub(crate) struct WordAtoms {
    pub(crate) w: u64,
    suf1: u64,
    suf2: u64,
    pub(crate) suf3: u64,
    suf4: u64,
    pre1: u64,
    pre3: u64,
    shape: u64,
}

/// Folded (`fold_char`) and ASCII-lowercased.
fn lower(word: &str) -> String {
    word.chars()
        .map(|c| fold_char(c).unwrap_or(c).to_ascii_lowercase())
        .collect()
}

/// The last `k` characters of `s` (all of it if shorter).
fn last_chars(s: &str, k: usize) -> &str {
    match s.char_indices().rev().nth(k - 1) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// The first `k` characters of `s` (all of it if shorter).
fn first_chars(s: &str, k: usize) -> &str {
    match s.char_indices().nth(k) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Character classes after folding: X x d, other ASCII as itself, anything
/// else u; runs longer than two cut to two ("Hello" -> "Xxx").
fn shape_atom(word: &str) -> u64 {
    let mut h = super::FNV_OFFSET;
    let (mut prev, mut run) = (0u8, 0);
    for c in word.chars() {
        let c = fold_char(c).unwrap_or(c);
        let k = match c {
            'A'..='Z' => b'X',
            'a'..='z' => b'x',
            '0'..='9' => b'd',
            c if c.is_ascii() => c as u8,
            _ => b'u',
        };
        if k == prev {
            run += 1;
            if run > 2 {
                continue;
            }
        } else {
            prev = k;
            run = 1;
        }
        h = super::fnv_bytes(h, &[k]);
    }
    h
}

impl WordAtoms {
    pub(crate) fn new(word: &str) -> WordAtoms {
        let low = lower(word);
        let w = if low.starts_with(|c: char| c.is_ascii_digit()) {
            if low.len() == 4 && low.bytes().all(|b| b.is_ascii_digit()) {
                str_atom("!YEAR")
            } else {
                str_atom("!DIGITS")
            }
        } else {
            str_atom(&low)
        };
        WordAtoms {
            w,
            suf1: str_atom(last_chars(&low, 1)),
            suf2: str_atom(last_chars(&low, 2)),
            suf3: str_atom(last_chars(&low, 3)),
            suf4: str_atom(last_chars(&low, 4)),
            pre1: str_atom(first_chars(word, 1)),
            pre3: str_atom(first_chars(&low, 3)),
            shape: shape_atom(word),
        }
    }
}

impl Tagger {
    /// Reads a tagger file (`models/tagger.bin`).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Tagger, ModelError> {
        let mut r = Reader::open(&bytes, MAGIC, "tagger")?;
        let ntags = r.u32("the tag count")? as usize;
        if ntags != NTAGS {
            return Err(ModelError::Invalid(format!(
                "{ntags} tags, {NTAGS} expected"
            )));
        }
        let templates = r.templates(valid_atom)?;
        let table = Table::read(&mut r, NTAGS)?;
        r.finish()?;
        let (moving, fixed): (Vec<usize>, Vec<usize>) = (0..templates.len())
            .partition(|&k| templates[k].atoms.iter().any(|&a| a == A_T1 || a == A_T2));
        Ok(Tagger {
            templates,
            fixed,
            moving,
            table,
        })
    }

    /// Bytes the model holds in memory.
    pub fn heap_bytes(&self) -> usize {
        super::heap_bytes(&self.templates, &self.table)
    }

    /// Tags a sentence given as the surface text of its tokens (as the
    /// engine's tokenizer cuts them).
    pub fn tag(&self, words: &[&str]) -> Vec<Upos> {
        let atoms: Vec<WordAtoms> = words.iter().map(|w| WordAtoms::new(w)).collect();
        self.tag_atoms(&atoms)
    }

    /// Tags the engine's tokens of a sentence of `text`.
    pub fn tag_tokens(&self, text: &str, tokens: &[Token]) -> Vec<Upos> {
        let atoms: Vec<WordAtoms> = tokens
            .iter()
            .map(|t| WordAtoms::new(text.get(t.start..t.end).unwrap_or("")))
            .collect();
        self.tag_atoms(&atoms)
    }

    pub(crate) fn tag_atoms(&self, xs: &[WordAtoms]) -> Vec<Upos> {
        let n = xs.len();
        let mut vals = [0u64; MAX_ATOMS];
        // The features that do not depend on the previous tags, for all
        // tokens at once (their table lookups overlap), then token by token
        // the ones that do. Integer sums: the order does not matter.
        let mut fixed = vec![[0i32; NTAGS]; n];
        let mut rows = Vec::with_capacity(n * self.fixed.len());
        for i in 0..n {
            for &k in &self.fixed {
                if let Some(key) = self.key(k, xs, i, 0, 0, &mut vals) {
                    if let Some(at) = self.table.locate(key) {
                        rows.push((at, i));
                    }
                }
            }
        }
        for chunk in rows.chunks(64) {
            let locs: Vec<(u32, u32)> = chunk.iter().map(|r| r.0).collect();
            self.table.touch(&locs);
            for &(at, i) in chunk {
                self.table.add_at(at, &mut fixed[i]);
            }
        }
        let mut out = Vec::with_capacity(n);
        let (mut t1, mut t2) = (START, START);
        for (i, scores) in fixed.iter_mut().enumerate() {
            for &k in &self.moving {
                if let Some(key) = self.key(k, xs, i, t1, t2, &mut vals) {
                    self.table.add(key, scores);
                }
            }
            let g = argmax(scores, |_| true).unwrap_or(0);
            out.push(Upos::ALL[g]);
            t2 = t1;
            t1 = g as u64 + 1;
        }
        out
    }

    /// The key of template `k` at token `i`, if none of its atoms is absent.
    #[inline]
    fn key(
        &self,
        k: usize,
        xs: &[WordAtoms],
        i: usize,
        t1: u64,
        t2: u64,
        vals: &mut [u64; MAX_ATOMS],
    ) -> Option<u64> {
        let template = &self.templates[k];
        for (j, &a) in template.atoms.iter().enumerate() {
            vals[j] = atom(a, xs, i, t1, t2)?;
        }
        Some(feature_key(k, &vals[..template.atoms.len()]))
    }
}

/// The value of an atom at token `i` (`None`: absent, the feature is skipped).
#[inline]
fn atom(code: u8, xs: &[WordAtoms], i: usize, t1: u64, t2: u64) -> Option<u64> {
    let at = |k: u8, get: fn(&WordAtoms) -> u64| {
        let j = i as isize + k as isize - 2;
        if j < 0 {
            PAD_START
        } else if j as usize >= xs.len() {
            PAD_END
        } else {
            get(&xs[j as usize])
        }
    };
    let x = &xs[i];
    Some(match code {
        A_W..=4 => at(code - A_W, |x| x.w),
        A_SUF3..=12 => at(code - A_SUF3, |x| x.suf3),
        A_SUF1 => x.suf1,
        A_SUF2 => x.suf2,
        A_SUF4 => x.suf4,
        A_PRE1 => x.pre1,
        A_PRE3 => x.pre3,
        A_SHAPE => x.shape,
        A_FIRST_SHAPE if i == 0 => x.shape,
        A_T1 => t1,
        A_T2 => t2,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_slices() {
        assert_eq!(last_chars("café", 3), "afé");
        assert_eq!(last_chars("a", 3), "a");
        assert_eq!(first_chars("über", 1), "ü");
        assert_eq!(first_chars("", 1), "");
        assert_eq!(lower("Kremlin’S"), "kremlin's");
    }

    #[test]
    fn shapes() {
        let h = |s: &str| super::super::fnv_bytes(super::super::FNV_OFFSET, s.as_bytes());
        assert_eq!(shape_atom("Hello"), h("Xxx"));
        assert_eq!(shape_atom("1,200"), h("d,dd"));
        assert_eq!(shape_atom("U.S."), h("X.X."));
        assert_eq!(shape_atom("日本"), h("uu"));
    }
}
