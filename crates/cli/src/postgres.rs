//! The PostgreSQL backend for a newsroom's archive: the schema, loading a
//! corpus into it (`crosscheck index SOURCE --to postgres://…`) and finding
//! candidate passages in it (`crosscheck serve`, `--corpus postgres://…`).
//!
//! Schema `crosscheck` (version [`SCHEMA_VERSION`]):
//! - `meta(key, value)`: the schema version, the engine version that loaded
//!   it, the corpus size, when and from what, and the people and titles learnt
//!   from the whole corpus (JSON), which every analysis reads;
//! - `documents(id, doc, title, titled, url, date, body)`;
//! - `sentences(id, document, start_char, end_char, length, terms)`: `id`
//!   numbers sentences in document order, offsets are characters of `body`,
//!   `length` is the count BM25 normalises by, `terms` the engine's own index
//!   terms (stems, entity ids) as a `tsvector` under a GIN index: each term
//!   with as many positions as it occurs, so `@@` finds what the engine indexes;
//! - `terms(term, df, postings)`: per index term the sentences that hold it,
//!   coded as in an index file, so that a search scores BM25 exactly as the
//!   built-in index does (ranking with `ts_rank` would change verdicts).
//!
//! A load builds everything in a schema of its own inside one transaction and
//! renames it into place at commit: loading the same corpus twice leaves one
//! copy, a failed load leaves the previous one, and readers never see half.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::Arc;

use bytes::Bytes;
use crosscheck_engine::analyze::entities::EntityTable;
use crosscheck_engine::remote::{
    around, runs, CandidateDocument, Candidates, ClaimHits, ClaimQuery, Passage, PassageSentence,
    StoredSentence,
};
use crosscheck_engine::report::CorpusInfo;
use crosscheck_engine::retrieve::{Postings, SentenceStats};
use crosscheck_engine::{Checker, Models};
use futures_util::SinkExt;
use std::collections::HashMap;
use tokio_postgres::{Client, NoTls};

/// Bumped whenever a table or the meaning of a column changes: a server
/// refuses a database loaded under another version.
pub const SCHEMA_VERSION: u32 = 1;
const SCHEMA: &str = "crosscheck";
const LOADING: &str = "crosscheck_loading";
/// Longest time one statement may take before the server gives up on it.
const STATEMENT_TIMEOUT_MS: u32 = 10_000;
/// Bytes of COPY data sent at a time.
const COPY_CHUNK: usize = 1 << 20;

/// Whether a `--corpus` or `--to` value names a PostgreSQL database.
pub fn is_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

fn config(url: &str) -> Result<tokio_postgres::Config, String> {
    let mut config: tokio_postgres::Config = url.parse().map_err(|e| {
        format!("not a PostgreSQL address ({e}): expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
    })?;
    config.application_name("crosscheck");
    Ok(config)
}

/// Where a connection goes, for messages (never the password).
fn place(config: &tokio_postgres::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(tokio_postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config.get_dbname().unwrap_or("(default database)");
    format!("{host}:{port}/{db}")
}

async fn connect(url: &str) -> Result<Client, String> {
    let config = config(url)?;
    let (client, connection) = config.connect(NoTls).await.map_err(|e| {
        format!(
            "cannot connect to PostgreSQL at {}: {}",
            place(&config),
            cause(&e)
        )
    })?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(client)
}

/// The innermost cause: tokio-postgres says "error connecting to server" above "Connection refused".
fn cause(e: &tokio_postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return db.message().to_string();
    }
    let mut source: &dyn std::error::Error = e;
    while let Some(inner) = source.source() {
        source = inner;
    }
    source.to_string()
}

fn db_error(what: &str) -> impl Fn(tokio_postgres::Error) -> String + '_ {
    move |e| format!("{what}: {}", cause(&e))
}

/// Figures of one load, for the command's summary and the benchmark.
pub struct Loaded {
    pub documents: usize,
    pub sentences: usize,
    pub terms: usize,
    /// Bytes the schema takes in the database (tables and indexes).
    pub bytes: i64,
    /// Bytes of document text loaded.
    pub text_bytes: usize,
}

/// Loads a checker's corpus (analysed and indexed) into the database,
/// replacing what an earlier load put there. `progress(done, total)` counts rows written.
pub async fn load(
    url: &str,
    checker: &Checker,
    source: &str,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Loaded, String> {
    let mut client = connect(url).await?;
    let encoding: String = client
        .query_one("SHOW server_encoding", &[])
        .await
        .map_err(db_error("cannot read the database's encoding"))?
        .get(0);
    if encoding != "UTF8" {
        return Err(format!(
            "the database's encoding is {encoding}; crosscheck needs UTF8 (CREATE DATABASE … ENCODING 'UTF8')"
        ));
    }
    let tx = client
        .transaction()
        .await
        .map_err(db_error("cannot start a transaction"))?;
    // One load at a time; the second waits, then replaces the first.
    tx.execute(
        "SELECT pg_advisory_xact_lock(hashtext('crosscheck load'))",
        &[],
    )
    .await
    .map_err(db_error("cannot take the load lock"))?;
    check_replaceable(&tx).await?;
    tx.batch_execute(&format!(
        "DROP SCHEMA IF EXISTS {LOADING} CASCADE;
         CREATE SCHEMA {LOADING};
         CREATE TABLE {LOADING}.meta (key text PRIMARY KEY, value text NOT NULL);
         CREATE TABLE {LOADING}.documents (
             id integer NOT NULL, doc text NOT NULL, title text NOT NULL, titled boolean NOT NULL,
             url text, date text, body text NOT NULL);
         CREATE TABLE {LOADING}.sentences (
             id integer NOT NULL, document integer NOT NULL, start_char integer NOT NULL,
             end_char integer NOT NULL, length smallint NOT NULL, terms tsvector NOT NULL);
         CREATE TABLE {LOADING}.terms (term text NOT NULL, df integer NOT NULL, postings bytea NOT NULL);"
    ))
    .await
    .map_err(db_error("cannot create the tables"))?;

    let index = checker
        .index()
        .ok_or("this corpus has no index of its own to load")?;
    let documents = checker.documents();
    let sentences = checker.sentences();
    let terms: Vec<(&str, &Postings)> = index.postings().collect();
    let total = (documents.len() + sentences.len() + terms.len()) as u64;
    let mut done = 0u64;
    let mut text_bytes = 0;

    let mut copy = Copy::start(&tx, &format!("{LOADING}.documents")).await?;
    for (i, d) in documents.iter().enumerate() {
        text_bytes += d.text.len();
        copy.row(&[
            Field::Int(i as i64),
            Field::Text(&d.id),
            Field::Text(&d.title),
            Field::Bool(d.titled),
            Field::Opt(d.url.as_deref()),
            Field::Opt(d.date.as_deref()),
            Field::Text(&d.text),
        ])
        .await?;
        done += 1;
        if done % 1024 == 0 {
            progress(done, total);
        }
    }
    copy.finish().await?;

    // Each sentence's terms, from the postings (the analyses are not kept
    // for a large corpus): counted first, then filled in place.
    let mut starts = vec![0u32; sentences.len() + 1];
    for (_, p) in &terms {
        for (s, _) in p.entries() {
            if let Some(c) = starts.get_mut(s as usize + 1) {
                *c += 1;
            }
        }
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut filled = starts.clone();
    let mut by_sentence = vec![(0u32, 0u16); starts[sentences.len()] as usize];
    for (t, (_, p)) in terms.iter().enumerate() {
        for (s, tf) in p.entries() {
            if let Some(at) = filled.get_mut(s as usize) {
                by_sentence[*at as usize] = (t as u32, tf);
                *at += 1;
            }
        }
    }
    let lengths = index.stats().lengths();
    let mut copy = Copy::start(&tx, &format!("{LOADING}.sentences")).await?;
    let mut doc_chars = (u32::MAX, 0usize, 0usize); // (document, byte, chars) walked so far
    let mut vector = String::new();
    for (i, s) in sentences.iter().enumerate() {
        let text = &documents[s.doc as usize].text;
        if doc_chars.0 != s.doc {
            doc_chars = (s.doc, 0, 0);
        }
        let mut char_at = |byte: usize| {
            let byte = byte.min(text.len());
            if byte >= doc_chars.1 {
                doc_chars.2 += text.get(doc_chars.1..byte).map_or(0, |t| t.chars().count());
                doc_chars.1 = byte;
            }
            doc_chars.2
        };
        let (start, end) = (char_at(s.start), char_at(s.end));
        vector.clear();
        for &(t, tf) in &by_sentence[starts[i] as usize..starts[i + 1] as usize] {
            tsvector_entry(&mut vector, terms[t as usize].0, tf);
        }
        copy.row(&[
            Field::Int(i as i64),
            Field::Int(s.doc as i64),
            Field::Int(start as i64),
            Field::Int(end as i64),
            Field::Int(lengths.get(i).copied().unwrap_or(0).min(i16::MAX as u16) as i64),
            Field::Text(&vector),
        ])
        .await?;
        done += 1;
        if done % 4096 == 0 {
            progress(done, total);
        }
    }
    copy.finish().await?;
    drop(by_sentence);

    let mut copy = Copy::start(&tx, &format!("{LOADING}.terms")).await?;
    for (term, p) in &terms {
        copy.row(&[
            Field::Text(term),
            Field::Int(p.df() as i64),
            Field::Bytes(p.coded()),
        ])
        .await?;
        done += 1;
        if done % 4096 == 0 {
            progress(done, total);
        }
    }
    copy.finish().await?;
    progress(total, total);

    let people = serde_json::to_string(checker.people().as_ref()).map_err(|e| e.to_string())?;
    let meta: [(&str, String); 6] = [
        ("schema_version", SCHEMA_VERSION.to_string()),
        ("engine", env!("CARGO_PKG_VERSION").to_string()),
        ("documents", documents.len().to_string()),
        ("sentences", sentences.len().to_string()),
        ("source", source.to_string()),
        ("people", people),
    ];
    for (key, value) in &meta {
        tx.execute(
            &format!("INSERT INTO {LOADING}.meta (key, value) VALUES ($1, $2)"),
            &[key, value],
        )
        .await
        .map_err(db_error("cannot write the corpus's details"))?;
    }
    tx.batch_execute(&format!(
        "INSERT INTO {LOADING}.meta (key, value) VALUES ('loaded_at', now()::text);
         ALTER TABLE {LOADING}.documents ADD PRIMARY KEY (id), ADD UNIQUE (doc);
         ALTER TABLE {LOADING}.sentences ADD PRIMARY KEY (id),
             ADD FOREIGN KEY (document) REFERENCES {LOADING}.documents (id);
         ALTER TABLE {LOADING}.terms ADD PRIMARY KEY (term);
         CREATE INDEX sentences_terms ON {LOADING}.sentences USING gin (terms);
         ANALYZE {LOADING}.documents; ANALYZE {LOADING}.sentences; ANALYZE {LOADING}.terms;
         DROP SCHEMA IF EXISTS {SCHEMA} CASCADE;
         ALTER SCHEMA {LOADING} RENAME TO {SCHEMA};"
    ))
    .await
    .map_err(db_error("cannot index the loaded corpus"))?;
    tx.commit()
        .await
        .map_err(db_error("cannot commit the load"))?;
    let bytes: i64 = client
        .query_one(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::int8 FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
            &[&SCHEMA],
        )
        .await
        .map_err(db_error("cannot measure the loaded corpus"))?
        .get(0);
    Ok(Loaded {
        documents: documents.len(),
        sentences: sentences.len(),
        terms: terms.len(),
        bytes,
        text_bytes,
    })
}

/// A schema named `crosscheck` that crosscheck did not make is left alone.
async fn check_replaceable(tx: &tokio_postgres::Transaction<'_>) -> Result<(), String> {
    let row = tx
        .query_one(
            "SELECT to_regnamespace($1) IS NOT NULL, to_regclass($2) IS NOT NULL",
            &[&SCHEMA, &format!("{SCHEMA}.meta")],
        )
        .await
        .map_err(db_error("cannot read the database's schemas"))?;
    let (schema, meta): (bool, bool) = (row.get(0), row.get(1));
    if schema && !meta {
        return Err(format!(
            "the database has a schema named {SCHEMA} that crosscheck did not make; \
             rename or drop it, or load into another database"
        ));
    }
    Ok(())
}

/// One `tsvector` entry: the term quoted, then one position per occurrence
/// (PostgreSQL keeps at most 256 a term).
fn tsvector_entry(out: &mut String, term: &str, tf: u16) {
    // PostgreSQL refuses lexemes of 2 KB and more; no word is that long.
    if term.is_empty() || term.len() >= 2046 {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push('\'');
    for c in term.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push_str("':");
    for p in 1..=tf.clamp(1, 256) {
        if p > 1 {
            out.push(',');
        }
        let _ = write!(out, "{p}");
    }
}

enum Field<'a> {
    Int(i64),
    Bool(bool),
    Text(&'a str),
    Opt(Option<&'a str>),
    Bytes(&'a [u8]),
}

/// Rows sent with COPY in its text format, a megabyte at a time.
struct Copy {
    sink: std::pin::Pin<Box<tokio_postgres::CopyInSink<Bytes>>>,
    buf: Vec<u8>,
    table: String,
}

impl Copy {
    async fn start(tx: &tokio_postgres::Transaction<'_>, table: &str) -> Result<Copy, String> {
        let sink = tx
            .copy_in(&format!("COPY {table} FROM STDIN"))
            .await
            .map_err(db_error(&format!("cannot load {table}")))?;
        Ok(Copy {
            sink: Box::pin(sink),
            buf: Vec::with_capacity(COPY_CHUNK + 4096),
            table: table.to_string(),
        })
    }

    async fn row(&mut self, fields: &[Field<'_>]) -> Result<(), String> {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.buf.push(b'\t');
            }
            match f {
                Field::Int(n) => {
                    let _ = std::io::Write::write_fmt(&mut self.buf, format_args!("{n}"));
                }
                Field::Bool(b) => self.buf.push(if *b { b't' } else { b'f' }),
                Field::Text(s) | Field::Opt(Some(s)) => copy_text(&mut self.buf, s),
                Field::Opt(None) => self.buf.extend_from_slice(b"\\N"),
                Field::Bytes(b) => {
                    // bytea's hex input, its backslash escaped for COPY.
                    self.buf.extend_from_slice(b"\\\\x");
                    for byte in *b {
                        let _ =
                            std::io::Write::write_fmt(&mut self.buf, format_args!("{byte:02x}"));
                    }
                }
            }
        }
        self.buf.push(b'\n');
        if self.buf.len() >= COPY_CHUNK {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), String> {
        let chunk = Bytes::from(std::mem::take(&mut self.buf));
        self.sink
            .send(chunk)
            .await
            .map_err(db_error(&format!("cannot load {}", self.table)))
    }

    async fn finish(mut self) -> Result<(), String> {
        if !self.buf.is_empty() {
            self.flush().await?;
        }
        self.sink
            .as_mut()
            .finish()
            .await
            .map(|_| ())
            .map_err(db_error(&format!("cannot load {}", self.table)))
    }
}

/// Text escaped for COPY's text format. PostgreSQL's text holds no NUL: one
/// becomes U+FFFD, a single character too, so character offsets still hold.
fn copy_text(out: &mut Vec<u8>, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.extend_from_slice(b"\\\\"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\0' => out.extend_from_slice("\u{FFFD}".as_bytes()),
            c => {
                let mut b = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            }
        }
    }
}

/// A loaded corpus, ready to search: what every search needs (each
/// sentence's length, the people and titles) is read once, at start.
pub struct Database {
    pool: deadpool_postgres::Pool,
    cache: TermCache,
    hits: HitCache,
    /// When the corpus read at start was loaded: a later load renumbers
    /// sentences, so answers from what was read at start would be wrong.
    loaded_at: String,
    pub stats: SentenceStats,
    pub people: Arc<EntityTable>,
    pub corpus: CorpusInfo,
}

impl Database {
    /// Opens a loaded database, keeping up to `connections` connections and
    /// `cache_bytes` of recently read terms.
    pub async fn open(
        url: &str,
        connections: usize,
        cache_bytes: usize,
    ) -> Result<Database, String> {
        let mut config = config(url)?;
        config.options(format!("-c statement_timeout={STATEMENT_TIMEOUT_MS}"));
        let shown = place(&config);
        let manager = deadpool_postgres::Manager::from_config(
            config,
            NoTls,
            deadpool_postgres::ManagerConfig {
                recycling_method: deadpool_postgres::RecyclingMethod::Fast,
            },
        );
        let pool = deadpool_postgres::Pool::builder(manager)
            .max_size(connections.max(1))
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .map_err(|e| e.to_string())?;
        let client = pool.get().await.map_err(|e| pool_error(&shown, e))?;
        let meta_rows = client
            .query(&format!("SELECT key, value FROM {SCHEMA}.meta"), &[])
            .await
            .map_err(|e| match e.code() {
                Some(&tokio_postgres::error::SqlState::UNDEFINED_TABLE) => format!(
                    "the database at {shown} holds no crosscheck corpus: load one with `crosscheck index SOURCE --to URL`"
                ),
                _ => format!("cannot read the corpus's details at {shown}: {}", cause(&e)),
            })?;
        let meta: BTreeMap<String, String> =
            meta_rows.iter().map(|r| (r.get(0), r.get(1))).collect();
        let version = meta
            .get("schema_version")
            .map(String::as_str)
            .unwrap_or("none");
        if version != SCHEMA_VERSION.to_string() {
            return Err(format!(
                "the database at {shown} holds crosscheck schema version {version}, but this crosscheck reads version {SCHEMA_VERSION}: reload it with `crosscheck index SOURCE --to URL`"
            ));
        }
        let number = |key: &str| -> Result<usize, String> {
            meta.get(key)
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("the corpus's details at {shown} lack {key}: reload it"))
        };
        let corpus = CorpusInfo {
            documents: number("documents")?,
            sentences: number("sentences")?,
        };
        let people: EntityTable =
            serde_json::from_str(meta.get("people").map_or("", String::as_str)).map_err(|e| {
                format!("the people table at {shown} cannot be read ({e}): reload it")
            })?;
        let rows = client
            .query(
                &format!("SELECT length FROM {SCHEMA}.sentences ORDER BY id"),
                &[],
            )
            .await
            .map_err(db_error("cannot read the sentences' lengths"))?;
        let lengths: Vec<u16> = rows
            .iter()
            .map(|r| r.get::<_, i16>(0).max(0) as u16)
            .collect();
        if lengths.len() != corpus.sentences {
            return Err(format!(
                "the database at {shown} holds {} sentences where its details say {}: reload it",
                lengths.len(),
                corpus.sentences
            ));
        }
        Ok(Database {
            pool,
            cache: TermCache::new(cache_bytes),
            hits: HitCache::new(if cache_bytes == 0 {
                0
            } else {
                HIT_CACHE_CLAIMS
            }),
            loaded_at: meta.get("loaded_at").cloned().unwrap_or_default(),
            stats: SentenceStats::from_lengths(lengths),
            people: Arc::new(people),
            corpus,
        })
    }

    async fn client(&self) -> Result<deadpool_postgres::Object, String> {
        self.pool
            .get()
            .await
            .map_err(|e| pool_error("the database", e))
    }

    /// Whether the database answers.
    pub async fn health(&self) -> Result<(), String> {
        self.client()
            .await?
            .query_one("SELECT 1", &[])
            .await
            .map(|_| ())
            .map_err(db_error("the database does not answer"))
    }

    /// The candidates for `claims`, as a checker of the whole corpus would
    /// find them (see [`Checker::candidates`]). With `every`, each claim is
    /// searched; otherwise those a page would not search are not (sentences
    /// that are no claims, or hold nothing the corpus knows).
    pub async fn candidates(
        &self,
        claims: &[String],
        models: &Models,
        every: bool,
    ) -> Result<Candidates, String> {
        let started = std::time::Instant::now();
        let queries: Vec<ClaimQuery> = tokio::task::block_in_place(|| {
            claims
                .iter()
                .map(|c| ClaimQuery::new(c, &self.people, models))
                .collect()
        });
        let analysed = started.elapsed();
        let client = self.client().await?;
        let loaded_at: Option<String> = client
            .query_opt(
                &format!("SELECT value FROM {SCHEMA}.meta WHERE key = 'loaded_at'"),
                &[],
            )
            .await
            .map_err(db_error("cannot read the corpus's details"))?
            .map(|r| r.get(0));
        if loaded_at.as_deref() != Some(self.loaded_at.as_str()) {
            return Err("the corpus was loaded again since this server started: restart it to serve the new one".into());
        }
        // Every claim's words first (for their weights), then the postings
        // of the terms of the claims that are searched.
        let words: BTreeSet<&str> = queries
            .iter()
            .flat_map(|q| q.words.iter().map(String::as_str))
            .collect();
        let words = self.terms(&client, words, false).await?;
        let df = |w: &str| words.get(w).map_or(0, |t| t.df as usize);
        let searched: Vec<bool> = queries
            .iter()
            .map(|q| every || q.is_searched(&df, self.corpus.sentences))
            .collect();
        // Claims searched before (an editor's re-check of a draft) are not searched again.
        let known: Vec<Option<Vec<(u32, f32)>>> = queries
            .iter()
            .zip(&searched)
            .map(|(q, &s)| {
                if s {
                    self.hits.get(&q.text)
                } else {
                    Some(Vec::new())
                }
            })
            .collect();
        let cached = known
            .iter()
            .zip(&searched)
            .filter(|(k, s)| **s && k.is_some())
            .count();
        let terms: BTreeSet<&str> = queries
            .iter()
            .zip(&known)
            .filter(|(_, k)| k.is_none())
            .flat_map(|(q, _)| q.terms.iter().map(String::as_str))
            .collect();
        let terms = self.terms(&client, terms, true).await?;
        let terms_read = started.elapsed();
        let hits: Vec<ClaimHits> = tokio::task::block_in_place(|| {
            queries
                .iter()
                .zip(known)
                .map(|(q, known)| ClaimHits {
                    claim: q.text.clone(),
                    hits: known.unwrap_or_else(|| {
                        let found = q.search(
                            &|t| terms.get(t).and_then(|t| t.postings.as_ref()),
                            &self.stats,
                            models,
                        );
                        self.hits.insert(&q.text, &found);
                        found
                    }),
                })
                .collect()
        });
        let searched_at = started.elapsed();
        let mut df = BTreeMap::new();
        for q in &queries {
            for w in &q.words {
                if let Some(t) = words.get(w).filter(|t| t.df > 0) {
                    df.insert(w.clone(), t.df);
                }
            }
        }
        let ids: Vec<i32> = around(
            hits.iter().flat_map(|c| c.hits.iter().map(|h| h.0)),
            self.corpus.sentences as u32,
        )
        .into_iter()
        .map(|id| id as i32)
        .collect();
        let rows = client
            .query(
                &format!(
                    "SELECT id, document, start_char, end_char FROM {SCHEMA}.sentences
                     WHERE id = ANY($1) ORDER BY id"
                ),
                &[&ids],
            )
            .await
            .map_err(db_error("cannot read sentences"))?;
        let stored: Vec<StoredSentence> = rows
            .iter()
            .map(|r| StoredSentence {
                id: r.get::<_, i32>(0) as u32,
                doc: r.get::<_, i32>(1) as u32,
                range: [
                    r.get::<_, i32>(2).max(0) as usize,
                    r.get::<_, i32>(3).max(0) as usize,
                ],
            })
            .collect();
        let runs = runs(&stored);
        let (mut docs, mut starts, mut lens) = (Vec::new(), Vec::new(), Vec::new());
        for run in &runs {
            let (start, end) = (run[0].range[0], run[run.len() - 1].range[1]);
            docs.push(run[0].doc as i32);
            starts.push(start as i32);
            lens.push(end.saturating_sub(start) as i32);
        }
        let rows = client
            .query(
                &format!(
                    "SELECT d.id, d.doc, d.title, d.titled, d.url, d.date, substr(d.body, r.start + 1, r.len)
                     FROM unnest($1::int4[], $2::int4[], $3::int4[]) WITH ORDINALITY AS r(document, start, len, n)
                     JOIN {SCHEMA}.documents d ON d.id = r.document ORDER BY r.n"
                ),
                &[&docs, &starts, &lens],
            )
            .await
            .map_err(db_error("cannot read passages"))?;
        if rows.len() != runs.len() {
            return Err("a passage's document is missing from the database: reload it".into());
        }
        let mut documents: Vec<CandidateDocument> = Vec::new();
        let mut numbered: HashMap<i32, u32> = HashMap::new();
        let mut passages = Vec::with_capacity(runs.len());
        for (run, row) in runs.iter().zip(&rows) {
            let id: i32 = row.get(0);
            let document = *numbered.entry(id).or_insert_with(|| {
                documents.push(CandidateDocument {
                    id: row.get(1),
                    title: row.get(2),
                    titled: row.get(3),
                    url: row.get(4),
                    date: row.get(5),
                });
                documents.len() as u32 - 1
            });
            passages.push(Passage {
                document,
                start: run[0].range[0],
                text: row.get(6),
                sentences: run
                    .iter()
                    .map(|s| PassageSentence {
                        id: s.id,
                        range: s.range,
                    })
                    .collect(),
            });
        }
        let ms = |d: std::time::Duration| (d.as_secs_f64() * 10_000.0).round() / 10.0;
        crate::serve::log(serde_json::json!({
            "event": "candidates",
            "claims": queries.len(),
            "searched": searched.iter().filter(|s| **s).count(),
            "search_cache_hits": cached,
            "analysis_ms": ms(analysed),
            "terms_ms": ms(terms_read - analysed),
            "search_ms": ms(searched_at - terms_read),
            "passages_ms": ms(started.elapsed() - searched_at),
            "passages": passages.len(),
        }));
        Ok(Candidates {
            corpus: self.corpus,
            df,
            documents,
            passages,
            claims: hits,
        })
    }
}

impl Database {
    /// These terms' document frequencies and, with `postings`, their
    /// postings: from the cache, the rest from the database (and then cached).
    async fn terms(
        &self,
        client: &Client,
        terms: BTreeSet<&str>,
        postings: bool,
    ) -> Result<HashMap<String, Arc<Term>>, String> {
        let mut found = HashMap::with_capacity(terms.len());
        let mut missing: Vec<&str> = Vec::new();
        self.cache.read(|cache| {
            for t in &terms {
                match cache(t) {
                    Some(term) if !postings || term.postings.is_some() || term.df == 0 => {
                        found.insert(t.to_string(), term.clone());
                    }
                    _ => missing.push(t),
                }
            }
        });
        if missing.is_empty() {
            return Ok(found);
        }
        let rows = client
            .query(
                &format!(
                    "SELECT term, df, CASE WHEN $2 THEN postings END FROM {SCHEMA}.terms WHERE term = ANY($1)"
                ),
                &[&missing, &postings],
            )
            .await
            .map_err(db_error("cannot read postings"))?;
        let mut fetched: Vec<(String, Arc<Term>)> = Vec::with_capacity(missing.len());
        for row in &rows {
            let df = row.get::<_, i32>(1).max(0) as u32;
            let coded: Option<Vec<u8>> = row.get(2);
            let term = Term {
                df,
                postings: coded.map(|c| Postings::from_coded(df, c)),
            };
            fetched.push((row.get(0), Arc::new(term)));
        }
        // Terms the corpus never uses are remembered too.
        let known: BTreeSet<&str> = rows.iter().map(|r| r.get::<_, &str>(0)).collect();
        for t in missing.iter().filter(|t| !known.contains(*t)) {
            fetched.push((
                t.to_string(),
                Arc::new(Term {
                    df: 0,
                    postings: None,
                }),
            ));
        }
        self.cache.insert(&fetched);
        found.extend(fetched);
        Ok(found)
    }
}

/// A term as read from the database: its document frequency and, when a
/// search needed them, its postings.
pub struct Term {
    df: u32,
    postings: Option<Postings>,
}

impl Term {
    fn bytes(&self, name: &str) -> usize {
        64 + name.len() + self.postings.as_ref().map_or(0, |p| p.coded().len() * 2)
    }
}

/// Terms read recently, up to a memory budget: common words recur in every
/// article, so most searches read no postings from the database, and a
/// cached list keeps the skip points built when it was first searched.
pub struct TermCache {
    entries: std::sync::RwLock<HashMap<String, (Arc<Term>, std::sync::atomic::AtomicU64)>>,
    bytes: std::sync::atomic::AtomicUsize,
    budget: usize,
    clock: std::sync::atomic::AtomicU64,
}

impl TermCache {
    pub fn new(budget: usize) -> TermCache {
        TermCache {
            entries: Default::default(),
            bytes: Default::default(),
            budget,
            clock: Default::default(),
        }
    }

    fn read(&self, f: impl FnOnce(&dyn Fn(&str) -> Option<Arc<Term>>)) {
        use std::sync::atomic::Ordering::Relaxed;
        let Ok(entries) = self.entries.read() else {
            return;
        };
        let now = self.clock.fetch_add(1, Relaxed);
        f(&|t| {
            entries.get(t).map(|(term, used)| {
                used.store(now, Relaxed);
                term.clone()
            })
        });
    }

    fn insert(&self, fetched: &[(String, Arc<Term>)]) {
        use std::sync::atomic::Ordering::Relaxed;
        if self.budget == 0 {
            return;
        }
        let Ok(mut entries) = self.entries.write() else {
            return;
        };
        let now = self.clock.fetch_add(1, Relaxed);
        for (name, term) in fetched {
            let size = term.bytes(name);
            if let Some((old, _)) = entries.insert(name.clone(), (term.clone(), now.into())) {
                self.bytes.fetch_sub(old.bytes(name), Relaxed);
            }
            self.bytes.fetch_add(size, Relaxed);
        }
        // Over budget: the least recently used go until a quarter is free.
        if self.bytes.load(Relaxed) > self.budget {
            let mut by_age: Vec<(u64, String)> = entries
                .iter()
                .map(|(k, (_, used))| (used.load(Relaxed), k.clone()))
                .collect();
            by_age.sort_unstable();
            for (_, name) in by_age {
                if self.bytes.load(Relaxed) <= self.budget / 4 * 3 {
                    break;
                }
                if let Some((old, _)) = entries.remove(&name) {
                    self.bytes.fetch_sub(old.bytes(&name), Relaxed);
                }
            }
        }
    }
}

/// Claims whose hits are remembered: a page checks a draft again after each
/// edit, and most of its sentences have not changed.
const HIT_CACHE_CLAIMS: usize = 50_000;

/// The hits of recently searched claims, by claim text. When full it starts
/// afresh: simpler than least-recently-used, and a draft being edited is
/// searched again at most once.
struct HitCache {
    entries: std::sync::Mutex<HashMap<String, Vec<(u32, f32)>>>,
    capacity: usize,
}

impl HitCache {
    fn new(capacity: usize) -> HitCache {
        HitCache {
            entries: Default::default(),
            capacity,
        }
    }

    fn get(&self, claim: &str) -> Option<Vec<(u32, f32)>> {
        self.entries.lock().ok()?.get(claim).cloned()
    }

    fn insert(&self, claim: &str, hits: &[(u32, f32)]) {
        if self.capacity == 0 {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.capacity {
                entries.clear();
            }
            entries.insert(claim.to_string(), hits.to_vec());
        }
    }
}

fn pool_error(place: &str, e: deadpool_postgres::PoolError) -> String {
    match e {
        deadpool_postgres::PoolError::Backend(e) => {
            format!("cannot connect to PostgreSQL at {place}: {}", cause(&e))
        }
        deadpool_postgres::PoolError::Timeout(_) => {
            format!("no connection to PostgreSQL at {place} came free in time")
        }
        other => format!("cannot connect to PostgreSQL at {place}: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsvector_entries_quote_and_count() {
        let mut v = String::new();
        tsvector_entry(&mut v, "o'neil", 2);
        tsvector_entry(&mut v, "a\\b", 1);
        tsvector_entry(&mut v, "", 1);
        tsvector_entry(&mut v, "@putin", 300);
        let expected_positions: Vec<String> = (1..=256).map(|p| p.to_string()).collect();
        assert_eq!(
            v,
            format!(
                "'o''neil':1,2 'a\\\\b':1 '@putin':{}",
                expected_positions.join(",")
            )
        );
    }

    #[test]
    fn copy_text_escapes_what_copy_reads_specially() {
        let mut out = Vec::new();
        copy_text(&mut out, "a\tb\nc\\d\re\0f ☃");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\tb\\nc\\\\d\\re\u{FFFD}f ☃"
        );
    }

    #[test]
    fn addresses_are_told_apart_and_bad_ones_explained() {
        assert!(is_url("postgres://u@h/db") && is_url("postgresql://h/db"));
        assert!(!is_url("corpus/seed") && !is_url("postgres.idx"));
        let e = config("postgres://u@h:notaport/db").unwrap_err();
        assert!(e.starts_with("not a PostgreSQL address"), "{e}");
        let c = config("postgres://u:secret@db.example:5433/news").unwrap();
        let shown = place(&c);
        assert_eq!(shown, "db.example:5433/news");
        assert!(!shown.contains("secret"));
    }
}
