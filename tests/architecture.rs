//! Architecture invariants, written down as absences (as rust-analyzer's tidy checks do):
//! the engine never uses web crates, never reads the clock, never draws unseeded randomness.

use std::path::Path;

const FORBIDDEN: [(&str, &str); 12] = [
    ("leptos", "a web framework"),
    ("web_sys", "browser bindings"),
    ("js_sys", "JavaScript bindings"),
    ("wasm_bindgen", "JavaScript bindings"),
    ("gloo", "browser helpers"),
    ("SystemTime", "the clock"),
    ("Instant::now", "the clock"),
    ("Utc::now", "the clock"),
    ("Local::now", "the clock"),
    ("thread_rng", "unseeded randomness"),
    ("OsRng", "unseeded randomness"),
    ("from_entropy", "unseeded randomness"),
];

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/engine exists") {
        let path = entry.expect("readable").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_engine_uses_no_web_crate_no_clock_and_no_unseeded_randomness() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine"), &mut files);
    assert!(files.len() >= 5, "expected the engine's sources, found {files:?}");
    let mut bad = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for (word, what) in FORBIDDEN {
                if code.contains(word) {
                    bad.push(format!("{}:{}: uses {word} ({what})", file.display(), n + 1));
                }
            }
            if code.contains("getrandom") || code.contains("rand::random") {
                bad.push(format!("{}:{}: uses unseeded randomness", file.display(), n + 1));
            }
        }
    }
    assert!(bad.is_empty(), "the engine must stay pure:\n{}", bad.join("\n"));
}

#[test]
fn the_check_itself_catches_a_forbidden_word() {
    // Guards against a check that can never fail: a line naming the clock is caught.
    let line = "let now = std::time::SystemTime::now();";
    assert!(FORBIDDEN.iter().any(|(w, _)| line.contains(w)));
}
