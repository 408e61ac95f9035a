//! Retrieval by a server gives the verdicts of the built-in index: a checker
//! of the passages `Checker::candidates` returns (the contract a PostgreSQL
//! server fills) judges every claim exactly as the checker of the whole
//! corpus does, evidence, ranges and confidence included.

use crosscheck_engine::remote::{claims_of, Candidates};
use crosscheck_engine::{corpus, Checker};

fn fixture(path: &str) -> String {
    let path = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn field(line: &str, name: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
    v[name].as_str().expect("text field").to_string()
}

/// The checker a page builds from a server's answer, sent as JSON as the page receives it.
fn fetched(whole: &Checker, claims: &[String], every: bool) -> Checker {
    let wire = serde_json::to_string(&whole.candidates(claims, every)).expect("serialises");
    let candidates: Candidates = serde_json::from_str(&wire).expect("reads back");
    Checker::from_candidates(candidates, whole.people().clone(), whole.shared_models())
        .expect("candidates hold together")
        .with_house_style(whole.shared_house_style())
}

fn assert_same_claims(whole: &Checker, claims: &[String]) {
    let remote = fetched(whole, claims, true);
    let mut differ = Vec::new();
    for c in claims {
        let (a, b) = (whole.check_claim(c), remote.check_claim(c));
        if a != b {
            differ.push(format!("{c}\n  index:  {a:?}\n  remote: {b:?}"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} differ:\n{}",
        differ.len(),
        claims.len(),
        differ.join("\n")
    );
}

#[test]
fn seed_claims_and_cases_get_the_same_verdicts() {
    let seed = Checker::seed();
    let mut claims: Vec<String> = fixture("claims.jsonl")
        .lines()
        .map(|l| field(l, "claim"))
        .collect();
    claims.extend(
        fixture("engine_cases.jsonl")
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| field(l, "claim")),
    );
    assert_same_claims(&seed, &claims);
}

#[test]
fn seed_articles_get_the_same_reports() {
    let seed = Checker::seed();
    for line in fixture("articles.jsonl").lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text: Vec<&str> = v["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["text"].as_str().unwrap())
            .collect();
        let text = text.join(" ");
        let remote = fetched(&seed, &claims_of(&text), false);
        assert_eq!(seed.check_article(&text), remote.check_article(&text));
    }
}

#[test]
fn fever_claims_get_the_same_verdicts() {
    let path = format!(
        "{}/../../tests/fixtures/fever/corpus.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let checker = Checker::new(corpus::load(std::path::Path::new(&path)).expect("corpus"));
    let claims: Vec<String> = fixture("fever/claims.jsonl")
        .lines()
        .map(|l| field(l, "claim"))
        .collect();
    assert_same_claims(&checker, &claims);
}

#[test]
fn a_claim_the_server_was_not_asked_about_finds_nothing() {
    let seed = Checker::seed();
    let asked = vec!["Invitations have been sent out to more than 60 nations.".to_string()];
    let remote = fetched(&seed, &asked, true);
    assert_eq!(
        remote.check_claim(&asked[0]).verdict,
        crosscheck_engine::Verdict::Supported
    );
    let other = remote.check_claim("The board will meet in Davos in January.");
    assert!(other.evidence.is_empty(), "{other:?}");
    assert_eq!(remote.corpus_info(), seed.corpus_info());
}
