//! Dates: "mid-January of 2026", "October 2023", "late 2025", "towards the end of 2025",
//! "last October", "on Monday", "Feb. 2026", "2026-01-19".

use super::numbers::is_year;
use super::tokens::{Token, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Early,
    Mid,
    Late,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFact {
    pub first: usize,
    pub last: usize,
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub weekday: Option<u8>,
    pub part: Option<Part>,
}

pub fn month(norm: &str) -> Option<u8> {
    let m = match norm.trim_end_matches('.') {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

pub fn weekday(norm: &str) -> Option<u8> {
    Some(match norm {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    })
}

fn part_before(tokens: &[Token], i: usize) -> (Option<Part>, usize) {
    let norm = |k: usize| tokens.get(k).map(|t| t.norm.as_str()).unwrap_or("");
    if i == 0 {
        return (None, i);
    }
    let p = match norm(i - 1) {
        "early" | "beginning" | "start" => Some(Part::Early),
        "mid" | "middle" => Some(Part::Mid),
        "late" | "end" => Some(Part::Late),
        _ => None,
    };
    if p.is_some() {
        return (p, i - 1);
    }
    // "the end of 2025", "the beginning of March"
    if norm(i - 1) == "of" && i >= 2 {
        let p = match norm(i - 2) {
            "beginning" | "start" => Some(Part::Early),
            "middle" => Some(Part::Mid),
            "end" => Some(Part::Late),
            _ => None,
        };
        if p.is_some() {
            return (p, i - 2);
        }
    }
    (None, i)
}

pub fn extract(tokens: &[Token]) -> Vec<DateFact> {
    let mut out: Vec<DateFact> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // "May" is a modal verb more often than a month: only as a month when capitalised
        // and not sentence-initial, or next to a year or day number.
        let as_month = month(&t.norm).filter(|_| {
            t.kind == TokenKind::Word
                && (t.norm != "may" || (t.capitalized && i > 0))
                && (t.capitalized || t.norm.len() > 3)
        });
        if let Some(m) = as_month {
            let (part, first) = part_before(tokens, i);
            let mut last = i;
            let mut year = None;
            // "October of 2023", "October 2023", "Oct. 7, 2023"
            for k in i + 1..(i + 5).min(tokens.len()) {
                let tk = &tokens[k];
                if is_year(tk) {
                    year = tk.norm.parse().ok();
                    last = k;
                    break;
                }
                if !(tk.norm == "of"
                    || tk.norm == ","
                    || (tk.norm == "." && k == i + 1)
                    || (tk.kind == TokenKind::Number && tk.norm.len() <= 2))
                {
                    break;
                }
            }
            out.push(DateFact {
                first,
                last,
                year,
                month: Some(m),
                weekday: None,
                part,
            });
            i = last + 1;
            continue;
        }
        if let Some(d) = weekday(&t.norm) {
            out.push(DateFact {
                first: i,
                last: i,
                year: None,
                month: None,
                weekday: Some(d),
                part: None,
            });
            i += 1;
            continue;
        }
        if is_year(t) {
            // ISO dates "2026-01-19" tokenise as 2026, 01, 19 joined by hyphens.
            let month_of_iso = tokens
                .get(i + 1)
                .filter(|n| n.hyphen_before && n.kind == TokenKind::Number)
                .and_then(|n| n.norm.parse::<u8>().ok())
                .filter(|m| (1..=12).contains(m));
            let (part, first) = part_before(tokens, i);
            let year: Option<i32> = t.norm.parse().ok();
            // A year right after a month was consumed above; a bare year stands alone.
            out.push(DateFact {
                first,
                last: i,
                year,
                month: month_of_iso,
                weekday: None,
                part,
            });
            i += 1;
            continue;
        }
        i += 1;
    }
    out
}

impl DateFact {
    /// Dates that cannot describe the same time: a field both give differs.
    pub fn contradicts(&self, other: &DateFact) -> bool {
        let differs =
            |a: Option<i64>, b: Option<i64>| matches!((a, b), (Some(x), Some(y)) if x != y);
        if differs(self.year.map(i64::from), other.year.map(i64::from)) {
            return true;
        }
        if differs(self.month.map(i64::from), other.month.map(i64::from)) {
            return true;
        }
        if differs(self.weekday.map(i64::from), other.weekday.map(i64::from)) {
            return true;
        }
        // "early 2024" vs "late 2024": same year, incompatible parts.
        if self.month.is_none() && other.month.is_none() && self.year.is_some() {
            if let (Some(a), Some(b)) = (self.part, other.part) {
                return (a == Part::Early && b == Part::Late)
                    || (a == Part::Late && b == Part::Early);
            }
        }
        false
    }

    /// Dates that agree on every field both give.
    pub fn agrees(&self, other: &DateFact) -> bool {
        !self.contradicts(other) && self.comparable(other)
    }

    /// Dates that share a field to compare.
    pub fn comparable(&self, other: &DateFact) -> bool {
        (self.year.is_some() && other.year.is_some())
            || (self.month.is_some() && other.month.is_some())
            || (self.weekday.is_some() && other.weekday.is_some())
    }

    pub fn describe(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const DAYS: [&str; 7] = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        let mut parts = Vec::new();
        if let Some(p) = self.part {
            parts.push(
                match p {
                    Part::Early => "early",
                    Part::Mid => "mid",
                    Part::Late => "late",
                }
                .to_string(),
            );
        }
        if let Some(d) = self.weekday {
            parts.push(DAYS[(d as usize - 1) % 7].to_string());
        }
        if let Some(m) = self.month {
            parts.push(MONTHS[(m as usize - 1) % 12].to_string());
        }
        if let Some(y) = self.year {
            parts.push(y.to_string());
        }
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::tokens::tokenize;

    fn d(text: &str) -> Vec<String> {
        extract(&tokenize(text))
            .iter()
            .map(DateFact::describe)
            .collect()
    }

    #[test]
    fn date_forms_table() {
        let cases: &[(&str, &[&str])] = &[
            ("In mid-January of 2026, Trump", &["mid January 2026"]),
            ("broke out in October 2023", &["October 2023"]),
            ("in late 2025, the US", &["late 2025"]),
            ("towards the end of 2025", &["late 2025"]),
            ("in early 2024", &["early 2024"]),
            ("said in May during talks", &["May"]),
            ("In May it rained. It may rain.", &["May"]),
            ("confirmed on Monday", &["Monday"]),
            ("by the end of Feb. 2026", &["late February 2026"]),
            ("date 2026-01-19 In a move", &["January 2026"]),
            ("the Oct. 7 attacks", &["October"]),
            ("last October", &["October"]),
        ];
        for (text, expected) in cases {
            assert_eq!(d(text), *expected, "dates({text:?})");
        }
    }

    #[test]
    fn contradiction_table() {
        let one = |t: &str| extract(&tokenize(t)).remove(0);
        assert!(one("October 2022").contradicts(&one("October of 2023")));
        assert!(one("mid-March of 2026").contradicts(&one("mid-January of 2026")));
        assert!(one("early 2024").contradicts(&one("late 2024")));
        assert!(!one("October 2023").contradicts(&one("in October")));
        assert!(!one("late 2025").contradicts(&one("towards the end of 2025")));
        assert!(one("in December").contradicts(&one("in May")));
    }
}
