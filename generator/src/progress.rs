//! Progress of a long run (a whole docs tree): stages and their steps, drawn on standard error when it is a
//! terminal and nowhere otherwise (a log or a pipe gets no bar, no escape sequence).
//!
//! The pipeline reports through [`Progress`]; [`Bar`] draws it with indicatif. Only the stage names written
//! here and counts reach the terminal: no docs text, no file name.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// What a long run reports as it goes.
pub trait Progress: Sync {
    /// A stage begins: its name, and its number of steps when known.
    fn stage(&self, name: &'static str, steps: Option<u64>);
    /// `steps` more steps of the current stage are done.
    fn advance(&self, steps: u64);
}

/// Reports nowhere: for library callers and tests.
pub struct Quiet;

impl Progress for Quiet {
    fn stage(&self, _: &'static str, _: Option<u64>) {}
    fn advance(&self, _: u64) {}
}

/// A progress bar (a counted stage) or spinner (a stage of unknown length) on standard error, drawn only when
/// standard error is a terminal. Dropping it clears it, so that what is printed next starts on a clean line.
pub struct Bar(Option<ProgressBar>);

impl Bar {
    /// On standard error when it is a terminal; silent otherwise.
    pub fn stderr() -> Self {
        Self::drawn(std::io::stderr().is_terminal())
    }

    /// Drawn on standard error when `drawn`, else silent.
    pub fn drawn(drawn: bool) -> Self {
        Bar(drawn.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(ProgressStyle::default_spinner());
            // A spinner moves on its own while a stage of unknown length runs.
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        }))
    }

    /// Whether anything is drawn.
    pub fn is_drawn(&self) -> bool {
        self.0.is_some()
    }
}

impl Progress for Bar {
    fn stage(&self, name: &'static str, steps: Option<u64>) {
        let Some(bar) = &self.0 else { return };
        let (template, length) = match steps {
            Some(steps) => ("{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed})", Some(steps)),
            None => ("{spinner} {msg} ({elapsed})", None),
        };
        // Each call may draw: a plain spinner while the stage is set up, so that no frame shows one stage's
        // counts under another's name.
        bar.set_style(ProgressStyle::default_spinner());
        bar.set_message(name);
        bar.reset();
        bar.set_length(length.unwrap_or(0));
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
    }

    fn advance(&self, steps: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(steps);
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_not_drawn_reports_nowhere() {
        let bar = Bar::drawn(false);
        assert!(!bar.is_drawn());
        bar.stage("parsing", Some(3));
        bar.advance(3);
    }
}
