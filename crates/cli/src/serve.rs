//! `crosscheck serve`: the HTTP server a page asks for candidate passages
//! when the corpus is a newsroom's archive (see the README, "Archive server").
//!
//! - `GET /health`: whether the server and its database answer.
//! - `GET /corpus`: the corpus's size and its people and titles, which the
//!   page's analysis reads (`remote::ServerCorpus`).
//! - `POST /candidates`: `{"claims": [..]}` -> `remote::Candidates`.
//! - `POST /check`: `{"text": ".."}` -> the full report, for a CMS back end.
//!
//! Every answer is JSON; an error is `{"error": "what is wrong"}` with its
//! status. One JSON line is logged per request (method, path, status,
//! milliseconds, claims): never the claims' text.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use crosscheck_engine::remote::{
    claims_of, Candidates, CandidatesRequest, CheckRequest, ServerCorpus, API_VERSION, MAX_CLAIMS,
    MAX_CLAIM_BYTES,
};
use crosscheck_engine::{prepare_article, Checker, HouseStyle, Models, Report, MAX_INPUT_BYTES};
use serde::de::DeserializeOwned;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::postgres::Database;

/// Largest `POST /candidates` body: every claim at its longest, with room
/// for JSON's escapes.
const MAX_CANDIDATES_BODY: usize = 2 * MAX_CLAIMS * MAX_CLAIM_BYTES;
/// Largest `POST /check` body: the longest article checked, with room for escapes.
const MAX_CHECK_BODY: usize = 2 * MAX_INPUT_BYTES;
/// A request that takes longer is answered 503.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Where candidates come from.
pub enum Backend {
    Postgres(Database),
    /// An index file or a corpus read at start: the built-in retrieval behind the same API.
    Local(Checker),
}

pub struct Options {
    pub listen: SocketAddr,
    pub allow_origins: Vec<String>,
    pub house_style: Option<Arc<HouseStyle>>,
}

struct Server {
    backend: Backend,
    models: Arc<Models>,
    house_style: Option<Arc<HouseStyle>>,
    /// `GET /corpus`, serialised once.
    corpus: Bytes,
}

/// An answer that is not a success: its status and what to tell the caller.
struct Problem(StatusCode, String);

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.1 }).to_string();
        (self.0, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    }
}

fn json_response(body: impl Into<axum::body::Body>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body.into()).into_response()
}

impl Server {
    fn corpus_info(&self) -> crosscheck_engine::report::CorpusInfo {
        match &self.backend {
            Backend::Postgres(db) => db.corpus,
            Backend::Local(c) => c.corpus_info(),
        }
    }

    fn people(&self) -> Arc<crosscheck_engine::analyze::entities::EntityTable> {
        match &self.backend {
            Backend::Postgres(db) => db.people.clone(),
            Backend::Local(c) => c.people().clone(),
        }
    }

    async fn candidates(&self, claims: &[String], every: bool) -> Result<Candidates, Problem> {
        match &self.backend {
            Backend::Postgres(db) => db
                .candidates(claims, &self.models, every)
                .await
                .map_err(|e| Problem(StatusCode::SERVICE_UNAVAILABLE, e)),
            Backend::Local(c) => Ok(tokio::task::block_in_place(|| c.candidates(claims, every))),
        }
    }

    /// The report `Checker::check_article` gives, a batch of claims at a time.
    async fn check(&self, text: &str) -> Result<Report, Problem> {
        let article = prepare_article(text);
        let claims = claims_of(text);
        let people = self.people();
        let mut results = Vec::with_capacity(claims.len());
        let mut checker = None;
        for (k, batch) in claims.chunks(MAX_CLAIMS).enumerate() {
            let candidates = self.candidates(batch, false).await?;
            let c = Checker::from_candidates(candidates, people.clone(), self.models.clone())
                .map_err(|e| Problem(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
                .with_house_style(self.house_style.clone());
            tokio::task::block_in_place(|| {
                for i in k * MAX_CLAIMS..k * MAX_CLAIMS + batch.len() {
                    results.extend(c.check_article_sentence(&article, i));
                }
            });
            checker = Some(c);
        }
        let checker = match checker {
            Some(c) => c,
            // Nothing to ask about: a report of the notice alone.
            None => Checker::from_candidates(
                Candidates {
                    corpus: self.corpus_info(),
                    ..Candidates::default()
                },
                people,
                self.models.clone(),
            )
            .map_err(|e| Problem(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?,
        };
        Ok(checker.report(results, article.notice))
    }
}

/// The JSON body of a request, or the problem with it: a wrong content type,
/// a body over the limit, or JSON that is not the request's shape.
fn read_json<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<T, Problem> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(Problem(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send JSON with Content-Type: application/json".into(),
        ));
    }
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the request body is too large".into(),
        ),
        status => Problem(status, e.body_text()),
    })?;
    serde_json::from_slice(&body).map_err(|e| {
        Problem(
            StatusCode::BAD_REQUEST,
            format!("the request is not what this endpoint reads: {e}"),
        )
    })
}

async fn within_time<T>(
    work: impl std::future::Future<Output = Result<T, Problem>>,
) -> Result<T, Problem> {
    tokio::time::timeout(REQUEST_TIMEOUT, work)
        .await
        .unwrap_or_else(|_| {
            Err(Problem(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "no answer within {} s; try again",
                    REQUEST_TIMEOUT.as_secs()
                ),
            ))
        })
}

async fn health(State(server): State<Arc<Server>>) -> Response {
    let info = server.corpus_info();
    let database = match &server.backend {
        Backend::Postgres(db) => db.health().await,
        Backend::Local(_) => Ok(()),
    };
    let (status, state, error) = match database {
        Ok(()) => (StatusCode::OK, "ok", None),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable", Some(e)),
    };
    let body = serde_json::json!({
        "status": state,
        "api": API_VERSION,
        "documents": info.documents,
        "sentences": info.sentences,
        "error": error,
    });
    (status, json_response(body.to_string())).into_response()
}

async fn corpus(State(server): State<Arc<Server>>) -> Response {
    json_response(server.corpus.clone())
}

async fn candidates(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let request: CandidatesRequest = read_json(&headers, body)?;
    if request.claims.len() > MAX_CLAIMS {
        return Err(Problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "{} claims; send at most {MAX_CLAIMS} a request",
                request.claims.len()
            ),
        ));
    }
    if let Some(i) = request
        .claims
        .iter()
        .position(|c| c.len() > MAX_CLAIM_BYTES)
    {
        return Err(Problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("claim {i} is longer than {MAX_CLAIM_BYTES} bytes; send its first {MAX_CLAIM_BYTES} (the engine reads no more)"),
        ));
    }
    let found = within_time(server.candidates(&request.claims, request.every)).await?;
    let body = serde_json::to_vec(&found)
        .map_err(|e| Problem(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(json_response(body))
}

async fn check(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let request: CheckRequest = read_json(&headers, body)?;
    let report = within_time(server.check(&request.text)).await?;
    let body = serde_json::to_vec(&report)
        .map_err(|e| Problem(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(json_response(body))
}

/// One JSON line per request on standard error.
async fn log_request(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let started = Instant::now();
    let (method, path) = (request.method().clone(), request.uri().path().to_string());
    let response = next.run(request).await;
    log(serde_json::json!({
        "event": "request",
        "method": method.as_str(),
        "path": path,
        "status": response.status().as_u16(),
        "ms": (started.elapsed().as_secs_f64() * 1000.0 * 10.0).round() / 10.0,
    }));
    response
}

pub fn log(mut event: serde_json::Value) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64());
    event["ts"] = serde_json::json!((now * 1000.0).round() / 1000.0);
    eprintln!("{event}");
}

fn router(server: Arc<Server>, allow_origins: &[String]) -> Result<Router, String> {
    let mut app = Router::new()
        .route("/health", get(health))
        .route("/corpus", get(corpus))
        .route(
            "/candidates",
            post(candidates).layer(DefaultBodyLimit::max(MAX_CANDIDATES_BODY)),
        )
        .route(
            "/check",
            post(check).layer(DefaultBodyLimit::max(MAX_CHECK_BODY)),
        )
        .with_state(server);
    if !allow_origins.is_empty() {
        let origins = allow_origins
            .iter()
            .map(|o| {
                HeaderValue::from_str(o.trim_end_matches('/'))
                    .map_err(|_| format!("--allow-origin {o:?} is not an origin"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        app = app.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE])
                .max_age(Duration::from_secs(24 * 3600)),
        );
    }
    Ok(app.layer(axum::middleware::from_fn(log_request)))
}

/// Serves until interrupted (Ctrl-C or SIGTERM).
pub async fn run(backend: Backend, options: Options) -> Result<(), String> {
    let models = Models::default_for_build();
    let people = match &backend {
        Backend::Postgres(db) => db.people.clone(),
        Backend::Local(c) => c.people().clone(),
    };
    let info = match &backend {
        Backend::Postgres(db) => db.corpus,
        Backend::Local(c) => c.corpus_info(),
    };
    let corpus = ServerCorpus {
        api: API_VERSION,
        corpus: info,
        people: people.as_ref().clone(),
    };
    let corpus = Bytes::from(serde_json::to_vec(&corpus).map_err(|e| e.to_string())?);
    let server = Arc::new(Server {
        backend,
        models,
        house_style: options.house_style,
        corpus,
    });
    let app = router(server, &options.allow_origins)?;
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", options.listen))?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    log(serde_json::json!({
        "event": "listening",
        "address": format!("http://{bound}"),
        "documents": info.documents,
        "sentences": info.sentences,
        "allowed_origins": options.allow_origins,
    }));
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| e.to_string())?;
    log(serde_json::json!({ "event": "stopped" }));
    Ok(())
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
