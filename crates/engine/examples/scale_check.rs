//! Check speed against a prebuilt index, as a deployment would see it: prints
//! the time to read the index, the first check of an article (which analyses
//! the passages it retrieves) and the median of ten more.
//!
//!   cargo run --profile bench -p crosscheck-engine --example scale_check -- INDEX ARTICLE

use std::time::Instant;

use crosscheck_engine::index_file;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [index, article] = args.as_slice() else {
        eprintln!("usage: scale_check INDEX ARTICLE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(index).expect("readable index");
    let article = std::fs::read_to_string(article).expect("readable article");
    let started = Instant::now();
    let checker = index_file::read(&bytes).expect("an index file");
    let load_ms = started.elapsed().as_secs_f64() * 1e3;
    let started = Instant::now();
    checker.check_article(&article);
    let first_ms = started.elapsed().as_secs_f64() * 1e3;
    let mut runs: Vec<f64> = (0..std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10))
        .map(|_| {
            let started = Instant::now();
            checker.check_article(&article);
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    println!(
        "load_ms {load_ms:.0} first_check_ms {first_ms:.1} median_check_ms {:.1}",
        runs[runs.len() / 2]
    );
}
