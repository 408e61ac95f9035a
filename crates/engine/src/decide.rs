//! The learned decision: from each judged passage's features (see
//! [`crate::verify::features`]) to the claim's verdict and a calibrated
//! confidence.
//!
//! A small network reads the claim's features (those of its best-covering
//! passage, of its best passage with a mismatch, and which mismatches any
//! passage shows) and gives the three verdicts a probability each; offsets
//! chosen on held-out training data pick the verdict. The confidence is what
//! the held-out data says: of the verdicts given with that probability, the
//! share that were right.
//!
//! The weights are a model asset (`models/decision.json`), trained by
//! `models/decision/build.py` on FEVER training claims and synthetic edits of
//! corpus sentences, never on an evaluation set.

use serde::Deserialize;

use crate::verify::features;

/// Format tag and version the engine reads.
const FORMAT: &str = "crosscheck-decision";
const VERSION: u32 = 1;

/// e^x for x <= 0 or small x, in plain f32 arithmetic: the same bits natively
/// and in wasm, whose `exp` comes from another maths library, so that the
/// app's verdicts are exactly the command line's.
fn exp(x: f32) -> f32 {
    let x = x.clamp(-87.0, 87.0);
    // x = k ln 2 + r, |r| <= ln 2 / 2; e^r by its Taylor series to r^7.
    let k = (x * std::f32::consts::LOG2_E).round();
    // ln 2 in two parts, so that k * LN2_HI is exact.
    const LN2_HI: f32 = 0.693_145_75;
    const LN2_LO: f32 = 1.428_606_8e-6;
    let r = (x - k * LN2_HI) - k * LN2_LO;
    let mut term = 1.0f32;
    let mut sum = 1.0f32;
    for n in 1..=7 {
        term *= r / n as f32;
        sum += term;
    }
    sum * f32::from_bits(((k as i32 + 127) as u32) << 23)
}

/// Why a decision model file could not be used.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ModelError {}

#[derive(Deserialize)]
struct Layer {
    w: Vec<Vec<f32>>,
    b: Vec<f32>,
}

/// One network of the ensemble: a hidden layer (ReLU) and the output layer.
#[derive(Deserialize)]
struct NetFile {
    hidden: Layer,
    output: Layer,
}

#[derive(Deserialize)]
struct File {
    format: String,
    version: u32,
    features: Vec<String>,
    mean: Vec<f32>,
    scale: Vec<f32>,
    /// Networks trained from different seeds; their probabilities are averaged.
    nets: Vec<NetFile>,
    /// Added to the log-probabilities of supported, conflicting, unsupported.
    offsets: [f32; 3],
    /// Share of the claim's event a passage must cover to be in conflict with it.
    conflict_event: f32,
    /// Per verdict (supported, conflicting, unsupported): knots (probability, share right).
    calibration: [Vec<[f32; 2]>; 3],
}

/// A claim's probabilities: supported, conflicting, unsupported (they sum to 1).
pub type Scores = [f32; 3];

struct Net {
    /// Row-major weights (width x inputs) and biases of the hidden layer.
    hidden: (Vec<f32>, Vec<f32>),
    /// Row-major weights (3 x width) and biases of the output layer.
    output: (Vec<f32>, Vec<f32>),
    width: usize,
}

pub struct DecisionModel {
    mean: Vec<f32>,
    scale: Vec<f32>,
    nets: Vec<Net>,
    offsets: [f32; 3],
    /// Share of the claim's event a passage must cover to be in conflict with it.
    pub conflict_event: f32,
    calibration: [Vec<[f32; 2]>; 3],
}

fn flat(
    layer: &Layer,
    inputs: usize,
    outputs: usize,
    name: &str,
) -> Result<(Vec<f32>, Vec<f32>), ModelError> {
    if layer.w.len() != outputs
        || layer.b.len() != outputs
        || layer.w.iter().any(|r| r.len() != inputs)
    {
        return Err(ModelError(format!(
            "decision model: the {name} layer is not {outputs} x {inputs}"
        )));
    }
    Ok((layer.w.concat(), layer.b.clone()))
}

impl DecisionModel {
    /// Reads a model file, checking that it was trained on the features this engine computes.
    pub fn from_json(text: &str) -> Result<DecisionModel, ModelError> {
        let file: File = serde_json::from_str(text)
            .map_err(|e| ModelError(format!("decision model is not valid: {e}")))?;
        if file.format != FORMAT || file.version != VERSION {
            return Err(ModelError(format!(
                "decision model has format {} version {}; this engine reads {FORMAT} version {VERSION}",
                file.format, file.version
            )));
        }
        if file.features != features::claim_names() {
            return Err(ModelError(
                "decision model was trained on other features than this engine computes: rebuild it (models/decision/build.py)".into(),
            ));
        }
        let n = features::CLAIM_LEN;
        if file.mean.len() != n || file.scale.len() != n || file.scale.iter().any(|&s| !(s > 0.0)) {
            return Err(ModelError("decision model: bad feature scaling".into()));
        }
        if file.nets.is_empty() {
            return Err(ModelError("decision model has no network".into()));
        }
        let mut nets = Vec::with_capacity(file.nets.len());
        for net in &file.nets {
            let width = net.hidden.b.len();
            let hidden = flat(&net.hidden, n, width, "hidden")?;
            let output = flat(&net.output, width, 3, "output")?;
            nets.push(Net {
                hidden,
                output,
                width,
            });
        }
        let finite = |v: &[f32]| v.iter().all(|x| x.is_finite());
        if !finite(&file.mean)
            || !finite(&file.offsets)
            || nets.iter().any(|net| {
                !finite(&net.hidden.0)
                    || !finite(&net.hidden.1)
                    || !finite(&net.output.0)
                    || !finite(&net.output.1)
            })
        {
            return Err(ModelError(
                "decision model: weights must be finite numbers".into(),
            ));
        }
        if file.offsets.iter().any(|o| o.abs() > 20.0) {
            return Err(ModelError("decision model: offsets out of range".into()));
        }
        for knots in &file.calibration {
            if knots.is_empty() || knots.windows(2).any(|k| !(k[0][0] <= k[1][0])) {
                return Err(ModelError(
                    "decision model: calibration knots must be sorted".into(),
                ));
            }
        }
        Ok(DecisionModel {
            mean: file.mean,
            scale: file.scale,
            nets,
            offsets: file.offsets,
            conflict_event: file.conflict_event,
            calibration: file.calibration,
        })
    }

    /// The verdict for these probabilities: 0 supported, 1 conflicting, 2 unsupported.
    pub fn verdict(&self, p: Scores) -> usize {
        // argmax of ln p + offset, written as p * e^offset.
        let z = [0, 1, 2].map(|k| p[k] * exp(self.offsets[k]));
        (0..3).fold(0, |best, k| if z[k] > z[best] { k } else { best })
    }

    /// The probabilities of one claim's features ([`features::claim`]): the
    /// mean of the ensemble's.
    pub fn score(&self, f: &[f32]) -> Scores {
        if f.len() != self.mean.len() {
            return [0.0, 0.0, 1.0];
        }
        let x: Vec<f32> = f
            .iter()
            .zip(self.mean.iter().zip(&self.scale))
            .map(|(v, (m, s))| (v - m) / s)
            .collect();
        let mut mean = [0.0f32; 3];
        let mut h = Vec::new();
        for net in &self.nets {
            let (w, b) = &net.hidden;
            h.clear();
            h.extend((0..net.width).map(|o| {
                let row = &w[o * x.len()..(o + 1) * x.len()];
                (b[o] + row.iter().zip(&x).map(|(a, b)| a * b).sum::<f32>()).max(0.0)
            }));
            let (w, b) = &net.output;
            let mut z = [0.0f32; 3];
            for (o, zo) in z.iter_mut().enumerate() {
                let row = &w[o * h.len()..(o + 1) * h.len()];
                *zo = b[o] + row.iter().zip(&h).map(|(a, b)| a * b).sum::<f32>();
            }
            let top = z.iter().copied().fold(f32::MIN, f32::max);
            let e = z.map(|v| exp(v - top));
            let sum: f32 = e.iter().sum();
            for k in 0..3 {
                mean[k] += e[k] / sum / self.nets.len() as f32;
            }
        }
        mean
    }

    /// The share of held-out verdicts of this kind, given with this score, that were right.
    /// `verdict`: 0 supported, 1 conflicting, 2 unsupported.
    pub fn calibrated(&self, verdict: usize, score: f32) -> f32 {
        let knots = &self.calibration[verdict.min(2)];
        let at = knots.partition_point(|k| k[0] < score);
        let y = if at == 0 {
            knots[0][1]
        } else if at == knots.len() {
            knots[knots.len() - 1][1]
        } else {
            let (a, b) = (knots[at - 1], knots[at]);
            let t = if b[0] > a[0] {
                (score - a[0]) / (b[0] - a[0])
            } else {
                1.0
            };
            a[1] + t * (b[1] - a[1])
        };
        y.clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_is_close_to_the_library_one() {
        for i in -800..=200 {
            let x = i as f32 / 10.0;
            let (a, b) = (exp(x), x.exp());
            assert!(
                (a - b).abs() <= b * 2e-6 + 1e-30,
                "exp({x}) = {a}, library {b}"
            );
        }
    }

    #[test]
    fn damaged_models_are_errors_not_panics() {
        for text in [
            "",
            "{}",
            "not json",
            r#"{"format":"crosscheck-decision","version":9}"#,
        ] {
            assert!(DecisionModel::from_json(text).is_err(), "{text}");
        }
        let good = include_str!("../../../models/decision.json");
        let model = DecisionModel::from_json(good).expect("the committed model loads");
        let p = model.score(&vec![0.0; features::CLAIM_LEN]);
        assert!(
            (p.iter().sum::<f32>() - 1.0).abs() < 1e-4,
            "probabilities sum to 1: {p:?}"
        );
        assert_eq!(
            model.score(&[1.0, 2.0]),
            [0.0, 0.0, 1.0],
            "a vector of the wrong length"
        );
        // Mangled numbers and shapes are refused with a message.
        let mangled = good.replacen("\"offsets\":[", "\"offsets\":[1e30,", 1);
        assert!(DecisionModel::from_json(&mangled).is_err());
        let mangled = good.replacen("\"mean\":[", "\"mean\":[0,", 1);
        assert!(DecisionModel::from_json(&mangled).is_err());
    }
}
