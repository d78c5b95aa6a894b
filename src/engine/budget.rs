//! The work budget: how many calendar entries a scenario will produce, estimated before
//! anything is simulated, so a file that would need gigabytes or minutes is refused with a
//! message that says what to reduce.
//!
//! The limit comes from the browser. WebAssembly has 4 GB of memory at most. The app holds
//! at most two outcomes at once while it compares the options (the chosen option's, which it
//! keeps for the calendars, and the one being simulated), each entry takes 12 bytes, and the
//! scenario, its population and the page need room too. 40 million entries per option is
//! 480 MB per outcome, under 1 GB for both: safe in a browser tab, and a few seconds of work.
//! The command line applies the same limit, so a file that runs in one runs in the other.

use super::scenario::Scenario;

/// The most calendar entries one simulated option may be estimated to produce.
pub const MAX_ENTRIES: u64 = 40_000_000;

/// The most entries one contact's calendar may hold. No valid scenario comes near it (a
/// year of a contact's life is a few hundred entries); it stops any loop a future rule
/// could open, and the outcome's warnings say when it did.
pub const MAX_ENTRIES_PER_CONTACT: usize = 200_000;

/// Entries one contact is expected to produce, by persona, and for the whole scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// Expected entries for one contact of each persona.
    pub per_contact: Vec<f64>,
    /// Expected entries for the whole scenario, one option.
    pub total: f64,
}

/// Estimates the calendar entries one option of the scenario produces: per contact, a few
/// entries for arriving and the lifecycle, one per habit occurrence, and two per email
/// that can come due (the email and the reaction to it). Runs in time proportional to the
/// scenario's size, not its contacts.
pub fn estimate(s: &Scenario) -> Estimate {
    let days = s.calendar.horizon_days as f64;
    let workflow_emails: usize = s
        .workflows
        .iter()
        .map(|w| {
            let emails = w.steps.iter().filter(|st| matches!(st, super::scenario::Step::Email { .. })).count();
            // A workflow a contact can enter again may send its emails several times.
            if w.reenroll {
                emails * 4
            } else {
                emails
            }
        })
        .sum();
    let mass = s.mass_sends.iter().filter(|m| m.day < s.calendar.horizon_days).count();
    let touches = s.sales_cadence.touches.len();
    let emails = (workflow_emails + mass + touches * 2) as f64;
    let per_contact: Vec<f64> = s
        .personas
        .iter()
        .map(|p| {
            let habits: f64 = p.habits.iter().map(|h| h.per_month.clamp(0.0, 1000.0) / 30.0 * days).sum();
            12.0 + habits + emails * 2.0
        })
        .collect();
    // Looked up by id once per contact: validation runs this on every edit.
    let by_id: std::collections::HashMap<&str, f64> = s.personas.iter().map(|p| p.id.as_str()).zip(per_contact.iter().copied()).collect();
    let per_persona = |id: &str| by_id.get(id).copied().unwrap_or(0.0);
    let mut total: f64 = s.generate.iter().map(|g| g.count as f64 * per_persona(&g.persona)).sum();
    for c in &s.contacts {
        let scripted = c.script.as_ref().map_or(0, |sc| sc.events.len()) as f64;
        total += per_persona(&c.persona) + scripted;
    }
    Estimate { per_contact, total }
}

/// Why a scenario is too large to simulate, with what to reduce; `None` when it fits.
pub fn too_large(s: &Scenario) -> Option<String> {
    let e = estimate(s);
    if e.total <= MAX_ENTRIES as f64 {
        return None;
    }
    // Name the largest driver: contacts, or a persona's habits.
    let contacts = s.contact_count();
    let busiest = s.personas.iter().zip(&e.per_contact).max_by(|a, b| a.1.total_cmp(b.1)).map(|(p, n)| (p.name.clone(), *n)).unwrap_or_default();
    Some(format!(
        "this scenario would produce about {} million calendar entries per option, more than the {} million a browser can hold; \
         simulate fewer contacts (now {contacts}), fewer days (now {}), or fewer habits and emails (a \"{}\" contact gets about {:.0} entries)",
        (e.total / 1e6).ceil() as u64,
        MAX_ENTRIES / 1_000_000,
        s.calendar.horizon_days,
        busiest.0,
        busiest.1,
    ))
}
