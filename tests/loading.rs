//! Loading scenario files: every problem at once, with its JSON path; syntax errors with
//! line and column; nothing half-loaded; no panic on any input.

use baton::engine::{load, LoadError};
use baton::samples;

fn problems(text: &str) -> Vec<String> {
    match load(text) {
        Ok(_) => vec![],
        Err(e) => e.lines(),
    }
}

fn ebook_value() -> serde_json::Value {
    serde_json::from_str(samples::ALL[0].json).expect("sample is JSON")
}

#[test]
fn a_syntax_error_names_the_line_and_column() {
    match load("{\n  \"name\": \"x\",\n  \"calendar\": }") {
        Err(LoadError::Syntax { line, column, .. }) => assert_eq!((line, column), (3, 15)),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn an_empty_file_says_so() {
    assert_eq!(problems("  \n"), ["the file is empty"]);
}

#[test]
fn a_file_from_a_newer_baton_is_refused_with_its_version() {
    let mut v = ebook_value();
    v["format_version"] = 99.into();
    match load(&v.to_string()) {
        Err(LoadError::NewerVersion { found: 99 }) => {}
        other => panic!("expected NewerVersion, got {other:?}"),
    }
}

#[test]
fn every_wrong_field_is_reported_at_once_with_its_path() {
    let mut v = ebook_value();
    v["personas"][1]["sales"]["open"] = "often".into();
    v["workflows"][2]["steps"][1] = serde_json::json!({"email": {"nmae": "x"}});
    v["calendar"]["start"] = "2026-02-30".into();
    v["colour"] = "blue".into();
    let p = problems(&v.to_string());
    assert!(p.iter().any(|l| l.starts_with("personas[1].sales.open: wrong kind of value")), "{p:#?}");
    assert!(p.iter().any(|l| l.starts_with("workflows[2].steps[1]")), "{p:#?}");
    assert!(p.iter().any(|l| l == "calendar.start: is not a valid date; write it as YYYY-MM-DD, such as 2026-03-02"), "{p:#?}");
    assert!(p.iter().any(|l| l == "colour: is not a field Baton knows; check the spelling"), "{p:#?}");
    assert!(p.len() >= 4);
}

#[test]
fn several_wrong_fields_in_one_part_are_all_reported() {
    let mut v = ebook_value();
    // Three wrong fields in one workflow (one of them required), two in one persona's
    // reactions, one in the calendar.
    v["workflows"][1]["name"] = 7.into();
    v["workflows"][1]["priority"] = "high".into();
    v["workflows"][1]["reenroll"] = "yes".into();
    v["personas"][0]["automated"]["open"] = "often".into();
    v["personas"][0]["automated"]["click"] = serde_json::json!([1]);
    v["calendar"]["horizon_days"] = "a year".into();
    v["calendar"]["start"] = 2026.into();
    let p = problems(&v.to_string());
    for path in [
        "workflows[1].name",
        "workflows[1].priority",
        "workflows[1].reenroll",
        "personas[0].automated.open",
        "personas[0].automated.click",
        "calendar.horizon_days",
        "calendar.start",
    ] {
        assert_eq!(p.iter().filter(|l| l.starts_with(&format!("{path}: wrong kind of value"))).count(), 1, "{path} in {p:#?}");
    }
    // A wrong required field is reported as wrong, not also as missing.
    assert!(!p.iter().any(|l| l.contains("missing field")), "{p:#?}");
    assert_eq!(p.len(), 7, "{p:#?}");
}

#[test]
fn every_meaning_problem_is_reported_at_once_with_its_path() {
    let mut v = ebook_value();
    v["calendar"]["horizon_days"] = 0.into();
    v["workflows"][1]["steps"][0] = serde_json::json!({"delay": {"wait": {"days": 0}}});
    v["personas"][0]["automated"]["open"] = 1.5.into();
    v["contacts"][1]["same_person_as"] = "nobody".into();
    v["workflows"][1]["steps"][2] = serde_json::json!({"branch": {"when": "opened", "go_to_step": 0}});
    v["calendar"]["sales_hours"] = serde_json::json!({"days": [], "opens": "12:00", "closes": "08:00"});
    let p = problems(&v.to_string());
    for expected in [
        "calendar.sales_hours.days: needs at least one working day",
        "calendar.sales_hours.closes: must be later than the opening time",
        "calendar.horizon_days: must be from 1 to 730 days",
        "workflows[1].steps[0].wait: must be positive",
        "personas[0].automated.open: must be a chance from 0 to 1, not 1.5",
        "contacts[1].same_person_as: no contact has the id \"nobody\"",
        "workflows[1].steps[2].go_to_step: must be a later step, from 3 to 8 (the end)",
    ] {
        assert!(p.iter().any(|l| l == expected), "missing {expected:?} in {p:#?}");
    }
}

#[test]
fn a_missing_section_is_named() {
    let mut v = ebook_value();
    v.as_object_mut().unwrap().remove("sales_cadence");
    assert!(problems(&v.to_string()).contains(&"sales_cadence: is missing".to_string()));
}

#[test]
fn json_that_is_not_an_object_is_refused() {
    assert_eq!(problems("[1, 2]"), ["a scenario file must be a JSON object ({ … })"]);
}

#[test]
fn every_built_in_sample_loads() {
    for s in samples::ALL {
        if let Err(e) = s.scenario() {
            panic!("sample {} does not load:\n{e}", s.id);
        }
    }
}

#[test]
fn a_scenarios_version_follows_every_change_and_survives_saving() {
    let s = baton::samples::ebook_playbook().unwrap();
    let v = baton::engine::load::fingerprint(&s);
    assert_eq!(v.len(), 9, "{v}");
    assert!(v.chars().all(|c| c == '-' || c.is_ascii_hexdigit()), "{v}");
    let back = baton::engine::load::load(&baton::engine::load::to_json(&s)).unwrap();
    assert_eq!(baton::engine::load::fingerprint(&back), v);
    let mut changed = s.clone();
    changed.lifecycle.handoff_score += 1;
    assert_ne!(baton::engine::load::fingerprint(&changed), v);
    let mut signed = s.clone();
    signed.sign_off.team = "Acme revenue team".into();
    assert_ne!(baton::engine::load::fingerprint(&signed), v);
}

#[test]
fn the_sign_off_is_read_and_its_texts_are_kept_short() {
    let mut value: serde_json::Value = serde_json::from_str(&baton::engine::load::to_json(&baton::samples::ebook_playbook().unwrap())).unwrap();
    value["sign_off"] = serde_json::json!({ "team": "Acme revenue team", "marketing_owner": "Sam Lee" });
    let s = baton::engine::load::load_value(value.clone()).unwrap();
    assert_eq!((s.sign_off.team.as_str(), s.sign_off.marketing_owner.as_str(), s.sign_off.sales_owner.as_str()), ("Acme revenue team", "Sam Lee", ""));
    value["sign_off"]["sales_owner"] = serde_json::Value::String("x".repeat(500));
    let e = baton::engine::load::load_value(value.clone()).unwrap_err();
    assert!(e.to_string().contains("sign_off.sales_owner") && e.to_string().contains("120 characters"), "{e}");
    value["sign_off"] = serde_json::json!({ "teams": "typo" });
    let e = baton::engine::load::load_value(value).unwrap_err();
    assert!(e.to_string().contains("teams"), "{e}");
}
