//! The sentences of the calendar, in one place: every kind of entry and every reason is
//! rendered once and must name what it is about. Other tests compare `What` and `Reason`
//! values, so rewording a sentence breaks only this file.
//!
//! The matches below have no catch-all arm: a new kind of entry or reason does not compile
//! here until its sentence is checked.

use baton::engine::calendar::Clock;
use baton::engine::figures::{reason_label, Direction, Figure};
use baton::engine::outcome::{EmailInfo, EmailSource, ItemStore};
use baton::engine::scenario::{EmailKind, HandoffOption, Stage};
use baton::engine::{Item, Outcome, Reason, What};

fn outcome(option: HandoffOption) -> Outcome {
    let s = baton::samples::ebook_playbook().unwrap();
    Outcome {
        option,
        seed: 1,
        clock: Clock::new(&s.calendar),
        items: ItemStore::default(),
        emails: vec![
            EmailInfo { name: "Nurture 2".into(), kind: EmailKind::Automated, source: EmailSource::Workflow("eBook nurture".into()) },
            EmailInfo { name: "Spring webinar".into(), kind: EmailKind::Mass, source: EmailSource::MassSend("Spring webinar".into()) },
        ],
        names: vec!["Price".into()],
        reps: vec!["Dana Reyes".into()],
        rep_load: vec![],
        cap_words: "3 per 7 days".into(),
        warnings: vec![],
    }
}

fn item(what: What, reason: Reason, label: u16, value: i16) -> Item {
    Item { at: 600, label, value, what, reason, stage: Stage::Sql as u8, owner: 1 }
}

/// For each kind of entry: an entry, and words its sentence must contain.
fn entry(what: What) -> (Item, &'static [&'static str]) {
    let plain = |label: u16, value: i16, words: &'static [&'static str]| (item(what, Reason::None, label, value), words);
    match what {
        What::EmailSent => plain(1, 0, &["Sent", "Spring webinar"]),
        What::EmailSuppressed => (item(what, Reason::UniversalSuppression, 0, 0), &["Held back", "Nurture 2", "Dana Reyes"]),
        What::Arrived => plain(0, 30, &["Became a contact", "Price", "30"]),
        What::FormFill => plain(0, 45, &["form", "Price", "45"]),
        What::PageVisit => plain(0, 50, &["page", "Price", "50"]),
        What::Opened => plain(1, 3, &["Opened", "Spring webinar"]),
        What::Clicked => plain(1, 3, &["Clicked", "Spring webinar"]),
        What::Replied => plain(1, 3, &["Replied", "Spring webinar"]),
        What::Ignored => plain(1, 3, &["Did not open", "Spring webinar"]),
        What::Unsubscribed => plain(0, 0, &["Unsubscribed"]),
        What::Bounced => plain(0, 0, &["bounced"]),
        What::ScoreChanged => plain(0, 12, &["Score", "12"]),
        What::ScoreDecayed => plain(0, 8, &["decayed", "8"]),
        What::StageChanged => plain(0, 0, &["Stage", "SQL"]),
        What::Disqualified => plain(0, 0, &["Disqualified", "Price"]),
        What::HandedOff => plain(0, 0, &["Handed off", "Dana Reyes"]),
        What::TeamsNotified => plain(0, 0, &["notified"]),
        What::WaitingForRep => plain(0, 72, &["full", "72 h"]),
        What::SlaBreached => plain(0, 48, &["SLA", "48 h"]),
        What::FirstTouch => plain(0, 5, &["First sales touch", "5 h"]),
        What::Called => plain(1, 0, &["call", "Spring webinar"]),
        What::MeetingBooked => plain(0, 0, &["Meeting"]),
        What::Won => plain(0, 0, &["won"]),
        What::Lost => plain(0, 0, &["lost", "Price"]),
        What::BadTiming => plain(0, 0, &["timing"]),
        What::GoneDark => plain(0, 0, &["Gone dark"]),
        What::Recycled => plain(0, 0, &["Back to marketing", "Price"]),
        What::JoinedList => plain(0, 0, &["list", "Price"]),
        What::Enrolled => plain(0, 0, &["Enrolled", "Price"]),
        What::Unenrolled => (item(what, Reason::ReturnedToMarketing, 0, 0), &["Left", "Price", "back with marketing"]),
        What::GoalReached => plain(0, 0, &["goal", "Price"]),
        What::Conflict => plain(1, 0, &["Conflict", "same day", "Spring webinar"]),
        What::OverComfortLimit => plain(1, 6, &["6 emails", "comfort limit"]),
        What::MassSendNotice => plain(1, 0, &["Dana Reyes", "Spring webinar"]),
        What::InCrm => plain(0, 117, &["In the CRM when the plan starts", "SQL", "owned by Dana Reyes", "score 117"]),
    }
}

/// For each reason: words its sentence must contain.
fn reason_words(r: Reason) -> &'static [&'static str] {
    match r {
        Reason::None => &[],
        Reason::UniversalSuppression => &["universal suppression list", "option 1", "Dana Reyes is working this lead"],
        Reason::SalesStage => &["universal suppression list", "SQL", "no rep owns it"],
        Reason::AlreadyReceived => &["already received"],
        Reason::CustomPolicy => &["custom agreement", "automated", "SQL"],
        Reason::WorkflowSuppression => &["suppression list", "eBook nurture"],
        Reason::FrequencyCap => &["frequency cap", "3 per 7 days"],
        Reason::ExcludedByRep => &["excluded", "Dana Reyes", "Nurture 2"],
        Reason::Unsubscribed => &["unsubscribed"],
        Reason::Bounced => &["bounced"],
        Reason::DarkSuppression => &["gone-dark"],
        Reason::DelayedByCap => &["delayed 5 h", "3 per 7 days"],
        Reason::MovedToBusinessHours => &["moved 5 h", "business hour"],
        Reason::MovedPastPauseDate => &["moved 5 h", "pause date"],
        Reason::LeakDuplicate => &["leak", "other address"],
        Reason::LeakUnmarkedEventLead => &["leak", "never marked"],
        Reason::ExitCriteria => &["exit criteria"],
        Reason::ReturnedToMarketing => &["back with marketing"],
    }
}

const WHATS: [What; 35] = [
    What::EmailSent,
    What::EmailSuppressed,
    What::Arrived,
    What::FormFill,
    What::PageVisit,
    What::Opened,
    What::Clicked,
    What::Replied,
    What::Ignored,
    What::Unsubscribed,
    What::Bounced,
    What::ScoreChanged,
    What::ScoreDecayed,
    What::StageChanged,
    What::Disqualified,
    What::HandedOff,
    What::TeamsNotified,
    What::WaitingForRep,
    What::SlaBreached,
    What::FirstTouch,
    What::Called,
    What::MeetingBooked,
    What::Won,
    What::Lost,
    What::BadTiming,
    What::GoneDark,
    What::Recycled,
    What::JoinedList,
    What::Enrolled,
    What::Unenrolled,
    What::GoalReached,
    What::Conflict,
    What::OverComfortLimit,
    What::MassSendNotice,
    What::InCrm,
];

const REASONS: [Reason; 18] = [
    Reason::None,
    Reason::UniversalSuppression,
    Reason::SalesStage,
    Reason::AlreadyReceived,
    Reason::CustomPolicy,
    Reason::WorkflowSuppression,
    Reason::FrequencyCap,
    Reason::ExcludedByRep,
    Reason::Unsubscribed,
    Reason::Bounced,
    Reason::DarkSuppression,
    Reason::DelayedByCap,
    Reason::MovedToBusinessHours,
    Reason::MovedPastPauseDate,
    Reason::LeakDuplicate,
    Reason::LeakUnmarkedEventLead,
    Reason::ExitCriteria,
    Reason::ReturnedToMarketing,
];

#[test]
fn every_kind_of_entry_says_what_happened() {
    let o = outcome(HandoffOption::CeaseAll);
    for what in WHATS {
        let (it, words) = entry(what);
        let text = o.describe(&it);
        for w in words {
            assert!(text.contains(w), "{what:?}: {text:?} should name {w:?}");
        }
    }
}

#[test]
fn every_reason_says_why() {
    let o = outcome(HandoffOption::CeaseAll);
    for reason in REASONS {
        let it = item(What::EmailSuppressed, reason, 0, 5);
        let text = o.reason_text(&it);
        assert_eq!(text.is_empty(), reason == Reason::None, "{reason:?}: {text:?}");
        for w in reason_words(reason) {
            assert!(text.contains(w), "{reason:?}: {text:?} should name {w:?}");
        }
        assert_eq!(reason_label(reason, &o).is_empty(), reason == Reason::None, "{reason:?} needs a short label");
    }
}

#[test]
fn every_figure_has_a_label_a_definition_and_a_direction() {
    for f in Figure::ALL {
        assert!(!f.label().is_empty() && f.definition().ends_with('.'), "{f:?}");
    }
    assert_eq!(Figure::SlaBreaches.direction(), Direction::LowerIsBetter);
    assert_eq!(Figure::Won.direction(), Direction::HigherIsBetter);
    assert!(!Figure::Leaks.applies_to(HandoffOption::Everything));
    assert!(Figure::Leaks.applies_to(HandoffOption::CeaseAll));
}
