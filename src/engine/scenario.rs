//! The scenario: everything a team models, exactly as it is stored in a `.baton.json` file.
//!
//! These types are the file format. They derive `serde` for reading and writing and
//! `schemars` for the committed JSON Schema (`schema/scenario.schema.json`). A `Scenario`
//! that came from outside is only trusted after [`crate::engine::load`] has validated it.
//! Field defaults are chosen so that a small hand-written file means what a marketing
//! operations lead would expect.

use chrono::{NaiveDate, Weekday};
#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::calendar::{ClockTime, UtcOffset};
use super::shared::Shared;

/// The version of the scenario format this build writes. Older versions are migrated on load.
pub const FORMAT_VERSION: u32 = 1;

/// Who a printed agreement is between: the team and the owner on each side.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct SignOff {
    /// The team or company the agreement is for ("Acme revenue team").
    pub team: String,
    /// Who owns the agreement for marketing.
    pub marketing_owner: String,
    /// Who owns the agreement for sales.
    pub sales_owner: String,
}

impl SignOff {
    /// Most characters in each of its texts.
    pub const MAX_CHARS: usize = 120;

    /// True when nothing is filled in (then the file leaves it out).
    pub fn is_empty(&self) -> bool {
        self.team.is_empty() && self.marketing_owner.is_empty() && self.sales_owner.is_empty()
    }
}

/// A whole planning scenario: the population, the programs that email it, and the agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version of this file; this build writes 1.
    pub format_version: u32,
    /// A short name shown in the app and used for exported file names.
    pub name: String,
    /// A sentence or two on what this scenario models.
    #[serde(default)]
    pub description: String,
    /// Start date, horizon, time zone, business hours and pause dates.
    pub calendar: CalendarSettings,
    /// Behaviour models, one per kind of person.
    pub personas: Vec<Persona>,
    /// Named contacts, for walking a workshop through real stories.
    // Shared by copies of the scenario until one of them changes them (`Shared`).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Vec<Contact>"))]
    pub contacts: Shared<Vec<Contact>>,
    /// Generated contacts: N per persona, so a workshop needs no real data.
    #[serde(default)]
    pub generate: Vec<PopulationGroup>,
    /// How interactions and traits become a lead score.
    pub scoring: Scoring,
    /// Score thresholds and where the handoff happens.
    pub lifecycle: Lifecycle,
    /// The sales reps who receive handed-off leads.
    pub reps: Vec<Rep>,
    /// How handed-off leads are shared among reps.
    #[serde(default)]
    pub routing: Routing,
    /// Automated marketing programs.
    #[serde(default)]
    pub workflows: Vec<Workflow>,
    /// One-off marketing emails sent to a segment at a set time.
    #[serde(default)]
    pub mass_sends: Vec<MassSend>,
    /// What sales does after a handoff.
    pub sales_cadence: SalesCadence,
    /// Which handoff option the teams picked.
    pub handoff_option: HandoffOption,
    /// For the custom option: which email kind may reach a contact at each stage.
    #[serde(default)]
    pub custom_policy: CustomPolicy,
    /// Leads reps asked to leave out of a mass send (option 2's notice).
    #[serde(default)]
    pub exclusions: Vec<Exclusion>,
    /// A limit on how many emails one contact receives in a rolling window.
    #[serde(default)]
    pub frequency_cap: Option<FrequencyCap>,
    /// Service-level agreements between the teams.
    #[serde(default)]
    pub sla: Sla,
    /// Whether an unsubscribe or a bounce also stops sales email (marketing always stops).
    #[serde(default = "yes")]
    pub unsubscribe_stops_sales: bool,
    /// The choices of the last CRM import into this scenario (columns, values, owners,
    /// personas), offered again for the next export of the same CRM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crm_import: Option<super::crm_import::ImportOptions>,
    /// The last what-if sweep and the agreement's goals, printed with the agreement as
    /// "why this threshold".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_if: Option<super::sweep::WhatIf>,
    /// Who the agreement is for and who owns it on each side, for the printed copy's
    /// sign-off block.
    #[serde(default, skip_serializing_if = "SignOff::is_empty")]
    pub sign_off: SignOff,
}

pub(crate) fn yes() -> bool {
    true
}

/// When the simulation starts, how long it runs and when people work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CalendarSettings {
    /// First day simulated (00:00 team time).
    pub start: NaiveDate,
    /// Number of days simulated, 1 to 730.
    pub horizon_days: u32,
    /// The team's time zone as an offset from UTC, such as "-05:00".
    #[serde(default)]
    pub utc_offset: UtcOffset,
    /// When the team works; off-hours automated emails (and sales emails, unless the sales
    /// team has its own hours) move to the next open slot.
    #[serde(default)]
    pub business_hours: BusinessHours,
    /// The sales team's working days and hours, when they differ from marketing's: reps
    /// call and email only then, and the first touch is counted in these hours.
    #[serde(default)]
    pub sales_hours: Option<BusinessHours>,
    /// Holidays: no automated or sales email goes out on these dates.
    #[serde(default)]
    pub pause_dates: Vec<NaiveDate>,
}

/// Working days and hours in the team's time zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BusinessHours {
    /// Working weekdays, such as ["Mon","Tue","Wed","Thu","Fri"].
    pub days: Vec<Weekday>,
    /// Opening time, such as "09:00".
    pub opens: ClockTime,
    /// Closing time, such as "17:00"; must be after opening time.
    pub closes: ClockTime,
    /// Works every day at any hour: days and times are ignored (pause dates still apply).
    #[serde(default, skip_serializing_if = "is_false")]
    pub always_open: bool,
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

impl BusinessHours {
    /// The hours in words, such as "Mon–Fri 09:00–17:00" or "Mon, Wed, Fri 13:00–18:00".
    pub fn words(&self) -> String {
        if self.always_open {
            return "every day, at any hour".to_string();
        }
        const NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let mut days: Vec<usize> = self.days.iter().map(|d| d.num_days_from_monday() as usize).collect();
        days.sort_unstable();
        days.dedup();
        let run = days.len() > 2 && days.windows(2).all(|w| w[1] == w[0] + 1);
        let days = match (run, days.first(), days.last()) {
            (true, Some(&a), Some(&b)) => format!("{}–{}", NAMES[a], NAMES[b]),
            _ => days.iter().map(|&d| NAMES[d]).collect::<Vec<_>>().join(", "),
        };
        format!("{days} {}–{}", self.opens, self.closes)
    }
}

impl Default for BusinessHours {
    fn default() -> Self {
        use Weekday::*;
        BusinessHours { days: vec![Mon, Tue, Wed, Thu, Fri], opens: ClockTime::new(9, 0), closes: ClockTime::new(17, 0), always_open: false }
    }
}

/// The three kinds of email a lead receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EmailKind {
    /// Sent by a nurture workflow.
    Automated,
    /// Sent once to a segment at a scheduled time.
    Mass,
    /// Written by one rep to one lead.
    Sales,
}

impl EmailKind {
    /// All kinds, in the order they are shown.
    pub const ALL: [EmailKind; 3] = [EmailKind::Automated, EmailKind::Mass, EmailKind::Sales];

    /// The lower-case word used in files and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            EmailKind::Automated => "automated",
            EmailKind::Mass => "mass",
            EmailKind::Sales => "sales",
        }
    }

    /// True for the two marketing kinds.
    pub fn is_marketing(self) -> bool {
        !matches!(self, EmailKind::Sales)
    }
}

/// How a person reacts to one kind of email; each value is a chance from 0 to 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reactions {
    /// Chance to open the email.
    pub open: f64,
    /// Chance to click, given an open.
    #[serde(default)]
    pub click: f64,
    /// Chance to reply, given an open.
    #[serde(default)]
    pub reply: f64,
    /// Chance to book a meeting, given a reply.
    #[serde(default)]
    pub meeting: f64,
    /// Chance to unsubscribe on receiving the email.
    #[serde(default)]
    pub unsubscribe: f64,
}

/// How open and unsubscribe chances change when a contact gets many emails in 7 days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Fatigue {
    /// Emails in the last 7 days a contact takes without tiring.
    pub tolerance_per_7_days: u32,
    /// Open chance is multiplied by (1 − this) for each email beyond the tolerance.
    pub open_drop_per_extra_email: f64,
    /// Unsubscribe chance rises by this much for each email beyond the tolerance.
    pub unsubscribe_rise_per_extra_email: f64,
}

impl Default for Fatigue {
    fn default() -> Self {
        Fatigue { tolerance_per_7_days: 3, open_drop_per_extra_email: 0.15, unsubscribe_rise_per_extra_email: 0.01 }
    }
}

/// Something a contact does on their own now and then (visit a page, fill a form).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Habit {
    /// What they do.
    pub action: Activity,
    /// How often, on average, per 30 days.
    pub per_month: f64,
}

/// An interaction a contact can have with the company outside email.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Activity {
    /// Visits a page of the site, such as "Pricing" or "Careers".
    VisitPage { page: String },
    /// Fills a form or downloads an asset, such as "White paper" or "Demo request".
    FillForm { asset: String },
}

/// A kind of person and how they behave. All chances are seeded, so a run is repeatable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// Unique id used by contacts and generators, such as "ready_buyer".
    pub id: String,
    /// Name shown on screen, such as "Ready buyer".
    pub name: String,
    /// Reactions to automated nurture email.
    pub automated: Reactions,
    /// Reactions to mass email.
    pub mass: Reactions,
    /// Reactions to a rep's one-to-one email.
    pub sales: Reactions,
    /// Site visits and form fills over time.
    #[serde(default)]
    pub habits: Vec<Habit>,
    /// How their reactions change when over-emailed.
    #[serde(default)]
    pub fatigue: Fatigue,
    /// Chance that a meeting turns into a won deal.
    #[serde(default)]
    pub win_chance: f64,
    /// Reasons given when a deal is lost; one is picked at random.
    #[serde(default)]
    pub loss_reasons: Vec<String>,
    /// Chance that the address bounces on the first email.
    #[serde(default)]
    pub bounce_chance: f64,
    /// What follows a reply to sales that books no meeting.
    #[serde(default)]
    pub after_reply: AfterReply,
    /// For event leads: chance that the rep, after the first attempt brings no reply,
    /// releases the lead to marketing as cold (onto the "Cold event leads" list).
    #[serde(default)]
    pub released_cold_after_first_attempt: f64,
    /// Trait mixes for generated contacts; one value of each list is picked at random.
    #[serde(default)]
    pub trait_mix: TraitMix,
}

/// What happens after a lead replies to sales without booking a meeting. Each chance is
/// taken in turn; a lead that draws neither stays connected with its rep, the
/// conversation going on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AfterReply {
    /// Chance the lead says the timing is wrong: back to marketing after
    /// `sales_cadence.bad_timing_return_days`, onto the "Bad timing" list.
    pub bad_timing: f64,
    /// Chance the rep finds the lead unqualified: back to marketing at once, onto the
    /// "Unqualified" list.
    pub unqualified: f64,
}

impl Default for AfterReply {
    fn default() -> Self {
        AfterReply { bad_timing: 0.4, unqualified: 0.3 }
    }
}

/// Lists of trait values a generator draws from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TraitMix {
    #[serde(default)]
    pub industry: Vec<String>,
    #[serde(default)]
    pub job_title: Vec<String>,
    #[serde(default)]
    pub company_size: Vec<String>,
    #[serde(default)]
    pub country: Vec<String>,
    /// Email domains; when empty, each generated contact gets their company's domain.
    #[serde(default)]
    pub email_domain: Vec<String>,
}

/// Fit traits of a contact, used by fit scoring, disqualifiers and territory routing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Traits {
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub job_title: String,
    #[serde(default)]
    pub company_size: String,
    #[serde(default)]
    pub country: String,
}

/// Which trait a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TraitName {
    Industry,
    JobTitle,
    CompanySize,
    Country,
    /// The part of the email address after the @.
    EmailDomain,
}

/// How a contact came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Source {
    /// Filled a form for a content offer; the download is their first activity.
    ContentDownload { asset: String },
    /// A card a rep gathered at an event; sales follows up first, marketing waits.
    EventCard {
        /// Whether the rep marked the lead as sales-owned in the CRM. An unmarked event
        /// lead is a known leak: the universal suppression list does not see it.
        #[serde(default = "yes")]
        marked_in_crm: bool,
    },
    /// Imported from a list; no activity to start with.
    Import,
}

/// Lifecycle stages, in their forward order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Subscriber,
    #[default]
    Lead,
    Mql,
    Sql,
    Sal,
    Opportunity,
    Customer,
    /// People who will never buy: competitors, students, job seekers.
    Other,
}

impl Stage {
    /// All stages, in order.
    pub const ALL: [Stage; 8] = [Stage::Subscriber, Stage::Lead, Stage::Mql, Stage::Sql, Stage::Sal, Stage::Opportunity, Stage::Customer, Stage::Other];

    /// The word used in files and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Subscriber => "subscriber",
            Stage::Lead => "lead",
            Stage::Mql => "mql",
            Stage::Sql => "sql",
            Stage::Sal => "sal",
            Stage::Opportunity => "opportunity",
            Stage::Customer => "customer",
            Stage::Other => "other",
        }
    }

    /// The name shown on screen.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Subscriber => "Subscriber",
            Stage::Lead => "Lead",
            Stage::Mql => "MQL",
            Stage::Sql => "SQL",
            Stage::Sal => "SAL",
            Stage::Opportunity => "Opportunity",
            Stage::Customer => "Customer",
            Stage::Other => "Other",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    pub(crate) fn from_index(i: u8) -> Stage {
        Stage::ALL[(i as usize).min(7)]
    }
}

/// The sales-side status of a lead: where the rep's work stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    /// Not with sales (marketing owns the contact).
    #[default]
    None,
    /// Handed to a rep, not touched yet.
    New,
    /// The rep is reaching out.
    Attempting,
    /// The lead replied.
    Connected,
    /// Replied, but not ready to buy now.
    BadTiming,
    /// No reply after the last touch.
    Unqualified,
    /// Passed back to marketing.
    Recycled,
}

impl LeadStatus {
    /// All statuses, in order.
    pub const ALL: [LeadStatus; 7] = [
        LeadStatus::None,
        LeadStatus::New,
        LeadStatus::Attempting,
        LeadStatus::Connected,
        LeadStatus::BadTiming,
        LeadStatus::Unqualified,
        LeadStatus::Recycled,
    ];

    /// The name shown on screen (empty when marketing owns the contact).
    pub fn label(self) -> &'static str {
        match self {
            LeadStatus::None => "",
            LeadStatus::New => "New",
            LeadStatus::Attempting => "Attempting",
            LeadStatus::Connected => "Connected",
            LeadStatus::BadTiming => "Bad timing",
            LeadStatus::Unqualified => "Unqualified",
            LeadStatus::Recycled => "Recycled",
        }
    }

    /// The word used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            LeadStatus::None => "none",
            LeadStatus::New => "new",
            LeadStatus::Attempting => "attempting",
            LeadStatus::Connected => "connected",
            LeadStatus::BadTiming => "bad_timing",
            LeadStatus::Unqualified => "unqualified",
            LeadStatus::Recycled => "recycled",
        }
    }
}

/// A named contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Unique id, such as a CRM record id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Email address.
    pub email: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub traits: Traits,
    /// Persona id; it sets the contact's behaviour.
    pub persona: String,
    /// How the contact came in.
    pub source: Source,
    /// Day (from the start, 0-based, at most 730) and time the contact appears.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 730)))]
    pub arrives_day: u32,
    #[serde(default = "default_arrival_time")]
    pub arrives_at: ClockTime,
    /// Stage at arrival.
    #[serde(default = "default_stage")]
    pub stage: Stage,
    /// Starting score.
    #[serde(default)]
    pub score: i32,
    /// The contact's own time zone, if different from the team's.
    #[serde(default)]
    pub utc_offset: Option<UtcOffset>,
    /// The rep who already owns this contact (a rep's name). Such a contact starts
    /// sales-owned: on the universal suppression list, in that rep's cadence.
    #[serde(default)]
    pub owner: Option<String>,
    /// Id of another contact who is the same person (a personal and a work address).
    /// The universal suppression list does not link the two: that is a known leak.
    #[serde(default)]
    pub same_person_as: Option<String>,
    /// A fully determined story that replaces chance for this contact.
    #[serde(default)]
    pub script: Option<Script>,
    /// Already in the CRM when the plan starts (an imported contact created before it):
    /// present from the first moment in the state this contact describes, not a new lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing: Option<Existing>,
}

/// How a contact already in the CRM starts the plan. It is there from the first moment in
/// its stage, with its score and owner. One a rep owns (and whose lead status is not
/// unqualified or bad timing) is sales-owned from the start, with no handoff and no SLA
/// clock: an opportunity closes within `sales_cadence.deal_days`, won or lost by its
/// persona's chances; any other owned contact is partway through the sales cadence; a
/// customer stays with its rep. One no rep owns is marketing's, as its stage allows (an
/// SQL no rep owns is handed off on the first day, as any unrouted SQL would be).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Existing {
    /// The sales lead status the CRM gives. Unqualified or bad timing: back with
    /// marketing from the start, whoever the owner is.
    #[serde(default)]
    pub lead_status: LeadStatus,
    /// The score is the CRM's own, fit included, so arriving adds no fit points (the
    /// default). `false`: the scenario's fit rules add their points to `score`.
    #[serde(default = "yes")]
    pub crm_score: bool,
}

impl Default for Existing {
    fn default() -> Existing {
        Existing { lead_status: LeadStatus::None, crm_score: true }
    }
}

pub(crate) fn default_arrival_time() -> ClockTime {
    ClockTime::new(10, 0)
}

fn default_stage() -> Stage {
    Stage::Lead
}

/// A scripted story for one contact: with a script, nothing about them is left to chance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// Things the contact does at set times.
    #[serde(default)]
    pub events: Vec<ScriptedEvent>,
    /// Names of emails the contact opens when they arrive.
    #[serde(default)]
    pub opens: Vec<String>,
    /// Names of emails the contact clicks when they arrive.
    #[serde(default)]
    pub clicks: Vec<String>,
    /// Replies to this sales touch (1 = the first). A reply alone keeps the lead with
    /// sales, connected; what follows is `books_meeting` or `after_reply`.
    #[serde(default)]
    pub replies_to_sales_touch: Option<u32>,
    /// Books a meeting when replying.
    #[serde(default)]
    pub books_meeting: bool,
    /// Without a meeting: what the reply leads to (none = the conversation goes on).
    #[serde(default)]
    pub after_reply: Option<ReplyOutcome>,
    /// Outcome of the deal after the meeting.
    #[serde(default)]
    pub deal: Option<DealOutcome>,
    /// Unsubscribes on receiving the email with this name.
    #[serde(default)]
    pub unsubscribes_on: Option<String>,
}

/// What a reply to sales leads to when no meeting is booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReplyOutcome {
    /// Not now: back to marketing after `bad_timing_return_days`.
    BadTiming,
    /// The rep finds the lead unqualified: back to marketing at once.
    Unqualified,
}

/// One scripted action at a set time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScriptedEvent {
    /// Day from the start, 0-based (at most 730).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 730)))]
    pub day: u32,
    /// Time of day, team time.
    pub at: ClockTime,
    /// What happens.
    pub action: ScriptAction,
}

/// Something a script dates: the contact's own actions, and the rep's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ScriptAction {
    /// Visits a page of the site.
    VisitPage { page: String },
    /// Fills a form or downloads an asset.
    FillForm { asset: String },
    /// Unsubscribes from marketing email.
    Unsubscribe,
    /// Replies to the rep (while sales works the lead; else to the last email received).
    Reply,
    /// Books a meeting with the rep (a lead not yet with sales is handed off first).
    BookMeeting,
    /// The rep marks the lead cold and releases it to marketing (an event lead goes onto
    /// the "Cold event leads" list, any other onto "Unqualified").
    MarkedCold,
}

impl ScriptAction {
    /// Every kind of scripted action, as (code, words) for a drop-down.
    pub const KINDS: [(&'static str, &'static str); 6] = [
        ("visit", "Visits a page"),
        ("form", "Fills a form / downloads"),
        ("unsubscribe", "Unsubscribes"),
        ("reply", "Replies to the rep"),
        ("meeting", "Books a meeting"),
        ("cold", "Rep marks the lead cold"),
    ];

    /// The code of this action's kind (see [`ScriptAction::KINDS`]).
    pub fn code(&self) -> &'static str {
        match self {
            ScriptAction::VisitPage { .. } => "visit",
            ScriptAction::FillForm { .. } => "form",
            ScriptAction::Unsubscribe => "unsubscribe",
            ScriptAction::Reply => "reply",
            ScriptAction::BookMeeting => "meeting",
            ScriptAction::MarkedCold => "cold",
        }
    }

    /// The page or asset it names, if its kind names one.
    pub fn name(&self) -> Option<&str> {
        match self {
            ScriptAction::VisitPage { page } => Some(page),
            ScriptAction::FillForm { asset } => Some(asset),
            ScriptAction::Unsubscribe | ScriptAction::Reply | ScriptAction::BookMeeting | ScriptAction::MarkedCold => None,
        }
    }

    /// An action of the kind `code`, naming `name` where the kind names something.
    pub fn from_code(code: &str, name: &str) -> Option<ScriptAction> {
        Some(match code {
            "visit" => ScriptAction::VisitPage { page: name.to_string() },
            "form" => ScriptAction::FillForm { asset: name.to_string() },
            "unsubscribe" => ScriptAction::Unsubscribe,
            "reply" => ScriptAction::Reply,
            "meeting" => ScriptAction::BookMeeting,
            "cold" => ScriptAction::MarkedCold,
            _ => return None,
        })
    }
}

impl From<Activity> for ScriptAction {
    fn from(a: Activity) -> ScriptAction {
        match a {
            Activity::VisitPage { page } => ScriptAction::VisitPage { page },
            Activity::FillForm { asset } => ScriptAction::FillForm { asset },
        }
    }
}

/// How a deal ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum DealOutcome {
    Won,
    Lost { reason: String },
}

/// N generated contacts of one persona.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PopulationGroup {
    /// Persona id.
    pub persona: String,
    /// How many contacts.
    pub count: u32,
    /// How they came in.
    pub source: Source,
    /// Arrivals are spread evenly at random over this many days from the start (0 = all on
    /// day 0; at most 730).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 730)))]
    pub arrive_over_days: u32,
    /// Stage at arrival.
    #[serde(default = "default_stage")]
    pub stage: Stage,
}

/// What an interaction is worth in points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BehaviourRule {
    /// The interaction.
    pub event: ScoredEvent,
    /// Only for this asset, page or email name (empty = any).
    #[serde(default)]
    pub name: String,
    /// Points added (negative to subtract).
    pub points: i32,
    /// Most points this rule can give one contact in total (absolute value; none = no cap).
    #[serde(default)]
    pub cap: Option<i32>,
}

/// Interactions that scoring rules can look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScoredEvent {
    EmailOpen,
    EmailClick,
    /// An email not opened within 3 days.
    EmailIgnored,
    EmailReply,
    FormFill,
    PageVisit,
    Unsubscribe,
}

/// Points for a trait value, such as +15 for the industry "Healthcare".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FitRule {
    /// Trait looked at.
    #[serde(rename = "trait")]
    pub trait_name: TraitName,
    /// Value matched, ignoring case.
    pub equals: String,
    /// Points added.
    pub points: i32,
}

/// A trait value that marks a contact as someone who will never buy (stage "other").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Disqualifier {
    /// Trait looked at.
    #[serde(rename = "trait")]
    pub trait_name: TraitName,
    /// Value matched, ignoring case.
    pub equals: String,
    /// Shown as the reason, such as "Competitor".
    pub label: String,
}

/// Score decay when a lead goes quiet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Decay {
    /// Days without any interaction before the score decays (1 to 730).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 730)))]
    pub quiet_days: u32,
    /// Points lost each time the quiet period passes again (1 to 10,000).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 10000)))]
    pub points: i32,
}

/// Lead scoring: behaviour, fit, disqualifiers, decay, and a total cap.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    #[serde(default)]
    pub behaviour: Vec<BehaviourRule>,
    #[serde(default)]
    pub fit: Vec<FitRule>,
    #[serde(default)]
    pub disqualifiers: Vec<Disqualifier>,
    #[serde(default)]
    pub decay: Option<Decay>,
    /// Highest score a contact can have.
    #[serde(default)]
    pub max_score: Option<i32>,
}

/// Where the lead passes to sales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HandoffPoint {
    /// At the MQL score: sales vets marketing-qualified leads.
    Mql,
    /// At the handoff score: the lead becomes an SQL and sales owns it.
    Sql,
}

/// Score thresholds and the handoff point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Lifecycle {
    /// Score at which a lead becomes an MQL.
    pub mql_score: i32,
    /// Score at which a lead is sales-ready (an SQL); the articles use 80.
    pub handoff_score: i32,
    /// Whether sales takes over at MQL or at SQL.
    #[serde(default = "default_handoff_point")]
    pub handoff_at: HandoffPoint,
    /// Use the SAL stage: a lead becomes sales-accepted at the rep's first touch.
    #[serde(default)]
    pub use_sal: bool,
    /// Forms that hand the lead off at once, whatever the score (such as "Demo request").
    #[serde(default)]
    pub direct_handoff_forms: Vec<String>,
}

fn default_handoff_point() -> HandoffPoint {
    HandoffPoint::Sql
}

/// A sales rep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rep {
    /// Name shown on screen and in reasons, such as "Dana Reyes".
    pub name: String,
    /// Most new leads the rep takes per week; more wait for the next week.
    pub capacity_per_week: u32,
    /// For territory routing: the country value this rep covers.
    #[serde(default)]
    pub territory: String,
    /// Typical working hours between assignment and the rep's first touch.
    #[serde(default = "default_response_hours")]
    pub first_touch_hours: f64,
}

fn default_response_hours() -> f64 {
    4.0
}

/// How handed-off leads are shared among reps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Routing {
    /// Each new lead goes to the next rep with room this week.
    #[default]
    RoundRobin,
    /// Leads go to the rep whose territory matches their country, else round robin.
    Territory,
}

/// A step of an automated workflow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Step {
    /// Send an email.
    Email { name: String },
    /// Wait; with `up_to`, wait a random time between the two (such as 10 to 14 days).
    Delay {
        wait: Duration,
        #[serde(default)]
        up_to: Option<Duration>,
    },
    /// Wait until the next given weekday at the given time.
    DelayUntil { weekday: Weekday, at: ClockTime },
    /// If the condition holds, jump to a later step (the step count means "end").
    Branch { when: BranchCondition, go_to_step: u32 },
}

/// A span of time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Duration {
    #[serde(default)]
    pub days: u32,
    #[serde(default)]
    pub hours: u32,
    #[serde(default)]
    pub minutes: u32,
}

impl Duration {
    /// Builds a duration of whole days.
    pub fn days(days: u32) -> Duration {
        Duration { days, hours: 0, minutes: 0 }
    }

    /// Builds a duration of minutes.
    pub fn minutes(minutes: u32) -> Duration {
        Duration { days: 0, hours: 0, minutes }
    }

    /// The length in minutes.
    pub fn total_minutes(self) -> u64 {
        self.days as u64 * 1440 + self.hours as u64 * 60 + self.minutes as u64
    }
}

/// What a branch step checks about the last email of the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BranchCondition {
    Opened,
    NotOpened,
    Clicked,
    NotClicked,
}

/// Lists a contact can be put on by the lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ListName {
    /// Sales passed the lead back (any reason).
    Recycled,
    /// No reply after the last sales touch.
    GoneDark,
    /// The deal was lost.
    ClosedLost,
    /// The lead replied but is not ready to buy.
    BadTiming,
    /// An event lead sales released to marketing after follow-up.
    ColdEventLeads,
    /// The rep found the lead unqualified and passed it back.
    Unqualified,
}

impl ListName {
    pub const ALL: [ListName; 6] =
        [ListName::Recycled, ListName::GoneDark, ListName::ClosedLost, ListName::BadTiming, ListName::ColdEventLeads, ListName::Unqualified];

    /// The name shown on screen.
    pub fn label(self) -> &'static str {
        match self {
            ListName::Recycled => "Recycled leads",
            ListName::GoneDark => "Gone dark",
            ListName::ClosedLost => "Closed lost",
            ListName::BadTiming => "Bad timing",
            ListName::ColdEventLeads => "Cold event leads",
            ListName::Unqualified => "Unqualified",
        }
    }

    pub(crate) fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// What enrolls a contact in a workflow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Trigger {
    /// Fills this form or downloads this asset.
    FormFill { asset: String },
    /// Reaches this stage.
    StageReached { stage: Stage },
    /// Score reaches at least this many points.
    ScoreAtLeast { points: i32 },
    /// Is put on this list.
    JoinedList { list: ListName },
}

/// A condition that ends a contact's enrollment early.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ExitCriterion {
    /// The contact reaches this stage (or a later one).
    StageReached { stage: Stage },
    /// Sales takes the lead over.
    HandedOff,
    /// The contact fills this form.
    FormFill { asset: String },
}

/// A workflow's own suppression list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum SuppressionList {
    /// Contacts at this stage.
    Stage { stage: Stage },
    /// Contacts on this list.
    List { list: ListName },
}

/// An automated marketing program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Workflow {
    pub name: String,
    /// What enrolls a contact.
    pub trigger: Trigger,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// Reaching this ends the enrollment as a success.
    #[serde(default)]
    pub goal: Option<ExitCriterion>,
    /// Any of these ends the enrollment.
    #[serde(default)]
    pub exit_when: Vec<ExitCriterion>,
    /// Whether a contact can enroll again after finishing.
    #[serde(default)]
    pub reenroll: bool,
    /// Contacts on these lists get no email from this workflow.
    #[serde(default)]
    pub suppression_lists: Vec<SuppressionList>,
    /// Send only in business hours (off-hours emails move to the next open slot).
    #[serde(default = "yes")]
    pub business_hours_only: bool,
    /// Among automated emails due at the same moment, higher priority goes first.
    #[serde(default)]
    pub priority: u8,
    /// When sales passes a lead back to marketing, the lead stays in this workflow and
    /// carries on (by default it leaves, so the track for its reason takes over).
    #[serde(default, skip_serializing_if = "is_false")]
    pub resume_after_return: bool,
    /// Sends its emails even to contacts who already received an email of the same name
    /// (by default such an email is held back, so returning leads get new content).
    #[serde(default, skip_serializing_if = "is_false")]
    pub repeat_content: bool,
}

impl Workflow {
    /// Moves step `from` to position `to` (as a drag and drop or an arrow button does),
    /// keeping every branch pointing at the same step it pointed at before.
    pub fn move_step(&mut self, from: usize, to: usize) {
        let n = self.steps.len();
        if from >= n || to >= n || from == to {
            return;
        }
        let mut order: Vec<usize> = (0..n).collect();
        let moved = order.remove(from);
        order.insert(to, moved);
        let mut new_index = vec![0u32; n];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new as u32;
        }
        let step = self.steps.remove(from);
        self.steps.insert(to, step);
        for s in self.steps.iter_mut() {
            if let Step::Branch { go_to_step, .. } = s {
                if (*go_to_step as usize) < n {
                    *go_to_step = new_index[*go_to_step as usize];
                }
            }
        }
    }
}

/// Which contacts a mass send targets. Empty lists mean "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Segment {
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub personas: Vec<String>,
    /// Contacts on any of these lists.
    #[serde(default)]
    pub lists: Vec<ListName>,
    /// Contacts with this country.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Contacts with these trait values: for each trait named here, any of the values
    /// given for it (ignoring case), such as the industry "Healthcare" or "Retail".
    #[serde(default)]
    pub traits: Vec<TraitIs>,
}

/// A trait value a contact must have to be in a segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TraitIs {
    /// Trait looked at.
    #[serde(rename = "trait")]
    pub trait_name: TraitName,
    /// Value matched, ignoring case.
    pub equals: String,
}

/// A one-off marketing email to a segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MassSend {
    /// Email name, such as "Spring webinar invitation".
    pub name: String,
    /// Day from the start, 0-based.
    pub day: u32,
    /// Send time, team time.
    pub at: ClockTime,
    pub segment: Segment,
    /// Not counted by, nor held back by, the frequency cap.
    #[serde(default)]
    pub exempt_from_cap: bool,
    /// What the email says, in a sentence or two, for the notice to sales.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Answers prepared for the questions leads may ask reps about this email.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prepared_answers: Vec<String>,
}

/// One touch of the sales cadence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Touch {
    /// Days after the first touch.
    pub day: u32,
    /// Email or call; only emails reach the contact's inbox.
    pub channel: TouchChannel,
    /// Name shown for this touch, such as "Intro email".
    pub name: String,
}

/// How a rep touches a lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TouchChannel {
    Email,
    Call,
}

/// What happens to leads that never reply to sales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DarkAction {
    /// Back to marketing, on the "gone dark" list (workflows can enroll from it).
    Recover,
    /// Onto a suppression list: no marketing email at all.
    Suppress,
}

/// What sales does after a handoff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SalesCadence {
    /// Touches, in order; the articles use five over two weeks.
    pub touches: Vec<Touch>,
    /// Days after the last touch before a silent lead counts as gone dark.
    pub dark_after_days: u32,
    /// What happens to gone-dark leads.
    pub when_dark: DarkAction,
    /// Days from meeting to won or lost.
    pub deal_days: u32,
    /// Days after a bad-timing reply before the lead returns to marketing.
    #[serde(default)]
    pub bad_timing_return_days: u32,
    /// What the sales work already under way means for a contact a rep owns when the plan
    /// starts (from a CRM import), by stage.
    #[serde(default, skip_serializing_if = "InProgress::is_default")]
    pub in_progress: InProgress,
}

/// The sales work already under way when the plan starts, by the contact's stage: what a
/// rep is doing with an SQL, an SAL or an opportunity that the CRM says they own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InProgress {
    /// A sales-qualified lead a rep owns (default: partway through the cadence).
    #[serde(default = "mid_cadence")]
    pub sql: OpenWork,
    /// A sales-accepted lead a rep owns (default: partway through the cadence).
    #[serde(default = "mid_cadence")]
    pub sal: OpenWork,
    /// An opportunity a rep owns (default: closes within `deal_days`).
    #[serde(default = "deal_closes")]
    pub opportunity: OpenWork,
}

fn mid_cadence() -> OpenWork {
    OpenWork::MidCadence
}

fn deal_closes() -> OpenWork {
    OpenWork::DealCloses
}

impl Default for InProgress {
    fn default() -> InProgress {
        InProgress { sql: OpenWork::MidCadence, sal: OpenWork::MidCadence, opportunity: OpenWork::DealCloses }
    }
}

impl InProgress {
    pub fn is_default(&self) -> bool {
        *self == InProgress::default()
    }

    /// The stages with a choice, as the import step and the sales editor name them.
    pub const STAGES: [(Stage, &'static str); 3] =
        [(Stage::Sql, "SQLs a rep owns"), (Stage::Sal, "SALs a rep owns"), (Stage::Opportunity, "Opportunities a rep owns")];

    /// Sets the choice for one of [`InProgress::STAGES`] (other stages have none).
    pub fn set(&mut self, stage: Stage, work: OpenWork) {
        match stage {
            Stage::Sql => self.sql = work,
            Stage::Sal => self.sal = work,
            Stage::Opportunity => self.opportunity = work,
            _ => {}
        }
    }

    /// The choice for a stage (`None` for stages with no sales work under way).
    pub fn for_stage(&self, stage: Stage) -> Option<OpenWork> {
        match stage {
            Stage::Sql => Some(self.sql),
            Stage::Sal => Some(self.sal),
            Stage::Opportunity => Some(self.opportunity),
            _ => None,
        }
    }
}

/// What a rep's work in progress does during the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OpenWork {
    /// Partway through the cadence: a touch picked at random goes out within three days,
    /// and the cadence goes on from there. A contact the CRM says is connected (an open
    /// deal) is past the cadence: no touch.
    MidCadence,
    /// The cadence starts again from its first touch within three days.
    CadenceFromStart,
    /// The deal closes within `deal_days`, won or lost by the persona's chances.
    DealCloses,
    /// The rep's work goes on outside email: no sales email, nothing closes during the plan.
    Quiet,
}

impl OpenWork {
    pub const ALL: [OpenWork; 4] = [OpenWork::MidCadence, OpenWork::CadenceFromStart, OpenWork::DealCloses, OpenWork::Quiet];

    pub fn as_str(self) -> &'static str {
        match self {
            OpenWork::MidCadence => "mid_cadence",
            OpenWork::CadenceFromStart => "cadence_from_start",
            OpenWork::DealCloses => "deal_closes",
            OpenWork::Quiet => "quiet",
        }
    }

    /// In words, for the import step and the sales editor.
    pub fn label(self) -> &'static str {
        match self {
            OpenWork::MidCadence => "partway through the cadence",
            OpenWork::CadenceFromStart => "the cadence from its first touch",
            OpenWork::DealCloses => "the deal closes within the deal days, won or lost",
            OpenWork::Quiet => "work goes on outside email (nothing closes in the plan)",
        }
    }
}

/// The agreement on what email a lead receives once sales owns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HandoffOption {
    /// Option 1: cease all marketing email after handoff.
    CeaseAll,
    /// Option 2: only mass email after handoff, with a notice to sales before each send.
    OnlyMass,
    /// Option 3: everything; no suppression (not recommended).
    Everything,
    /// The team's own matrix of which kind may reach each stage.
    Custom,
}

impl HandoffOption {
    /// The options compared side by side.
    pub const ALL: [HandoffOption; 4] = [HandoffOption::CeaseAll, HandoffOption::OnlyMass, HandoffOption::Everything, HandoffOption::Custom];

    /// Short name, such as "Option 1".
    pub fn short(self) -> &'static str {
        match self {
            HandoffOption::CeaseAll => "Option 1",
            HandoffOption::OnlyMass => "Option 2",
            HandoffOption::Everything => "Option 3",
            HandoffOption::Custom => "Custom",
        }
    }

    /// The word used on the command line and in CSV: 1, 2, 3 or custom.
    pub fn code(self) -> &'static str {
        match self {
            HandoffOption::CeaseAll => "1",
            HandoffOption::OnlyMass => "2",
            HandoffOption::Everything => "3",
            HandoffOption::Custom => "custom",
        }
    }

    /// Parses 1, 2, 3 or custom.
    pub fn from_code(code: &str) -> Option<HandoffOption> {
        HandoffOption::ALL.into_iter().find(|o| o.code() == code)
    }

    /// One line saying what the option means.
    pub fn title(self) -> &'static str {
        match self {
            HandoffOption::CeaseAll => "Cease all marketing email after handoff",
            HandoffOption::OnlyMass => "Only mass email after handoff",
            HandoffOption::Everything => "Everything: marketing and sales email after handoff",
            HandoffOption::Custom => "Custom: your own rules per stage",
        }
    }

    /// What it means for the three kinds of email, in plain words.
    pub fn explanation(self) -> &'static str {
        match self {
            HandoffOption::CeaseAll => "Once sales owns a lead, no automated or mass marketing email reaches it. One universal suppression list, built from ownership, is applied to every workflow and every mass send. Reps' one-to-one email goes out as usual.",
            HandoffOption::OnlyMass => "Once sales owns a lead, workflows stop emailing it, but mass sends still go out. Before each mass send, reps get a notice with the content, date and time, and can ask to leave named leads out.",
            HandoffOption::Everything => "Nothing is held back after handoff: workflows, mass sends and reps all email the lead. A lead can get marketing and sales email the same day. The article does not recommend this.",
            HandoffOption::Custom => "Your own matrix: for each lifecycle stage, which kinds of email may reach the contact.",
        }
    }
}

/// For the custom option: which kinds may reach a contact at each stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomPolicy {
    /// One row per stage that has limits; a stage with no row allows everything.
    pub rows: Vec<PolicyRow>,
}

/// Which kinds of email a contact at this stage may receive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyRow {
    pub stage: Stage,
    pub automated: bool,
    pub mass: bool,
    pub sales: bool,
}

impl Default for CustomPolicy {
    /// Like option 2, but mass sends also stop once a deal is open.
    fn default() -> Self {
        let row = |stage, automated, mass| PolicyRow { stage, automated, mass, sales: true };
        CustomPolicy { rows: vec![row(Stage::Sql, false, true), row(Stage::Sal, false, true), row(Stage::Opportunity, false, false)] }
    }
}

/// A rep's request to leave one lead out of one mass send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The mass send's name.
    pub mass_send: String,
    /// The contact's id.
    pub contact_id: String,
}

/// What happens to an email over the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OverCap {
    /// Not sent at all (HubSpot, Marketo, Braze, Iterable).
    Skip,
    /// Sent at the first moment the window allows (Mautic, Customer.io).
    Delay,
}

/// A limit on emails per contact in a rolling window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FrequencyCap {
    /// Most emails in the window.
    pub max_emails: u32,
    /// Window length in days (rolling, like HubSpot).
    pub per_days: u32,
    /// Kinds that count toward the cap and are held back by it. No reference product
    /// counts sales email; Baton lets the team choose.
    pub counts: Vec<EmailKind>,
    /// Skip or delay an email over the cap.
    pub over_cap: OverCap,
    /// Tie order for emails due at the same moment, first wins.
    #[serde(default = "default_priority")]
    pub priority: Vec<EmailKind>,
}

/// The default tie order: sales, then automated, then mass.
pub fn default_priority() -> Vec<EmailKind> {
    vec![EmailKind::Sales, EmailKind::Automated, EmailKind::Mass]
}

/// Service-level agreements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Sla {
    /// Hours within which a rep must make the first touch; the articles use 48 (at most 8,760).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 8760)))]
    pub first_touch_hours: u32,
    /// MQLs marketing promises per month; the articles use 50.
    pub mqls_per_month: u32,
    /// Emails in 7 days above which a contact is counted as over-emailed.
    pub comfort_limit_per_7_days: u32,
    /// Hours before a mass send that the notice goes to sales (option 2; at most 8,760).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 8760)))]
    pub notice_hours_before: u32,
}

impl Default for Sla {
    fn default() -> Self {
        Sla { first_touch_hours: 48, mqls_per_month: 50, comfort_limit_per_7_days: 4, notice_hours_before: 48 }
    }
}
