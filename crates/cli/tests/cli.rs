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
fn help_exits_0_and_names_each_command_and_option() {
    let o = run(&["--help"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    for command in ["check", "eval", "index", "completions"] {
        assert!(out.contains(command), "--help lacks {command}: {out}");
    }
    for hidden in ["features", "keys", "clauses"] {
        assert!(!out.contains(hidden), "--help shows {hidden}: {out}");
    }
    let cases: &[(&str, &[&str])] = &[
        (
            "check",
            &["--corpus", "--format", "--house-style", "standard input"],
        ),
        (
            "eval",
            &["--corpus", "--json", "--predictions", "--house-style"],
        ),
        ("index", &["-o, --output", "--house-style", "SOURCE"]),
        ("completions", &["bash", "zsh", "fish"]),
    ];
    for (command, mentions) in cases {
        for help in ["--help", "-h"] {
            let o = run(&[command, help], None);
            assert!(o.status.success(), "{command} {help}: {}", stderr(&o));
            let out = String::from_utf8(o.stdout).unwrap();
            for m in *mentions {
                assert!(out.contains(m), "{command} {help} lacks {m}: {out}");
            }
        }
    }
    // What --corpus accepts is spelled out in the long help.
    let o = run(&["check", "--help"], None);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("JSON Lines") && out.contains("crosscheck index"),
        "{out}"
    );
}

#[test]
fn version_prints_the_package_version() {
    for flag in ["--version", "-V"] {
        let o = run(&[flag], None);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(
            String::from_utf8(o.stdout).unwrap(),
            format!("crosscheck {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

/// A mistyped command or option gets clap's tip, but only when something
/// similar exists; the message still names the problem in the old words.
#[test]
fn typos_get_a_suggestion_when_one_is_close() {
    let cases: &[(&[&str], &str, Option<&str>)] = &[
        (
            &["chek"],
            "unknown command",
            Some("a similar subcommand exists: 'check'"),
        ),
        (&["frobnicate"], "unknown command", None),
        (
            &["check", "--corpsu", "x"],
            "unknown option",
            Some("a similar argument exists: '--corpus'"),
        ),
        (&["eval", "x", "--jsno"], "unknown option", Some("'--json'")),
        (&["check", "--zzzzzz"], "unknown option", None),
    ];
    for (args, message, tip) in cases {
        let o = run(args, Some(""));
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(err.starts_with("crosscheck: "), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
        match tip {
            Some(tip) => assert!(err.contains(tip), "{args:?}: {err}"),
            None => assert!(!err.contains("similar"), "{args:?}: {err}"),
        }
    }
}

#[test]
fn completions_print_a_script_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let o = run(&["completions", shell], None);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let script = String::from_utf8(o.stdout).unwrap();
        assert!(script.contains("crosscheck"), "{shell}: {script}");
        assert!(script.contains("corpus"), "{shell}: {script}");
        // The commands the model build scripts use are not offered.
        assert!(!script.contains("clauses"), "{shell}: {script}");
    }
    let o = run(&["completions", "nosh"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nosh"), "{}", stderr(&o));
}

#[test]
fn a_house_style_marks_sentences_drops_lines_and_dates_documents() {
    let dir = scratch_dir("house-style");
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("ferry.txt"),
        "date 2026-03-02 Harbour Council approved the new ferry terminal on Tuesday.\n\
         Advertisement\nThe terminal will cost 40 million euros.",
    )
    .unwrap();
    let style = dir.join("style.toml");
    std::fs::write(
        &style,
        "ignore_case = true\nnot_a_claim = ['^sign up for']\ndrop_lines = ['^advertisement$']\n\
         [metadata]\ndate = ['^date (\\d{4}-\\d\\d-\\d\\d)']\n",
    )
    .unwrap();
    let (corpus, style) = (corpus.to_str().unwrap(), style.to_str().unwrap());
    let index = dir.join("ferry.idx");
    let o = run(
        &[
            "index",
            corpus,
            "-o",
            index.to_str().unwrap(),
            "--house-style",
            style,
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let article = "Sign up for our newsletter, readers. Harbour Council approved the new ferry terminal. Advertisement revenue fell.";
    for corpus in [corpus, index.to_str().unwrap()] {
        let o = run(
            &[
                "check",
                "-",
                "--format",
                "json",
                "--corpus",
                corpus,
                "--house-style",
                style,
            ],
            Some(article),
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let report: Value = serde_json::from_slice(&o.stdout).unwrap();
        let s = &report["sentences"];
        assert_eq!(s[0]["verdict"], "none", "{corpus}");
        assert!(s[0]["explanation"]
            .as_str()
            .unwrap()
            .contains("^sign up for"));
        assert_eq!(s[1]["verdict"], "supported", "{corpus}");
        let evidence = &s[1]["evidence"][0];
        assert_eq!(evidence["date"], "2026-03-02", "{corpus}");
        assert!(evidence["text"]
            .as_str()
            .unwrap()
            .starts_with("Harbour Council"));
        assert_eq!(
            report["corpus"]["sentences"], 2,
            "the dropped line is gone: {corpus}"
        );
    }
    // Without it, the sentence is read as it stands and the date stays text.
    let o = run(
        &["check", "-", "--format", "json", "--corpus", corpus],
        Some(article),
    );
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!report["sentences"][0]["explanation"]
        .as_str()
        .unwrap()
        .contains("house style"));
    assert!(report["sentences"][1]["evidence"][0].get("date").is_none());
}

#[test]
fn a_wrong_house_style_exits_2_naming_the_pattern() {
    let dir = scratch_dir("house-style-wrong");
    for (file, says) in [
        (
            "drop_lines = ['ok', '(?<=x)y']",
            "drop_lines pattern \"(?<=x)y\": at character 1: lookbehind",
        ),
        ("not_a_claim = ['\\p{L}']", "Unicode property"),
        ("not_a_claims = []", "unknown field `not_a_claims`"),
        ("[metadata]\ndate = ['^date \\d+']", "needs a group"),
    ] {
        let style = dir.join("style.toml");
        std::fs::write(&style, file).unwrap();
        let o = run(
            &["check", "-", "--house-style", style.to_str().unwrap()],
            Some("Text."),
        );
        assert_eq!(o.status.code(), Some(2), "{file}");
        let err = stderr(&o);
        assert!(
            err.contains("style.toml: ") && err.contains(says),
            "{file}: {err}"
        );
    }
}

#[test]
fn an_unreadable_house_style_exits_2() {
    for args in [
        &["check", "-", "--house-style", "/no/such/style.toml"][..],
        &[
            "eval",
            &fixture("claims.jsonl"),
            "--house-style",
            "/no/such/style.toml",
        ],
        &[
            "index",
            &fixture("fever/corpus.jsonl"),
            "-o",
            "/no/such/out.idx",
            "--house-style",
            "/no/such/style.toml",
        ],
    ] {
        // Only check reads standard input: writing to the others could
        // fail with a broken pipe once they have exited.
        let input = (args[0] == "check").then_some("Text.");
        let o = run(args, input);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("cannot read /no/such/style.toml"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

/// The hidden commands keep the interface models/*/build.py call.
#[test]
fn the_model_build_commands_still_work() {
    let o = run(&["keys"], Some("Running\nmice\n"));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.lines().all(|l| l.contains('\t')), "{out}");

    let o = run(&["clauses", "-"], Some("The council approved the plan.\n"));
    assert!(o.status.success(), "{}", stderr(&o));
    let line: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(line["clauses"].is_array(), "{line}");

    let dir = scratch_dir("features");
    let claims = dir.join("claims.jsonl");
    let fever = std::fs::read_to_string(fixture("fever/claims.jsonl")).unwrap();
    std::fs::write(
        &claims,
        fever.lines().take(3).collect::<Vec<_>>().join("\n"),
    )
    .unwrap();
    let out = dir.join("features.jsonl");
    let corpus = fixture("fever/corpus.jsonl");
    let o = run(
        &[
            "features",
            claims.to_str().unwrap(),
            "--corpus",
            &corpus,
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = std::fs::read_to_string(&out).unwrap();
    assert_eq!(rows.lines().count(), 4, "a names line, then one per claim");
    let o = run(&["features", claims.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("features needs -o"), "{}", stderr(&o));
}

/// The progress bar draws only on a terminal: piped, a run that takes over
/// a second (indexing FEVER) prints just its summary line.
#[test]
fn piped_runs_show_no_progress_bar() {
    let dir = scratch_dir("quiet");
    let idx = dir.join("fever.idx");
    let o = run(
        &[
            "index",
            &fixture("fever/corpus.jsonl"),
            "-o",
            idx.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.starts_with("wrote ") && !err.contains('\r'), "{err:?}");
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
