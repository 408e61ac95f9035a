//! Marks character ranges of a text: the words evidence shares with a claim,
//! and the details that differ.

use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Match,
    Differ,
}

/// Cuts `text` into pieces, each plain or marked. `ranges` are character
/// ranges; out-of-bounds or overlapping parts are ignored, and a differing
/// detail wins over a match.
pub fn pieces(text: &str, ranges: &[([usize; 2], Mark)]) -> Vec<(String, Option<Mark>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut marks: Vec<Option<Mark>> = vec![None; chars.len()];
    for pass in [Mark::Match, Mark::Differ] {
        for &([start, end], mark) in ranges.iter().filter(|(_, m)| *m == pass) {
            let end = end.min(chars.len());
            for m in marks.iter_mut().take(end).skip(start) {
                *m = Some(mark);
            }
        }
    }
    let mut out: Vec<(String, Option<Mark>)> = Vec::new();
    for (c, m) in chars.into_iter().zip(marks) {
        match out.last_mut() {
            Some((s, last)) if *last == m => s.push(c),
            _ => out.push((c.to_string(), m)),
        }
    }
    out
}

/// `text` with its ranges marked: `<mark>` for shared words, `<mark>` with a
/// hidden "differs:" for a differing detail, so the cue is not colour alone.
pub fn marked(text: &str, ranges: &[([usize; 2], Mark)]) -> Html {
    pieces(text, ranges)
        .into_iter()
        .map(|(s, m)| match m {
            None => html! { { s } },
            Some(Mark::Match) => html! { <mark class="match">{ s }</mark> },
            Some(Mark::Differ) => html! {
                <mark class="differ"><span class="visually-hidden">{ "differs: " }</span>{ s }</mark>
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_table() {
        let m = Mark::Match;
        let d = Mark::Differ;
        let cases: &[(&str, &[([usize; 2], Mark)], &[(&str, Option<Mark>)])] = &[
            ("abc", &[], &[("abc", None)]),
            ("", &[([0, 3], m)], &[]),
            ("ab cd", &[([0, 2], m)], &[("ab", Some(m)), (" cd", None)]),
            (
                "ab cd",
                &[([0, 5], m), ([3, 5], d)],
                &[("ab ", Some(m)), ("cd", Some(d))],
            ),
            (
                "é😀x",
                &[([1, 2], d)],
                &[("é", None), ("😀", Some(d)), ("x", None)],
            ),
            (
                "ab",
                &[([1, 99], m), ([5, 2], d)],
                &[("a", None), ("b", Some(m))],
            ),
        ];
        for (text, ranges, want) in cases {
            let got = pieces(text, ranges);
            let want: Vec<(String, Option<Mark>)> =
                want.iter().map(|(s, m)| (s.to_string(), *m)).collect();
            assert_eq!(got, want, "{text:?} {ranges:?}");
        }
    }
}
