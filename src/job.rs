//! Checking in time slices: a long article is checked a few sentences at a
//! time, yielding to the browser between slices, so typing and scrolling
//! never wait on the engine. A newer check cancels an older one.
//!
//! With an archive server (API mode), the article's sentences go to it in
//! batches of `remote::MAX_CLAIMS`; each batch is checked against the
//! passages the server returns for it, exactly as a local check would be.

use std::cell::Cell;
use std::rc::Rc;

use crosscheck_engine::remote::{claims_of_article, Candidates, MAX_CLAIMS};
use crosscheck_engine::{prepare_article, Article};
use yew::Callback;

use crate::browser::now;
use crate::corpus;
use crate::state::{Action, Checked};

/// Engine time per slice: well under the 100 ms a key press may wait.
const SLICE_MS: f64 = 12.0;

/// Starts checking `text` as job `id`; `current` holds the id of the newest
/// job, and an older job stops at its next slice.
pub fn start(id: u64, text: Rc<str>, current: Rc<Cell<u64>>, dispatch: Callback<Action>) {
    current.set(id);
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = run(id, text, &current, &dispatch).await;
        // A cancelled job says nothing: a newer one runs.
        match outcome {
            Some(Ok(checked)) => dispatch.emit(Action::Finished { job: id, checked }),
            Some(Err(error)) => dispatch.emit(Action::CheckFailed { job: id, error }),
            None => {}
        }
    });
}

/// Checks `text`; `None` when a newer job replaced this one on the way.
pub async fn run(
    id: u64,
    text: Rc<str>,
    current: &Cell<u64>,
    dispatch: &Callback<Action>,
) -> Option<Result<Checked, String>> {
    let t0 = now();
    let article = prepare_article(&text);
    let server = corpus::server();
    let total = article.sentences.len();
    let (claims, batch) = match &server {
        Some(_) => (claims_of_article(&article), MAX_CLAIMS),
        None => (Vec::new(), total.max(1)),
    };
    let mut checker = match &server {
        // A report's corpus is the server's, even for a text with no sentence.
        Some(s) => match corpus::fetched_checker(
            s,
            Candidates {
                corpus: s.info,
                ..Candidates::default()
            },
        ) {
            Ok(c) => Rc::new(c),
            Err(e) => return Some(Err(e)),
        },
        None => crate::checker(),
    };
    let mut fetched = Vec::new();
    let mut results = Vec::with_capacity(total);
    let mut millis = now() - t0;
    for start in (0..total).step_by(batch) {
        let end = total.min(start + batch);
        if let Some(s) = &server {
            dispatch.emit(Action::Progress {
                job: id,
                done: start,
                total,
            });
            let asked = &claims[start..end];
            let answer = crate::server::candidates(&s.api, asked).await;
            if current.get() != id {
                return None;
            }
            checker = match answer.and_then(|c| corpus::fetched_checker(s, c)) {
                Ok(c) => Rc::new(c),
                Err(e) => return Some(Err(e)),
            };
            fetched.push(checker.clone());
        }
        while results.len() < end {
            let t = now();
            while results.len() < end && now() - t < SLICE_MS {
                // Always some (the index is below the article's count).
                let Some(r) = checker.check_article_sentence(&article, results.len()) else {
                    return Some(Err(
                        "The check stopped: a sentence could not be read.".into()
                    ));
                };
                results.push(r);
            }
            millis += now() - t;
            if results.len() < end {
                dispatch.emit(Action::Progress {
                    job: id,
                    done: results.len(),
                    total,
                });
                crate::browser::pause().await;
                if current.get() != id {
                    return None;
                }
            }
        }
    }
    if server.is_some() {
        corpus::keep_fetched(fetched);
    }
    let report = checker.report(results, article.notice);
    Some(Ok(Checked {
        text,
        report: Rc::new(report),
        millis,
    }))
}
