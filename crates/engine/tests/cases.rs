//! Table-driven cases against the seed corpus, one or more per mismatch type
//! and alias form: `tests/fixtures/engine_cases.jsonl`. The claims are written
//! for these tests; none is a claim of the evaluation files, though both edit
//! the same seed sentences and so share many words.
//!
//! A case the engine gets wrong today carries `known_error`, saying why. It is
//! required to stay wrong in the way recorded, so that a fix shows up here and
//! its marker is removed, and a case that passes can never silently break.

use crosscheck_engine::{Checker, MismatchKind};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    claim: String,
    verdict: String,
    #[serde(default)]
    mismatch: Option<String>,
    /// The source's words the conflict should name.
    #[serde(default)]
    source: Option<String>,
    covers: String,
    /// Why the engine gets this case wrong today (see the module comment).
    #[serde(default)]
    known_error: Option<String>,
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
    let mut known = 0;
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
        let source_ok = case
            .source
            .as_ref()
            .is_none_or(|s| r.mismatches.iter().any(|m| &m.source == s));
        let right = got == case.verdict && kind_ok && source_ok;
        if let Some(why) = &case.known_error {
            known += 1;
            if right {
                failures.push(format!(
                    "[{}] {:?} is right now: remove its known_error ({why})",
                    case.covers, case.claim
                ));
            }
        } else if !right {
            failures.push(format!(
                "[{}] {:?}\n    expected {} {:?}, got {} {:?}: {}",
                case.covers, case.claim, case.verdict, case.mismatch, got, kinds, r.explanation
            ));
        }
    }
    assert!(n >= 25, "the fixture should hold the whole table");
    println!("{n} cases, {known} of them known errors");
    assert!(
        known * 4 <= n,
        "more than a quarter of the cases are known errors: {known} of {n}"
    );
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Mismatch kinds that need a definitional sentence, which the seed corpus lacks.
#[test]
fn category_mismatch_on_a_definition() {
    let docs = vec![crosscheck_engine::corpus::document(
        "lighthouse.txt".into(),
        "Skerry Point is a lighthouse on the northern coast, built in 1871.".into(),
        None,
    )];
    let checker = Checker::new(docs);
    let r = checker.check_claim("Skerry Point is a restaurant.");
    assert_eq!(r.verdict.as_str(), "conflicting", "{}", r.explanation);
    assert_eq!(r.mismatches[0].source, "lighthouse");
    let r = checker.check_claim("Skerry Point is a lighthouse.");
    assert_eq!(r.verdict.as_str(), "supported", "{}", r.explanation);
}

/// A role given as a title conflicts with the title the corpus gives; a
/// description that only contains a title word ("region") is no title.
#[test]
fn a_role_is_a_title_by_its_head_noun() {
    let docs = vec![crosscheck_engine::corpus::document(
        "harbour.txt".into(),
        "Harbour Region Governor Mira Solberg opened the new ferry terminal on Monday. \
         Mayor Tomas Berg attended the opening. \
         Solberg is often described as a divisive figure in the region."
            .into(),
        None,
    )];
    let checker = Checker::new(docs);
    let r = checker.check_claim("Mira Solberg is described as a divisive figure in the region.");
    assert_eq!(r.verdict.as_str(), "supported", "{}", r.explanation);
    assert!(!r.sources_disagree, "{}", r.explanation);
    let r = checker
        .check_claim("Mira Solberg, the harbour region mayor, opened the new ferry terminal.");
    assert_eq!(r.verdict.as_str(), "conflicting", "{}", r.explanation);
    assert_eq!(
        r.mismatches[0].kind,
        MismatchKind::Title,
        "{}",
        r.explanation
    );
}

/// "Denied that X" says X did not happen: against a source that confirms X
/// it is a conflict, and "denied doing X" agrees with "had not done X".
#[test]
fn a_denial_negates_what_it_denies() {
    let docs = vec![crosscheck_engine::corpus::document(
        "harbour.txt".into(),
        "The ministry confirmed on Tuesday that the harbour bridge had reopened after repairs. \
         The ferry company denied raising its fares."
            .into(),
        None,
    )];
    let checker = Checker::new(docs);
    for (claim, verdict) in [
        (
            "The ministry denied that the harbour bridge had reopened.",
            "conflicting",
        ),
        (
            "The ministry confirmed that the harbour bridge had reopened.",
            "supported",
        ),
        ("The ferry company raised its fares.", "conflicting"),
    ] {
        let r = checker.check_claim(claim);
        assert_eq!(r.verdict.as_str(), verdict, "{claim}: {}", r.explanation);
    }
    // Known error: the tagger reads "ferry company denied" with "company" as
    // the predicate, so the denial never reaches "raising" and the claim's
    // negation looks like a flip. This should be `supported`; it is asserted
    // as it is so that a fix shows here.
    let r = checker.check_claim("The ferry company said it had not raised its fares.");
    assert_eq!(
        r.verdict.as_str(),
        "conflicting",
        "fixed? expect supported: {}",
        r.explanation
    );
}

/// A title the corpus gives (JSON Lines `doc`) names its sentences' subject;
/// a title guessed from a text file's first line does not.
#[test]
fn given_titles_are_the_subject_of_their_sentences() {
    let jsonl = r#"{"doc": "Ada Kelmsworth", "text": "She is known for her portrayal of the lighthouse keeper in Tidewater."}"#;
    let checker = Checker::new(crosscheck_engine::corpus::parse_jsonl(jsonl, "test").unwrap());
    let r = checker.check_claim("Ada Kelmsworth portrayed the lighthouse keeper in Tidewater.");
    assert_eq!(r.verdict.as_str(), "supported", "{}", r.explanation);

    let untitled = vec![crosscheck_engine::corpus::document(
        "a.txt".into(),
        "She is known for her portrayal of the lighthouse keeper in Tidewater.".into(),
        None,
    )];
    let r = Checker::new(untitled)
        .check_claim("Ada Kelmsworth portrayed the lighthouse keeper in Tidewater.");
    assert_eq!(r.verdict.as_str(), "unsupported", "{}", r.explanation);
}

/// The evidence panel shows the sentences around a passage; offsets are in
/// characters, so text before the passage may hold multi-byte letters.
#[test]
fn neighbours_of_an_evidence_passage() {
    let text = "Ünïcödé opens the file. The harbour bridge reopened on Monday after repairs. Traffic resumed at noon.";
    let doc = crosscheck_engine::corpus::document("d.txt".into(), text.into(), None);
    let checker = Checker::new(vec![doc]);
    let r = checker.check_claim("The harbour bridge reopened on Monday.");
    let e = &r.evidence[0];
    assert_eq!(
        e.text,
        "The harbour bridge reopened on Monday after repairs."
    );
    let n = checker.neighbours(&e.doc, e.range);
    assert_eq!(n.before.as_deref(), Some("Ünïcödé opens the file."));
    assert_eq!(n.after.as_deref(), Some("Traffic resumed at noon."));

    let first = checker.neighbours(&e.doc, [0, 23]);
    assert_eq!(first.before, None);
    assert_eq!(first.after.as_deref(), Some(e.text.as_str()));
    assert_eq!(
        checker.neighbours("missing.txt", e.range),
        Default::default()
    );
}

/// Another titled person in the same event is a conflict, named in full with
/// the nationality before the title; the same person in another event is not.
#[test]
fn a_titled_person_in_the_same_event_differs_in_full() {
    let docs = vec![crosscheck_engine::corpus::document(
        "summit.txt".into(),
        "Governor Mira Solberg said the harbour faced a severe flood risk during talks in March \
         with Danish Prime Minister Karl Vinter. \
         Solberg has not yet decided whether to sign the regional water accord."
            .into(),
        None,
    )];
    let checker = Checker::new(docs);
    let r = checker.check_claim(
        "Solberg said the harbour faced a severe flood risk during talks in March with \
         Norwegian Prime Minister Lars Eidsvik.",
    );
    assert_eq!(r.verdict.as_str(), "conflicting", "{}", r.explanation);
    assert!(
        r.explanation
            .contains("Norwegian Prime Minister Lars Eidsvik"),
        "{}",
        r.explanation
    );
    let r = checker.check_claim(
        "An aide said Solberg would discuss the accord with Norwegian Prime Minister \
         Lars Eidsvik before deciding.",
    );
    assert_ne!(r.verdict.as_str(), "conflicting", "{}", r.explanation);
}
