//! What a retrieval server sends a page (`remote::Candidates`), damaged at
//! will: a real answer for the seed corpus with its numbers, texts and hits
//! changed by the input, or the input itself read as JSON. A checker of it
//! is built or refused, never panics, and checks every claim.
#![no_main]
use crosscheck_engine::remote::Candidates;
use crosscheck_engine::Checker;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const CLAIMS: [&str; 3] = [
    "Invitations have been sent out to more than 60 nations.",
    "The Kremlin is studying the proposal.",
    "Putin déclina l’invitation 🙂 le 3 mars.",
];

fn seed() -> &'static (Checker, Candidates) {
    static SEED: OnceLock<(Checker, Candidates)> = OnceLock::new();
    SEED.get_or_init(|| {
        let checker = Checker::seed();
        let claims: Vec<String> = CLAIMS.iter().map(|c| c.to_string()).collect();
        let candidates = checker.candidates(&claims, true);
        (checker, candidates)
    })
}

fuzz_target!(|data: &[u8]| {
    let (whole, answer) = seed();
    let mut c = match serde_json::from_slice::<Candidates>(data) {
        Ok(c) => c,
        Err(_) => answer.clone(),
    };
    let mut bytes = data.iter().copied();
    let mut next = || bytes.next().map(usize::from);
    while let (Some(what), Some(at), Some(v)) = (next(), next(), next()) {
        let big = v * 7919;
        let (np, nc, nd) = (c.passages.len().max(1), c.claims.len().max(1), c.documents.len().max(1));
        match what % 8 {
            0 => if let Some(p) = c.passages.get_mut(at % np) { p.start = big },
            1 => if let Some(p) = c.passages.get_mut(at % np) { p.document = v as u32 },
            2 => if let Some(p) = c.passages.get_mut(at % np) {
                let cut = (v % (p.text.len() + 1)).min(p.text.len());
                let cut = (0..=cut).rev().find(|&i| p.text.is_char_boundary(i)).unwrap_or(0);
                p.text.truncate(cut);
            },
            3 => if let Some(s) = c.passages.get_mut(at % np).and_then(|p| p.sentences.get_mut(v % 4)) {
                s.range = [s.range[0].wrapping_add(v), s.range[1].wrapping_sub(at)];
            },
            4 => if let Some(s) = c.passages.get_mut(at % np).and_then(|p| p.sentences.get_mut(v % 4)) {
                s.id = s.id.wrapping_add(v as u32);
            },
            5 => if let Some(h) = c.claims.get_mut(at % nc) {
                h.hits.push((v as u32, if v % 2 == 0 { f32::NAN } else { v as f32 }));
            },
            6 => { c.corpus.sentences = big; c.corpus.documents = v; }
            _ => if let Some(d) = c.documents.get_mut(at % nd) {
                d.titled = !d.titled;
                d.title = "Putin".repeat(v % 3);
            },
        }
    }
    let Ok(checker) = Checker::from_candidates(c, whole.people().clone(), whole.shared_models()) else {
        return;
    };
    for claim in CLAIMS {
        let r = checker.check_claim(claim);
        assert!((0.0..=1.0).contains(&r.confidence));
        for e in &r.evidence {
            assert!(e.range[0] <= e.range[1]);
            let chars = e.text.chars().count();
            assert!(e.matched.iter().chain(&e.differing).all(|m| m[0] <= m[1] && m[1] <= chars), "{e:?}");
            let _ = checker.neighbours(&e.doc, e.range);
        }
    }
    let _ = checker.check_article(&CLAIMS.join(" "));
});
