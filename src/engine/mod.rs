//! The simulation engine: plain Rust, no web, no clock, no unseeded randomness.
//!
//! Time, seed and scenario are inputs; an [`Outcome`] comes out. The same scenario and seed
//! give byte-identical outcomes natively and in the browser.
//!
//! - [`scenario`]: the file format.
//! - [`edits`]: renames and removals that keep every reference consistent.
//! - [`budget`]: the calendar entries a scenario will produce, estimated and limited.
//! - [`load`]: parsing and validation, with every problem and its JSON path.
//! - [`text_limits`]: every string of a scenario within its length, walked without a copy.
//! - [`crm_look`]: a CRM export as the import's mapping step sees it, worked out where the file is held.
//! - [`shared`]: the contacts, shared by copies of a scenario until one changes them.
//! - [`pieces`]: a scenario as JSON in pieces, written and read a slice at a time.
//! - [`simulate`]: contact by contact, every email that was due, sent or held back.
//! - [`policy`]: the handoff agreement's rules, asked by everything that applies them.
//! - [`figures`]: the numbers compared across options and seeds.
//! - [`export`]: the calendar as CSV and the outcome as JSON.

pub mod budget;
pub mod calendar;
pub mod crm_import;
pub mod crm_look;
pub mod edits;
pub mod export;
pub mod figures;
pub mod helpers;
pub mod load;
pub mod outcome;
pub mod pieces;
pub mod plan;
pub mod policy;
pub mod population;
pub mod random;
pub mod routing;
pub mod scenario;
pub mod shared;
pub mod simulate;
pub mod sweep;
pub mod text_limits;
pub mod warnings;

pub use figures::{compare, figures, Comparison, Figure, Figures, OptionSummary};
pub use load::{load, validate, LoadError, Problem};
pub use outcome::{Item, Outcome, Reason, What};
pub use population::Population;
pub use scenario::{EmailKind, HandoffOption, Scenario, Stage};
pub use simulate::{simulate, Simulation};

/// The JSON Schema of the scenario format, generated from the Rust types. Only the command
/// line and the tests need it, so the browser build leaves the generator out.
#[cfg(not(target_arch = "wasm32"))]
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Scenario);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
