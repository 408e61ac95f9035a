//! Reducing `.html` and `.md` corpus files to their article text. Not a full
//! parser: enough to keep the prose of a news page and drop its scripts,
//! navigation, headers, footers and asides.

/// Title (from `<title>` or the first `<h1>`) and article text of an HTML page.
/// Inside `<article>` (or `<main>`) when the page has one; block elements
/// become paragraph breaks; entities are decoded.
pub fn html_text(html: &str) -> (Option<String>, String) {
    let lower = html.to_ascii_lowercase();
    let title = element_text(html, &lower, "title").or_else(|| element_text(html, &lower, "h1"));
    let body = ["article", "main", "body"]
        .iter()
        .find_map(|tag| inner(html, &lower, tag))
        .unwrap_or(html);
    (title, blocks(body))
}

/// The inner HTML of the first `<tag ...>...</tag>`, if any.
fn inner<'a>(html: &'a str, lower: &str, tag: &str) -> Option<&'a str> {
    let open = find_tag(lower, tag, 0)?;
    let start = lower[open..].find('>')? + open + 1;
    let end = lower[start..]
        .find(&format!("</{tag}"))
        .map_or(html.len(), |e| start + e);
    html.get(start..end)
}

fn element_text(html: &str, lower: &str, tag: &str) -> Option<String> {
    let text = blocks(inner(html, lower, tag)?);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Byte offset of the next `<tag` (followed by `>`, space or `/`) from `from`.
fn find_tag(lower: &str, tag: &str, from: usize) -> Option<usize> {
    let needle = format!("<{tag}");
    let mut at = from;
    while let Some(i) = lower.get(at..)?.find(&needle) {
        let after = lower.as_bytes().get(at + i + needle.len()).copied();
        if matches!(after, Some(b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r')) {
            return Some(at + i);
        }
        at += i + needle.len();
    }
    None
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg",
    "iframe", "button", "figure",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "tr",
    "table",
    "pre",
    "hr",
    "dd",
    "dt",
];

/// Text of an HTML fragment, a blank line between blocks.
fn blocks(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        // As in browsers, "<" starts a tag only before a letter, "/" or "!".
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            push_text(&mut out, "<");
            rest = &rest[1..];
            continue;
        }
        let Some(gt) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with("!--") {
            if let Some(end) = rest.find("-->") {
                rest = &rest[end + 3..];
            }
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !tag.starts_with('/') && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower
                .find(&close)
                .and_then(|e| rest[e..].find('>').map(|g| &rest[e + g + 1..]))
                .unwrap_or("");
            continue;
        }
        if BLOCKS.contains(&name.as_str()) && !out.ends_with("\n\n") && !out.is_empty() {
            out.truncate(out.trim_end_matches([' ', '\n']).len());
            out.push_str("\n\n");
        }
    }
    push_text(&mut out, rest);
    out.trim().to_string()
}

/// Appends text with its whitespace collapsed and its entities decoded.
fn push_text(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        let starts_clean = out.is_empty() || out.ends_with('\n') || out.ends_with(' ');
        if (i > 0 || text.starts_with(char::is_whitespace)) && !starts_clean {
            out.push(' ');
        }
        out.push_str(&decode_entities(word));
    }
    if text.ends_with(char::is_whitespace) && !text.trim().is_empty() {
        out.push(' ');
    }
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "rdquo" => Some('”'),
                "ldquo" => Some('“'),
                "hellip" => Some('…'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Title (the first `# ` heading) and text of a Markdown file: heading marks,
/// emphasis and link targets removed.
pub fn markdown_text(md: &str) -> (Option<String>, String) {
    let mut title = None;
    let mut out = Vec::new();
    for line in md.lines() {
        let trimmed = line.trim_start();
        let heading = trimmed.trim_start_matches('#');
        let is_heading = heading.len() < trimmed.len() && heading.starts_with(' ');
        let text = if is_heading { heading.trim() } else { line };
        if is_heading && title.is_none() && trimmed.starts_with("# ") {
            title = Some(text.to_string());
        }
        out.push(strip_inline(text));
    }
    (title, out.join("\n").trim().to_string())
}

/// `[text](url)` to `text`, and `**`/`__` emphasis marks removed.
fn strip_inline(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](").map(|m| open + m) else {
            break;
        };
        let Some(close) = rest[mid..].find(')').map(|c| mid + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..mid]);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out.replace("**", "").replace("__", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_table() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("<p>One.</p><p>Two &amp; three.</p>", None, "One.\n\nTwo & three."),
            (
                "<html><head><title>A  page</title><script>var x = '<p>no</p>';</script></head>\
                 <body><nav><a href=/>Home</a></nav><article><h1>Head</h1><p>Body <a href=x>link</a> text.</p>\
                 <aside>Related</aside></article><footer>(c)</footer></body></html>",
                Some("A page"),
                "Head\n\nBody link text.",
            ),
            ("<main><p>Caf&eacute; &#233; &#x41;</p></main>", None, "Caf&eacute; é A"),
            ("<p>Unclosed <b>bold", None, "Unclosed bold"),
            ("<p>a<!-- <p>hidden</p> -->b</p>", None, "ab"),
            ("text < 5 and > 3", None, "text < 5 and > 3"),
            ("", None, ""),
        ];
        for (html, title, text) in cases {
            let (t, body) = html_text(html);
            assert_eq!(t.as_deref(), *title, "{html}");
            assert_eq!(body, *text, "{html}");
        }
    }

    #[test]
    fn html_never_panics_on_junk() {
        for junk in [
            "<",
            "<<>>",
            "<p",
            "</p>",
            "<script>",
            "&#xFFFFFFFF;",
            "&",
            "<article>",
            "<title></title>",
            "é<é>é",
        ] {
            html_text(junk);
        }
    }

    #[test]
    fn markdown_table() {
        let (title, text) = markdown_text(
            "# The title\n\nSome **bold** and a [link](http://x.org).\n\n## Part\nMore.",
        );
        assert_eq!(title.as_deref(), Some("The title"));
        assert_eq!(text, "The title\n\nSome bold and a link.\n\nPart\nMore.");
    }
}
