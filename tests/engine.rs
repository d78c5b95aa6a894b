//! The engine's rules, one test per behaviour, through the public API.
//!
//! Most tests use one scripted contact ("Jo") in a quiet base scenario: Jo downloads the
//! eBook on Monday 2 March 2026 at 10:00 and requests a demo on Tuesday at 10:00, which
//! hands Jo to Dana Reyes at once. Everything that follows is determined.

mod common;

use baton::engine::calendar::{ClockTime, UtcOffset, DAY};
use baton::engine::scenario::*;
use baton::engine::{figures, simulate, HandoffOption, Outcome, Reason, Stage, What};
use common::*;

/// Jo's story: eBook on day 0, demo request on day 1, a nurture workflow, a mass send on
/// Friday 6 March.
fn jo() -> Scenario {
    let mut s = jo_base();
    s.workflows.push(workflow("Nurture", "eBook", vec![wait_days(3), email("Nurture 1"), wait_days(7), email("Nurture 2")]));
    s.mass_sends.push(mass("Spring webinar", 4));
    s
}

#[test]
fn option_one_suppresses_mass_send_after_handoff() {
    let o = run(&jo(), HandoffOption::CeaseAll);
    let r = row(&o, 0, "Spring webinar");
    assert_eq!(r.2, "suppressed");
    assert_eq!(r.3, Reason::UniversalSuppression);
}

#[test]
fn option_one_suppresses_automated_email_after_handoff_and_keeps_sales_email() {
    let o = run(&jo(), HandoffOption::CeaseAll);
    assert_eq!(row(&o, 0, "Nurture 1").2, "suppressed");
    assert_eq!(row(&o, 0, "Sales touch 1").2, "sent");
}

#[test]
fn option_two_sends_mass_email_but_holds_back_automated_email_after_handoff() {
    let o = run(&jo(), HandoffOption::OnlyMass);
    assert_eq!(row(&o, 0, "Spring webinar").2, "sent");
    let nurture = row(&o, 0, "Nurture 1");
    assert_eq!((nurture.2, nurture.3), ("suppressed", Reason::UniversalSuppression));
}

#[test]
fn option_two_tells_the_owning_rep_before_each_mass_send() {
    let o = run(&jo(), HandoffOption::OnlyMass);
    let notice = o.items.contact(0).iter().find(|it| it.what == What::MassSendNotice).expect("a notice");
    // 48 hours before Friday 6 March 10:00.
    assert_eq!(notice.at, at(2, 10, 0));
    assert_eq!(o.email(notice).map(|e| e.name.as_str()), Some("Spring webinar"));
    assert_eq!(o.rep_name(notice.owner), Some("Dana Reyes"));
    assert!(!has(&run(&jo(), HandoffOption::CeaseAll), 0, What::MassSendNotice), "option 1 sends no notice");
}

#[test]
fn option_two_rep_exclusion_holds_back_that_lead_with_the_reps_name() {
    let mut s = jo();
    s.exclusions.push(Exclusion { mass_send: "Spring webinar".into(), contact_id: "jo".into() });
    let o = run(&s, HandoffOption::OnlyMass);
    let r = row(&o, 0, "Spring webinar");
    assert_eq!((r.2, r.3), ("suppressed", Reason::ExcludedByRep));
}

#[test]
fn option_three_sends_everything_and_flags_same_day_marketing_and_sales_email() {
    let o = run(&jo(), HandoffOption::Everything);
    assert!(emails(&o, 0).iter().all(|r| r.2 == "sent"), "{:?}", emails(&o, 0));
    // Nurture 1 (Thu 5 March 10:00) and the second sales touch (Thu 5 March 11:00).
    assert_eq!(row(&o, 0, "Nurture 1").0, "2026-03-05 10:00");
    assert_eq!(row(&o, 0, "Sales touch 2").0, "2026-03-05 11:00");
    // Nurture 2 (Thu 12 March 10:00) meets the fourth touch (Thu 12 March 11:00) too.
    let conflicts: Vec<String> = o.items.contact(0).iter().filter(|it| it.what == What::Conflict).map(|it| o.clock.short(it.at)).collect();
    assert_eq!(conflicts, ["Thu 5 Mar 11:00", "Thu 12 Mar 11:00"]);
    assert_eq!(figures(&o).conflicts, 2);
    assert_eq!(figures(&run(&jo(), HandoffOption::CeaseAll)).conflicts, 0);
}

#[test]
fn custom_policy_follows_its_stage_matrix() {
    let mut s = jo();
    s.custom_policy = CustomPolicy { rows: vec![PolicyRow { stage: Stage::Sql, automated: true, mass: false, sales: true }] };
    let o = run(&s, HandoffOption::Custom);
    assert_eq!(row(&o, 0, "Nurture 1").2, "sent");
    let m = row(&o, 0, "Spring webinar");
    assert_eq!((m.2, m.3), ("suppressed", Reason::CustomPolicy));
}

#[test]
fn thank_you_email_goes_seven_minutes_after_the_download() {
    let mut s = base();
    s.contacts.push(contact("ann", 0, (22, 40), Script { events: vec![form_at(0, 22, 40, "eBook")], ..Script::default() }));
    s.workflows.push(workflow("Thanks", "eBook", vec![wait_minutes(7), email("Thank you")]));
    let o = run(&s, HandoffOption::CeaseAll);
    // Outside business hours, but this workflow sends at any hour.
    assert_eq!(row(&o, 0, "Thank you"), ("2026-03-02 22:47".into(), "Thank you".into(), "sent", Reason::None, 0));
}

#[test]
fn an_off_hours_workflow_email_moves_to_the_next_business_hour() {
    let mut s = base();
    // Friday 6 March 18:00: the next open slot is Monday 9 March 09:00 (+ a spread of minutes).
    s.contacts.push(contact("bo", 4, (18, 0), Script { events: vec![form_at(4, 18, 0, "eBook")], ..Script::default() }));
    let mut w = workflow("Nurture", "eBook", vec![email("Welcome")]);
    w.business_hours_only = true;
    s.workflows.push(w);
    let o = run(&s, HandoffOption::CeaseAll);
    let r = row(&o, 0, "Welcome");
    assert_eq!(&r.0[..13], "2026-03-09 09");
    assert_eq!((r.3, r.4), (Reason::MovedToBusinessHours, 63));
}

#[test]
fn a_pause_date_moves_email_to_the_next_open_day() {
    let mut s = base();
    s.calendar.pause_dates.push(chrono::NaiveDate::from_ymd_opt(2026, 3, 3).unwrap());
    s.contacts.push(contact("cy", 0, (10, 0), Script { events: vec![form_at(0, 10, 0, "eBook")], ..Script::default() }));
    let mut w = workflow("Nurture", "eBook", vec![wait_days(1), email("Day two")]);
    w.business_hours_only = true;
    s.workflows.push(w);
    let o = run(&s, HandoffOption::CeaseAll);
    let r = row(&o, 0, "Day two");
    assert_eq!(&r.0[..10], "2026-03-04");
    assert_eq!((r.3, r.4), (Reason::MovedPastPauseDate, 23), "{r:?}");
}

fn capped(over: OverCap, counts: Vec<EmailKind>) -> Scenario {
    let mut s = base();
    s.contacts.push(contact("di", 0, (9, 0), Script { events: vec![form_at(0, 9, 0, "eBook")], ..Script::default() }));
    s.workflows.push(workflow("Busy", "eBook", vec![email("A"), wait_minutes(60), email("B"), wait_minutes(60), email("C")]));
    s.frequency_cap = Some(FrequencyCap { max_emails: 2, per_days: 7, counts, over_cap: over, priority: default_priority() });
    s
}

#[test]
fn frequency_cap_skip_holds_back_the_email_over_the_cap() {
    let o = run(&capped(OverCap::Skip, vec![EmailKind::Automated]), HandoffOption::CeaseAll);
    assert_eq!(row(&o, 0, "B").2, "sent");
    let c = row(&o, 0, "C");
    assert_eq!((c.2, c.3), ("suppressed", Reason::FrequencyCap));
}

#[test]
fn frequency_cap_delay_sends_the_email_when_the_window_frees() {
    let o = run(&capped(OverCap::Delay, vec![EmailKind::Automated]), HandoffOption::CeaseAll);
    let c = row(&o, 0, "C");
    // A went at Monday 09:00; the 7-day window frees a week later.
    assert_eq!((c.0.as_str(), c.2), ("2026-03-09 09:00", "sent"));
    assert_eq!((c.3, c.4), (Reason::DelayedByCap, 166));
}

#[test]
fn a_cap_that_counts_sales_email_can_hold_back_a_sales_email() {
    let mut s = jo();
    s.workflows.clear();
    s.mass_sends.clear();
    s.frequency_cap = Some(FrequencyCap { max_emails: 2, per_days: 7, counts: vec![EmailKind::Sales], over_cap: OverCap::Skip, priority: default_priority() });
    let o = run(&s, HandoffOption::CeaseAll);
    // Touches 1 and 2 (3 and 5 March) fill the cap; touch 3 (Monday 9 March) is within 7 days of touch 2.
    assert_eq!(row(&o, 0, "Sales touch 3").2, "suppressed");
    // A cap that counts only marketing email never holds back sales email (as HubSpot does).
    s.frequency_cap.as_mut().unwrap().counts = vec![EmailKind::Automated, EmailKind::Mass];
    let o = run(&s, HandoffOption::CeaseAll);
    assert!(emails(&o, 0).iter().all(|r| r.2 == "sent"));
}

#[test]
fn ties_at_the_same_minute_follow_the_priority_order_sales_first() {
    let mut s = base();
    s.contacts.push(contact("ed", 0, (10, 0), Script { events: vec![form_at(0, 10, 0, "Demo request")], ..Script::default() }));
    s.reps[0].first_touch_hours = 0.0;
    // A mass send at the very minute of the first sales touch.
    s.mass_sends.push(MassSend { at: ClockTime::new(10, 0), ..mass("Launch", 0) });
    s.frequency_cap = Some(FrequencyCap {
        max_emails: 1,
        per_days: 1,
        counts: vec![EmailKind::Sales, EmailKind::Mass],
        over_cap: OverCap::Skip,
        priority: default_priority(),
    });
    let o = run(&s, HandoffOption::Everything);
    assert_eq!(row(&o, 0, "Sales touch 1").2, "sent");
    assert_eq!(row(&o, 0, "Launch").2, "suppressed");
    s.frequency_cap.as_mut().unwrap().priority = vec![EmailKind::Mass, EmailKind::Sales, EmailKind::Automated];
    let o = run(&s, HandoffOption::Everything);
    assert_eq!(row(&o, 0, "Launch").2, "sent");
    assert_eq!(row(&o, 0, "Sales touch 1").2, "suppressed");
}

#[test]
fn unsubscribing_stops_marketing_and_by_default_sales_email() {
    let mut s = jo();
    s.contacts[0].script.as_mut().unwrap().unsubscribes_on = Some("Sales touch 1".into());
    let o = run(&s, HandoffOption::Everything);
    assert_eq!(row(&o, 0, "Sales touch 2").3, Reason::Unsubscribed);
    assert_eq!(row(&o, 0, "Spring webinar").3, Reason::Unsubscribed);
    s.unsubscribe_stops_sales = false;
    let o = run(&s, HandoffOption::Everything);
    assert_eq!(row(&o, 0, "Sales touch 2").2, "sent");
    assert_eq!(row(&o, 0, "Spring webinar").3, Reason::Unsubscribed);
}

#[test]
fn crossing_the_handoff_score_makes_an_sql_and_routes_round_robin() {
    let mut s = base();
    s.scoring.behaviour.push(BehaviourRule { event: ScoredEvent::FormFill, name: String::new(), points: 45, cap: None });
    s.reps.push(Rep { name: "Sam Okafor".into(), capacity_per_week: 10, territory: String::new(), first_touch_hours: 1.0 });
    for (k, id) in ["a", "b", "c"].iter().enumerate() {
        let script = Script { events: vec![form_at(k as u32, 10, 0, "Guide"), form_at(k as u32, 11, 0, "Guide")], ..Script::default() };
        s.contacts.push(contact(id, k as u32, (9, 0), script));
    }
    let o = run(&s, HandoffOption::CeaseAll);
    let owners: Vec<String> = (0..3)
        .map(|i| {
            let h = o.items.contact(i).iter().find(|it| it.what == What::HandedOff).expect("handed off");
            assert_eq!(h.stage(), Stage::Sql);
            o.rep_name(h.owner).unwrap_or("").to_string()
        })
        .collect();
    assert_eq!(owners, ["Dana Reyes", "Sam Okafor", "Dana Reyes"]);
    // MQL at 45 points on the first form, SQL at 90 on the second.
    let stages: Vec<Stage> = o.items.contact(0).iter().filter(|it| it.what == What::StageChanged).map(|it| it.stage()).collect();
    assert_eq!(stages[..2], [Stage::Mql, Stage::Sql]);
}

#[test]
fn a_competitor_is_disqualified_and_never_handed_off() {
    let mut s = jo();
    s.contacts[0].email = "spy@rivalsoft.example".into();
    s.scoring.disqualifiers.push(Disqualifier { trait_name: TraitName::EmailDomain, equals: "rivalsoft.example".into(), label: "Competitor".into() });
    let o = run(&s, HandoffOption::CeaseAll);
    assert!(has(&o, 0, What::Disqualified));
    assert!(!has(&o, 0, What::HandedOff));
    assert!(o.items.contact(0).iter().all(|it| it.stage() == Stage::Other));
}

#[test]
fn when_every_rep_is_full_the_lead_waits_and_the_sla_is_breached() {
    let mut s = base();
    s.reps[0].capacity_per_week = 1;
    for id in ["first", "second"] {
        s.contacts.push(contact(id, 0, (10, 0), Script { events: vec![form_at(0, 10, 0, "Demo request")], ..Script::default() }));
    }
    let o = run(&s, HandoffOption::CeaseAll);
    assert!(!has(&o, 0, What::SlaBreached));
    assert!(has(&o, 1, What::WaitingForRep));
    let breach = o.items.contact(1).iter().find(|it| it.what == What::SlaBreached).expect("SLA breached");
    // Handed off Monday 10:00 with a 48-hour SLA: breached at the deadline, Wednesday.
    assert_eq!(o.clock.short(breach.at), "Wed 4 Mar 10:00");
    // The rep starts the next week: the first touch is Monday 9 March, 168 h after.
    let first = o.items.contact(1).iter().find(|it| it.what == What::FirstTouch).expect("a first touch");
    assert_eq!((o.clock.short(first.at).as_str(), first.value), ("Mon 9 Mar 10:00", 168));
    assert_eq!(o.rep_load[0][0], 1);
    assert_eq!(o.rep_load[0][1], 1);
}

#[test]
fn five_unanswered_touches_send_the_lead_back_to_marketing_into_dark_recovery() {
    let mut s = jo();
    let mut recovery = workflow("Dark recovery", "-", vec![email("Recovery 1"), wait_days(10), email("Recovery 2")]);
    recovery.trigger = Trigger::JoinedList { list: ListName::GoneDark };
    s.workflows.push(recovery);
    let o = run(&s, HandoffOption::CeaseAll);
    let sales = emails(&o, 0).iter().filter(|r| r.1.starts_with("Sales touch")).count();
    assert_eq!(sales, 5);
    let dark = o.items.contact(0).iter().find(|it| it.what == What::GoneDark).expect("gone dark");
    // Last touch on Tuesday 17 March; seven days later.
    assert_eq!(&o.clock.short(dark.at)[..10], "Tue 24 Mar");
    let r = row(&o, 0, "Recovery 1");
    assert_eq!((r.2, &r.0[..10]), ("sent", "2026-03-24"));
}

#[test]
fn gone_dark_leads_can_go_onto_a_suppression_list_instead() {
    let mut s = jo();
    s.sales_cadence.when_dark = DarkAction::Suppress;
    s.mass_sends.push(mass("April news", 30));
    let o = run(&s, HandoffOption::CeaseAll);
    let r = row(&o, 0, "April news");
    assert_eq!((r.2, r.3), ("suppressed", Reason::DarkSuppression));
}

#[test]
fn a_lost_deal_returns_with_its_reason_into_decision_content() {
    let mut s = jo();
    let script = s.contacts[0].script.as_mut().unwrap();
    script.replies_to_sales_touch = Some(2);
    script.books_meeting = true;
    script.deal = Some(DealOutcome::Lost { reason: "Price".into() });
    let mut decision = workflow("Decision content", "-", vec![email("Answers to common objections")]);
    decision.trigger = Trigger::JoinedList { list: ListName::ClosedLost };
    s.workflows.push(decision);
    let o = run(&s, HandoffOption::CeaseAll);
    assert!(has(&o, 0, What::MeetingBooked));
    assert_eq!(label(&o, &first(&o, 0, What::Lost)), "Price");
    assert_eq!(label(&o, &first(&o, 0, What::Recycled)), "Price");
    assert_eq!(row(&o, 0, "Answers to common objections").2, "sent");
    // After the reply, the cadence stops: no third touch.
    assert!(emails(&o, 0).iter().all(|r| r.1 != "Sales touch 3"));
}

#[test]
fn event_leads_are_held_back_while_sales_follows_up_then_nurtured() {
    let mut s = base();
    s.sales_cadence.touches.truncate(2);
    s.sales_cadence.dark_after_days = 3;
    let mut c = contact("ev", 0, (10, 0), Script::default());
    c.source = Source::EventCard { marked_in_crm: true };
    s.contacts.push(c);
    let mut nurture = workflow("Cold event nurture", "-", vec![wait_days(6), email("Event nurture 1")]);
    nurture.trigger = Trigger::JoinedList { list: ListName::ColdEventLeads };
    s.workflows.push(nurture);
    s.mass_sends.push(mass("During follow-up", 1));
    s.mass_sends.push(mass("After release", 20));
    let o = run(&s, HandoffOption::CeaseAll);
    assert_eq!(row(&o, 0, "During follow-up").2, "suppressed");
    assert_eq!(row(&o, 0, "After release").2, "sent");
    assert_eq!(row(&o, 0, "Event nurture 1").2, "sent");
    assert_eq!(label(&o, &first(&o, 0, What::Recycled)), "event lead released after sales follow-up");
}

#[test]
fn an_event_lead_never_marked_in_the_crm_leaks_through_the_suppression_list() {
    let mut s = base();
    let mut c = contact("ev", 0, (10, 0), Script::default());
    c.source = Source::EventCard { marked_in_crm: false };
    s.contacts.push(c);
    s.mass_sends.push(mass("During follow-up", 1));
    let o = run(&s, HandoffOption::CeaseAll);
    let r = row(&o, 0, "During follow-up");
    assert_eq!(r.2, "sent");
    assert_eq!(r.3, Reason::LeakUnmarkedEventLead, "{r:?}");
    assert_eq!(figures(&o).leaks, 1);
}

#[test]
fn a_second_address_of_a_sales_owned_person_is_flagged_as_a_leak() {
    let mut s = jo();
    let mut personal = contact("jo-home", 0, (12, 0), Script::default());
    personal.same_person_as = Some("jo".into());
    s.contacts.push(personal);
    let o = run(&s, HandoffOption::CeaseAll);
    assert_eq!(row(&o, 0, "Spring webinar").2, "suppressed");
    let r = row(&o, 1, "Spring webinar");
    assert_eq!((r.2, r.3), ("sent", Reason::LeakDuplicate));
}

#[test]
fn a_branch_on_not_opened_skips_ahead() {
    let mut s = base();
    let script = Script { events: vec![form_at(0, 10, 0, "eBook")], opens: vec!["First".into()], ..Script::default() };
    s.contacts.push(contact("fi", 0, (10, 0), script.clone()));
    s.contacts.push(contact("gu", 0, (10, 0), Script { opens: vec![], ..script }));
    s.workflows.push(workflow(
        "Branchy",
        "eBook",
        vec![email("First"), wait_days(2), Step::Branch { when: BranchCondition::NotOpened, go_to_step: 4 }, email("For openers"), email("For everyone")],
    ));
    let o = run(&s, HandoffOption::CeaseAll);
    let names = |i| emails(&o, i).into_iter().map(|r| r.1).collect::<Vec<_>>();
    assert_eq!(names(0), ["First", "For openers", "For everyone"]);
    assert_eq!(names(1), ["First", "For everyone"]);
}

#[test]
fn a_workflow_without_reenrollment_enrolls_a_contact_once() {
    let mut s = base();
    s.contacts.push(contact("ha", 0, (10, 0), Script { events: vec![form_at(0, 10, 0, "eBook"), form_at(10, 10, 0, "eBook")], ..Script::default() }));
    s.workflows.push(workflow("Once", "eBook", vec![email("Hello")]));
    let o = run(&s, HandoffOption::CeaseAll);
    assert_eq!(emails(&o, 0).len(), 1);
    s.workflows[0].reenroll = true;
    let o = run(&s, HandoffOption::CeaseAll);
    assert_eq!(emails(&o, 0).len(), 2);
}

#[test]
fn a_rule_cap_limits_the_points_one_rule_gives() {
    let mut s = base();
    s.scoring.behaviour.push(BehaviourRule { event: ScoredEvent::PageVisit, name: "Pricing".into(), points: 10, cap: Some(25) });
    let visit = |d| ScriptedEvent { day: d, at: ClockTime::new(10, 0), action: ScriptAction::VisitPage { page: "Pricing".into() } };
    s.contacts.push(contact("ia", 0, (9, 0), Script { events: vec![visit(0), visit(1), visit(2), visit(3)], ..Script::default() }));
    let o = run(&s, HandoffOption::CeaseAll);
    // Each visit carries the score it leads to.
    let scores: Vec<i16> = o.items.contact(0).iter().filter(|it| it.what == What::PageVisit).map(|it| it.value).collect();
    assert_eq!(scores, [10, 20, 25, 25]);
}

#[test]
fn a_quiet_lead_loses_points_to_decay() {
    let mut s = base();
    s.scoring.behaviour.push(BehaviourRule { event: ScoredEvent::FormFill, name: String::new(), points: 30, cap: None });
    s.scoring.decay = Some(Decay { quiet_days: 10, points: 5 });
    s.contacts.push(contact("ja", 0, (9, 0), Script { events: vec![form_at(0, 10, 0, "eBook")], ..Script::default() }));
    let o = run(&s, HandoffOption::CeaseAll);
    let decays: Vec<(String, i16)> = o.items.contact(0).iter().filter(|it| it.what == What::ScoreDecayed).map(|it| (o.clock.short(it.at), it.value)).collect();
    assert_eq!(&decays[..2], [("Thu 12 Mar 10:00".to_string(), 25), ("Sun 22 Mar 10:00".to_string(), 20)]);
}

#[test]
fn stages_only_move_forward_except_an_explicit_recycle() {
    let o = run(
        &{
            let mut s = jo();
            s.scoring.behaviour.push(BehaviourRule { event: ScoredEvent::FormFill, name: String::new(), points: 10, cap: None });
            s
        },
        HandoffOption::CeaseAll,
    );
    let items = o.items.contact(0);
    for w in items.windows(2) {
        if w[1].stage() < w[0].stage() {
            assert_eq!(w[1].what, What::StageChanged);
            assert!(items.iter().any(|it| it.what == What::Recycled && it.at == w[1].at), "a backward move must be a recycle");
        }
    }
    assert!(has(&o, 0, What::Recycled));
}

#[test]
fn conflicts_count_the_contacts_own_local_day() {
    let mut s = jo();
    // Jo lives 9 hours ahead of the team: team Thursday 10:00 and 11:00 are Jo's 19:00
    // and 20:00, still the same day; a 16:00 team send would be Jo's next day.
    s.contacts[0].utc_offset = Some(UtcOffset::from_minutes(9 * 60));
    let o = run(&s, HandoffOption::Everything);
    assert_eq!(figures(&o).conflicts, 2);
    // 13:30 ahead: team 10:00 is 23:30 local on Thursday, team 11:00 is 00:30 local on
    // Friday, so the nurture and the touch land on different days for Jo. Instead the
    // touch (Friday 00:30 local) meets Friday's mass send (23:30 local): one conflict.
    s.contacts[0].utc_offset = Some(UtcOffset::from_minutes(13 * 60 + 30));
    let o = run(&s, HandoffOption::Everything);
    let conflicts: Vec<&str> = o.items.contact(0).iter().filter(|it| it.what == What::Conflict).filter_map(|it| o.email(it)).map(|e| e.name.as_str()).collect();
    assert_eq!(conflicts, ["Spring webinar"]);
}

#[test]
fn the_same_seed_gives_the_same_outcome_and_another_seed_differs() {
    let s = baton::samples::ebook_playbook().expect("sample loads");
    let a = simulate(&s, HandoffOption::OnlyMass, 7).digest();
    let b = simulate(&s, HandoffOption::OnlyMass, 7).digest();
    let c = simulate(&s, HandoffOption::OnlyMass, 8).digest();
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn every_held_back_email_has_a_reason() {
    let s = baton::samples::ebook_playbook().expect("sample loads");
    for option in HandoffOption::ALL {
        let o = simulate(&s, option, 3);
        for c in 0..o.items.len() {
            for it in o.items.contact(c) {
                if it.what == What::EmailSuppressed {
                    assert!(!o.reason_text(it).is_empty(), "{option:?}: {}", o.describe(it));
                }
            }
        }
    }
}

#[test]
fn a_contact_owned_by_a_rep_from_the_start_is_on_the_suppression_list() {
    let mut s = base();
    let mut c = contact("kim", 0, (9, 0), Script::default());
    c.stage = Stage::Sql;
    c.owner = Some("Dana Reyes".into());
    s.contacts.push(c);
    s.mass_sends.push(mass("Launch", 1));
    let o = run(&s, HandoffOption::CeaseAll);
    let r = row(&o, 0, "Launch");
    assert_eq!((r.2, r.3), ("suppressed", Reason::UniversalSuppression));
    assert_eq!(row(&o, 0, "Sales touch 1").2, "sent");
}

#[test]
fn the_lead_status_follows_the_reps_work() {
    let mut s = jo();
    s.contacts[0].script.as_mut().unwrap().replies_to_sales_touch = Some(2);
    s.contacts[0].script.as_mut().unwrap().after_reply = Some(ReplyOutcome::BadTiming);
    let o = run(&s, HandoffOption::CeaseAll);
    let status_at = |what: What| o.items.contact(0).iter().find(|it| it.what == what).map(|it| it.lead_status());
    use baton::engine::scenario::LeadStatus;
    assert_eq!(status_at(What::Arrived), Some(LeadStatus::None));
    assert_eq!(status_at(What::HandedOff), Some(LeadStatus::New));
    assert_eq!(status_at(What::FirstTouch), Some(LeadStatus::Attempting));
    assert_eq!(status_at(What::Replied), Some(LeadStatus::Connected));
    assert_eq!(status_at(What::BadTiming), Some(LeadStatus::BadTiming));
    assert_eq!(status_at(What::Recycled), Some(LeadStatus::Recycled));
    // Without a reply, the lead goes dark: unqualified.
    let o = run(&jo(), HandoffOption::CeaseAll);
    let dark = o.items.contact(0).iter().find(|it| it.what == What::GoneDark).unwrap();
    assert_eq!(dark.lead_status(), LeadStatus::Unqualified);
}

#[test]
fn moving_a_workflow_step_keeps_branches_pointing_at_the_same_steps() {
    use baton::engine::scenario::{BranchCondition, Duration, Step};
    let mut s = baton::samples::ebook_playbook().unwrap();
    let wf = &mut s.workflows[0];
    wf.steps = vec![
        Step::Email { name: "A".into() },
        Step::Branch { when: BranchCondition::Opened, go_to_step: 3 },
        Step::Delay { wait: Duration::days(2), up_to: None },
        Step::Email { name: "B".into() },
    ];
    // Drag the delay to the top: the branch still jumps to email B, now at position 3.
    wf.move_step(2, 0);
    assert_eq!(wf.steps[0], Step::Delay { wait: Duration::days(2), up_to: None });
    assert_eq!(wf.steps[2], Step::Branch { when: BranchCondition::Opened, go_to_step: 3 });
    assert_eq!(wf.steps[3], Step::Email { name: "B".into() });
    // Move email B above the branch: the branch still names email B, now at position 2
    // (a backward jump, which validation then refuses with a message).
    wf.move_step(3, 2);
    assert_eq!(wf.steps[2], Step::Email { name: "B".into() });
    assert_eq!(wf.steps[3], Step::Branch { when: BranchCondition::Opened, go_to_step: 2 });
    // Moves out of range change nothing.
    let before = wf.steps.clone();
    wf.move_step(9, 0);
    assert_eq!(wf.steps, before);
}

/// One contact who downloads the eBook on Monday 2 March 2026 at 10:00 and is enrolled in
/// a workflow with the given steps.
fn enrolled_in(steps: Vec<Step>) -> Outcome {
    let mut s = base();
    s.contacts.push(contact("wa", 0, (10, 0), Script { events: vec![form_at(0, 10, 0, "eBook")], ..Script::default() }));
    s.workflows.push(workflow("Waits", "eBook", steps));
    run(&s, HandoffOption::CeaseAll)
}

#[test]
fn a_wait_until_step_sends_on_the_next_named_weekday_at_that_time() {
    let thursday = || Step::DelayUntil { weekday: chrono::Weekday::Thu, at: ClockTime::new(14, 30) };
    let o = enrolled_in(vec![thursday(), email("Thursday"), thursday(), email("A week later")]);
    assert_eq!(row(&o, 0, "Thursday").0, "2026-03-05 14:30");
    assert_eq!(row(&o, 0, "A week later").0, "2026-03-12 14:30");
}

#[test]
fn waits_in_a_row_add_up() {
    let o = enrolled_in(vec![wait_days(2), wait_minutes(90), email("Later"), wait_days(1), wait_days(1), email("Even later")]);
    assert_eq!(row(&o, 0, "Later").0, "2026-03-04 11:30");
    assert_eq!(row(&o, 0, "Even later").0, "2026-03-06 11:30");
}

#[test]
fn a_random_wait_falls_within_its_range_and_varies_between_contacts() {
    let mut s = base();
    for k in 0..30 {
        s.contacts.push(contact(&format!("r{k}"), 0, (10, 0), Script { events: vec![form_at(0, 10, 0, "eBook")], ..Script::default() }));
    }
    let range = Step::Delay { wait: Duration::days(10), up_to: Some(Duration::days(14)) };
    s.workflows.push(workflow("Recovery", "eBook", vec![email("First"), range, email("Second")]));
    let o = run(&s, HandoffOption::CeaseAll);
    let mut gaps = std::collections::BTreeSet::new();
    for i in 0..30 {
        let sent: Vec<u32> = o.items.contact(i).iter().filter(|it| it.is_email()).map(|it| it.at).collect();
        assert_eq!(sent.len(), 2, "contact {i}: {:?}", emails(&o, i));
        let gap = sent[1] - sent[0];
        assert!((10 * DAY..=14 * DAY).contains(&gap), "contact {i} waited {} minutes", gap);
        gaps.insert(gap);
    }
    assert!(gaps.len() > 5, "30 contacts should not all wait the same: {gaps:?}");
}

#[test]
fn sales_touches_follow_the_sales_teams_own_hours() {
    // Jo is handed off on Tuesday 3 March at 10:00; Dana's first touch comes an hour of
    // sales time later, and the next touch two days after the first.
    let o = run(&jo(), HandoffOption::Everything);
    assert_eq!(row(&o, 0, "Sales touch 1").0, "2026-03-03 11:00");
    let mut s = jo();
    s.calendar.sales_hours = Some(BusinessHours {
        days: vec![chrono::Weekday::Wed, chrono::Weekday::Thu],
        opens: ClockTime::new(13, 0),
        closes: ClockTime::new(18, 0),
        always_open: false,
    });
    let o = run(&s, HandoffOption::Everything);
    // Sales works Wednesdays and Thursdays from 13:00: the first touch is Wednesday 14:00,
    // the second Friday → the next sales day, Wednesday 11 March at 13:00.
    assert_eq!(row(&o, 0, "Sales touch 1").0, "2026-03-04 14:00");
    assert_eq!(row(&o, 0, "Sales touch 2").0, "2026-03-11 13:00");
    // Marketing keeps its own hours.
    assert_eq!(row(&o, 0, "Nurture 1").0, "2026-03-05 10:00");
}

#[test]
fn a_mass_send_segment_by_trait_reaches_only_contacts_with_one_of_its_values() {
    let mut s = base();
    for (id, industry, country) in [("h", "Healthcare", "Canada"), ("r", "Retail", "Canada"), ("m", "Manufacturing", "Canada"), ("u", "Healthcare", "Mexico")] {
        let mut c = contact(id, 0, (9, 0), Script::default());
        c.traits.industry = industry.into();
        c.traits.country = country.into();
        s.contacts.push(c);
    }
    let mut send = mass("Clinic update", 3);
    // Healthcare or retail (any case), and in Canada.
    send.segment.traits = vec![
        TraitIs { trait_name: TraitName::Industry, equals: "healthcare".into() },
        TraitIs { trait_name: TraitName::Industry, equals: "Retail".into() },
        TraitIs { trait_name: TraitName::Country, equals: "Canada".into() },
    ];
    s.mass_sends.push(send);
    let o = run(&s, HandoffOption::CeaseAll);
    let got: Vec<usize> = (0..4).filter(|&i| !emails(&o, i).is_empty()).collect();
    assert_eq!(got, [0, 1]);
}

#[test]
fn a_segment_value_no_contact_has_reaches_nobody() {
    let mut s = base();
    s.contacts.push(contact("a", 0, (9, 0), Script::default()));
    let mut send = mass("German newsletter", 3);
    send.segment.countries = vec!["Germany".into()];
    s.mass_sends.push(send);
    let o = run(&s, HandoffOption::CeaseAll);
    assert!(emails(&o, 0).is_empty(), "{:?}", emails(&o, 0));
}

#[test]
fn business_hours_read_as_words() {
    use chrono::Weekday::*;
    assert_eq!(BusinessHours::default().words(), "Mon–Fri 09:00–17:00");
    let h = BusinessHours { days: vec![Fri, Mon, Wed], opens: ClockTime::new(13, 0), closes: ClockTime::new(18, 30), always_open: false };
    assert_eq!(h.words(), "Mon, Wed, Fri 13:00–18:30");
    let h = BusinessHours { days: vec![Tue, Wed], opens: ClockTime::new(8, 0), closes: ClockTime::new(12, 0), always_open: false };
    assert_eq!(h.words(), "Tue, Wed 08:00–12:00");
}

#[test]
fn the_score_after_an_email_follows_the_persons_reaction_to_it() {
    use baton::engine::outcome::score_after;
    use baton::engine::{Item, Reason, What};
    let item = |at: u32, what: What, label: u16, value: i16| Item { at, label, value, what, reason: Reason::None, stage: 0, owner: 0 };
    let items = [
        item(0, What::Arrived, 0, 5),
        item(10, What::EmailSent, 0, 0),
        item(11, What::Opened, 0, 8),
        item(12, What::Clicked, 0, 13),
        item(20, What::EmailSuppressed, 1, 0),
        item(30, What::EmailSent, 2, 0),
        item(31, What::PageVisit, 0, 16),
    ];
    assert_eq!(score_after(&items, 1), Some(13), "opened then clicked: the click's score");
    assert_eq!(score_after(&items, 4), Some(13), "held back: the score when it was due");
    assert_eq!(score_after(&items, 5), Some(13), "no reaction: the score when it came, not a later visit's");
    assert_eq!(score_after(&[item(0, What::EmailSent, 0, 0)], 0), None);
    assert_eq!(score_after(&items, 99), None);
}

#[test]
fn options_and_seeds_on_several_threads_give_exactly_one_threads_figures() {
    use baton::engine::figures::{compare_on_threads, Comparison};
    let s = baton::samples::ebook_playbook().unwrap();
    let one = Comparison::new(&s, &HandoffOption::ALL, 7, 3, None).finish().summaries;
    for threads in [2, 3, 8] {
        let many = compare_on_threads(&s, &HandoffOption::ALL, 7, 3, threads);
        assert_eq!(many, one, "{threads} threads");
    }
    assert_eq!(baton::engine::compare(&s, &HandoffOption::ALL, 7, 3), one);
}

#[test]
fn every_time_of_day_is_written_hh_mm_and_read_back() {
    for h in 0..24 {
        for m in 0..60 {
            let t = ClockTime::new(h, m);
            let written = serde_json::to_string(&t).unwrap();
            assert_eq!(written, format!("\"{h:02}:{m:02}\""));
            assert_eq!(t.to_string(), format!("{h:02}:{m:02}"));
            assert_eq!(serde_json::from_str::<ClockTime>(&written).unwrap(), t);
        }
    }
}
