//! `check_article` and `check_article_sentence` on any text, against the seed
//! corpus with the bundled models. The first two bytes pick a sentence index,
//! which may be out of range: the public API must answer `None`, not panic.
#![no_main]
use crosscheck_engine::{prepare_article, Checker};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(Checker::seed)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let index = u16::from_le_bytes([data[0], data[1]]) as usize;
    let text = String::from_utf8_lossy(&data[2..]);
    let report = checker().check_article(&text);
    let chars = text.chars().count();
    for s in &report.sentences {
        assert!(s.range[0] <= s.range[1] && s.range[1] <= chars);
        assert!((0.0..=1.0).contains(&s.confidence));
    }
    let article = prepare_article(&text);
    let one = checker().check_article_sentence(&article, index);
    assert_eq!(one.is_some(), index < article.sentences.len());
});
