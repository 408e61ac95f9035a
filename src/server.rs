//! API mode: a newsroom's archive server (`crosscheck serve`) finds each
//! claim's candidate passages, and the page still judges them itself
//! (`crosscheck_engine::remote` is the contract). The page then loads no
//! `corpus.idx`: it reads `GET {api}/corpus` once and sends each check's
//! sentences to `POST {api}/candidates`, at most `remote::MAX_CLAIMS` a request.
//!
//! The address comes from the page's `api` query parameter (which `embed.js`
//! sets from `data-api`), else from the Sources view (kept in this browser).

use std::future::Future;
use std::sync::Arc;

use crosscheck_engine::analyze::entities::EntityTable;
use crosscheck_engine::remote::{self, Candidates, CandidatesRequest, ServerCorpus};
use crosscheck_engine::report::CorpusInfo;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A server that does not answer within this time is reported as slow.
const TIMEOUT_MS: i32 = 15_000;

/// An archive server the page is connected to: its corpus's size and the
/// people and titles learnt from it, which the page's analysis reads.
#[derive(Debug)]
pub struct Server {
    /// The address, without a trailing slash (`https://host/crosscheck-api`).
    pub api: String,
    pub info: CorpusInfo,
    pub people: Arc<EntityTable>,
}

/// An address as typed: empty is none (the bundled corpus); else an http(s)
/// address without query or fragment, kept without trailing slashes.
pub fn address(input: &str) -> Result<Option<String>, String> {
    let a = input.trim().trim_end_matches('/');
    if a.is_empty() {
        return Ok(None);
    }
    let rest = a
        .strip_prefix("https://")
        .or_else(|| a.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !r.contains(['?', '#', ' ']) && !r.starts_with('/') => {
            Ok(Some(a.to_string()))
        }
        _ => Err(format!(
            "“{a}” is not an archive server address: it should look like https://news.example/crosscheck-api."
        )),
    }
}

/// The host an address names, for messages ("news.example:8443").
pub fn host(api: &str) -> &str {
    let rest = api.split_once("://").map_or(api, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest)
}

/// The `api` parameter of a query string (`?embed=1&api=...`), decoded; an
/// address that is not right is kept, so connecting says what is wrong.
pub fn from_query(search: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("api="))
        .map(crate::embed::decode_component)
        .filter(|a| !a.trim().is_empty())
}

/// What the server at `api` answers to `path` (a POST of `body` as JSON when
/// given), as a JavaScript value (the browser parses the JSON), or a message
/// for the reader. The request starts now, not when the future is first
/// polled, so it runs beside the model downloads.
fn ask(
    api: &str,
    path: &str,
    body: Option<String>,
) -> impl Future<Output = Result<JsValue, String>> {
    let host = host(api).to_string();
    let init = web_sys::RequestInit::new();
    if let Some(body) = body {
        init.set_method("POST");
        if let Ok(headers) = web_sys::Headers::new() {
            let _ = headers.set("Content-Type", "application/json");
            init.set_headers(&headers);
        }
        init.set_body(&JsValue::from_str(&body));
    }
    let abort = web_sys::AbortController::new().ok();
    if let Some(a) = &abort {
        init.set_signal(Some(&a.signal()));
    }
    let timer = abort.clone();
    crate::browser::after(TIMEOUT_MS, move || {
        if let Some(a) = timer {
            a.abort();
        }
    });
    // Listened to at once: a refused connection rejects before the caller
    // awaits, and would otherwise be an unhandled rejection.
    let request = web_sys::window()
        .map(|w| JsFuture::from(w.fetch_with_str_and_init(&format!("{api}/{path}"), &init)));
    async move {
        let failed = |_: JsValue| {
            if abort.as_ref().is_some_and(|a| a.signal().aborted()) {
                format!("The archive server at {host} did not answer within 15 seconds.")
            } else {
                format!("The archive server at {host} could not be reached: it may be down, or not accept requests from this page.")
            }
        };
        let response: web_sys::Response = request
            .ok_or(JsValue::NULL)
            .map_err(failed)?
            .await
            .map_err(failed)?
            .unchecked_into();
        let json = match response.json() {
            Ok(p) => JsFuture::from(p).await,
            Err(e) => Err(e),
        };
        if response.ok() {
            return json.map_err(|e| {
                if abort.as_ref().is_some_and(|a| a.signal().aborted()) {
                    failed(e)
                } else {
                    unreadable(&host, "not JSON")
                }
            });
        }
        // A refusal says why: `{"error": "message"}`.
        let why = json
            .ok()
            .and_then(|v| js_sys::Reflect::get(&v, &"error".into()).ok()?.as_string())
            .map(|e| e.chars().take(300).collect())
            .unwrap_or_else(|| format!("HTTP {}", response.status()));
        Err(format!(
            "The archive server at {host} could not answer: {why}"
        ))
    }
}

fn unreadable(api: &str, e: impl std::fmt::Display) -> String {
    format!(
        "The archive server at {} sent an answer this page cannot read ({e}).",
        host(api)
    )
}

/// Reads `GET {api}/corpus`; a server that speaks another version of the
/// API is refused. The request starts at once.
pub fn connect(api: &str) -> impl Future<Output = Result<Server, String>> {
    let checked = address(api);
    let answer = checked
        .as_ref()
        .ok()
        .and_then(|a| a.as_deref().map(|a| ask(a, "corpus", None)));
    async move {
        let (Some(api), Some(answer)) = (checked?, answer) else {
            return Err("No archive server is set.".into());
        };
        let answer = answer.await?;
        // The version first: another version's answer may not read as this one's.
        let version = js_sys::Reflect::get(&answer, &"api".into())
            .ok()
            .and_then(|v| v.as_f64());
        same_version(&api, version)?;
        let corpus: ServerCorpus =
            serde_wasm_bindgen::from_value(answer).map_err(|e| unreadable(&api, e))?;
        Ok(Server {
            info: corpus.corpus,
            people: Arc::new(corpus.people),
            api,
        })
    }
}

/// Whether the server speaks this page's version of the API.
pub fn same_version(api: &str, version: Option<f64>) -> Result<(), String> {
    if version == Some(f64::from(remote::API_VERSION)) {
        return Ok(());
    }
    Err(format!(
        "The archive server at {} speaks {} of the crosscheck API; this page speaks version {}.",
        host(api),
        version.map_or("no known version".into(), |v| format!("version {v}")),
        remote::API_VERSION
    ))
}

/// The candidate passages for `claims` (at most `remote::MAX_CLAIMS`).
pub async fn candidates(api: &str, claims: &[String]) -> Result<Candidates, String> {
    // A page's check: the server may skip sentences the check does not search.
    let request = CandidatesRequest {
        claims: claims.to_vec(),
        ..CandidatesRequest::default()
    };
    let body = serde_json::to_string(&request).map_err(|e| e.to_string())?;
    let answer = ask(api, "candidates", Some(body)).await?;
    serde_wasm_bindgen::from_value(answer).map_err(|e| unreadable(api, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(address("  "), Ok(None));
        assert_eq!(
            address(" https://news.example/crosscheck-api/ "),
            Ok(Some("https://news.example/crosscheck-api".into()))
        );
        assert_eq!(
            address("http://127.0.0.1:9000"),
            Ok(Some("http://127.0.0.1:9000".into()))
        );
        for wrong in [
            "news.example/api",
            "ftp://news.example",
            "https://",
            "https:///path",
            "https://a.example/api?key=1",
            "https://a.example/#x",
            "javascript:alert(1)",
        ] {
            let e = address(wrong).unwrap_err();
            assert!(e.contains("not an archive server address"), "{wrong}: {e}");
        }
        assert_eq!(
            host("https://news.example:8443/crosscheck-api"),
            "news.example:8443"
        );
        assert_eq!(host("http://127.0.0.1:9"), "127.0.0.1:9");
    }

    #[test]
    fn the_address_in_the_query() {
        assert_eq!(
            from_query("?embed=1&api=https%3A%2F%2Fnews.example%2Fapi&host=x"),
            Some("https://news.example/api".into())
        );
        assert_eq!(from_query("?embed=1&api="), None);
        assert_eq!(from_query("?xapi=https://a"), None);
        assert_eq!(from_query(""), None);
    }

    #[test]
    fn a_server_of_another_version_is_refused() {
        let api = "https://news.example/api";
        assert_eq!(
            same_version(api, Some(f64::from(remote::API_VERSION))),
            Ok(())
        );
        let e = same_version(api, Some(2.0)).unwrap_err();
        assert!(
            e.contains("speaks version 2 of") && e.contains("news.example"),
            "{e}"
        );
        let e = same_version(api, None).unwrap_err();
        assert!(e.contains("speaks no known version"), "{e}");
    }
}
