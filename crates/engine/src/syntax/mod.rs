//! Shallow syntax learned from annotated text (UD English EWT): a
//! part-of-speech [`Tagger`] and a dependency [`Parser`], both averaged
//! perceptrons over hashed features, for finding who did what to whom.
//!
//! The models are trained by `models/syntax/build.py` and read here from
//! their files (`models/tagger.bin`, `models/parser.bin`); inference
//! reproduces Python's predictions exactly (integer weights, same features,
//! same tie-breaking). Input is the surface text of the engine's tokens
//! ([`crate::analyze::tokens::tokenize`]): the models were trained on UD's
//! sentences re-tokenised that way ("don't" one token tagged AUX,
//! "Kremlin's" one token tagged PROPN; see `models/syntax/README.md`).
//!
//! Model file layout (little-endian): an 8-byte magic, the model's header
//! (its feature templates), a weight table, and the FNV-1a 64 hash of all the
//! bytes before it. The table holds the non-zero rows of a 2^bits-row hashed
//! table: a bitmap of the non-empty rows, a count of non-zero weights per
//! row, each weight's class, then the weights (i8 or i16).

pub mod parser;
pub mod tagger;

pub use parser::{Arc, Label, Parser};
pub use tagger::Tagger;

use std::fmt;

/// The 17 Universal POS tags, in the models' order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as UD writes it ("PROPN").
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// The tag of a UD name ("PROPN"), if it is one.
    pub fn from_name(name: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|t| t.as_str() == name)
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// The file does not start with the expected magic bytes.
    BadMagic {
        expected: &'static str,
        found: Vec<u8>,
    },
    /// The file ends before the named part.
    Truncated(&'static str),
    /// The trailing FNV-1a 64 hash does not match the contents.
    HashMismatch { stored: u64, computed: u64 },
    /// The contents are inconsistent (counts, codes, sizes).
    Invalid(String),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ModelError::BadMagic { expected, found } => write!(
                f,
                "not a {expected} model file: it starts with {:?}",
                String::from_utf8_lossy(found)
            ),
            ModelError::Truncated(what) => write!(f, "model file truncated: it ends before {what}"),
            ModelError::HashMismatch { stored, computed } => write!(
                f,
                "model file corrupt: its hash is {computed:016x}, the file says {stored:016x}"
            ),
            ModelError::Invalid(why) => write!(f, "invalid model file: {why}"),
        }
    }
}

impl std::error::Error for ModelError {}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a 64 of some bytes, continuing from `h` (start from [`FNV_OFFSET`]).
#[inline]
fn fnv_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
    }
    h
}

/// FNV-1a 64 of a string: the value of a string atom.
#[inline]
pub(crate) fn str_atom(s: &str) -> u64 {
    fnv_bytes(FNV_OFFSET, s.as_bytes())
}

/// The key of a feature: its template and atom values mixed FNV-style over
/// 64-bit words, finished with MurmurHash3's fmix64 (models/syntax/feat.py).
#[inline]
pub(crate) fn feature_key(template: usize, atoms: &[u64]) -> u64 {
    let mut h = (FNV_OFFSET ^ template as u64).wrapping_mul(FNV_PRIME);
    for &a in atoms {
        h = (h ^ a).wrapping_mul(FNV_PRIME);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Reads a model file front to back, every read bounds-checked.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Checks the magic and the trailing hash; reads what lies between.
    pub(crate) fn open(
        bytes: &'a [u8],
        magic: &'static [u8; 8],
        name: &'static str,
    ) -> Result<Reader<'a>, ModelError> {
        if bytes.len() < 8 || &bytes[..8] != magic {
            if bytes.len() < 8 && magic.starts_with(bytes) {
                return Err(ModelError::Truncated("the magic bytes"));
            }
            return Err(ModelError::BadMagic {
                expected: name,
                found: bytes[..bytes.len().min(8)].to_vec(),
            });
        }
        if bytes.len() < 16 {
            return Err(ModelError::Truncated("the trailing hash"));
        }
        let (body, tail) = bytes.split_at(bytes.len() - 8);
        let stored = u64::from_le_bytes(tail.try_into().expect("8 bytes"));
        let computed = fnv_bytes(FNV_OFFSET, body);
        if stored != computed {
            return Err(ModelError::HashMismatch { stored, computed });
        }
        Ok(Reader {
            bytes: body,
            pos: 8,
        })
    }

    pub(crate) fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], ModelError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(ModelError::Truncated(what))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    pub(crate) fn u8(&mut self, what: &'static str) -> Result<u8, ModelError> {
        Ok(self.take(1, what)?[0])
    }

    pub(crate) fn u16(&mut self, what: &'static str) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(
            self.take(2, what)?.try_into().expect("2 bytes"),
        ))
    }

    pub(crate) fn u32(&mut self, what: &'static str) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4, what)?.try_into().expect("4 bytes"),
        ))
    }

    /// Fails unless everything was read.
    pub(crate) fn finish(&self) -> Result<(), ModelError> {
        if self.pos != self.bytes.len() {
            return Err(ModelError::Invalid(format!(
                "{} unexpected bytes after the weights",
                self.bytes.len() - self.pos
            )));
        }
        Ok(())
    }

    /// Feature templates: a u32 count, then per template a u8 atom count and
    /// its atom codes, each checked by `valid`.
    pub(crate) fn templates(
        &mut self,
        valid: impl Fn(u8) -> bool,
    ) -> Result<Vec<Template>, ModelError> {
        let n = self.u32("the template count")? as usize;
        if n > 255 {
            return Err(ModelError::Invalid(format!("{n} feature templates")));
        }
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let k = self.u8("a template")? as usize;
            if k > MAX_ATOMS {
                return Err(ModelError::Invalid(format!("a template of {k} atoms")));
            }
            let atoms = self.take(k, "a template")?.to_vec();
            if let Some(&bad) = atoms.iter().find(|&&a| !valid(a)) {
                return Err(ModelError::Invalid(format!("unknown atom code {bad}")));
            }
            out.push(Template {
                atoms,
                index: out.len(),
            });
        }
        Ok(out)
    }
}

/// A feature template: the atoms whose values make a feature.
pub(crate) struct Template {
    pub(crate) atoms: Vec<u8>,
    /// Its place in the model's list, the first thing a feature key hashes.
    pub(crate) index: usize,
}

/// Bytes a model's templates and table hold in memory.
pub(crate) fn heap_bytes(templates: &[Template], table: &Table) -> usize {
    table.heap_bytes() + templates.iter().map(|t| t.atoms.len() + 32).sum::<usize>()
}

/// At most this many atoms in a template.
pub(crate) const MAX_ATOMS: usize = 8;

/// A hashed weight table, its non-zero rows only, laid out for few cache
/// misses: a block per 16 buckets holds their bitmap and where their rows
/// start in one byte stream; a row there is its count of weights then, per
/// weight, its class and value (1 or 2 bytes). Finding a row reads the block,
/// then walks the stream from the block's first row (three or four rows a
/// block in the parser, mostly one cache line).
pub(crate) struct Table {
    mask: u64,
    blocks: Vec<Block>,
    stream: Vec<u8>,
    /// Bytes of a weight's value (1 or 2).
    width: usize,
}

#[derive(Clone, Copy)]
#[repr(C)]
struct Block {
    /// Offset in the stream of the block's first row.
    start: u32,
    /// Which of the block's 16 buckets have a row.
    bits: u32,
}

const BLOCK: usize = 16;

impl Table {
    pub(crate) fn read(r: &mut Reader, classes: usize) -> Result<Table, ModelError> {
        let bits = r.u8("the table header")? as u32;
        let width = r.u8("the table header")? as usize;
        let c = r.u16("the table header")? as usize;
        let rows = r.u32("the table header")? as usize;
        let nnz = r.u32("the table header")? as usize;
        let _scale = r.take(4, "the table header")?;
        if !(6..=28).contains(&bits) {
            return Err(ModelError::Invalid(format!("a table of 2^{bits} rows")));
        }
        if width != 1 && width != 2 {
            return Err(ModelError::Invalid(format!("weights of {width} bytes")));
        }
        if c != classes {
            return Err(ModelError::Invalid(format!(
                "{c} classes in the table, {classes} expected"
            )));
        }
        let words = 1usize << (bits - 6);
        let bitmap = r.take(words * 8, "the bitmap")?;
        let total: usize = bitmap.iter().map(|b| b.count_ones() as usize).sum();
        if total != rows {
            return Err(ModelError::Invalid(format!(
                "{rows} rows in the header, {total} in the bitmap"
            )));
        }
        let counts = r.take(rows, "the row counts")?;
        if let Some(k) = counts.iter().find(|&&k| k == 0 || k as usize > classes) {
            return Err(ModelError::Invalid(format!("a row of {k} weights")));
        }
        let sum: usize = counts.iter().map(|&k| k as usize).sum();
        if sum != nnz {
            return Err(ModelError::Invalid(format!(
                "{nnz} weights in the header, {sum} in the rows"
            )));
        }
        let class = r.take(nnz, "the weight classes")?;
        if class.iter().any(|&k| k as usize >= classes) {
            return Err(ModelError::Invalid("a weight of an unknown class".into()));
        }
        let values = r.take(nnz * width, "the weights")?;
        let stream_len = rows + nnz * (1 + width);
        if stream_len > u32::MAX as usize {
            return Err(ModelError::Invalid("a table too large".into()));
        }
        let mut stream = Vec::with_capacity(stream_len);
        let mut blocks = Vec::with_capacity(words * 64 / BLOCK);
        let (mut row, mut at) = (0usize, 0usize);
        for w in bitmap.chunks_exact(2) {
            let bits = u16::from_le_bytes([w[0], w[1]]) as u32;
            blocks.push(Block {
                bits,
                start: stream.len() as u32,
            });
            for _ in 0..bits.count_ones() {
                let k = counts[row] as usize;
                stream.push(k as u8);
                for j in at..at + k {
                    stream.push(class[j]);
                    stream.extend_from_slice(&values[j * width..(j + 1) * width]);
                }
                at += k;
                row += 1;
            }
        }
        Ok(Table {
            mask: (1u64 << bits) - 1,
            blocks,
            stream,
            width,
        })
    }

    /// Where a feature's row starts in the stream, if it has one; the walk
    /// from its block's first row is left to [`Table::add_at`].
    #[inline]
    pub(crate) fn locate(&self, key: u64) -> Option<(u32, u32)> {
        let b = (key & self.mask) as usize;
        let block = self.blocks[b / BLOCK];
        let bit = 1u32 << (b % BLOCK);
        if block.bits & bit == 0 {
            return None;
        }
        Some((block.start, (block.bits & (bit - 1)).count_ones()))
    }

    /// Reads the first byte of each located row's block in the stream, all
    /// independent loads, so that the walks after find them in cache.
    #[inline]
    pub(crate) fn touch(&self, rows: &[(u32, u32)]) {
        let mut t = 0u8;
        for &(start, _) in rows {
            t ^= self.stream[start as usize];
        }
        std::hint::black_box(t);
    }

    /// Adds the weights of a located row to `scores` (one per class).
    #[inline]
    pub(crate) fn add_at(&self, (start, skip): (u32, u32), scores: &mut [i32]) {
        let s = &self.stream;
        let step = 1 + self.width;
        let mut p = start as usize;
        for _ in 0..skip {
            p += 1 + s[p] as usize * step;
        }
        let k = s[p] as usize;
        let row = &s[p + 1..p + 1 + k * step];
        if self.width == 1 {
            for e in row.chunks_exact(2) {
                scores[e[0] as usize] += e[1] as i8 as i32;
            }
        } else {
            for e in row.chunks_exact(3) {
                scores[e[0] as usize] += i16::from_le_bytes([e[1], e[2]]) as i32;
            }
        }
    }

    /// Adds the weights of a feature to `scores` (one per class).
    #[inline]
    pub(crate) fn add(&self, key: u64, scores: &mut [i32]) {
        if let Some(at) = self.locate(key) {
            self.add_at(at, scores);
        }
    }

    /// Bytes held in memory.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.blocks.len() * std::mem::size_of::<Block>() + self.stream.len()
    }
}

/// Index of the highest score among the allowed classes, the lowest index on
/// a tie (as numpy's argmax).
#[inline]
pub(crate) fn argmax(scores: &[i32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, i32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}
