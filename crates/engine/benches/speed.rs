//! Speed figures, printed (not asserted): a 1,000-word article against the seed
//! corpus, and claims per second on FEVER-1000 against its corpus, one core.
//!
//! `cargo bench -p crosscheck-engine` (bench profile: opt-level 3).

use std::time::{Duration, Instant};

use crosscheck_engine::{corpus, Checker};

mod common;
use common::{article_of_1000_words, median, path};

fn fixture(rel: &str) -> String {
    path(&format!("tests/fixtures/{rel}"))
}

fn main() {
    let start = Instant::now();
    let seed = Checker::seed();
    println!(
        "seed corpus: {} sentences indexed in {:.1} ms",
        seed.sentence_count(),
        start.elapsed().as_secs_f64() * 1e3
    );

    let article = article_of_1000_words();
    let words = article.split_whitespace().count();
    let runs: Vec<Duration> = (0..60)
        .map(|_| {
            let t = Instant::now();
            let report = seed.check_article(&article);
            std::hint::black_box(report);
            t.elapsed()
        })
        .collect();
    let fastest = runs.iter().min().copied().unwrap_or_default();
    let m = median(runs);
    println!(
        "check a {words}-word article against the seed corpus: median {:.2} ms, fastest {:.2} ms over 60 runs",
        m.as_secs_f64() * 1e3,
        fastest.as_secs_f64() * 1e3
    );

    let t = Instant::now();
    let docs =
        corpus::load(std::path::Path::new(&fixture("fever/corpus.jsonl"))).expect("FEVER corpus");
    let fever = Checker::new(docs);
    println!(
        "FEVER corpus: {} sentences indexed in {:.0} ms",
        fever.sentence_count(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let claims: Vec<String> = std::fs::read_to_string(fixture("fever/claims.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["claim"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        for c in &claims {
            std::hint::black_box(fever.check_claim(c));
        }
        best = best.min(t.elapsed());
    }
    println!(
        "FEVER: {} claims in {:.0} ms: {:.0} claims per second (one core, best of 3)",
        claims.len(),
        best.as_secs_f64() * 1e3,
        claims.len() as f64 / best.as_secs_f64()
    );
}
