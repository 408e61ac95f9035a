//! House-style patterns, natively: each case of the table that the browser's
//! `RegExp` is held to as well (`tests/web.rs` at the repository root), so
//! the CLI and the app mark the same sentences.

use crosscheck_engine::house_style::{native, pattern};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    pattern: String,
    ignore_case: bool,
    text: String,
    #[serde(rename = "match")]
    matches: bool,
    group: Option<String>,
}

#[test]
fn regex_gives_every_case_of_the_table() {
    let table = include_str!("../../../tests/fixtures/house-style-cases.jsonl");
    let mut checked = 0;
    for line in table.lines().filter(|l| !l.trim().is_empty()) {
        let case: Case = serde_json::from_str(line).unwrap();
        let portable = pattern::translate(&case.pattern, case.ignore_case)
            .unwrap_or_else(|e| panic!("{:?}: {e}", case.pattern));
        let matcher = native::compile(&portable)
            .unwrap_or_else(|e| panic!("{:?} as {:?}: {e}", case.pattern, portable.rust));
        let found = matcher.find(&case.text);
        assert_eq!(
            (found.is_some(), found.and_then(|f| f.group)),
            (case.matches, case.group),
            "{:?} (as {:?}) on {:?}",
            case.pattern,
            portable.rust,
            case.text
        );
        checked += 1;
    }
    assert!(checked >= 40, "the table has {checked} cases");
}
