//! Undo keeps whole scenarios: 200 edits of a small one, fewer of a large one, so that a
//! team's CRM import edited all afternoon cannot take the tab's memory.

use baton::app::history::{History, HISTORY, HISTORY_CONTACTS};
use baton::engine::Scenario;

fn with_contacts(n: usize) -> Scenario {
    let mut s = baton::samples::ebook_playbook().unwrap();
    let template = s.contacts[0].clone();
    s.contacts = (0..n).map(|k| baton::engine::scenario::Contact { id: format!("c{k}"), same_person_as: None, ..template.clone() }).collect();
    s
}

#[test]
fn a_small_scenario_keeps_two_hundred_edits_and_undoes_them_in_order() {
    let mut h = History::default();
    let base = baton::samples::ebook_playbook().unwrap();
    for k in 0..HISTORY + 20 {
        let mut s = base.clone();
        s.name = format!("edit {k}");
        h.record(s);
    }
    assert_eq!(h.undo_count(), HISTORY);
    let now = base.clone();
    let back = h.undo(now).unwrap();
    assert_eq!(back.name, format!("edit {}", HISTORY + 19));
    assert!(h.can_redo());
}

#[test]
fn a_large_scenario_keeps_as_many_edits_as_the_contact_budget_allows() {
    let mut h = History::default();
    let mut large = with_contacts(65_000);
    for k in 0..10 {
        // An edit of one contact: that copy has its own contacts.
        large.contacts[0].name = format!("edit {k}");
        h.record(large.clone());
    }
    assert_eq!(h.undo_count(), HISTORY_CONTACTS / 65_000);
    // Larger than the budget alone: the last edit can still be undone.
    let mut h = History::default();
    let mut huge = with_contacts(HISTORY_CONTACTS + 1);
    h.record(huge.clone());
    huge.contacts[0].name = "changed".into();
    h.record(huge);
    assert_eq!(h.undo_count(), 1);
    // Back to a small scenario: the large copies go as new edits come.
    let small = with_contacts(10);
    for _ in 0..5 {
        h.record(small.clone());
    }
    assert_eq!(h.undo_count(), 5);
}

#[test]
fn edits_that_change_no_contact_keep_two_hundred_steps_of_a_large_scenario() {
    let mut h = History::default();
    let mut large = with_contacts(65_000);
    for k in 0..HISTORY + 5 {
        // Edits elsewhere, as a workshop makes all afternoon: the contacts stay shared.
        large.description = format!("cap turned {}", if k % 2 == 0 { "on" } else { "off" });
        h.record(large.clone());
    }
    assert_eq!(h.undo_count(), HISTORY);
    // One edit of a contact gives the current scenario its own copy; the earlier steps keep
    // theirs, untouched.
    let before = large.clone();
    large.contacts[7].name = "Changed".into();
    assert_ne!(before.contacts[7].name, "Changed");
    h.record(before);
    assert_eq!(h.undo_count(), HISTORY);
    let back = h.undo(large).unwrap();
    assert_eq!(back.contacts[7].name, with_contacts(65_000).contacts[7].name);
}
