//! A CRM export as its import's mapping step sees it, and the import itself, worked out
//! wherever the file is held: on the page for a small file, in a Web Worker for a large
//! one (a 20 MB export is 130,000 rows: reading it, listing its values and counting what
//! the import would make take seconds, which the page must not spend).
//!
//! The mapping step shows the file's [`Sheet`] (columns, first rows, size), its [`Values`]
//! under the chosen columns, and the [`Counts`] the import would make with the person's
//! choices. [`import`] makes the scenario. A worker is asked with an [`Ask`] and answers
//! with [`answer`], which reads the file again for each question: nothing is kept between
//! questions, so a worker can be ended at any time.

use serde::{Deserialize, Serialize};

use super::crm_import::{apply, date_order_open, decode, distinct_values, import_contacts, read_table, ColumnMap, Destination, Field, ImportOptions, Table};
use super::{load, pieces, validate, Problem, Scenario};

/// Rows the mapping step shows as a preview.
pub const PREVIEW_ROWS: usize = 5;

/// Values offered as suggestions for a persona rule's column.
pub const MOST_SUGGESTIONS: usize = 200;

/// The columns whose every value the mapping step lists, each with a meaning to choose.
pub const LISTED: [Field; 4] = [Field::LifecycleStage, Field::LeadStatus, Field::Owner, Field::Source];

/// The file itself: its column names, its first rows and how many there are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub preview: Vec<Vec<String>>,
    pub rows: usize,
    /// How the file's text was encoded ("UTF-8" or "Windows-1252").
    pub encoding: String,
}

impl Sheet {
    pub fn of(table: &Table, encoding: &str) -> Sheet {
        Sheet {
            headers: table.headers.clone(),
            preview: table.rows.iter().take(PREVIEW_ROWS).map(|(_, r)| r.clone()).collect(),
            rows: table.rows.len(),
            encoding: encoding.to_string(),
        }
    }
}

/// The columns whose most common values a persona rule suggests.
pub const SUGGESTED: [Field; 5] = [Field::JobTitle, Field::Industry, Field::CompanySize, Field::Country, Field::Company];

/// The file's values under a column map: every value of the [`LISTED`] columns with how
/// many rows have it (most common first), the first [`MOST_SUGGESTIONS`] non-empty values
/// of the [`SUGGESTED`] ones, and whether the dates leave the day/month order open.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Values {
    pub fields: Vec<(Field, Vec<(String, usize)>)>,
    pub date_order_open: bool,
}

impl Values {
    pub fn of(table: &Table, map: &ColumnMap) -> Values {
        let mut fields: Vec<(Field, Vec<(String, usize)>)> = Vec::new();
        let mut mapped: Vec<Field> = map.keys().copied().filter(|f| LISTED.contains(f) || SUGGESTED.contains(f)).collect();
        mapped.sort();
        for field in mapped {
            let mut values = distinct_values(table, map, field);
            if !LISTED.contains(&field) {
                values.retain(|v| !v.0.is_empty());
                values.truncate(MOST_SUGGESTIONS);
            }
            fields.push((field, values));
        }
        Values { fields, date_order_open: date_order_open(table, map) }
    }

    /// A column's values (none when the field has no column).
    pub fn get(&self, field: Field) -> &[(String, usize)] {
        self.fields.iter().find(|(f, _)| *f == field).map(|(_, v)| v.as_slice()).unwrap_or_default()
    }
}

/// What the import would make with the person's choices: contacts per persona, how many
/// contacts, and how many rows are left out or merged.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub personas: Vec<(String, usize)>,
    pub imported: usize,
    pub left: usize,
}

impl Counts {
    pub fn of(s: &Scenario, table: &Table, choice: &Choice) -> Counts {
        let report = import_contacts(s, table, &choice.map(), &choice.options, choice.destination());
        Counts { personas: report.personas, imported: report.contacts.len(), left: report.rejected.len() + report.after_horizon + report.duplicates.len() }
    }
}

/// The person's choices for an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// The column of each field that has one.
    pub columns: Vec<(Field, usize)>,
    pub options: ImportOptions,
    /// A new scenario (or the contacts added to the one given).
    pub new_scenario: bool,
    /// The file's name, for the new scenario's name and description.
    pub file: String,
}

impl Choice {
    pub fn map(&self) -> ColumnMap {
        self.columns.iter().copied().collect()
    }

    pub fn destination(&self) -> Destination {
        if self.new_scenario {
            Destination::NewScenario
        } else {
            Destination::Add
        }
    }
}

/// The scenario an import makes from `base`, and the report in words (its counts, then the
/// file's encoding when it was not UTF-8); or the scenario's problems, when the import would
/// make one that does not validate.
pub fn import(base: &Scenario, table: &Table, encoding: &str, choice: &Choice) -> Result<(Scenario, Vec<String>), Vec<Problem>> {
    let mut options = choice.options.clone();
    options.columns = super::crm_import::remember_columns(&table.headers, &choice.map());
    let report = import_contacts(base, table, &choice.map(), &options, choice.destination());
    let mut lines = report.summary();
    if encoding != "UTF-8" {
        lines.push(format!("The file was read as {encoding} text (not UTF-8), as Excel writes it on Windows."));
    }
    let made = apply(base, &report, &options, choice.destination(), &choice.file);
    let problems = validate(&made);
    if problems.is_empty() {
        Ok((made, lines))
    } else {
        Err(problems)
    }
}

/// The scenario a worker needs for a question about `choice`, as its message (in pieces):
/// for a new scenario its settings alone (a new scenario takes none of its contacts, and
/// writing tens of thousands of them for each count would stop the page), else all of it
/// (added contacts are checked against those it has).
pub fn base_message(s: &mut Scenario, choice: &Choice) -> String {
    if choice.new_scenario {
        pieces::head(s)
    } else {
        pieces::to_pieces(s)
    }
}

/// A CRM export read into a table, with its encoding; or why it cannot be read.
pub type FileRead = Result<(Table, &'static str), String>;

/// The file read into a table, with its encoding; or why it cannot be read.
pub fn read(bytes: &[u8]) -> FileRead {
    let (text, encoding) = decode(bytes);
    read_table(&text).map(|t| (t, encoding))
}

/// A question about a file, for whoever holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ask {
    Sheet,
    Values {
        columns: Vec<(Field, usize)>,
    },
    /// The counts with these choices for the scenario given with the question.
    Counts(Choice),
    /// The import with these choices into the scenario given with the question.
    Import(Choice),
}

/// An answer about a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Told {
    Sheet(Sheet),
    Values(Values),
    Counts(Counts),
    /// The new scenario is sent beside the answer, in pieces ([`pieces`]); these are the
    /// report's lines.
    Imported(Vec<String>),
    /// The file cannot be read, or the import would make a scenario with problems: why.
    Refused(String),
}

/// Answers `ask` (JSON) about the file `bytes`, for the scenario `scenario_pieces` (in
/// pieces; empty when the question needs none). The answer as JSON, and after an import the
/// new scenario in pieces. A message that cannot be read is an error in words.
pub fn answer(bytes: &[u8], scenario_pieces: &str, ask: &str) -> Result<(String, Option<String>), String> {
    answer_about(&read(bytes), scenario_pieces, ask)
}

/// As [`answer`], about a file already read ([`read`]): a helper that keeps the table
/// answers the next question without reading the file again.
pub fn answer_about(file: &FileRead, scenario_pieces: &str, ask: &str) -> Result<(String, Option<String>), String> {
    let ask: Ask = serde_json::from_str(ask).map_err(|e| format!("the import's question could not be read: {e}"))?;
    let base = || -> Result<Scenario, String> {
        let s = pieces::from_pieces(scenario_pieces).map_err(|e| format!("the import was given no scenario it could read: {e}"))?;
        load::checked(s).map_err(|e| format!("the import was given a scenario with problems: {e}"))
    };
    let (told, made) = match file {
        Err(e) => (Told::Refused(e.clone()), None),
        Ok((table, encoding)) => match ask {
            Ask::Sheet => (Told::Sheet(Sheet::of(table, encoding)), None),
            Ask::Values { columns } => (Told::Values(Values::of(table, &columns.into_iter().collect())), None),
            Ask::Counts(choice) => (Told::Counts(Counts::of(&base()?, table, &choice)), None),
            Ask::Import(choice) => match import(&base()?, table, encoding, &choice) {
                Ok((mut made, lines)) => (Told::Imported(lines), Some(pieces::to_pieces(&mut made))),
                Err(problems) => (Told::Refused(load::problem_text(&problems)), None),
            },
        },
    };
    let told = serde_json::to_string(&told).map_err(|e| format!("the import's answer could not be written: {e}"))?;
    Ok((told, made))
}

/// Reads an answer.
pub fn read_told(text: &str) -> Result<Told, String> {
    serde_json::from_str(text).map_err(|e| format!("the import's answer could not be read: {e}"))
}

/// The question as a message.
pub fn ask_message(ask: &Ask) -> String {
    serde_json::to_string(ask).unwrap_or_default()
}
