//! crosscheck's web app: a thin layer over the engine. Paste an article, check
//! it in the browser, see each claim highlighted with its evidence. Nothing
//! the user pastes leaves the page.
//!
//! The modules that hold no browser code (`state`, `export`, `share`) are
//! tested natively with `cargo test`; the components in a browser with
//! `wasm-bindgen-test` (see `tests/web.rs`).

pub mod app;
pub mod browser;
pub mod components;
pub mod embed;
pub mod export;
pub mod job;
pub mod share;
pub mod state;

use std::sync::OnceLock;

use crosscheck_engine::Checker;

/// The sample article behind "Try an example": claims of every verdict,
/// written for the seed corpus.
pub const EXAMPLE: &str = include_str!("assets/example.txt");

/// The bundled corpus, indexed once on first use.
pub fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(Checker::seed)
}

/// A confidence in [0, 1] as a whole percentage. Integer formatting keeps
/// core's float formatter (about 10 KB of wasm) out of the build.
pub fn percent(confidence: f32) -> u32 {
    (confidence.clamp(0.0, 1.0) * 100.0).round() as u32
}

/// Milliseconds with two decimals ("12.34"), for the `data-check-ms` hook.
pub fn hundredths(millis: f64) -> String {
    let h = (millis.max(0.0) * 100.0).round() as u64;
    format!("{}.{:02}", h / 100, h % 100)
}

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}

#[cfg(test)]
mod tests {
    #[test]
    fn number_formats() {
        assert_eq!(super::percent(0.994), 99);
        assert_eq!(super::percent(1.5), 100);
        assert_eq!(super::hundredths(12.345), "12.35");
        assert_eq!(super::hundredths(0.05), "0.05");
        assert_eq!(super::hundredths(-1.0), "0.00");
    }
}
