//! The handoff agreement's rules as the source articles describe them: one home for the
//! policy, replies, returns to marketing, stage-based suppression, notices, scripts that
//! date any event, and the bugs found reading calendars line by line.
//!
//! Jo (from the base scenario) downloads the eBook on Monday 2 March 2026 at 10:00 and
//! requests a demo on Tuesday at 10:00, which hands Jo to Dana Reyes at once.

mod common;

use baton::engine::calendar::ClockTime;
use baton::engine::policy::{standing, Hold, Standing};
use baton::engine::scenario::*;
use baton::engine::{figures, simulate, HandoffOption, Reason, What};
use common::*;

fn jo() -> Scenario {
    jo_base()
}

fn script(s: &mut Scenario) -> &mut Script {
    s.contacts[0].script.as_mut().unwrap()
}

fn event(day: u32, h: u32, action: ScriptAction) -> ScriptedEvent {
    ScriptedEvent { day, at: ClockTime::new(h, 0), action }
}

fn owner_at_end(o: &baton::engine::Outcome, i: usize) -> u8 {
    o.items.contact(i).last().map(|it| it.owner).unwrap_or(0)
}

// ---- One home for the policy ----

#[test]
fn each_option_answers_for_each_kind_once_sales_owns_the_lead() {
    let none = CustomPolicy { rows: vec![] };
    let owned = |o: HandoffOption, k: EmailKind| o.allows(&none, k, Stage::Sql, Standing::Owned);
    use EmailKind::*;
    assert_eq!(owned(HandoffOption::CeaseAll, Automated), Err(Hold::OwnedBySales));
    assert_eq!(owned(HandoffOption::CeaseAll, Mass), Err(Hold::OwnedBySales));
    assert_eq!(owned(HandoffOption::CeaseAll, Sales), Ok(()));
    assert_eq!(owned(HandoffOption::OnlyMass, Automated), Err(Hold::OwnedBySales));
    assert_eq!(owned(HandoffOption::OnlyMass, Mass), Ok(()));
    assert_eq!(owned(HandoffOption::Everything, Automated), Ok(()));
    assert!(HandoffOption::OnlyMass.sends_notices() && HandoffOption::Custom.sends_notices());
    assert!(!HandoffOption::CeaseAll.sends_notices() && !HandoffOption::Everything.sends_notices());
    assert_eq!(HandoffOption::OnlyMass.after_handoff_words(), "After handoff: automated ✕ · mass ✓ (with notice) · sales ✓");
    assert_eq!(HandoffOption::CeaseAll.after_handoff_words(), "After handoff: automated ✕ · mass ✕ · sales ✓");
    // The agreement's table: from the handoff stage on, sales owns the lead.
    assert!(HandoffOption::CeaseAll.allows_at_stage(&none, Automated, Stage::Mql, HandoffPoint::Sql));
    assert!(!HandoffOption::CeaseAll.allows_at_stage(&none, Automated, Stage::Mql, HandoffPoint::Mql));
    assert!(HandoffOption::CeaseAll.allows_at_stage(&none, Mass, Stage::Other, HandoffPoint::Sql));
    assert_eq!(standing(false, Stage::Customer, HandoffPoint::Sql), Standing::SalesStage);
    assert_eq!(standing(false, Stage::Other, HandoffPoint::Sql), Standing::Marketing);
}

/// Regression: the suppression list followed ownership only, so an opportunity imported
/// with no owner still received option 1's mass email.
#[test]
fn an_opportunity_with_no_owner_is_held_back_by_its_stage() {
    let mut s = base();
    let mut c = contact("op", 0, (9, 0), Script::default());
    c.stage = Stage::Opportunity;
    s.contacts.push(c);
    s.mass_sends.push(mass("Launch", 1));
    let mut w = workflow("Nurture", "-", vec![email("Welcome")]);
    w.trigger = Trigger::StageReached { stage: Stage::Opportunity };
    s.workflows.push(w);
    let o = run(&s, HandoffOption::CeaseAll);
    assert_eq!(row(&o, 0, "Launch").3, Reason::SalesStage);
    assert_eq!(row(&o, 0, "Welcome").3, Reason::SalesStage);
    let o = run(&s, HandoffOption::OnlyMass);
    assert_eq!(row(&o, 0, "Launch").2, "sent");
    assert_eq!(row(&o, 0, "Welcome").3, Reason::SalesStage);
    let o = run(&s, HandoffOption::Everything);
    assert!(emails(&o, 0).iter().all(|r| r.2 == "sent"));
}

#[test]
fn under_option_two_a_mass_email_to_an_unmarked_event_lead_is_no_leak() {
    let mut s = base();
    let mut c = contact("ev", 0, (10, 0), Script::default());
    c.source = Source::EventCard { marked_in_crm: false };
    s.contacts.push(c);
    s.mass_sends.push(mass("During follow-up", 1));
    let o = run(&s, HandoffOption::OnlyMass);
    assert_eq!(row(&o, 0, "During follow-up").3, Reason::None, "option 2 lets mass email through anyway");
    assert_eq!(figures(&o).leaks, 0);
}

// ---- Labels ----

/// Regression: persona loss reasons were never registered, so every generated lost deal
/// read "Deal lost: deal lost".
#[test]
fn a_lost_deal_drawn_from_the_persona_names_the_personas_reason() {
    let mut s = jo();
    s.personas[0].loss_reasons = vec!["Chose a competitor".into()];
    s.personas[0].win_chance = 0.0;
    let sc = script(&mut s);
    sc.replies_to_sales_touch = Some(1);
    sc.books_meeting = true;
    let o = run(&s, HandoffOption::CeaseAll);
    assert_eq!(label(&o, &first(&o, 0, What::Lost)), "Chose a competitor");
    assert_eq!(label(&o, &first(&o, 0, What::Recycled)), "Chose a competitor");
}

/// Regression: event-card arrivals read "Became a contact: <a workflow's name>", because
/// the arrival's label was looked up but never registered.
#[test]
fn an_event_card_arrival_names_the_event_card() {
    let mut s = base();
    let mut c = contact("ev", 0, (10, 0), Script::default());
    c.source = Source::EventCard { marked_in_crm: true };
    s.contacts.push(c);
    s.workflows.push(workflow("Cold event nurture", "-", vec![email("x")]));
    let o = run(&s, HandoffOption::CeaseAll);
    assert_eq!(label(&o, &first(&o, 0, What::Arrived)), "event card gathered by sales");
    let mut s = base();
    s.contacts.push(contact("im", 0, (10, 0), Script::default()));
    s.workflows.push(workflow("Cold event nurture", "-", vec![email("x")]));
    let o = run(&s, HandoffOption::CeaseAll);
    assert_eq!(label(&o, &first(&o, 0, What::Arrived)), "imported");
}

// ---- The SLA counts the first touch that went out ----

fn capped_jo(over: OverCap) -> Scenario {
    let mut s = jo();
    // A mass send on Tuesday 09:30 (before the 10:00 handoff) fills a one-a-week cap that
    // counts sales email too.
    s.mass_sends.push(MassSend { at: ClockTime::new(9, 30), ..mass("Launch", 1) });
    s.frequency_cap =
        Some(FrequencyCap { max_emails: 1, per_days: 7, counts: vec![EmailKind::Mass, EmailKind::Sales], over_cap: over, priority: default_priority() });
    s
}

/// Regression: a first touch held back by the cap counted as the first touch "0 h after
/// handoff", so the SLA was under-reported.
#[test]
fn a_first_touch_held_back_by_the_cap_is_no_touch_and_the_sla_is_breached() {
    let o = run(&capped_jo(OverCap::Skip), HandoffOption::CeaseAll);
    assert_eq!(row(&o, 0, "Sales touch 1").3, Reason::FrequencyCap);
    let breach = first(&o, 0, What::SlaBreached);
    assert_eq!((o.clock.short(breach.at).as_str(), breach.value), ("Thu 5 Mar 10:00", 48));
    let touch = first(&o, 0, What::FirstTouch);
    let sent = emails(&o, 0).into_iter().find(|r| r.1.starts_with("Sales touch") && r.2 == "sent").unwrap();
    assert_eq!(o.clock.rfc3339(touch.at, None)[..16].replace('T', " "), sent.0, "the first touch is the first that went out");
    assert_eq!(touch.value as u32, (touch.at - at(1, 10, 0)) / 60);
    assert_eq!(figures(&o).sla_breaches, 1);
}

/// Regression: a touch the cap delayed 97 h was counted as a touch 0 h after handoff.
#[test]
fn a_first_touch_delayed_by_the_cap_counts_when_it_went_out() {
    let o = run(&capped_jo(OverCap::Delay), HandoffOption::CeaseAll);
    let touch = first(&o, 0, What::FirstTouch);
    let r = row(&o, 0, "Sales touch 1");
    assert_eq!((r.2, r.3), ("sent", Reason::DelayedByCap));
    assert!(touch.value >= 48, "delayed past the SLA: {} h", touch.value);
    assert!(has(&o, 0, What::SlaBreached));
    // Without the cap, the first touch is an hour after the handoff and the SLA holds.
    let mut s = capped_jo(OverCap::Delay);
    s.frequency_cap = None;
    let o = run(&s, HandoffOption::CeaseAll);
    assert_eq!(first(&o, 0, What::FirstTouch).value, 1);
    assert!(!has(&o, 0, What::SlaBreached));
}

// ---- A reply keeps the lead with sales ----

/// Regression: a reply always ended as "the timing is wrong" and a recycle.
#[test]
fn a_reply_alone_keeps_the_lead_connected_with_its_rep() {
    let mut s = jo();
    script(&mut s).replies_to_sales_touch = Some(2);
    let o = run(&s, HandoffOption::CeaseAll);
    let reply = first(&o, 0, What::Replied);
    assert_eq!(reply.lead_status(), LeadStatus::Connected);
    assert!(!has(&o, 0, What::Recycled) && !has(&o, 0, What::BadTiming) && !has(&o, 0, What::GoneDark));
    assert!(emails(&o, 0).iter().all(|r| r.1 != "Sales touch 3"), "the reply stops the cadence");
    assert_eq!(owner_at_end(&o, 0), 1, "still Dana's at the end");
    assert_eq!(o.items.contact(0).last().unwrap().lead_status(), LeadStatus::Connected);
}

#[test]
fn a_scripted_reply_can_lead_to_bad_timing_or_unqualified() {
    let mut s = jo();
    script(&mut s).replies_to_sales_touch = Some(1);
    script(&mut s).after_reply = Some(ReplyOutcome::Unqualified);
    let o = run(&s, HandoffOption::CeaseAll);
    let back = first(&o, 0, What::Recycled);
    assert_eq!(label(&o, &back), "unqualified by the rep");
    assert_eq!(back.at, first(&o, 0, What::Replied).at, "back to marketing at once");
    assert!(o.items.contact(0).iter().any(|it| it.what == What::JoinedList && label(&o, it) == "Unqualified"));
    script(&mut s).after_reply = Some(ReplyOutcome::BadTiming);
    let o = run(&s, HandoffOption::CeaseAll);
    let back = first(&o, 0, What::Recycled);
    assert_eq!(back.at - first(&o, 0, What::BadTiming).at, 14 * 1440);
}

#[test]
fn a_persona_draws_what_follows_a_reply_with_its_chances() {
    // Everyone replies to the first touch and nobody books a meeting.
    let mut s = base();
    s.personas[0].sales = Reactions { open: 1.0, click: 0.0, reply: 1.0, meeting: 0.0, unsubscribe: 0.0 };
    s.personas[0].after_reply = AfterReply { bad_timing: 0.0, unqualified: 1.0 };
    s.generate.push(PopulationGroup {
        persona: "quiet".into(),
        count: 30,
        source: Source::EventCard { marked_in_crm: true },
        arrive_over_days: 0,
        stage: Stage::Lead,
    });
    s.reps[0].capacity_per_week = 100;
    let o = simulate(&s, HandoffOption::CeaseAll, 5);
    let unqualified =
        (0..o.items.len()).filter(|&c| o.items.contact(c).iter().any(|it| it.what == What::Recycled && label(&o, it) == "unqualified by the rep")).count();
    assert_eq!(unqualified, 30);
    s.personas[0].after_reply = AfterReply { bad_timing: 0.0, unqualified: 0.0 };
    let o = simulate(&s, HandoffOption::CeaseAll, 5);
    assert_eq!(figures(&o).recycled, 0, "with no after-reply chances every lead stays connected");
}

// ---- Returning to marketing ----

fn lost_jo() -> Scenario {
    let mut s = jo();
    let sc = script(&mut s);
    sc.replies_to_sales_touch = Some(1);
    sc.books_meeting = true;
    sc.deal = Some(DealOutcome::Lost { reason: "Price".into() });
    s.sales_cadence.deal_days = 10;
    // Awareness 1 goes out with the download; the rest weekly.
    let weekly: Vec<Step> = (1..=10).flat_map(|k| [email(&format!("Awareness {k}")), wait_days(7)]).collect();
    s.workflows.push(workflow("Awareness", "eBook", weekly));
    let mut decision = workflow("Decision content", "-", vec![wait_days(1), email("Awareness 1"), wait_days(1), email("Objections")]);
    decision.trigger = Trigger::JoinedList { list: ListName::ClosedLost };
    s.workflows.push(decision);
    s
}

/// Regression: after "Deal lost: Price" the awareness nurture the lead was in before
/// resumed next to the decision content.
#[test]
fn a_lead_back_from_sales_leaves_its_nurture_for_the_track_of_its_reason() {
    let o = run(&lost_jo(), HandoffOption::CeaseAll);
    let lost = first(&o, 0, What::Lost).at;
    let left = o.items.contact(0).iter().find(|it| it.what == What::Unenrolled).expect("left the nurture");
    assert_eq!((left.reason, label(&o, left).as_str(), left.at), (Reason::ReturnedToMarketing, "Awareness", lost));
    let after: Vec<Row> = emails(&o, 0).into_iter().filter(|r| r.1.starts_with("Awareness") && r.2 == "sent").collect();
    assert!(after.iter().all(|r| r.0 < o.clock.rfc3339(lost, None)[..16].replace('T', " ")), "no awareness email after the loss: {after:?}");
    assert_eq!(row(&o, 0, "Objections").2, "sent");
}

#[test]
fn a_workflow_can_resume_after_the_lead_returns() {
    let mut s = lost_jo();
    s.workflows[0].resume_after_return = true;
    let o = run(&s, HandoffOption::CeaseAll);
    let lost = first(&o, 0, What::Lost).at;
    assert!(!o.items.contact(0).iter().any(|it| it.what == What::Unenrolled));
    assert!(o.items.contact(0).iter().any(|it| it.what == What::EmailSent && it.at > lost && o.email(it).unwrap().name.starts_with("Awareness ")));
}

#[test]
fn content_already_received_is_not_sent_again_by_a_later_track() {
    let o = run(&lost_jo(), HandoffOption::CeaseAll);
    // "Awareness 1" went out in week one; the decision track's copy is held back.
    let copies: Vec<Row> = emails(&o, 0).into_iter().filter(|r| r.1 == "Awareness 1").collect();
    assert_eq!(copies.len(), 2);
    assert_eq!((copies[0].2, copies[1].2, copies[1].3), ("sent", "suppressed", Reason::AlreadyReceived));
    let mut s = lost_jo();
    s.workflows[1].repeat_content = true;
    let o = run(&s, HandoffOption::CeaseAll);
    assert!(emails(&o, 0).iter().filter(|r| r.1 == "Awareness 1").all(|r| r.2 == "sent"));
}

// ---- Notices and business hours ----

/// Regression: notices went out on Sundays although both teams work Monday to Friday.
#[test]
fn a_notice_goes_out_in_the_sales_teams_hours_at_least_as_early_as_agreed() {
    let mut s = jo();
    // Monday 9 March 10:00, 48 h ahead is Saturday 10:00: the notice goes Friday 09:00.
    s.mass_sends.push(mass("Launch", 7));
    let o = run(&s, HandoffOption::OnlyMass);
    let notice = first(&o, 0, What::MassSendNotice);
    assert_eq!(o.clock.short(notice.at), "Fri 6 Mar 09:00");
}

#[test]
fn business_hours_can_be_switched_off_for_a_team() {
    let mut s = base();
    s.calendar.business_hours.always_open = true;
    s.contacts.push(contact("ny", 5, (22, 0), Script { events: vec![form_at(5, 22, 0, "eBook")], ..Script::default() }));
    let mut w = workflow("Nurture", "eBook", vec![email("Welcome")]);
    w.business_hours_only = true;
    s.workflows.push(w);
    assert!(baton::engine::validate(&s).is_empty());
    let o = run(&s, HandoffOption::CeaseAll);
    assert_eq!(row(&o, 0, "Welcome"), ("2026-03-07 22:00".into(), "Welcome".into(), "sent", Reason::None, 0));
    assert_eq!(s.calendar.business_hours.words(), "every day, at any hour");
}

// ---- Scripts date any event ----

#[test]
fn a_script_can_unsubscribe_on_a_given_day() {
    let mut s = jo();
    script(&mut s).events.push(event(3, 15, ScriptAction::Unsubscribe));
    s.mass_sends.push(mass("Launch", 7));
    let o = run(&s, HandoffOption::Everything);
    let u = first(&o, 0, What::Unsubscribed);
    assert_eq!(o.clock.short(u.at), "Thu 5 Mar 15:00");
    assert_eq!(row(&o, 0, "Launch").3, Reason::Unsubscribed);
}

#[test]
fn a_script_can_date_a_reply_and_a_meeting() {
    let mut s = jo();
    script(&mut s).events.push(event(4, 16, ScriptAction::Reply));
    let o = run(&s, HandoffOption::CeaseAll);
    let r = first(&o, 0, What::Replied);
    assert_eq!((o.clock.short(r.at).as_str(), r.lead_status()), ("Fri 6 Mar 16:00", LeadStatus::Connected));
    let mut s = base();
    s.contacts.push(contact("mo", 0, (10, 0), Script { events: vec![event(2, 11, ScriptAction::BookMeeting)], ..Script::default() }));
    let o = run(&s, HandoffOption::CeaseAll);
    let m = first(&o, 0, What::MeetingBooked);
    assert_eq!(o.clock.short(m.at), "Wed 4 Mar 11:00");
    assert!(has(&o, 0, What::HandedOff), "a meeting hands a marketing lead to sales first");
    assert!(o.items.contact(0).iter().any(|it| it.what == What::StageChanged && it.at == m.at && it.stage() == Stage::Opportunity));
}

fn event_lead(script: Script) -> Scenario {
    let mut s = base();
    let mut c = contact("ev", 0, (10, 0), script);
    c.source = Source::EventCard { marked_in_crm: true };
    s.contacts.push(c);
    let mut nurture = workflow("Cold event nurture", "-", vec![wait_days(6), email("Event nurture 1")]);
    nurture.trigger = Trigger::JoinedList { list: ListName::ColdEventLeads };
    s.workflows.push(nurture);
    s
}

/// Regression: a rep could not release a cold event lead before the whole cadence ran.
#[test]
fn a_rep_can_mark_an_event_lead_cold_on_a_given_day() {
    let s = event_lead(Script { events: vec![event(4, 12, ScriptAction::MarkedCold)], ..Script::default() });
    let o = run(&s, HandoffOption::CeaseAll);
    let back = first(&o, 0, What::Recycled);
    assert_eq!((o.clock.short(back.at).as_str(), label(&o, &back).as_str()), ("Fri 6 Mar 12:00", "marked cold by the rep"));
    assert_eq!(row(&o, 0, "Event nurture 1").0, "2026-03-12 12:00");
    assert!(emails(&o, 0).iter().all(|r| r.1 != "Sales touch 3"), "the cadence stops at the release");
}

#[test]
fn a_persona_can_be_released_cold_after_the_first_attempt() {
    let mut s = event_lead(Script::default());
    s.contacts[0].script = None;
    s.personas[0].released_cold_after_first_attempt = 1.0;
    let o = run(&s, HandoffOption::CeaseAll);
    let touch = first(&o, 0, What::FirstTouch);
    let back = first(&o, 0, What::Recycled);
    assert_eq!(back.at - touch.at, 1440);
    assert!(o.items.contact(0).iter().any(|it| it.what == What::JoinedList && label(&o, it) == "Cold event leads"));
}

/// The custom matrix goes by stage, and a second address sits at stage "lead" while the
/// record sales works is an SQL: the person is at the SQL's stage, so the automated email
/// the matrix holds back from SQLs leaks.
#[test]
fn under_a_custom_matrix_a_second_address_leaks_by_the_persons_stage() {
    let mut s = jo();
    s.workflows.push(workflow("Nurture", "eBook", vec![wait_days(3), email("Nurture 1")]));
    let mut personal = contact("jo-home", 0, (12, 0), Script { events: vec![form_at(0, 12, 0, "eBook")], ..Script::default() });
    personal.same_person_as = Some("jo".into());
    s.contacts.push(personal);
    let o = run(&s, HandoffOption::Custom);
    let r = row(&o, 1, "Nurture 1");
    assert_eq!((r.2, r.3), ("sent", Reason::LeakDuplicate));
}
