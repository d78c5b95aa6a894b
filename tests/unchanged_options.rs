//! Which options an edit leaves as they were: their summaries are kept instead of simulated
//! again (choosing another option in the app simulates only the chosen one's calendars).
//! Every option said to be unchanged must give the same summary, to the bit, simulated
//! again; and the edits that do change an option are seen to change it.

use baton::engine::figures::{unchanged_options, Comparison};
use baton::engine::scenario::{CustomPolicy, PolicyRow};
use baton::engine::{HandoffOption, OptionSummary, Scenario, Stage};
use baton::samples;

const SEED: u64 = 3;
const RUNS: u32 = 2;

fn summary(s: &Scenario, option: HandoffOption) -> OptionSummary {
    Comparison::new(s, &[option], SEED, RUNS, None).finish().summaries.remove(0)
}

/// A custom agreement that holds back every marketing email at every stage.
fn nothing_but_sales() -> CustomPolicy {
    CustomPolicy { rows: Stage::ALL.into_iter().map(|stage| PolicyRow { stage, automated: false, mass: false, sales: true }).collect() }
}

/// Each edit, what it is called, and the options it must leave unchanged.
fn edits(s: &Scenario) -> Vec<(&'static str, Scenario, Vec<HandoffOption>)> {
    let all = HandoffOption::ALL.to_vec();
    let but_custom: Vec<HandoffOption> = all.iter().copied().filter(|o| *o != HandoffOption::Custom).collect();
    let mut out = Vec::new();
    for option in HandoffOption::ALL {
        let mut t = s.clone();
        t.handoff_option = option;
        out.push(("another option chosen", t, all.clone()));
    }
    let mut t = s.clone();
    t.name = format!("{} (copy)", s.name);
    t.description = "Renamed in the workshop.".into();
    t.sign_off.team = "The revenue team".into();
    out.push(("renamed, described and signed", t, all.clone()));
    let mut t = s.clone();
    t.custom_policy = nothing_but_sales();
    out.push(("the custom agreement changed", t, but_custom.clone()));
    let mut t = s.clone();
    t.custom_policy = nothing_but_sales();
    t.handoff_option = HandoffOption::Custom;
    out.push(("the custom agreement changed and chosen", t, but_custom));
    let mut t = s.clone();
    t.lifecycle.handoff_score += 15;
    out.push(("the handoff score raised", t, Vec::new()));
    let mut t = s.clone();
    t.unsubscribe_stops_sales = !t.unsubscribe_stops_sales;
    out.push(("unsubscribes and sales", t, Vec::new()));
    if let Some(c) = s.contacts.first() {
        let mut t = s.clone();
        t.contacts.push(c.clone());
        let copy = t.contacts.last_mut().unwrap();
        copy.id = format!("{}-copy", copy.id);
        copy.email = "another.copy@example.com".into();
        out.push(("a contact added", t, Vec::new()));
    }
    out
}

#[test]
fn the_options_an_edit_leaves_unchanged_simulate_to_the_same_summaries() {
    for sample in samples::ALL {
        let mut before = sample.scenario().unwrap();
        // The samples' own custom agreement is the default one; make it differ from the
        // edit's, so the edit is a change.
        before.custom_policy = CustomPolicy::default();
        let was: Vec<OptionSummary> = HandoffOption::ALL.into_iter().map(|o| summary(&before, o)).collect();
        for (what, after, expected) in edits(&before) {
            let unchanged = unchanged_options(&before, &after);
            assert_eq!(unchanged, expected, "{}: {what}", sample.id);
            for option in unchanged {
                let k = HandoffOption::ALL.iter().position(|o| *o == option).unwrap();
                assert_eq!(summary(&after, option), was[k], "{}: {what}: {option:?} is said to be unchanged", sample.id);
            }
        }
    }
}

#[test]
fn the_custom_agreement_edit_does_change_the_custom_option() {
    // Otherwise the test above would pass with `unchanged_options` keeping the custom
    // option after its agreement changed.
    let mut changed = 0;
    for sample in samples::ALL {
        let mut before = sample.scenario().unwrap();
        before.custom_policy = CustomPolicy::default();
        let mut after = before.clone();
        after.custom_policy = nothing_but_sales();
        if summary(&before, HandoffOption::Custom) != summary(&after, HandoffOption::Custom) {
            changed += 1;
        }
    }
    assert!(changed > 0, "no sample's custom option changed with its agreement");
}
