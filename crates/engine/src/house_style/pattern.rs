//! The pattern syntax of house-style files: the part of regular-expression
//! syntax that Rust's `regex` crate and JavaScript's `RegExp` (with the `u`
//! flag) read the same way. A pattern is checked here once and written out
//! for each engine, so the CLI and the browser mark the same sentences.
//!
//! Where the two engines differ on the same spelling, the pattern is
//! rewritten into a spelling both read alike: `\d`, `\w` and `\s` become
//! explicit classes (ASCII digits and word characters; JavaScript's set of
//! spaces), `.` excludes the same line ends, `\b` is an ASCII word boundary
//! in both. What has no common meaning is refused with a message naming it:
//! lookaround, back-references, named groups, inline flags, Unicode
//! properties, class set operations, nested classes.

use std::fmt::Write;

/// A pattern checked and written for both engines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portable {
    /// For Rust's `regex` crate (case-insensitivity added as `(?i)`).
    pub rust: String,
    /// For JavaScript's `new RegExp(source, flags)`.
    pub ecmascript: String,
    /// `"u"`, or `"iu"` when case is ignored.
    pub ecmascript_flags: &'static str,
    /// Capturing groups, numbered from 1 in order of their `(`.
    pub groups: usize,
}

/// Longest pattern accepted, in characters: house styles are short phrases.
pub const MAX_PATTERN_CHARS: usize = 1_000;
/// Largest count in `{n,m}`: beyond it Rust's compiled size limit is near.
pub const MAX_REPEAT: u32 = 1_000;

/// JavaScript's `\s` (WhiteSpace and LineTerminator), written out so that
/// Rust matches the same characters (its own set adds U+0085, lacks U+FEFF).
const SPACES: &[(char, char)] = &[
    ('\t', '\r'),
    (' ', ' '),
    ('\u{A0}', '\u{A0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200A}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202F}', '\u{202F}'),
    ('\u{205F}', '\u{205F}'),
    ('\u{3000}', '\u{3000}'),
    ('\u{FEFF}', '\u{FEFF}'),
];
const DIGITS: &[(char, char)] = &[('0', '9')];
const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
/// What `.` does not match in JavaScript; Rust is told the same.
const LINE_ENDS: &[(char, char)] = &[('\n', '\n'), ('\r', '\r'), ('\u{2028}', '\u{2029}')];

/// Checks `pattern` and writes it for both engines, or says what is outside
/// the shared syntax and where (a character position, from 1).
pub fn translate(pattern: &str, ignore_case: bool) -> Result<Portable, String> {
    if pattern.is_empty() {
        return Err("an empty pattern would match every line".into());
    }
    let count = pattern.chars().count();
    if count > MAX_PATTERN_CHARS {
        return Err(format!(
            "{count} characters is longer than the {MAX_PATTERN_CHARS} a pattern may have"
        ));
    }
    let mut t = Translator {
        chars: pattern.chars().collect(),
        at: 0,
        out: Out::default(),
        groups: 0,
    };
    if ignore_case {
        t.out.rust.push_str("(?i)");
    }
    t.alternation()?;
    if t.at < t.chars.len() {
        // Only an unbalanced `)` stops the top level early.
        return Err(t.error("a `)` without its `(`; write a literal ) as \\)"));
    }
    Ok(Portable {
        rust: t.out.rust,
        ecmascript: t.out.js,
        ecmascript_flags: if ignore_case { "iu" } else { "u" },
        groups: t.groups,
    })
}

#[derive(Default)]
struct Out {
    rust: String,
    js: String,
}

impl Out {
    fn both(&mut self, s: &str) {
        self.rust.push_str(s);
        self.js.push_str(s);
    }
}

struct Translator {
    chars: Vec<char>,
    at: usize,
    out: Out,
    groups: usize,
}

/// What the last item of a sequence was, for the quantifier after it.
#[derive(PartialEq)]
enum Last {
    Nothing,
    Assertion,
    Repeatable,
    Quantifier,
}

impl Translator {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.at + offset).copied()
    }

    fn error(&self, what: &str) -> String {
        format!("at character {}: {what}", self.at + 1)
    }

    fn alternation(&mut self) -> Result<(), String> {
        self.sequence()?;
        while self.peek() == Some('|') {
            self.at += 1;
            self.out.both("|");
            self.sequence()?;
        }
        Ok(())
    }

    fn sequence(&mut self) -> Result<(), String> {
        let mut last = Last::Nothing;
        while let Some(c) = self.peek() {
            match c {
                '|' => return Ok(()),
                // The group (or, unbalanced, `translate`) deals with it.
                ')' => return Ok(()),
                '*' | '+' | '?' | '{' => {
                    let quantifier = self.quantifier()?;
                    match last {
                        Last::Repeatable => {}
                        Last::Nothing => {
                            return Err(self.error(&format!(
                                "`{c}` repeats nothing; write a literal {c} as \\{c}"
                            )))
                        }
                        Last::Assertion => {
                            return Err(self.error(&format!(
                                "`{c}` cannot repeat an anchor or word boundary"
                            )))
                        }
                        Last::Quantifier => {
                            return Err(self.error(&format!(
                                "`{c}` after a repetition (possessive or doubled repetition is not accepted)"
                            )))
                        }
                    }
                    self.out.both(&quantifier);
                    last = Last::Quantifier;
                }
                '}' => return Err(self.error("a `}` without its `{`; write a literal } as \\}")),
                '^' | '$' => {
                    self.at += 1;
                    self.out.both(&c.to_string());
                    last = Last::Assertion;
                }
                '.' => {
                    self.at += 1;
                    self.out.rust.push_str(&class_for(LINE_ENDS, true).rust);
                    self.out.js.push('.');
                    last = Last::Repeatable;
                }
                '(' => {
                    self.group()?;
                    last = Last::Repeatable;
                }
                '[' => {
                    self.class()?;
                    last = Last::Repeatable;
                }
                ']' => return Err(self.error("a `]` without its `[`; write a literal ] as \\]")),
                '\\' => {
                    last = self.escape()?;
                }
                _ => {
                    self.at += 1;
                    self.literal(c);
                    last = Last::Repeatable;
                }
            }
        }
        Ok(())
    }

    /// `*`, `+`, `?` or `{n}`, `{n,}`, `{n,m}`, each optionally lazy (`?`).
    fn quantifier(&mut self) -> Result<String, String> {
        let start = self.at;
        let c = self.chars[self.at];
        self.at += 1;
        let mut q = String::new();
        if c == '{' {
            let n = self.number().ok_or_else(|| {
                self.at = start;
                self.error("a `{` that does not start a repetition such as {2} or {1,3}; write a literal { as \\{")
            })?;
            let m = if self.peek() == Some(',') {
                self.at += 1;
                if self.peek() == Some('}') {
                    None
                } else {
                    Some(self.number().ok_or_else(|| {
                        self.error("a repetition needs a number after the comma, or nothing: {1,3} or {1,}")
                    })?)
                }
            } else {
                Some(n)
            };
            if self.peek() != Some('}') {
                self.at = start;
                return Err(self.error("a repetition such as {1,3} is not closed with `}`"));
            }
            self.at += 1;
            if m.is_some_and(|m| m < n) {
                self.at = start;
                return Err(self.error("a repetition {n,m} needs n at most m"));
            }
            if n > MAX_REPEAT || m.is_some_and(|m| m > MAX_REPEAT) {
                self.at = start;
                return Err(self.error(&format!("a repetition count above {MAX_REPEAT}")));
            }
            q.push('{');
            let _ = write!(q, "{n}");
            match m {
                Some(m) if m == n && !self.chars[start..self.at].contains(&',') => {}
                Some(m) => {
                    let _ = write!(q, ",{m}");
                }
                None => q.push(','),
            }
            q.push('}');
        } else {
            q.push(c);
        }
        if self.peek() == Some('?') {
            self.at += 1;
            q.push('?');
        }
        Ok(q)
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        if self.at == start || self.at - start > 6 {
            return None;
        }
        self.chars[start..self.at]
            .iter()
            .collect::<String>()
            .parse()
            .ok()
    }

    fn group(&mut self) -> Result<(), String> {
        self.at += 1;
        if self.peek() == Some('?') {
            let refused = match (self.peek_at(1), self.peek_at(2)) {
                (Some(':'), _) => None,
                (Some('='), _) | (Some('!'), _) => Some("lookahead `(?=` / `(?!` (Rust's regex has no lookaround)"),
                (Some('<'), Some('=' | '!')) => Some("lookbehind `(?<=` / `(?<!` (Rust's regex has no lookaround)"),
                (Some('<' | 'P'), _) => Some("a named group; use a plain group ( … ), numbered from 1"),
                _ => Some("an inline flag or group option `(?…`; case is set for the whole file with ignore_case"),
            };
            if let Some(what) = refused {
                self.at -= 1;
                return Err(self.error(what));
            }
            self.at += 2;
            self.out.both("(?:");
        } else {
            self.groups += 1;
            self.out.both("(");
        }
        let open = self.at - 1;
        self.alternation()?;
        if self.peek() != Some(')') {
            self.at = open;
            return Err(self.error("a `(` that is never closed"));
        }
        self.at += 1;
        self.out.both(")");
        Ok(())
    }

    /// A character class `[…]` or `[^…]`, written out member by member.
    fn class(&mut self) -> Result<(), String> {
        let open = self.at;
        self.at += 1;
        let negated = self.peek() == Some('^');
        if negated {
            self.at += 1;
        }
        let mut members: Vec<(char, char)> = Vec::new();
        let mut written = Out::default();
        loop {
            let Some(c) = self.peek() else {
                self.at = open;
                return Err(self.error("a `[` that is never closed"));
            };
            match c {
                ']' => {
                    if members.is_empty() {
                        return Err(self.error("an empty class `[]` or `[^]`"));
                    }
                    self.at += 1;
                    break;
                }
                '[' => return Err(self.error(
                    "a `[` inside a class (Rust reads a nested class); write a literal [ as \\[",
                )),
                '&' | '-' | '~' if self.peek_at(1) == Some(c) => {
                    return Err(self.error(&format!(
                        "`{c}{c}` inside a class (Rust reads a set operation); write \\{c}\\{c}"
                    )))
                }
                _ => {}
            }
            let first = self.class_atom()?;
            let single = match first {
                ClassAtom::Char(c) => c,
                ClassAtom::Set(set) => {
                    for &(lo, hi) in set {
                        members.push((lo, hi));
                        write_range(&mut written, lo, hi);
                    }
                    continue;
                }
            };
            if self.peek() == Some('-') && self.peek_at(1) == Some('-') {
                return Err(
                    self.error("`--` inside a class (Rust reads a set operation); write \\-\\-")
                );
            }
            let is_range = self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']');
            if is_range {
                self.at += 1;
                let here = self.at;
                let ClassAtom::Char(last) = self.class_atom()? else {
                    self.at = here;
                    return Err(self.error("a range cannot end in a class such as \\d"));
                };
                if last < single {
                    self.at = here;
                    return Err(self.error(&format!("the range {single}-{last} is out of order")));
                }
                members.push((single, last));
                write_range(&mut written, single, last);
            } else {
                members.push((single, single));
                write_range(&mut written, single, single);
            }
        }
        let caret = if negated { "^" } else { "" };
        let _ = write!(self.out.rust, "[{caret}{}]", written.rust);
        let _ = write!(self.out.js, "[{caret}{}]", written.js);
        Ok(())
    }

    fn class_atom(&mut self) -> Result<ClassAtom, String> {
        let c = self.chars[self.at];
        self.at += 1;
        if c != '\\' {
            return Ok(ClassAtom::Char(c));
        }
        let Some(e) = self.peek() else {
            return Err(self.error("a pattern cannot end with a lone \\"));
        };
        match e {
            'd' => {
                self.at += 1;
                Ok(ClassAtom::Set(DIGITS))
            }
            'w' => {
                self.at += 1;
                Ok(ClassAtom::Set(WORD))
            }
            's' => {
                self.at += 1;
                Ok(ClassAtom::Set(SPACES))
            }
            'D' | 'W' | 'S' => Err(self.error(&format!(
                "\\{e} inside a class; write the class negated instead, such as [^0-9]"
            ))),
            'b' => {
                Err(self.error("\\b inside a class (a backspace in JavaScript, an error in Rust)"))
            }
            _ => self.char_escape().map(ClassAtom::Char),
        }
    }

    /// The character an escape stands for (`\t`, `\x41`, `\u{2014}`, `\.`);
    /// `self.at` is just after the backslash.
    fn char_escape(&mut self) -> Result<char, String> {
        let e = self.chars[self.at];
        self.at += 1;
        let c = match e {
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            'f' => '\u{C}',
            'v' => '\u{B}',
            'x' => self.hex(2, 2)?,
            'u' if self.peek() == Some('{') => {
                self.at += 1;
                let c = self.hex(1, 6)?;
                if self.peek() != Some('}') {
                    return Err(self.error("\\u{…} is not closed with `}`"));
                }
                self.at += 1;
                c
            }
            'u' => self.hex(4, 4)?,
            c if c.is_ascii_punctuation() => c,
            'p' | 'P' => {
                self.at -= 1;
                return Err(self
                    .error("a Unicode property \\p{…} (the engines name properties differently)"));
            }
            'A' | 'z' | 'Z' => {
                self.at -= 1;
                return Err(self.error(&format!("\\{e} (Rust only); use ^ or $")));
            }
            '1'..='9' | 'k' => {
                self.at -= 1;
                return Err(self.error("a back-reference (Rust's regex has none)"));
            }
            c => {
                self.at -= 1;
                return Err(self.error(&format!("an unknown escape \\{c}")));
            }
        };
        Ok(c)
    }

    fn hex(&mut self, min: usize, max: usize) -> Result<char, String> {
        let start = self.at;
        while self.at - start < max && self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
            self.at += 1;
        }
        let digits: String = self.chars[start..self.at].iter().collect();
        if digits.len() < min {
            return Err(self.error(&format!("an escape needs {min} hexadecimal digits")));
        }
        u32::from_str_radix(&digits, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| self.error("an escape that names no character"))
    }

    /// An escape outside a class.
    fn escape(&mut self) -> Result<Last, String> {
        self.at += 1;
        let Some(e) = self.peek() else {
            self.at -= 1;
            return Err(self.error("a pattern cannot end with a lone \\"));
        };
        let set = match e {
            'd' | 'D' => Some((DIGITS, e == 'D')),
            'w' | 'W' => Some((WORD, e == 'W')),
            's' | 'S' => Some((SPACES, e == 'S')),
            _ => None,
        };
        if let Some((set, negated)) = set {
            self.at += 1;
            let class = class_for(set, negated);
            self.out.rust.push_str(&class.rust);
            self.out.js.push_str(&class.js);
            return Ok(Last::Repeatable);
        }
        if e == 'b' || e == 'B' {
            self.at += 1;
            // Rust's own \b is Unicode-aware; JavaScript's is ASCII.
            let _ = write!(self.out.rust, "(?-u:\\{e})");
            let _ = write!(self.out.js, "\\{e}");
            return Ok(Last::Assertion);
        }
        let c = self.char_escape()?;
        self.literal(c);
        Ok(Last::Repeatable)
    }

    fn literal(&mut self, c: char) {
        write_char(&mut self.out, c, false);
    }
}

enum ClassAtom {
    Char(char),
    Set(&'static [(char, char)]),
}

/// Writes one character for each engine, escaped where either needs it.
fn write_char(out: &mut Out, c: char, in_class: bool) {
    match c {
        '\t' => out.both("\\t"),
        '\n' => out.both("\\n"),
        '\r' => out.both("\\r"),
        c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' || c == '\u{FEFF}' => {
            let _ = write!(out.rust, "\\x{{{:X}}}", c as u32);
            let _ = write!(out.js, "\\u{{{:X}}}", c as u32);
        }
        // What either engine reads as syntax, there or in a class.
        c if (!in_class && "\\^$.|?*+()[]{}".contains(c)) || (in_class && "\\[]^-".contains(c)) => {
            out.both("\\");
            let mut b = [0u8; 4];
            out.both(c.encode_utf8(&mut b));
        }
        // Rust reads `&&` and `~~` in a class as set operations; JavaScript
        // (with `u`) refuses these escapes, and needs none.
        '&' | '~' if in_class => {
            out.rust.push('\\');
            out.rust.push(c);
            out.js.push(c);
        }
        c => {
            out.rust.push(c);
            out.js.push(c);
        }
    }
}

fn write_range(out: &mut Out, lo: char, hi: char) {
    write_char(out, lo, true);
    if hi != lo {
        out.both("-");
        write_char(out, hi, true);
    }
}

fn class_for(set: &[(char, char)], negated: bool) -> Out {
    let mut out = Out::default();
    out.both(if negated { "[^" } else { "[" });
    for &(lo, hi) in set {
        write_range(&mut out, lo, hi);
    }
    out.both("]");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_each_engine_its_spelling() {
        let p = translate(r"^Updated \d{1,2}:\d\d [ap]\.m\.", false).unwrap();
        assert_eq!(p.rust, r"^Updated [0-9]{1,2}:[0-9][0-9] [ap]\.m\.");
        assert_eq!(p.ecmascript, p.rust);
        assert_eq!(p.ecmascript_flags, "u");
        let p = translate(r"\bdate (\d{4}-\d\d-\d\d).", true).unwrap();
        assert_eq!(
            p.rust,
            r"(?i)(?-u:\b)date ([0-9]{4}-[0-9][0-9]-[0-9][0-9])[^\n\r\x{2028}-\x{2029}]"
        );
        assert_eq!(p.ecmascript, r"\bdate ([0-9]{4}-[0-9][0-9]-[0-9][0-9]).");
        assert_eq!((p.ecmascript_flags, p.groups), ("iu", 1));
        let p = translate(r"[\w\&\&\-]|a\-b|x{2,}?", false).unwrap();
        assert_eq!(p.rust, r"[0-9A-Z_a-z\&\&\-]|a-b|x{2,}?");
        assert_eq!(p.ecmascript, r"[0-9A-Z_a-z&&\-]|a-b|x{2,}?");
    }

    #[test]
    fn refuses_what_the_engines_read_differently() {
        let cases = [
            ("", "empty pattern"),
            ("(?=x)", "lookahead"),
            ("(?<!x)y", "lookbehind"),
            ("(?<year>\\d+)", "named group"),
            ("(?P<year>\\d+)", "named group"),
            ("(?i)read more", "inline flag"),
            ("\\p{L}+", "Unicode property"),
            ("(a)\\1", "back-reference"),
            ("\\Aword", "Rust only"),
            ("[[:alpha:]]", "inside a class"),
            ("[a&&b]", "set operation"),
            ("[a--b]", "set operation"),
            ("[\\D]", "negated instead"),
            ("[z-a]", "out of order"),
            ("[]", "empty class"),
            ("[abc", "never closed"),
            ("(abc", "never closed"),
            ("abc)", "without its `(`"),
            ("*abc", "repeats nothing"),
            ("a**", "after a repetition"),
            ("a*+", "after a repetition"),
            ("^*", "anchor"),
            ("a{2", "not closed"),
            ("a{x}", "does not start a repetition"),
            ("a{3,1}", "at most"),
            ("a{1,5000}", "above 1000"),
            ("a}", "without its `{`"),
            ("\\q", "unknown escape"),
            ("abc\\", "lone \\"),
            ("\\x4", "hexadecimal"),
            ("\\u{110000}", "names no character"),
        ];
        for (pattern, message) in cases {
            match translate(pattern, false) {
                Ok(p) => panic!("{pattern:?} accepted as {p:?}"),
                Err(e) => assert!(e.contains(message), "{pattern:?}: {e}"),
            }
        }
        let long = "a".repeat(MAX_PATTERN_CHARS + 1);
        assert!(translate(&long, false).unwrap_err().contains("longer than"));
    }

    #[test]
    fn counts_capturing_groups_only() {
        assert_eq!(translate("(a)(?:b)(c(d))", false).unwrap().groups, 3);
    }
}
