//! What a host page controls: the widget's address (`?embed=1&host=...`) and
//! the messages it posts (as JSON here). A host must never widen the audience to `*`.
#![no_main]
use crosscheck_web::embed;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    if let Some(settings) = embed::from_query(&input) {
        if let Some(host) = settings.host {
            assert!(
                host != "*" && !host.is_empty() && !host.ends_with('/'),
                "{host}"
            );
        }
    }
    // The page reads messages with serde-wasm-bindgen; any JSON stands in
    // for what a host can post.
    if let Some(text) = serde_json::from_str::<embed::Incoming>(&input)
        .ok()
        .and_then(embed::text_of_message)
    {
        let _ = crosscheck_engine::prepare_article(&text);
    }
});
