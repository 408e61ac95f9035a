use crosscheck_engine::{SentenceResult, Verdict};
use yew::prelude::*;

use super::highlight::{marked, Mark};
use super::{verdict_icon, verdict_words};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub result: SentenceResult,
    pub on_close: Callback<()>,
    /// Opens a source document in the Sources view, by document id.
    pub on_open_source: Callback<String>,
}

/// The evidence for one claim: verdict, confidence, explanation, and each
/// source passage with its shared words and differing details marked,
/// between the sentences around it.
#[component]
pub fn EvidencePanel(props: &Props) -> Html {
    let r = &props.result;
    let heading = format!("Evidence for sentence {}", r.index + 1);
    let claim_marks: Vec<([usize; 2], Mark)> = r
        .matched
        .iter()
        .map(|&m| (m, Mark::Match))
        .chain(r.mismatches.iter().map(|m| (m.claim_range, Mark::Differ)))
        .collect();
    let on_close = props.on_close.clone();
    let onkeydown = {
        let on_close = props.on_close.clone();
        move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        }
    };
    html! {
        <section id="evidence-panel" class={classes!("evidence", r.verdict.as_str())} role="region"
            aria-labelledby="evidence-heading" {onkeydown}>
            <div class="evidence-head">
                <h2 id="evidence-heading">{ heading }</h2>
                <button type="button" class="close" aria-label="Close evidence" onclick={move |_| on_close.emit(())}>{ "×" }</button>
            </div>
            <p class="verdict-line">
                <span class={classes!("badge", r.verdict.as_str())}>
                    <span aria-hidden="true">{ verdict_icon(r.verdict) }{ " " }</span>{ verdict_words(r.verdict) }
                </span>
                { format!(" · confidence {}%", crate::percent(r.confidence)) }
                if r.sources_disagree {
                    { " · sources disagree" }
                }
            </p>
            <p class="explanation">{ &r.explanation }</p>
            <blockquote class="claim-quote">
                <span class="visually-hidden">{ "The article says: " }</span>{ marked(&r.text, &claim_marks) }
            </blockquote>
            if r.evidence.is_empty() {
                <p class="no-evidence">{ "No passage in the corpus comes close to this claim." }</p>
            }
            { for r.evidence.iter().map(|e| {
                let marks: Vec<([usize; 2], Mark)> = e.matched.iter().map(|&m| (m, Mark::Match))
                    .chain(e.differing.iter().map(|&m| (m, Mark::Differ))).collect();
                let around = crate::corpus::neighbours(&e.doc, e.range);
                let stance = match (e.stance, r.verdict) {
                    (Verdict::Conflicting, _) => "Contradicts the claim",
                    (Verdict::Supported, _) => "Supports the claim",
                    _ => "Closest passage",
                };
                let doc = e.doc.clone();
                let open = props.on_open_source.clone();
                html! {
                    <article class={classes!("source", e.stance.as_str())}>
                        <h3>
                            <span class="stance">{ stance }</span>{ ": " }
                            <button type="button" class="link" title={e.doc.clone()}
                                onclick={move |_| open.emit(doc.clone())}>{ &e.title }</button>
                            if let Some(date) = &e.date {
                                <span class="meta">{ " · " }{ date }</span>
                            }
                            // Only web addresses become links: a corpus could hold "javascript:".
                            if let Some(url) = e.url.as_ref().filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
                                { " · " }<a class="meta" href={url.clone()} rel="noopener noreferrer" target="_blank">{ "original" }</a>
                            }
                        </h3>
                        <p class="context">
                            if let Some(before) = &around.before {
                                <span class="around">{ before }{ " " }</span>
                            }
                            <span class="passage">{ marked(&e.text, &marks) }</span>
                            if let Some(after) = &around.after {
                                <span class="around">{ " " }{ after }</span>
                            }
                        </p>
                    </article>
                }
            }) }
            <p class="legend"><mark class="match">{ "shared words" }</mark>{ " " }<mark class="differ">{ "differing detail" }</mark></p>
        </section>
    }
}
