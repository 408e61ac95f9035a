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
pub mod corpus;
pub mod embed;
pub mod export;
pub mod house_style;
pub mod job;
pub mod server;
pub mod share;
pub mod state;

pub use corpus::checker;

/// The sample article behind "Try an example": claims of every verdict,
/// written for the seed corpus.
pub const EXAMPLE: &str = include_str!("assets/example.txt");

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

/// Mounts the app on the page's body, unless the page loaded the module as a
/// library for in-place annotation (`crosscheck.library = true`, set by
/// `embed.js`): then only the exported functions are used.
pub fn start() {
    if !library_mode() {
        yew::Renderer::<app::App>::new().render();
    }
}

fn library_mode() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    js_sys::Reflect::get(&w, &"crosscheck".into())
        .and_then(|ns| js_sys::Reflect::get(&ns, &"library".into()))
        .is_ok_and(|v| v.is_truthy())
}

/// Loads the corpus from an index file's bytes (`corpus.idx`, which
/// `embed.js` fetches beside the module); throws a message if it is damaged.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = loadCorpus)]
pub fn load_corpus(index: &[u8]) -> Result<(), String> {
    corpus::load(index.into(), &[]).map(|_| ())
}

/// Installs the learned models from the model files' bytes, in the order of
/// `modelFiles()` (an entry that could not be fetched: `null`). Call it
/// before `loadCorpus`. Returns a message when a file is missing or
/// damaged (the checker then does without it), else `undefined`.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = loadModels)]
pub fn load_models(files: Vec<wasm_bindgen::JsValue>) -> Option<String> {
    let fetched = corpus::model_urls()
        .iter()
        .enumerate()
        .map(|(i, name)| match files.get(i) {
            Some(v) if wasm_bindgen::JsCast::is_instance_of::<js_sys::Uint8Array>(v) => {
                Ok(js_sys::Uint8Array::from(v.clone()).to_vec())
            }
            _ => Err(format!("{name} was not loaded")),
        })
        .collect();
    corpus::set_models(fetched)
}

/// Uses a house-style file (its text, as TOML) for the checks that follow:
/// call it before `loadCorpus`. Returns what is wrong with the file (the
/// pattern named), else `undefined`; a wrong file changes nothing.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = loadHouseStyle)]
pub fn load_house_style(text: &str) -> Option<String> {
    corpus::set_house_style(Some((house_style::URL, text, false))).err()
}

/// The model files to fetch beside `corpus.idx`, for `loadModels`.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = modelFiles)]
pub fn model_files() -> Vec<String> {
    corpus::model_urls().iter().map(|s| s.to_string()).collect()
}

// wasm-bindgen's own declarations (with Trunk's `data-typescript`) name the
// report type of the declarations served beside embed.js.
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const REPORT_TYPE: &str = "import type { Report } from './crosscheck';";

/// Checks an article and returns the report (the CLI's JSON type, as a
/// plain object; see `crosscheck.d.ts`). The in-place annotator of
/// `embed.js` calls it after `loadCorpus`.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = checkArticle, unchecked_return_type = "Report")]
pub fn check_article(text: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsError> {
    browser::to_js(&checker().check_article(text))
        .map_err(|e| wasm_bindgen::JsError::new(&e.to_string()))
}

/// API mode for in-place annotation, instead of `loadCorpus`: checks an
/// article with the archive server at `api` (call it after `loadModels` and
/// `loadHouseStyle`), as the app does. Resolves to the report, or rejects
/// with a message when the server cannot be reached, speaks another version
/// of the API or fails.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = checkWithServer, unchecked_return_type = "Report")]
pub async fn check_with_server(api: String, text: String) -> Result<wasm_bindgen::JsValue, String> {
    let known = corpus::server().is_some_and(|s| server::address(&api) == Ok(Some(s.api.clone())));
    if !known {
        corpus::use_server(Some(server::connect(&api).await?));
    }
    let checked = job::run(
        0,
        text.into(),
        &std::cell::Cell::new(0),
        &yew::Callback::noop(),
    )
    .await
    .ok_or("The check was cancelled.")??;
    browser::to_js(&*checked.report).map_err(|e| e.to_string())
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
