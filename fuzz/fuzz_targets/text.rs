//! Segmentation and analysis of any text: arbitrary bytes read as text (lossy)
//! and, when they are UTF-8, as they are. Every sentence span must lie inside
//! the text on character boundaries, and analysis must not panic.
#![no_main]
use crosscheck_engine::analyze::{analyze_with, entities::EntityTable};
use crosscheck_engine::lexicon::Lexicon;
use crosscheck_engine::segment::split_sentences;
use crosscheck_engine::Models;
use libfuzzer_sys::fuzz_target;

fn one(text: &str) {
    let models = Models::bundled();
    let lex = Lexicon::embedded();
    let mut end = 0;
    for span in split_sentences(text) {
        assert!(span.start >= end && span.start <= span.end && span.end <= text.len());
        let sentence = text
            .get(span.start..span.end)
            .expect("a span on char boundaries");
        end = span.end;
        let a = analyze_with(sentence, lex, &EntityTable::default(), &models);
        for t in &a.tokens {
            assert!(
                sentence.get(t.start..t.end).is_some(),
                "token off a char boundary"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        one(text);
    }
    one(&String::from_utf8_lossy(data));
});
