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

#[derive(Deserialize)]
struct File {
    format: String,
    version: u32,
    features: Vec<String>,
    mean: Vec<f32>,
    scale: Vec<f32>,
    hidden: Option<Layer>,
    output: Layer,
    /// Added to the log-probabilities of supported, conflicting, unsupported.
    offsets: [f32; 3],
    /// Per verdict (supported, conflicting, unsupported): knots (probability, share right).
    calibration: [Vec<[f32; 2]>; 3],
}

/// A claim's probabilities: supported, conflicting, unsupported (they sum to 1).
pub type Scores = [f32; 3];

pub struct DecisionModel {
    mean: Vec<f32>,
    scale: Vec<f32>,
    hidden: Option<(Vec<f32>, Vec<f32>, usize)>,
    output: (Vec<f32>, Vec<f32>),
    offsets: [f32; 3],
    calibration: [Vec<[f32; 2]>; 3],
}

fn flat(layer: &Layer, inputs: usize, outputs: usize, name: &str) -> Result<(Vec<f32>, Vec<f32>), ModelError> {
    if layer.w.len() != outputs || layer.b.len() != outputs || layer.w.iter().any(|r| r.len() != inputs) {
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
        let (hidden, width) = match &file.hidden {
            Some(h) => {
                let width = h.b.len();
                let (w, b) = flat(h, n, width, "hidden")?;
                (Some((w, b, width)), width)
            }
            None => (None, n),
        };
        let output = flat(&file.output, width, 3, "output")?;
        let finite = |v: &[f32]| v.iter().all(|x| x.is_finite());
        if !finite(&file.mean)
            || !finite(&file.offsets)
            || !finite(&output.0)
            || !finite(&output.1)
            || hidden.as_ref().is_some_and(|(w, b, _)| !finite(w) || !finite(b))
        {
            return Err(ModelError("decision model: weights must be finite numbers".into()));
        }
        for knots in &file.calibration {
            if knots.is_empty() || knots.windows(2).any(|k| !(k[0][0] <= k[1][0])) {
                return Err(ModelError("decision model: calibration knots must be sorted".into()));
            }
        }
        Ok(DecisionModel {
            mean: file.mean,
            scale: file.scale,
            hidden,
            output,
            offsets: file.offsets,
            calibration: file.calibration,
        })
    }

    /// The verdict for these probabilities: 0 supported, 1 conflicting, 2 unsupported.
    pub fn verdict(&self, p: Scores) -> usize {
        let z = [0, 1, 2].map(|k| p[k].max(1e-9).ln() + self.offsets[k]);
        (0..3).fold(0, |best, k| if z[k] > z[best] { k } else { best })
    }

    /// The probabilities of one claim's features ([`features::claim`]).
    pub fn score(&self, f: &[f32]) -> Scores {
        let x: Vec<f32> = f
            .iter()
            .zip(self.mean.iter().zip(&self.scale))
            .map(|(v, (m, s))| (v - m) / s)
            .collect();
        let h: Vec<f32> = match &self.hidden {
            Some((w, b, width)) => (0..*width)
                .map(|o| {
                    let row = &w[o * x.len()..(o + 1) * x.len()];
                    let z = b[o] + row.iter().zip(&x).map(|(a, b)| a * b).sum::<f32>();
                    z.max(0.0)
                })
                .collect(),
            None => x,
        };
        let (w, b) = &self.output;
        let mut z = [0.0f32; 3];
        for (o, zo) in z.iter_mut().enumerate() {
            let row = &w[o * h.len()..(o + 1) * h.len()];
            *zo = b[o] + row.iter().zip(&h).map(|(a, b)| a * b).sum::<f32>();
        }
        let top = z.iter().copied().fold(f32::MIN, f32::max);
        let e = z.map(|v| (v - top).exp());
        let sum: f32 = e.iter().sum();
        e.map(|v| v / sum)
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
            let t = if b[0] > a[0] { (score - a[0]) / (b[0] - a[0]) } else { 1.0 };
            a[1] + t * (b[1] - a[1])
        };
        y.clamp(0.0, 1.0)
    }
}
