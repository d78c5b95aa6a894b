//! Baton plans how leads pass between marketing and sales.
//!
//! The crate has two halves. [`engine`] is the simulation: plain Rust that never touches
//! the web, the clock or unseeded randomness, so it runs the same natively (the `baton`
//! command-line runner, the tests) and in the browser. `app` is the Leptos shell that
//! runs in the browser; only its plain parts (such as the workspace model) compile natively.

pub mod engine;
pub mod samples;

pub mod app;

/// Mutated inputs for the fuzzer (`baton-fuzz`) and its regression tests; native only.
#[cfg(not(target_arch = "wasm32"))]
pub mod fuzz;
