//! Scenario edits that keep references consistent, natively: the editors only call these.

mod common;

use baton::engine::edits::Refused;
use baton::engine::scenario::*;
use baton::engine::{load, validate, HandoffOption, What};
use common::*;

fn sample() -> Scenario {
    baton::samples::ebook_playbook().unwrap()
}

/// Regression: renaming a rep used to be refused ("no rep is called …") because the
/// contacts the rep owned still named the old name.
#[test]
fn renaming_a_rep_keeps_their_contacts() {
    let mut s = base();
    let mut c = contact("kim", 0, (9, 0), Script::default());
    c.owner = Some("Dana Reyes".into());
    s.contacts.push(c);
    s.rename_rep(0, "Dana Smith").unwrap();
    assert_eq!(s.contacts[0].owner.as_deref(), Some("Dana Smith"));
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    let o = run(&s, HandoffOption::CeaseAll);
    assert_eq!(o.rep_name(o.items.contact(0).iter().find(|it| it.what == What::HandedOff).unwrap().owner), Some("Dana Smith"));
}

#[test]
fn a_rep_cannot_take_another_reps_name() {
    let mut s = sample();
    let other = s.reps[1].name.clone();
    assert!(matches!(s.rename_rep(0, &other), Err(Refused(_))));
    assert!(s.rename_rep(0, "  ").is_err());
}

#[test]
fn removing_a_rep_leaves_their_contacts_unowned_at_their_stage() {
    let mut s = base();
    s.reps.push(Rep { name: "Sam Okafor".into(), capacity_per_week: 10, territory: String::new(), first_touch_hours: 4.0 });
    let mut c = contact("kim", 0, (9, 0), Script::default());
    c.owner = Some("Dana Reyes".into());
    c.stage = Stage::Opportunity;
    s.contacts.push(c);
    assert_eq!(s.remove_rep(0), Ok(1));
    assert_eq!(s.contacts[0].owner, None);
    assert_eq!(s.contacts[0].stage, Stage::Opportunity);
    assert!(validate(&s).is_empty());
}

#[test]
fn a_persona_in_use_cannot_be_removed_and_an_unused_one_leaves_segments() {
    let mut s = sample();
    let used = s.personas.iter().position(|p| s.generate.iter().any(|g| g.persona == p.id)).unwrap();
    let before = s.clone();
    let err = s.remove_persona(used).unwrap_err();
    assert!(err.0.contains("generated group"), "{err}");
    assert_eq!(s, before, "a refused edit changes nothing");
    // An unused persona named in a segment goes, and the segment forgets it.
    let mut extra = quiet_persona("spare");
    extra.name = "Spare".into();
    s.personas.push(extra);
    s.mass_sends[0].segment.personas.push("spare".into());
    s.remove_persona(s.personas.len() - 1).unwrap();
    assert!(!s.mass_sends[0].segment.personas.contains(&"spare".to_string()));
    assert!(validate(&s).is_empty());
}

#[test]
fn renaming_a_persona_id_moves_every_reference() {
    let mut s = sample();
    let old = s.personas[0].id.clone();
    s.mass_sends[0].segment.personas.push(old.clone());
    s.rename_persona_id(0, "keen").unwrap();
    assert!(s.contacts.iter().chain(std::iter::empty()).all(|c| c.persona != old));
    assert!(s.generate.iter().all(|g| g.persona != old));
    assert!(s.mass_sends[0].segment.personas.contains(&"keen".to_string()));
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
}

#[test]
fn renaming_and_removing_a_mass_send_carries_its_exclusions() {
    let mut s = sample();
    let name = s.mass_sends[0].name.clone();
    let id = s.contacts[0].id.clone();
    s.exclusions.push(Exclusion { mass_send: name, contact_id: id });
    s.rename_mass_send(0, "Renamed send").unwrap();
    assert_eq!(s.exclusions[0].mass_send, "Renamed send");
    assert!(validate(&s).is_empty());
    s.remove_mass_send(0).unwrap();
    assert!(s.exclusions.is_empty());
    assert!(validate(&s).is_empty());
}

#[test]
fn renaming_an_email_moves_scoring_rules_and_scripts_that_name_it() {
    let mut s = base();
    s.workflows.push(workflow("Nurture", "eBook", vec![email("Nurture 1")]));
    s.scoring.behaviour.push(BehaviourRule { event: ScoredEvent::EmailOpen, name: "Nurture 1".into(), points: 5, cap: None });
    s.contacts.push(contact("jo", 0, (10, 0), Script { opens: vec!["Nurture 1".into()], ..Script::default() }));
    s.rename_email_step(0, 0, "Welcome").unwrap();
    assert_eq!(s.scoring.behaviour[0].name, "Welcome");
    assert_eq!(s.contacts[0].script.as_ref().unwrap().opens, ["Welcome"]);
}

#[test]
fn renaming_and_removing_a_contact_keeps_exclusions_and_second_addresses_consistent() {
    let mut s = base();
    s.mass_sends.push(mass("Launch", 3));
    s.contacts.push(contact("work", 0, (10, 0), Script::default()));
    let mut home = contact("home", 0, (10, 0), Script::default());
    home.same_person_as = Some("work".into());
    s.contacts.push(home);
    s.exclusions.push(Exclusion { mass_send: "Launch".into(), contact_id: "work".into() });
    s.rename_contact_id(0, "work-2").unwrap();
    assert_eq!(s.contacts[1].same_person_as.as_deref(), Some("work-2"));
    assert_eq!(s.exclusions[0].contact_id, "work-2");
    assert!(validate(&s).is_empty());
    s.remove_contact(0).unwrap();
    assert_eq!(s.contacts[0].same_person_as, None);
    assert!(s.exclusions.is_empty());
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
}

fn branching() -> Workflow {
    workflow("Branchy", "eBook", vec![email("A"), wait_days(2), Step::Branch { when: BranchCondition::Opened, go_to_step: 4 }, email("B"), email("C")])
}

/// Regression: removing a step used to leave branch numbers as they were, so a branch
/// silently jumped to a different step and validation still passed.
#[test]
fn removing_a_step_keeps_branches_jumping_to_the_same_step() {
    let mut s = base();
    s.workflows.push(branching());
    s.remove_step(0, 1).unwrap();
    assert_eq!(s.workflows[0].steps[1], Step::Branch { when: BranchCondition::Opened, go_to_step: 3 });
    assert_eq!(s.workflows[0].steps[3], email("C"));
    assert!(validate(&s).is_empty());
}

#[test]
fn removing_the_step_a_branch_jumps_to_is_refused_with_the_reason() {
    let mut s = base();
    s.workflows.push(branching());
    let before = s.clone();
    let err = s.remove_step(0, 4).unwrap_err();
    assert_eq!(err.0, "step 5 is where the branch at step 3 jumps to; point that branch elsewhere first");
    assert_eq!(s, before);
}

#[test]
fn inserting_a_step_keeps_branches_jumping_to_the_same_step() {
    let mut s = base();
    s.workflows.push(branching());
    s.insert_step(0, 3, wait_days(1)).unwrap();
    assert_eq!(s.workflows[0].steps[2], Step::Branch { when: BranchCondition::Opened, go_to_step: 5 });
    assert_eq!(s.workflows[0].steps[5], email("C"));
    assert!(validate(&s).is_empty());
}

#[test]
fn removing_a_touch_keeps_scripted_replies_on_the_same_touch() {
    let mut s = base();
    s.contacts.push(contact("jo", 0, (10, 0), Script { replies_to_sales_touch: Some(3), ..Script::default() }));
    s.remove_touch(0).unwrap();
    assert_eq!(s.contacts[0].script.as_ref().unwrap().replies_to_sales_touch, Some(2));
    let err = s.remove_touch(1).unwrap_err();
    assert!(err.0.contains("replies to touch 2"), "{err}");
}

#[test]
fn contact_count_adds_named_and_generated_contacts() {
    let s = sample();
    let generated: u64 = s.generate.iter().map(|g| g.count as u64).sum();
    assert_eq!(s.contact_count(), s.contacts.len() as u64 + generated);
    assert!(load(&baton::engine::load::to_json(&s)).is_ok());
}

/// Undo and redo say what they undo, in words.
#[test]
fn a_change_is_described_in_words() {
    use baton::engine::edits::describe_change;
    let s = baton::samples::ebook_playbook().unwrap();
    let mut t = s.clone();
    t.lifecycle.handoff_score = 70;
    assert_eq!(describe_change(&s, &t), "handoff score 80 \u{2192} 70");
    assert_eq!(describe_change(&t, &s), "handoff score 70 \u{2192} 80");
    let mut t = s.clone();
    t.sla.first_touch_hours = 24;
    assert_eq!(describe_change(&s, &t), "SLA first touch hours 48 \u{2192} 24");
    let mut t = s.clone();
    t.reps[1].capacity_per_week = 9;
    let name = &s.reps[1].name;
    assert_eq!(describe_change(&s, &t), format!("rep \u{201c}{name}\u{201d}, capacity per week {} \u{2192} 9", s.reps[1].capacity_per_week));
    let mut t = s.clone();
    t.add_rep();
    assert_eq!(describe_change(&s, &t), "reps: 1 added");
    let mut t = s.clone();
    let k = t.workflows[1].steps.iter().position(|x| matches!(x, baton::engine::scenario::Step::Delay { .. })).expect("the nurture waits");
    if let baton::engine::scenario::Step::Delay { wait, .. } = &mut t.workflows[1].steps[k] {
        wait.days += 1;
    }
    let d = describe_change(&s, &t);
    assert!(d.starts_with(&format!("workflow \u{201c}{}\u{201d}, step {}", s.workflows[1].name, k + 1)) && d.contains("\u{2192}"), "{d}");
    let mut t = s.clone();
    t.lifecycle.mql_score = 30;
    t.reps.clear();
    assert_eq!(describe_change(&s, &t), "lifecycle and reps changed");
    assert_eq!(describe_change(&s, &s), "");
}
