//! The syntax models against Python's output (build.py writes the fixture
//! from the same model files), and robustness of loading and inference.

use crosscheck_engine::analyze::tokens::tokenize;
use crosscheck_engine::syntax::{Arc, Label, ModelError, Parser, Tagger, Upos};
use proptest::prelude::*;
use serde_json::Value;

fn model(name: &str) -> Vec<u8> {
    let path = format!("{}/../../models/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture() -> Vec<Value> {
    let path = format!(
        "{}/tests/fixtures/syntax_dev.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|s| s.as_str().expect("a string"))
        .collect()
}

/// Replaces a file's trailing hash so that it matches its (changed) body.
fn rehash(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.len() < 8 {
        return bytes;
    }
    let n = bytes.len() - 8;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in &bytes[..n] {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    bytes[n..].copy_from_slice(&h.to_le_bytes());
    bytes
}

#[test]
fn tagger_reproduces_python() {
    let tagger = Tagger::from_bytes(model("tagger.bin")).expect("the tagger loads");
    let rows = fixture();
    assert!(rows.len() >= 100);
    let mut tokens = 0;
    for row in &rows {
        let text = row["text"].as_str().expect("text");
        let words = strings(&row["words"]);
        // The fixture's words are the engine's tokens of the text.
        let ours: Vec<&str> = tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(ours, words, "{text}");
        let expected: Vec<Upos> = strings(&row["tags"])
            .iter()
            .map(|t| Upos::from_name(t).expect("a UPOS tag"))
            .collect();
        assert_eq!(tagger.tag(&words), expected, "{text}");
        assert_eq!(tagger.tag_tokens(text, &tokenize(text)), expected);
        tokens += words.len();
    }
    assert!(tokens > 1000);
}

#[test]
fn parser_reproduces_python() {
    let parser = Parser::from_bytes(model("parser.bin")).expect("the parser loads");
    let mut arcs = 0;
    for row in &fixture() {
        let words = strings(&row["words"]);
        let tags: Vec<Upos> = strings(&row["tags"])
            .iter()
            .map(|t| Upos::from_name(t).expect("a UPOS tag"))
            .collect();
        let expected: Vec<Arc> = row["heads"]
            .as_array()
            .expect("heads")
            .iter()
            .zip(strings(&row["labels"]))
            .map(|(h, l)| Arc {
                head: h.as_u64().map(|h| h as usize),
                label: Label::from_name(l).expect("a label"),
            })
            .collect();
        let got = parser.parse(&words, &tags);
        assert_eq!(got, expected, "{}", row["text"]);
        assert_eq!(got.iter().filter(|a| a.head.is_none()).count(), 1);
        assert!(got
            .iter()
            .all(|a| (a.head.is_none()) == (a.label == Label::Root)));
        arcs += got.len();
    }
    assert!(arcs > 1000);
}

#[test]
fn parser_finds_who_did_what_to_whom() {
    let tagger = Tagger::from_bytes(model("tagger.bin")).expect("the tagger loads");
    let parser = Parser::from_bytes(model("parser.bin")).expect("the parser loads");
    let words = ["Russia", "attacked", "Ukraine", "in", "2022", "."];
    let arcs = parser.parse(&words, &tagger.tag(&words));
    assert_eq!(
        arcs[1],
        Arc {
            head: None,
            label: Label::Root
        }
    );
    assert_eq!(
        arcs[0],
        Arc {
            head: Some(1),
            label: Label::Nsubj
        }
    );
    assert_eq!(
        arcs[2],
        Arc {
            head: Some(1),
            label: Label::Obj
        }
    );
    let words = [
        "The", "plan", "was", "approved", "by", "the", "council", ".",
    ];
    let arcs = parser.parse(&words, &tagger.tag(&words));
    assert_eq!(arcs[1].label, Label::NsubjPass);
    assert_eq!(
        arcs[6],
        Arc {
            head: Some(3),
            label: Label::OblAgent
        }
    );
    assert!(parser.parse(&[], &[]).is_empty());
    // Fewer tags than words: the rest count as X.
    assert_eq!(parser.parse(&["a", "b", "c"], &[Upos::Det]).len(), 3);
}

#[test]
fn parser_file_errors_are_explained() {
    let good = model("parser.bin");
    let err = |b: Vec<u8>| Parser::from_bytes(b).err().expect("an error");
    let e = err(model("tagger.bin"));
    assert!(e.to_string().contains("not a parser model file"), "{e}");
    assert!(matches!(
        err(good[..good.len() - 1].to_vec()),
        ModelError::HashMismatch { .. }
    ));
    assert!(matches!(
        err(rehash(good[..40].to_vec())),
        ModelError::Truncated(_)
    ));
}

#[test]
fn tagger_file_errors_are_explained() {
    let good = model("tagger.bin");
    let err = |b: Vec<u8>| Tagger::from_bytes(b).err().expect("an error");
    let e = err(b"CCPARS01 and more bytes".to_vec());
    assert!(matches!(e, ModelError::BadMagic { .. }), "{e}");
    assert!(e.to_string().contains("not a tagger model file"), "{e}");
    assert!(matches!(err(good[..5].to_vec()), ModelError::Truncated(_)));
    assert!(matches!(err(Vec::new()), ModelError::Truncated(_)));
    let mut flipped = good.clone();
    flipped[100] ^= 1;
    let e = err(flipped);
    assert!(matches!(e, ModelError::HashMismatch { .. }), "{e}");
    assert!(e.to_string().contains("corrupt"), "{e}");
    let e = err(rehash(good[..good.len() / 2].to_vec()));
    assert!(matches!(e, ModelError::Truncated(_)), "{e}");
    assert!(e.to_string().contains("truncated"), "{e}");
    let mut longer = good[..good.len() - 8].to_vec();
    longer.extend_from_slice(&[0; 16]);
    let e = err(rehash(longer));
    assert!(matches!(e, ModelError::Invalid(_)), "{e}");
}

#[test]
fn tagger_handles_odd_input() {
    let tagger = Tagger::from_bytes(model("tagger.bin")).expect("the tagger loads");
    assert!(tagger.tag(&[]).is_empty());
    assert_eq!(tagger.tag(&[""]).len(), 1);
    use Upos::*;
    assert_eq!(
        tagger.tag(&["The", "cat", "sat", "on", "the", "mat", "."]),
        [Det, Noun, Verb, Adp, Det, Noun, Punct]
    );
}

/// A model file damaged in its header, templates or table start: the byte at
/// `at` replaced and `cut` bytes cut from its end; with `fix` the hash is made
/// to match so that the parsing behind it is exercised.
fn damaged(good: &[u8], at: usize, byte: u8, cut: usize, fix: bool) -> Vec<u8> {
    let mut b = good.to_vec();
    if at < b.len() {
        b[at] = byte;
    }
    if cut > 0 && cut < b.len() {
        b.truncate(b.len() - cut);
    }
    if fix {
        rehash(b)
    } else {
        b
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn tagger_tags_any_words(words in proptest::collection::vec("\\PC{0,12}", 0..40)) {
        static TAGGER: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
        let tagger = TAGGER.get_or_init(|| Tagger::from_bytes(model("tagger.bin")).expect("loads"));
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        prop_assert_eq!(tagger.tag(&refs).len(), words.len());
    }

    #[test]
    fn tagger_loading_never_panics(cut in 0usize..4000, at in 0usize..4000, byte in any::<u8>(), fix in any::<bool>()) {
        static GOOD: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        let good = GOOD.get_or_init(|| model("tagger.bin"));
        let _ = Tagger::from_bytes(damaged(good, at, byte, cut, fix));
    }

    #[test]
    fn parser_parses_any_words(
        words in proptest::collection::vec("\\PC{0,12}", 0..40),
        tags in proptest::collection::vec(0usize..17, 0..45),
    ) {
        static PARSER: std::sync::OnceLock<Parser> = std::sync::OnceLock::new();
        let parser = PARSER.get_or_init(|| Parser::from_bytes(model("parser.bin")).expect("loads"));
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let tags: Vec<Upos> = tags.iter().map(|&t| Upos::ALL[t]).collect();
        let arcs = parser.parse(&refs, &tags);
        prop_assert_eq!(arcs.len(), words.len());
        if !words.is_empty() {
            prop_assert_eq!(arcs.iter().filter(|a| a.head.is_none()).count(), 1);
        }
        // Heads are tokens of the sentence, and following them always reaches the root.
        for (i, a) in arcs.iter().enumerate() {
            let mut at = Some(i);
            let mut steps = 0;
            while let Some(k) = at {
                prop_assert!(k < arcs.len());
                at = arcs[k].head;
                steps += 1;
                prop_assert!(steps <= arcs.len());
            }
            prop_assert!(a.head != Some(i));
        }
    }

    #[test]
    fn parser_loading_never_panics(cut in 0usize..4000, at in 0usize..2000, byte in any::<u8>(), fix in any::<bool>()) {
        static GOOD: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        let good = GOOD.get_or_init(|| model("parser.bin"));
        let _ = Parser::from_bytes(damaged(good, at, byte, cut, fix));
    }

    #[test]
    fn random_bytes_are_rejected(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let mut b = b"CCTAGG01".to_vec();
        b.extend_from_slice(&bytes);
        prop_assert!(Tagger::from_bytes(rehash(b)).is_err());
        let mut b = b"CCPARS01".to_vec();
        b.extend_from_slice(&bytes);
        prop_assert!(Parser::from_bytes(rehash(b)).is_err());
    }
}
