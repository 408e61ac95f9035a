//! Checks a long article repeatedly, for profiling the article path (a developer's tool).
fn main() {
    let checker = crosscheck_engine::Checker::seed();
    let text =
        std::fs::read_to_string(std::env::args().nth(1).expect("article file")).expect("readable");
    let runs: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    for _ in 0..runs {
        std::hint::black_box(checker.check_article(&text));
    }
}
