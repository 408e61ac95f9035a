//! Widget mode: the app inside a newsroom's page, in an iframe that
//! `embed.js` inserts. The page talks to its host by `postMessage` only, and
//! only with the host origin named in its address: it sends its height and
//! the `ready`, `result` and `select` events, and accepts the article text.

use crosscheck_engine::{Report, SentenceResult};
use serde::{Deserialize, Serialize};

/// Settings of an embedded app, from its address: `?embed=1&host=ORIGIN
/// [&theme=light|dark][&compact=1]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Embed {
    /// The host page's origin: messages go there and only there.
    pub host: Option<String>,
    pub theme: Option<Theme>,
    pub compact: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Widget settings from a query string (`?a=b&c=d`); `None` outside widget mode.
pub fn from_query(search: &str) -> Option<Embed> {
    let mut embed = None;
    let mut settings = Embed::default();
    for pair in search.trim_start_matches('?').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode_component(value);
        match key {
            "embed" => embed = Some(()),
            "host" => settings.host = origin(&value),
            "theme" => {
                settings.theme = match value.as_str() {
                    "light" => Some(Theme::Light),
                    "dark" => Some(Theme::Dark),
                    _ => None,
                }
            }
            "compact" => settings.compact = value != "0" && value != "false",
            _ => {}
        }
    }
    embed.map(|_| settings)
}

/// An origin as `postMessage` wants it (`https://news.example:8443`), or
/// `None` for anything else: a wrong host must not widen the audience to `*`.
fn origin(value: &str) -> Option<String> {
    let (scheme, rest) = value.split_once("://")?;
    if !matches!(scheme, "http" | "https") || rest.is_empty() {
        return None;
    }
    let ok = rest
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    ok.then(|| format!("{scheme}://{}", rest.to_ascii_lowercase()))
}

/// Percent-decoding for query values (`+` is a space).
pub(crate) fn decode_component(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

// Messages are serde structs: the page turns them into plain JavaScript
// objects with serde-wasm-bindgen (`browser::post_to_parent`) and
// `postMessage` sends them as structured clones; no JSON text on the way.

/// A message to the host page: `{type: "crosscheck:…", …fields}`.
#[derive(Serialize)]
pub struct Message<'a, T: Serialize> {
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(flatten)]
    body: T,
}

fn message<T: Serialize>(kind: &str, body: T) -> Message<'_, T> {
    Message { kind, body }
}

#[derive(Serialize)]
pub struct Empty {}

#[derive(Serialize)]
pub struct Height {
    height: u64,
}

#[derive(Serialize)]
pub struct Counts {
    supported: usize,
    conflicting: usize,
    unsupported: usize,
    none: usize,
}

#[derive(Serialize)]
pub struct ResultBody<'a> {
    counts: Counts,
    report: &'a Report,
}

#[derive(Serialize)]
pub struct Select<'a> {
    index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

pub fn ready_message() -> Message<'static, Empty> {
    message("crosscheck:ready", Empty {})
}

pub fn height_message(height: f64) -> Message<'static, Height> {
    message(
        "crosscheck:height",
        Height {
            height: height.ceil().max(0.0) as u64,
        },
    )
}

/// The result event: counts per verdict and the report (the CLI's type).
pub fn result_message(report: &Report) -> Message<'static, ResultBody<'_>> {
    let s = &report.summary;
    let counts = Counts {
        supported: s.supported,
        conflicting: s.conflicting,
        unsupported: s.unsupported,
        none: s.none,
    };
    message("crosscheck:result", ResultBody { counts, report })
}

pub fn select_message(result: Option<&SentenceResult>) -> Message<'static, Select<'_>> {
    message(
        "crosscheck:select",
        Select {
            index: result.map(|r| r.index),
            verdict: result.map(|r| r.verdict.as_str()),
            text: result.map(|r| r.text.as_str()),
        },
    )
}

/// A message from the host page, as far as the widget reads it.
#[derive(Deserialize)]
pub struct Incoming {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    text: Option<String>,
}

/// The article text of a host's message, if it is one:
/// `{type: "crosscheck:text", text}`.
pub fn text_of_message(m: Incoming) -> Option<String> {
    (m.kind == "crosscheck:text").then_some(m.text).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_table() {
        let cases: &[(&str, Option<Embed>)] = &[
            ("", None),
            ("?theme=dark", None),
            ("?embed=1", Some(Embed::default())),
            (
                "?embed=1&host=https%3A%2F%2FNews.Example%3A8443&theme=dark&compact=1",
                Some(Embed {
                    host: Some("https://news.example:8443".into()),
                    theme: Some(Theme::Dark),
                    compact: true,
                }),
            ),
            (
                "?embed&host=javascript:alert(1)&theme=pink&compact=0",
                Some(Embed::default()),
            ),
            (
                "?embed=1&host=https://a.example/path",
                Some(Embed::default()),
            ),
            ("?embed=1&host=%E0%A4", Some(Embed::default())),
            ("?embed=1&host=%", Some(Embed::default())),
        ];
        for (query, want) in cases {
            assert_eq!(&from_query(query), want, "{query}");
        }
    }

    #[test]
    fn messages() {
        let report = crate::checker().check_article(crate::EXAMPLE);
        let m = serde_json::to_value(result_message(&report)).unwrap();
        assert_eq!(m["type"], "crosscheck:result");
        assert_eq!(m["counts"]["conflicting"], report.summary.conflicting);
        let back: Report = serde_json::from_value(m["report"].clone()).unwrap();
        assert_eq!(back, report);
        fn parse(m: impl Serialize) -> serde_json::Value {
            serde_json::to_value(m).unwrap()
        }
        use serde_json::json;
        assert_eq!(
            parse(height_message(301.2)),
            json!({"type": "crosscheck:height", "height": 302})
        );
        assert_eq!(parse(ready_message()), json!({"type": "crosscheck:ready"}));
        let first = &report.sentences[0];
        let select = serde_json::to_value(select_message(Some(first))).unwrap();
        assert_eq!(select["verdict"], first.verdict.as_str());
        assert_eq!(
            parse(select_message(None)),
            json!({"type": "crosscheck:select", "index": null})
        );
        let text_of = |json: &str| {
            serde_json::from_str::<Incoming>(json)
                .ok()
                .and_then(text_of_message)
        };
        assert_eq!(
            text_of(r#"{"type": "crosscheck:text", "text": "Hi."}"#),
            Some("Hi.".into())
        );
        assert_eq!(text_of(r#"{"type": "other", "text": "Hi."}"#), None);
        assert_eq!(text_of(r#"{"type": "crosscheck:text", "text": 5}"#), None);
        assert_eq!(text_of(r#"{"type": "crosscheck:text"}"#), None);
        assert_eq!(text_of(r#""crosscheck:text""#), None);
    }
}
