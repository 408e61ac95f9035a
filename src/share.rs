//! "Copy link": the article travels in the URL fragment, deflated and
//! base64url-encoded, so a check can be shared without a server. The fragment
//! never reaches a server: browsers do not send it.
//!
//! The browser deflates (CompressionStream, `browser::deflate_raw`), which
//! keeps miniz_oxide's compressor out of the wasm; opening a link inflates
//! here, synchronously, before the first render.

use std::fmt;

use miniz_oxide::inflate::decompress_to_vec_with_limit;

/// The fragment key: `#text=...`.
const KEY: &str = "text=";
/// A shared link never expands to more than the engine checks.
const MAX_TEXT_BYTES: usize = crosscheck_engine::MAX_INPUT_BYTES;
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    Encoding,
    Compression,
    TooLong,
    NotText,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ShareError::Encoding => {
                "The link is damaged: its text part has characters a link cannot carry."
            }
            ShareError::Compression => {
                "The link is damaged or cut short: its text cannot be unpacked."
            }
            ShareError::TooLong => "The link holds more text than crosscheck checks.",
            ShareError::NotText => "The link is damaged: its text is not valid UTF-8.",
        })
    }
}

/// The fragment (with `#`) that carries a text, given its raw-deflated bytes.
pub fn fragment(deflated: &[u8]) -> String {
    format!("#{KEY}{}", base64url(deflated))
}

/// The article a fragment carries: `None` when the fragment carries none.
pub fn text_from_fragment(hash: &str) -> Option<Result<String, ShareError>> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let value = hash.split('&').find_map(|part| part.strip_prefix(KEY))?;
    Some(decode(value))
}

pub fn decode(value: &str) -> Result<String, ShareError> {
    let bytes = from_base64url(value).ok_or(ShareError::Encoding)?;
    let raw = decompress_to_vec_with_limit(&bytes, MAX_TEXT_BYTES).map_err(|e| {
        if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
            ShareError::TooLong
        } else {
            ShareError::Compression
        }
    })?;
    String::from_utf8(raw).map_err(|_| ShareError::NotText)
}

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let v = ALPHABET.iter().position(|&a| a == c)? as u32;
            n |= v << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::deflate::compress_to_vec;

    /// What the browser's CompressionStream("deflate-raw") produces (zlib's default level).
    fn encode(text: &str) -> String {
        base64url(&compress_to_vec(text.as_bytes(), 6))
    }

    fn link(text: &str) -> String {
        fragment(&compress_to_vec(text.as_bytes(), 6))
    }

    #[test]
    fn round_trips() {
        for text in [
            "",
            "a",
            "ab",
            "abc",
            "The Kremlin confirmed on Monday that Putin received the invitation.",
            "עברית مرحبا 😀 <script>alert(1)</script>\n\n\tend",
        ] {
            let link = link(text);
            assert!(link
                .bytes()
                .skip(1)
                .all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b)));
            assert_eq!(
                text_from_fragment(&link),
                Some(Ok(text.to_string())),
                "{text:?}"
            );
        }
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        assert_eq!(text_from_fragment("#other=1"), None);
        assert_eq!(text_from_fragment(""), None);
        assert_eq!(decode("a"), Err(ShareError::Encoding));
        assert_eq!(decode("!!!!"), Err(ShareError::Encoding));
        let good = encode(crate::EXAMPLE);
        assert_eq!(
            decode(&good[..good.len() / 2]),
            Err(ShareError::Compression)
        );
        assert_eq!(
            decode(&base64url(&compress_to_vec(&[0xff, 0xfe], 9))),
            Err(ShareError::NotText)
        );
        let bomb = vec![b'a'; MAX_TEXT_BYTES + 1];
        assert_eq!(
            decode(&encode(std::str::from_utf8(&bomb).unwrap())),
            Err(ShareError::TooLong)
        );
    }

    #[test]
    fn finds_the_text_among_other_fragment_parts() {
        let link = format!("#view=sources&{}", &link("Hello.")[1..]);
        assert_eq!(text_from_fragment(&link), Some(Ok("Hello.".to_string())));
    }
}
