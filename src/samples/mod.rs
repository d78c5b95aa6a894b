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

/// The workload `baton bench` times and the browser benchmark repeats: the eBook sample with
/// its named contacts dropped, `contacts` generated in the sample's persona mix arriving
/// over all of `days` days (a steady inflow of downloads), enough reps for the inflow
/// (about a quarter of contacts reach sales, 25 new leads a rep a week) and a mass send
/// every four weeks. `days` is 1 to 730.
pub fn bench_workload(contacts: u32, days: u32) -> Result<Scenario, LoadError> {
    let mut s = ebook_playbook()?;
    let days = days.clamp(1, 730);
    s.calendar.horizon_days = days;
    s.contacts.clear();
    let weights: Vec<u32> = s.generate.iter().map(|g| g.count).collect();
    let total: u32 = weights.iter().sum::<u32>().max(1);
    let mut left = contacts;
    for (k, g) in s.generate.iter_mut().enumerate() {
        g.count = if k + 1 == weights.len() { left } else { (contacts as u64 * weights[k] as u64 / total as u64) as u32 };
        left -= g.count.min(left);
        g.arrive_over_days = days;
    }
    let per_week = (contacts as f64 * 0.25 / (days as f64 / 7.0)).ceil() as u32 + 1;
    let reps = per_week.div_ceil(25).clamp(1, 250);
    s.reps = (0..reps)
        .map(|r| crate::engine::scenario::Rep { name: format!("Rep {}", r + 1), capacity_per_week: 25, territory: String::new(), first_touch_hours: 8.0 })
        .collect();
    if let Some(template) = s.mass_sends.first().cloned() {
        s.mass_sends = (0..days / 28)
            .map(|k| crate::engine::scenario::MassSend { name: format!("Monthly update {}", k + 1), day: 14 + k * 28, ..template.clone() })
            .collect();
    }
    Ok(s)
}
