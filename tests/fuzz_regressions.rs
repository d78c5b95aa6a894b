//! Every input the fuzzer (or an issue) found is replayed: each file in `tests/fuzz/` is fed
//! to its target (named by the file's prefix: scenario-, crm- or share-) and must end in
//! results or a message, not a panic. A short seeded run of the fuzzer's mutations follows,
//! so a change that breaks on mutated samples fails here before the long run finds it.

use baton::fuzz::{run, Mutator, Target};

#[test]
fn every_kept_finding_ends_in_results_or_a_message() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 10, "the regression corpus is missing: {files:?}");
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let target = Target::from_name(name.split('-').next().unwrap()).unwrap_or_else(|| panic!("{name}: unknown target"));
        let input = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| run(target, &input));
        assert!(outcome.is_ok(), "{name} panicked");
    }
}

#[test]
fn mutated_samples_links_and_exports_do_not_panic() {
    for target in Target::ALL {
        let mut m = Mutator::new(target, 42);
        for i in 0..120 {
            let input = m.next_input();
            let outcome = std::panic::catch_unwind(|| run(target, &input));
            assert!(outcome.is_ok(), "{} input {i} panicked: {}", target.name(), String::from_utf8_lossy(&input[..input.len().min(400)]));
            if matches!(outcome, Ok(true)) {
                m.keep(input);
            }
        }
    }
}
