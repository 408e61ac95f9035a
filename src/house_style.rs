//! The newsroom's house style in the browser: the same file the CLI reads,
//! its patterns compiled with the JavaScript engine's `RegExp` (a regex crate
//! in the wasm would add well over 100 KB). The engine checks each pattern
//! against the syntax both engines read alike before it gets here.

use std::cell::RefCell;

use crosscheck_engine::house_style::{Found, HouseStyle, HouseStyleError, Matcher, Portable};
use wasm_bindgen::JsValue;

/// The deployment's house style, beside `corpus.idx`; a deployment without
/// one serves none (HTTP 404) and the app does without.
pub const URL: &str = "house-style.toml";

/// What the app shows of the house style in use.
#[derive(Debug, Clone, PartialEq)]
pub struct HouseStyleInfo {
    /// The file's name ("house-style.toml", or the reader's own file's).
    pub name: String,
    /// Patterns for sentences that are not claims, lines dropped, metadata lines.
    pub counts: [usize; 3],
    /// A file this reader chose, kept in this browser (else the deployment's).
    pub own: bool,
}

thread_local! {
    /// Every pattern compiled so far, with its source and flags. Matchers
    /// hold a position here (they must be `Send`, which a `RegExp` is not);
    /// a pattern compiled again reuses its entry, so reloading a file does
    /// not grow the list.
    static REGEXPS: RefCell<Vec<(String, &'static str, js_sys::RegExp)>> =
        const { RefCell::new(Vec::new()) };
}

struct RegExpMatcher(usize);

impl Matcher for RegExpMatcher {
    fn find(&self, text: &str) -> Option<Found> {
        let re = REGEXPS.with(|r| r.borrow().get(self.0).map(|e| e.2.clone()))?;
        let m = re.exec(text)?;
        let whole = m.get(0).as_string()?;
        let index = js_sys::Reflect::get(&m, &"index".into()).ok()?.as_f64()? as usize;
        let start = byte_of_utf16(text, index)?;
        Some(Found {
            start,
            end: start + whole.len(),
            group: m.get(1).as_string(),
        })
    }
}

/// The byte offset of a UTF-16 offset (what `RegExp` reports) in `text`.
fn byte_of_utf16(text: &str, units: usize) -> Option<usize> {
    let mut counted = 0;
    for (byte, c) in text.char_indices() {
        if counted == units {
            return Some(byte);
        }
        counted += c.len_utf16();
    }
    (counted == units).then_some(text.len())
}

/// Compiles a checked pattern with `new RegExp(source, flags)`; an engine
/// that still refuses it (an old browser) is a message, not a crash.
pub fn compile(p: &Portable) -> Result<Box<dyn Matcher>, String> {
    let known = REGEXPS.with(|r| {
        r.borrow()
            .iter()
            .position(|(s, f, _)| *s == p.ecmascript && *f == p.ecmascript_flags)
    });
    if let Some(i) = known {
        return Ok(Box::new(RegExpMatcher(i)));
    }
    let constructor = js_sys::Reflect::get(&js_sys::global(), &"RegExp".into())
        .map_err(|_| "this browser has no RegExp".to_string())?;
    let args = js_sys::Array::of2(
        &JsValue::from_str(&p.ecmascript),
        &JsValue::from_str(p.ecmascript_flags),
    );
    let re = js_sys::Reflect::construct(&constructor.into(), &args).map_err(|e| {
        let why = js_sys::Error::from(e).message();
        format!("this browser's RegExp refuses it ({why})")
    })?;
    Ok(Box::new(RegExpMatcher(REGEXPS.with(|r| {
        let mut r = r.borrow_mut();
        r.push((p.ecmascript.clone(), p.ecmascript_flags, re.into()));
        r.len() - 1
    }))))
}

/// Reads a house-style file with the browser's `RegExp` (natively, in unit
/// tests, with the engine's `regex`).
pub fn parse(text: &str) -> Result<HouseStyle, HouseStyleError> {
    #[cfg(all(test, not(target_arch = "wasm32")))]
    return HouseStyle::parse_native(text);
    #[cfg(not(all(test, not(target_arch = "wasm32"))))]
    HouseStyle::parse(text, &compile)
}

#[cfg(test)]
mod tests {
    #[test]
    fn utf16_offsets_become_byte_offsets() {
        let text = "a😀é b";
        assert_eq!(super::byte_of_utf16(text, 0), Some(0));
        assert_eq!(super::byte_of_utf16(text, 1), Some(1));
        assert_eq!(super::byte_of_utf16(text, 3), Some(5));
        assert_eq!(super::byte_of_utf16(text, 4), Some(7));
        assert_eq!(super::byte_of_utf16(text, 6), Some(text.len()));
        assert_eq!(
            super::byte_of_utf16(text, 2),
            None,
            "inside a surrogate pair"
        );
        assert_eq!(super::byte_of_utf16(text, 7), None);
    }
}
