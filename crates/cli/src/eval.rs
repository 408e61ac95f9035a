//! `crosscheck eval`: scores the engine on a labelled claims or articles file
//! (the format of shared/eval/README.md).

use serde::Deserialize;
use serde_json::{json, Value};

use crosscheck_engine::{Checker, SentenceResult, Verdict};

const CLAIM_LABELS: [&str; 3] = ["supported", "conflicting", "unsupported"];
const ARTICLE_LABELS: [&str; 4] = ["supported", "conflicting", "unsupported", "none"];

#[derive(Deserialize)]
struct ClaimItem {
    id: Value,
    claim: String,
    label: String,
}

#[derive(Deserialize)]
struct ArticleItem {
    id: Value,
    sentences: Vec<ArticleSentence>,
}

#[derive(Deserialize)]
struct ArticleSentence {
    text: String,
    label: String,
    #[serde(default)]
    para_break_before: bool,
}

pub struct Prediction {
    id: String,
    result: SentenceResult,
}

pub struct Outcome {
    pub scores: Scores,
    predictions: Vec<Prediction>,
}

impl Outcome {
    pub fn predictions_jsonl(&self) -> String {
        let mut out = String::new();
        for p in &self.predictions {
            let evidence: Vec<Value> = p
                .result
                .evidence
                .iter()
                .map(|e| json!({"doc": e.doc, "quote": e.text}))
                .collect();
            let line = json!({
                "id": p.id,
                "label": p.result.verdict.as_str(),
                "confidence": p.result.confidence,
                "evidence": evidence,
                "explanation": p.result.explanation,
            });
            out.push_str(&line.to_string());
            out.push('\n');
        }
        out
    }
}

/// Gold and predicted labels, and what they add up to.
pub struct Scores {
    labels: Vec<&'static str>,
    pairs: Vec<(String, String)>,
    /// The engine's confidence in each prediction of `pairs`.
    confidences: Vec<f32>,
    /// Items labelled `disputed`: how the engine labelled them.
    disputed: Vec<String>,
}

/// Scores the engine on `text`, calling `progress(done, total)` after each
/// claim or article.
pub fn run(
    checker: &Checker,
    text: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Outcome, String> {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .ok_or("the file is empty")?;
    let probe: Value =
        serde_json::from_str(first).map_err(|e| format!("line 1 is not JSON: {e}"))?;
    if probe.get("sentences").is_some() {
        run_articles(checker, text, progress)
    } else if probe.get("claim").is_some() {
        run_claims(checker, text, progress)
    } else {
        Err("expected claims ({\"id\", \"claim\", \"label\"} lines) or articles ({\"id\", \"sentences\"} lines)".into())
    }
}

fn id_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn check_label(label: &str, allowed: &[&str], line: usize) -> Result<(), String> {
    if allowed.contains(&label) || label == "disputed" {
        Ok(())
    } else {
        Err(format!("line {line}: unknown label {label:?}"))
    }
}

/// The non-empty lines of a JSON Lines file, parsed, with their 1-based line numbers.
fn jsonl<T: serde::de::DeserializeOwned>(text: &str) -> Result<Vec<(usize, T)>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l)
                .map(|item| (n + 1, item))
                .map_err(|e| format!("line {}: {e}", n + 1))
        })
        .collect()
}

fn run_claims(
    checker: &Checker,
    text: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Outcome, String> {
    let mut scores = Scores::new(&CLAIM_LABELS);
    let mut predictions = Vec::new();
    let items = jsonl::<ClaimItem>(text)?;
    let total = items.len();
    for (done, (line, item)) in items.into_iter().enumerate() {
        check_label(&item.label, &CLAIM_LABELS, line)?;
        let result = checker.check_claim(&item.claim);
        let predicted = result.verdict.as_str().to_string();
        if item.label == "disputed" {
            scores.disputed.push(predicted);
        } else {
            scores.pairs.push((item.label, predicted));
            scores.confidences.push(result.confidence);
        }
        predictions.push(Prediction {
            id: id_string(&item.id),
            result,
        });
        progress(done + 1, total);
    }
    Ok(Outcome {
        scores,
        predictions,
    })
}

/// The claims a run on `text` checks, as the checker is asked them: each
/// claim, or each article's sentences. A server finds their candidates first.
pub fn claims_asked(text: &str) -> Result<Vec<String>, String> {
    if text
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.contains("\"sentences\""))
    {
        let items = jsonl::<ArticleItem>(text)?;
        Ok(items
            .iter()
            .flat_map(|(_, item)| crosscheck_engine::remote::claims_of(&article_text(item).0))
            .collect())
    } else {
        let items = jsonl::<ClaimItem>(text)?;
        Ok(items.into_iter().map(|(_, item)| item.claim).collect())
    }
}

/// An article as the README describes it, with each gold sentence's character range.
fn article_text(item: &ArticleItem) -> (String, Vec<[usize; 2]>) {
    let mut article = String::new();
    let mut ranges = Vec::new();
    for (k, s) in item.sentences.iter().enumerate() {
        if k > 0 {
            article.push_str(if s.para_break_before { "\n\n" } else { " " });
        }
        let start = article.chars().count();
        article.push_str(&s.text);
        ranges.push([start, article.chars().count()]);
    }
    (article, ranges)
}

fn run_articles(
    checker: &Checker,
    text: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Outcome, String> {
    let mut scores = Scores::new(&ARTICLE_LABELS);
    let mut predictions = Vec::new();
    let items = jsonl::<ArticleItem>(text)?;
    let total = items.len();
    for (done, (line, item)) in items.into_iter().enumerate() {
        for s in &item.sentences {
            check_label(&s.label, &ARTICLE_LABELS, line)?;
        }
        let (article, ranges) = article_text(&item);
        let report = checker.check_article(&article);
        for (k, (s, r)) in item.sentences.iter().zip(&ranges).enumerate() {
            // The engine's segment that overlaps this gold sentence most.
            let covering = report
                .sentences
                .iter()
                .max_by_key(|p| p.range[1].min(r[1]).saturating_sub(p.range[0].max(r[0])))
                .filter(|p| p.range[1].min(r[1]) > p.range[0].max(r[0]));
            let result = covering.cloned().unwrap_or_else(|| missing(&s.text));
            scores
                .pairs
                .push((s.label.clone(), result.verdict.as_str().to_string()));
            scores.confidences.push(result.confidence);
            predictions.push(Prediction {
                id: format!("{}#{}", id_string(&item.id), k),
                result,
            });
        }
        progress(done + 1, total);
    }
    Ok(Outcome {
        scores,
        predictions,
    })
}

fn missing(text: &str) -> SentenceResult {
    SentenceResult {
        index: 0,
        text: text.to_string(),
        range: [0, 0],
        verdict: Verdict::NotAClaim,
        confidence: 0.0,
        explanation: "No segment of the engine's report covers this sentence.".into(),
        evidence: Vec::new(),
        mismatches: Vec::new(),
        matched: Vec::new(),
        sources_disagree: false,
    }
}

/// A confidence band of [`Scores::reliability`].
pub struct Band {
    pub from: f32,
    pub to: f32,
    pub n: usize,
    pub right: usize,
}

pub struct ClassScore {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

impl Scores {
    fn new(labels: &[&'static str]) -> Scores {
        Scores {
            labels: labels.to_vec(),
            pairs: Vec::new(),
            confidences: Vec::new(),
            disputed: Vec::new(),
        }
    }

    pub fn n(&self) -> usize {
        self.pairs.len()
    }

    pub fn accuracy(&self) -> f64 {
        if self.pairs.is_empty() {
            return 0.0;
        }
        self.pairs.iter().filter(|(g, p)| g == p).count() as f64 / self.pairs.len() as f64
    }

    pub fn class(&self, label: &str) -> ClassScore {
        let tp = self
            .pairs
            .iter()
            .filter(|(g, p)| g == label && p == label)
            .count() as f64;
        let predicted = self.pairs.iter().filter(|(_, p)| p == label).count() as f64;
        let gold = self.pairs.iter().filter(|(g, _)| g == label).count();
        let precision = if predicted > 0.0 { tp / predicted } else { 0.0 };
        let recall = if gold > 0 { tp / gold as f64 } else { 0.0 };
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        ClassScore {
            precision,
            recall,
            f1,
            support: gold,
        }
    }

    /// Macro-F1 over supported / conflicting / unsupported (and `none` for articles).
    pub fn macro_f1(&self) -> f64 {
        let labels: Vec<&str> = self
            .labels
            .iter()
            .copied()
            .filter(|l| self.class(l).support > 0)
            .collect();
        if labels.is_empty() {
            return 0.0;
        }
        labels.iter().map(|l| self.class(l).f1).sum::<f64>() / labels.len() as f64
    }

    /// For each confidence band, how many verdicts fell in it and the share
    /// that were right: whether a confidence means what it says.
    pub fn reliability(&self) -> Vec<Band> {
        const EDGES: [f32; 7] = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01];
        EDGES
            .windows(2)
            .map(|e| {
                let inside: Vec<bool> = self
                    .pairs
                    .iter()
                    .zip(&self.confidences)
                    .filter(|(_, &c)| c >= e[0] && c < e[1])
                    .map(|((g, p), _)| g == p)
                    .collect();
                Band {
                    from: e[0],
                    to: e[1].min(1.0),
                    n: inside.len(),
                    right: inside.iter().filter(|&&r| r).count(),
                }
            })
            .collect()
    }

    /// Gold-conflicting claims the engine calls supported with confidence 0.9 or more:
    /// the worst error a fact checker can make, said with assurance.
    pub fn confident_false_support(&self) -> usize {
        self.pairs
            .iter()
            .zip(&self.confidences)
            .filter(|((g, p), &c)| g == "conflicting" && p == "supported" && c >= 0.9)
            .count()
    }

    fn confusion(&self) -> Vec<Vec<usize>> {
        self.labels
            .iter()
            .map(|g| {
                self.labels
                    .iter()
                    .map(|p| self.pairs.iter().filter(|(a, b)| a == g && b == p).count())
                    .collect()
            })
            .collect()
    }

    pub fn to_json(&self) -> Value {
        let per_class: serde_json::Map<String, Value> = self
            .labels
            .iter()
            .map(|l| {
                let c = self.class(l);
                (l.to_string(), json!({"precision": c.precision, "recall": c.recall, "f1": c.f1, "support": c.support}))
            })
            .collect();
        let confusion: serde_json::Map<String, Value> = self
            .labels
            .iter()
            .zip(self.confusion())
            .map(|(g, row)| {
                (
                    g.to_string(),
                    Value::Object(
                        self.labels
                            .iter()
                            .zip(row)
                            .map(|(p, n)| (p.to_string(), json!(n)))
                            .collect(),
                    ),
                )
            })
            .collect();
        let disputed: serde_json::Map<String, Value> = ARTICLE_LABELS
            .iter()
            .map(|l| {
                (
                    l.to_string(),
                    json!(self.disputed.iter().filter(|d| d == l).count()),
                )
            })
            .filter(|(_, v)| v != &json!(0))
            .collect();
        json!({
            "n": self.n(),
            "accuracy": self.accuracy(),
            "macro_f1": self.macro_f1(),
            "per_class": per_class,
            "confusion": confusion,
            "disputed": {"n": self.disputed.len(), "predicted": disputed},
            "reliability": self.reliability().iter().map(|b| json!({
                "from": b.from, "to": b.to, "n": b.n,
                "accuracy": if b.n > 0 { b.right as f64 / b.n as f64 } else { 0.0 },
            })).collect::<Vec<_>>(),
            "confident_false_support": self.confident_false_support(),
        })
    }

    pub fn to_text(&self) -> String {
        let mut s = format!(
            "n = {}\naccuracy = {:.3}\nmacro-F1 = {:.3}\n\n",
            self.n(),
            self.accuracy(),
            self.macro_f1()
        );
        s.push_str(&format!(
            "{:<12} {:>9} {:>7} {:>7} {:>8}\n",
            "class", "precision", "recall", "F1", "support"
        ));
        for l in &self.labels {
            let c = self.class(l);
            s.push_str(&format!(
                "{:<12} {:>9.3} {:>7.3} {:>7.3} {:>8}\n",
                l, c.precision, c.recall, c.f1, c.support
            ));
        }
        s.push_str("\nconfusion (rows gold, columns predicted)\n");
        s.push_str(&format!("{:<12}", ""));
        for l in &self.labels {
            s.push_str(&format!(" {:>11}", l));
        }
        s.push('\n');
        for (g, row) in self.labels.iter().zip(self.confusion()) {
            s.push_str(&format!("{:<12}", g));
            for n in row {
                s.push_str(&format!(" {:>11}", n));
            }
            s.push('\n');
        }
        if !self.disputed.is_empty() {
            s.push_str(&format!(
                "\ndisputed items (not scored): {}",
                self.disputed.len()
            ));
            for l in ARTICLE_LABELS {
                let k = self.disputed.iter().filter(|d| *d == l).count();
                if k > 0 {
                    s.push_str(&format!(", {k} labelled {l}"));
                }
            }
            s.push('\n');
        }
        s.push_str("\nreliability (confidence band: verdicts, share right)\n");
        for b in self.reliability() {
            if b.n > 0 {
                s.push_str(&format!(
                    "  {:.1}-{:.1}: {:>5}  {:.3}\n",
                    b.from,
                    b.to,
                    b.n,
                    b.right as f64 / b.n as f64
                ));
            }
        }
        s.push_str(&format!(
            "conflicting claims called supported with confidence >= 0.9: {}\n",
            self.confident_false_support()
        ));
        s
    }
}
