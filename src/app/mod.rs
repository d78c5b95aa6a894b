//! The Leptos shell: state, components and browser glue, in three rooms by what a person
//! sees: [`results`] (the comparison, calendars, notices, what-if, the agreement),
//! [`editors`] (every part of the scenario a person changes) and [`workspace`] (the
//! scenarios kept in this browser, files, share links and storage). Logic lives in the
//! engine and on plain types (`state.rs`, [`workspace`]); components only wire signals to
//! views. Only the plain parts compile natively; everything that touches the browser is
//! `wasm32` only.

pub mod workspace;
pub use workspace::share;

#[cfg(target_arch = "wasm32")]
mod editors;
#[cfg(target_arch = "wasm32")]
mod results;
#[cfg(target_arch = "wasm32")]
mod shell;
#[cfg(target_arch = "wasm32")]
pub mod state;

#[cfg(target_arch = "wasm32")]
pub use shell::start;
