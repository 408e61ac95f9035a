//! Model files fetched beside corpus.idx: damaged or hostile bytes are an
//! error named by the file, never a panic. The first byte picks the format;
//! the rest is written over the real file (or read alone).
#![no_main]
use crosscheck_engine::decide::DecisionModel;
use crosscheck_engine::lexicon::Lexicon;
use crosscheck_engine::syntax::{parser::Parser, tagger::Tagger};
use crosscheck_engine::vectors::Vectors;
use libfuzzer_sys::fuzz_target;

const REAL: [&[u8]; 5] = [
    include_bytes!("../../models/vectors.bin"),
    include_bytes!("../../models/tagger.bin"),
    include_bytes!("../../models/parser.bin"),
    include_bytes!("../../models/decision.json"),
    include_bytes!("../../crates/engine/data/lexicon.txt"),
];

fn load(kind: usize, bytes: Vec<u8>) {
    let words = ["The", "board", "was", "chaired", "by", "Trump", "."];
    match kind {
        0 => {
            if let Ok(v) = Vectors::from_bytes(bytes) {
                let _ = v.similarity("board", "council");
                if let Some(id) = v.id("board") {
                    let _: Vec<_> = v.neighbours(id).collect();
                }
            }
        }
        1 => {
            if let Ok(t) = Tagger::from_bytes(bytes) {
                assert_eq!(t.tag(&words).len(), words.len());
            }
        }
        2 => {
            if let Ok(p) = Parser::from_bytes(bytes) {
                let tags = vec![crosscheck_engine::syntax::Upos::Noun; words.len()];
                assert_eq!(p.parse(&words, &tags).len(), words.len());
            }
        }
        3 => {
            if let Ok(d) = DecisionModel::from_json(&String::from_utf8_lossy(&bytes)) {
                let f = vec![0.5; crosscheck_engine::verify::features::CLAIM_LEN];
                let p = d.score(&f);
                let k = d.verdict(p);
                assert!((0.0..=1.0).contains(&d.calibrated(k, p[k])));
            }
        }
        _ => {
            let lex = Lexicon::parse(&String::from_utf8_lossy(&bytes));
            let _ = lex.synonyms("board");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let kind = first as usize % 5;
    if first & 0x80 != 0 && rest.len() >= 4 {
        // Mutate the real file at an offset, keeping its length.
        let real = REAL[kind];
        let at = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize % real.len();
        let mut bytes = real.to_vec();
        for (i, b) in rest[4..].iter().enumerate() {
            if let Some(slot) = bytes.get_mut(at + i) {
                *slot = *b;
            }
        }
        load(kind, bytes);
    } else {
        load(kind, rest.to_vec());
    }
});
