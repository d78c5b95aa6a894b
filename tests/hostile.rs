//! Files from strangers: numbers that would wrap, hang or exhaust memory are refused with
//! their range, links that are too long are not decoded, a flood of problems is cut to a
//! readable list, and exports cannot smuggle spreadsheet formulas.

use baton::app::share::{fragment, read, ShareError, MAX_LINK, PREFIX};
use baton::engine::export::{calendar_csv, cell};
use baton::engine::load::{to_json, MAX_PROBLEMS};
use baton::engine::scenario::Decay;
use baton::engine::{load, simulate, validate, HandoffOption};
use baton::samples;

fn problems_of(s: &baton::engine::Scenario) -> Vec<String> {
    validate(s).iter().map(|p| p.to_string()).collect()
}

/// Regression: `quiet_days` = 134217728 made `quiet_days * 1440` wrap and `baton simulate`
/// run forever; `points` = -1 grew the calendar to 3 GB. `validate` accepted both.
#[test]
fn decay_numbers_that_would_hang_the_simulation_are_refused_with_their_range() {
    let mut s = samples::ebook_playbook().unwrap();
    s.scoring.decay = Some(Decay { quiet_days: 134_217_728, points: -1 });
    let p = problems_of(&s);
    assert!(p.contains(&"scoring.decay.quiet_days: must be from 1 to 730 days, not 134217728".to_string()), "{p:?}");
    assert!(p.contains(&"scoring.decay.points: must be from 1 to 10000 points, not -1".to_string()), "{p:?}");
    s.scoring.decay = Some(Decay { quiet_days: u32::MAX, points: 5 });
    assert!(!validate(&s).is_empty());
}

/// Regression: a start in the year 262142 panicked ("NaiveDate + TimeDelta overflowed").
#[test]
fn a_start_date_far_in_the_future_is_refused_not_a_panic() {
    let mut json: serde_json::Value = serde_json::from_str(&to_json(&samples::ebook_playbook().unwrap())).unwrap();
    json["calendar"]["start"] = "+262142-12-01".into();
    let err = load(&json.to_string()).unwrap_err();
    assert!(err.to_string().contains("calendar.start: must be from 1970 to 2200"), "{err}");
}

#[test]
fn arrival_and_script_days_sla_hours_and_scores_have_ranges() {
    let mut s = samples::by_id("scripted-lead").unwrap().scenario().unwrap();
    s.contacts[0].arrives_day = 4_000_000;
    s.contacts[0].script.as_mut().unwrap().events[0].day = 4_000_000;
    s.sla.first_touch_hours = u32::MAX;
    s.lifecycle.handoff_score = i32::MAX;
    s.scoring.behaviour[0].points = i32::MIN;
    let p = problems_of(&s).join("\n");
    for path in
        ["contacts[0].arrives_day", "contacts[0].script.events[0].day", "sla.first_touch_hours", "lifecycle.handoff_score", "scoring.behaviour[0].points"]
    {
        assert!(p.contains(&format!("{path}: must be from")), "{path} missing in:\n{p}");
    }
}

/// Regression: "+-05:00" was read as an offset.
#[test]
fn a_utc_offset_must_be_written_exactly() {
    use baton::engine::calendar::UtcOffset;
    for bad in ["+-05:00", "+5:00", "+05:0", "+05:00x", "05:00", "+15:00"] {
        assert!(UtcOffset::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(UtcOffset::parse("-05:30").unwrap().minutes(), -330);
}

#[test]
fn a_link_longer_than_any_baton_makes_is_not_decoded() {
    let long = format!("{PREFIX}{}", "A".repeat(MAX_LINK + 1));
    assert_eq!(read(&long), Err(ShareError::TooLong(MAX_LINK + 1)));
}

/// Regression: a 2,645-character link produced 1,000,009 problem lines.
#[test]
fn a_flood_of_problems_is_cut_to_a_readable_list_with_a_count() {
    let mut s = samples::ebook_playbook().unwrap();
    let c = s.contacts[0].clone();
    for i in 0..3000 {
        let mut x = c.clone();
        x.id = format!("x{i}");
        x.persona = "nobody".into();
        s.contacts.push(x);
    }
    let err = load(&to_json(&s)).unwrap_err();
    let lines = err.lines();
    assert_eq!(lines.len(), MAX_PROBLEMS + 1);
    assert_eq!(lines.last().unwrap(), "… and 2900 more problems; fix these first");
    let frag = fragment(&s);
    if frag.len() <= MAX_LINK {
        match read(&frag) {
            Err(ShareError::Invalid(lines)) => assert_eq!(lines.len(), MAX_PROBLEMS + 1),
            other => panic!("expected problems, got {other:?}"),
        }
    }
}

/// Regression: a contact id `=HYPERLINK("http://…")` became a live formula in a
/// spreadsheet that opened the calendar CSV.
#[test]
fn calendar_csv_cells_cannot_be_spreadsheet_formulas() {
    assert_eq!(cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
    for danger in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
        assert!(cell(danger).starts_with('\''), "{danger:?}");
    }
    assert_eq!(cell("jane@example.com"), "jane@example.com");
    let mut s = samples::by_id("scripted-lead").unwrap().scenario().unwrap();
    s.contacts[0].id = "=HYPERLINK(\"http://evil.example\")".into();
    let csv = calendar_csv(&s, &[simulate(&s, HandoffOption::OnlyMass, 1)]);
    assert!(csv.lines().skip(1).all(|l| !l.contains(",=HYPERLINK") && !l.contains(",\"=HYPERLINK")), "{csv}");
    assert!(csv.contains("'=HYPERLINK"));
}

/// Regression: saving and loading changed 999.1844674407371 to …372.
#[test]
fn numbers_survive_saving_and_loading_exactly() {
    let mut s = samples::ebook_playbook().unwrap();
    s.reps[0].first_touch_hours = 999.1844674407371;
    s.personas[0].automated.open = 0.1 + 0.2;
    let back = load(&to_json(&s)).unwrap();
    assert_eq!(back.reps[0].first_touch_hours.to_bits(), 999.1844674407371f64.to_bits());
    assert_eq!(back.personas[0].automated.open.to_bits(), (0.1f64 + 0.2).to_bits());
}

/// Regression: 250 habits at 1,000 a month (a 15 KB file) made 6 million calendar entries
/// per contact; 2,000,000 contacts × 730 days needed 2.26 GB per option.
#[test]
fn a_scenario_too_large_for_a_browser_is_refused_with_what_to_reduce() {
    use baton::engine::scenario::{Activity, Habit};
    let mut s = samples::ebook_playbook().unwrap();
    s.calendar.horizon_days = 730;
    s.personas[0].habits = (0..250).map(|k| Habit { action: Activity::VisitPage { page: format!("Page {k}") }, per_month: 1000.0 }).collect();
    let p = problems_of(&s).join("\n");
    assert!(p.contains("more than the 40 million a browser can hold"), "{p}");
    assert!(p.contains(&format!("a \"{}\" contact gets about", s.personas[0].name)), "{p}");

    let mut s = samples::ebook_playbook().unwrap();
    s.calendar.horizon_days = 730;
    s.generate[0].count = 2_000_000;
    let p = problems_of(&s).join("\n");
    assert!(p.contains("fewer contacts (now 2000"), "{p}");
    assert!(p.contains("fewer days (now 730)"), "{p}");
}

#[test]
fn a_large_but_reasonable_scenario_fits_the_budget() {
    // The benchmark's size: 100,000 contacts over a year.
    let mut s = samples::ebook_playbook().unwrap();
    s.calendar.horizon_days = 365;
    let total: u32 = s.generate.iter().map(|g| g.count).sum();
    for g in s.generate.iter_mut() {
        g.count = g.count * 100_000 / total;
    }
    assert!(baton::engine::budget::too_large(&s).is_none(), "{:?}", baton::engine::budget::estimate(&s).total);
    // The estimate errs on the safe side of what a simulation produces.
    let small = samples::ebook_playbook().unwrap();
    let actual = simulate(&small, HandoffOption::Everything, 1).items.total_items() as f64;
    let e = baton::engine::budget::estimate(&small).total;
    assert!(e >= actual && e <= actual * 5.0, "estimate {e} against {actual}");
}

#[test]
fn one_contacts_calendar_stops_at_its_entry_limit_and_says_so() {
    use baton::engine::budget::MAX_ENTRIES_PER_CONTACT;
    use baton::engine::scenario::{Activity, Habit};
    let mut s = samples::by_id("scripted-lead").unwrap().scenario().unwrap();
    s.calendar.horizon_days = 730;
    s.contacts[0].script = None;
    s.personas[0].habits = (0..250).map(|k| Habit { action: Activity::VisitPage { page: format!("Page {k}") }, per_month: 1000.0 }).collect();
    assert!(validate(&s).is_empty(), "one such contact fits the budget: {:?}", problems_of(&s));
    let o = simulate(&s, HandoffOption::CeaseAll, 1);
    let n = o.items.contact(0).len();
    assert!((MAX_ENTRIES_PER_CONTACT..MAX_ENTRIES_PER_CONTACT + 50).contains(&n), "{n} entries");
    assert!(o.warnings.iter().any(|w| w.contains("were cut short")), "{:?}", o.warnings);
}

/// With overflow checks on (as `cargo test` builds), a scenario at the edge of every range
/// simulates without a panic: the ranges keep every sum of scores and times in bounds.
#[test]
fn a_scenario_at_the_edge_of_every_range_simulates_without_overflow() {
    use baton::engine::scenario::{BehaviourRule, FitRule, ScoredEvent, TraitName};
    let mut s = samples::by_id("scripted-lead").unwrap().scenario().unwrap();
    s.calendar.horizon_days = 730;
    s.contacts[0].score = 1_000_000;
    s.contacts[0].arrives_day = 729;
    s.lifecycle.mql_score = 1_000_000;
    s.lifecycle.handoff_score = 1_000_000;
    s.scoring.max_score = Some(1_000_000);
    s.scoring.decay = Some(Decay { quiet_days: 1, points: 10_000 });
    s.scoring.fit = (0..1000).map(|_| FitRule { trait_name: TraitName::Industry, equals: s.contacts[0].traits.industry.clone(), points: 10_000 }).collect();
    s.scoring.behaviour = (0..1000)
        .map(|k| BehaviourRule {
            event: if k % 2 == 0 { ScoredEvent::PageVisit } else { ScoredEvent::EmailOpen },
            name: String::new(),
            points: if k % 3 == 0 { -10_000 } else { 10_000 },
            cap: Some(-1_000_000),
        })
        .collect();
    s.sla.first_touch_hours = 8_760;
    s.sla.notice_hours_before = 8_760;
    assert!(validate(&s).is_empty(), "{:?}", problems_of(&s));
    for option in HandoffOption::ALL {
        let o = simulate(&s, option, 1);
        assert!(o.items.contact(0).iter().all(|it| it.at < 730 * 1440));
    }
    s.scoring.fit.push(s.scoring.fit[0].clone());
    assert!(problems_of(&s).iter().any(|p| p.starts_with("scoring.fit: at most 1,000 rules")));
}

/// Regression (found by the fuzzer's seed corpus, from the issue): a 100,000-character
/// page name visited 1,000 times a month made the JSON calendar need gigabytes. Names are
/// limited to 200 characters and free text to 5,000, with the path in the message.
#[test]
fn names_and_texts_have_a_length_limit_with_the_path_in_the_message() {
    let mut json: serde_json::Value = serde_json::from_str(&to_json(&samples::ebook_playbook().unwrap())).unwrap();
    json["personas"][0]["habits"][0]["action"]["visit_page"]["page"] = "x".repeat(100_000).into();
    json["description"] = "y".repeat(5_001).into();
    let err = load(&json.to_string()).unwrap_err().to_string();
    assert!(err.contains("personas[0].habits[0].action.visit_page.page: must be at most 200 characters, not 100000"), "{err}");
    assert!(err.contains("description: must be at most 5000 characters, not 5001"), "{err}");
    json["personas"][0]["habits"][0]["action"]["visit_page"]["page"] = "x".repeat(200).into();
    json["description"] = "y".repeat(5_000).into();
    assert!(load(&json.to_string()).is_ok());
}

/// The command line streams its output a contact at a time: the JSON document is the same
/// as one built whole.
#[test]
fn the_streamed_json_outcome_is_the_whole_document() {
    let s = samples::ebook_playbook().unwrap();
    let o = simulate(&s, HandoffOption::OnlyMass, 3);
    let streamed: serde_json::Value = serde_json::to_value(baton::engine::export::outcome_json(&s, &o)).unwrap();
    let contacts = streamed["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), o.items.len());
    let entries: usize = contacts.iter().map(|c| c["entries"].as_array().unwrap().len()).sum();
    assert_eq!(entries, o.items.total_items());
    assert_eq!(contacts[0]["id"], s.contacts.first().map(|c| c.id.clone()).unwrap_or_default().as_str());
}

/// Regression (tests/fuzz/share-800000-problems.txt): a link whose 800,000 contacts are all
/// the wrong type took over a second to check one by one. A list wrong a thousand times is
/// not checked to its end, and says so.
#[test]
fn a_list_wrong_thousands_of_times_is_not_checked_to_its_end() {
    let mut json: serde_json::Value = serde_json::from_str(&to_json(&samples::ebook_playbook().unwrap())).unwrap();
    json["contacts"] = serde_json::Value::Array(vec![0.into(); 5_000]);
    let err = load(&json.to_string()).unwrap_err();
    let baton::engine::LoadError::Invalid(problems) = &err else { panic!("{err}") };
    assert_eq!(problems.len(), 10 * MAX_PROBLEMS + 1);
    assert_eq!(problems.last().unwrap().to_string(), "contacts: the other 4000 entries were not checked");
    assert_eq!(err.lines().len(), MAX_PROBLEMS + 1);
}

#[test]
fn a_file_too_large_for_a_browser_tab_is_refused_by_its_size_before_it_is_read() {
    use baton::engine::load::{file_too_large, MAX_FILE_BYTES};
    assert_eq!(file_too_large(0), None);
    assert_eq!(file_too_large(MAX_FILE_BYTES), None, "a file of exactly the limit is read");
    let why = file_too_large(MAX_FILE_BYTES + 1).expect("one byte over is refused");
    assert!(why.contains("the file is 101 MB") && why.contains("up to 100 MB"), "{why}");
    let why = file_too_large(3_120_000_000).unwrap();
    assert!(why.contains("3120 MB"), "{why}");
}
