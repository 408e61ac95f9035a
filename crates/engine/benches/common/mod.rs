//! What the benchmarks share: the project's files, the median of runs, and the
//! 1,000-word article they time.

use std::time::Duration;

/// A path relative to the repository's root.
pub fn path(rel: &str) -> String {
    format!("{}/../../{rel}", env!("CARGO_MANIFEST_DIR"))
}

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// A 1,000-word article made of the dev articles' sentences, repeated as needed.
pub fn article_of_1000_words() -> String {
    let text =
        std::fs::read_to_string(path("tests/fixtures/articles.jsonl")).expect("dev articles");
    let mut sentences = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for s in v["sentences"].as_array().unwrap() {
            sentences.push(s["text"].as_str().unwrap().to_string());
        }
    }
    let mut out = String::new();
    let mut words = 0;
    for s in sentences.iter().cycle() {
        if words >= 1000 {
            break;
        }
        words += s.split_whitespace().count();
        out.push_str(s);
        out.push(' ');
    }
    out
}
