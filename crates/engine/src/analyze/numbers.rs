//! Quantities: "more than 60 nations", "over sixty countries", "a 20-point plan",
//! "within 24 hours", "dozens of people", "$53.5 billion", "its fourth year".
//!
//! Each quantity becomes an interval with the unit it counts, so "more than 60"
//! and "over sixty" agree, and "about 20" conflicts with both. Durations are
//! converted to hours so "100 days" and "24 hours" compare.

use super::tokens::{Token, TokenKind};

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Token range of the number phrase (comparator and number, not the unit).
    pub first: usize,
    pub last: usize,
    pub low: f64,
    pub high: f64,
    /// Stem of the counted noun ("nation", "point", "hour"), empty if none.
    pub unit: String,
    /// Byte range of the number phrase as written ("more than 60"), for explanations.
    pub start: usize,
    pub end: usize,
    /// An ordinal ("fourth year"): the count is of units begun, not completed.
    pub ordinal: bool,
}

fn cardinal(word: &str) -> Option<f64> {
    Some(match word {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "thousand" => 1000.0,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        "dozen" => 12.0,
        _ => return None,
    })
}

fn ordinal(word: &str) -> Option<f64> {
    Some(match word {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        _ => return None,
    })
}

/// Vague plurals: "dozens of", "hundreds of", "thousands of".
fn vague_plural(word: &str) -> Option<(f64, f64)> {
    Some(match word {
        "dozens" => (24.0, 144.0),
        "scores" => (40.0, 200.0),
        "hundreds" => (200.0, 2000.0),
        "thousands" => (2000.0, 20000.0),
        "millions" => (2e6, 2e7),
        "billions" => (2e9, 2e10),
        _ => return None,
    })
}

fn multiplier(word: &str) -> Option<f64> {
    Some(match word {
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" | "mln" | "m" => 1e6,
        "billion" | "bn" | "b" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

/// Hours in a unit of time, so durations compare across units.
pub fn hours_in(unit: &str) -> Option<f64> {
    Some(match unit {
        "hour" => 1.0,
        "dai" | "day" => 24.0,
        "week" => 168.0,
        "month" => 730.0,
        "year" => 8760.0,
        "decad" => 87600.0,
        _ => return None,
    })
}

/// Words that are not the counted noun even though they follow the number.
fn skippable(t: &Token) -> bool {
    t.stop
        || matches!(
            t.norm.as_str(),
            "more" | "new" | "other" | "additional" | "further" | "full" | "long"
        )
}

/// True for a four-digit number that reads as a calendar year.
pub fn is_year(t: &Token) -> bool {
    t.kind == TokenKind::Number
        && t.norm.len() == 4
        && t.norm
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2100).contains(&y))
}

pub fn extract(tokens: &[Token]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let mut value: Option<(f64, f64)> = None;
        let mut is_ordinal = false;
        let mut last = i;
        if t.kind == TokenKind::Number && !(is_year(t) && !followed_by_unit(tokens, i)) {
            if let Ok(v) = t.norm.parse::<f64>() {
                let mut v = v;
                if let Some(m) = tokens.get(i + 1).and_then(|n| multiplier(&n.norm)) {
                    v *= m;
                    last = i + 1;
                }
                value = Some((v, v));
            }
        } else if t.kind == TokenKind::Word {
            if let Some(v) = cardinal(&t.norm) {
                // "one" is too often a pronoun ("the top one") to count alone.
                if t.norm != "one" || tokens.get(i + 1).is_some_and(|n| n.hyphen_before) {
                    let mut v = v;
                    // "twenty-four", "two hundred", "three million"
                    while let Some(n) = tokens.get(last + 1) {
                        if let Some(m) = multiplier(&n.norm) {
                            v *= m;
                        } else if let (true, Some(u)) = (n.hyphen_before, cardinal(&n.norm)) {
                            if u < 10.0 {
                                v += u;
                            } else {
                                break;
                            }
                        } else {
                            break;
                        }
                        last += 1;
                    }
                    if t.norm == "dozen" && !(i > 0 && tokens[i - 1].norm == "a") {
                        v = f64::NAN;
                    }
                    if !v.is_nan() {
                        value = Some((v, v));
                    }
                }
            } else if let Some(v) = ordinal(&t.norm) {
                if tokens
                    .get(i + 1)
                    .is_some_and(|n| hours_in(&n.stem).is_some())
                {
                    value = Some((v, v));
                    is_ordinal = true;
                }
            } else if let Some(range) = vague_plural(&t.norm) {
                if tokens.get(i + 1).is_some_and(|n| n.norm == "of") {
                    value = Some(range);
                }
            } else if t.norm == "a" || t.norm == "an" {
                // "a day" = 24 hours, "a year", "a decade": a duration of one unit.
                if let Some(n) = tokens.get(i + 1) {
                    if hours_in(&n.stem).is_some() && !n.hyphen_before && n.norm != "days" {
                        value = Some((1.0, 1.0));
                    }
                }
            }
        }
        let Some((mut low, mut high)) = value else {
            i += 1;
            continue;
        };
        // Comparators before the number.
        let mut first = i;
        let prev = |k: usize| {
            if k > 0 {
                tokens.get(k - 1).map(|t| t.norm.as_str())
            } else {
                None
            }
        };
        let prev2 = |k: usize| {
            if k > 1 {
                tokens.get(k - 2).map(|t| t.norm.as_str())
            } else {
                None
            }
        };
        match (prev2(i), prev(i)) {
            // "more than", "over": strictly above ("more than two" and "less than two" disagree).
            (Some("more" | "greater"), Some("than")) => {
                low = low.max(high) * STRICT_ABOVE;
                high = f64::INFINITY;
                first = i - 2;
            }
            (Some("at"), Some("least")) => {
                low = low.max(high);
                high = f64::INFINITY;
                first = i - 2;
            }
            (Some("less" | "fewer"), Some("than")) => {
                high = low * STRICT_BELOW;
                low = 0.0;
                first = i - 2;
            }
            (Some("up"), Some("to")) | (Some("at"), Some("most")) => {
                high = low;
                low = 0.0;
                first = i - 2;
            }
            (_, Some("over" | "above" | "exceeding")) => {
                low *= STRICT_ABOVE;
                high = f64::INFINITY;
                first = i - 1;
            }
            (_, Some("within")) => {
                // "within 24 hours" names its bound: "within 100 days" is another claim.
                low *= 0.5;
                first = i - 1;
            }
            (_, Some("nearly" | "almost")) => {
                // "nearly four years": short of four, but close.
                low *= 0.8;
                first = i - 1;
            }
            (_, Some("under" | "below")) => {
                high = low;
                low = 0.0;
                first = i - 1;
            }
            (_, Some("about" | "around" | "roughly" | "approximately" | "some" | "estimated")) => {
                low *= 0.8;
                high *= 1.2;
                first = i - 1;
            }
            _ => {}
        }
        if is_ordinal {
            // "its fourth year": more than three years have passed, fewer than four.
            low -= 1.0;
        }
        // "approaching its fourth year": the count is not reached yet.
        let det = matches!(
            prev(first),
            Some("its" | "the" | "a" | "their" | "his" | "her")
        );
        let before = if det { prev2(first) } else { prev(first) };
        if matches!(before, Some("approaching" | "nearing" | "entering")) {
            low -= 1.0;
            first -= if det { 2 } else { 1 };
        }
        let unit = unit_after(tokens, last);
        if let Some(h) = hours_in(&unit) {
            low *= h;
            high *= h;
        }
        out.push(Quantity {
            first,
            last,
            low,
            high,
            unit: if hours_in(&unit).is_some() {
                "hour".to_string()
            } else {
                unit
            },
            start: tokens[first].start,
            end: tokens[last].end,
            ordinal: is_ordinal,
        });
        i = last + 1;
    }
    out
}

/// Strict bounds as closed intervals: a hair above or below the figure.
const STRICT_ABOVE: f64 = 1.000_001;
const STRICT_BELOW: f64 = 0.999_999;

fn followed_by_unit(tokens: &[Token], i: usize) -> bool {
    tokens
        .get(i + 1)
        .is_some_and(|n| n.kind == TokenKind::Word && !n.stop && !n.capitalized && n.norm != "and")
}

fn unit_after(tokens: &[Token], last: usize) -> String {
    let mut k = last + 1;
    // "of" in "dozens of people" / "3 of the"
    let mut skipped = 0;
    while let Some(t) = tokens.get(k) {
        if t.kind != TokenKind::Word {
            return String::new();
        }
        if skippable(t) && skipped < 2 {
            k += 1;
            skipped += 1;
            continue;
        }
        return t.stem.clone();
    }
    String::new()
}

impl Quantity {
    /// This figure is open-ended ("more than two", "fewer than ten") on a
    /// side where `other` is bounded, so it cannot confirm `other`.
    pub fn open_where_bounded(&self, other: &Quantity) -> bool {
        (self.high.is_infinite() && other.high.is_finite()) || (self.low <= 0.0 && other.low > 0.0)
    }

    /// Two quantities of the same unit that cannot both be true. Two ranges
    /// that only touch ("within 24 hours" is 12 to 24, "within 48 hours" 24 to
    /// 48) name different figures, so they conflict; an exact figure at the
    /// edge of a range ("24 hours" against "within 24 hours") does not.
    pub fn contradicts(&self, other: &Quantity) -> bool {
        const TOLERANCE: f64 = 1e-9;
        let overlap = self.high.min(other.high) - self.low.max(other.low);
        let ranged = |q: &Quantity| q.high - q.low > TOLERANCE;
        overlap < -TOLERANCE || (overlap <= TOLERANCE && ranged(self) && ranged(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::tokens::tokenize;

    fn q(text: &str) -> Vec<(f64, f64, String)> {
        extract(&tokenize(text))
            .into_iter()
            .map(|q| (q.low, q.high, q.unit))
            .collect()
    }

    #[test]
    fn number_forms_table() {
        let inf = f64::INFINITY;
        let cases: &[(&str, &[(f64, f64, &str)])] = &[
            ("more than 60 nations", &[(60.0, inf, "nation")]),
            ("over sixty countries", &[(60.0, inf, "countri")]),
            ("a 20-point framework", &[(20.0, 20.0, "point")]),
            ("a three-tiered structure", &[(3.0, 3.0, "tier")]),
            ("within 24 hours", &[(12.0, 24.0, "hour")]),
            ("within 100 days", &[(1200.0, 2400.0, "hour")]),
            ("less than two years", &[(0.0, 2.0 * 8760.0, "hour")]),
            (
                "approaching its fourth year",
                &[(2.0 * 8760.0, 4.0 * 8760.0, "hour")],
            ),
            ("about 1,200 people", &[(960.0, 1440.0, "peopl")]),
            ("$53.5 billion", &[(53.5e9, 53.5e9, "")]),
            ("thousands of people", &[(2000.0, 20000.0, "peopl")]),
            ("twenty-four hours", &[(24.0, 24.0, "hour")]),
            ("in 2023 the war", &[]),
            ("the top one", &[]),
        ];
        for (text, expected) in cases {
            let got = q(text);
            let want: Vec<(f64, f64, String)> = expected
                .iter()
                .map(|(a, b, u)| (*a, *b, u.to_string()))
                .collect();
            assert_eq!(got.len(), want.len(), "{text}: {got:?}");
            for (g, w) in got.iter().zip(&want) {
                assert!(
                    (g.0 - w.0).abs() < 1e-3
                        && (g.1 == w.1 || (g.1 - w.1).abs() < 1e-1)
                        && g.2 == w.2,
                    "{text}: {got:?} != {want:?}"
                );
            }
        }
    }

    #[test]
    fn contradiction_is_interval_disjointness() {
        let a = &extract(&tokenize("more than 60 nations"))[0];
        let b = &extract(&tokenize("over sixty nations"))[0];
        let c = &extract(&tokenize("about 20 nations"))[0];
        assert!(!a.contradicts(b));
        assert!(a.contradicts(c));
        let more = &extract(&tokenize("more than two years"))[0];
        let less = &extract(&tokenize("less than two years"))[0];
        assert!(more.contradicts(less), "strict bounds do not meet");
        let three = &extract(&tokenize("over three years"))[0];
        let two = &extract(&tokenize("less than two years"))[0];
        assert!(three.contradicts(two));
        let within = |t: &str| extract(&tokenize(t)).remove(0);
        assert!(within("within 48 hours").contradicts(&within("within 24 hours")));
        assert!(!within("24 hours").contradicts(&within("within 24 hours")));
        assert!(!within("within 24 hours").contradicts(&within("within 24 hours")));
        let tenth = within("its tenth year");
        assert!(within("more than two years").open_where_bounded(&tenth));
        assert!(!within("more than two years").open_where_bounded(&within("more than a year")));
        assert!(within("fewer than 30 hours").open_where_bounded(&within("24 hours")));
        assert!(!within("24 hours").open_where_bounded(&within("fewer than 30 hours")));
    }
}
