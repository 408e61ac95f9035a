use std::rc::Rc;

use crosscheck_engine::{Report, Verdict};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<Report>,
}

fn icon(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "✓",
        Verdict::Conflicting => "✗",
        Verdict::Unsupported => "?",
        Verdict::NotAClaim => "·",
    }
}

/// One row per sentence: verdict (icon and words, not colour alone), the
/// sentence as text, and the explanation.
#[component]
pub fn VerdictList(props: &Props) -> Html {
    let s = &props.report.summary;
    html! {
        <section class="results" aria-live="polite" aria-label="Results">
            if let Some(notice) = &props.report.notice {
                <p class="notice" role="status">{ notice }</p>
            }
            <p class="summary">
                { format!("{} supported · {} conflicting · {} unsupported · {} not a claim", s.supported, s.conflicting, s.unsupported, s.none) }
            </p>
            <ol>
                { for props.report.sentences.iter().map(|r| html! {
                    <li class={classes!("sentence", r.verdict.as_str())} data-verdict={r.verdict.as_str()} data-sentence-index={r.index.to_string()}>
                        <span class="verdict"><span aria-hidden="true">{ icon(r.verdict) }</span>{ " " }{ r.verdict.label() }</span>
                        <q class="text">{ &r.text }</q>
                        if r.verdict != Verdict::NotAClaim {
                            <p class="why">{ &r.explanation }</p>
                        }
                    </li>
                }) }
            </ol>
        </section>
    }
}
