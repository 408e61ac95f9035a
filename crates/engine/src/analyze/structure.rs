//! Clause structure from the dependency parse: who did what to whom.
//!
//! Each clause has a predicate (its verb, or the noun or adjective a copula
//! links to), its agent, patient and recipient, whether it is negated, how
//! sure it is (asserted, hedged by a modal, or left open by "whether"), and,
//! for reported speech, the clause that reports it. Passive voice is read
//! through: in "the board chaired by Trump" Trump is the agent, the board the
//! patient. Verification compares these structures, not token windows.

use super::cues;
use super::tokens::Token;
use crate::syntax::{Arc, Label, Upos};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modality {
    /// Said to be so.
    Asserted,
    /// Said with a modal: "may", "could", "would", "might", "should".
    Hedged,
    /// Left open: "whether ...", "if ...".
    Open,
}

/// A token range, end exclusive, and its head token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    pub head: usize,
    pub start: usize,
    pub end: usize,
}

impl Phrase {
    pub fn contains(&self, i: usize) -> bool {
        (self.start..self.end).contains(&i)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// The predicate's head token.
    pub predicate: usize,
    /// Who does it: the active subject, or the passive's "by" phrase.
    pub agent: Option<Phrase>,
    /// What it is done to: the object, or the passive's subject.
    pub patient: Option<Phrase>,
    /// To whom: the indirect object, or a "to" phrase.
    pub recipient: Option<Phrase>,
    pub negated: bool,
    pub modality: Modality,
    pub passive: bool,
    /// A copula links the subject to the predicate ("X is the president").
    pub copular: bool,
    /// For reported speech, the clause that reports it (its index here).
    pub reported_by: Option<usize>,
}

/// Labels that stay inside a noun phrase (conjuncts too: "Hungary and
/// Vietnam" do the accepting together).
fn inside_phrase(l: Label) -> bool {
    matches!(
        l,
        Label::Compound
            | Label::Flat
            | Label::Amod
            | Label::Det
            | Label::NmodPoss
            | Label::Conj
            | Label::Cc
    )
}

fn is_modal(norm: &str) -> bool {
    matches!(
        norm,
        "may" | "might" | "could" | "would" | "should" | "can" | "cannot" | "couldnt" | "wouldnt"
    )
}

/// The clauses of a parsed sentence, in the order of their predicates.
pub fn clauses(tokens: &[Token], pos: &[Upos], arcs: &[Arc]) -> Vec<Clause> {
    let n = tokens.len();
    if pos.len() != n || arcs.len() != n {
        return Vec::new();
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, a) in arcs.iter().enumerate() {
        if let Some(h) = a.head.filter(|&h| h < n && h != i) {
            children[h].push(i);
        }
    }
    let child = |h: usize, l: Label| children[h].iter().copied().find(|&c| arcs[c].label == l);
    // A phrase: its head and the words that modify it inside the noun phrase.
    let phrase = |h: usize| {
        let (mut start, mut end) = (h, h + 1);
        let mut stack = vec![h];
        while let Some(x) = stack.pop() {
            for &c in &children[x] {
                if inside_phrase(arcs[c].label) {
                    start = start.min(c);
                    end = end.max(c + 1);
                    stack.push(c);
                }
            }
        }
        Phrase {
            head: h,
            start,
            end,
        }
    };
    let is_predicate = |i: usize| {
        let label = arcs[i].label;
        let clausal = matches!(
            label,
            Label::Root
                | Label::Ccomp
                | Label::Xcomp
                | Label::Advcl
                | Label::Acl
                | Label::AclRelcl
                | Label::Conj
                | Label::Dep
        );
        (pos[i] == Upos::Verb && !matches!(label, Label::Amod | Label::Compound))
            || (clausal && child(i, Label::Cop).is_some())
            || (label == Label::Root && pos[i] != Upos::Punct)
    };
    let predicates: Vec<usize> = (0..n).filter(|&i| is_predicate(i)).collect();
    let mut out: Vec<Clause> = Vec::with_capacity(predicates.len());
    for &p in &predicates {
        let passive = child(p, Label::NsubjPass).is_some() || child(p, Label::AuxPass).is_some();
        let subject = child(p, Label::Nsubj).or_else(|| child(p, Label::NsubjPass));
        let by = child(p, Label::OblAgent);
        let object = child(p, Label::Obj);
        let to_phrase = children[p].iter().copied().find(|&c| {
            arcs[c].label == Label::Obl
                && children[c]
                    .iter()
                    .any(|&k| arcs[k].label == Label::Case && tokens[k].norm == "to")
        });
        let (agent, patient) = if passive {
            (by, subject)
        } else {
            (subject, object)
        };
        let recipient = child(p, Label::Iobj).or(to_phrase);
        let negated = children[p].iter().any(|&c| {
            matches!(
                arcs[c].label,
                Label::Neg | Label::Advmod | Label::Aux | Label::Cop
            ) && cues::is_negation(&tokens[c].norm)
        }) || [subject, object].into_iter().flatten().any(|s| {
            // "No decision has been made", "sees no need": the argument's "no"
            // denies the clause.
            children[s].iter().any(|&c| {
                arcs[c].label == Label::Det && matches!(tokens[c].norm.as_str(), "no" | "neither")
            })
        });
        let open = children[p].iter().any(|&c| {
            arcs[c].label == Label::Mark && matches!(tokens[c].norm.as_str(), "whether" | "if")
        });
        let hedged = children[p]
            .iter()
            .any(|&c| arcs[c].label == Label::Aux && is_modal(&tokens[c].norm));
        out.push(Clause {
            predicate: p,
            agent: agent.map(phrase),
            patient: patient.map(phrase),
            recipient: recipient.map(phrase),
            negated,
            modality: if open {
                Modality::Open
            } else if hedged {
                Modality::Hedged
            } else {
                Modality::Asserted
            },
            passive,
            copular: child(p, Label::Cop).is_some(),
            reported_by: None,
        });
    }
    // Who does an infinitive ("Putin was invited to chair", "urged Putin to
    // join"): the governing verb's object, else its subject. A subjectless
    // "whether to ..." is the governing verb's subject's.
    for k in 0..out.len() {
        let p = out[k].predicate;
        let label = arcs[p].label;
        if out[k].agent.is_some() || !matches!(label, Label::Xcomp | Label::Ccomp | Label::Advcl) {
            continue;
        }
        let Some(g) = arcs[p].head else { continue };
        if let Some(gk) = out.iter().position(|c| c.predicate == g) {
            let governor = &out[gk];
            out[k].agent = if label != Label::Xcomp {
                governor.agent
            } else if governor.passive {
                governor.patient
            } else {
                governor.patient.or(governor.agent)
            };
        }
    }
    // "the board, which would be chaired by Trump": the relative pronoun
    // stands for the noun the clause describes.
    for c in out.iter_mut() {
        let p = c.predicate;
        if arcs[p].label != Label::AclRelcl {
            continue;
        }
        let Some(noun) = arcs[p].head else { continue };
        for slot in [&mut c.agent, &mut c.patient] {
            if slot.is_some_and(|x| {
                matches!(
                    tokens[x.head].norm.as_str(),
                    "which" | "who" | "that" | "whom"
                )
            }) {
                *slot = Some(phrase(noun));
            }
        }
    }
    // Reported speech: a complement clause, or the clause a reporting verb
    // is attached to in "X, he said" order.
    for k in 0..out.len() {
        let p = out[k].predicate;
        if arcs[p].label == Label::Ccomp {
            if let Some(g) = arcs[p].head {
                out[k].reported_by = out.iter().position(|c| c.predicate == g);
            }
        }
    }
    for k in 0..out.len() {
        let p = out[k].predicate;
        if arcs[p].label != Label::Dep {
            continue;
        }
        let Some(g) = arcs[p].head else { continue };
        let Some(gk) = out.iter().position(|c| c.predicate == g) else {
            continue;
        };
        let that = children[p]
            .iter()
            .any(|&c| arcs[c].label == Label::Mark && tokens[c].norm == "that");
        if that && out[k].reported_by.is_none() {
            // "Abbas said, in talks with Putin, that ...": a loose complement.
            out[k].reported_by = Some(gk);
        } else if p > g && out[gk].reported_by.is_none() && gk != k {
            // "The deal is off, he said": the head clause is the report.
            out[gk].reported_by = Some(k);
        }
    }
    out
}

/// The clause whose predicate is token `i`, or that `i` is part of as the
/// predicate's own word.
pub fn clause_of(clauses: &[Clause], i: usize) -> Option<usize> {
    clauses.iter().position(|c| c.predicate == i)
}
