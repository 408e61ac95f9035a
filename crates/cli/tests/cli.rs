//! The `crosscheck` binary end to end: exit codes, the JSON contract, and the
//! accuracy bars on the evaluation fixtures.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");

fn fixture(path: &str) -> String {
    format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

/// `crosscheck check - --corpus CORPUS --format json` on `text`.
fn check_json(corpus: &str, text: &str) -> Output {
    run(
        &["check", "-", "--corpus", corpus, "--format", "json"],
        Some(text),
    )
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_reads_stdin_and_prints_a_verdict_per_sentence() {
    let o = run(
        &["check"],
        Some("Invitations have been sent out to more than 60 nations. Follow us on X."),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("[SUPPORTED"), "{out}");
    assert!(out.contains("[not a claim]"), "{out}");
}

/// A fresh folder for one test's files, named after it (tests run in parallel).
fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn check_json_is_the_report_contract() {
    let dir = scratch_dir("check");
    let article = dir.join("article.txt");
    std::fs::write(&article, "The peace council is expected to oversee a 12-point framework aimed at ending the war in Gaza.").unwrap();
    let o = run(
        &["check", article.to_str().unwrap(), "--format", "json"],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&o.stdout).expect("JSON report");
    assert_eq!(report["version"], 1);
    assert_eq!(report["corpus"]["documents"], 5);
    let s = &report["sentences"][0];
    assert_eq!(s["verdict"], "conflicting");
    assert_eq!(s["mismatches"][0]["kind"], "number");
    assert!(
        s["explanation"].as_str().unwrap().contains("20-point"),
        "{}",
        s["explanation"]
    );
    let e = &s["evidence"][0];
    assert_eq!(e["doc"], "002_1e1894be3030caf2.txt");
    for key in ["title", "text", "range", "matched", "differing", "stance"] {
        assert!(e.get(key).is_some(), "evidence lacks {key}");
    }
}

#[test]
fn bad_usage_exits_2_with_a_message() {
    let cases: &[(&[&str], &str)] = &[
        (&[], "usage"),
        (&["frobnicate"], "unknown command"),
        (&["check", "--format", "xml"], "--format"),
        (&["check", "--bogus"], "unknown option"),
        (
            &["check", "/no/such/article.txt"],
            "cannot read /no/such/article.txt",
        ),
        (
            &["check", "-", "--corpus", "/no/such/corpus"],
            "cannot read corpus",
        ),
        (&["eval"], "eval takes one FILE"),
        (&["eval", "/no/such/claims.jsonl"], "cannot read"),
    ];
    for (args, message) in cases {
        let o = run(args, Some(""));
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn corrupt_inputs_exit_2_and_name_the_line() {
    let dir = scratch_dir("bad");
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(&corpus, "{\"doc\": \"a\", \"text\": \"fine\"}\n{oops\n").unwrap();
    let o = run(
        &["check", "-", "--corpus", corpus.to_str().unwrap()],
        Some("Text."),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 2"), "{}", stderr(&o));
    let claims = dir.join("claims.jsonl");
    std::fs::write(
        &claims,
        "{\"id\": 1, \"claim\": \"x\", \"label\": \"maybe\"}\n",
    )
    .unwrap();
    let o = run(&["eval", claims.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown label"), "{}", stderr(&o));
}

#[test]
fn a_folder_corpus_works() {
    let dir = scratch_dir("dir");
    std::fs::write(
        dir.join("a.txt"),
        "The bridge over the river opened in 1932.",
    )
    .unwrap();
    std::fs::write(dir.join("ignored.bin"), [0u8, 159, 146, 150]).unwrap();
    let o = check_json(
        dir.to_str().unwrap(),
        "The bridge over the river opened in 1935.",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["corpus"]["documents"], 1);
    assert_eq!(report["sentences"][0]["verdict"], "conflicting");
    assert_eq!(report["sentences"][0]["evidence"][0]["doc"], "a.txt");
}

/// HTML pages are reduced to their article text, Markdown keeps its prose,
/// empty files are skipped with a warning; JSON Lines metadata reaches the evidence.
#[test]
fn html_markdown_and_metadata() {
    let dir = scratch_dir("markup");
    std::fs::write(
        dir.join("page.html"),
        "<html><head><title>Bridge news</title><script>var opened = 1990;</script></head><body>\
         <nav>Home</nav><article><p>The bridge over the river opened in 1932.</p></article></body></html>",
    )
    .unwrap();
    std::fs::write(
        dir.join("notes.md"),
        "# Dam\n\nThe **dam** was finished in 1950.",
    )
    .unwrap();
    std::fs::write(dir.join("empty.txt"), "  \n").unwrap();
    let text = "The bridge over the river opened in 1990. The dam was finished in 1950.";
    let o = check_json(dir.to_str().unwrap(), text);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("empty.txt: no text, skipped"),
        "{}",
        stderr(&o)
    );
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["corpus"]["documents"], 2);
    assert_eq!(
        report["sentences"][0]["verdict"], "conflicting",
        "the script's 1990 is not text"
    );
    assert_eq!(
        report["sentences"][0]["evidence"][0]["title"],
        "Bridge news"
    );
    assert_eq!(report["sentences"][1]["verdict"], "supported");

    let jsonl = dir.join("c.jsonl");
    std::fs::write(
        &jsonl,
        r#"{"doc": "d1", "title": "Bridge", "url": "https://news.example/bridge", "date": "2024-05-01", "text": "The bridge over the river opened in 1932."}"#,
    )
    .unwrap();
    let o = check_json(jsonl.to_str().unwrap(), text);
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let e = &report["sentences"][0]["evidence"][0];
    assert_eq!(
        (e["url"].as_str(), e["date"].as_str()),
        (Some("https://news.example/bridge"), Some("2024-05-01"))
    );
}

/// `crosscheck index` writes a file that `--corpus` loads, with the same
/// results as the corpus it came from; a damaged file is a clear error.
#[test]
fn an_index_file_checks_as_its_corpus() {
    let dir = scratch_dir("index");
    let idx = dir.join("fever.idx");
    let idx = idx.to_str().unwrap();
    let corpus = fixture("fever/corpus.jsonl");
    let o = run(&["index", &corpus, "-o", idx], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("1855 documents"), "{}", stderr(&o));
    let article = "Stranger Things is set in Indiana. The series premiered on Netflix in 2016.";
    let from_index = check_json(idx, article);
    let from_corpus = check_json(&corpus, article);
    assert!(from_index.status.success(), "{}", stderr(&from_index));
    assert_eq!(from_index.stdout, from_corpus.stdout);

    let mut bytes = std::fs::read(idx).unwrap();
    bytes.truncate(bytes.len() / 3);
    let cut = dir.join("cut.idx");
    std::fs::write(&cut, &bytes).unwrap();
    let o = run(
        &["check", "-", "--corpus", cut.to_str().unwrap()],
        Some(article),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("damaged or cut short"),
        "{}",
        stderr(&o)
    );
    bytes[16..20].copy_from_slice(&7u32.to_le_bytes());
    std::fs::write(&cut, &bytes).unwrap();
    let o = run(
        &["check", "-", "--corpus", cut.to_str().unwrap()],
        Some(article),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("format version 7"), "{}", stderr(&o));
    let o = run(&["index", &corpus], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("needs -o FILE"), "{}", stderr(&o));
}

fn eval(file: &str, corpus: Option<&str>, predictions: Option<&str>) -> Value {
    let file = fixture(file);
    let corpus = corpus.map(fixture);
    let mut args = vec!["eval", file.as_str(), "--json"];
    if let Some(c) = &corpus {
        args.extend(["--corpus", c.as_str()]);
    }
    if let Some(p) = predictions {
        args.extend(["--predictions", p]);
    }
    let o = run(&args, None);
    assert!(o.status.success(), "{}", stderr(&o));
    let scores: Value = serde_json::from_slice(&o.stdout).unwrap();
    println!("{file}: {}", serde_json::to_string(&scores).unwrap());
    scores
}

fn f(v: &Value) -> f64 {
    v.as_f64().expect("a number")
}

/// Fails unless the score `v` reaches `bar`, naming what fell short.
fn at_least(v: &Value, bar: f64, what: &str) {
    assert!(f(v) >= bar, "{what} {v} < {bar}");
}

/// Accuracy floors. The engine's verdicts come from a model trained on data
/// that is not an evaluation set (issue 15), and it does not reach every bar
/// that issue sets (see the README's accuracy table). These floors sit just
/// under the measured figures so that a change that loses accuracy fails;
/// raise them as the engine improves. Each test prints its figure beside the
/// issue's bar.
struct Floor {
    what: &'static str,
    floor: f64,
    issue_bar: f64,
}

impl Floor {
    fn check(&self, v: &Value) {
        println!(
            "{}: {:.3} (regression floor {}, issue bar {})",
            self.what,
            f(v),
            self.floor,
            self.issue_bar
        );
        at_least(v, self.floor, &format!("{} (regression floor)", self.what));
    }
}

/// Dev claims: measured macro-F1 0.781 (issue bar 0.85, every class 0.80),
/// and no gold-conflicting claim called supported at confidence 0.9 or more
/// (a bar the engine meets, held exactly).
#[test]
fn dev_claims_hold_their_level() {
    let dir = scratch_dir("pred");
    let pred = dir.join("pred.jsonl");
    let s = eval("claims.jsonl", None, Some(pred.to_str().unwrap()));
    assert_eq!(s["n"], 150);
    for key in [
        "accuracy",
        "macro_f1",
        "per_class",
        "confusion",
        "reliability",
    ] {
        assert!(s.get(key).is_some(), "--json lacks {key}");
    }
    let lines: Vec<Value> = std::fs::read_to_string(&pred)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 150);
    for key in ["id", "label", "confidence", "evidence", "explanation"] {
        assert!(lines[0].get(key).is_some(), "prediction lacks {key}");
    }
    Floor {
        what: "dev macro-F1",
        floor: 0.76,
        issue_bar: 0.85,
    }
    .check(&s["macro_f1"]);
    for class in ["supported", "conflicting", "unsupported"] {
        Floor {
            what: "dev class F1",
            floor: 0.70,
            issue_bar: 0.80,
        }
        .check(&s["per_class"][class]["f1"]);
    }
    assert_eq!(
        s["confident_false_support"], 0,
        "a gold-conflicting dev claim was called supported at confidence >= 0.9"
    );
    // The reliability table covers every claim once.
    let banded: u64 = s["reliability"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["n"].as_u64().unwrap())
        .sum();
    assert_eq!(banded, 150);
}

/// Sentence accuracy on the dev articles, `none` included: measured 0.808.
#[test]
fn dev_articles_hold_their_level() {
    let s = eval("articles.jsonl", None, None);
    assert_eq!(s["n"], 52);
    Floor {
        what: "dev articles accuracy",
        floor: 0.78,
        issue_bar: 0.90,
    }
    .check(&s["accuracy"]);
}

/// FEVER-1000: measured macro-F1 0.601.
#[test]
fn fever_holds_its_level() {
    let s = eval("fever/claims.jsonl", Some("fever/corpus.jsonl"), None);
    assert_eq!(s["n"], 1000);
    Floor {
        what: "FEVER macro-F1",
        floor: 0.58,
        issue_bar: 0.62,
    }
    .check(&s["macro_f1"]);
}

/// Climate-FEVER: measured macro-F1 0.345, uniform guessing scores 0.322.
#[test]
fn climate_fever_holds_its_level() {
    let s = eval(
        "climate-fever/claims.jsonl",
        Some("climate-fever/corpus.jsonl"),
        None,
    );
    assert_eq!(s["n"], 1381, "disputed items are scored separately");
    assert_eq!(s["disputed"]["n"], 154);
    Floor {
        what: "Climate-FEVER macro-F1",
        floor: 0.33,
        issue_bar: 0.45,
    }
    .check(&s["macro_f1"]);
}
