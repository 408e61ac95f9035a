//! Prints how the engine judges each claim given as an argument (a developer's tool).
fn main() {
    let checker = crosscheck_engine::Checker::seed();
    for claim in std::env::args().skip(1) {
        println!("{claim}\n{}", checker.trace(&claim));
    }
}
