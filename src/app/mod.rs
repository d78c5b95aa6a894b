//! The Leptos shell: state, components and browser glue. Logic lives in the engine and on
//! plain types (`state.rs`, [`workspace`]); components only wire signals to views. Only the
//! plain parts compile natively; everything that touches the browser is `wasm32` only.

pub mod share;
pub mod workspace;

#[cfg(target_arch = "wasm32")]
mod agreement;
#[cfg(target_arch = "wasm32")]
mod calendar;
#[cfg(target_arch = "wasm32")]
mod comparison;
#[cfg(target_arch = "wasm32")]
mod contacts;
#[cfg(target_arch = "wasm32")]
mod contacts_editor;
#[cfg(target_arch = "wasm32")]
mod contact_details;
#[cfg(target_arch = "wasm32")]
mod fields;
#[cfg(target_arch = "wasm32")]
mod insights;
#[cfg(target_arch = "wasm32")]
mod notice;
#[cfg(target_arch = "wasm32")]
mod option_picker;
#[cfg(target_arch = "wasm32")]
mod settings;
#[cfg(target_arch = "wasm32")]
mod calendar_editor;
#[cfg(target_arch = "wasm32")]
mod mass_editor;
#[cfg(target_arch = "wasm32")]
mod persona_editor;
#[cfg(target_arch = "wasm32")]
mod policy_editor;
#[cfg(target_arch = "wasm32")]
mod sales_editor;
#[cfg(target_arch = "wasm32")]
mod scoring_editor;
#[cfg(target_arch = "wasm32")]
mod shell;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
mod storage;
#[cfg(target_arch = "wasm32")]
mod workflows;
#[cfg(target_arch = "wasm32")]
mod what_if;
#[cfg(target_arch = "wasm32")]
mod workspace_bar;

#[cfg(target_arch = "wasm32")]
pub use shell::start;

