//! The learned parts the engine reads, each a model asset built by a script
//! under `models/` and loaded beside the corpus (the app fetches them; the CLI
//! compiles them in with the `models` feature).

use std::sync::Arc;
#[cfg(feature = "models")]
use std::sync::OnceLock;

use crate::decide::DecisionModel;
use crate::syntax::{Parser, Tagger};
use crate::vectors::Vectors;

/// The model files a deployment serves beside `corpus.idx`, by name.
/// The first, the WordNet table, is installed with [`crate::lexicon::Lexicon::install`].
pub const FILES: [&str; 5] = [
    "lexicon.txt",
    "vectors.bin",
    "tagger.bin",
    "parser.bin",
    "decision.json",
];

/// The contents of the model files, each optional.
#[derive(Default)]
pub struct ModelFiles {
    pub lexicon: Option<String>,
    pub vectors: Option<Vec<u8>>,
    pub tagger: Option<Vec<u8>>,
    pub parser: Option<Vec<u8>>,
    pub decision: Option<String>,
}

impl ModelFiles {
    /// The files of [`FILES`], in that order, as fetched.
    pub fn from_list(mut files: Vec<Option<Vec<u8>>>) -> ModelFiles {
        files.resize(FILES.len(), None);
        let mut it = files.into_iter();
        let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
        ModelFiles {
            lexicon: it.next().flatten().map(text),
            vectors: it.next().flatten(),
            tagger: it.next().flatten(),
            parser: it.next().flatten(),
            decision: it.next().flatten().map(text),
        }
    }
}

#[derive(Default)]
pub struct Models {
    /// Word vectors: paraphrases found in retrieval and alignment.
    pub vectors: Option<Vectors>,
    /// Parts of speech.
    pub tagger: Option<Tagger>,
    /// Dependencies, for who does what to whom (read with the tagger's tags).
    pub parser: Option<Parser>,
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

    /// Reads the model files' contents; a file that cannot be used is left
    /// out and its problem recorded, named by the file.
    pub fn from_files(files: ModelFiles) -> Models {
        let mut m = Models::default();
        if let Some(bytes) = files.vectors {
            match Vectors::from_bytes(bytes) {
                Ok(v) => m.vectors = Some(v),
                Err(e) => m.problems.push(format!("vectors.bin: {e}")),
            }
        }
        if let Some(bytes) = files.tagger {
            match Tagger::from_bytes(bytes) {
                Ok(t) => m.tagger = Some(t),
                Err(e) => m.problems.push(format!("tagger.bin: {e}")),
            }
        }
        if let Some(bytes) = files.parser {
            match Parser::from_bytes(bytes) {
                Ok(p) => m.parser = Some(p),
                Err(e) => m.problems.push(format!("parser.bin: {e}")),
            }
        }
        if let Some(text) = files.decision {
            match DecisionModel::from_json(&text) {
                Ok(d) => m.decision = Some(d),
                Err(e) => m.problems.push(format!("decision.json: {e}")),
            }
        }
        m
    }

    /// The models of this build, compiled in.
    #[cfg(feature = "models")]
    pub fn bundled() -> Arc<Models> {
        static BUNDLED: OnceLock<Arc<Models>> = OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                // A model file that no longer fits the engine (the features
                // changed and it was not rebuilt) is left out, and says so:
                // the model build itself needs a working CLI.
                Arc::new(Models::from_files(ModelFiles {
                    lexicon: None,
                    vectors: Some(include_bytes!("../../../models/vectors.bin").to_vec()),
                    tagger: Some(include_bytes!("../../../models/tagger.bin").to_vec()),
                    parser: Some(include_bytes!("../../../models/parser.bin").to_vec()),
                    decision: Some(include_str!("../../../models/decision.json").to_string()),
                }))
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

#[cfg(all(test, feature = "models"))]
mod tests {
    use super::*;

    /// The committed model files fit this engine: none is left out. A stale
    /// file (features changed, model not rebuilt) fails here, not silently
    /// in the app.
    #[test]
    fn bundled_models_all_load() {
        let m = Models::bundled();
        assert!(m.problems.is_empty(), "{:?}", m.problems);
        assert!(m.vectors.is_some() && m.tagger.is_some() && m.parser.is_some());
        assert!(m.decision.is_some());
    }

    /// Each file damaged is named in the problems and the others still load.
    #[test]
    fn a_damaged_file_is_named() {
        let m = Models::from_files(ModelFiles {
            lexicon: None,
            vectors: Some(b"not vectors".to_vec()),
            tagger: Some(include_bytes!("../../../models/tagger.bin").to_vec()),
            parser: Some(vec![0; 3]),
            decision: Some("{".to_string()),
        });
        assert!(m.tagger.is_some());
        assert!(m.vectors.is_none() && m.parser.is_none() && m.decision.is_none());
        for name in ["vectors.bin", "parser.bin", "decision.json"] {
            assert!(
                m.problems.iter().any(|p| p.starts_with(name)),
                "{name}: {:?}",
                m.problems
            );
        }
    }
}
