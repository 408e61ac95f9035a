//! The app's one state and the actions that change it.

use std::rc::Rc;

use crosscheck_engine::{Checker, Report};
use yew::Reducible;

thread_local! {
    /// The bundled corpus, indexed once on first use.
    static CHECKER: Checker = Checker::seed();
}

/// Runs the engine on `text`.
pub fn check(text: &str) -> Report {
    CHECKER.with(|c| c.check_article(text))
}

#[derive(Default, PartialEq)]
pub struct State {
    pub text: String,
    pub report: Option<Rc<Report>>,
}

pub enum Action {
    Edit(String),
    Check,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Edit(text) => Rc::new(State {
                text,
                report: self.report.clone(),
            }),
            Action::Check => Rc::new(State {
                text: self.text.clone(),
                report: Some(Rc::new(check(&self.text))),
            }),
        }
    }
}
