//! The share link's fragment (`#text=...`): any fragment decodes to a text or
//! a named error, never more than the size limit.
#![no_main]
use crosscheck_web::share;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let fragment = String::from_utf8_lossy(data);
    if let Some(Ok(text)) = share::text_from_fragment(&fragment) {
        assert!(text.len() <= crosscheck_engine::MAX_INPUT_BYTES);
    }
    // Deflated bytes of the fuzzer's choosing, behind a valid encoding: the
    // inflater sees them as they are.
    let fragment = share::fragment(data);
    match share::text_from_fragment(&fragment) {
        Some(Ok(text)) => assert!(text.len() <= crosscheck_engine::MAX_INPUT_BYTES),
        Some(Err(_)) => {}
        None => panic!("a fragment made by share::fragment carries a text"),
    }
});
