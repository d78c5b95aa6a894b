//! The workspace: every scenario a team keeps in this browser, which one is open, and the
//! selected contact. Plain Rust, so its rules are tested natively; the browser glue that
//! stores it is in `storage.rs`.
//!
//! Stored as JSON under a versioned key. Each scenario inside is kept as raw JSON and goes
//! through the engine's loader when the workspace is read, so one damaged scenario is
//! reported and kept aside without losing the others.

#[cfg(target_arch = "wasm32")]
pub mod bar;
pub mod share;
#[cfg(target_arch = "wasm32")]
pub mod storage;

use serde::{Deserialize, Serialize};

use crate::engine::pieces::{scenario_json, Written};
use crate::engine::{load, Scenario};

/// The key the workspace is stored under; the number is the workspace format.
pub const STORAGE_KEY: &str = "baton.workspace.v1";

/// The workspace format this build writes.
pub const WORKSPACE_VERSION: u32 = 1;

/// One stored scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub scenario: Scenario,
}

/// Every scenario, the open one and the selected contact.
#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    pub entries: Vec<Entry>,
    pub current: usize,
    pub selected_contact: usize,
}

/// What is written to storage.
#[derive(Serialize, Deserialize)]
struct Stored {
    workspace_version: u32,
    current: usize,
    #[serde(default)]
    selected_contact: usize,
    scenarios: Vec<serde_json::Value>,
}

/// The same shape, written straight from the scenarios (no copy through JSON values).
#[derive(Serialize)]
struct StoredRef<'a> {
    workspace_version: u32,
    current: usize,
    selected_contact: usize,
    scenarios: Vec<&'a Scenario>,
}

/// Why stored data could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    /// The text is not a workspace this build understands.
    Damaged(String),
    /// Written by a newer Baton.
    Newer(u32),
}

impl ReadError {
    /// The message shown to people.
    pub fn message(&self) -> String {
        match self {
            ReadError::Damaged(why) => format!(
                "The scenarios stored in this browser could not be read ({why}). Baton opened a built-in sample instead and has not touched the stored data: download it to keep it."
            ),
            ReadError::Newer(v) => format!(
                "The scenarios stored in this browser were saved by a newer version of Baton (workspace format {v}). This version opened a built-in sample and has not touched them: download them, or open them in the newer Baton."
            ),
        }
    }
}

impl Workspace {
    /// A workspace holding one scenario.
    pub fn with(scenario: Scenario) -> Workspace {
        Workspace { entries: vec![Entry { scenario }], current: 0, selected_contact: 0 }
    }

    /// The open scenario.
    pub fn current(&self) -> &Scenario {
        &self.entries[self.current.min(self.entries.len() - 1)].scenario
    }

    /// Replaces the open scenario (after an edit).
    pub fn set_current(&mut self, s: Scenario) {
        let i = self.current.min(self.entries.len() - 1);
        self.entries[i].scenario = s;
    }

    /// Names of all scenarios, in order.
    pub fn names(&self) -> Vec<String> {
        self.entries.iter().map(|e| e.scenario.name.clone()).collect()
    }

    /// The scenario called `name`, if the workspace holds one (names are unique).
    pub fn scenario_named(&self, name: &str) -> Option<&Scenario> {
        self.entries.iter().map(|e| &e.scenario).find(|s| s.name == name)
    }

    /// A name not used yet, based on `base` ("Plan", "Plan (2)", …).
    pub fn unique_name(&self, base: &str) -> String {
        let taken = |n: &str| self.entries.iter().any(|e| e.scenario.name == n);
        if !taken(base) {
            return base.to_string();
        }
        (2..).map(|k| format!("{base} ({k})")).find(|n| !taken(n)).unwrap_or_else(|| base.to_string())
    }

    /// Adds a scenario (a copy of a sample, an import, a duplicate) and opens it.
    pub fn add(&mut self, mut s: Scenario) -> usize {
        s.name = self.unique_name(&s.name);
        self.entries.push(Entry { scenario: s });
        self.current = self.entries.len() - 1;
        self.selected_contact = 0;
        self.current
    }

    /// Opens `sample` instead of the open scenario, which stays in the workspace: the
    /// sample's entry if the workspace has it unchanged, else a new copy.
    pub fn open_instead(&mut self, sample: Scenario) {
        match self.entries.iter().position(|e| e.scenario == sample) {
            Some(i) => self.switch(i),
            None => {
                self.add(sample);
            }
        }
    }

    /// Copies the open scenario and opens the copy.
    pub fn duplicate(&mut self) -> usize {
        let mut s = self.current().clone();
        s.name = format!("{} (copy)", s.name);
        self.add(s)
    }

    /// Renames the open scenario; an empty or taken name is refused with a reason.
    pub fn rename(&mut self, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("a scenario needs a name".into());
        }
        if self.entries.iter().enumerate().any(|(i, e)| i != self.current && e.scenario.name == name) {
            return Err(format!("another scenario is already called \u{201c}{name}\u{201d}"));
        }
        let i = self.current;
        self.entries[i].scenario.name = name.to_string();
        Ok(())
    }

    /// Deletes the open scenario and returns it with its position, for undo. The last
    /// scenario cannot be deleted.
    pub fn delete_current(&mut self) -> Option<(usize, Entry)> {
        if self.entries.len() <= 1 {
            return None;
        }
        let i = self.current;
        let removed = self.entries.remove(i);
        self.current = i.min(self.entries.len() - 1);
        self.selected_contact = 0;
        Some((i, removed))
    }

    /// Puts a deleted scenario back where it was and opens it.
    pub fn restore(&mut self, at: usize, entry: Entry) {
        let at = at.min(self.entries.len());
        self.entries.insert(at, entry);
        self.current = at;
    }

    /// Opens scenario `i`.
    pub fn switch(&mut self, i: usize) {
        if i < self.entries.len() && i != self.current {
            self.current = i;
            self.selected_contact = 0;
        }
    }

    /// The text stored for this workspace.
    pub fn to_storage(&self) -> String {
        let stored = StoredRef {
            workspace_version: WORKSPACE_VERSION,
            current: self.current,
            selected_contact: self.selected_contact,
            scenarios: self.entries.iter().map(|e| &e.scenario).collect(),
        };
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// Bytes the text of [`Workspace::to_storage_kept`] will have at least: the contacts
    /// already written that it will take as they are. Found without writing anything, so a
    /// workspace known to be too large to store is not written after every edit.
    pub fn storage_len_at_least(&self, kept: &[Written]) -> usize {
        self.entries.iter().zip(kept).filter(|(e, k)| k.holds(&e.scenario.contacts)).map(|(_, k)| k.written_len()).sum()
    }

    /// The same text as [`Workspace::to_storage`], each scenario's contacts written through
    /// `kept` (one per scenario, kept from one save to the next): after an edit that changes
    /// no contact, saving a large scenario is a comparison instead of writing it all again.
    /// Kept contacts beyond the scenarios (a file just read) are looked for, then dropped.
    pub fn to_storage_kept(&mut self, kept: &mut Vec<Written>) -> String {
        if kept.len() < self.entries.len() {
            kept.resize_with(self.entries.len(), Written::default);
        }
        let mut text =
            format!("{{\"workspace_version\":{WORKSPACE_VERSION},\"current\":{},\"selected_contact\":{},\"scenarios\":[", self.current, self.selected_contact);
        for i in 0..self.entries.len() {
            let contacts = &self.entries[i].scenario.contacts;
            // A scenario moved (one before it deleted) finds its contacts where they are kept,
            // unless they are kept for a scenario with the same contacts (a copy), which
            // would then lose them and write them all again at the next save.
            if !kept[i].holds(contacts) {
                let spare = |j: usize| self.entries.get(j).is_none_or(|e| e.scenario.contacts != *contacts);
                if let Some(j) = (0..kept.len()).find(|&j| j != i && kept[j].holds(contacts) && spare(j)) {
                    kept.swap(i, j);
                }
            }
            if i > 0 {
                text.push(',');
            }
            text.push_str(&scenario_json(&mut self.entries[i].scenario, &mut kept[i]));
        }
        kept.truncate(self.entries.len());
        text.push_str("]}");
        text
    }

    /// Reads stored text. Every scenario goes through the engine's loader; any that fails
    /// makes the whole text count as damaged, so nothing is silently dropped.
    pub fn from_storage(text: &str) -> Result<Workspace, ReadError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| ReadError::Damaged(format!("not valid JSON: {e}")))?;
        if let Some(v) = value.get("workspace_version").and_then(|v| v.as_u64()) {
            if v > WORKSPACE_VERSION as u64 {
                return Err(ReadError::Newer(v as u32));
            }
        }
        let stored: Stored = serde_json::from_value(value).map_err(|e| ReadError::Damaged(e.to_string()))?;
        let mut entries = Vec::new();
        for (i, raw) in stored.scenarios.into_iter().enumerate() {
            match load(&raw.to_string()) {
                Ok(scenario) => entries.push(Entry { scenario }),
                Err(crate::engine::LoadError::NewerVersion { found }) => return Err(ReadError::Newer(found as u32)),
                Err(e) => return Err(ReadError::Damaged(format!("scenario {} has problems: {}", i + 1, e.lines().first().cloned().unwrap_or_default()))),
            }
        }
        if entries.is_empty() {
            return Err(ReadError::Damaged("it holds no scenario".into()));
        }
        let current = stored.current.min(entries.len() - 1);
        Ok(Workspace { entries, current, selected_contact: stored.selected_contact })
    }
}

/// The file name for exporting a scenario: `<scenario name>.baton.json`. Characters file
/// systems refuse become "-", control and invisible formatting characters (such as the
/// right-to-left override that disguises a file's type) are dropped, and the name is kept
/// to 80 characters.
pub fn export_file_name(name: &str) -> String {
    format!("{}.baton.json", file_stem(name))
}

/// The file name for a scenario's calendar CSV: `<scenario name> calendar.csv`.
pub fn calendar_file_name(name: &str) -> String {
    format!("{} calendar.csv", file_stem(name))
}

/// The file name for a scenario's what-if sweep: `<scenario name> sweep.csv`.
pub fn sweep_file_name(name: &str) -> String {
    format!("{} sweep.csv", file_stem(name))
}

/// A scenario name made safe as the start of a file name.
fn file_stem(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !c.is_control() && !is_format_char(*c))
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '-' } else { c })
        .take(80)
        .collect();
    let clean = clean.trim().trim_matches('.').trim();
    if clean.is_empty() {
        "scenario".to_string()
    } else {
        clean.to_string()
    }
}

/// Unicode's invisible formatting characters (category Cf) that can hide or reorder text.
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}
