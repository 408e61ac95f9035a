//! Prints how the engine judges each claim given as an argument (a developer's tool).
//! `CORPUS=FILE` (an index file from `crosscheck index`) traces against that corpus.
fn main() {
    let checker = match std::env::var("CORPUS") {
        Ok(path) => crosscheck_engine::index_file::read(&std::fs::read(path).expect("readable"))
            .expect("an index file"),
        Err(_) => crosscheck_engine::Checker::seed(),
    };
    for claim in std::env::args().skip(1) {
        println!("{claim}\n{}", checker.trace(&claim));
    }
}
