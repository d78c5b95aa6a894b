//! Contacts from a CRM: a CSV export becomes named contacts, row by row. HubSpot's export
//! columns are recognised by name; any other file is read through a column map the person
//! chooses. Rows that cannot be used are reported with their row number and the reason,
//! and the rest import.
//!
//! The CSV reading itself is the `csv` crate's: quoted fields with commas and line breaks,
//! CRLF line ends. Baton adds a byte-order-mark strip and the choice of `,` or `;`; text
//! that is not UTF-8 is read as Windows-1252 (Excel's export on Western Windows), and addresses are checked by `email_address`.
//!
//! The contacts are the database as it stands: one created before the plan starts is
//! there from the first moment in its stage, with its owner, lead status and score
//! ([`Existing`]); one created inside the plan arrives on its create date; one created
//! after the plan ends is left out and counted. The CRM's score is kept (fit included), an
//! owner who is not one of the reps is not in sales, and a number of employees falls
//! into the scenario's size bands.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

use super::calendar::ClockTime;
use super::scenario::{Contact, Existing, InProgress, LeadStatus, Scenario, Source, Stage, Traits};

/// What Baton reads from a CSV, and the column it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Id,
    FirstName,
    LastName,
    Email,
    Company,
    JobTitle,
    Industry,
    CompanySize,
    Country,
    LifecycleStage,
    LeadStatus,
    Owner,
    Score,
    CreateDate,
    Source,
}

impl Field {
    /// Every field, in the order the mapping step shows them.
    pub const ALL: [Field; 15] = [
        Field::Email,
        Field::FirstName,
        Field::LastName,
        Field::Company,
        Field::JobTitle,
        Field::Industry,
        Field::CompanySize,
        Field::Country,
        Field::LifecycleStage,
        Field::LeadStatus,
        Field::Owner,
        Field::Score,
        Field::CreateDate,
        Field::Source,
        Field::Id,
    ];

    /// The name shown in the mapping step.
    pub fn label(self) -> &'static str {
        match self {
            Field::Id => "Record ID",
            Field::FirstName => "First name",
            Field::LastName => "Last name",
            Field::Email => "Email (required)",
            Field::Company => "Company",
            Field::JobTitle => "Job title",
            Field::Industry => "Industry",
            Field::CompanySize => "Company size",
            Field::Country => "Country",
            Field::LifecycleStage => "Lifecycle stage",
            Field::LeadStatus => "Lead status",
            Field::Owner => "Contact owner (a rep)",
            Field::Score => "Score",
            Field::CreateDate => "Create date",
            Field::Source => "Original source",
        }
    }

    /// Export column names for this field, lower case: HubSpot's, Salesforce's (lead and
    /// contact reports), Marketo's people export and Pipedrive's persons export.
    fn known_names(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["record id", "contact id", "lead id", "id"],
            Field::FirstName => &["first name", "firstname"],
            Field::LastName => &["last name", "lastname"],
            Field::Email => &["email", "email address", "email - work", "email - other", "email - home"],
            Field::Company => &["company name", "company / account", "company", "account name", "organization"],
            Field::JobTitle => &["job title", "title"],
            Field::Industry => &["industry"],
            Field::CompanySize => &["number of employees", "employees", "numberofemployees"],
            Field::Country => &["country/region", "country", "mailing country"],
            Field::LifecycleStage => &["lifecycle stage", "lead stage", "person status"],
            Field::LeadStatus => &["lead status", "status"],
            Field::Owner => &["contact owner", "lead owner", "owner", "person owner", "account owner"],
            Field::Score => &["hubspot score", "score", "lead score", "rating", "behavior score"],
            Field::CreateDate => &["create date", "created date", "created at", "person added time", "contact created"],
            Field::Source => &["original source", "lead source", "person source", "source"],
        }
    }
}

/// Which column (0-based) holds each field.
pub type ColumnMap = HashMap<Field, usize>;

/// A CSV read into a header and rows of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    /// Each row with its row number as a spreadsheet shows it (the header is row 1).
    pub rows: Vec<(usize, Vec<String>)>,
    /// Rows the CSV reader could not read, with why.
    pub unreadable: Vec<(usize, String)>,
}

/// A file's bytes as text: UTF-8 (with or without a byte-order mark), or else
/// Windows-1252, which is what Excel writes on Western Windows. The second value says
/// which, for the report.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => (bytes.iter().map(|&b| windows_1252(b)).collect(), "Windows-1252"),
    }
}

/// One Windows-1252 byte as a character. Hand-written rather than `encoding_rs`: that
/// crate's decoder carries every encoding's tables (about 160 KB gzipped in the browser
/// download) for what is Latin-1 plus 27 characters. `tests/crm_realistic.rs` checks every
/// byte against `encoding_rs`.
pub fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™',
        'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Reads CSV text: strips a byte-order mark, picks `;` when the header has more semicolons
/// than commas, and keeps going past a malformed row. Blank lines are skipped; row numbers
/// stay those a spreadsheet shows.
pub fn read_table(text: &str) -> Result<Table, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().next().unwrap_or("");
    if header_line.trim().is_empty() {
        return Err("the file is empty or its first line has no column names".into());
    }
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().map_err(|e| format!("the column names could not be read: {e}"))?.iter().map(|h| h.trim().to_string()).collect();
    let mut rows = Vec::new();
    let mut unreadable = Vec::new();
    // Row numbers as a spreadsheet shows them: the line a record starts on (counting line
    // breaks in the text before it, so a blank line is an empty row), less the line breaks
    // inside quoted fields of the records before it.
    let bytes = text.as_bytes();
    let (mut scanned, mut breaks) = (0usize, 0usize);
    let mut row_at = |byte: usize, inner: usize| {
        // The reader's position is where it began reading: before the line end of the
        // previous record and any blank lines. The record starts at its first other byte.
        let mut byte = byte.min(bytes.len());
        while byte < bytes.len() && matches!(bytes[byte], b'\r' | b'\n') {
            byte += 1;
        }
        if byte > scanned {
            breaks += bytes[scanned..byte].iter().filter(|&&b| b == b'\n').count();
            scanned = byte;
        }
        (breaks + 1).saturating_sub(inner)
    };
    let mut inner_breaks = 0usize;
    let mut record = csv::StringRecord::new();
    loop {
        let at = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map(|p| p.byte() as usize).unwrap_or(at);
                let row = row_at(start, inner_breaks);
                inner_breaks += record.iter().map(|f| f.matches('\n').count()).sum::<usize>();
                rows.push((row, record.iter().map(|f| f.trim().to_string()).collect()));
            }
            Err(e) => {
                let start = e.position().map(|p| p.byte() as usize).unwrap_or(at);
                unreadable.push((row_at(start, inner_breaks), format!("the row could not be read: {e}")));
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    Ok(Table { headers, rows, unreadable })
}

/// Recognises the known CRMs' column names (case and spacing ignored).
pub fn detect_columns(headers: &[String]) -> ColumnMap {
    let mut map = ColumnMap::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim().to_lowercase();
        for f in Field::ALL {
            if f.known_names().contains(&h.as_str()) {
                map.entry(f).or_insert(i);
            }
        }
    }
    map
}

/// The columns of this file for each field: recognised by name, then as the person's saved
/// choices say (a column name, matched ignoring case; an empty name: not in the file).
pub fn columns(headers: &[String], options: &ImportOptions) -> ColumnMap {
    let mut map = detect_columns(headers);
    for (field, name) in &options.columns {
        if name.trim().is_empty() {
            map.remove(field);
        } else if let Some(i) = headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name.trim())) {
            map.insert(*field, i);
        }
    }
    map
}

/// The person's column choices as names, to save with the scenario: every mapped field's
/// column, and an empty name for a field the person took off a column recognised by name.
pub fn remember_columns(headers: &[String], map: &ColumnMap) -> std::collections::BTreeMap<Field, String> {
    let detected = detect_columns(headers);
    Field::ALL
        .into_iter()
        .filter_map(|f| match (map.get(&f), detected.get(&f)) {
            (Some(&i), _) => headers.get(i).map(|h| (f, h.clone())),
            (None, Some(_)) => Some((f, String::new())),
            (None, None) => None,
        })
        .collect()
}

/// A rule giving a persona to the rows whose column says something: the first rule that
/// matches a row decides its persona.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonaRule {
    /// The column the rule reads.
    pub column: Field,
    /// What the cell says: the same text, case ignored; for the job title, company and
    /// industry, a word or phrase in it; for the score, a band such as "50-100" or "100+".
    pub value: String,
    /// The persona's id.
    pub persona: String,
}

impl PersonaRule {
    /// Whether a row's cell matches.
    pub fn matches(&self, cell: &str) -> bool {
        let (cell, want) = (cell.trim().to_lowercase(), self.value.trim().to_lowercase());
        match self.column {
            Field::Score => match (score_band(&want), cell.replace(',', ".").parse::<f64>()) {
                (Some((lo, hi)), Ok(v)) => v >= lo && v <= hi,
                _ => false,
            },
            Field::JobTitle | Field::Company | Field::Industry => !want.is_empty() && cell.contains(&want),
            _ => cell == want,
        }
    }

    /// The rule in words: "Job title contains “VP”".
    pub fn describe(&self) -> String {
        format!("{} {} \u{201c}{}\u{201d}", self.column.label().trim_end_matches(" (required)"), self.column.rule_verb(), self.value)
    }
}

impl Field {
    /// How a persona rule compares this column: "is", "contains" or "between".
    pub fn rule_verb(self) -> &'static str {
        match self {
            Field::Score => "between",
            Field::JobTitle | Field::Company | Field::Industry => "contains",
            _ => "is",
        }
    }
}

/// A score band as the person writes it: "50-100", "50–100", "100+" or a single number.
pub fn score_band(text: &str) -> Option<(f64, f64)> {
    let t = text.trim().replace(' ', "");
    if let Some(lo) = t.strip_suffix('+') {
        let lo: f64 = lo.parse().ok()?;
        return lo.is_finite().then_some((lo, f64::INFINITY));
    }
    // The separator is a dash after the first character, so "-10-0" reads as -10 to 0.
    let cut = t.char_indices().skip(1).find(|(_, c)| *c == '-' || *c == '–').map(|(i, c)| (i, c.len_utf8()));
    let (lo, hi): (f64, f64) = match cut {
        Some((i, n)) => (t[..i].parse().ok()?, t[i + n..].parse().ok()?),
        None => {
            let v: f64 = t.parse().ok()?;
            (v, v)
        }
    };
    (lo.is_finite() && hi.is_finite() && lo <= hi).then_some((lo, hi))
}

/// Who a CRM owner is in the scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OwnerChoice {
    /// One of the scenario's reps (by name).
    Rep(String),
    /// A new rep with this name and the usual capacity.
    NewRep,
    /// Not in sales (a customer success manager, say): the contact keeps its stage, and the
    /// agreement's stage rules decide its email.
    NotSales,
}

/// The choices the person makes when importing: the command line's `--mapping` file, and
/// what a scenario keeps of its last import (`crm_import`) for the next export of the same
/// CRM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportOptions {
    /// The column for each field, by its name in the export; fields not listed are
    /// recognised by name, and an empty name means "not in the file".
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub columns: std::collections::BTreeMap<Field, String>,
    /// Personas by rule: the first rule a row matches gives its persona; rows no rule
    /// matches get `persona`, or are spread.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub persona_rules: Vec<PersonaRule>,
    /// Every contact no rule places gets this persona; `None` spreads them over the
    /// scenario's personas in the proportions of its generated groups (by stage:
    /// opportunities and customers to the personas most likely to buy).
    #[serde(default)]
    pub persona: Option<String>,
    /// Keep the CRM's scores (the default), or score from zero with this scenario's rules.
    #[serde(default = "yes")]
    pub keep_crm_scores: bool,
    /// How dates like 03/04/2026 read: `Some(true)` day first, `Some(false)` month first,
    /// `None` decided from the file (a day above 12 settles it).
    #[serde(default)]
    pub day_first: Option<bool>,
    /// What each CRM owner name is in the scenario; names not listed that match a rep are
    /// that rep, others are not in sales.
    #[serde(default)]
    pub owners: std::collections::BTreeMap<String, OwnerChoice>,
    /// Original-source values that mean "met at an event" (none by default: HubSpot's
    /// "Offline Sources" is every imported or CRM-made contact, not an event).
    #[serde(default)]
    pub event_sources: Vec<String>,
    /// Lifecycle-stage values mapped by the person (the file's text → Baton's stage); values
    /// not listed are read by their usual meaning.
    #[serde(default)]
    pub stages: std::collections::BTreeMap<String, Stage>,
    /// Lead-status values mapped by the person, likewise.
    #[serde(default)]
    pub statuses: std::collections::BTreeMap<String, LeadStatus>,
    /// The mix of personas the spread follows (persona id → weight). Empty: the
    /// scenario's generated groups. A new scenario from an import keeps its base's mix
    /// here, since it has no generated groups of its own.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub spread: std::collections::BTreeMap<String, u32>,
    /// What the sales work under way means for contacts reps own at the start, by stage
    /// (becomes the scenario's `sales_cadence.in_progress`).
    #[serde(default, skip_serializing_if = "InProgress::is_default")]
    pub in_progress: InProgress,
}

fn yes() -> bool {
    true
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions {
            columns: Default::default(),
            persona_rules: Vec::new(),
            persona: None,
            keep_crm_scores: true,
            day_first: None,
            owners: Default::default(),
            event_sources: Vec::new(),
            stages: Default::default(),
            statuses: Default::default(),
            spread: Default::default(),
            in_progress: InProgress::default(),
        }
    }
}

impl ImportOptions {
    /// What in these choices does not fit `s`, one line each: a persona or rep it does not
    /// have, a score band that is not one.
    pub fn problems(&self, s: &Scenario) -> Vec<String> {
        let persona = |id: &str| s.personas.iter().any(|p| p.id == id);
        let mut lines = Vec::new();
        for (i, rule) in self.persona_rules.iter().enumerate() {
            if !persona(&rule.persona) {
                lines.push(format!("persona_rules[{i}]: the scenario has no persona \u{201c}{}\u{201d}", rule.persona));
            }
            if rule.column == Field::Score && score_band(&rule.value).is_none() {
                lines.push(format!("persona_rules[{i}]: \u{201c}{}\u{201d} is not a score band (write 50-100 or 100+)", rule.value));
            }
        }
        if let Some(id) = self.persona.as_deref().filter(|id| !persona(id)) {
            lines.push(format!("persona: the scenario has no persona \u{201c}{id}\u{201d}"));
        }
        for (owner, choice) in &self.owners {
            if let OwnerChoice::Rep(name) = choice {
                if !s.reps.iter().any(|r| &r.name == name) {
                    lines.push(format!("owners.{owner}: the scenario has no rep \u{201c}{name}\u{201d}"));
                }
            }
        }
        lines
    }

    /// The choices as they still apply to `s`: rules for personas it no longer has are
    /// dropped, and owners matched to a rep it no longer has are not in sales.
    pub fn for_scenario(&self, s: &Scenario) -> ImportOptions {
        let mut o = self.clone();
        o.persona_rules.retain(|r| s.personas.iter().any(|p| p.id == r.persona));
        o.persona = o.persona.filter(|id| s.personas.iter().any(|p| &p.id == id));
        o.spread.retain(|id, _| s.personas.iter().any(|p| &p.id == id));
        for choice in o.owners.values_mut() {
            if matches!(choice, OwnerChoice::Rep(name) if !s.reps.iter().any(|r| &r.name == name)) {
                *choice = OwnerChoice::NotSales;
            }
        }
        o
    }
}

/// What an import produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    pub contacts: Vec<Contact>,
    /// (row number, reason) for every row left out for a problem.
    pub rejected: Vec<(usize, String)>,
    /// Rows whose address another row already had: (row, the first row), merged into it.
    pub duplicates: Vec<(usize, usize)>,
    /// Contacts created after the plan ends: left out, counted.
    pub after_horizon: usize,
    /// The plan's last day, for the message about them.
    pub last_day: Option<NaiveDate>,
    /// Contacts created before the plan starts (present from the first moment).
    pub existing: usize,
    /// How dates were read: "day first", "month first" or "ISO".
    pub date_order: &'static str,
    /// The date order could not be told from the file (no day above 12) and was assumed.
    pub date_order_assumed: bool,
    /// Owners that are not reps, with how many contacts each had (not in sales).
    pub owners_not_in_sales: Vec<(String, usize)>,
    /// Reps added for owners the person chose to add.
    pub new_reps: Vec<String>,
    /// Values of the lifecycle stage or lead status columns Baton does not know, with counts.
    pub unknown_values: Vec<(String, usize)>,
    /// Contacts with the same first name, last name and company as an earlier row under
    /// another address: linked as the same person (a second address, a known leak).
    pub second_addresses: usize,
    /// How many contacts each persona got (persona name, count), in the scenario's order.
    pub personas: Vec<(String, usize)>,
}

/// How a lifecycle-stage value reads without a choice by the person (`None`: unknown).
pub fn usual_stage(text: &str) -> Option<Stage> {
    let t: String = text.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    Some(match t.as_str() {
        "" | "lead" | "new" | "prospect" | "inquiry" => Stage::Lead,
        "subscriber" => Stage::Subscriber,
        "mql" | "marketingqualifiedlead" | "marketingqualified" => Stage::Mql,
        "sql" | "salesqualifiedlead" | "salesqualified" => Stage::Sql,
        "sal" | "salesacceptedlead" | "salesaccepted" => Stage::Sal,
        "opportunity" | "opportunitycreated" => Stage::Opportunity,
        "customer" | "evangelist" | "closedwon" => Stage::Customer,
        "other" => Stage::Other,
        _ => return None,
    })
}

/// Each distinct value of a column, with how many rows have it, most common first: what
/// the mapping step lists for the lifecycle stage, lead status, owner and source.
pub fn distinct_values(table: &Table, map: &ColumnMap, field: Field) -> Vec<(String, usize)> {
    let Some(&col) = map.get(&field) else { return Vec::new() };
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, cells) in &table.rows {
        *counts.entry(cells.get(col).map(|c| c.trim()).unwrap_or_default()).or_default() += 1;
    }
    let mut values: Vec<(String, usize)> = counts.into_iter().map(|(v, n)| (v.to_string(), n)).collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values
}

/// Whether the create dates leave the day/month order open (slashes or dots, and no day
/// above 12 to settle it).
pub fn date_order_open(table: &Table, map: &ColumnMap) -> bool {
    let values = || table.rows.iter().filter_map(|(_, c)| map.get(&Field::CreateDate).and_then(|&i| c.get(i)).map(String::as_str));
    values().any(|v| v.contains(['/', '.'])) && date_order(values()).is_none()
}

/// How a lead-status value reads without a choice by the person (`None`: unknown): HubSpot's
/// lead statuses (and the like) as Baton's.
pub fn usual_status(text: &str) -> Option<LeadStatus> {
    let t: String = text.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    Some(match t.as_str() {
        "" => LeadStatus::None,
        "new" | "open" => LeadStatus::New,
        "inprogress" | "attemptedtocontact" | "attempting" | "working" | "contacted" => LeadStatus::Attempting,
        "connected" | "opendeal" | "qualified" => LeadStatus::Connected,
        "badtiming" | "nurture" => LeadStatus::BadTiming,
        "unqualified" | "disqualified" => LeadStatus::Unqualified,
        _ => return None,
    })
}

/// A date cell: ISO (2026-03-02, with a time as HubSpot writes it), or with slashes or dots
/// in the order given.
fn date_of(text: &str, day_first: bool) -> Option<(NaiveDate, Option<ClockTime>)> {
    let t = text.trim();
    let (date, time) = match t.split_once([' ', 'T']) {
        Some((d, rest)) => (d, ClockTime::parse(rest.get(..5).unwrap_or(rest)).ok()),
        None => (t, None),
    };
    if let Some(d) = iso_date(date) {
        return Some((d, time));
    }
    let formats: [&str; 2] = if day_first { ["%d/%m/%Y", "%d.%m.%Y"] } else { ["%m/%d/%Y", "%m.%d.%Y"] };
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(date, formats[0]))
        .or_else(|_| NaiveDate::parse_from_str(date, formats[1]))
        .ok()?;
    Some((d, time))
}

/// A date written exactly YYYY-MM-DD, as HubSpot and most exports write it, read without
/// chrono's format machinery (which reads its format again for every row: a seventh of an
/// import's work). Anything else is left to [`NaiveDate::parse_from_str`].
pub fn iso_date(date: &str) -> Option<NaiveDate> {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + (c - b'0') as u32));
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// Decides from the create dates whether 03/04/2026 is day first: a first number above 12
/// says day first, a second above 12 says month first. `None`: the file does not say.
fn date_order<'a>(values: impl Iterator<Item = &'a str>) -> Option<bool> {
    let (mut day_first, mut month_first) = (false, false);
    for v in values {
        let date = v.split([' ', 'T']).next().unwrap_or("");
        let parts: Vec<u32> = date.split(['/', '.']).filter_map(|p| p.parse().ok()).collect();
        if let [a, b, _] = parts[..] {
            day_first |= a > 12 && b <= 12;
            month_first |= b > 12 && a <= 12;
        }
    }
    match (day_first, month_first) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// An address as the address rules allow it: a local part, an @, and a domain with a dot.
fn check_email(email: &str) -> Result<(), String> {
    let options = email_address::Options::default().with_required_tld().without_display_text().without_domain_literal();
    email_address::EmailAddress::parse_with_options(email, options).map(|_| ()).map_err(|e| e.to_string())
}

/// The scenario's company-size bands (such as "201-1000") with the numbers of employees
/// each holds, in the order they are looked at: the personas' trait mixes, then the
/// contacts'. Each band once: found once per import, not once per row (with 65,000 contacts
/// to add to, once per row was billions of steps).
fn size_bands(s: &Scenario) -> Vec<(&str, u64, u64)> {
    let mut seen = std::collections::HashSet::new();
    let mixes = s.personas.iter().flat_map(|p| p.trait_mix.company_size.iter().map(String::as_str));
    let named = s.contacts.iter().map(|c| c.traits.company_size.as_str());
    let mut bands = Vec::new();
    for band in mixes.chain(named).filter(|b| seen.insert(*b)) {
        let clean = band.replace([',', ' '], "");
        let range = if let Some(lo) = clean.strip_suffix('+') {
            lo.parse::<u64>().ok().map(|lo| (lo, u64::MAX))
        } else {
            clean.split_once(['-', '–']).and_then(|(lo, hi)| Some((lo.parse::<u64>().ok()?, hi.parse::<u64>().ok()?)))
        };
        if let Some((lo, hi)) = range {
            bands.push((band, lo, hi));
        }
    }
    bands
}

/// The company-size band of [`size_bands`] a number of employees falls in, or the text as
/// it is.
fn size_band(bands: &[(&str, u64, u64)], text: &str) -> String {
    let Ok(n) = text.replace([',', ' ', '.'], "").parse::<u64>() else { return text.to_string() };
    bands.iter().find(|(_, lo, hi)| (*lo..=*hi).contains(&n)).map_or_else(|| text.to_string(), |(band, _, _)| band.to_string())
}

/// The column mapped to each field, looked up by the field's place: an import asks it
/// for every field of every row, and a hash lookup each time was a tenth of the work.
struct Columns([Option<usize>; Field::ALL.len()]);

impl Columns {
    fn of(map: &ColumnMap) -> Columns {
        let mut columns = [None; Field::ALL.len()];
        for (&f, &i) in map {
            columns[f as usize] = Some(i);
        }
        Columns(columns)
    }

    /// A cell of the column mapped to `f`, trimmed; empty when none is.
    fn cell<'a>(&self, cells: &'a [String], f: Field) -> &'a str {
        self.0[f as usize].and_then(|i| cells.get(i)).map_or("", |v| v.trim())
    }
}

/// A persona for a row, deterministic from its address: the scenario's personas in the
/// proportions `spread` gives (saved by an earlier import), or else of its generated
/// groups; opportunities and customers go to the personas most likely to buy.
fn spread_persona(s: &Scenario, spread: &std::collections::BTreeMap<String, u32>, email: &str, stage: Stage) -> String {
    let mut weights: Vec<(usize, u64)> = s
        .personas
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let weight = match spread.get(&p.id) {
                Some(&w) => w as u64,
                None if spread.is_empty() => s.generate.iter().filter(|g| g.persona == p.id).map(|g| g.count as u64).sum(),
                None => 0,
            };
            (i, weight.max(1))
        })
        .collect();
    if stage >= Stage::Opportunity && stage != Stage::Other {
        let best = s.personas.iter().map(|p| p.win_chance).fold(0.0, f64::max);
        weights.retain(|(i, _)| s.personas[*i].win_chance >= best * 0.5);
    }
    let total: u64 = weights.iter().map(|w| w.1).sum();
    if total == 0 {
        return s.personas.first().map(|p| p.id.clone()).unwrap_or_default();
    }
    // FNV-1a of the address: the same row gets the same persona every time.
    let hash = email.to_lowercase().bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
    let mut pick = hash % total;
    for (i, w) in weights {
        if pick < w {
            return s.personas[i].id.clone();
        }
        pick -= w;
    }
    s.personas[0].id.clone()
}

/// Turns a table into contacts. Rows are checked one by one; a row with a problem is
/// reported and left out, the others import. When the contacts are added to `s`, the ids
/// and emails it already has count as taken; a new scenario starts with none.
pub fn import_contacts(s: &Scenario, table: &Table, map: &ColumnMap, options: &ImportOptions, into: Destination) -> ImportReport {
    let mut report = ImportReport { rejected: table.unreadable.clone(), date_order: "ISO", ..Default::default() };
    let taken: &[Contact] = if into == Destination::Add { &s.contacts } else { &[] };
    let mut emails: HashMap<String, usize> = taken.iter().map(|c| (c.email.to_lowercase(), 0)).collect();
    let mut ids: std::collections::HashSet<String> = taken.iter().map(|c| c.id.clone()).collect();
    let Some(&email_col) = map.get(&Field::Email) else {
        report.rejected.push((1, "no column is mapped to the email address".into()));
        return report;
    };
    let columns = Columns::of(map);
    let found_order = date_order(table.rows.iter().map(|(_, c)| columns.cell(c, Field::CreateDate)));
    let day_first = options.day_first.or(found_order).unwrap_or(false);
    let slashed = table.rows.iter().any(|(_, c)| columns.cell(c, Field::CreateDate).contains(['/', '.']));
    let bands = size_bands(s);
    if slashed {
        report.date_order = if day_first { "day first" } else { "month first" };
        report.date_order_assumed = options.day_first.is_none() && found_order.is_none();
    }
    let last_day = s.calendar.start + chrono::Days::new(s.calendar.horizon_days.saturating_sub(1) as u64);
    report.last_day = Some(last_day);
    let mut not_sales: std::collections::BTreeMap<String, usize> = Default::default();
    let mut unknown: std::collections::BTreeMap<String, usize> = Default::default();
    let mut new_reps: Vec<String> = Vec::new();
    // First name, last name and company (lower case) of every contact so far, to link a
    // second address of the same person to the first.
    let mut people: HashMap<(String, String, String), String> = HashMap::new();
    for (row, cells) in &table.rows {
        let get = |f: Field| columns.cell(cells, f);
        let email = cells.get(email_col).map(|v| v.trim()).unwrap_or("");
        if email.is_empty() {
            report.rejected.push((*row, "no email address".into()));
            continue;
        }
        if let Err(why) = check_email(email) {
            report.rejected.push((*row, format!("\u{201c}{email}\u{201d} is not an email address: {why}")));
            continue;
        }
        let email_key = email.to_lowercase();
        if let Some(&first) = emails.get(&email_key) {
            if first == 0 {
                report.rejected.push((*row, format!("\u{201c}{email}\u{201d} is already a contact of the scenario")));
            } else {
                report.duplicates.push((*row, first));
            }
            continue;
        }
        let stage_text = get(Field::LifecycleStage);
        let stage = options.stages.get(stage_text).copied().or_else(|| usual_stage(stage_text)).unwrap_or_else(|| {
            *unknown.entry(format!("lifecycle stage \u{201c}{stage_text}\u{201d}")).or_default() += 1;
            Stage::Lead
        });
        let status_text = get(Field::LeadStatus);
        let lead_status = options.statuses.get(status_text).copied().or_else(|| usual_status(status_text)).unwrap_or_else(|| {
            *unknown.entry(format!("lead status \u{201c}{status_text}\u{201d}")).or_default() += 1;
            LeadStatus::None
        });
        let score_text = get(Field::Score);
        let score = if score_text.is_empty() || !options.keep_crm_scores {
            0
        } else {
            match score_text.replace(',', ".").parse::<f64>() {
                Ok(v) if v.is_finite() => v.round().clamp(-100_000.0, 100_000.0) as i32,
                _ => {
                    report.rejected.push((*row, format!("the score \u{201c}{score_text}\u{201d} is not a number")));
                    continue;
                }
            }
        };
        let created = get(Field::CreateDate);
        let (arrives_day, arrives_at, existing) = if created.is_empty() {
            (0, ClockTime::new(0, 0), true)
        } else {
            match date_of(created, day_first) {
                Some((d, _)) if d < s.calendar.start => (0, ClockTime::new(0, 0), true),
                Some((d, _)) if d > last_day => {
                    report.after_horizon += 1;
                    continue;
                }
                Some((d, time)) => ((d - s.calendar.start).num_days() as u32, time.unwrap_or_else(super::scenario::default_arrival_time), false),
                None => {
                    let example = if day_first { "2026-03-02 or 02/03/2026" } else { "2026-03-02 or 03/02/2026" };
                    report.rejected.push((*row, format!("the create date \u{201c}{created}\u{201d} is not a date (use {example})")));
                    continue;
                }
            }
        };
        let owner_text = get(Field::Owner);
        let owner = if owner_text.is_empty() {
            None
        } else {
            let rep = s.reps.iter().find(|r| r.name.eq_ignore_ascii_case(owner_text)).map(|r| r.name.clone());
            match (options.owners.get(owner_text), rep) {
                (Some(OwnerChoice::Rep(name)), _) if s.reps.iter().any(|r| &r.name == name) => Some(name.clone()),
                (Some(OwnerChoice::NewRep), _) => {
                    if !new_reps.iter().any(|r| r == owner_text) {
                        new_reps.push(owner_text.to_string());
                    }
                    Some(owner_text.to_string())
                }
                (Some(OwnerChoice::NotSales | OwnerChoice::Rep(_)), _) | (None, None) => {
                    *not_sales.entry(owner_text.to_string()).or_default() += 1;
                    None
                }
                (None, Some(name)) => Some(name),
            }
        };
        let mut id = get(Field::Id).to_string();
        if id.is_empty() {
            // A made-up id: the row number, or the next free one after an earlier import.
            id = format!("crm-{row}");
            let mut k = 2;
            while ids.contains(&id) {
                id = format!("crm-{row}-{k}");
                k += 1;
            }
        }
        if ids.contains(&id) {
            report.rejected.push((*row, format!("the id \u{201c}{id}\u{201d} is already used")));
            continue;
        }
        let name = format!("{} {}", get(Field::FirstName), get(Field::LastName)).trim().to_string();
        let source_text = get(Field::Source);
        let source = if options.event_sources.iter().any(|e| e.eq_ignore_ascii_case(source_text)) {
            Source::EventCard { marked_in_crm: owner.is_some() }
        } else {
            Source::Import
        };
        let ruled = options.persona_rules.iter().find(|r| s.personas.iter().any(|p| p.id == r.persona) && r.matches(get(r.column)));
        let persona = match (ruled, &options.persona) {
            (Some(rule), _) => rule.persona.clone(),
            (None, Some(id)) if s.personas.iter().any(|p| &p.id == id) => id.clone(),
            _ => spread_persona(s, &options.spread, email, stage),
        };
        let who = (get(Field::FirstName).to_lowercase(), get(Field::LastName).to_lowercase(), get(Field::Company).to_lowercase());
        let same_person_as = if who.0.is_empty() || who.1.is_empty() || who.2.is_empty() {
            None
        } else if let Some(first) = people.get(&who) {
            report.second_addresses += 1;
            Some(first.clone())
        } else {
            people.insert(who, id.clone());
            None
        };
        emails.insert(email_key, *row);
        ids.insert(id.clone());
        if existing {
            report.existing += 1;
        }
        report.contacts.push(Contact {
            id,
            name: if name.is_empty() { email.to_string() } else { name },
            email: email.to_string(),
            company: get(Field::Company).to_string(),
            traits: Traits {
                industry: get(Field::Industry).to_string(),
                job_title: get(Field::JobTitle).to_string(),
                company_size: size_band(&bands, get(Field::CompanySize)),
                country: get(Field::Country).to_string(),
            },
            persona,
            source,
            arrives_day,
            arrives_at,
            stage,
            score,
            utc_offset: None,
            owner,
            same_person_as,
            script: None,
            existing: existing.then_some(Existing { lead_status, crm_score: options.keep_crm_scores }),
        });
    }
    report.rejected.sort_by_key(|r| r.0);
    report.owners_not_in_sales = not_sales.into_iter().collect();
    report.unknown_values = unknown.into_iter().collect();
    report.new_reps = new_reps;
    report.personas =
        s.personas.iter().map(|p| (p.name.clone(), report.contacts.iter().filter(|c| c.persona == p.id).count())).filter(|(_, n)| *n > 0).collect();
    report
}

impl ImportReport {
    /// The counts in words, one line each, as the app and the command line show them.
    pub fn summary(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "Imported {} contact{} ({} already in the CRM before the plan starts, {} arriving during it).",
            self.contacts.len(),
            if self.contacts.len() == 1 { "" } else { "s" },
            self.existing,
            self.contacts.len() - self.existing
        )];
        if self.after_horizon > 0 {
            let day = self.last_day.map(|d| d.format("%-d %B %Y").to_string()).unwrap_or_default();
            let n = self.after_horizon;
            let (words, are) = if n == 1 { ("contact was", "is") } else { ("contacts were", "are") };
            lines.push(format!("{n} {words} created after {day} and {are} not in this plan."));
        }
        if !self.duplicates.is_empty() {
            let rows: Vec<String> = self.duplicates.iter().take(10).map(|(r, first)| format!("row {r} (as row {first})")).collect();
            let n = self.duplicates.len();
            let verb = if n == 1 { "row repeats an address and was" } else { "rows repeat an address and were" };
            lines.push(format!("{n} {verb} merged into the first: {}.", rows.join(", ")));
        }
        if self.second_addresses > 0 {
            lines.push(format!(
                "{} contacts share a name and company with an earlier row under another address: linked as the same person (the suppression list does not link them, so their email can leak).",
                self.second_addresses
            ));
        }
        if !self.personas.is_empty() {
            let each: Vec<String> = self.personas.iter().map(|(name, n)| format!("{name} {n}")).collect();
            lines.push(format!("Personas: {}.", each.join(", ")));
        }
        if self.date_order_assumed {
            lines.push(format!("The file does not show whether dates are day or month first; they were read {}.", self.date_order));
        }
        if !self.owners_not_in_sales.is_empty() {
            let owners: Vec<String> = self.owners_not_in_sales.iter().map(|(o, n)| format!("{o} ({n})")).collect();
            lines.push(format!("Owners who are not reps, so their contacts are not with sales: {}.", owners.join(", ")));
        }
        if !self.new_reps.is_empty() {
            lines.push(format!("New reps: {}.", self.new_reps.join(", ")));
        }
        if !self.unknown_values.is_empty() {
            let values: Vec<String> = self.unknown_values.iter().map(|(v, n)| format!("{v} ({n})")).collect();
            lines.push(format!("Values Baton does not know, read as a lead with no status: {}.", values.join(", ")));
        }
        if !self.rejected.is_empty() {
            let n = self.rejected.len();
            lines.push(if n == 1 { "1 row was left out:".to_string() } else { format!("{n} rows were left out:") });
            lines.extend(self.rejected.iter().take(100).map(|(r, why)| format!("  row {r}: {why}")));
            if self.rejected.len() > 100 {
                lines.push(format!("  … and {} more", self.rejected.len() - 100));
            }
        }
        lines
    }
}

/// How imported contacts join a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// A new scenario: the base's programs, scoring, reps and calendar, with these contacts
    /// only (no sample contacts, no generated groups).
    NewScenario,
    /// Added to the scenario's contacts.
    Add,
}

/// The scenario an import makes: `base` with the contacts, as `into` says, and the new reps;
/// it keeps the import's choices for the next export of the same CRM.
pub fn apply(base: &Scenario, report: &ImportReport, options: &ImportOptions, into: Destination, file_name: &str) -> Scenario {
    let mut s = base.clone();
    s.sales_cadence.in_progress = options.in_progress;
    let mut saved = options.clone();
    if saved.spread.is_empty() && into == Destination::NewScenario {
        for g in &base.generate {
            *saved.spread.entry(g.persona.clone()).or_default() += g.count;
        }
    }
    s.crm_import = Some(saved);
    for name in &report.new_reps {
        let added = s.add_rep();
        if let Some(rep) = s.reps.iter_mut().find(|r| r.name == added) {
            rep.name = name.clone();
        }
    }
    match into {
        Destination::NewScenario => {
            s.contacts = report.contacts.clone().into();
            s.generate.clear();
            s.exclusions.clear();
            s.name = format!("{} ({})", file_name.trim_end_matches(".csv"), base.name).chars().take(200).collect();
            s.description = format!(
                "{} contacts from the CRM export \u{201c}{file_name}\u{201d}, {} of them already in the CRM when the plan starts. Programs, scoring, reps and calendar from \u{201c}{}\u{201d}.",
                report.contacts.len(),
                report.existing,
                base.name
            )
            .chars()
            .take(5_000)
            .collect();
        }
        Destination::Add => s.contacts.extend(report.contacts.iter().cloned()),
    }
    s
}
