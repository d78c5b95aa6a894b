//! Copies of a scenario share their contacts until one of them changes them
//! (`baton::engine::shared`): an edit elsewhere copies no contact, and an edit of a contact
//! never reaches the copy kept for undo.

use baton::engine::shared::Shared;
use baton::engine::Scenario;

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
