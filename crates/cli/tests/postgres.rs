//! The PostgreSQL backend against a real server: loading, verdicts through
//! the database against the built-in index, `crosscheck serve` with its
//! limits and hostile requests, and the errors a newsroom engineer meets.
//!
//! They need `CROSSCHECK_TEST_DATABASE` (postgres://… of a database on a
//! cluster where the user may create databases): `scripts/test.sh` starts a
//! throwaway cluster (`scripts/postgres.sh`) and sets it, with
//! `CROSSCHECK_REQUIRE_DATABASE=1` so that a missing database fails rather
//! than skips. Each test works in a database of its own.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");
const SEED_STYLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../corpus/seed/house-style.toml"
);

fn root(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
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

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// Statements run on a database, with the rows of the last as JSON text.
fn sql(url: &str, statements: &str) -> Vec<Vec<Option<String>>> {
    let url = url.to_string();
    let statements = statements.to_string();
    block_on(async move {
        let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
            .await
            .expect("test database answers");
        tokio::spawn(connection);
        let mut rows = Vec::new();
        for message in client
            .simple_query(&statements)
            .await
            .expect("statements run")
        {
            if let tokio_postgres::SimpleQueryMessage::Row(row) = message {
                rows.push(
                    (0..row.len())
                        .map(|i| row.get(i).map(str::to_string))
                        .collect(),
                );
            }
        }
        rows
    })
}

/// A fresh database of its own for a test, or `None` when none is configured.
fn database(name: &str) -> Option<String> {
    let Ok(admin) = std::env::var("CROSSCHECK_TEST_DATABASE") else {
        assert!(
            std::env::var("CROSSCHECK_REQUIRE_DATABASE").is_err(),
            "CROSSCHECK_TEST_DATABASE is not set"
        );
        eprintln!("skipped: no CROSSCHECK_TEST_DATABASE (scripts/test.sh sets one)");
        return None;
    };
    let db = format!("cc_{name}");
    sql(
        &admin,
        &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"),
    );
    sql(
        &admin,
        &format!("CREATE DATABASE {db} ENCODING 'UTF8' TEMPLATE template0"),
    );
    let (base, _) = admin.rsplit_once('/').expect("URL names a database");
    Some(format!("{base}/{db}"))
}

fn load(source: &str, url: &str, style: Option<&str>) {
    let mut args = vec!["index", source, "--to", url];
    if let Some(style) = style {
        args.extend(["--house-style", style]);
    }
    let out = run(&args, None);
    assert!(out.status.success(), "index --to failed: {}", stderr(&out));
    assert!(stderr(&out).contains("into PostgreSQL"), "{}", stderr(&out));
}

#[test]
fn loading_twice_leaves_one_copy_whose_full_text_column_matches_the_postings() {
    let Some(url) = database("load") else { return };
    load(&root("corpus/seed"), &url, Some(SEED_STYLE));
    load(&root("corpus/seed"), &url, Some(SEED_STYLE));
    let counts = sql(
        &url,
        "SELECT (SELECT count(*) FROM crosscheck.documents), (SELECT count(*) FROM crosscheck.sentences),
                (SELECT value FROM crosscheck.meta WHERE key = 'schema_version'),
                (SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'crosscheck%')",
    );
    assert_eq!(
        counts[0],
        ["5", "114", "1", "1"].map(|s| Some(s.to_string())).to_vec()
    );
    // `@@` on the GIN-indexed tsvector finds exactly the sentences the postings list.
    let differing = sql(
        &url,
        "SELECT t.term, t.df, (SELECT count(*) FROM crosscheck.sentences s
                               WHERE s.terms @@ quote_literal(t.term)::tsquery)
         FROM crosscheck.terms t
         WHERE t.df <> (SELECT count(*) FROM crosscheck.sentences s WHERE s.terms @@ quote_literal(t.term)::tsquery)",
    );
    assert!(differing.is_empty(), "{differing:?}");
    let terms = sql(&url, "SELECT count(*) FROM crosscheck.terms");
    assert!(terms[0][0].as_deref().unwrap().parse::<u32>().unwrap() > 500);
}

/// Predictions of `eval FILE` against a corpus, as written with --predictions.
fn predictions(file: &str, corpus: &[&str], name: &str) -> String {
    let out_path =
        std::env::temp_dir().join(format!("crosscheck-pg-{name}-{}.jsonl", std::process::id()));
    let out_str = out_path.to_str().unwrap();
    let mut args = vec!["eval", file, "--json", "--predictions", out_str];
    args.extend(corpus);
    let out = run(&args, None);
    assert!(out.status.success(), "eval failed: {}", stderr(&out));
    let text = std::fs::read_to_string(&out_path).unwrap();
    let _ = std::fs::remove_file(&out_path);
    text
}

#[test]
fn verdicts_through_postgres_are_the_built_in_index_verdicts() {
    let Some(seed) = database("parity_seed") else {
        return;
    };
    load(&root("corpus/seed"), &seed, Some(SEED_STYLE));
    for file in [
        "tests/fixtures/claims.jsonl",
        "tests/fixtures/articles.jsonl",
    ] {
        let built_in = predictions(&root(file), &[], "seed-index");
        let through = predictions(
            &root(file),
            &["--corpus", &seed, "--house-style", SEED_STYLE],
            "seed-pg",
        );
        assert_eq!(
            built_in, through,
            "{file}: verdicts differ through PostgreSQL"
        );
    }
    let Some(fever) = database("parity_fever") else {
        return;
    };
    let corpus = root("tests/fixtures/fever/corpus.jsonl");
    load(&corpus, &fever, None);
    let claims = root("tests/fixtures/fever/claims.jsonl");
    assert_eq!(
        predictions(&claims, &["--corpus", &corpus], "fever-index"),
        predictions(&claims, &["--corpus", &fever], "fever-pg"),
        "FEVER: verdicts differ through PostgreSQL"
    );
}

/// A running `crosscheck serve`, stopped when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start(corpus: &str, extra: &[&str]) -> Server {
        let mut args = vec![
            "serve",
            "--corpus",
            corpus,
            "--listen",
            "127.0.0.1:0",
            "--connections",
            "2",
        ];
        args.extend(extra);
        let mut child = Command::new(BIN)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("server starts");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        let event: Value =
            serde_json::from_str(&first).unwrap_or_else(|_| panic!("not a log line: {first}"));
        assert_eq!(event["event"], "listening", "{first}");
        let address = event["address"]
            .as_str()
            .unwrap()
            .trim_start_matches("http://")
            .to_string();
        // Keep reading the log so that the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, address }
    }

    /// Method, path, headers and body; the status, the headers (lower-case names) and the body.
    fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> (u16, Vec<(String, String)>, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.address,
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        // The server may answer a body over its limit before reading it all.
        let mut writer = stream.try_clone().unwrap();
        let body = body.to_vec();
        let sending = std::thread::spawn(move || {
            let _ = writer.write_all(&body);
        });
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let _ = sending.join();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("no answer: {text:?}"));
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        (status, headers, body.to_string())
    }

    fn post_json(&self, path: &str, body: &Value) -> (u16, Value) {
        let (status, _, body) = self.request(
            "POST",
            path,
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        );
        (
            status,
            serde_json::from_str(&body).unwrap_or_else(|_| panic!("not JSON: {body}")),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const ARTICLE: &str = "Invitations have been sent out to more than 60 nations. \
The board will meet in Davos. Nothing here.";

#[test]
fn the_server_answers_pages_and_back_ends_as_the_built_in_index_would() {
    let Some(url) = database("serve") else { return };
    load(&root("corpus/seed"), &url, Some(SEED_STYLE));
    let server = Server::start(
        &url,
        &[
            "--house-style",
            SEED_STYLE,
            "--allow-origin",
            "https://news.example",
        ],
    );
    let local = Server::start(&root("corpus/seed"), &["--house-style", SEED_STYLE]);

    let (status, _, health) = server.request("GET", "/health", &[], b"");
    assert_eq!(status, 200, "{health}");
    let health: Value = serde_json::from_str(&health).unwrap();
    assert_eq!(
        (health["status"].as_str(), health["documents"].as_u64()),
        (Some("ok"), Some(5))
    );

    // The same candidates as the built-in index behind the same API.
    let claims = json!({"claims": ["Invitations have been sent out to more than 60 nations.", "Putin studies the offer."]});
    let (status, from_db) = server.post_json("/candidates", &claims);
    assert_eq!(status, 200, "{from_db}");
    assert_eq!(from_db, local.post_json("/candidates", &claims).1);
    // Asked again (an editor's re-check), the remembered hits give the same answer.
    assert_eq!(
        server.post_json("/candidates", &claims),
        (200, from_db.clone())
    );
    assert!(!from_db["passages"].as_array().unwrap().is_empty());

    // POST /check gives the report `crosscheck check --format json` gives.
    let (status, report) = server.post_json("/check", &json!({ "text": ARTICLE }));
    assert_eq!(status, 200, "{report}");
    let cli = run(&["check", "-", "--format", "json"], Some(ARTICLE));
    let cli: Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(report, cli);
    let (_, empty) = server.post_json("/check", &json!({ "text": "" }));
    assert_eq!(empty["sentences"], json!([]));
    assert!(empty["notice"].is_string(), "{empty}");

    // CORS: the listed origin only.
    let preflight = |origin: &str| {
        let (_, headers, _) = server.request(
            "OPTIONS",
            "/candidates",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ],
            b"",
        );
        headers
            .into_iter()
            .find(|(k, _)| k == "access-control-allow-origin")
            .map(|(_, v)| v)
    };
    assert_eq!(
        preflight("https://news.example").as_deref(),
        Some("https://news.example")
    );
    assert_eq!(preflight("https://elsewhere.example"), None);
    assert_eq!(preflight("null"), None);
}

#[test]
fn the_server_refuses_what_it_should_and_survives_hostile_input() {
    let Some(url) = database("hostile") else {
        return;
    };
    load(&root("corpus/seed"), &url, Some(SEED_STYLE));
    let server = Server::start(&url, &[]);
    let json_type = [("Content-Type", "application/json")];

    // SQL metacharacters are claims like any other: parameters, never SQL.
    let sneaky = json!({"claims": [
        "'; DROP TABLE crosscheck.documents; --",
        "Robert'); DELETE FROM crosscheck.terms WHERE ('1'='1",
        "\\x00 $1 $$ %s %% _ \\ \" ` ; -- /* */",
        "",
        "\u{202e}Putin\u{202c} 🙂 نشرت الصحيفة <script>alert(1)</script>",
    ]});
    let (status, answer) = server.post_json("/candidates", &sneaky);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["claims"].as_array().unwrap().len(), 5);
    let intact = sql(&url, "SELECT (SELECT count(*) FROM crosscheck.documents), (SELECT count(*) FROM crosscheck.terms) > 0");
    assert_eq!(
        intact[0],
        vec![Some("5".to_string()), Some("t".to_string())]
    );

    let cases: Vec<(&str, &str, Vec<(&str, &str)>, Vec<u8>, u16)> = vec![
        (
            "wrong content type",
            "/candidates",
            vec![("Content-Type", "text/plain")],
            br#"{"claims":[]}"#.to_vec(),
            415,
        ),
        (
            "no content type",
            "/candidates",
            vec![],
            br#"{"claims":[]}"#.to_vec(),
            415,
        ),
        (
            "not JSON",
            "/candidates",
            json_type.to_vec(),
            b"claims=1".to_vec(),
            400,
        ),
        (
            "wrong shape",
            "/candidates",
            json_type.to_vec(),
            br#"{"claims":"one"}"#.to_vec(),
            400,
        ),
        (
            "binary junk",
            "/check",
            json_type.to_vec(),
            vec![0xff, 0xfe, 0, 1, 2],
            400,
        ),
        (
            "a body of 5 MB",
            "/candidates",
            json_type.to_vec(),
            vec![b'['; 5_000_000],
            413,
        ),
        (
            "a check of 5 MB",
            "/check",
            json_type.to_vec(),
            vec![b' '; 5_000_000],
            413,
        ),
        (
            "a claim of 1 MB",
            "/candidates",
            json_type.to_vec(),
            json!({"claims": ["a".repeat(1_000_000)]})
                .to_string()
                .into_bytes(),
            422,
        ),
        (
            "too many claims",
            "/candidates",
            json_type.to_vec(),
            json!({"claims": vec!["x"; 501]}).to_string().into_bytes(),
            422,
        ),
    ];
    for (what, path, headers, body, expected) in cases {
        let (status, _, body) = server.request("POST", path, &headers, &body);
        assert_eq!(status, expected, "{what}: {body}");
        let error: Value =
            serde_json::from_str(&body).unwrap_or_else(|_| panic!("{what}: not JSON: {body}"));
        assert!(
            error["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{what}: {body}"
        );
    }
    assert_eq!(server.request("GET", "/candidates", &[], b"").0, 405);
    assert_eq!(server.request("GET", "/nothing", &[], b"").0, 404);

    // Connections cut by the database: the server says so, then recovers.
    sql(&url, &format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'crosscheck' AND datname = '{}'",
        url.rsplit('/').next().unwrap()
    ));
    let claims = json!({"claims": ["Invitations have been sent out to more than 60 nations."]});
    let statuses: Vec<u16> = (0..4)
        .map(|_| server.post_json("/candidates", &claims).0)
        .collect();
    assert!(
        statuses.iter().all(|s| [200, 503].contains(s)),
        "{statuses:?}"
    );
    assert_eq!(statuses.last(), Some(&200), "{statuses:?}");

    // A new load renumbers sentences: the running server refuses to answer from what it read.
    load(&root("corpus/seed"), &url, None);
    let (status, answer) = server.post_json("/candidates", &claims);
    assert_eq!(status, 503, "{answer}");
    assert!(
        answer["error"].as_str().unwrap().contains("restart"),
        "{answer}"
    );
}

#[test]
fn problems_are_named() {
    // A bad address and a refused connection.
    let out = run(
        &[
            "index",
            &root("corpus/seed"),
            "--to",
            "postgres://u@h:notaport/db",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a PostgreSQL address"),
        "{}",
        stderr(&out)
    );
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let refused = format!("postgres://crosscheck@127.0.0.1:{port}/crosscheck");
    for args in [
        vec!["index", &root("corpus/seed"), "--to", &refused],
        vec!["serve", "--corpus", &refused],
        vec![
            "eval",
            &root("tests/fixtures/claims.jsonl"),
            "--corpus",
            &refused,
        ],
    ] {
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let e = stderr(&out);
        assert!(
            e.contains(&format!(
                "cannot connect to PostgreSQL at 127.0.0.1:{port}/crosscheck"
            )),
            "{e}"
        );
        assert!(e.to_lowercase().contains("refused"), "{e}");
    }

    let Some(url) = database("problems") else {
        return;
    };
    let out = run(&["serve", "--corpus", &url], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("holds no crosscheck corpus"),
        "{}",
        stderr(&out)
    );

    // A schema crosscheck did not make is left alone.
    sql(
        &url,
        "CREATE SCHEMA crosscheck; CREATE TABLE crosscheck.mine (x int)",
    );
    let out = run(&["index", &root("corpus/seed"), "--to", &url], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("crosscheck did not make"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        sql(&url, "SELECT count(*) FROM crosscheck.mine")[0][0].as_deref(),
        Some("0")
    );

    // A database loaded by another schema version.
    sql(&url, "DROP SCHEMA crosscheck CASCADE");
    load(&root("corpus/seed"), &url, None);
    sql(
        &url,
        "UPDATE crosscheck.meta SET value = '0' WHERE key = 'schema_version'",
    );
    let out = run(&["serve", "--corpus", &url], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("schema version 0, but this crosscheck reads version 1"),
        "{}",
        stderr(&out)
    );
}
