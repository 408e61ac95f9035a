//! The few browser services the app uses. Each fails quietly to a sensible
//! default: private windows without storage, pages without clipboard access.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

const STORAGE_KEY: &str = "crosscheck.article";
const SOURCES_KEY: &str = "crosscheck.sources";
const HOUSE_STYLE_KEY: &str = "crosscheck.house-style";
const API_KEY: &str = "crosscheck.api";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Milliseconds from a monotonic clock.
pub fn now() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Today's date, YYYY-MM-DD, for ClaimReview.
pub fn today() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
        .chars()
        .take(10)
        .collect()
}

pub fn saved_text() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok()?
}

/// Saves the article for the next visit; a full or disabled storage only
/// means the text will not come back, so the error is dropped.
pub fn save_text(text: &str) {
    if let Some(storage) = storage() {
        let _ = if text.is_empty() {
            storage.remove_item(STORAGE_KEY)
        } else {
            storage.set_item(STORAGE_KEY, text)
        };
    }
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok()?
}

/// The sources this reader added, from localStorage; damaged data is ignored.
pub fn saved_sources() -> Vec<crate::corpus::AddedSource> {
    storage()
        .and_then(|s| s.get_item(SOURCES_KEY).ok()?)
        .map(|stored| crate::corpus::AddedSource::from_stored(&stored))
        .unwrap_or_default()
}

/// Keeps the added sources for the next visit; false when the browser
/// refuses (storage full or disabled), so the reader can be told.
pub fn save_sources(sources: &[crate::corpus::AddedSource]) -> bool {
    let Some(storage) = storage() else {
        return false;
    };
    if sources.is_empty() {
        return storage.remove_item(SOURCES_KEY).is_ok();
    }
    let stored = crate::corpus::AddedSource::to_stored(sources);
    storage.set_item(SOURCES_KEY, &stored).is_ok()
}

/// The reader's own house-style file (name, text), if one is kept here.
pub fn saved_house_style() -> Option<(String, String)> {
    let stored = storage()?.get_item(HOUSE_STYLE_KEY).ok()??;
    let (name, text) = stored.split_once('\u{1F}')?;
    Some((name.to_string(), text.to_string()))
}

/// Keeps the reader's own house-style file for the next visit, or forgets it.
pub fn save_house_style(file: Option<&(String, String)>) {
    if let Some(storage) = storage() {
        let _ = match file {
            Some((name, text)) => storage.set_item(HOUSE_STYLE_KEY, &format!("{name}\u{1F}{text}")),
            None => storage.remove_item(HOUSE_STYLE_KEY),
        };
    }
}

/// The archive server address chosen in the Sources view, if one is kept here.
pub fn saved_api() -> Option<String> {
    storage()?.get_item(API_KEY).ok()?
}

/// Keeps the archive server address for the next visit, or forgets it.
pub fn save_api(api: Option<&str>) {
    if let Some(storage) = storage() {
        let _ = match api {
            Some(api) => storage.set_item(API_KEY, api),
            None => storage.remove_item(API_KEY),
        };
    }
}

// CompressionStream is baseline in browsers but still behind an unstable cfg in web-sys.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> web_sys::WritableStream;
}

/// `bytes` deflated (raw, no header) by the browser's CompressionStream.
pub async fn deflate_raw(bytes: &[u8]) -> Option<Vec<u8>> {
    use wasm_bindgen_futures::JsFuture;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let deflate = CompressionStream::new("deflate-raw").ok()?;
    let pair = web_sys::ReadableWritablePair::new(&deflate.readable(), &deflate.writable());
    let stream = blob.stream().pipe_through(&pair);
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&stream)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The bytes at `url` (same origin: the app's own static assets).
pub fn fetch_bytes(url: &str) -> impl std::future::Future<Output = Result<Vec<u8>, String>> {
    use wasm_bindgen_futures::JsFuture;
    // The request starts now, not when the future is first polled: several
    // fetches made in a row download in parallel.
    // Listened to at once, so a failure before the caller awaits is no unhandled rejection.
    let request = window().map(|w| JsFuture::from(w.fetch_with_str(url)));
    let url = url.to_string();
    async move {
        let failed = || format!("{url} could not be fetched");
        let response: web_sys::Response = request
            .ok_or_else(failed)?
            .await
            .map_err(|_| failed())?
            .unchecked_into();
        if !response.ok() {
            return Err(format!("{url}: HTTP {}", response.status()));
        }
        let buffer = JsFuture::from(response.array_buffer().map_err(|_| failed())?)
            .await
            .map_err(|_| failed())?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}

/// The files of a file input or a drop, taken out at once: the list is live,
/// and clearing the input empties it.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map_or_else(Vec::new, |l| {
        (0..l.length()).filter_map(|i| l.get(i)).collect()
    })
}

/// The name and text of each file.
pub async fn read_files(files: Vec<web_sys::File>) -> Vec<(String, Result<String, String>)> {
    let mut out = Vec::new();
    for file in files {
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|t| t.as_string())
            .ok_or_else(|| format!("{} could not be read.", file.name()));
        out.push((file.name(), text));
    }
    out
}

pub fn location_hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The page's address with `fragment` in place of its own.
pub fn link_with_fragment(fragment: &str) -> String {
    let href = window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}{fragment}")
}

/// Drops the fragment from the address bar once its text is loaded, so a
/// reload shows what the user has typed since, not the link's text again.
pub fn clear_hash() {
    if let Some(w) = window() {
        if let (Ok(history), Ok(path)) = (w.history(), w.location().pathname()) {
            let search = w.location().search().unwrap_or_default();
            let _ = history.replace_state_with_url(
                &JsValue::NULL,
                "",
                Some(&format!("{path}{search}")),
            );
        }
    }
}

/// Writes `text` to the clipboard; the result says whether it worked.
pub async fn copy(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let promise = w.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Offers `content` as a file download.
pub fn download(filename: &str, mime: &str, content: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    // Some browsers read the blob after `click` returns.
    after(30_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
}

/// Runs `f` once after `ms` milliseconds. The closure frees itself when it
/// has run; gloo's `Timeout::forget` keeps each closure's wrapper for the
/// page's life, one per time slice of every check.
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
    }
}

/// Lets the browser paint and take input before the caller goes on.
pub async fn pause() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn element(id: &str) -> Option<web_sys::Element> {
    window()?.document()?.get_element_by_id(id)
}

/// Moves keyboard focus to the element with `id`.
pub fn focus(id: &str) {
    if let Some(el) = element(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Scrolls the element with `id` into view if it is not, moving as little as possible.
pub fn reveal(id: &str) {
    if let Some(el) = element(id) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// The page address's query string (`?embed=1&...`).
pub fn search() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Sends `message` to the parent page, to `origin` only, as a plain object.
pub fn post_to_parent(origin: &str, message: &impl serde::Serialize) {
    let Some(w) = window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if let Ok(data) = to_js(message) {
        let _ = parent.post_message(&data, origin);
    }
}

/// A value as a plain JavaScript object, as `JSON.parse` of its JSON would
/// give it: maps as objects, `None` as `null`.
pub fn to_js(value: &impl serde::Serialize) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

/// Height of the page's content in CSS pixels.
pub fn content_height() -> f64 {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .map_or(0.0, |b| b.get_bounding_client_rect().height())
}

/// Calls `on_message` with each message the parent page sends from `origin`
/// that reads as one the widget knows; others are ignored. Listens until the
/// guard is dropped.
pub fn listen_to_parent(
    origin: String,
    on_message: impl Fn(crate::embed::Incoming) + 'static,
) -> Option<gloo_events::EventListener> {
    let w = window()?;
    let parent = w.parent().ok()??;
    Some(gloo_events::EventListener::new(
        &w,
        "message",
        move |event| {
            let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            // Compared as plain values: the parent's window belongs to another
            // realm, so an `instanceof Window` check would fail.
            let from_parent = event
                .source()
                .is_some_and(|s| JsValue::from(s) == JsValue::from(&parent));
            if !from_parent || event.origin() != origin {
                return;
            }
            if let Ok(message) = serde_wasm_bindgen::from_value(event.data()) {
                on_message(message);
            }
        },
    ))
}

/// Calls `on_leave` when the reader leaves or reloads the page.
pub fn on_page_hide(on_leave: impl Fn() + 'static) -> Option<gloo_events::EventListener> {
    let w = window()?;
    Some(gloo_events::EventListener::new(&w, "pagehide", move |_| {
        on_leave()
    }))
}

/// Calls `on_resize` whenever the window changes size.
pub fn on_resize(on_resize: impl Fn() + 'static) -> Option<gloo_events::EventListener> {
    let w = window()?;
    Some(gloo_events::EventListener::new(&w, "resize", move |_| {
        on_resize()
    }))
}

/// Sets `data-theme` on the root element: a theme the host page asked for.
pub fn set_theme(theme: &str) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme);
    }
}
