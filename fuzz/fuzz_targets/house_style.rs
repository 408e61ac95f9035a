//! House-style files and patterns. Any text as a pattern is refused with a
//! message or written for Rust so that `regex` compiles it (only a pattern
//! too large once compiled may fail there); any text as a file is refused or
//! read, and a file that reads prepares documents and marks sentences
//! without panicking.
#![no_main]
use crosscheck_engine::corpus;
use crosscheck_engine::house_style::{native, pattern, HouseStyle};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for ignore_case in [false, true] {
        if let Ok(p) = pattern::translate(&text, ignore_case) {
            if let Err(e) = native::compile(&p) {
                assert!(e.contains("too large"), "{text:?} written as {:?}: {e}", p.rust);
            }
        }
    }
    if let Ok(style) = HouseStyle::parse_native(&text) {
        let doc = corpus::document("fuzz.txt".into(), text.to_string(), None);
        let prepared = style.prepare(doc);
        let _ = corpus::sentences(&[prepared]);
        let _ = style.not_a_claim(&text);
    }
    // The seed corpus's own style on any document text.
    static SEED: std::sync::OnceLock<HouseStyle> = std::sync::OnceLock::new();
    let seed = SEED.get_or_init(|| {
        HouseStyle::parse_native(crosscheck_engine::house_style::SEED).unwrap()
    });
    let prepared = seed.prepare(corpus::document("fuzz.txt".into(), text.to_string(), None));
    let _ = corpus::sentences(&[prepared]);
});
