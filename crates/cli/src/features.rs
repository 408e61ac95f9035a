//! `crosscheck features`: the learned decision's training rows. For each
//! labelled claim, every passage the engine judges, with its feature vector
//! and whether it holds one of the claim's gold evidence sentences.

use serde::Deserialize;
use serde_json::{json, Value};

use crosscheck_engine::verify::features::{claim_names, NAMES};
use crosscheck_engine::Checker;

#[derive(Deserialize)]
struct Item {
    id: Value,
    claim: String,
    label: String,
    #[serde(default)]
    evidence: Vec<Quote>,
}

#[derive(Deserialize)]
struct Quote {
    quote: String,
}

/// Whitespace-insensitive form of a sentence, to find gold quotes among passages.
fn key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One JSON line of feature names, then one line per claim.
pub fn run(checker: &Checker, text: &str) -> Result<String, String> {
    let mut out = json!({ "names": NAMES, "claim_names": claim_names() }).to_string();
    out.push('\n');
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: Item = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let gold: Vec<String> = item.evidence.iter().map(|q| key(&q.quote)).collect();
        let (claim, passages) = checker.claim_features(&item.claim);
        let round = |x: f32| (x as f64 * 10_000.0).round() / 10_000.0;
        let passages: Vec<Value> = passages
            .into_iter()
            .map(|p| {
                let holds_gold = p.sentences.iter().any(|s| {
                    let s = key(s);
                    gold.iter()
                        .any(|g| s.contains(g.as_str()) || g.contains(s.as_str()))
                });
                let f: Vec<f64> = p.features.iter().map(|&x| round(x)).collect();
                json!({ "doc": p.doc, "gold": holds_gold, "f": f })
            })
            .collect();
        let id = match &item.id {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        let claim: Vec<f64> = claim.iter().map(|&x| round(x)).collect();
        out.push_str(
            &json!({ "id": id, "label": item.label, "claim": claim, "passages": passages })
                .to_string(),
        );
        out.push('\n');
    }
    Ok(out)
}
