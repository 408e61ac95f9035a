//! `crosscheck`: check an article against a corpus, score the engine on a
//! labelled claims or articles file, or build an index file of a corpus.
//!
//! ```text
//! crosscheck check [FILE|-] [--corpus PATH] [--format text|json] [--house-style FILE]
//! crosscheck eval FILE [--corpus PATH] [--json] [--predictions OUT] [--house-style FILE]
//! crosscheck index SOURCE (-o FILE | --to postgres://…) [--house-style FILE]
//! crosscheck serve --corpus PATH|postgres://… [--listen ADDR] [--allow-origin ORIGIN…]
//! crosscheck completions bash|zsh|fish|elvish|powershell
//! ```
//!
//! `--corpus postgres://…` (check, eval, serve) finds candidate passages in a
//! database that `index --to` loaded ([`postgres`]); the engine verifies them
//! as it verifies its own index's ([`crosscheck_engine::remote`]).
//!
//! The command line is declared with clap's derive ([`Cli`]), so `--help` (for
//! every command), `--version` and "a similar command exists" tips come from
//! clap. clap's error messages are reworded ([`describe_clap_error`]) to name
//! the problem as this tool always has ("unknown command", "eval takes one
//! FILE", "index needs -o FILE"): scripts and people look for those words.
//! The hidden commands `features`, `keys` and `clauses` serve the model build
//! scripts under `models/`.
//!
//! Exit codes: 0 success (`--help` and `--version` too), 2 bad usage or
//! unreadable input, with a message on standard error saying what is wrong.

mod eval;
mod features;
mod postgres;
mod progress;
mod serve;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use crosscheck_engine::{corpus, index_file, Checker, HouseStyle, Models, Report, Verdict};

use progress::Progress;

/// Check each sentence of an article against a corpus of documents: supported,
/// conflicting or unsupported, with the evidence and why.
#[derive(Parser)]
#[command(
    name = "crosscheck",
    version,
    arg_required_else_help = true,
    after_help = "Exit codes: 0 success, 2 bad usage or unreadable input."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Check(CheckArgs),
    Eval(EvalArgs),
    Index(IndexArgs),
    Serve(ServeArgs),
    Completions(CompletionsArgs),
    /// The learned decision's training rows (models/decision/build.py).
    #[command(hide = true)]
    Features(FeaturesArgs),
    /// Each line's word and its lookup key, tab-separated (the model build scripts).
    #[command(hide = true)]
    Keys(InputArgs),
    /// Each line's tokens and clauses as JSON Lines (the model build scripts).
    #[command(hide = true)]
    Clauses(InputArgs),
    /// The claims a check of the article sends a server, as JSON (scripts/postgres-bench.sh).
    #[command(hide = true)]
    Claims(InputArgs),
}

const CORPUS_HELP: &str = "The corpus to check against [default: the seed corpus]";
const CORPUS_LONG_HELP: &str = "The corpus to check against: a folder of .txt, .md and .html files \
(document id = file name), a JSON Lines file of {\"doc\", \"text\", \"title\"?, \"url\"?, \"date\"?} \
lines, an index file made by `crosscheck index`, or a PostgreSQL database loaded by \
`crosscheck index SOURCE --to postgres://…` (given as that address). Default: the seed corpus, compiled in.";
const HOUSE_STYLE_HELP: &str =
    "A house-style file (TOML): sentences that are not claims, lines to \
drop from corpus documents (folder or JSON Lines), document metadata lines; it replaces \
the seed corpus's own. See the README, \"House style\".";

/// Check every sentence of an article.
///
/// Prints each sentence's verdict (supported, conflicting, unsupported, or not
/// a claim), the evidence and why, then a summary.
#[derive(Args)]
struct CheckArgs {
    /// The article: a file, or standard input with - or no FILE
    #[arg(value_name = "FILE")]
    article: Option<PathBuf>,
    #[arg(long, value_name = "PATH", help = CORPUS_HELP, long_help = CORPUS_LONG_HELP)]
    corpus: Option<PathBuf>,
    /// Text for people, or JSON: the report contract (see the README)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[arg(long, value_name = "FILE", help = HOUSE_STYLE_HELP)]
    house_style: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Score the engine on a labelled claims or articles file (JSON Lines).
///
/// FILE is a claims file or an articles file in the format of
/// tests/fixtures/EVAL-FORMAT.md (told apart by its first line). Prints n,
/// accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix.
/// Items labelled `disputed` are not scored.
#[derive(Args)]
struct EvalArgs {
    /// The labelled claims or articles
    file: PathBuf,
    #[arg(long, value_name = "PATH", help = CORPUS_HELP, long_help = CORPUS_LONG_HELP)]
    corpus: Option<PathBuf>,
    /// Print the scores as one JSON object
    #[arg(long)]
    json: bool,
    /// Write the engine's verdict on each claim to OUT, one JSON line each
    #[arg(long, value_name = "OUT")]
    predictions: Option<PathBuf>,
    #[arg(long, value_name = "FILE", help = HOUSE_STYLE_HELP)]
    house_style: Option<PathBuf>,
}

/// Build an index file from a corpus, for fast loading, or load it into PostgreSQL.
///
/// SOURCE is a folder of .txt, .md and .html files, a JSON Lines file or an
/// index file (as for --corpus). `--corpus FILE` then loads the index without
/// analysing the corpus again, and checks exactly as the source would.
/// `--to postgres://USER@HOST/DATABASE` loads it into that database instead
/// (schema `crosscheck`, replacing an earlier load in one transaction), for
/// `crosscheck serve --corpus postgres://…`.
#[derive(Args)]
struct IndexArgs {
    /// The corpus to index
    source: PathBuf,
    /// Where to write the index
    #[arg(
        short,
        long,
        value_name = "FILE",
        required_unless_present = "to",
        conflicts_with = "to"
    )]
    output: Option<PathBuf>,
    /// Load into this PostgreSQL database instead of writing a file
    #[arg(long, value_name = "postgres://…")]
    to: Option<String>,
    #[arg(long, value_name = "FILE", help = HOUSE_STYLE_HELP)]
    house_style: Option<PathBuf>,
}

/// Serve candidate passages to pages and full checks to CMS back ends, over HTTP.
///
/// POST /candidates ({"claims": [..]}) answers a page that verifies in the
/// browser; POST /check ({"text": ".."}) returns the full report; GET /corpus
/// and GET /health. See the README, "Archive server". The claims sent are
/// never logged.
#[derive(Args)]
struct ServeArgs {
    /// The corpus: postgres://… (loaded by `crosscheck index --to`), or any --corpus of check
    #[arg(long, value_name = "PATH|URL")]
    corpus: String,
    /// Address and port to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    listen: std::net::SocketAddr,
    /// An origin whose pages may call the server (https://news.example); repeat for more. None: same origin only
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origins: Vec<String>,
    /// Database connections to keep open
    #[arg(long, value_name = "N", default_value_t = 8)]
    connections: usize,
    /// Memory for recently read terms' postings, in MB (0: read every search's from the database)
    #[arg(long = "cache-mb", value_name = "MB", default_value_t = 256)]
    cache_mb: usize,
    #[arg(long, value_name = "FILE", help = HOUSE_STYLE_HELP)]
    house_style: Option<PathBuf>,
}

/// Print a shell completion script.
///
/// For example: crosscheck completions bash > ~/.local/share/bash-completion/completions/crosscheck
#[derive(Args)]
struct CompletionsArgs {
    shell: Shell,
}

#[derive(Args)]
struct FeaturesArgs {
    /// Labelled claims with their gold evidence
    file: PathBuf,
    /// Where to write the rows
    #[arg(short, long, value_name = "OUT")]
    output: PathBuf,
    #[arg(long, value_name = "PATH", help = CORPUS_HELP, long_help = CORPUS_LONG_HELP)]
    corpus: Option<PathBuf>,
}

#[derive(Args)]
struct InputArgs {
    /// One item a line: a file, or standard input with - or no FILE
    #[arg(value_name = "FILE")]
    input: Option<PathBuf>,
}

/// A failure the user can act on: the message says what is wrong.
struct UsageError(String);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return exit_for_clap_error(&err),
    };
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(UsageError(message)) => {
            eprintln!("crosscheck: {message}");
            ExitCode::from(2)
        }
    }
}

/// Prints what clap has to say: help and the version on standard output
/// (exit 0), anything else on standard error (exit 2).
fn exit_for_clap_error(err: &clap::Error) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // Printing can only fail on a closed pipe, and then nobody is reading.
            let _ = err.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!(
                "crosscheck: no command given (usage below)\n\n{}",
                err.render()
            );
            ExitCode::from(2)
        }
        _ => {
            eprint!("{}", describe_clap_error(err));
            ExitCode::from(2)
        }
    }
}

/// clap's message for a usage error, its first part in this tool's words
/// ("crosscheck: unknown command 'chek'") and the rest, clap's tips ("a similar
/// subcommand exists: 'check'") and the usage line, as clap wrote them.
fn describe_clap_error(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let rendered = rendered.strip_prefix("error: ").unwrap_or(&rendered);
    // clap puts a blank line between the problem and its tips and usage.
    let (clap_problem, tips_and_usage) = rendered.split_once("\n\n").unwrap_or((rendered, ""));
    let problem = match (
        err.kind(),
        err.get(ContextKind::InvalidSubcommand),
        err.get(ContextKind::InvalidArg),
    ) {
        (ErrorKind::InvalidSubcommand, Some(ContextValue::String(command)), _) => {
            format!("unknown command '{command}'")
        }
        (ErrorKind::UnknownArgument, _, Some(ContextValue::String(arg)))
            if arg.starts_with('-') =>
        {
            format!("unknown option '{arg}'")
        }
        (ErrorKind::MissingRequiredArgument, _, Some(ContextValue::Strings(missing))) => {
            missing_arguments(missing).unwrap_or_else(|| clap_problem.to_string())
        }
        _ => clap_problem.to_string(),
    };
    if tips_and_usage.is_empty() {
        format!("crosscheck: {problem}\n")
    } else {
        format!("crosscheck: {problem}\n\n{tips_and_usage}")
    }
}

/// "eval takes one FILE", "index needs -o FILE": the missing arguments (as
/// clap shows them: `<FILE>`, `--output <FILE>`) of the command being run.
fn missing_arguments(missing: &[String]) -> Option<String> {
    // Nothing comes before the command (the top level has only --help and
    // --version), so it is the first argument.
    let name = std::env::args_os().nth(1)?.into_string().ok()?;
    let mut cli = Cli::command();
    // Arguments display (as `to_string` does below) only once built.
    cli.build();
    let command = cli.find_subcommand(&name)?;
    let phrases: Vec<String> = missing
        .iter()
        .map(|shown| {
            let arg = command.get_arguments().find(|a| a.to_string() == *shown);
            let value = arg
                .and_then(|a| a.get_value_names()?.first())
                .map_or_else(|| shown.clone(), |v| v.to_string());
            match (arg, arg.and_then(|a| a.get_short())) {
                (Some(a), _) if a.is_positional() => format!("{name} takes one {value}"),
                (_, Some(short)) => format!("{name} needs -{short} {value}"),
                _ => format!("{name} needs {shown}"),
            }
        })
        .collect();
    Some(phrases.join("; "))
}

fn run(command: Command) -> Result<(), UsageError> {
    match command {
        Command::Check(args) => check(&args),
        Command::Eval(args) => evaluate(&args),
        Command::Index(args) => index(&args),
        Command::Serve(args) => serve(&args),
        Command::Completions(args) => {
            let mut cli = without_hidden_commands(Cli::command());
            clap_complete::generate(args.shell, &mut cli, "crosscheck", &mut std::io::stdout());
            Ok(())
        }
        Command::Features(args) => features(&args),
        Command::Keys(args) => keys(&args),
        Command::Clauses(args) => clauses(&args),
        Command::Claims(args) => {
            let text = read_input(args.input.as_deref())?;
            let request = crosscheck_engine::remote::CandidatesRequest {
                claims: crosscheck_engine::remote::claims_of(&text),
                every: false,
            };
            println!(
                "{}",
                serde_json::to_string(&request).expect("claims serialise")
            );
            Ok(())
        }
    }
}

/// `cli` without its hidden commands: clap_complete would offer them too.
fn without_hidden_commands(cli: clap::Command) -> clap::Command {
    let visible: Vec<clap::Command> = cli
        .get_subcommands()
        .filter(|command| !command.is_hide_set())
        .cloned()
        .collect();
    clap::Command::new("crosscheck")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommands(visible)
}

fn check(args: &CheckArgs) -> Result<(), UsageError> {
    let text = read_input(args.article.as_deref())?;
    let style = house_style(args.house_style.as_deref())?;
    let checker = match database_url(args.corpus.as_deref()) {
        Some(url) => fetched_checker(
            url,
            &crosscheck_engine::remote::claims_of(&text),
            false,
            style,
        )?,
        None => load_checker(args.corpus.as_deref(), style)?,
    };
    let report = checker.check_article(&text);
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("report serialises")
        ),
        Format::Text => print_text(&report),
    }
    Ok(())
}

fn evaluate(args: &EvalArgs) -> Result<(), UsageError> {
    let file = args.file.display();
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| UsageError(format!("cannot read {file}: {e}")))?;
    let style = house_style(args.house_style.as_deref())?;
    let checker = match database_url(args.corpus.as_deref()) {
        Some(url) => {
            let claims =
                eval::claims_asked(&text).map_err(|e| UsageError(format!("{file}: {e}")))?;
            fetched_checker(url, &claims, true, style)?
        }
        None => load_checker(args.corpus.as_deref(), style)?,
    };
    let mut progress = Progress::new("checking", "items");
    let outcome = eval::run(&checker, &text, &mut |done, total| {
        progress.update(done, total)
    });
    progress.finish();
    let outcome = outcome.map_err(|e| UsageError(format!("{file}: {e}")))?;
    if let Some(out) = &args.predictions {
        std::fs::write(out, outcome.predictions_jsonl())
            .map_err(|e| UsageError(format!("cannot write {}: {e}", out.display())))?;
    }
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&outcome.scores.to_json()).expect("scores serialise")
        );
    } else {
        print!("{}", outcome.scores.to_text());
    }
    Ok(())
}

fn index(args: &IndexArgs) -> Result<(), UsageError> {
    let style = house_style(args.house_style.as_deref())?;
    if let Some(url) = &args.to {
        if !postgres::is_url(url) {
            return Err(UsageError(format!(
                "--to {url:?} is not a PostgreSQL address: expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
            )));
        }
    }
    let started = std::time::Instant::now();
    let checker = load_checker(Some(&args.source), style)?;
    let Some(output) = &args.output else {
        let url = args.to.as_deref().unwrap_or_default();
        let analysed = started.elapsed().as_secs_f64();
        let mut progress = Progress::new("loading into PostgreSQL", "rows");
        let loaded = runtime()?
            .block_on(postgres::load(
                url,
                &checker,
                &args.source.display().to_string(),
                &mut |done, total| progress.update(done as usize, total as usize),
            ))
            .map_err(UsageError)?;
        progress.finish();
        eprintln!(
            "loaded {} documents, {} sentences, {} terms into PostgreSQL: {} bytes in the database for {} bytes of text; analysed in {analysed:.1} s, loaded in {:.1} s",
            loaded.documents,
            loaded.sentences,
            loaded.terms,
            loaded.bytes,
            loaded.text_bytes,
            started.elapsed().as_secs_f64() - analysed
        );
        return Ok(());
    };
    let bytes = index_file::write(&checker);
    let out = output.display();
    std::fs::write(output, &bytes).map_err(|e| UsageError(format!("cannot write {out}: {e}")))?;
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

fn serve(args: &ServeArgs) -> Result<(), UsageError> {
    let style = house_style(args.house_style.as_deref())?;
    let runtime = runtime()?;
    let backend = if postgres::is_url(&args.corpus) {
        serve::Backend::Postgres(
            runtime
                .block_on(postgres::Database::open(
                    &args.corpus,
                    args.connections,
                    args.cache_mb << 20,
                ))
                .map_err(UsageError)?,
        )
    } else {
        serve::Backend::Local(load_checker(Some(Path::new(&args.corpus)), style.clone())?)
    };
    let options = serve::Options {
        listen: args.listen,
        allow_origins: args.allow_origins.clone(),
        house_style: style,
    };
    runtime
        .block_on(serve::run(backend, options))
        .map_err(UsageError)
}

/// The `--corpus` value when it names a PostgreSQL database.
fn database_url(corpus: Option<&Path>) -> Option<&str> {
    corpus
        .and_then(Path::to_str)
        .filter(|s| postgres::is_url(s))
}

/// A checker of the passages the database finds for `claims`.
fn fetched_checker(
    url: &str,
    claims: &[String],
    every: bool,
    style: Option<Arc<HouseStyle>>,
) -> Result<Checker, UsageError> {
    let runtime = runtime()?;
    let models = Models::default_for_build();
    let (db, candidates) = runtime
        .block_on(async {
            let db = postgres::Database::open(url, 1, 0).await?;
            let candidates = db.candidates(claims, &models, every).await?;
            Ok::<_, String>((db, candidates))
        })
        .map_err(UsageError)?;
    let checker = Checker::from_candidates(candidates, db.people.clone(), models)
        .map_err(|e| UsageError(e.to_string()))?;
    Ok(checker.with_house_style(style))
}

fn runtime() -> Result<tokio::runtime::Runtime, UsageError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| UsageError(format!("cannot start the async runtime: {e}")))
}

/// The house style given with `--house-style`, compiled with `regex`; an
/// unreadable file or a pattern outside the shared syntax is an error naming it.
fn house_style(path: Option<&Path>) -> Result<Option<Arc<HouseStyle>>, UsageError> {
    let Some(path) = path else { return Ok(None) };
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| UsageError(format!("cannot read {shown}: {e}")))?;
    HouseStyle::parse_native(&text)
        .map(|style| Some(Arc::new(style)))
        .map_err(|e| UsageError(format!("{shown}: {e}")))
}

fn features(args: &FeaturesArgs) -> Result<(), UsageError> {
    let file = args.file.display();
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| UsageError(format!("cannot read {file}: {e}")))?;
    let checker = load_corpus(args.corpus.as_deref(), None)?;
    let rows = features::run(&checker, &text).map_err(|e| UsageError(format!("{file}: {e}")))?;
    std::fs::write(&args.output, rows)
        .map_err(|e| UsageError(format!("cannot write {}: {e}", args.output.display())))
}

fn keys(args: &InputArgs) -> Result<(), UsageError> {
    let text = read_input(args.input.as_deref())?;
    let lex = crosscheck_engine::lexicon::Lexicon::embedded();
    let mut out = String::with_capacity(text.len() * 2);
    for word in text.lines() {
        let key = crosscheck_engine::analyze::word_key(word.trim(), lex).unwrap_or_default();
        out.push_str(word.trim());
        out.push('\t');
        out.push_str(&key);
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

fn clauses(args: &InputArgs) -> Result<(), UsageError> {
    let text = read_input(args.input.as_deref())?;
    let models = Models::bundled();
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

/// The text of `file`, or of standard input when it is `-` or not given.
fn read_input(file: Option<&Path>) -> Result<String, UsageError> {
    let bytes = match file {
        Some(path) if path != Path::new("-") => std::fs::read(path)
            .map_err(|e| UsageError(format!("cannot read {}: {e}", path.display())))?,
        _ => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| UsageError(format!("cannot read standard input: {e}")))?;
            buf
        }
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The checker of a corpus (default: the seed corpus), read with a house
/// style when one is given: it then replaces the seed corpus's own.
fn load_checker(
    corpus_path: Option<&Path>,
    style: Option<Arc<HouseStyle>>,
) -> Result<Checker, UsageError> {
    for problem in &Models::bundled().problems {
        eprintln!("crosscheck: warning: {problem}; the rules decide instead");
    }
    let Some(style) = style else {
        return load_corpus(corpus_path, None);
    };
    let checker = match corpus_path {
        Some(_) => load_corpus(corpus_path, Some(&style))?,
        None => Checker::new(style.prepare_all(corpus::seed_documents())),
    };
    Ok(checker.with_house_style(Some(style)))
}

/// The checker of a corpus; its documents read with `style`'s document
/// rules (an index file's were applied when it was built).
fn load_corpus(
    corpus_path: Option<&Path>,
    style: Option<&HouseStyle>,
) -> Result<Checker, UsageError> {
    let Some(path) = corpus_path else {
        return Ok(Checker::seed());
    };
    let shown = path.display();
    if path.is_file() {
        let mut head = [0u8; 16];
        let is_index = std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok_and(|()| index_file::is_index(&head));
        if is_index {
            let bytes =
                std::fs::read(path).map_err(|e| UsageError(format!("cannot read {shown}: {e}")))?;
            return index_file::read(&bytes).map_err(|e| UsageError(format!("{shown}: {e}")));
        }
    }
    let (mut docs, warnings) =
        corpus::load_with_warnings(path).map_err(|e| UsageError(e.to_string()))?;
    for w in warnings {
        eprintln!("crosscheck: warning: {w}");
    }
    if let Some(style) = style {
        docs = style.prepare_all(docs);
    }
    let mut progress = Progress::new("analysing the corpus", "sentences");
    let checker =
        Checker::new_with_progress(docs, Models::default_for_build(), &mut |done, total| {
            progress.update(done, total)
        });
    progress.finish();
    Ok(checker)
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
