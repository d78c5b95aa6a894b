//! Undo and redo: plain Rust, tested natively (`tests/history.rs`).

use crate::engine::Scenario;

/// Most edits kept for undo.
pub const HISTORY: usize = 200;

/// Most named contacts kept for undo, in all the scenarios kept: 65,000 imported contacts
/// are a 37 MB file, and 200 copies of them would take the tab's memory, so a large
/// scenario keeps fewer edits that change its contacts (three of 65,000 contacts, one of
/// 250,000 or more). Edits that change no contact keep the contacts shared, so they take
/// no room here, and neither do generated contacts: they are a count.
pub const HISTORY_CONTACTS: usize = 250_000;

/// Undo and redo stacks of whole scenarios (a scenario is small next to its results),
/// at most [`HISTORY`] edits back and at most [`HISTORY_CONTACTS`] named contacts in all.
#[derive(Clone, Default)]
pub struct History {
    past: Vec<Scenario>,
    future: Vec<Scenario>,
}

impl History {
    /// Records the state before an edit.
    pub fn record(&mut self, before: Scenario) {
        self.future.clear();
        self.past.push(before);
        // The oldest go first; the last edit can always be undone.
        while self.past.len() > HISTORY || (self.past.len() > 1 && self.contacts() > HISTORY_CONTACTS) {
            self.past.remove(0);
        }
    }

    /// Named contacts kept, in every scenario of both stacks. Scenarios that share their
    /// contacts ([`crate::engine::shared`]: every edit that changes none) hold one copy,
    /// counted once.
    fn contacts(&self) -> usize {
        let mut seen = std::collections::HashSet::new();
        self.past.iter().chain(&self.future).filter(|s| seen.insert(s.contacts.address())).map(|s| s.contacts.len()).sum()
    }

    /// How many edits can be undone.
    pub fn undo_count(&self) -> usize {
        self.past.len()
    }

    /// The state to go back to, given the current one.
    pub fn undo(&mut self, current: Scenario) -> Option<Scenario> {
        let previous = self.past.pop()?;
        self.future.push(current);
        Some(previous)
    }

    /// The state to go forward to, given the current one.
    pub fn redo(&mut self, current: Scenario) -> Option<Scenario> {
        let next = self.future.pop()?;
        self.past.push(current);
        Some(next)
    }

    /// The scenario an undo goes back to.
    pub fn previous(&self) -> Option<&Scenario> {
        self.past.last()
    }

    /// The scenario a redo goes forward to.
    pub fn next(&self) -> Option<&Scenario> {
        self.future.last()
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Forgets everything (a different scenario was opened).
    pub fn clear(&mut self) {
        self.past.clear();
        self.future.clear();
    }
}
