//! Invariants that must hold for every scenario, checked on generated ones (proptest).

use baton::engine::scenario::*;
use baton::engine::{load, simulate, HandoffOption, Reason, Scenario, Simulation, What};
use proptest::prelude::*;

/// The eBook sample with generated changes: population sizes, horizon, cap, option,
/// handoff point, business hours, event leads.
fn scenario() -> impl Strategy<Value = (Scenario, u64)> {
    (
        prop::collection::vec(0u32..12, 7),
        20u32..150,
        prop::option::of((1u32..5, 1u32..14, prop::bool::ANY, prop::bool::ANY, prop::bool::ANY)),
        0usize..4,
        prop::bool::ANY,
        0u32..6,
        any::<u64>(),
        prop::bool::ANY,
    )
        .prop_map(|(counts, horizon, cap, option, at_mql, events, seed, delay_cap)| {
            let mut s = baton::samples::ebook_playbook().expect("sample loads");
            for (g, c) in s.generate.iter_mut().zip(counts) {
                g.count = c;
            }
            s.generate.push(PopulationGroup {
                persona: "ready_buyer".into(),
                count: events,
                source: Source::EventCard { marked_in_crm: events % 2 == 0 },
                arrive_over_days: 10,
                stage: Stage::Lead,
            });
            s.calendar.horizon_days = horizon;
            s.frequency_cap = cap.map(|(max, days, a, m, sales)| {
                let mut counts = vec![];
                if a {
                    counts.push(EmailKind::Automated);
                }
                if m {
                    counts.push(EmailKind::Mass);
                }
                if sales || counts.is_empty() {
                    counts.push(EmailKind::Sales);
                }
                FrequencyCap {
                    max_emails: max,
                    per_days: days,
                    counts,
                    over_cap: if delay_cap { OverCap::Delay } else { OverCap::Skip },
                    priority: default_priority(),
                }
            });
            s.handoff_option = HandoffOption::ALL[option];
            if at_mql {
                s.lifecycle.handoff_at = HandoffPoint::Mql;
            }
            (s, seed)
        })
}

fn is_leak(r: Reason) -> bool {
    matches!(r, Reason::LeakDuplicate | Reason::LeakUnmarkedEventLead)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn option_one_sends_no_marketing_email_while_sales_owns_the_lead((s, seed) in scenario()) {
        let o = simulate(&s, HandoffOption::CeaseAll, seed);
        for c in 0..o.items.len() {
            for it in o.items.contact(c) {
                if it.what == What::EmailSent && it.owner != 0 && !is_leak(it.reason) {
                    let kind = o.email(it).map(|e| e.kind).unwrap();
                    prop_assert_eq!(kind, EmailKind::Sales, "{}", o.describe(it));
                }
            }
        }
    }

    #[test]
    fn option_two_sends_no_automated_email_while_sales_owns_the_lead((s, seed) in scenario()) {
        let o = simulate(&s, HandoffOption::OnlyMass, seed);
        for c in 0..o.items.len() {
            for it in o.items.contact(c) {
                if it.what == What::EmailSent && it.owner != 0 && !is_leak(it.reason) {
                    let kind = o.email(it).map(|e| e.kind).unwrap();
                    prop_assert_ne!(kind, EmailKind::Automated, "{}", o.describe(it));
                }
            }
        }
    }

    #[test]
    fn every_held_back_email_has_a_reason_and_calendars_are_in_time_order((s, seed) in scenario()) {
        let o = simulate(&s, s.handoff_option, seed);
        for c in 0..o.items.len() {
            let items = o.items.contact(c);
            for w in items.windows(2) {
                prop_assert!(w[0].at <= w[1].at, "out of order: {} then {}", o.describe(&w[0]), o.describe(&w[1]));
            }
            for it in items {
                prop_assert!(it.at < o.clock.end);
                if it.what == What::EmailSuppressed {
                    prop_assert!(it.reason != Reason::None && !o.reason_text(it).is_empty());
                }
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_outcome((s, seed) in scenario()) {
        prop_assert_eq!(simulate(&s, s.handoff_option, seed).digest(), simulate(&s, s.handoff_option, seed).digest());
    }

    #[test]
    fn running_a_few_contacts_at_a_time_gives_the_same_outcome((s, seed) in scenario(), slice in 1usize..40) {
        let whole = simulate(&s, s.handoff_option, seed).digest();
        let mut sim = Simulation::new(&s, s.handoff_option, seed);
        let mut steps = 0;
        while !sim.advance(slice) {
            steps += 1;
        }
        let (done, total) = sim.progress();
        prop_assert_eq!(done, total);
        prop_assert!(steps + 1 >= total / slice);
        prop_assert_eq!(sim.finish().digest(), whole);
    }

    #[test]
    fn a_scenario_survives_a_json_round_trip_unchanged((s, _seed) in scenario()) {
        let text = baton::engine::load::to_json(&s);
        let back = load(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, s);
    }

    #[test]
    fn arbitrary_text_never_panics_the_loader(text in ".{0,400}") {
        let _ = load(&text);
    }

    #[test]
    fn arbitrary_changes_to_a_valid_file_never_panic_the_loader(
        path in prop::collection::vec(0usize..40, 1..5),
        value in prop_oneof![
            Just(serde_json::Value::Null),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_map(|f| serde_json::json!(f)),
            ".{0,12}".prop_map(serde_json::Value::from),
            Just(serde_json::json!([])),
            Just(serde_json::json!({})),
        ],
    ) {
        let mut v: serde_json::Value = serde_json::from_str(baton::samples::ALL[0].json).unwrap();
        // Walk the path read-only to build a JSON pointer, then replace that node.
        let mut pointer = String::new();
        let mut node = &v;
        for step in path {
            match node {
                serde_json::Value::Object(m) if !m.is_empty() => {
                    let key = m.keys().nth(step % m.len()).cloned().unwrap();
                    pointer.push('/');
                    pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                    node = &m[&key];
                }
                serde_json::Value::Array(a) if !a.is_empty() => {
                    let i = step % a.len();
                    pointer.push_str(&format!("/{i}"));
                    node = &a[i];
                }
                _ => break,
            }
        }
        if let Some(target) = v.pointer_mut(&pointer) {
            *target = value;
        }
        if let Ok(s) = load(&v.to_string()) {
            // Whatever loads must also simulate.
            let _ = simulate(&s, s.handoff_option, 1);
        }
    }
}

proptest! {
    /// The CRM import's quick reading of YYYY-MM-DD dates reads them as chrono does, and
    /// reads nothing chrono would read otherwise.
    #[test]
    fn a_crm_date_read_quickly_is_the_date_chrono_reads(strict in "[0-9]{4}-[0-9]{2}-[0-9]{2}", any in "\\PC{0,12}") {
        let chrono = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        prop_assert_eq!(baton::engine::crm_import::iso_date(&strict), chrono(&strict));
        if let Some(d) = baton::engine::crm_import::iso_date(&any) {
            prop_assert_eq!(Some(d), chrono(&any));
        }
    }
}
