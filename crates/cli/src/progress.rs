//! A progress bar on standard error for the slow steps: analysing a corpus
//! (`index`, or any command given a large `--corpus`) and scoring claims (`eval`).

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a step runs before its bar appears. A step's length depends on
/// the corpus far more than on its number of items (FEVER's 1,000 claims are
/// scored in under a second; indexing 10,000 documents takes 25 s, see the
/// README's corpus scale figures), so the bar is not chosen by item count:
/// every step gets one, hidden at first, that shows itself once the step has
/// run this long. Quick runs print nothing extra.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A bar that stays hidden for [`SHOW_AFTER`], then draws on standard error
/// only if that is a terminal (indicatif's stderr target draws nothing
/// otherwise), so pipes, logs and the tests never see it.
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    on_stderr: bool,
}

impl Progress {
    /// A bar for `task` ("analysing the corpus"), counting `unit`s ("sentences").
    pub fn new(task: &str, unit: &str) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template(&format!(
                "{{msg}} [{{wide_bar}}] {{human_pos}}/{{human_len}} {unit}, {{eta}} left"
            ))
            .expect("the template is valid")
            .progress_chars("=> "),
        );
        bar.set_message(task.to_string());
        Progress {
            bar,
            started: Instant::now(),
            on_stderr: false,
        }
    }

    /// `done` of `total` items are finished.
    pub fn update(&mut self, done: usize, total: usize) {
        // Setting the length redraws the bar: only do it when it changes.
        if self.bar.length() != Some(total as u64) {
            self.bar.set_length(total as u64);
        }
        self.bar.set_position(done as u64);
        if !self.on_stderr && self.started.elapsed() >= SHOW_AFTER {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.on_stderr = true;
        }
    }

    /// Removes the bar, so that what is printed next starts on a clean line.
    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}
