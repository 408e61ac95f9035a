//! Component and state tests in a real browser (headless Chromium):
//! `cargo test --target wasm32-unknown-unknown -p crosscheck-web --test web`.
//! Each test mounts the whole app on its own element and drives it through
//! the DOM, as a user does.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits until `selector` matches inside `root`, up to five seconds.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..250 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el;
        }
        sleep(20).await;
    }
    panic!("{selector} never appeared");
}

/// A fresh app on its own element, with no saved text or sources, checking
/// against the seed corpus (the served app fetches it as `corpus.idx`).
async fn mount() -> Element {
    let seed = crosscheck_engine::index_file::write(&crosscheck_engine::Checker::seed());
    crosscheck_web::corpus::load(seed.into(), &[]).unwrap();
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<crosscheck_web::app::App>::with_root(root.clone()).render();
    wait_for(&root, "#check-button").await;
    root
}

fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

fn type_text(root: &Element, text: &str) {
    let area: HtmlTextAreaElement = root
        .query_selector("#article-input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    area.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    area.dispatch_event(
        &web_sys::InputEvent::new_with_event_init_dict("input", &init.unchecked_into()).unwrap(),
    )
    .unwrap();
}

fn verdicts(root: &Element) -> Vec<String> {
    let list = root
        .query_selector_all(".annotated [data-sentence-index]")
        .unwrap();
    (0..list.length())
        .map(|i| {
            list.item(i)
                .unwrap()
                .unchecked_into::<Element>()
                .get_attribute("data-verdict")
                .unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_example_shows_every_verdict() {
    let root = mount().await;
    assert!(
        root.query_selector(".annotated").unwrap().is_none(),
        "nothing checked yet"
    );
    click(&root, "#example-button");
    wait_for(&root, ".claim").await;
    let v = verdicts(&root);
    let report = crosscheck_web::checker().check_article(crosscheck_web::EXAMPLE);
    let expected: Vec<&str> = report
        .sentences
        .iter()
        .map(|s| s.verdict.as_str())
        .collect();
    assert_eq!(v, expected, "the page shows the engine's verdicts in order");
    for kind in ["supported", "conflicting", "unsupported", "none"] {
        assert!(
            v.iter().any(|x| x == kind),
            "the example has a {kind} sentence"
        );
    }
    let status = root
        .query_selector("#status")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(status.starts_with("Checked 9 sentences"), "{status}");
    let hidden = root
        .query_selector(".claim.conflicting .visually-hidden")
        .unwrap()
        .unwrap();
    assert_eq!(hidden.text_content().unwrap(), "Conflicts with source: ");
}

#[wasm_bindgen_test]
async fn pasted_markup_stays_text() {
    let root = mount().await;
    type_text(
        &root,
        "<img src=x onerror=alert(1)><b>The Kremlin confirmed the invitation.</b>",
    );
    click(&root, "#check-button");
    let annotated = wait_for(&root, ".annotated").await;
    assert!(annotated.query_selector("img, b").unwrap().is_none());
    assert!(annotated
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
}

#[wasm_bindgen_test]
async fn enter_opens_evidence_and_escape_closes_it() {
    let root = mount().await;
    click(&root, "#example-button");
    let claim = wait_for(&root, ".claim.conflicting").await;
    let index: usize = claim
        .get_attribute("data-sentence-index")
        .unwrap()
        .parse()
        .unwrap();
    let key = |k: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(k);
        init.set_bubbles(true);
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()
    };
    claim.dispatch_event(&key("Enter")).unwrap();
    let panel = wait_for(&root, "#evidence-panel").await;
    assert_eq!(panel.get_attribute("role").as_deref(), Some("region"));
    let heading = root.query_selector("#evidence-heading").unwrap().unwrap();
    assert_eq!(
        heading.text_content().unwrap(),
        format!("Evidence for sentence {}", index + 1)
    );
    assert!(
        panel
            .query_selector(".source mark.differ")
            .unwrap()
            .is_some(),
        "the differing detail is marked"
    );
    assert_eq!(
        claim.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    claim.dispatch_event(&key("Escape")).unwrap();
    sleep(50).await;
    assert!(root.query_selector("#evidence-panel").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn summary_counts_filter_the_highlights() {
    let root = mount().await;
    click(&root, "#example-button");
    wait_for(&root, ".claim").await;
    let all = root.query_selector_all(".claim").unwrap().length();
    click(&root, ".summary .count.supported");
    sleep(50).await;
    let shown = root.query_selector_all(".claim").unwrap();
    assert!(shown.length() > 0 && shown.length() < all);
    for i in 0..shown.length() {
        let el: Element = shown.item(i).unwrap().unchecked_into();
        assert_eq!(
            el.get_attribute("data-verdict").as_deref(),
            Some("supported")
        );
    }
    assert_eq!(
        verdicts(&root).len(),
        9,
        "every sentence keeps its data-verdict"
    );
    click(&root, ".summary .count.supported");
    sleep(50).await;
    assert_eq!(root.query_selector_all(".claim").unwrap().length(), all);
}

#[wasm_bindgen_test]
async fn typing_is_checked_after_a_pause_and_saved() {
    let root = mount().await;
    type_text(&root, "Kremlin spokesman Dmitry Peskov confirmed on Monday that Putin had received the invitation.");
    let claim = wait_for(&root, ".claim").await;
    assert_eq!(
        claim.get_attribute("data-verdict").as_deref(),
        Some("supported")
    );
    let saved = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("crosscheck.article")
        .unwrap();
    assert!(saved.unwrap().starts_with("Kremlin spokesman"));
}

#[wasm_bindgen_test]
async fn sources_view_lists_the_corpus() {
    let root = mount().await;
    click(&root, "#nav-sources");
    let list = wait_for(&root, ".source-list").await;
    assert_eq!(list.query_selector_all("li").unwrap().length(), 5);
    click(&root, ".source-list li button");
    let text = wait_for(&root, ".doc-text").await;
    assert_eq!(
        text.text_content().unwrap(),
        crosscheck_web::checker().documents()[0].text
    );
    click(&root, "#nav-check");
    wait_for(&root, "#article-input").await;
}

/// Waits until `check` holds, up to five seconds.
async fn wait_until(what: &str, check: impl Fn() -> bool) {
    for _ in 0..250 {
        if check() {
            return;
        }
        sleep(20).await;
    }
    panic!("{what} never happened");
}

#[wasm_bindgen_test]
async fn an_added_source_is_checked_against_kept_and_removed() {
    let root = mount().await;
    let claim = "Harbour Council approved the new ferry terminal.";
    type_text(&root, claim);
    click(&root, "#check-button");
    wait_until("the claim is unsupported", || {
        verdicts(&root) == ["unsupported"]
    })
    .await;

    click(&root, "#nav-sources");
    let area: HtmlTextAreaElement = wait_for(&root, "#source-text").await.unchecked_into();
    area.set_value("Ferry vote\n\nHarbour Council approved the new ferry terminal on Tuesday. <script>alert(1)</script>");
    click(&root, "#add-source-text");
    wait_until("the source is listed", || {
        root.query_selector_all(".source-list li").unwrap().length() == 6
    })
    .await;
    let added = wait_for(&root, ".source-list li[data-added]").await;
    assert!(added.text_content().unwrap().contains("Ferry vote"));
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("crosscheck.sources")
        .unwrap()
        .unwrap();
    assert!(
        stored.contains("Harbour Council"),
        "kept for the next visit"
    );

    click(&root, "#nav-check");
    wait_until("the claim is supported by the added source", || {
        verdicts(&root) == ["supported"]
    })
    .await;

    click(&root, "#nav-sources");
    wait_for(&root, ".source-list li[data-added] button.remove").await;
    click(&root, ".source-list li[data-added] button.remove");
    wait_until("the source is removed", || {
        root.query_selector_all(".source-list li").unwrap().length() == 5
    })
    .await;
    click(&root, "#nav-check");
    wait_until("unsupported again", || verdicts(&root) == ["unsupported"]).await;
}

/// The browser's `RegExp` gives every case of the house-style table the
/// same match and group as Rust's `regex` does natively
/// (crates/engine/tests/house_style.rs): the app and the CLI mark the same
/// sentences.
#[wasm_bindgen_test]
fn regexp_gives_every_case_of_the_house_style_table() {
    use crosscheck_engine::house_style::pattern;
    let table = include_str!("fixtures/house-style-cases.jsonl");
    let mut checked = 0;
    for line in table.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let source = case["pattern"].as_str().unwrap();
        let portable = pattern::translate(source, case["ignore_case"].as_bool().unwrap()).unwrap();
        let matcher = crosscheck_web::house_style::compile(&portable)
            .unwrap_or_else(|e| panic!("{source:?} as {:?}: {e}", portable.ecmascript));
        let found = matcher.find(case["text"].as_str().unwrap());
        let want = (
            case["match"].as_bool().unwrap(),
            case["group"].as_str().map(str::to_string),
        );
        assert_eq!(
            (found.is_some(), found.and_then(|f| f.group)),
            want,
            "{source:?} (as /{}/{}) on {:?}",
            portable.ecmascript,
            portable.ecmascript_flags,
            case["text"]
        );
        checked += 1;
    }
    assert!(checked >= 40, "the table has {checked} cases");
}

/// A house style loaded in the page marks its sentences as not claims, and
/// a wrong file is refused with the pattern named, the previous style kept.
#[wasm_bindgen_test]
fn a_house_style_file_applies_to_checks_and_added_sources() {
    use crosscheck_web::corpus::{self, AddedSource};
    let index: std::rc::Rc<[u8]> =
        crosscheck_engine::index_file::write(&crosscheck_engine::Checker::seed()).into();
    let file = "ignore_case = true\nnot_a_claim = ['^sign up for']\ndrop_lines = ['^advertisement$']\n[metadata]\ndate = ['^date (\\d{4}-\\d\\d-\\d\\d)']";
    let info = corpus::set_house_style(Some(("ours.toml", file, true)))
        .unwrap()
        .unwrap();
    assert_eq!(info.counts, [1, 1, 1]);
    let source = AddedSource::from_input(
        Some("ferry.txt"),
        "date 2026-03-02\nAdvertisement\nHarbour Council approved the new ferry terminal on Tuesday.",
        &[],
    )
    .unwrap();
    corpus::load(index, &[source]).unwrap();
    let checker = crosscheck_web::checker();
    let added = checker.documents().last().unwrap();
    assert_eq!(
        added.text,
        "Harbour Council approved the new ferry terminal on Tuesday."
    );
    assert_eq!(added.date.as_deref(), Some("2026-03-02"));
    let report = checker.check_article("Sign up for our newsletter today, readers. Harbour Council approved the new ferry terminal.");
    assert_eq!(
        report.sentences[0].verdict,
        crosscheck_engine::Verdict::NotAClaim
    );
    assert!(
        report.sentences[0].explanation.contains("^sign up for"),
        "{}",
        report.sentences[0].explanation
    );
    assert_eq!(
        report.sentences[1].verdict,
        crosscheck_engine::Verdict::Supported
    );
    let wrong =
        corpus::set_house_style(Some(("bad.toml", "not_a_claim = ['(?<=x)y']", true))).unwrap_err();
    assert!(
        wrong.starts_with("bad.toml: not_a_claim pattern \"(?<=x)y\""),
        "{wrong}"
    );
    corpus::set_house_style(None).unwrap();
    corpus::install(crosscheck_engine::Checker::seed());
}

/// Differential test: patterns made at random from every construct of the
/// shared syntax, on texts made at random from the characters where the two
/// engines' defaults differ (non-ASCII digits and letters, Unicode spaces,
/// line ends, case-folding pairs, emoji). `regex` (compiled into this test)
/// and the browser's `RegExp` must agree on every one.
#[wasm_bindgen_test]
fn regex_and_regexp_agree_on_random_patterns() {
    use crosscheck_engine::house_style::{native, pattern};
    const PIECES: &[&str] = &[
        "a",
        "b",
        "é",
        "ß",
        "k",
        "s",
        "K",
        "ſ",
        "1",
        "٣",
        "-",
        " ",
        ".",
        "\\d",
        "\\D",
        "\\w",
        "\\W",
        "\\s",
        "\\S",
        "\\b",
        "\\B",
        "[a-c]",
        "[^a]",
        "[\\d,]",
        "[\\s\\-]",
        "[é-ö]",
        "[\\w&]",
        "\\.",
        "\\u{1F600}",
        "😀",
        "\\x41",
        "^",
        "$",
    ];
    const CHARS: &[&str] = &[
        "a", "b", "A", "B", "é", "É", "ß", "k", "K", "\u{212A}", "s", "\u{17F}", "1", "9",
        "\u{663}", "\u{FF11}", " ", "\u{A0}", "\u{85}", "\u{FEFF}", "\u{3000}", "\r", "\u{2028}",
        "-", ",", ".", "&", "_", "😀", "א",
    ];
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut compared = 0;
    for _ in 0..600 {
        let mut p = String::new();
        for _ in 0..1 + next(5) {
            let piece = PIECES[next(PIECES.len())];
            match next(8) {
                0 => p.push_str(&format!("({piece})")),
                1 => p.push_str(&format!("(?:{piece}|{})", PIECES[next(PIECES.len())])),
                _ => p.push_str(piece),
            }
            if !matches!(piece, "^" | "$" | "\\b" | "\\B") {
                p.push_str(["", "", "*", "+", "?", "{1,2}", "*?"][next(7)]);
            }
        }
        let ignore_case = next(2) == 0;
        let Ok(portable) = pattern::translate(&p, ignore_case) else {
            continue;
        };
        let rust = native::compile(&portable).unwrap();
        let js = crosscheck_web::house_style::compile(&portable).unwrap();
        // The one difference the translation cannot remove: with the `i`
        // flag, JavaScript's \b counts ſ and K (Kelvin) as word characters,
        // since they fold to s and k (README, "House style").
        let folding_boundary = ignore_case && (p.contains("\\b") || p.contains("\\B"));
        for _ in 0..8 {
            let text: String = (0..next(6))
                .map(|_| CHARS[next(CHARS.len())])
                .filter(|c| !(folding_boundary && matches!(*c, "\u{17F}" | "\u{212A}")))
                .collect();
            let (r, j) = (rust.find(&text), js.find(&text));
            assert_eq!(
                r, j,
                "{p:?} (ignore_case {ignore_case}) on {text:?}: regex {:?}, RegExp /{}/{}",
                portable.rust, portable.ecmascript, portable.ecmascript_flags
            );
            compared += 1;
        }
    }
    assert!(compared > 3_000, "{compared} comparisons");
}
