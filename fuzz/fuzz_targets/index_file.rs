//! Index files from strangers (`crosscheck check --corpus FILE`, a dropped
//! file in the page): reading any bytes is an error or a checker that works.
#![no_main]
use crosscheck_engine::index_file;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// A real index file, so mutations reach past the header.
fn seed_index() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| index_file::write(&crosscheck_engine::Checker::seed()))
}

fn one(bytes: &[u8]) {
    if let Ok(checker) = index_file::read(bytes) {
        let _ = checker.check_claim("The board will be chaired by Trump in 2026.");
    }
}

fuzz_target!(|data: &[u8]| {
    one(data);
    // The seed index with the input written over part of it: a damaged file.
    if data.len() > 4 {
        let mut bytes = seed_index().to_vec();
        let at = u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize % bytes.len();
        for (i, b) in data[4..].iter().enumerate() {
            if let Some(slot) = bytes.get_mut(at + i) {
                *slot = *b;
            }
        }
        one(&bytes);
        one(&bytes[..at]);
    }
});
