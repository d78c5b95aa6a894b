//! Warnings: things a team should know about a scenario that still simulates, such as a
//! workflow that never enrolls anyone or a mass send after the horizon.

use super::plan::Plan;

/// Looks at a finished simulation for things worth pointing out. `enrolled[w]` says
/// whether workflow `w` enrolled anyone.
pub fn for_plan(plan: &Plan, enrolled: &[bool]) -> Vec<String> {
    let s = plan.scenario;
    let mut warnings = Vec::new();
    for (w, wf) in s.workflows.iter().enumerate() {
        if !enrolled.get(w).copied().unwrap_or(false) {
            warnings.push(format!("The workflow '{}' never enrolls anyone in this run.", wf.name));
        }
    }
    for ms in &s.mass_sends {
        if ms.day >= s.calendar.horizon_days {
            warnings
                .push(format!("The mass send '{}' is on day {}, after the {}-day horizon, so it is not simulated.", ms.name, ms.day, s.calendar.horizon_days));
        }
    }
    if s.reps.iter().all(|r| r.capacity_per_week == 0) {
        warnings.push("No rep has any capacity, so handed-off leads are never worked.".to_string());
    }
    warnings
}
