//! Checking in time slices: a long article is checked a few sentences at a
//! time, yielding to the browser between slices, so typing and scrolling
//! never wait on the engine. A newer check cancels an older one.

use std::cell::Cell;
use std::rc::Rc;

use crosscheck_engine::{prepare_article, Article, Checker, SentenceResult};
use yew::Callback;

use crate::browser::now;
use crate::state::{Action, Checked};

/// Engine time per slice: well under the 100 ms a key press may wait.
const SLICE_MS: f64 = 12.0;

struct Job {
    id: u64,
    /// The corpus when the job started: a rebuild meanwhile starts a new job.
    checker: Rc<Checker>,
    text: Rc<str>,
    article: Article,
    results: Vec<SentenceResult>,
    millis: f64,
}

/// Starts checking `text` as job `id`; `current` holds the id of the newest
/// job, and an older job stops at its next slice.
pub fn start(id: u64, text: Rc<str>, current: Rc<Cell<u64>>, dispatch: Callback<Action>) {
    current.set(id);
    let t0 = now();
    let article = prepare_article(&text);
    let job = Job {
        id,
        checker: crate::checker(),
        text,
        results: Vec::with_capacity(article.sentences.len()),
        article,
        millis: now() - t0,
    };
    step(job, current, dispatch);
}

fn step(mut job: Job, current: Rc<Cell<u64>>, dispatch: Callback<Action>) {
    if current.get() != job.id {
        return;
    }
    let checker = job.checker.clone();
    let mut total = job.article.sentences.len();
    let t0 = now();
    while job.results.len() < total && now() - t0 < SLICE_MS {
        let i = job.results.len();
        match checker.check_article_sentence(&job.article, i) {
            Some(r) => job.results.push(r),
            // Not reached (i < total); if it were, the job ends with what it has.
            None => {
                total = i;
                break;
            }
        }
    }
    job.millis += now() - t0;
    if job.results.len() < total {
        dispatch.emit(Action::Progress {
            job: job.id,
            done: job.results.len(),
            total,
        });
        crate::browser::after(0, move || step(job, current, dispatch));
        return;
    }
    let report = checker.report(job.results, job.article.notice);
    dispatch.emit(Action::Finished {
        job: job.id,
        checked: Checked {
            text: job.text,
            report: Rc::new(report),
            millis: job.millis,
        },
    });
}
