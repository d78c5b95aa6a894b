//! Exports: the simulated calendar as CSV (one row per email that was due) and the whole
//! outcome as JSON.

use serde::Serialize;

use super::figures::{figures, Figures, OptionSummary};
use super::outcome::Outcome;
use super::population::Population;
use super::scenario::Scenario;

/// The CSV header, exactly as `baton simulate --format csv` writes it.
pub const CSV_HEADER: [&str; 11] = ["option", "contact_id", "contact_email", "at", "kind", "email", "source", "status", "reason", "stage", "owner"];

/// Writes the email rows of several outcomes as CSV (header once).
pub fn calendar_csv(s: &Scenario, outcomes: &[Outcome]) -> String {
    let mut bytes = Vec::new();
    let _ = write_calendar_csv(&mut bytes, s, outcomes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// Streams the email rows of several outcomes as CSV (header once) to `out`, a row at a
/// time, so the command line's memory does not grow with the calendar.
pub fn write_calendar_csv(out: impl std::io::Write, s: &Scenario, outcomes: &[Outcome]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for o in outcomes {
        let pop = Population::build(s, o.seed, &mut Default::default());
        for c in 0..o.items.len() {
            let items = o.items.contact(c);
            if !items.iter().any(|it| it.is_email()) {
                continue;
            }
            let info = pop.info(s, c);
            for it in items.iter().filter(|it| it.is_email()) {
                let e = o.email(it);
                let status = if it.what == super::What::EmailSent { "sent" } else { "suppressed" };
                w.write_record([
                    o.option.code(),
                    &cell(&info.id),
                    &cell(&info.email),
                    &o.time_text(it, info.utc_offset),
                    e.map(|e| e.kind.as_str()).unwrap_or(""),
                    &cell(e.map(|e| e.name.as_str()).unwrap_or("")),
                    &cell(&o.source_text(it)),
                    status,
                    &cell(&o.reason_text(it)),
                    it.stage().as_str(),
                    &cell(&o.owner_text(it.owner)),
                ])?;
            }
        }
    }
    w.flush()
}

/// A text cell a spreadsheet will not run as a formula: text that starts with =, +, -, @,
/// a tab or a carriage return gets a leading apostrophe, as OWASP's advice on CSV injection
/// says. (Names come from files other people send, so `=HYPERLINK(…)` is plain text here.)
pub fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => std::borrow::Cow::Owned(format!("'{text}")),
        _ => std::borrow::Cow::Borrowed(text),
    }
}

/// One calendar entry in the JSON outcome.
#[derive(Debug, Serialize)]
pub struct EntryJson {
    pub at: String,
    pub what: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    pub stage: String,
    /// The sales lead status, when sales has had the lead.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub lead_status: String,
    pub owner: String,
}

/// One contact's calendar in the JSON outcome.
#[derive(Debug, Serialize)]
pub struct ContactJson {
    pub id: String,
    pub name: String,
    pub email: String,
    pub entries: Vec<EntryJson>,
}

/// One option's outcome in the JSON output.
#[derive(Serialize)]
pub struct OutcomeJson<'a> {
    pub option: String,
    pub seed: u64,
    pub figures: Figures,
    pub warnings: Vec<String>,
    pub rep_load_per_week: Vec<(String, Vec<u32>)>,
    pub contacts: ContactsJson<'a>,
}

/// Every contact's calendar, built one contact at a time as it is written, so writing
/// the JSON needs memory for one contact, not for the whole calendar.
pub struct ContactsJson<'a> {
    scenario: &'a Scenario,
    outcome: &'a Outcome,
}

impl Serialize for ContactsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (s, o) = (self.scenario, self.outcome);
        let pop = Population::build(s, o.seed, &mut Default::default());
        serializer.collect_seq((0..o.items.len()).map(|c| contact_json(s, o, &pop, c)))
    }
}

/// The whole JSON document of `baton simulate --format json`.
#[derive(Serialize)]
pub struct SimulationJson<'a> {
    pub scenario: String,
    pub outcomes: Vec<OutcomeJson<'a>>,
    pub comparison: Vec<OptionSummary>,
}

/// The JSON view of an outcome; its contacts are built as they are written.
pub fn outcome_json<'a>(s: &'a Scenario, o: &'a Outcome) -> OutcomeJson<'a> {
    OutcomeJson {
        option: o.option.code().to_string(),
        seed: o.seed,
        figures: figures(o),
        warnings: o.warnings.clone(),
        rep_load_per_week: o.reps.iter().cloned().zip(o.rep_load.iter().cloned()).collect(),
        contacts: ContactsJson { scenario: s, outcome: o },
    }
}

/// One contact's calendar as JSON.
fn contact_json(s: &Scenario, o: &Outcome, pop: &Population, c: usize) -> ContactJson {
    let info = pop.info(s, c);
    let entries = o
        .items
        .contact(c)
        .iter()
        .map(|it| {
            let e = if it.is_email() { o.email(it) } else { None };
            EntryJson {
                at: o.time_text(it, info.utc_offset),
                what: format!("{:?}", it.what),
                text: o.describe(it),
                kind: e.map(|e| e.kind.as_str().to_string()),
                email: e.map(|e| e.name.clone()),
                status: e.map(|_| if it.what == super::What::EmailSent { "sent".into() } else { "suppressed".into() }),
                reason: if it.is_email() { o.reason_text(it) } else { String::new() },
                stage: it.stage().as_str().to_string(),
                lead_status: match it.lead_status() {
                    super::scenario::LeadStatus::None => String::new(),
                    s => s.as_str().to_string(),
                },
                owner: o.owner_text(it.owner),
            }
        })
        .collect();
    ContactJson { id: info.id, name: info.name, email: info.email, entries }
}
