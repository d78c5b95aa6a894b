//! Small helpers for engine tests: a quiet base scenario whose contacts do nothing by
//! chance, and readers that turn an outcome into rows a test can compare.

#![allow(dead_code)]

use baton::engine::calendar::{ClockTime, DAY};
use baton::engine::scenario::*;
use baton::engine::{simulate, HandoffOption, Outcome, Reason, What};

/// A persona that never does anything by chance.
pub fn quiet_persona(id: &str) -> Persona {
    let none = Reactions { open: 0.0, click: 0.0, reply: 0.0, meeting: 0.0, unsubscribe: 0.0 };
    Persona {
        id: id.into(),
        name: id.into(),
        automated: none.clone(),
        mass: none.clone(),
        sales: none,
        habits: vec![],
        fatigue: Fatigue::default(),
        win_chance: 0.0,
        loss_reasons: vec![],
        bounce_chance: 0.0,
        after_reply: AfterReply { bad_timing: 0.0, unqualified: 0.0 },
        released_cold_after_first_attempt: 0.0,
        trait_mix: TraitMix::default(),
    }
}

/// A named contact with a script (so nothing is left to chance).
pub fn contact(id: &str, day: u32, at: (u32, u32), script: Script) -> Contact {
    Contact {
        id: id.into(),
        name: format!("Contact {id}"),
        email: format!("{id}@example.com"),
        company: String::new(),
        traits: Traits::default(),
        persona: "quiet".into(),
        source: Source::Import,
        arrives_day: day,
        arrives_at: ClockTime::new(at.0, at.1),
        stage: Stage::Lead,
        score: 0,
        utc_offset: None,
        owner: None,
        same_person_as: None,
        script: Some(script),
        existing: None,
    }
}

/// A scripted form fill at day/time.
pub fn form_at(day: u32, h: u32, m: u32, asset: &str) -> ScriptedEvent {
    ScriptedEvent { day, at: ClockTime::new(h, m), action: ScriptAction::FillForm { asset: asset.into() } }
}

/// A workflow triggered by a form, with the given steps.
pub fn workflow(name: &str, form: &str, steps: Vec<Step>) -> Workflow {
    Workflow {
        name: name.into(),
        trigger: Trigger::FormFill { asset: form.into() },
        steps,
        goal: None,
        exit_when: vec![],
        reenroll: false,
        suppression_lists: vec![],
        business_hours_only: false,
        priority: 0,
        resume_after_return: false,
        repeat_content: false,
    }
}

pub fn email(name: &str) -> Step {
    Step::Email { name: name.into() }
}

pub fn wait_days(days: u32) -> Step {
    Step::Delay { wait: Duration::days(days), up_to: None }
}

pub fn wait_minutes(minutes: u32) -> Step {
    Step::Delay { wait: Duration::minutes(minutes), up_to: None }
}

/// The base: starts Monday 2 March 2026, 60 days, UTC, Mon–Fri 09–17, one rep, a
/// "Demo request" form that hands off at once, a five-touch email cadence.
pub fn base() -> Scenario {
    Scenario {
        format_version: FORMAT_VERSION,
        name: "test".into(),
        description: String::new(),
        calendar: CalendarSettings {
            start: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            horizon_days: 60,
            utc_offset: Default::default(),
            business_hours: BusinessHours::default(),
            sales_hours: None,
            pause_dates: vec![],
        },
        personas: vec![quiet_persona("quiet")],
        contacts: Default::default(),
        generate: vec![],
        scoring: Scoring::default(),
        lifecycle: Lifecycle {
            mql_score: 40,
            handoff_score: 80,
            handoff_at: HandoffPoint::Sql,
            use_sal: false,
            direct_handoff_forms: vec!["Demo request".into()],
        },
        reps: vec![Rep { name: "Dana Reyes".into(), capacity_per_week: 10, territory: String::new(), first_touch_hours: 1.0 }],
        routing: Routing::RoundRobin,
        workflows: vec![],
        mass_sends: vec![],
        sales_cadence: SalesCadence {
            touches: [0, 2, 5, 9, 14]
                .iter()
                .enumerate()
                .map(|(k, d)| Touch { day: *d, channel: TouchChannel::Email, name: format!("Sales touch {}", k + 1) })
                .collect(),
            dark_after_days: 7,
            when_dark: DarkAction::Recover,
            deal_days: 30,
            bad_timing_return_days: 14,
            in_progress: Default::default(),
        },
        handoff_option: HandoffOption::CeaseAll,
        custom_policy: CustomPolicy::default(),
        exclusions: vec![],
        frequency_cap: None,
        sla: Sla::default(),
        unsubscribe_stops_sales: true,
        crm_import: None,
        what_if: None,
        sign_off: Default::default(),
    }
}

/// The base with Jo, scripted: the eBook on Monday 2 March 2026 at 10:00, a demo request
/// on Tuesday at 10:00, which hands Jo to Dana Reyes at once.
pub fn jo_base() -> Scenario {
    let mut s = base();
    let script = Script { events: vec![form_at(0, 10, 0, "eBook"), form_at(1, 10, 0, "Demo request")], ..Script::default() };
    s.contacts.push(contact("jo", 0, (10, 0), script));
    s
}

/// A mass send on a day at 10:00 to everyone.
pub fn mass(name: &str, day: u32) -> MassSend {
    MassSend {
        name: name.into(),
        day,
        at: ClockTime::new(10, 0),
        segment: Segment::default(),
        exempt_from_cap: false,
        summary: String::new(),
        prepared_answers: vec![],
    }
}

/// One email row: (time "YYYY-MM-DD HH:MM", email name, "sent"/"suppressed", reason, the
/// entry's value: hours late for a moved or delayed email).
pub type Row = (String, String, &'static str, Reason, i16);

/// The email rows of contact `i`.
pub fn emails(o: &Outcome, i: usize) -> Vec<Row> {
    o.items
        .contact(i)
        .iter()
        .filter(|it| it.is_email())
        .map(|it| {
            let time = o.clock.rfc3339(it.at, None);
            let time = format!("{} {}", &time[..10], &time[11..16]);
            let name = o.email(it).map(|e| e.name.clone()).unwrap_or_default();
            let status = if it.what == What::EmailSent { "sent" } else { "suppressed" };
            (time, name, status, it.reason, it.value)
        })
        .collect()
}

/// The row of the named email for contact `i` (the first one).
pub fn row(o: &Outcome, i: usize, name: &str) -> Row {
    emails(o, i).into_iter().find(|r| r.1 == name).unwrap_or_else(|| panic!("no email '{name}' for contact {i}: {:?}", emails(o, i)))
}

/// Everything that happened to contact `i`, as sentences.
pub fn story(o: &Outcome, i: usize) -> Vec<String> {
    o.items.contact(i).iter().map(|it| format!("{} {}", o.clock.short(it.at), o.describe(it))).collect()
}

/// True when contact `i` has an entry of this kind.
pub fn has(o: &Outcome, i: usize, what: What) -> bool {
    o.items.contact(i).iter().any(|it| it.what == what)
}

/// Simulates with seed 1.
pub fn run(s: &Scenario, option: HandoffOption) -> Outcome {
    simulate(s, option, 1)
}

/// Minutes of a day/time.
pub fn at(day: u32, h: u32, m: u32) -> u32 {
    day * DAY + h * 60 + m
}

/// The name a label points to (an asset, a workflow, a list, a reason).
pub fn label(o: &Outcome, it: &baton::engine::Item) -> String {
    o.names.get(it.label as usize).cloned().unwrap_or_default()
}

/// The first entry of this kind for contact `i`.
pub fn first(o: &Outcome, i: usize, what: What) -> baton::engine::Item {
    *o.items.contact(i).iter().find(|it| it.what == what).unwrap_or_else(|| panic!("no {what:?} for contact {i}"))
}
