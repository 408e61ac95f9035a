//! The learned parts the engine reads, each a model asset built by a script
//! under `models/` and loaded beside the corpus (the app fetches them; the CLI
//! compiles them in with the `models` feature).

use std::sync::Arc;
#[cfg(feature = "models")]
use std::sync::OnceLock;

use crate::decide::{DecisionModel, ModelError};

#[derive(Default)]
pub struct Models {
    /// The verdict from the claim's features; without it the rules decide.
    pub decision: Option<DecisionModel>,
    /// Why a bundled model could not be used (a stale file in a development build).
    pub problems: Vec<String>,
}

impl Models {
    /// No learned parts: the rules decide.
    pub fn none() -> Arc<Models> {
        Arc::new(Models::default())
    }

    /// Reads the model files' contents.
    pub fn from_files(decision: &str) -> Result<Models, ModelError> {
        Ok(Models {
            decision: Some(DecisionModel::from_json(decision)?),
            problems: Vec::new(),
        })
    }

    /// The models of this build, compiled in.
    #[cfg(feature = "models")]
    pub fn bundled() -> Arc<Models> {
        static BUNDLED: OnceLock<Arc<Models>> = OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                // A model file that no longer fits the engine (the features
                // changed and it was not rebuilt) leaves the rules to decide,
                // and says so: the model build itself needs a working CLI.
                Arc::new(
                    Models::from_files(include_str!("../../../models/decision.json"))
                        .unwrap_or_else(|e| Models {
                            decision: None,
                            problems: vec![format!("models/decision.json: {e}")],
                        }),
                )
            })
            .clone()
    }

    /// What a new checker starts with: the bundled models when compiled in, else none.
    pub fn default_for_build() -> Arc<Models> {
        #[cfg(feature = "models")]
        return Models::bundled();
        #[cfg(not(feature = "models"))]
        Models::none()
    }
}
