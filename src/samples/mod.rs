//! Built-in scenarios, compiled into the app and the command-line runner. They are the
//! source articles' own figures; `tests/samples.rs` checks each one loads and simulates.

use crate::engine::{load, LoadError, Scenario};

/// A built-in scenario: its id, title and JSON text.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub id: &'static str,
    pub title: &'static str,
    pub json: &'static str,
}

/// Every built-in scenario, the one opened on first visit first.
pub const ALL: [Sample; 3] = [
    Sample { id: "ebook", title: "eBook playbook (100 downloads)", json: include_str!("ebook_playbook.baton.json") },
    Sample { id: "event-leads", title: "Trade show event leads", json: include_str!("event_leads.baton.json") },
    Sample { id: "scripted-lead", title: "Jane Doe, step by step", json: include_str!("scripted_lead.baton.json") },
];

impl Sample {
    /// The scenario, validated like any file.
    pub fn scenario(&self) -> Result<Scenario, LoadError> {
        load(self.json)
    }
}

/// The sample opened on first visit: the article's eBook process.
pub fn ebook_playbook() -> Result<Scenario, LoadError> {
    ALL[0].scenario()
}

/// Finds a sample by id.
pub fn by_id(id: &str) -> Option<Sample> {
    ALL.iter().copied().find(|s| s.id == id)
}
