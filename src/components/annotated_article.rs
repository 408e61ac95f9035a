use std::rc::Rc;

use crosscheck_engine::{Report, Verdict};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{verdict_icon, verdict_words};

/// Sentences rendered at first; a megabyte paste shows more on request, so
/// the page never builds tens of thousands of elements at once.
const PAGE: usize = 500;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: Rc<str>,
    pub report: Rc<Report>,
    pub selected: Option<usize>,
    pub filter: Option<Verdict>,
    pub on_select: Callback<Option<usize>>,
    /// Move from a claim to the next (+1) or previous (-1) visible claim.
    pub on_step: Callback<(usize, isize)>,
}

/// Id of the element of sentence `i`, for focus and `aria-controls`.
pub fn sentence_id(i: usize) -> String {
    format!("sentence-{i}")
}

/// The sentence index of the element an event happened on.
fn sentence_of(target: Option<web_sys::EventTarget>) -> Option<usize> {
    let el: web_sys::Element = target?.dyn_into().ok()?;
    el.closest("[data-sentence-index]")
        .ok()??
        .get_attribute("data-sentence-index")?
        .parse()
        .ok()
}

/// A read-only copy of the article with each claim highlighted. One click
/// and one key handler for the whole text, not one per sentence.
#[component]
pub fn AnnotatedArticle(props: &Props) -> Html {
    let shown = use_state(|| PAGE);
    let onclick = {
        let on_select = props.on_select.clone();
        let selected = props.selected;
        Callback::from(move |e: MouseEvent| {
            if let Some(i) = sentence_of(e.target()) {
                on_select.emit(if selected == Some(i) { None } else { Some(i) });
            }
        })
    };
    let onkeydown = {
        let on_select = props.on_select.clone();
        let on_step = props.on_step.clone();
        let selected = props.selected;
        Callback::from(move |e: KeyboardEvent| {
            let Some(i) = sentence_of(e.target()) else {
                return;
            };
            match e.key().as_str() {
                "Enter" | " " => on_select.emit(if selected == Some(i) { None } else { Some(i) }),
                "ArrowDown" | "ArrowRight" => on_step.emit((i, 1)),
                "ArrowUp" | "ArrowLeft" => on_step.emit((i, -1)),
                "Escape" => on_select.emit(None),
                _ => return,
            }
            e.prevent_default();
        })
    };

    let text = &*props.text;
    // Character offsets to byte offsets, in one pass: ranges are in order.
    let (mut at_char, mut at_byte) = (0usize, 0usize);
    let mut byte_of = |c: usize| {
        while at_char < c && at_byte < text.len() {
            at_byte += text[at_byte..].chars().next().map_or(1, char::len_utf8);
            at_char += 1;
        }
        at_byte
    };

    let mut nodes: Vec<Html> = Vec::new();
    let mut last = 0usize;
    let limit = (*shown).min(props.report.sentences.len());
    for r in &props.report.sentences[..limit] {
        let start = byte_of(r.range[0]).max(last);
        let end = byte_of(r.range[1]).max(start);
        if start > last {
            nodes.push(html! { { &text[last..start] } });
        }
        let sentence = &text[start..end];
        last = end;
        let index = r.index.to_string();
        let highlighted =
            r.verdict != Verdict::NotAClaim && props.filter.is_none_or(|f| f == r.verdict);
        if !highlighted {
            nodes.push(html! {
                <span class="sentence" data-verdict={r.verdict.as_str()} data-sentence-index={index}
                    data-filtered={(r.verdict != Verdict::NotAClaim).then_some("true")}>{ sentence }</span>
            });
            continue;
        }
        let selected = props.selected == Some(r.index);
        nodes.push(html! {
            <span id={sentence_id(r.index)} class={classes!("sentence", "claim", r.verdict.as_str(), selected.then_some("selected"))}
                data-verdict={r.verdict.as_str()} data-sentence-index={index}
                role="button" tabindex="0" aria-expanded={selected.to_string()}
                aria-controls={selected.then_some("evidence-panel")}>
                <span class="icon" aria-hidden="true">{ verdict_icon(r.verdict) }</span>
                <span class="visually-hidden">{ verdict_words(r.verdict) }{ ": " }</span>
                { sentence }
            </span>
        });
    }
    let rest = props.report.sentences.len() - limit;
    if rest == 0 && last < text.len() {
        nodes.push(html! { { &text[last..] } });
    }
    let more = {
        let shown = shown.clone();
        move |_| shown.set(*shown + PAGE)
    };
    html! {
        <>
            <div class="annotated" aria-label="Checked article: each claim is a button that opens its evidence"
                role="group" {onclick} {onkeydown}>
                { for nodes }
            </div>
            if rest > 0 {
                <button type="button" class="more" onclick={more}>
                    { format!("Show {} more sentences ({} not shown)", rest.min(PAGE), rest) }
                </button>
            }
        </>
    }
}
