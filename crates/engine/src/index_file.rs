//! Prebuilt index files (`crosscheck index`): a corpus read, segmented and
//! indexed once, so that loading it does no indexing. Sentence analyses are
//! not stored; a checker analyses a passage the first time a check retrieves
//! it, which keeps the file close to the size of the text.
//!
//! Layout: the magic bytes `CROSSCHECK-INDEX`, a little-endian u32 format
//! version, then a postcard-encoded [`IndexFile`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::analyze::entities::EntityTable;
use crate::corpus::{Document, SentenceRef};
use crate::retrieve::{get_varint, put_varint, Index};
use crate::Checker;

const MAGIC: &[u8; 16] = b"CROSSCHECK-INDEX";
/// Bumped whenever the layout or the meaning of a stored field changes. Place
/// ids come from the lexicon's place groups, so a change to those groups is
/// one (version 3: capitals no longer grouped with their continent). So is a
/// change to which words a sentence is indexed under (version 4: a verb of
/// denial before its clause, "denied that", is structure, not content).
pub const FORMAT_VERSION: u32 = 5;

/// The stored fields, as read. [`IndexFileRef`] writes the same fields
/// borrowed, so writing copies nothing (postcard encodes a slice as a Vec).
#[derive(Deserialize)]
struct IndexFile {
    /// The engine version that wrote the file, for messages only.
    #[allow(dead_code)]
    engine: String,
    documents: Vec<Document>,
    #[serde(with = "crate::bytes")]
    sentences: Vec<u8>,
    index: Index,
    people: EntityTable,
}

#[derive(Serialize)]
struct IndexFileRef<'a> {
    engine: &'a str,
    documents: &'a [Document],
    #[serde(with = "crate::bytes")]
    sentences: Vec<u8>,
    index: &'a Index,
    people: &'a EntityTable,
}

#[derive(Debug, PartialEq, Eq)]
pub enum IndexError {
    NotAnIndex,
    Version { found: u32 },
    Corrupt(String),
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexError::NotAnIndex => write!(f, "not a crosscheck index file"),
            IndexError::Version { found } => write!(
                f,
                "index format version {found}, but this crosscheck reads version {FORMAT_VERSION}: rebuild it with `crosscheck index`"
            ),
            IndexError::Corrupt(e) => write!(f, "the index file is damaged or cut short ({e}): rebuild it with `crosscheck index`"),
        }
    }
}

impl std::error::Error for IndexError {}

/// Whether `bytes` start like an index file.
pub fn is_index(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// The index file of a checker's corpus.
pub fn write(checker: &Checker) -> Vec<u8> {
    write_as(checker, env!("CARGO_PKG_VERSION"))
}

/// The index file as a given engine version would label it: with the same
/// label, the same corpus always gives the same bytes (maps are written sorted).
fn write_as(checker: &Checker, engine: &str) -> Vec<u8> {
    // A checker of a server's passages has no index of its own: its file
    // holds none, and reading it says the file is damaged.
    let empty;
    let index = match checker.index() {
        Some(index) => index,
        None => {
            empty = Index::default();
            &empty
        }
    };
    let file = IndexFileRef {
        engine,
        documents: &checker.documents,
        sentences: encode_sentences(&checker.sentences),
        index,
        people: checker.people(),
    };
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    // Serialising plain data into a Vec cannot fail.
    out.extend(postcard::to_allocvec(&file).unwrap_or_default());
    out
}

/// A checker from an index file; a wrong or damaged file is an error, never a panic.
pub fn read(bytes: &[u8]) -> Result<Checker, IndexError> {
    let rest = bytes.strip_prefix(MAGIC).ok_or(IndexError::NotAnIndex)?;
    let (version, body) = rest
        .split_at_checked(4)
        .ok_or(IndexError::Corrupt("no version".into()))?;
    let found = u32::from_le_bytes(version.try_into().unwrap_or_default());
    if found != FORMAT_VERSION {
        return Err(IndexError::Version { found });
    }
    let file: IndexFile =
        postcard::from_bytes(body).map_err(|e| IndexError::Corrupt(e.to_string()))?;
    let sentences = decode_sentences(&file.sentences)
        .ok_or_else(|| IndexError::Corrupt("sentence offsets".into()))?;
    // Every stored range must point into its document, or checks would panic later.
    let ok = sentences.iter().all(|s| {
        file.documents
            .get(s.doc as usize)
            .is_some_and(|d| s.start <= s.end && d.text.get(s.start..s.end).is_some())
    }) && file.index.is_consistent(sentences.len());
    if !ok {
        return Err(IndexError::Corrupt("ranges out of bounds".into()));
    }
    Ok(Checker::from_parts(
        file.documents,
        sentences,
        file.index,
        file.people,
    ))
}

/// Sentence ranges as varints: the step to the next document, the gap after
/// the previous sentence's end, the length. About three bytes a sentence.
fn encode_sentences(sentences: &[SentenceRef]) -> Vec<u8> {
    let mut out = Vec::with_capacity(sentences.len() * 3);
    let (mut doc, mut end) = (0, 0);
    for s in sentences {
        if s.doc != doc {
            end = 0;
        }
        put_varint(&mut out, (s.doc - doc) as u64);
        put_varint(&mut out, (s.start - end) as u64);
        put_varint(&mut out, (s.end - s.start) as u64);
        (doc, end) = (s.doc, s.end);
    }
    out
}

fn decode_sentences(bytes: &[u8]) -> Option<Vec<SentenceRef>> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let (mut doc, mut end, mut at) = (0u32, 0usize, 0);
    while at < bytes.len() {
        let step = u32::try_from(get_varint(bytes, &mut at)?).ok()?;
        if step > 0 {
            end = 0;
        }
        doc = doc.checked_add(step)?;
        let start = end.checked_add(usize::try_from(get_varint(bytes, &mut at)?).ok()?)?;
        end = start.checked_add(usize::try_from(get_varint(bytes, &mut at)?).ok()?)?;
        out.push(SentenceRef { doc, start, end });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seed corpus's index file (unlabelled) under each format version,
    /// hashed. A change to the engine that changes these bytes changes what a
    /// file holds (stems it is indexed under, people it learnt, sentence
    /// ranges), so files written before it would load and quietly check
    /// differently from a fresh build. Entries are added, never edited.
    // Version 5's fingerprint changed once without a format change: the seed
    // articles gained their house style (dropped lines, a date), 2026-12-06.
    const SEED_FINGERPRINTS: &[(u32, u64)] = &[(5, 0xabc7_f70e_4c91_0411)];

    /// FNV-1a: enough to tell two files apart, with no dependency.
    fn fingerprint(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
            (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
        })
    }

    #[test]
    fn the_seed_index_changes_only_with_the_format_version() {
        let bytes = write_as(&Checker::seed(), "");
        assert_eq!(bytes, write_as(&Checker::seed(), ""), "not reproducible");
        let now = fingerprint(&bytes);
        let recorded = SEED_FINGERPRINTS
            .iter()
            .find(|(v, _)| *v == FORMAT_VERSION)
            .map(|&(_, f)| f);
        assert_eq!(
            recorded,
            Some(now),
            "The seed corpus's index file is no longer what format version {FORMAT_VERSION} \
             wrote, so files built before this change would load and check differently. \
             Bump FORMAT_VERSION and add ({}, {now:#018x}) to SEED_FINGERPRINTS. (Only if \
             the seed articles themselves changed, record {now:#018x} under the current version.)",
            FORMAT_VERSION + 1
        );
    }

    #[test]
    fn round_trip_checks_exactly_as_the_corpus() {
        let built = Checker::seed();
        let bytes = write(&built);
        assert!(is_index(&bytes));
        let loaded = read(&bytes).unwrap();
        for claim in [
            "The Kremlin is considering the offer.",
            "The board would be chaired by Putin himself.",
            "The board will meet in Geneva in March.",
        ] {
            assert_eq!(
                loaded.check_claim(claim),
                built.check_claim(claim),
                "{claim}"
            );
        }
        let article = crate::corpus::seed_documents()[1].text.clone();
        assert_eq!(
            loaded.check_article(&article),
            built.check_article(&article)
        );
    }

    #[test]
    fn bad_files_are_errors() {
        let bytes = write(&Checker::seed());
        assert_eq!(read(b"hello").err(), Some(IndexError::NotAnIndex));
        assert_eq!(
            read(MAGIC).err(),
            Some(IndexError::Corrupt("no version".into()))
        );
        let mut old = bytes.clone();
        old[16..20].copy_from_slice(&99u32.to_le_bytes());
        assert_eq!(read(&old).err(), Some(IndexError::Version { found: 99 }));
        for cut in [20, 100, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                matches!(read(&bytes[..cut]), Err(IndexError::Corrupt(_))),
                "cut at {cut}"
            );
        }
        // Flipped bytes anywhere: an error or a checker that still works, never a panic.
        for k in (20..bytes.len()).step_by(bytes.len() / 97 + 1) {
            let mut bad = bytes.clone();
            bad[k] ^= 0x5a;
            if let Ok(c) = read(&bad) {
                c.check_article("The Kremlin is considering the offer. Putin chairs the board.");
            }
        }
    }
}
