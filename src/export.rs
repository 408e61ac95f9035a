//! What an editor takes away: the engine's JSON report, a Markdown summary,
//! and schema.org ClaimReview JSON-LD for the claims with a finding.

use crosscheck_engine::{Report, SentenceResult, Verdict};
use serde::Serialize;

/// The report exactly as the CLI's `--format json` gives it.
pub fn report_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default()
}

/// A summary for an editor: counts, then each claim with its finding, the
/// problems first.
pub fn markdown(report: &Report) -> String {
    let s = &report.summary;
    let mut out = String::from("# crosscheck report\n\n");
    out.push_str(&format!(
        "{} conflicting · {} unsupported · {} supported · {} not a claim, against {} source documents.\n",
        s.conflicting, s.unsupported, s.supported, s.none, report.corpus.documents
    ));
    if let Some(notice) = &report.notice {
        out.push_str(&format!("\n> {}\n", one_line(notice)));
    }
    for (verdict, heading) in [
        (Verdict::Conflicting, "Conflicts with a source"),
        (Verdict::Unsupported, "No source found"),
        (Verdict::Supported, "Supported"),
    ] {
        let claims: Vec<&SentenceResult> = report
            .sentences
            .iter()
            .filter(|r| r.verdict == verdict)
            .collect();
        if claims.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {heading} ({})\n\n", claims.len()));
        for r in claims {
            out.push_str(&format!(
                "- **{}** {}\n  - {} (confidence {}%)\n",
                r.index + 1,
                one_line(&r.text),
                one_line(&r.explanation),
                crate::percent(r.confidence)
            ));
            if let Some(e) = r.evidence.first() {
                out.push_str(&format!(
                    "  - Source *{}*: “{}”\n",
                    one_line(&e.title),
                    one_line(&e.text)
                ));
            }
        }
    }
    out
}

#[derive(Serialize)]
struct Graph {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<ClaimReview>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimReview {
    #[serde(rename = "@type")]
    kind: &'static str,
    date_published: String,
    claim_reviewed: String,
    author: Typed,
    review_rating: Rating,
    item_reviewed: Claim,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Typed {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    rating_value: u8,
    best_rating: u8,
    worst_rating: u8,
    alternate_name: &'static str,
    rating_explanation: String,
}

#[derive(Serialize)]
struct Claim {
    #[serde(rename = "@type")]
    kind: &'static str,
    appearance: Vec<Appearance>,
}

#[derive(Serialize)]
struct Appearance {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    identifier: String,
    text: String,
}

/// ClaimReview JSON-LD (<https://schema.org/ClaimReview>) for the supported and
/// conflicting claims. `date` is the review date (YYYY-MM-DD); `url` the page
/// the review belongs to, if any.
pub fn claim_review(report: &Report, date: &str, url: Option<&str>) -> String {
    let graph = report
        .sentences
        .iter()
        .filter(|r| matches!(r.verdict, Verdict::Supported | Verdict::Conflicting))
        .map(|r| {
            // A 1-to-5 rating, as fact-check publishers use: 5 true, 1 false.
            let (value, name) = match r.verdict {
                Verdict::Supported => (5, "Supported by source"),
                _ => (1, "Conflicts with source"),
            };
            ClaimReview {
                kind: "ClaimReview",
                date_published: date.to_string(),
                claim_reviewed: one_line(&r.text),
                author: Typed {
                    kind: "Organization",
                    name: "crosscheck",
                },
                review_rating: Rating {
                    kind: "Rating",
                    rating_value: value,
                    best_rating: 5,
                    worst_rating: 1,
                    alternate_name: name,
                    rating_explanation: one_line(&r.explanation),
                },
                item_reviewed: Claim {
                    kind: "Claim",
                    appearance: r
                        .evidence
                        .iter()
                        .map(|e| Appearance {
                            kind: "CreativeWork",
                            name: e.title.clone(),
                            identifier: e.doc.clone(),
                            text: e.text.clone(),
                        })
                        .collect(),
                },
                url: url.map(str::to_string),
            }
        })
        .collect();
    let doc = Graph {
        context: "https://schema.org",
        graph,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// Text on one line, for list items and JSON-LD strings.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn report() -> Report {
        crate::checker().check_article(crate::EXAMPLE)
    }

    #[test]
    fn json_is_the_engine_report() {
        let r = report();
        let back: Report = serde_json::from_str(&report_json(&r)).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn markdown_lists_every_claim_under_its_verdict() {
        let r = report();
        let md = markdown(&r);
        assert!(md.starts_with("# crosscheck report\n"));
        for (verdict, heading) in [
            (Verdict::Conflicting, "## Conflicts with a source"),
            (Verdict::Unsupported, "## No source found"),
            (Verdict::Supported, "## Supported"),
        ] {
            let n = r.sentences.iter().filter(|s| s.verdict == verdict).count();
            assert!(n > 0, "the example has a {verdict:?} claim");
            assert!(md.contains(&format!("{heading} ({n})")), "{md}");
        }
        for s in r
            .sentences
            .iter()
            .filter(|s| s.verdict != Verdict::NotAClaim)
        {
            assert!(md.contains(&one_line(&s.text)), "{}", s.text);
        }
        assert!(
            !md.contains("Share this article"),
            "not-a-claim lines stay out"
        );
    }

    #[test]
    fn claim_review_rates_supported_and_conflicting_claims() {
        let r = report();
        let v: Value = serde_json::from_str(&claim_review(
            &r,
            "2026-11-21",
            Some("https://example.org/a"),
        ))
        .unwrap();
        assert_eq!(v["@context"], "https://schema.org");
        let graph = v["@graph"].as_array().unwrap();
        let wanted = r
            .sentences
            .iter()
            .filter(|s| matches!(s.verdict, Verdict::Supported | Verdict::Conflicting))
            .count();
        assert_eq!(graph.len(), wanted);
        let conflict = graph
            .iter()
            .find(|g| g["reviewRating"]["ratingValue"] == 1)
            .expect("a conflicting claim");
        assert_eq!(conflict["@type"], "ClaimReview");
        assert_eq!(conflict["datePublished"], "2026-11-21");
        assert_eq!(conflict["url"], "https://example.org/a");
        assert_eq!(
            conflict["reviewRating"]["alternateName"],
            "Conflicts with source"
        );
        assert!(
            conflict["itemReviewed"]["appearance"][0]["text"]
                .as_str()
                .unwrap()
                .len()
                > 10
        );
        assert!(graph.iter().any(|g| g["reviewRating"]["ratingValue"] == 5));
    }
}
