//! Prints the clause structure the engine reads in each sentence given (a developer's tool):
//!
//!     cargo run --release -p crosscheck-engine --example clauses -- "Trump urged Putin to join."
use crosscheck_engine::analyze::{analyze_with, entities::EntityTable};
use crosscheck_engine::lexicon::Lexicon;
use crosscheck_engine::Models;

fn main() {
    let models = Models::bundled();
    let lex = Lexicon::embedded();
    for text in std::env::args().skip(1) {
        let a = analyze_with(&text, lex, &EntityTable::default(), &models);
        println!("{text}");
        let word = |i: usize| a.tokens[i].norm.clone();
        let phrase = |p: &Option<crosscheck_engine::analyze::structure::Phrase>| {
            p.map(|p| (p.start..p.end).map(word).collect::<Vec<_>>().join(" "))
                .unwrap_or_default()
        };
        for c in &a.clauses {
            println!(
                "  {:<12} agent [{}] patient [{}] to [{}] neg {} {:?} passive {} cop {} reported_by {:?}",
                word(c.predicate),
                phrase(&c.agent),
                phrase(&c.patient),
                phrase(&c.recipient),
                c.negated,
                c.modality,
                c.passive,
                c.copular,
                c.reported_by.map(|k| word(a.clauses[k].predicate))
            );
        }
    }
}
