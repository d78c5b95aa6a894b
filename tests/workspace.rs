//! The workspace model: several named scenarios, stored as text, read back exactly.

use baton::app::workspace::{export_file_name, ReadError, Workspace};
use baton::samples;

fn ebook() -> baton::engine::Scenario {
    samples::ebook_playbook().expect("sample loads")
}

#[test]
fn a_workspace_survives_storage_exactly() {
    let mut ws = Workspace::with(ebook());
    ws.add(samples::by_id("event-leads").unwrap().scenario().unwrap());
    ws.selected_contact = 7;
    ws.entries[0].scenario.handoff_option = baton::engine::HandoffOption::Everything;
    let back = Workspace::from_storage(&ws.to_storage()).expect("reads back");
    assert_eq!(back, ws);
}

#[test]
fn names_stay_unique_when_adding_and_duplicating() {
    let mut ws = Workspace::with(ebook());
    ws.add(ebook());
    ws.duplicate();
    assert_eq!(ws.names(), ["eBook playbook", "eBook playbook (2)", "eBook playbook (2) (copy)"]);
    assert_eq!(ws.current, 2);
}

#[test]
fn a_scenario_is_found_by_its_name_for_comparing_with() {
    let mut ws = Workspace::with(ebook());
    let mut other = ebook();
    other.handoff_option = baton::engine::HandoffOption::CeaseAll;
    ws.add(other.clone());
    let found = ws.scenario_named("eBook playbook (2)").expect("the added copy");
    assert_eq!(found.handoff_option, other.handoff_option);
    assert_eq!(ws.scenario_named("eBook playbook").unwrap().handoff_option, ebook().handoff_option);
    assert!(ws.scenario_named("No such plan").is_none());
}

#[test]
fn renaming_refuses_empty_and_taken_names() {
    let mut ws = Workspace::with(ebook());
    ws.add(samples::by_id("event-leads").unwrap().scenario().unwrap());
    assert_eq!(ws.rename("  "), Err("a scenario needs a name".into()));
    assert!(ws.rename("eBook playbook").unwrap_err().contains("already called"));
    ws.rename("Q3 plan").unwrap();
    assert_eq!(ws.current().name, "Q3 plan");
}

#[test]
fn deleting_can_be_undone_and_the_last_scenario_stays() {
    let mut ws = Workspace::with(ebook());
    assert!(ws.delete_current().is_none(), "the last scenario cannot be deleted");
    ws.add(samples::by_id("event-leads").unwrap().scenario().unwrap());
    let before = ws.clone();
    let (at, entry) = ws.delete_current().expect("deleted");
    assert_eq!(ws.entries.len(), 1);
    ws.restore(at, entry);
    assert_eq!(ws.entries, before.entries);
    assert_eq!(ws.current, 1);
}

#[test]
fn damaged_or_newer_stored_text_is_reported_not_guessed() {
    assert!(matches!(Workspace::from_storage("{not json"), Err(ReadError::Damaged(_))));
    assert!(matches!(Workspace::from_storage(r#"{"workspace_version": 9, "current": 0, "scenarios": []}"#), Err(ReadError::Newer(9))));
    let mut v: serde_json::Value = serde_json::from_str(&Workspace::with(ebook()).to_storage()).unwrap();
    v["scenarios"][0]["calendar"]["horizon_days"] = 0.into();
    match Workspace::from_storage(&v.to_string()) {
        Err(ReadError::Damaged(why)) => assert!(why.contains("scenario 1 has problems"), "{why}"),
        other => panic!("expected damaged, got {other:?}"),
    }
    let msg = ReadError::Damaged("x".into()).message();
    assert!(msg.contains("has not touched the stored data"), "{msg}");
}

#[test]
fn export_file_names_are_safe() {
    assert_eq!(export_file_name("Q3: plan/2"), "Q3- plan-2.baton.json");
    assert_eq!(export_file_name("  "), "scenario.baton.json");
}

/// Regression: names kept invisible formatting characters (U+202E turns
/// "plan\u{202E}nosj.exe" into what reads as "planexe.json") and had no length limit; the
/// calendar's name replaced ".baton.json" anywhere in the name.
#[test]
fn export_file_names_drop_invisible_characters_and_keep_a_sane_length() {
    assert_eq!(export_file_name("plan\u{202E}nosj.exe"), "plannosj.exe.baton.json");
    assert_eq!(export_file_name("tab\there\u{200B}"), "tabhere.baton.json");
    assert!(export_file_name(&"x".repeat(5000)).len() <= 80 + ".baton.json".len());
    assert_eq!(baton::app::workspace::calendar_file_name("a.baton.json plan"), "a.baton.json plan calendar.csv");
}

#[test]
fn opening_the_sample_instead_keeps_the_open_scenario() {
    let sample = baton::samples::ebook_playbook().unwrap();
    let mut stuck = sample.clone();
    stuck.name = "Big plan".into();
    // The sample is there unchanged: switch to it.
    let mut ws = Workspace::with(sample.clone());
    ws.add(stuck.clone());
    ws.open_instead(sample.clone());
    assert_eq!(ws.current(), &sample);
    assert_eq!(ws.names(), ["eBook playbook", "Big plan"]);
    // It is not: a copy is added, and the stuck one stays.
    let mut ws = Workspace::with(stuck);
    ws.open_instead(sample.clone());
    assert_eq!(ws.current(), &sample);
    assert_eq!(ws.names(), ["Big plan", "eBook playbook"]);
}

/// Saving through kept contacts writes the very text a plain save writes, through the
/// changes a workshop makes (an edit, a copy, a deletion that moves the others up).
#[test]
fn a_save_that_keeps_written_contacts_writes_what_a_plain_save_writes() {
    let mut kept = Vec::new();
    let mut big = ebook();
    let first = ebook().contacts[0].clone();
    big.contacts = (0..2345).map(|i| baton::engine::scenario::Contact { id: format!("c{i}"), same_person_as: None, ..first.clone() }).collect();
    let mut ws = Workspace::with(ebook());
    let mut check = |ws: &mut Workspace, what: &str| {
        let plain = ws.to_storage();
        // What is known to be written already never says the text is longer than it is.
        let at_least = ws.storage_len_at_least(&kept);
        assert!(at_least <= plain.len(), "{what}: at least {at_least} bytes, written {}", plain.len());
        assert_eq!(ws.to_storage_kept(&mut kept), plain, "{what}");
        // Once written, the contacts' text is known: most of a large workspace's.
        let known = ws.storage_len_at_least(&kept);
        let contacts: usize = ws.entries.iter().map(|e| serde_json::to_string(&e.scenario.contacts).unwrap().len() - 2).sum();
        assert!(known <= plain.len() && known + 2 * ws.entries.len() >= contacts, "{what}: known {known}, contacts {contacts}");
        assert_eq!(Workspace::from_storage(&plain).as_ref(), Ok(&*ws), "{what}");
    };
    check(&mut ws, "one sample");
    ws.add(big);
    check(&mut ws, "a large scenario added");
    ws.entries[1].scenario.contacts[1234].name = "Changed".into();
    ws.selected_contact = 3;
    check(&mut ws, "a contact edited");
    ws.duplicate();
    check(&mut ws, "the large one copied");
    ws.current = 0;
    ws.delete_current();
    check(&mut ws, "the first deleted, the others move up");
    ws.entries[0].scenario.contacts.truncate(10);
    check(&mut ws, "contacts removed");
}
