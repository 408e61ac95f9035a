//! `crosscheck`: check an article against a corpus, or evaluate labelled claims.
//!
//! ```text
//! crosscheck check [FILE|-] [--corpus PATH] [--format text|json]
//! crosscheck eval FILE [--corpus PATH] [--json] [--predictions OUT]
//! crosscheck index SOURCE -o FILE
//! ```
//! Exit codes: 0 success, 2 bad usage or unreadable input.

mod eval;
mod features;

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use crosscheck_engine::{corpus, index_file, Checker, Report, Verdict};

const USAGE: &str = "usage:
  crosscheck check [FILE|-] [--corpus PATH] [--format text|json]
      Check every sentence of an article (a file, or standard input with - or no FILE).
  crosscheck eval FILE [--corpus PATH] [--json] [--predictions OUT]
      Score the engine on a labelled claims or articles file (JSON Lines).
  crosscheck index SOURCE -o FILE
      Build an index file from a corpus (a folder or JSON Lines), for fast loading.

  --corpus PATH   a folder of .txt, .md and .html files, a JSON Lines file of
                  {\"doc\", \"text\", \"title\"?, \"url\"?, \"date\"?} lines,
                  or an index file made by `crosscheck index` (default: the seed corpus)";

/// A failure the user can act on: the message says what is wrong.
struct UsageError(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(UsageError(message)) => {
            eprintln!("crosscheck: {message}");
            ExitCode::from(2)
        }
    }
}

struct Options {
    positional: Vec<String>,
    corpus: Option<String>,
    format: String,
    json: bool,
    predictions: Option<String>,
    output: Option<String>,
}

fn parse_options(args: &[String]) -> Result<Options, UsageError> {
    let mut o = Options {
        positional: Vec::new(),
        corpus: None,
        format: "text".into(),
        json: false,
        predictions: None,
        output: None,
    };
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let mut value = |name: &str| -> Result<String, UsageError> {
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| UsageError(format!("{name} needs a value\n{USAGE}")))
        };
        match a {
            "--corpus" => o.corpus = Some(value("--corpus")?),
            "--format" => o.format = value("--format")?,
            "--predictions" => o.predictions = Some(value("--predictions")?),
            "--json" => o.json = true,
            "-o" | "--output" => o.output = Some(value("-o")?),
            "-h" | "--help" => return Err(UsageError(USAGE.to_string())),
            s if s.starts_with("--") => {
                return Err(UsageError(format!("unknown option {s}\n{USAGE}")))
            }
            _ => o.positional.push(args[i].clone()),
        }
        i += 1;
    }
    if o.format != "text" && o.format != "json" {
        return Err(UsageError(format!(
            "--format must be text or json, not {:?}",
            o.format
        )));
    }
    Ok(o)
}

fn run(args: &[String]) -> Result<(), UsageError> {
    let Some(command) = args.first() else {
        return Err(UsageError(USAGE.to_string()));
    };
    let o = parse_options(&args[1..])?;
    match command.as_str() {
        "check" => {
            if o.positional.len() > 1 {
                return Err(UsageError(format!(
                    "check takes one FILE, got {}\n{USAGE}",
                    o.positional.len()
                )));
            }
            let text = read_input(o.positional.first().map(String::as_str))?;
            let checker = load_checker(o.corpus.as_deref())?;
            let report = checker.check_article(&text);
            if o.format == "json" {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&report).expect("report serialises")
                );
            } else {
                print_text(&report);
            }
            Ok(())
        }
        "eval" => {
            let [file] = o.positional.as_slice() else {
                return Err(UsageError(format!("eval takes one FILE\n{USAGE}")));
            };
            let text = std::fs::read_to_string(file)
                .map_err(|e| UsageError(format!("cannot read {file}: {e}")))?;
            let checker = load_checker(o.corpus.as_deref())?;
            let outcome =
                eval::run(&checker, &text).map_err(|e| UsageError(format!("{file}: {e}")))?;
            if let Some(out) = &o.predictions {
                std::fs::write(out, outcome.predictions_jsonl())
                    .map_err(|e| UsageError(format!("cannot write {out}: {e}")))?;
            }
            if o.json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&outcome.scores.to_json())
                        .expect("scores serialise")
                );
            } else {
                print!("{}", outcome.scores.to_text());
            }
            Ok(())
        }
        // For training the learned decision (models/decision/build.py); not in the usage.
        "features" => {
            let [file] = o.positional.as_slice() else {
                return Err(UsageError(format!("features takes one FILE\n{USAGE}")));
            };
            let Some(out) = &o.output else {
                return Err(UsageError(format!("features needs -o FILE\n{USAGE}")));
            };
            let text = std::fs::read_to_string(file)
                .map_err(|e| UsageError(format!("cannot read {file}: {e}")))?;
            let checker = load_corpus(o.corpus.as_deref())?;
            let rows =
                features::run(&checker, &text).map_err(|e| UsageError(format!("{file}: {e}")))?;
            std::fs::write(out, rows).map_err(|e| UsageError(format!("cannot write {out}: {e}")))
        }
        // For the model build scripts: each line's word and its lookup key, tab-separated.
        "keys" => {
            let text = read_input(o.positional.first().map(String::as_str))?;
            let lex = crosscheck_engine::lexicon::Lexicon::embedded();
            let mut out = String::with_capacity(text.len() * 2);
            for word in text.lines() {
                let key =
                    crosscheck_engine::analyze::word_key(word.trim(), lex).unwrap_or_default();
                out.push_str(word.trim());
                out.push('\t');
                out.push_str(&key);
                out.push('\n');
            }
            print!("{out}");
            Ok(())
        }
        // For the model build scripts: each line's tokens (byte ranges) and
        // clauses (predicate, agent, patient, ...), as JSON Lines.
        "clauses" => {
            let text = read_input(o.positional.first().map(String::as_str))?;
            let models = crosscheck_engine::Models::bundled();
            let lex = crosscheck_engine::lexicon::Lexicon::embedded();
            let people = crosscheck_engine::analyze::entities::EntityTable::default();
            let mut out = String::new();
            for line in text.lines() {
                let a = crosscheck_engine::analyze::analyze_with(line, lex, &people, &models);
                let span = |p: &Option<crosscheck_engine::analyze::structure::Phrase>| {
                    p.map(|p| [a.tokens[p.start].start, a.tokens[p.end - 1].end])
                };
                let clauses: Vec<serde_json::Value> = a
                    .clauses
                    .iter()
                    .map(|c| {
                        serde_json::json!({
                            "predicate": [a.tokens[c.predicate].start, a.tokens[c.predicate].end],
                            "agent": span(&c.agent),
                            "patient": span(&c.patient),
                            "recipient": span(&c.recipient),
                            "passive": c.passive,
                            "negated": c.negated,
                            "copular": c.copular,
                            "modality": format!("{:?}", c.modality),
                        })
                    })
                    .collect();
                let pos: Vec<&str> = a.pos.iter().map(|p| p.as_str()).collect();
                let tokens: Vec<[usize; 2]> = a.tokens.iter().map(|t| [t.start, t.end]).collect();
                out.push_str(
                    &serde_json::json!({"text": line, "tokens": tokens, "pos": pos, "clauses": clauses})
                        .to_string(),
                );
                out.push('\n');
            }
            print!("{out}");
            Ok(())
        }
        "index" => {
            let [source] = o.positional.as_slice() else {
                return Err(UsageError(format!("index takes one SOURCE\n{USAGE}")));
            };
            let Some(out) = &o.output else {
                return Err(UsageError(format!("index needs -o FILE\n{USAGE}")));
            };
            let started = std::time::Instant::now();
            let checker = load_checker(Some(source))?;
            let bytes = index_file::write(&checker);
            std::fs::write(out, &bytes)
                .map_err(|e| UsageError(format!("cannot write {out}: {e}")))?;
            let info = checker.corpus_info();
            eprintln!(
                "wrote {out}: {} documents, {} sentences, {} bytes, in {:.1} s",
                info.documents,
                info.sentences,
                bytes.len(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(UsageError(format!("unknown command {other:?}\n{USAGE}"))),
    }
}

fn read_input(file: Option<&str>) -> Result<String, UsageError> {
    let bytes = match file {
        None | Some("-") => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| UsageError(format!("cannot read standard input: {e}")))?;
            buf
        }
        Some(path) => {
            std::fs::read(path).map_err(|e| UsageError(format!("cannot read {path}: {e}")))?
        }
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn load_checker(corpus_path: Option<&str>) -> Result<Checker, UsageError> {
    for problem in &crosscheck_engine::Models::bundled().problems {
        eprintln!("crosscheck: warning: {problem}; the rules decide instead");
    }
    load_corpus(corpus_path)
}

fn load_corpus(corpus_path: Option<&str>) -> Result<Checker, UsageError> {
    let Some(p) = corpus_path else {
        return Ok(Checker::seed());
    };
    let path = Path::new(p);
    if path.is_file() {
        let mut head = [0u8; 16];
        let is_index = std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok_and(|()| index_file::is_index(&head));
        if is_index {
            let bytes =
                std::fs::read(path).map_err(|e| UsageError(format!("cannot read {p}: {e}")))?;
            return index_file::read(&bytes).map_err(|e| UsageError(format!("{p}: {e}")));
        }
    }
    let (docs, warnings) =
        corpus::load_with_warnings(path).map_err(|e| UsageError(e.to_string()))?;
    for w in warnings {
        eprintln!("crosscheck: warning: {w}");
    }
    Ok(Checker::new(docs))
}

fn print_text(report: &Report) {
    if let Some(n) = &report.notice {
        println!("note: {n}\n");
    }
    for s in &report.sentences {
        let tag = match s.verdict {
            Verdict::Supported => "SUPPORTED  ",
            Verdict::Conflicting => "CONFLICTING",
            Verdict::Unsupported => "UNSUPPORTED",
            Verdict::NotAClaim => "not a claim",
        };
        println!("{:>3}. [{tag}] {}", s.index + 1, s.text.replace('\n', " "));
        if s.verdict != Verdict::NotAClaim {
            println!(
                "       why: {} (confidence {:.2})",
                s.explanation, s.confidence
            );
            for e in &s.evidence {
                let role = match e.stance {
                    Verdict::Supported => "source ",
                    Verdict::Conflicting => "contra ",
                    _ => "closest",
                };
                println!(
                    "       {role} {}: \u{201c}{}\u{201d}",
                    e.doc,
                    e.text.replace('\n', " ")
                );
            }
        }
    }
    let c = &report.summary;
    println!(
        "\n{} supported, {} conflicting, {} unsupported, {} not a claim ({} sentences against {} documents)",
        c.supported, c.conflicting, c.unsupported, c.none, report.sentences.len(), report.corpus.documents
    );
}
