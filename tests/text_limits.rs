//! The length check of every string (`engine::text_limits`) walks the scenario without
//! building a JSON tree. It must find exactly what a walk over the JSON tree finds: the same
//! paths and messages, for a string grown too long anywhere in any sample and for a map
//! key grown too long. The tree walk here is the reference (it was the check before).

use baton::engine::load::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
use baton::engine::text_limits::too_long;
use baton::engine::Scenario;
use serde_json::Value;

/// The reference: every string of the JSON tree, with its path.
fn reference(v: &Value, path: &mut String, free: bool, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(text) => {
            let limit = if free { MAX_TEXT_CHARS } else { MAX_NAME_CHARS };
            if text.chars().count() > limit {
                out.push((path.clone(), format!("must be at most {limit} characters, not {}", text.chars().count())));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                reference(item, path, free, out);
                path.truncate(len);
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                if key.chars().count() > MAX_NAME_CHARS {
                    out.push((path.clone(), format!("a name in it must be at most {MAX_NAME_CHARS} characters, not {}", key.chars().count())));
                    continue;
                }
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                reference(field, path, matches!(key.as_str(), "description" | "summary" | "prepared_answers"), out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Paths and texts too long: as the walk finds them, and as the reference finds them.
type Found = Vec<(String, String)>;

fn both(s: &Scenario) -> (Found, Found) {
    let mut walked = too_long(s, MAX_NAME_CHARS, MAX_TEXT_CHARS);
    let mut expected = Vec::new();
    reference(&serde_json::to_value(s).unwrap(), &mut String::new(), false, &mut expected);
    // The tree sorts an object's keys; the walk follows the file's order.
    walked.sort();
    expected.sort();
    (walked, expected)
}

/// Every string leaf of the tree (its position as a list of steps).
fn string_leaves(v: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match v {
        Value::String(_) => out.push(at.clone()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(Step::Index(i));
                string_leaves(item, at, out);
                at.pop();
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                at.push(Step::Key(key.clone()));
                string_leaves(field, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn leaf<'a>(v: &'a mut Value, at: &[Step]) -> &'a mut Value {
    at.iter().fold(v, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

#[test]
fn every_string_grown_too_long_is_found_where_the_tree_walk_finds_it() {
    let mut checked = 0;
    for sample in baton::samples::ALL {
        let s = sample.scenario().unwrap();
        let tree = serde_json::to_value(&s).unwrap();
        let (walked, expected) = both(&s);
        assert_eq!(walked, expected);
        assert!(walked.is_empty(), "{}: {walked:?}", sample.id);
        let mut leaves = Vec::new();
        string_leaves(&tree, &mut Vec::new(), &mut leaves);
        for at in leaves {
            // Long enough for free text too; kept where the scenario still reads (an id,
            // a date or a stage that changes text no longer loads, and has no length check).
            let mut grown = tree.clone();
            let long = "é".repeat(MAX_TEXT_CHARS + 1);
            *leaf(&mut grown, &at) = Value::String(long);
            let Ok(s) = serde_json::from_value::<Scenario>(grown) else { continue };
            let (walked, expected) = both(&s);
            assert_eq!(walked, expected, "{}: {at:?}", sample.id);
            assert_eq!(walked.len(), 1, "{}: {at:?}", sample.id);
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} strings could be grown");
}

#[test]
fn a_map_key_too_long_is_found_and_its_value_is_not_walked() {
    let mut s = baton::samples::ebook_playbook().unwrap();
    let mut import = baton::engine::crm_import::ImportOptions::default();
    import.statuses.insert("k".repeat(MAX_NAME_CHARS + 1), baton::engine::scenario::LeadStatus::New);
    s.crm_import = Some(import);
    let (walked, expected) = both(&s);
    assert_eq!(walked, expected);
    assert_eq!(
        walked,
        vec![("crm_import.statuses".to_string(), format!("a name in it must be at most {MAX_NAME_CHARS} characters, not {}", MAX_NAME_CHARS + 1))]
    );
}
