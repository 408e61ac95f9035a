//! Speed of the syntax models, printed (not asserted): load time, memory, and
//! tagging + parsing a 1,000-word article (the dev articles' sentences), one core.
//!
//! `cargo bench -p crosscheck-engine --bench syntax` (bench profile: opt-level 3).

use std::time::{Duration, Instant};

use crosscheck_engine::analyze::tokens::tokenize;
use crosscheck_engine::segment::split_sentences;
use crosscheck_engine::syntax::{Parser, Tagger};

mod common;
use common::{article_of_1000_words, median, path};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let tagger_bytes = std::fs::read(path("models/tagger.bin")).expect("models/tagger.bin");
    let parser_bytes = std::fs::read(path("models/parser.bin")).expect("models/parser.bin");
    let (tn, pn) = (tagger_bytes.len(), parser_bytes.len());
    let loads: Vec<(Duration, Duration)> = (0..5)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(Tagger::from_bytes(tagger_bytes.clone()).unwrap());
            let a = t.elapsed();
            let t = Instant::now();
            std::hint::black_box(Parser::from_bytes(parser_bytes.clone()).unwrap());
            (a, t.elapsed())
        })
        .collect();
    let tagger = Tagger::from_bytes(tagger_bytes).unwrap();
    let parser = Parser::from_bytes(parser_bytes).unwrap();
    println!(
        "load: tagger {:.1} ms ({} bytes file, {} bytes in memory), parser {:.1} ms ({} bytes file, {} bytes in memory)",
        ms(median(loads.iter().map(|l| l.0).collect())),
        tn,
        tagger.heap_bytes(),
        ms(median(loads.iter().map(|l| l.1).collect())),
        pn,
        parser.heap_bytes()
    );

    let article = article_of_1000_words();
    let sentences: Vec<Vec<&str>> = split_sentences(&article)
        .iter()
        .map(|s| {
            let text = &article[s.start..s.end];
            tokenize(text)
                .iter()
                .map(|t| &text[t.start..t.end])
                .collect()
        })
        .collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let mut tag_times = Vec::new();
    let mut parse_times = Vec::new();
    for _ in 0..200 {
        let mut tags = Vec::with_capacity(sentences.len());
        let t = Instant::now();
        for s in &sentences {
            tags.push(tagger.tag(s));
        }
        tag_times.push(t.elapsed());
        let t = Instant::now();
        for (s, tg) in sentences.iter().zip(&tags) {
            std::hint::black_box(parser.parse(s, tg));
        }
        parse_times.push(t.elapsed());
    }
    // The median, and the fastest run: on a shared machine the least disturbed.
    for (what, tt, pt) in [
        (
            "median",
            median(tag_times.clone()),
            median(parse_times.clone()),
        ),
        (
            "fastest",
            *tag_times.iter().min().unwrap(),
            *parse_times.iter().min().unwrap(),
        ),
    ] {
        println!(
            "1,000-word article ({} sentences, {} tokens), {what} of 200 runs: tagging {:.2} ms, parsing {:.2} ms, together {:.2} ms ({:.0} tokens/s)",
            sentences.len(),
            tokens,
            ms(tt),
            ms(pt),
            ms(tt + pt),
            tokens as f64 / (tt + pt).as_secs_f64()
        );
    }
}
