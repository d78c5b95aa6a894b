//! Warnings: things a team should know about a scenario that still simulates, such as a
//! workflow that never enrolls anyone or a mass send after the horizon.

use super::outcome::{ItemStore, What};
use super::plan::Plan;

/// Looks at a finished simulation for things worth pointing out.
pub fn for_plan(plan: &Plan, store: &ItemStore) -> Vec<String> {
    let s = plan.scenario;
    let mut warnings = Vec::new();
    let mut enrolled = vec![false; plan.workflows.len()];
    for c in 0..store.len() {
        for it in store.contact(c) {
            if it.what == What::Enrolled {
                if let Some(w) = plan.workflows.iter().position(|w| w.name == it.label) {
                    enrolled[w] = true;
                }
            }
        }
        if enrolled.iter().all(|&e| e) {
            break;
        }
    }
    for (w, wf) in s.workflows.iter().enumerate() {
        if !enrolled[w] {
            warnings.push(format!("The workflow '{}' never enrolls anyone in this run.", wf.name));
        }
    }
    for ms in &s.mass_sends {
        if ms.day >= s.calendar.horizon_days {
            warnings.push(format!(
                "The mass send '{}' is on day {}, after the {}-day horizon, so it is not simulated.",
                ms.name, ms.day, s.calendar.horizon_days
            ));
        }
    }
    if s.reps.iter().all(|r| r.capacity_per_week == 0) {
        warnings.push("No rep has any capacity, so handed-off leads are never worked.".to_string());
    }
    warnings
}
