//! The engine never panics and always answers: property tests over arbitrary
//! text, and the hostile inputs a paste box meets in practice.

use crosscheck_engine::{Checker, Report, Verdict};
use proptest::prelude::*;
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(Checker::seed)
}

/// Every result points into the text it came from, in order, and its evidence
/// is quoted exactly from the corpus.
fn assert_well_formed(text: &str, report: &Report) {
    assert_well_formed_against(checker(), text, report);
}

fn assert_well_formed_against(checker: &Checker, text: &str, report: &Report) {
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for s in &report.sentences {
        let [a, b] = s.range;
        assert!(
            a <= b && b <= chars.len(),
            "range {a}..{b} outside {} chars",
            chars.len()
        );
        assert!(a >= last_end, "sentences overlap or go backwards");
        last_end = b;
        let slice: String = chars[a..b].iter().collect();
        assert_eq!(slice, s.text, "range does not slice the sentence text");
        assert!(
            (0.0..=1.0).contains(&s.confidence),
            "confidence {}",
            s.confidence
        );
        for e in &s.evidence {
            let doc = checker
                .documents()
                .iter()
                .find(|d| d.id == e.doc)
                .expect("evidence names a corpus document");
            let quoted: String = doc
                .text
                .chars()
                .skip(e.range[0])
                .take(e.range[1] - e.range[0])
                .collect();
            assert_eq!(quoted, e.text, "evidence range does not quote the document");
            for m in e.matched.iter().chain(&e.differing) {
                assert!(m[0] <= m[1] && m[1] <= e.text.chars().count());
            }
        }
        if s.verdict == Verdict::NotAClaim {
            assert!(s.evidence.is_empty());
        }
    }
    let counted = report.summary.supported
        + report.summary.conflicting
        + report.summary.unsupported
        + report.summary.none;
    assert_eq!(counted, report.sentences.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_gives_a_well_formed_report(text in "\\PC{0,400}") {
        let report = checker().check_article(&text);
        assert_well_formed(&text, &report);
    }

    #[test]
    fn news_like_text_gives_a_well_formed_report(
        words in proptest::collection::vec(prop_oneof![
            Just("Putin"), Just("the"), Just("Kremlin"), Just("U.S."), Just("Mr."), Just("not"), Just("60"),
            Just("more than"), Just("October 2023"), Just("“quoted”"), Just("."), Just("?"), Just("\n"), Just("\n\n"),
            Just("invited"), Just("board"), Just("-"), Just("mid-January"), Just(","), Just("’s"), Just("😀"), Just("مرحبا"),
        ], 0..80)
    ) {
        let text = words.join(" ");
        let report = checker().check_article(&text);
        assert_well_formed(&text, &report);
    }

    #[test]
    fn markup_reduction_never_panics(
        parts in proptest::collection::vec(prop_oneof![
            Just("<p>"), Just("</p>"), Just("<script>"), Just("</script>"), Just("<article>"), Just("<"), Just(">"),
            Just("&amp;"), Just("&#x"), Just(";"), Just("<!--"), Just("-->"), Just("<title>"), Just("# "), Just("["),
            Just("]("), Just(")"), Just("é"), Just("😀"), Just("text"), Just(" "), Just("\n"),
        ], 0..60),
        noise in "\\PC{0,40}",
    ) {
        let page = format!("{}{noise}", parts.concat());
        let (_, text) = crosscheck_engine::corpus::markup::html_text(&page);
        prop_assert!(!text.contains("<script"));
        crosscheck_engine::corpus::markup::markdown_text(&page);
    }

    #[test]
    fn any_claim_gets_a_verdict(claim in "\\PC{0,200}") {
        let r = checker().check_claim(&claim);
        prop_assert!(r.verdict != Verdict::NotAClaim);
    }
}

#[test]
fn hostile_inputs() {
    let mut megabyte = String::new();
    while megabyte.len() < 1_000_000 {
        megabyte.push_str("The Kremlin confirmed that Putin received the invitation. ");
    }
    let binary: String = (0u32..5000)
        .filter_map(|i| char::from_u32((i * 7919) % 0x11000))
        .collect();
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("whitespace", " \n\n\t ".into()),
        ("binary junk", binary),
        ("nul and control bytes", "\u{0}\u{1}\u{7f}abc\u{0}. Putin\u{0} was invited.".into()),
        ("html and script", "<script>alert(1)</script><img src=x onerror=alert(2)> Putin was invited.".into()),
        ("right to left", "بوتين دُعي إلى مجلس السلام. ולדימיר פוטין הוזמן.".into()),
        ("emoji", "🕊️🇷🇺🇺🇸 Putin 😀 was invited 👍 to the board 🎉".into()),
        ("no punctuation", "putin was invited to join the board of peace and the kremlin is studying it and more than sixty nations were invited".into()),
        ("one long word", "a".repeat(100_000)),
        ("only numbers", "1 2 3 4,000 5.5 2023 1999-01-01".into()),
        ("a megabyte", megabyte),
    ];
    for (name, text) in cases {
        let report = checker().check_article(&text);
        assert_well_formed(&text, &report);
        if text.trim().is_empty() {
            assert!(report.notice.is_some(), "{name}: empty input should say so");
        }
    }
}

#[test]
fn markup_is_text() {
    let text = "<b>Putin</b> was invited to join the <i>Board of Peace</i>.";
    let report = checker().check_article(text);
    assert_eq!(report.sentences.len(), 1);
    assert_eq!(
        report.sentences[0].text, text,
        "the report keeps the text as given, tags and all"
    );
}

/// The same guarantees on a corpus whose titles act as topics (JSON Lines `doc`).
#[test]
fn titled_corpus_reports_are_well_formed() {
    let jsonl = [
        r#"{"doc": "Ada Kelmsworth", "text": "She is known for her portrayal of the keeper in Tidewater."}"#,
        r#"{"doc": "Ada Kelmsworth", "text": "She was born in 1961 in Port Avel."}"#,
        r#"{"doc": "Tidewater (film)", "text": "Tidewater is a 1994 drama film directed by Lena Oduya."}"#,
    ]
    .join("\n");
    let titled = Checker::new(crosscheck_engine::corpus::parse_jsonl(&jsonl, "test").unwrap());
    let article =
        "Ada Kelmsworth was born in 1972. Ada Kelmsworth is a singer. Tidewater is a 1994 comedy. \
                   Tidewater was directed by Ada Kelmsworth. <b>Port Avel</b> 😀 مرحبا.";
    let report = titled.check_article(article);
    assert_well_formed_against(&titled, article, &report);
    assert!(
        report
            .sentences
            .iter()
            .any(|s| s.verdict == Verdict::Conflicting),
        "{report:#?}"
    );
}

/// Checking sentence by sentence (as a front end does for long pastes) gives
/// exactly the report `check_article` gives.
#[test]
fn sentence_by_sentence_equals_whole_article() {
    let text = "By Jane Doe\n\nInvitations have been sent out to more than 60 nations. The Kremlin denied it. \
                Will Moscow say yes? Ünïcödé 😀 text with no stop";
    let article = crosscheck_engine::prepare_article(text);
    let results = (0..article.sentences.len())
        .map(|i| checker().check_article_sentence(&article, i).unwrap())
        .collect();
    // An index the article does not hold is no sentence, not a panic.
    assert!(checker()
        .check_article_sentence(&article, article.sentences.len())
        .is_none());
    assert!(checker()
        .check_article_sentence(&article, usize::MAX)
        .is_none());
    assert_eq!(
        checker().report(results, article.notice.clone()),
        checker().check_article(text)
    );
}
