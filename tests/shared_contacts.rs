//! Copies of a scenario share their contacts until one of them changes them
//! (`baton::engine::shared`): an edit elsewhere copies no contact, and an edit of a contact
//! never reaches the copy kept for undo.

use baton::engine::load::{validate_since, Checked};
use baton::engine::shared::Shared;
use baton::engine::{validate, Scenario};

fn sample() -> Scenario {
    baton::samples::ebook_playbook().unwrap()
}

#[test]
fn an_edit_that_changes_no_contact_keeps_them_shared_and_one_that_does_gets_its_own() {
    let before = sample();
    let rep = before.reps[0].name.clone();
    assert!(before.contacts.iter().all(|c| c.owner.as_deref() != Some(rep.as_str())), "the sample's contacts have no owner yet");

    // Renaming a rep who owns no contact leaves the contacts shared.
    let mut after = before.clone();
    after.rename_rep(0, "Renamed Rep").unwrap();
    assert!(Shared::same(&before.contacts, &after.contacts));

    // Once a contact is theirs, a rename changes that contact in the copy only.
    let mut owned = before.clone();
    owned.contacts[1].owner = Some(rep.clone());
    assert!(!Shared::same(&before.contacts, &owned.contacts));
    assert_eq!(before.contacts[1].owner, None);
    let kept = owned.clone();
    owned.rename_rep(0, "Renamed Rep").unwrap();
    assert_eq!(owned.contacts[1].owner.as_deref(), Some("Renamed Rep"));
    assert_eq!(kept.contacts[1].owner.as_deref(), Some(rep.as_str()));
}

#[test]
fn contacts_compare_by_what_they_hold_not_where() {
    let a = sample();
    let b: Scenario = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert!(!Shared::same(&a.contacts, &b.contacts));
    assert_eq!(a, b);
    let mut c = b.clone();
    c.contacts[0].name.push('!');
    assert_ne!(a, c);
    // Written and read back as plain JSON: the same text as before there was any sharing.
    assert_eq!(serde_json::to_value(&a.contacts).unwrap(), serde_json::to_value(a.contacts.iter().collect::<Vec<_>>()).unwrap());
}

/// Each scenario checked in turn with one `Checked` kept between them, as the app's edits
/// are, finds exactly what a check from nothing finds.
fn check_in_turn(scenarios: &[Scenario]) {
    let mut checked = Checked::default();
    for (k, s) in scenarios.iter().enumerate() {
        assert_eq!(validate_since(s, &mut checked), validate(s), "scenario {k} of the sequence");
    }
}

#[test]
fn contacts_known_sound_are_checked_again_when_what_they_name_changes() {
    let mut base = sample();
    let rep = base.reps[0].name.clone();
    base.contacts[1].owner = Some(rep.clone());
    assert!(validate(&base).is_empty());

    // The persona a contact has, removed while the contacts stay shared.
    let mut no_persona = base.clone();
    let persona = base.contacts[0].persona.clone();
    no_persona.personas.retain(|p| p.id != persona);
    // The rep who owns a contact, renamed by hand while the contacts stay shared.
    let mut renamed = base.clone();
    renamed.reps[0].name = "Someone Else".into();
    // A rep added: the owner is still there.
    let mut more_reps = base.clone();
    more_reps.reps.push(baton::engine::scenario::Rep { name: "New Rep".into(), ..base.reps[0].clone() });
    // A contact's name made far too long: the contacts are its own now.
    let mut long_name = base.clone();
    long_name.contacts[0].name = "x".repeat(500);
    // An edit elsewhere.
    let mut elsewhere = base.clone();
    elsewhere.description.push_str(" Edited.");

    for s in [&no_persona, &renamed] {
        assert!(Shared::same(&s.contacts, &base.contacts));
        assert!(validate(s).iter().any(|p| p.path.starts_with("contacts[")), "{:?}", validate(s));
    }
    assert!(validate(&long_name).iter().any(|p| p.path == "contacts[0].name"));
    check_in_turn(&[base.clone(), no_persona.clone(), base.clone(), renamed.clone(), base.clone(), more_reps, long_name, base.clone(), elsewhere]);
    check_in_turn(&[base.clone(), renamed, no_persona, base]);
}
