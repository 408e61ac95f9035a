//! An added source: HTML and Markdown reduced to text, and JSON Lines corpora.
//! Reduction must not panic and the result must be usable as a document.
#![no_main]
use crosscheck_engine::corpus::{self, markup};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (title, body) = markup::html_text(&text);
    let doc = corpus::document("fuzz.html".into(), body, title);
    let _ = corpus::sentences(&[doc]);
    let (title, body) = markup::markdown_text(&text);
    let _ = corpus::document("fuzz.md".into(), body, title);
    if let Ok(docs) = corpus::parse_jsonl(&text, "fuzz.jsonl") {
        let _ = corpus::sentences(&docs);
    }
});
