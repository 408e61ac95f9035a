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

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
