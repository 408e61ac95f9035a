//! Table-driven cases against the seed corpus, one or more per mismatch type
//! and alias form: `tests/fixtures/engine_cases.jsonl`. The claims are written
//! for these tests, not taken from the evaluation files.

use crosscheck_engine::Checker;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    claim: String,
    verdict: String,
    #[serde(default)]
    mismatch: Option<String>,
    covers: String,
}

#[test]
fn engine_cases() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/engine_cases.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("fixture file");
    let checker = Checker::seed();
    let mut failures = Vec::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Case = serde_json::from_str(line).expect("case line");
        n += 1;
        let r = checker.check_claim(&case.claim);
        let got = r.verdict.as_str();
        let kinds: Vec<String> = r
            .mismatches
            .iter()
            .map(|m| {
                serde_json::to_value(m.kind)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let kind_ok = case.mismatch.as_ref().is_none_or(|k| kinds.contains(k));
        if got != case.verdict || !kind_ok {
            failures.push(format!(
                "[{}] {:?}\n    expected {} {:?}, got {} {:?}: {}",
                case.covers, case.claim, case.verdict, case.mismatch, got, kinds, r.explanation
            ));
        }
    }
    assert!(n >= 20, "the fixture should hold the whole table");
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
