//! Contacts from a CRM: a CSV export becomes named contacts, row by row. HubSpot's export
//! columns are recognised by name; any other file is read through a column map the person
//! chooses. Rows that cannot be used are reported with their row number and the reason,
//! and the rest import.
//!
//! The CSV reading itself is the `csv` crate's: quoted fields with commas and line breaks,
//! CRLF line ends. Baton adds a byte-order-mark strip and the choice of `,` or `;`.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::ClockTime;
use super::scenario::{Contact, Scenario, Source, Stage, Traits};

/// What Baton reads from a CSV, and the column it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

    /// HubSpot's export column names for this field, lower case.
    fn hubspot_names(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["record id", "contact id"],
            Field::FirstName => &["first name"],
            Field::LastName => &["last name"],
            Field::Email => &["email"],
            Field::Company => &["company name"],
            Field::JobTitle => &["job title"],
            Field::Industry => &["industry"],
            Field::CompanySize => &["number of employees"],
            Field::Country => &["country/region", "country"],
            Field::LifecycleStage => &["lifecycle stage"],
            Field::LeadStatus => &["lead status"],
            Field::Owner => &["contact owner"],
            Field::Score => &["hubspot score"],
            Field::CreateDate => &["create date"],
            Field::Source => &["original source"],
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

/// Reads CSV text: strips a byte-order mark, picks `;` when the header has more semicolons
/// than commas, and keeps going past a malformed row.
pub fn read_table(text: &str) -> Result<Table, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().next().unwrap_or("");
    if header_line.trim().is_empty() {
        return Err("the file is empty or its first line has no column names".into());
    }
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("the column names could not be read: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    let mut unreadable = Vec::new();
    // Row numbers as a spreadsheet shows them: the header is row 1, and a quoted field
    // with line breaks does not add rows.
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        match record {
            Ok(r) => rows.push((row, r.iter().map(|f| f.trim().to_string()).collect())),
            Err(e) => unreadable.push((row, format!("the row could not be read: {e}"))),
        }
    }
    Ok(Table { headers, rows, unreadable })
}

/// Recognises HubSpot's column names (case and spacing ignored).
pub fn detect_columns(headers: &[String]) -> ColumnMap {
    let mut map = ColumnMap::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim().to_lowercase();
        for f in Field::ALL {
            if f.hubspot_names().contains(&h.as_str()) {
                map.entry(f).or_insert(i);
            }
        }
    }
    map
}

/// What an import produced.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub contacts: Vec<Contact>,
    /// (row number, reason) for every row left out.
    pub rejected: Vec<(usize, String)>,
}

fn stage_of(text: &str) -> Option<Stage> {
    let t: String = text.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    Some(match t.as_str() {
        "" | "lead" => Stage::Lead,
        "subscriber" => Stage::Subscriber,
        "mql" | "marketingqualifiedlead" => Stage::Mql,
        "sql" | "salesqualifiedlead" => Stage::Sql,
        "sal" | "salesacceptedlead" => Stage::Sal,
        "opportunity" => Stage::Opportunity,
        "customer" | "evangelist" => Stage::Customer,
        "other" => Stage::Other,
        _ => return None,
    })
}

fn date_of(text: &str) -> Option<(NaiveDate, Option<ClockTime>)> {
    let t = text.trim();
    let (date, time) = match t.split_once([' ', 'T']) {
        Some((d, rest)) => (d, ClockTime::parse(rest.get(..5).unwrap_or(rest)).ok()),
        None => (t, None),
    };
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(date, "%m/%d/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(date, "%d.%m.%Y"))
        .ok()?;
    Some((d, time))
}

/// Turns a table into contacts with the given persona. Rows are checked one by one; a
/// row with a problem is reported and left out, the others import. Ids and emails already
/// in the scenario count as taken.
pub fn import_contacts(s: &Scenario, table: &Table, map: &ColumnMap, persona: &str) -> ImportReport {
    let mut contacts = Vec::new();
    let mut rejected = table.unreadable.clone();
    let mut emails: HashMap<String, String> = s.contacts.iter().map(|c| (c.email.to_lowercase(), format!("contact {}", c.id))).collect();
    let mut ids: std::collections::HashSet<String> = s.contacts.iter().map(|c| c.id.clone()).collect();
    let Some(&email_col) = map.get(&Field::Email) else {
        rejected.push((1, "no column is mapped to the email address".into()));
        return ImportReport { contacts, rejected };
    };
    for (row, cells) in &table.rows {
        let get = |f: Field| map.get(&f).and_then(|&i| cells.get(i)).map(|v| v.trim()).unwrap_or("");
        let email = cells.get(email_col).map(|v| v.trim()).unwrap_or("");
        if email.is_empty() {
            rejected.push((*row, "no email address".into()));
            continue;
        }
        if !email.contains('@') || email.contains(' ') {
            rejected.push((*row, format!("\u{201c}{email}\u{201d} is not an email address")));
            continue;
        }
        if let Some(first) = emails.get(&email.to_lowercase()) {
            rejected.push((*row, format!("the same email address as {first}")));
            continue;
        }
        let stage_text = get(Field::LifecycleStage);
        let Some(stage) = stage_of(stage_text) else {
            rejected.push((*row, format!("unknown lifecycle stage \u{201c}{stage_text}\u{201d}")));
            continue;
        };
        let score_text = get(Field::Score);
        let score = if score_text.is_empty() {
            0
        } else {
            match score_text.replace(',', ".").parse::<f64>() {
                Ok(v) if v.is_finite() => v.round().clamp(-100_000.0, 100_000.0) as i32,
                _ => {
                    rejected.push((*row, format!("the score \u{201c}{score_text}\u{201d} is not a number")));
                    continue;
                }
            }
        };
        let created = get(Field::CreateDate);
        let (arrives_day, arrives_at) = if created.is_empty() {
            (0, super::scenario::default_arrival_time())
        } else {
            match date_of(created) {
                Some((d, time)) => (
                    (d - s.calendar.start).num_days().clamp(0, s.calendar.horizon_days as i64 - 1) as u32,
                    time.unwrap_or_else(super::scenario::default_arrival_time),
                ),
                None => {
                    rejected.push((*row, format!("the create date \u{201c}{created}\u{201d} is not a date (use 2026-03-02 or 03/02/2026)")));
                    continue;
                }
            }
        };
        let owner_text = get(Field::Owner);
        let owner = if owner_text.is_empty() {
            None
        } else if let Some(rep) = s.reps.iter().find(|r| r.name.eq_ignore_ascii_case(owner_text)) {
            Some(rep.name.clone())
        } else {
            rejected.push((*row, format!("the owner \u{201c}{owner_text}\u{201d} is not one of the scenario's reps")));
            continue;
        };
        let mut id = get(Field::Id).to_string();
        if id.is_empty() {
            id = format!("crm-{row}");
        }
        if ids.contains(&id) {
            rejected.push((*row, format!("the id \u{201c}{id}\u{201d} is already used")));
            continue;
        }
        let name = format!("{} {}", get(Field::FirstName), get(Field::LastName)).trim().to_string();
        let source = get(Field::Source).to_lowercase();
        let source = if source.contains("offline") || source.contains("event") {
            Source::EventCard { marked_in_crm: owner.is_some() }
        } else {
            Source::Import
        };
        emails.insert(email.to_lowercase(), format!("row {row}"));
        ids.insert(id.clone());
        contacts.push(Contact {
            id,
            name: if name.is_empty() { email.to_string() } else { name },
            email: email.to_string(),
            company: get(Field::Company).to_string(),
            traits: Traits {
                industry: get(Field::Industry).to_string(),
                job_title: get(Field::JobTitle).to_string(),
                company_size: get(Field::CompanySize).to_string(),
                country: get(Field::Country).to_string(),
            },
            persona: persona.to_string(),
            source,
            arrives_day,
            arrives_at,
            stage,
            score,
            utc_offset: None,
            owner,
            same_person_as: None,
            script: None,
        });
    }
    rejected.sort_by_key(|r| r.0);
    ImportReport { contacts, rejected }
}
