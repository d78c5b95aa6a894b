//! What-if sweeps: a setting over a range, every option, the goals.

mod common;

use baton::engine::figures::{compare, Figure};
use baton::engine::scenario::{BehaviourRule, ScoredEvent, Script};
use baton::engine::sweep::{nearest_meeting, sweep, Axis, Goal, Setting, WhatIf};
use baton::engine::{HandoffOption, Scenario};

/// Five scripted leads who fill a form 5, 6, 7, 8 and 9 times (10 points each), so they
/// end at scores 50 to 90 and nothing else happens to them.
fn five_leads() -> Scenario {
    let mut s = common::base();
    s.scoring.behaviour.push(BehaviourRule { event: ScoredEvent::FormFill, name: String::new(), points: 10, cap: None });
    for k in 5..=9u32 {
        let events = (1..=k).map(|d| common::form_at(d, 10, 0, "Whitepaper")).collect();
        s.contacts.push(common::contact(&format!("lead{k}"), 0, (9, 0), Script { events, ..Script::default() }));
    }
    s
}

/// By hand: a handoff score of T hands off the leads whose score reaches T, so handoffs
/// are 5, 5, 4, 3, 2, 1, 0 for T = 40 … 100. "At least 3 and at most 4 handoffs" is met at
/// 60 and 70, and from the current 80 the nearest is 70.
#[test]
fn a_goal_picks_the_value_a_hand_calculation_predicts() {
    let s = five_leads();
    let w = WhatIf {
        axes: vec![Axis::parse("lifecycle.handoff_score=40..100:10").unwrap()],
        runs: 1,
        goals: vec![Goal::parse("handoffs>=3").unwrap(), Goal::parse("handoffs<=4").unwrap()],
        figure: Figure::Handoffs,
    };
    let cells = sweep(&s, &w, 1).unwrap();
    let handoffs: Vec<f64> = cells.iter().map(|c| c.options[0].value(Figure::Handoffs)).collect();
    assert_eq!(handoffs, [5.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0]);
    let meeting: Vec<f64> = cells.iter().filter(|c| c.meets(HandoffOption::CeaseAll, &w.goals)).map(|c| c.values[0]).collect();
    assert_eq!(meeting, [60.0, 70.0]);
    let nearest = nearest_meeting(&cells, &s, &w, HandoffOption::CeaseAll).expect("a value meets the goals");
    assert_eq!(nearest.values, [70.0]);
    let impossible = WhatIf { goals: vec![Goal::parse("handoffs=6").unwrap()], ..w.clone() };
    assert!(nearest_meeting(&cells, &s, &impossible, HandoffOption::CeaseAll).is_none());
}

/// Each cell's figures are those of the scenario edited by hand to that value and compared
/// over the same seeds: the sweep adds nothing of its own.
#[test]
fn a_sweeps_figures_equal_separate_simulations_of_each_value() {
    let s = baton::samples::ebook_playbook().unwrap();
    let w = WhatIf {
        axes: vec![Axis::parse("frequency_cap.max_emails=2..4").unwrap(), Axis::parse("sales_cadence.dark_after_days=5..9:4").unwrap()],
        runs: 3,
        goals: vec![],
        figure: Figure::SameDayConflicts,
    };
    let cells = sweep(&s, &w, 11).unwrap();
    assert_eq!(cells.len(), 3 * 2);
    for c in &cells {
        let mut t = s.clone();
        t.frequency_cap.as_mut().expect("the sample has a cap").max_emails = c.values[0] as u32;
        t.sales_cadence.dark_after_days = c.values[1] as u32;
        assert_eq!(c.options, compare(&t, &HandoffOption::ALL, 11, 3), "at {:?}", c.values);
    }
    // The grid runs the first setting slowest.
    let values: Vec<Vec<f64>> = cells.iter().map(|c| c.values.clone()).collect();
    assert_eq!(values, [[2.0, 5.0], [2.0, 9.0], [3.0, 5.0], [3.0, 9.0], [4.0, 5.0], [4.0, 9.0]]);
}

#[test]
fn every_setting_reads_back_what_it_sets_and_its_path() {
    let s = baton::samples::ebook_playbook().unwrap();
    let all = Setting::all_for(&s);
    assert!(all.len() > 15, "{all:?}");
    for setting in all {
        assert_eq!(Setting::parse(&setting.path()), Ok(setting.clone()));
        let now = setting.get(&s).unwrap_or_else(|| panic!("{} has a value", setting.path()));
        let to = if setting.whole() { now + 3.0 } else { 0.25 };
        let mut t = s.clone();
        setting.set(&mut t, to).unwrap();
        assert_eq!(setting.get(&t), Some(to), "{}", setting.path());
        assert_eq!(baton::engine::validate(&t), vec![], "{} = {to}", setting.path());
        let axis = setting.suggested(&s).expect("a suggested range");
        assert!(axis.check().is_ok() && axis.values().len() >= 2, "{axis:?}");
    }
    // Touches beyond the cadence repeat the last one, three days later.
    let mut t = s.clone();
    Setting::SalesTouches.set(&mut t, 7.0).unwrap();
    let days: Vec<u32> = t.sales_cadence.touches.iter().map(|x| x.day).collect();
    assert_eq!(days.len(), 7);
    assert_eq!(days[6], days[5] + 3);
}

#[test]
fn ranges_and_goals_say_what_is_wrong() {
    let err = |t: &str| Axis::parse(t).unwrap_err();
    assert!(err("lifecycle.handoff=60..100:5").contains("is not a setting a sweep can vary"));
    assert!(err("lifecycle.handoff_score=100..60:5").contains("must not be below the start"));
    assert!(err("lifecycle.handoff_score=60..100:0").contains("the step must be above 0"));
    assert!(err("lifecycle.handoff_score=0..100000:1").contains("at most 201"));
    assert!(err("lifecycle.handoff_score=60-100").contains("FROM..TO:STEP"));
    assert_eq!(Axis::parse("personas.student.open=0..1:0.25").unwrap().values(), [0.0, 0.25, 0.5, 0.75, 1.0]);
    assert_eq!(Axis::parse("lifecycle.mql_score=1..2").unwrap().values(), [1.0, 2.0]);
    assert!(Goal::parse("happiness>=3").unwrap_err().contains("is not a figure"));
    assert!(Goal::parse("sla_breaches<5").unwrap_err().contains("FIGURE<=N"));
    assert_eq!(Goal::parse("same_day_conflicts=0").unwrap().describe(), "Same-day conflicts = 0");
    assert_eq!(Goal::parse("mqls_per_month>=50").unwrap().describe(), "MQLs per month \u{2265} 50");
}

/// Saved with the scenario: through the file and the share link, with limits on what a
/// file may ask for.
#[test]
fn a_sweep_travels_with_the_scenario_and_has_limits() {
    let mut s = baton::samples::ebook_playbook().unwrap();
    s.what_if = Some(WhatIf {
        axes: vec![Axis::parse("lifecycle.handoff_score=60..100:5").unwrap()],
        runs: 5,
        goals: vec![Goal::parse("sla_breaches<=5").unwrap()],
        figure: Figure::SlaBreaches,
    });
    let text = baton::engine::load::to_json(&s);
    assert!(text.contains("\"setting\": \"lifecycle.handoff_score\""), "{text}");
    assert_eq!(baton::engine::load(&text).unwrap(), s);
    let link = baton::app::share::fragment(&s);
    assert_eq!(baton::app::share::read(&link).unwrap(), s);

    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["what_if"]["runs"] = 500.into();
    v["what_if"]["axes"][0]["step"] = 0.into();
    let lines = baton::engine::load(&v.to_string()).unwrap_err().lines().join("\n");
    assert!(lines.contains("what_if.runs: from 1 to 20"), "{lines}");
    assert!(lines.contains("what_if.axes[0]: the step must be above 0"), "{lines}");
    v["what_if"]["axes"][0]["setting"] = "lifecycle.nothing".into();
    let lines = baton::engine::load(&v.to_string()).unwrap_err().lines().join("\n");
    assert!(lines.contains("is not a setting a sweep can vary"), "{lines}");
}
