//! Widget mode: the app inside a newsroom's page, in an iframe that
//! `embed.js` inserts. The page talks to its host by `postMessage` only, and
//! only with the host origin named in its address: it sends its height and
//! the `ready`, `result` and `select` events, and accepts the article text.

use crosscheck_engine::{Report, SentenceResult};
use serde_json::{json, Value};

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
fn decode_component(value: &str) -> String {
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

pub fn ready_message() -> Value {
    json!({ "type": "crosscheck:ready" })
}

pub fn height_message(height: f64) -> Value {
    json!({ "type": "crosscheck:height", "height": height.ceil().max(0.0) as u64 })
}

/// The result event: counts per verdict and the report (the CLI's type).
pub fn result_message(report: &Report) -> Value {
    let s = &report.summary;
    json!({
        "type": "crosscheck:result",
        "counts": {
            "supported": s.supported,
            "conflicting": s.conflicting,
            "unsupported": s.unsupported,
            "none": s.none,
        },
        "report": report,
    })
}

pub fn select_message(result: Option<&SentenceResult>) -> Value {
    match result {
        Some(r) => json!({
            "type": "crosscheck:select",
            "index": r.index,
            "verdict": r.verdict.as_str(),
            "text": r.text,
        }),
        None => json!({ "type": "crosscheck:select", "index": null }),
    }
}

/// The article text of a host's message, if it is one: `{type: "crosscheck:text", text}`.
pub fn text_of_message(data: &Value) -> Option<String> {
    (data.get("type")?.as_str()? == "crosscheck:text")
        .then(|| data.get("text")?.as_str().map(str::to_string))
        .flatten()
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
        let m = result_message(&report);
        assert_eq!(m["type"], "crosscheck:result");
        assert_eq!(m["counts"]["conflicting"], report.summary.conflicting);
        let back: Report = serde_json::from_value(m["report"].clone()).unwrap();
        assert_eq!(back, report);
        assert_eq!(height_message(301.2)["height"], 302);
        let first = &report.sentences[0];
        assert_eq!(
            select_message(Some(first))["verdict"],
            first.verdict.as_str()
        );
        assert_eq!(
            text_of_message(&json!({"type": "crosscheck:text", "text": "Hi."})),
            Some("Hi.".into())
        );
        assert_eq!(
            text_of_message(&json!({"type": "other", "text": "Hi."})),
            None
        );
        assert_eq!(text_of_message(&json!("crosscheck:text")), None);
    }
}
