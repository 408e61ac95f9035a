//! Cue words: negation and its scope, modality (hedged, deliberating, decided)
//! and quantifiers. These are closed classes of English function words, the
//! same for any corpus, which is why they are listed here rather than learnt.

use super::tokens::{Token, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    All,
    Some,
    None,
    Only,
}

pub fn is_negation(norm: &str) -> bool {
    matches!(
        norm,
        "not"
            | "no"
            | "never"
            | "none"
            | "nobody"
            | "nothing"
            | "neither"
            | "nor"
            | "without"
            | "cannot"
            | "didnt"
            | "doesnt"
            | "dont"
            | "isnt"
            | "arent"
            | "wasnt"
            | "werent"
            | "hasnt"
            | "havent"
            | "hadnt"
            | "wont"
            | "wouldnt"
            | "cant"
            | "couldnt"
            | "shouldnt"
            | "nt"
            | "neednt"
    )
}

pub fn quantifier(norm: &str) -> Option<Quantifier> {
    Some(match norm {
        "all" | "every" | "entire" | "whole" | "entirety" | "fully" | "full" | "completely" => {
            Quantifier::All
        }
        "some" | "several" | "various" | "variety" | "many" | "few" | "others" | "partially"
        | "partly" => Quantifier::Some,
        "none" | "nobody" | "nothing" | "neither" => Quantifier::None,
        "only" | "sole" | "solely" | "alone" | "exclusively" => Quantifier::Only,
        _ => return None,
    })
}

pub fn is_hedge(norm: &str) -> bool {
    matches!(
        norm,
        "may"
            | "might"
            | "could"
            | "would"
            | "should"
            | "can"
            | "possibly"
            | "potentially"
            | "perhaps"
            | "likely"
            | "unlikely"
            | "reportedly"
            | "allegedly"
            | "expected"
            | "if"
            | "whether"
            | "probably"
            | "maybe"
    )
}

/// Verbs of belief and expectation, by stem: what follows them is somebody's
/// view, not an assertion ("Trump expects Putin to accept").
pub fn is_attitude(stem: &str) -> bool {
    matches!(
        stem,
        "expect"
            | "believ"
            | "hope"
            | "want"
            | "think"
            | "predict"
            | "anticip"
            | "wish"
            | "assum"
            | "suspect"
    )
}

/// Verbs and nouns of weighing a decision not yet made, by stem.
pub fn is_deliberation(stem: &str) -> bool {
    matches!(
        stem,
        "consid"
            | "consider"
            | "weigh"
            | "studi"
            | "examin"
            | "mull"
            | "review"
            | "ponder"
            | "deliber"
            | "explor"
            | "clarifi"
            | "assess"
            | "evalu"
            | "still"
            | "yet"
            | "undecid"
            | "pend"
    )
}

/// Words that assert a decision already taken, by stem.
pub fn is_decision(stem: &str) -> bool {
    matches!(
        stem,
        "alreadi"
            | "decid"
            | "formal"
            | "final"
            | "definit"
            | "accept"
            | "agre"
            | "reject"
            | "declin"
            | "approv"
            | "sign"
            | "refus"
    )
}

/// Cue words carry structure, not content: alignment coverage leaves them out.
pub fn is_cue_word(t: &Token) -> bool {
    t.kind == TokenKind::Word
        && (is_negation(&t.norm)
            || quantifier(&t.norm).is_some()
            || is_hedge(&t.norm)
            || matches!(
                t.norm.as_str(),
                "already"
                    | "will"
                    | "must"
                    | "also"
                    | "again"
                    | "now"
                    | "ever"
                    | "any"
                    | "previously"
                    | "far"
                    | "reported"
                    | "so"
            ))
}

/// Per token: does a negation cue govern it? Scope runs from the cue to the end
/// of its clause, stopping at a complementiser ("whether", "that") or after a
/// few content words, so "He did not indicate whether Putin will accept" negates
/// "indicate", not "accept".
pub fn negation_scope(tokens: &[Token]) -> Vec<bool> {
    let mut negated = vec![false; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        let norm = tokens[i].norm.as_str();
        let opens = is_negation(norm)
            || (norm == "rather" && tokens.get(i + 1).is_some_and(|t| t.norm == "than"))
            || (norm == "instead" && tokens.get(i + 1).is_some_and(|t| t.norm == "of"))
            || (matches!(norm, "yet") && tokens.get(i + 1).is_some_and(|t| t.norm == "to"))
            || (matches!(tokens[i].stem.as_str(), "fail" | "lack")
                && tokens.get(i + 1).is_some_and(|t| t.norm == "to"));
        // "not the only", "not all": the negation is of the quantifier, not the predicate.
        let of_quantifier = (i + 1..(i + 3).min(tokens.len()))
            .take_while(|&k| k == i + 1 || tokens[k - 1].norm == "the")
            .any(|k| {
                matches!(
                    quantifier(&tokens[k].norm),
                    Some(Quantifier::Only | Quantifier::All)
                )
            });
        if opens && !of_quantifier {
            i = negate_from(tokens, &mut negated, i + 1);
        } else if let Some(start) = denied_complement(tokens, i).filter(|_| !negated[i]) {
            // "denied that he had received it" says he had not: the complement
            // is negated, the verb itself states nothing more. "Did not deny
            // that" is no denial.
            i = negate_from(tokens, &mut negated, start);
        } else {
            i += 1;
        }
    }
    negated
}

/// Negates from `k` to the end of the clause, stopping at a complementiser or
/// after a few content words; returns where the scope ended.
fn negate_from(tokens: &[Token], negated: &mut [bool], mut k: usize) -> usize {
    let mut content = 0;
    while k < tokens.len() && content < 4 {
        let t = &tokens[k];
        if t.kind == TokenKind::Punct
            && matches!(
                t.norm.as_str(),
                "," | ";" | ":" | "." | "!" | "?" | "\"" | "(" | ")"
            )
        {
            break;
        }
        if matches!(
            t.norm.as_str(),
            "whether"
                | "that"
                | "if"
                | "but"
                | "while"
                | "because"
                | "although"
                | "though"
                | "which"
                | "who"
        ) {
            break;
        }
        negated[k] = true;
        if !t.stop {
            content += 1;
        }
        k += 1;
    }
    k
}

/// Where the complement of a verb of denial starts, if `tokens[i]` is one
/// with a clause after it: "denied that ...", "denies having ...". A denied
/// noun ("denied the allegations") is left alone: another source may reject
/// the same allegations in other words, and that is agreement, not a conflict.
pub fn denied_complement(tokens: &[Token], i: usize) -> Option<usize> {
    let verb = tokens.get(i)?;
    if verb.kind != TokenKind::Word || verb.stem != "deni" {
        return None;
    }
    let next = tokens.get(i + 1)?;
    if next.norm == "that" {
        Some(i + 2)
    } else if next.kind == TokenKind::Word && next.norm.len() > 4 && next.norm.ends_with("ing") {
        Some(i + 1)
    } else {
        None
    }
}

/// Per token: is it inside an open question ("did not indicate whether X", "without adding whether X")?
/// The corpus then leaves X undecided.
pub fn open_question_scope(tokens: &[Token], negated: &[bool]) -> Vec<bool> {
    let mut open = vec![false; tokens.len()];
    for i in 0..tokens.len() {
        if tokens[i].norm != "whether" {
            continue;
        }
        // A negation or an uncertainty verb shortly before "whether".
        let governed = (i.saturating_sub(4)..i).any(|k| negated[k] || is_negation(&tokens[k].norm));
        if !governed {
            continue;
        }
        for (k, t) in tokens.iter().enumerate().skip(i + 1) {
            if t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "," | ";" | "." | "!" | "?")
            {
                break;
            }
            open[k] = true;
        }
    }
    open
}

/// Clause index per token. Clauses split at semicolons, colons and the
/// contrastive conjunctions "while", "whereas" and "but"; splitting at ", and"
/// would need a parser to tell a new clause from a list.
pub fn clauses(tokens: &[Token]) -> Vec<u16> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut clause = 0u16;
    for (i, t) in tokens.iter().enumerate() {
        let splits = matches!(t.norm.as_str(), ";" | "while" | "whereas")
            || (t.norm == "but" && i > 0)
            || (t.norm == ":" && i > 0);
        if splits && i > 0 {
            clause += 1;
        }
        out.push(clause);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::tokens::tokenize;

    fn negated_words(text: &str) -> Vec<String> {
        let t = tokenize(text);
        let n = negation_scope(&t);
        t.iter()
            .zip(n)
            .filter(|(t, n)| *n && !t.stop)
            .map(|(t, _)| t.norm.clone())
            .collect()
    }

    #[test]
    fn negation_scope_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "He did not indicate whether Putin intends to accept.",
                &["indicate"],
            ),
            (
                "No formal decision by Moscow has been made.",
                &["formal", "decision", "moscow", "made"],
            ),
            (
                "The deal has not been implemented in its entirety.",
                &["implemented", "entirety"],
            ),
            ("Russia continued to provide aid.", &[]),
            (
                "They view it as an opportunity rather than dismiss it outright.",
                &["dismiss", "outright"],
            ),
            (
                "The war continued without any comprehensive peace deal.",
                &["any", "comprehensive", "peace", "deal"],
            ),
            ("Peskov didn't say.", &[]),
            ("Putin is not the only one invited.", &[]),
            (
                "The Kremlin denied that Putin had received an invitation.",
                &["putin", "received", "invitation"],
            ),
            ("He denied taking the money.", &["taking", "money"]),
            ("He denied the allegations.", &[]),
            ("She did not deny that she met him.", &["deny"]),
        ];
        for (text, expected) in cases {
            assert_eq!(negated_words(text), *expected, "negation_scope({text:?})");
        }
    }

    #[test]
    fn open_questions() {
        let t = tokenize("Peskov offered no indication whether the Russian leader would accept.");
        let n = negation_scope(&t);
        let o = open_question_scope(&t, &n);
        let open: Vec<&str> = t
            .iter()
            .zip(&o)
            .filter(|(_, o)| **o)
            .map(|(t, _)| t.norm.as_str())
            .collect();
        assert_eq!(open, ["the", "russian", "leader", "would", "accept"]);
    }

    #[test]
    fn quantifier_table() {
        assert_eq!(quantifier("all"), Some(Quantifier::All));
        assert_eq!(quantifier("some"), Some(Quantifier::Some));
        assert_eq!(quantifier("none"), Some(Quantifier::None));
        assert_eq!(quantifier("only"), Some(Quantifier::Only));
        assert_eq!(quantifier("board"), None);
    }
}
