//! Loads `models/vectors.bin`, prints how long that takes, and the nearest keys
//! of each word given (or the similarity of `a~b` pairs):
//!
//!     cargo run --profile bench -p crosscheck-engine --example vectors -- nations kyiv weighing~considering

use std::time::Instant;

use crosscheck_engine::analyze::word_key;
use crosscheck_engine::lexicon::Lexicon;
use crosscheck_engine::vectors::Vectors;

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/vectors.bin");
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let size = bytes.len();
    let mut best = f64::INFINITY;
    let mut vectors = None;
    for _ in 0..10 {
        let copy = bytes.clone();
        let started = Instant::now();
        let v = Vectors::from_bytes(copy).unwrap_or_else(|e| panic!("{path}: {e}"));
        best = best.min(started.elapsed().as_secs_f64());
        vectors = Some(v);
    }
    let v = vectors.expect("loaded");
    fnv_time(&bytes);
    println!(
        "{} keys x {} dims, {size} bytes: loaded in {:.2} ms (best of 10)",
        v.len(),
        v.dims(),
        best * 1e3
    );

    let ids: Vec<u32> = (0..v.len() as u32).step_by(97).collect();
    let started = Instant::now();
    let mut sum = 0.0f32;
    for &a in &ids {
        for &b in &ids {
            sum += v.cosine(a, b);
        }
    }
    let pairs = ids.len() * ids.len();
    println!(
        "cosine: {:.1} ns a pair ({pairs} pairs, checksum {sum:.1})",
        started.elapsed().as_secs_f64() * 1e9 / pairs as f64
    );

    let lex = Lexicon::embedded();
    let key = |w: &str| word_key(w, lex).unwrap_or_default();
    for arg in std::env::args().skip(1) {
        if let Some((a, b)) = arg.split_once('~') {
            let (ka, kb) = (key(a), key(b));
            println!("{a}~{b} ({ka}~{kb}): {:?}", v.similarity(&ka, &kb));
            continue;
        }
        let k = key(&arg);
        match v.id(&k) {
            Some(id) => {
                let near: Vec<String> = v
                    .neighbours(id)
                    .map(|(n, c)| format!("{} {c:.2} ({:.2})", v.key(n), v.cosine(id, n)))
                    .collect();
                println!("{arg} ({k}): {}", near.join(", "));
            }
            None => println!("{arg} ({k}): no vector"),
        }
    }
}

fn fnv_time(bytes: &[u8]) {
    let mut best = f64::INFINITY;
    for _ in 0..10 {
        let t = Instant::now();
        std::hint::black_box(crosscheck_engine::vectors::fnv1a64(std::hint::black_box(
            bytes,
        )));
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("fnv alone: {:.2} ms", best * 1e3);
}
