//! Static word vectors (`models/vectors.bin`): a vector and a few nearest
//! neighbours for each word key, distilled from the sentence encoder
//! all-MiniLM-L6-v2 by `models/vectors/build.py` (see `models/vectors/README.md`).
//!
//! Keys are the engine's word keys ([`crate::analyze::word_key`]: "countries"
//! and "country" are both `countri`). Two similarities are on offer, on
//! different scales:
//! - [`Vectors::neighbours`] gives each key's nearest keys with the cosine of
//!   the encoder's full 384-dimensional vectors (stored to 1/255), and
//! - [`Vectors::cosine`] compares any two keys by their int8 vectors, which
//!   are PCA-reduced around the mean of all keys: ranks agree closely with the
//!   full cosine, but values are lower for unrelated words (see the README).
//!
//! Layout, little-endian:
//! ```text
//! b"CCVECT01", u32 n, u32 d, u32 key block length,
//! key block: the n keys sorted by their UTF-8 bytes, each followed by b'\n',
//! n*d i8 (row i = key i),
//! for each key: u8 count, then count times a u24 key id and a u8 round(cos*255),
//! u64 FNV-1a of everything before it.
//! ```

use std::fmt;

const MAGIC: &[u8; 8] = b"CCVECT01";
/// Magic, n, d and the key block's length.
const HEADER: usize = 20;
const HASH: usize = 8;

/// Why bytes are not a vectors file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VectorsError {
    /// The file does not start with `CCVECT01`.
    BadMagic,
    /// The file ends before the part its header announces.
    Truncated {
        part: &'static str,
        needed: usize,
        len: usize,
    },
    /// The stored FNV-1a hash is not the hash of the content.
    HashMismatch { stored: u64, computed: u64 },
    /// The parts disagree with each other or with the header.
    Inconsistent(String),
}

impl fmt::Display for VectorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VectorsError::BadMagic => write!(f, "not a crosscheck vectors file (no CCVECT01 magic)"),
            VectorsError::Truncated { part, needed, len } => write!(
                f,
                "the vectors file is cut short: its {part} needs {needed} bytes, the file has {len}"
            ),
            VectorsError::HashMismatch { stored, computed } => write!(
                f,
                "the vectors file is damaged: its hash is {stored:#018x}, its content hashes to {computed:#018x}"
            ),
            VectorsError::Inconsistent(what) => write!(f, "the vectors file is inconsistent: {what}"),
        }
    }
}

impl std::error::Error for VectorsError {}

/// A vectors file, parsed. Owns its bytes; lookups read them in place.
pub struct Vectors {
    bytes: Vec<u8>,
    n: usize,
    d: usize,
    /// Start of each key in `bytes`, then one past the last key's newline:
    /// key i is `bytes[key_starts[i]..key_starts[i + 1] - 1]`.
    key_starts: Vec<u32>,
    rows: usize,
    /// 1 / the Euclidean norm of each row (0 for a zero row).
    inv_norms: Vec<f32>,
    /// Where each key's neighbour record (its count byte) starts in `bytes`.
    neighbour_starts: Vec<u32>,
}

impl fmt::Debug for Vectors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vectors")
            .field("keys", &self.n)
            .field("dims", &self.d)
            .finish()
    }
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// FNV-1a, 64 bits.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Vectors {
    /// Parses and checks a vectors file. Any input gives a value or an error, never a panic.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Vectors, VectorsError> {
        let len = bytes.len();
        if len < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(VectorsError::BadMagic);
        }
        let need = |part: &'static str, needed: usize| -> Result<(), VectorsError> {
            if needed > len {
                Err(VectorsError::Truncated { part, needed, len })
            } else {
                Ok(())
            }
        };
        need("header", HEADER)?;
        let n = u32_at(&bytes, 8) as usize;
        let d = u32_at(&bytes, 12) as usize;
        let key_len = u32_at(&bytes, 16) as usize;
        // Every size below is bounded by the file's length before anything is allocated.
        let keys_end = HEADER.saturating_add(key_len);
        need("key block", keys_end)?;
        if n > key_len {
            return Err(VectorsError::Inconsistent(format!(
                "{n} keys cannot fit in a key block of {key_len} bytes"
            )));
        }
        let rows = keys_end;
        let rows_end = n
            .checked_mul(d)
            .and_then(|s| s.checked_add(rows))
            .filter(|&e| e <= len)
            .ok_or(VectorsError::Truncated {
                part: "vectors",
                needed: rows.saturating_add(n.saturating_mul(d)),
                len,
            })?;
        if len > u32::MAX as usize {
            return Err(VectorsError::Inconsistent(format!(
                "{len} bytes is more than a vectors file can address"
            )));
        }

        // Keys: n newline-terminated, valid UTF-8, strictly ascending.
        let block = &bytes[HEADER..keys_end];
        if std::str::from_utf8(block).is_err() {
            return Err(VectorsError::Inconsistent(
                "the key block is not UTF-8".into(),
            ));
        }
        let mut key_starts = Vec::with_capacity(n + 1);
        key_starts.push(HEADER as u32);
        for (i, &b) in block.iter().enumerate() {
            if b == b'\n' {
                key_starts.push((HEADER + i + 1) as u32);
            }
        }
        if key_starts.len() != n + 1 || block.last().is_some_and(|&b| b != b'\n') {
            return Err(VectorsError::Inconsistent(format!(
                "the header says {n} keys, the key block has {} newline-terminated ones",
                key_starts.len() - 1
            )));
        }
        for i in 1..n {
            let (a, b) = (key_span(&key_starts, i - 1), key_span(&key_starts, i));
            if bytes[a.0..a.1] >= bytes[b.0..b.1] {
                return Err(VectorsError::Inconsistent(format!(
                    "keys {} and {i} are not in ascending order",
                    i - 1
                )));
            }
        }

        // Neighbour records.
        let mut neighbour_starts = Vec::with_capacity(n);
        let mut at = rows_end;
        for i in 0..n {
            need("neighbour lists", at + 1)?;
            neighbour_starts.push(at as u32);
            let count = bytes[at] as usize;
            need("neighbour lists", at + 1 + 4 * count)?;
            for j in 0..count {
                let p = at + 1 + 4 * j;
                let id = u32::from_le_bytes([bytes[p], bytes[p + 1], bytes[p + 2], 0]) as usize;
                if id >= n {
                    return Err(VectorsError::Inconsistent(format!(
                        "key {i} has neighbour {id}, but there are {n} keys"
                    )));
                }
            }
            at += 1 + 4 * count;
        }
        need("hash", at + HASH)?;
        if at + HASH != len {
            return Err(VectorsError::Inconsistent(format!(
                "{} bytes after the hash, where the file should end",
                len - at - HASH
            )));
        }
        let stored = u64::from_le_bytes(bytes[at..len].try_into().unwrap_or([0; 8]));
        let computed = fnv1a64(&bytes[..at]);
        // Fuzzing skips the hash so that damaged contents reach the reading
        // below: what the structure checks let through must not panic either.
        if stored != computed && !cfg!(fuzzing) {
            return Err(VectorsError::HashMismatch { stored, computed });
        }

        let inv_norms = if d == 0 {
            vec![0.0; n]
        } else {
            bytes[rows..rows_end]
                .chunks_exact(d)
                .map(|row| {
                    let sq: i32 = row
                        .iter()
                        .map(|&x| (x as i8 as i32) * (x as i8 as i32))
                        .sum();
                    if sq == 0 {
                        0.0
                    } else {
                        1.0 / (sq as f32).sqrt()
                    }
                })
                .collect()
        };
        Ok(Vectors {
            bytes,
            n,
            d,
            key_starts,
            rows,
            inv_norms,
            neighbour_starts,
        })
    }

    /// How many keys.
    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Components of each vector.
    pub fn dims(&self) -> usize {
        self.d
    }

    /// The id of a key (binary search over the sorted keys).
    pub fn id(&self, key: &str) -> Option<u32> {
        let key = key.as_bytes();
        let (mut lo, mut hi) = (0, self.n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (a, b) = key_span(&self.key_starts, mid);
            match self.bytes[a..b].cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }

    /// The key of an id ("" for an id out of range).
    pub fn key(&self, id: u32) -> &str {
        let id = id as usize;
        if id >= self.n {
            return "";
        }
        let (a, b) = key_span(&self.key_starts, id);
        // Checked to be UTF-8 at load, and cut at newlines, so this never fails.
        std::str::from_utf8(&self.bytes[a..b]).unwrap_or("")
    }

    /// Cosine of two keys' reduced int8 vectors (0 for an id out of range or
    /// a zero vector). Does not allocate.
    #[inline]
    pub fn cosine(&self, a: u32, b: u32) -> f32 {
        let (ai, bi) = (a as usize, b as usize);
        if ai >= self.n || bi >= self.n {
            return 0.0;
        }
        let ra = &self.bytes[self.rows + ai * self.d..self.rows + (ai + 1) * self.d];
        let rb = &self.bytes[self.rows + bi * self.d..self.rows + (bi + 1) * self.d];
        dot(ra, rb) as f32 * self.inv_norms[ai] * self.inv_norms[bi]
    }

    /// A key's nearest other keys, nearest first, each with its full-dimension
    /// cosine (to 1/255). Empty for an id out of range.
    pub fn neighbours(&self, id: u32) -> impl Iterator<Item = (u32, f32)> + '_ {
        let record: &[u8] = match self.neighbour_starts.get(id as usize) {
            Some(&at) => {
                let at = at as usize;
                let count = self.bytes[at] as usize;
                &self.bytes[at + 1..at + 1 + 4 * count]
            }
            None => &[],
        };
        record.chunks_exact(4).map(|c| {
            (
                u32::from_le_bytes([c[0], c[1], c[2], 0]),
                c[3] as f32 / 255.0,
            )
        })
    }

    /// Adds a key's unit vector, times `weight`, to `acc` (of [`Vectors::dims`] components).
    pub fn add_to(&self, id: u32, weight: f32, acc: &mut [f32]) {
        let i = id as usize;
        if i >= self.n || acc.len() != self.d {
            return;
        }
        let row = &self.bytes[self.rows + i * self.d..self.rows + (i + 1) * self.d];
        let scale = weight * self.inv_norms[i];
        for (a, &x) in acc.iter_mut().zip(row) {
            *a += x as i8 as f32 * scale;
        }
    }

    /// The cosine of two keys' vectors, when both are known.
    pub fn similarity(&self, a: &str, b: &str) -> Option<f32> {
        Some(self.cosine(self.id(a)?, self.id(b)?))
    }
}

/// Dot product of two int8 rows. The common width gets a fixed-size loop
/// the compiler unrolls into SIMD.
fn dot(a: &[u8], b: &[u8]) -> i32 {
    fn signed(x: &[u8]) -> &[i8] {
        // SAFETY: u8 and i8 have the same size and alignment, and every bit
        // pattern is valid for both.
        unsafe { std::slice::from_raw_parts(x.as_ptr() as *const i8, x.len()) }
    }
    let (a, b) = (signed(a), signed(b));
    if let (Ok(a), Ok(b)) = (<&[i8; 64]>::try_from(a), <&[i8; 64]>::try_from(b)) {
        let mut sum = 0i32;
        for k in 0..64 {
            sum += a[k] as i32 * b[k] as i32;
        }
        return sum;
    }
    a.iter().zip(b).map(|(&x, &y)| x as i32 * y as i32).sum()
}

fn key_span(starts: &[u32], i: usize) -> (usize, usize) {
    (starts[i] as usize, starts[i + 1] as usize - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A vectors file from its parts, as `models/vectors/build.py` writes it.
    fn file(keys: &[&str], d: usize, rows: &[Vec<i8>], neighbours: &[Vec<(u32, u8)>]) -> Vec<u8> {
        let block: Vec<u8> = keys.iter().flat_map(|k| k.bytes().chain([b'\n'])).collect();
        let mut out = MAGIC.to_vec();
        for v in [keys.len() as u32, d as u32, block.len() as u32] {
            out.extend(v.to_le_bytes());
        }
        out.extend(&block);
        out.extend(rows.iter().flatten().map(|&x| x as u8));
        for list in neighbours {
            out.push(list.len() as u8);
            for &(id, cos) in list {
                out.extend(&id.to_le_bytes()[..3]);
                out.push(cos);
            }
        }
        rehash(&mut out, true);
        out
    }

    /// Appends (or, with `append` false, rewrites) the trailing hash.
    fn rehash(bytes: &mut Vec<u8>, append: bool) {
        if !append {
            bytes.truncate(bytes.len() - HASH);
        }
        let h = fnv1a64(bytes);
        bytes.extend(h.to_le_bytes());
    }

    fn small() -> Vec<u8> {
        file(
            &["apple", "banana", "cherry"],
            3,
            &[vec![127, 0, 0], vec![100, 77, 0], vec![0, 0, -127]],
            &[vec![(1, 200)], vec![(0, 200), (2, 3)], vec![]],
        )
    }

    #[test]
    fn a_small_file_round_trips() {
        let v = Vectors::from_bytes(small()).unwrap();
        assert_eq!((v.len(), v.dims(), v.is_empty()), (3, 3, false));
        assert_eq!(v.id("apple"), Some(0));
        assert_eq!(v.id("banana"), Some(1));
        assert_eq!(v.id("cherry"), Some(2));
        assert_eq!(v.id("apples"), None);
        assert_eq!(v.id(""), None);
        assert_eq!(v.id("zzz"), None);
        assert_eq!((v.key(0), v.key(2), v.key(3)), ("apple", "cherry", ""));
        let expected = 100.0 / (100f32 * 100.0 + 77.0 * 77.0).sqrt();
        assert!((v.cosine(0, 1) - expected).abs() < 1e-6);
        assert!((v.cosine(1, 1) - 1.0).abs() < 1e-6);
        assert!((v.cosine(0, 2)).abs() < 1e-6);
        assert_eq!(v.cosine(0, 3), 0.0);
        assert_eq!(v.similarity("apple", "banana"), Some(v.cosine(0, 1)));
        assert_eq!(v.similarity("apple", "kiwi"), None);
        assert_eq!(
            v.neighbours(0).collect::<Vec<_>>(),
            vec![(1, 200.0 / 255.0)]
        );
        assert_eq!(
            v.neighbours(1).map(|(i, _)| i).collect::<Vec<_>>(),
            vec![0, 2]
        );
        assert_eq!(v.neighbours(2).count(), 0);
        assert_eq!(v.neighbours(7).count(), 0);
        let empty = Vectors::from_bytes(file(&[], 8, &[], &[])).unwrap();
        assert!(empty.is_empty() && empty.id("a").is_none());
    }

    #[test]
    fn damaged_files_are_errors() {
        let good = small();
        // Bad magic.
        let mut b = good.clone();
        b[0] = b'X';
        assert_eq!(Vectors::from_bytes(b).unwrap_err(), VectorsError::BadMagic);
        assert_eq!(
            Vectors::from_bytes(Vec::new()).unwrap_err(),
            VectorsError::BadMagic
        );
        // Every truncation is an error: cut short, or (cut inside the hash) a hash mismatch.
        for cut in 0..good.len() {
            let e = Vectors::from_bytes(good[..cut].to_vec()).unwrap_err();
            assert!(
                cut < MAGIC.len()
                    || matches!(
                        e,
                        VectorsError::Truncated { .. } | VectorsError::Inconsistent(_)
                    ),
                "cut at {cut}: {e}"
            );
        }
        assert!(matches!(
            Vectors::from_bytes(good[..good.len() - 1].to_vec()),
            Err(VectorsError::Truncated { part: "hash", .. })
        ));
        // A changed byte: hash mismatch.
        let mut b = good.clone();
        let row = HEADER + "apple\nbanana\ncherry\n".len();
        b[row] ^= 1;
        assert!(matches!(
            Vectors::from_bytes(b),
            Err(VectorsError::HashMismatch { .. })
        ));
        // Inconsistent parts, each with a correct hash.
        let inconsistent = |mutate: &dyn Fn(&mut Vec<u8>)| {
            let mut b = good.clone();
            mutate(&mut b);
            rehash(&mut b, false);
            Vectors::from_bytes(b).unwrap_err()
        };
        // More keys than the block holds.
        let e = inconsistent(&|b| b[8] = 4);
        assert!(matches!(e, VectorsError::Inconsistent(_)), "{e}");
        // Fewer keys than the block holds.
        let e = inconsistent(&|b| b[8] = 2);
        assert!(matches!(e, VectorsError::Inconsistent(_)), "{e}");
        // A huge count.
        let e = inconsistent(&|b| b[8..12].copy_from_slice(&u32::MAX.to_le_bytes()));
        assert!(
            matches!(
                e,
                VectorsError::Inconsistent(_) | VectorsError::Truncated { .. }
            ),
            "{e}"
        );
        // A huge dimension.
        let e = inconsistent(&|b| b[12..16].copy_from_slice(&u32::MAX.to_le_bytes()));
        assert!(
            matches!(
                e,
                VectorsError::Truncated {
                    part: "vectors",
                    ..
                }
            ),
            "{e}"
        );
        // Keys out of order.
        let e = inconsistent(&|b| b[HEADER..HEADER + 5].copy_from_slice(b"zpple"));
        assert!(e.to_string().contains("ascending"), "{e}");
        // Not UTF-8.
        let e = inconsistent(&|b| b[HEADER] = 0xff);
        assert!(e.to_string().contains("UTF-8"), "{e}");
        // A neighbour beyond the keys.
        let nb = row + 9;
        let e = inconsistent(&|b| b[nb + 1] = 9);
        assert!(e.to_string().contains("neighbour 9"), "{e}");
        // Bytes after the end.
        let e = inconsistent(&|b| b.insert(b.len() - HASH, 0));
        assert!(e.to_string().contains("after"), "{e}");
        // Every error says what is wrong.
        for e in [
            VectorsError::BadMagic,
            e,
            VectorsError::HashMismatch {
                stored: 1,
                computed: 2,
            },
        ] {
            assert!(
                e.to_string().starts_with("the vectors file") || e.to_string().starts_with("not a")
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = Vectors::from_bytes(bytes.clone());
            let mut b = MAGIC.to_vec();
            b.extend(bytes);
            let _ = Vectors::from_bytes(b);
        }

        /// Changed bytes of a good file, rehashed so that parsing goes past the hash check:
        /// an error, or a file whose every lookup works.
        #[test]
        fn rehashed_damage_never_panics(
            edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4),
            cut in any::<usize>(),
        ) {
            let mut b = small();
            b.truncate(b.len() - HASH);
            for (at, byte) in edits {
                let at = at % b.len();
                b[at] = byte;
            }
            b.truncate(MAGIC.len() + cut % (b.len() + 1 - MAGIC.len()));
            rehash(&mut b, true);
            if let Ok(v) = Vectors::from_bytes(b) {
                for i in 0..v.len() as u32 + 1 {
                    let k = v.key(i).to_string();
                    prop_assert!(i as usize >= v.len() || v.id(&k) == Some(i));
                    let _ = v.cosine(i, 0);
                    let _ = v.neighbours(i).count();
                }
            }
        }
    }

    /// The committed file, built by models/vectors/build.py.
    fn real() -> Vectors {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/vectors.bin");
        let bytes = std::fs::read(path).expect("models/vectors.bin");
        let started = std::time::Instant::now();
        let v = Vectors::from_bytes(bytes).expect("models/vectors.bin loads");
        eprintln!(
            "loaded {} keys x {} dims in {:?}",
            v.len(),
            v.dims(),
            started.elapsed()
        );
        v
    }

    #[test]
    fn the_committed_file_knows_paraphrases() {
        let v = real();
        assert!(v.len() > 40_000, "{} keys", v.len());
        let sim = |a: &str, b: &str| {
            v.similarity(a, b)
                .unwrap_or_else(|| panic!("{a} or {b} missing"))
        };
        // Keys are the engine's: "countries" and "country" are both countri.
        let countri = v.id("countri").unwrap();
        let nation = v.id("nation").unwrap();
        assert!(
            sim("countri", "nation") > 0.6,
            "{}",
            sim("countri", "nation")
        );
        assert!(sim("countri", "nation") > sim("countri", "banana") + 0.4);
        assert!(sim("kyiv", "ukrain") > sim("kyiv", "banana") + 0.3);
        assert!(sim("examin", "studi") > sim("examin", "banana"));
        // "country"'s own eight nearest are all countries and continents (britain 0.78 ...),
        // but "nation"'s include it.
        let near: Vec<(u32, f32)> = v.neighbours(nation).collect();
        let named = || near.iter().map(|&(i, c)| (v.key(i), c)).collect::<Vec<_>>();
        let cos = near.iter().find(|&&(i, _)| i == countri).map(|&(_, c)| c);
        assert!(cos.is_some_and(|c| c > 0.7), "{:?}", named());
        let near: Vec<(u32, f32)> = v.neighbours(countri).collect();
        assert!(
            near.iter().any(|&(i, _)| v.key(i) == "britain"),
            "{:?}",
            named()
        );
        assert!(near.windows(2).all(|w| w[0].1 >= w[1].1), "nearest first");
        assert!(
            near.iter().all(|&(i, _)| i != countri),
            "not its own neighbour"
        );
        for (i, c) in near {
            assert!(c >= 0.55 - 1.0 / 255.0, "{} {c}", v.key(i));
        }
        assert!((v.cosine(countri, countri) - 1.0).abs() < 1e-5);
        assert_eq!(v.key(countri), "countri");
    }
}
