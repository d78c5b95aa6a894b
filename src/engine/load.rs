//! Loading a scenario: the one place where outside text becomes a trusted [`Scenario`].
//!
//! Loading never panics and never yields a half-loaded scenario. It reports every problem
//! it can find at once, each with the JSON path to it (`workflows[2].steps[1].wait: …`), and
//! for a syntax error the line and column.

use std::collections::HashSet;
use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::scenario::*;

/// One problem in a scenario, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path, such as `workflows[2].steps[1].wait`; empty for the whole file.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// The most problems listed for one file; the rest are counted.
pub const MAX_PROBLEMS: usize = 100;

/// The largest file the app reads, a scenario or a CRM export, in bytes. A browser tab has
/// 4 GB of WebAssembly memory at most, and a file's text, its parsed values and the
/// scenario made from them take several times the file's size. 100 MB is about 190,000
/// named contacts as Baton exports them (about 500,000 rows of a CRM's CSV), far beyond the
/// exports a team plans with.
pub const MAX_FILE_BYTES: u64 = 100_000_000;

/// Why a file of `bytes` bytes is not read, when it is larger than [`MAX_FILE_BYTES`].
pub fn file_too_large(bytes: u64) -> Option<String> {
    (bytes > MAX_FILE_BYTES).then(|| {
        format!(
            "the file is {} MB, and Baton reads files of up to {} MB; export fewer contacts, or split them over several scenarios",
            bytes.div_ceil(1_000_000),
            MAX_FILE_BYTES / 1_000_000
        )
    })
}

/// Why a scenario could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The text is not JSON.
    Syntax { line: usize, column: usize, message: String },
    /// The file was written by a newer Baton.
    NewerVersion { found: u64 },
    /// The JSON does not describe a valid scenario.
    Invalid(Vec<Problem>),
}

impl LoadError {
    /// Every problem as a line of text, at most [`MAX_PROBLEMS`] of them and then a line
    /// that counts the rest: a file with a million mistakes gets a readable list.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = self.all_lines();
        if lines.len() > MAX_PROBLEMS {
            let more = lines.len() - MAX_PROBLEMS;
            lines.truncate(MAX_PROBLEMS);
            lines.push(format!("… and {more} more problems; fix these first"));
        }
        lines
    }

    fn all_lines(&self) -> Vec<String> {
        match self {
            LoadError::Syntax { line, column, message } => {
                vec![format!("This is not a valid scenario file: line {line}, column {column}: {message}")]
            }
            LoadError::NewerVersion { found } => {
                vec![format!("This file uses scenario format {found}, made by a newer version of Baton; this version reads format {FORMAT_VERSION} and older.")]
            }
            LoadError::Invalid(problems) => problems.iter().map(|p| p.to_string()).collect(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.lines().join("\n"))
    }
}

impl std::error::Error for LoadError {}

/// Parses and validates scenario JSON.
pub fn load(text: &str) -> Result<Scenario, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Invalid(vec![Problem { path: String::new(), message: "the file is empty".into() }]));
    }
    // The quick way first: straight into the scenario types. Only a file that does not
    // fit them is read again as plain JSON, to find every problem and its path.
    if let Ok(s) = serde_json::from_str::<Scenario>(text) {
        return checked(s);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| LoadError::Syntax { line: e.line(), column: e.column(), message: syntax_words(&e) })?;
    load_value(value)
}

/// A scenario that fits the types, checked for its meaning: itself when it is valid.
pub fn checked(s: Scenario) -> Result<Scenario, LoadError> {
    if s.format_version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion { found: s.format_version as u64 });
    }
    let problems = validate(&s);
    if problems.is_empty() {
        Ok(s)
    } else {
        Err(LoadError::Invalid(problems))
    }
}

fn syntax_words(e: &serde_json::Error) -> String {
    let text = e.to_string();
    // serde_json appends " at line L column C"; we say that ourselves.
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Validates an already parsed JSON value.
pub fn load_value(value: Value) -> Result<Scenario, LoadError> {
    let Some(obj) = value.as_object() else {
        return Err(LoadError::Invalid(vec![Problem { path: String::new(), message: "a scenario file must be a JSON object ({ … })".into() }]));
    };
    match obj.get("format_version").and_then(Value::as_u64) {
        Some(v) if v > FORMAT_VERSION as u64 => return Err(LoadError::NewerVersion { found: v }),
        _ => {}
    }
    match serde_path_to_error::deserialize::<_, Scenario>(&value) {
        Ok(s) => checked(s),
        Err(_) => Err(LoadError::Invalid(structural_problems(obj))),
    }
}

/// Finds the type problems section by section and element by element, so that one wrong
/// field does not hide the others.
fn structural_problems(obj: &serde_json::Map<String, Value>) -> Vec<Problem> {
    let mut problems = Vec::new();
    macro_rules! field {
        ($name:literal, $ty:ty, required) => {
            match obj.get($name) {
                Some(v) => check::<$ty>(v, $name, &mut problems),
                None => problems.push(Problem { path: $name.into(), message: "is missing".into() }),
            }
        };
        ($name:literal, $ty:ty) => {
            if let Some(v) = obj.get($name) {
                check::<$ty>(v, $name, &mut problems);
            }
        };
    }
    macro_rules! list {
        ($name:literal, $ty:ty, $required:expr) => {
            match obj.get($name) {
                Some(Value::Array(items)) => {
                    let before = problems.len();
                    for (i, v) in items.iter().enumerate() {
                        check::<$ty>(v, &format!("{}[{}]", $name, i), &mut problems);
                        // A list that is wrong thousands of times over is not checked to its
                        // end: the first problems say what to fix.
                        if problems.len() - before >= 10 * MAX_PROBLEMS && i + 1 < items.len() {
                            problems.push(Problem { path: $name.into(), message: format!("the other {} entries were not checked", items.len() - i - 1) });
                            break;
                        }
                    }
                }
                Some(other) => check::<Vec<$ty>>(other, $name, &mut problems),
                None if $required => problems.push(Problem { path: $name.into(), message: "is missing".into() }),
                None => {}
            }
        };
    }
    field!("format_version", u32, required);
    field!("name", String, required);
    field!("description", String);
    field!("calendar", CalendarSettings, required);
    list!("personas", Persona, true);
    list!("contacts", Contact, false);
    list!("generate", PopulationGroup, false);
    field!("scoring", Scoring, required);
    field!("lifecycle", Lifecycle, required);
    list!("reps", Rep, true);
    field!("routing", Routing);
    list!("workflows", Workflow, false);
    list!("mass_sends", MassSend, false);
    field!("sales_cadence", SalesCadence, required);
    field!("handoff_option", HandoffOption, required);
    field!("custom_policy", CustomPolicy);
    list!("exclusions", Exclusion, false);
    field!("frequency_cap", Option<FrequencyCap>);
    field!("sla", Sla);
    field!("unsubscribe_stops_sales", bool);
    field!("crm_import", Option<super::crm_import::ImportOptions>);
    field!("what_if", Option<super::sweep::WhatIf>);
    field!("sign_off", super::scenario::SignOff);
    const KNOWN: [&str; 23] = [
        "format_version",
        "name",
        "description",
        "calendar",
        "personas",
        "contacts",
        "generate",
        "scoring",
        "lifecycle",
        "reps",
        "routing",
        "workflows",
        "mass_sends",
        "sales_cadence",
        "handoff_option",
        "custom_policy",
        "exclusions",
        "frequency_cap",
        "sla",
        "unsubscribe_stops_sales",
        "crm_import",
        "what_if",
        "sign_off",
    ];
    for key in obj.keys() {
        if !KNOWN.contains(&key.as_str()) {
            problems.push(Problem { path: key.clone(), message: "is not a field Baton knows; check the spelling".into() });
        }
    }
    if problems.is_empty() {
        problems.push(Problem { path: String::new(), message: "the file does not describe a scenario".into() });
    }
    problems
}

/// At most this many problems are reported for one section or list element.
const PROBLEMS_PER_PART: usize = 50;

/// Reads `v` as a `T` and reports every field that does not fit. The reader stops at the
/// first wrong field, so that field is taken out of a copy and the copy read again, until
/// the rest fits. A field taken out that then counts as missing is not reported twice.
fn check<T: DeserializeOwned>(v: &Value, path: &str, problems: &mut Vec<Problem>) {
    use serde_path_to_error::Segment;
    let mut copy = std::borrow::Cow::Borrowed(v);
    // Paths (as serde_path_to_error writes them) of the fields taken out so far.
    let mut taken_out: Vec<String> = Vec::new();
    for _ in 0..PROBLEMS_PER_PART {
        let Err(e) = serde_path_to_error::deserialize::<_, T>(copy.as_ref()) else { return };
        let segments: Vec<&Segment> = e.path().iter().collect();
        let inner = e.path().to_string();
        let message = e.inner().to_string();
        if let Some(key) = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
            let field = if inner == "." { key.to_string() } else { format!("{inner}.{key}") };
            if taken_out.contains(&field) {
                return;
            }
        }
        problems.push(Problem { path: join_path(path, &inner), message: plain(message) });
        // Take the wrong field out of its object, if it is in one.
        let Some((Segment::Map { key } | Segment::Enum { variant: key }, parents)) = segments.split_last() else { return };
        let mut at = copy.to_mut();
        for segment in parents {
            let next = match segment {
                Segment::Seq { index } => at.get_mut(*index),
                Segment::Map { key } | Segment::Enum { variant: key } => at.get_mut(key.as_str()),
                Segment::Unknown => None,
            };
            let Some(next) = next else { return };
            at = next;
        }
        let Some(object) = at.as_object_mut() else { return };
        if object.remove(key.as_str()).is_none() {
            return;
        }
        taken_out.push(inner);
    }
}

/// A section's path joined with a path inside it, as serde_path_to_error writes those.
fn join_path(path: &str, inner: &str) -> String {
    if inner == "." || inner.is_empty() {
        path.to_string()
    } else if inner.starts_with('[') {
        format!("{path}{inner}")
    } else {
        format!("{path}.{inner}")
    }
}

/// Rewords serde's messages for people who are not programmers.
fn plain(message: String) -> String {
    let m = message
        .replace("invalid type: ", "wrong kind of value: ")
        .replace("expected u32", "expected a whole number of 0 or more")
        .replace("expected i32", "expected a whole number")
        .replace("expected u8", "expected a whole number from 0 to 255")
        .replace("expected f64", "expected a number")
        .replace("expected a string", "expected text in quotes");
    // chrono's date errors name no format; say what a date looks like.
    const DATE_ERRORS: [&str; 4] = ["input is out of range", "premature end of input", "input contains invalid characters", "trailing input"];
    if DATE_ERRORS.iter().any(|e| m.starts_with(e)) {
        return "is not a valid date; write it as YYYY-MM-DD, such as 2026-03-02".into();
    }
    // serde appends the position inside the value; the path already says where.
    match m.rfind(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m,
    }
}

/// Checks the meaning of a well-formed scenario. Returns every problem found.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    validate_since(s, &mut Checked::default())
}

/// Named contacts an earlier check found sound, with all their check looked at besides
/// them: the personas' ids and the reps' names. The app keeps one between edits.
#[derive(Default)]
pub struct Checked {
    /// Held, so their place cannot be taken by other contacts while they are known.
    contacts: Option<super::shared::Shared<Vec<Contact>>>,
    personas: Vec<String>,
    reps: Vec<String>,
}

impl Checked {
    /// Whether `s`'s contacts are the ones found sound, checked against the same personas
    /// and reps: they would be found sound again.
    fn holds(&self, s: &Scenario) -> bool {
        self.contacts.as_ref().is_some_and(|c| super::shared::Shared::same(c, &s.contacts))
            && self.personas.iter().map(String::as_str).eq(s.personas.iter().map(|p| p.id.as_str()))
            && self.reps.iter().map(String::as_str).eq(s.reps.iter().map(|r| r.name.as_str()))
    }

    fn remember(&mut self, s: &Scenario) {
        *self = Checked {
            contacts: Some(s.contacts.clone()),
            personas: s.personas.iter().map(|p| p.id.clone()).collect(),
            reps: s.reps.iter().map(|r| r.name.clone()).collect(),
        };
    }
}

/// As [`validate`], without checking the named contacts again when `checked` holds them
/// (an edit elsewhere: with 42,945 contacts their checks were most of 25 ms an edit). A
/// scenario with no problem is remembered in `checked`. The problems found are the same as
/// [`validate`]'s (tested).
pub fn validate_since(s: &Scenario, checked: &mut Checked) -> Vec<Problem> {
    let known = checked.holds(s);
    let mut p = Problems::default();
    if s.format_version == 0 || s.format_version > FORMAT_VERSION {
        p.add("format_version", format!("must be {FORMAT_VERSION}"));
    }
    for (field, text) in [("team", &s.sign_off.team), ("marketing_owner", &s.sign_off.marketing_owner), ("sales_owner", &s.sign_off.sales_owner)] {
        if text.chars().count() > super::scenario::SignOff::MAX_CHARS {
            p.add(format!("sign_off.{field}"), format!("is longer than {} characters", super::scenario::SignOff::MAX_CHARS));
        }
    }
    if s.name.trim().is_empty() {
        p.add("name", "must not be empty");
    }
    let cal = &s.calendar;
    if !(1..=730).contains(&cal.horizon_days) {
        p.add("calendar.horizon_days", "must be from 1 to 730 days");
    }
    let teams = [("business_hours", Some(&cal.business_hours)), ("sales_hours", cal.sales_hours.as_ref())];
    for (name, hours) in teams {
        let Some(hours) = hours else { continue };
        if hours.always_open {
            continue;
        }
        if hours.days.is_empty() {
            p.add(format!("calendar.{name}.days"), "needs at least one working day");
        }
        if hours.opens >= hours.closes {
            p.add(format!("calendar.{name}.closes"), "must be later than the opening time");
        }
    }
    let mut persona_ids = HashSet::new();
    if s.personas.is_empty() {
        p.add("personas", "needs at least one persona");
    }
    for (i, per) in s.personas.iter().enumerate() {
        let at = format!("personas[{i}]");
        if per.id.trim().is_empty() {
            p.add(format!("{at}.id"), "must not be empty");
        } else if per.id.contains(char::is_whitespace) {
            p.add(format!("{at}.id"), "must not contain spaces");
        } else if !persona_ids.insert(per.id.as_str()) {
            p.add(format!("{at}.id"), format!("\"{}\" is used by another persona", per.id));
        }
        for (kind, r) in [("automated", &per.automated), ("mass", &per.mass), ("sales", &per.sales)] {
            for (name, v) in [("open", r.open), ("click", r.click), ("reply", r.reply), ("meeting", r.meeting), ("unsubscribe", r.unsubscribe)] {
                p.chance(format!("{at}.{kind}.{name}"), v);
            }
        }
        p.chance(format!("{at}.win_chance"), per.win_chance);
        p.chance(format!("{at}.bounce_chance"), per.bounce_chance);
        p.chance(format!("{at}.after_reply.bad_timing"), per.after_reply.bad_timing);
        p.chance(format!("{at}.after_reply.unqualified"), per.after_reply.unqualified);
        p.chance(format!("{at}.released_cold_after_first_attempt"), per.released_cold_after_first_attempt);
        p.chance(format!("{at}.fatigue.open_drop_per_extra_email"), per.fatigue.open_drop_per_extra_email);
        p.chance(format!("{at}.fatigue.unsubscribe_rise_per_extra_email"), per.fatigue.unsubscribe_rise_per_extra_email);
        for (h, habit) in per.habits.iter().enumerate() {
            if !(habit.per_month.is_finite() && (0.0..=1000.0).contains(&habit.per_month)) {
                p.add(format!("{at}.habits[{h}].per_month"), "must be a number from 0 to 1000");
            }
        }
    }
    if !known {
        contacts_sound(s, &persona_ids, &mut p);
    }
    let mut total = s.contacts.len() as u64;
    for (i, g) in s.generate.iter().enumerate() {
        if !persona_ids.contains(g.persona.as_str()) {
            p.add(format!("generate[{i}].persona"), format!("no persona has the id \"{}\"", g.persona));
        }
        total += g.count as u64;
        p.range(format!("generate[{i}].arrive_over_days"), g.arrive_over_days as i64, 0, 730, "days");
    }
    if total > 2_000_000 {
        p.add("generate", "at most 2,000,000 contacts in all");
    }
    let lc = &s.lifecycle;
    p.range("lifecycle.mql_score", lc.mql_score as i64, -SCORE_LIMIT, SCORE_LIMIT, "points");
    p.range("lifecycle.handoff_score", lc.handoff_score as i64, -SCORE_LIMIT, SCORE_LIMIT, "points");
    let sc = &s.scoring;
    for (name, n) in [("behaviour", sc.behaviour.len()), ("fit", sc.fit.len()), ("disqualifiers", sc.disqualifiers.len())] {
        if n > 1_000 {
            p.add(format!("scoring.{name}"), format!("at most 1,000 rules, not {n}"));
        }
    }
    for (i, r) in sc.behaviour.iter().enumerate() {
        p.range(format!("scoring.behaviour[{i}].points"), r.points as i64, -POINTS_LIMIT, POINTS_LIMIT, "points");
        if let Some(cap) = r.cap {
            p.range(format!("scoring.behaviour[{i}].cap"), cap as i64, -SCORE_LIMIT, SCORE_LIMIT, "points");
        }
    }
    for (i, r) in sc.fit.iter().enumerate() {
        p.range(format!("scoring.fit[{i}].points"), r.points as i64, -POINTS_LIMIT, POINTS_LIMIT, "points");
    }
    if let Some(d) = &sc.decay {
        p.range("scoring.decay.quiet_days", d.quiet_days as i64, 1, 730, "days");
        p.range("scoring.decay.points", d.points as i64, 1, POINTS_LIMIT, "points");
    }
    if let Some(max) = sc.max_score {
        p.range("scoring.max_score", max as i64, 0, SCORE_LIMIT, "points");
    }
    p.range("sla.first_touch_hours", s.sla.first_touch_hours as i64, 0, 8_760, "hours");
    p.range("sla.notice_hours_before", s.sla.notice_hours_before as i64, 0, 8_760, "hours");
    p.range("sla.mqls_per_month", s.sla.mqls_per_month as i64, 0, 10_000_000, "");
    p.range("sla.comfort_limit_per_7_days", s.sla.comfort_limit_per_7_days as i64, 0, 10_000, "emails");
    {
        use chrono::Datelike;
        p.range("calendar.start", s.calendar.start.year() as i64, 1970, 2200, "(the year)");
    }
    for (i, r) in s.reps.iter().enumerate() {
        p.range(format!("reps[{i}].capacity_per_week"), r.capacity_per_week as i64, 0, 1_000_000, "leads");
    }
    if lc.handoff_score < lc.mql_score {
        p.add("lifecycle.handoff_score", "must be at least the MQL score");
    }
    if s.reps.len() > 250 {
        p.add("reps", "at most 250 reps");
    }
    let mut rep_names = HashSet::new();
    for (i, r) in s.reps.iter().enumerate() {
        if r.name.trim().is_empty() {
            p.add(format!("reps[{i}].name"), "must not be empty");
        } else if !rep_names.insert(r.name.as_str()) {
            p.add(format!("reps[{i}].name"), format!("\"{}\" is used by another rep", r.name));
        }
        if !(r.first_touch_hours.is_finite() && (0.0..=2000.0).contains(&r.first_touch_hours)) {
            p.add(format!("reps[{i}].first_touch_hours"), "must be from 0 to 2000 hours");
        }
    }
    if s.workflows.len() > 250 {
        p.add("workflows", "at most 250 workflows");
    }
    if let Some(w) = &s.what_if {
        // The sweep's shape only: a setting the scenario lost (a removed workflow) is said
        // when the sweep is run, not here.
        if w.axes.is_empty() || w.axes.len() > 2 {
            p.add("what_if.axes", "a sweep varies one setting or two");
        }
        for (i, a) in w.axes.iter().enumerate() {
            if let Err(e) = a.check() {
                p.add(format!("what_if.axes[{i}]"), e);
            }
        }
        if !(1..=20).contains(&w.runs) {
            p.add("what_if.runs", "from 1 to 20 seeds");
        }
        if w.axes.len() <= 2 && w.cells() > super::sweep::MAX_CELLS {
            p.add("what_if.axes", format!("at most {} combinations", super::sweep::MAX_CELLS));
        }
        if w.goals.len() > 50 {
            p.add("what_if.goals", "at most 50 goals");
        }
    }
    if let Some(import) = &s.crm_import {
        if import.persona_rules.len() > 250 {
            p.add("crm_import.persona_rules", "at most 250 rules");
        }
        let lists = [
            ("owners", import.owners.len()),
            ("stages", import.stages.len()),
            ("statuses", import.statuses.len()),
            ("event_sources", import.event_sources.len()),
            ("spread", import.spread.len()),
        ];
        for (name, n) in lists {
            if n > 10_000 {
                p.add(format!("crm_import.{name}"), format!("at most 10,000 values, not {n}"));
            }
        }
        // The saved choices are the import's own business: a rule for a persona the
        // scenario no longer has is dropped when they are used, not a problem here.
    }
    for (i, per) in s.personas.iter().enumerate() {
        if per.habits.len() > 250 {
            p.add(format!("personas[{i}].habits"), "at most 250 habits");
        }
    }
    let contacts_to_check = if known { &[][..] } else { &s.contacts[..] };
    for (i, c) in contacts_to_check.iter().enumerate() {
        if c.script.as_ref().is_some_and(|sc| sc.events.len() > 10_000) {
            p.add(format!("contacts[{i}].script.events"), "at most 10,000 scripted events");
        }
    }
    let mut wf_names = HashSet::new();
    let mut emails = 0usize;
    for (w, wf) in s.workflows.iter().enumerate() {
        let at = format!("workflows[{w}]");
        if wf.name.trim().is_empty() {
            p.add(format!("{at}.name"), "must not be empty");
        } else if !wf_names.insert(wf.name.as_str()) {
            p.add(format!("{at}.name"), format!("\"{}\" is used by another workflow", wf.name));
        }
        if wf.steps.is_empty() {
            p.add(format!("{at}.steps"), "needs at least one step");
        }
        for (k, st) in wf.steps.iter().enumerate() {
            let sp = format!("{at}.steps[{k}]");
            match st {
                Step::Email { name } => {
                    emails += 1;
                    if name.trim().is_empty() {
                        p.add(format!("{sp}.name"), "the email needs a name");
                    }
                }
                Step::Delay { wait, up_to } => {
                    if wait.total_minutes() == 0 {
                        p.add(format!("{sp}.wait"), "must be positive");
                    }
                    if wait.total_minutes() > 730 * 1440 {
                        p.add(format!("{sp}.wait"), "must be at most 730 days");
                    }
                    if let Some(u) = up_to {
                        if u.total_minutes() < wait.total_minutes() {
                            p.add(format!("{sp}.up_to"), "must be at least the wait");
                        }
                        if u.total_minutes() > 730 * 1440 {
                            p.add(format!("{sp}.up_to"), "must be at most 730 days");
                        }
                    }
                }
                Step::DelayUntil { .. } => {}
                Step::Branch { go_to_step, .. } => {
                    if (*go_to_step as usize) <= k || (*go_to_step as usize) > wf.steps.len() {
                        p.add(format!("{sp}.go_to_step"), format!("must be a later step, from {} to {} (the end)", k + 1, wf.steps.len()));
                    }
                }
            }
        }
        if let Trigger::FormFill { asset } = &wf.trigger {
            if asset.trim().is_empty() {
                p.add(format!("{at}.trigger.asset"), "must not be empty");
            }
        }
    }
    let mut mass_names = HashSet::new();
    for (m, ms) in s.mass_sends.iter().enumerate() {
        let at = format!("mass_sends[{m}]");
        emails += 1;
        if ms.name.trim().is_empty() {
            p.add(format!("{at}.name"), "must not be empty");
        } else if !mass_names.insert(ms.name.as_str()) {
            p.add(format!("{at}.name"), format!("\"{}\" is used by another mass send", ms.name));
        }
        for (k, id) in ms.segment.personas.iter().enumerate() {
            if !persona_ids.contains(id.as_str()) {
                p.add(format!("{at}.segment.personas[{k}]"), format!("no persona has the id \"{id}\""));
            }
        }
        if ms.day > 730 {
            p.add(format!("{at}.day"), "must be at most 730");
        }
        for (k, t) in ms.segment.traits.iter().enumerate() {
            if t.equals.trim().is_empty() {
                p.add(format!("{at}.segment.traits[{k}].equals"), "must not be empty");
            }
        }
    }
    let cad = &s.sales_cadence;
    emails += cad.touches.len();
    if cad.touches.len() > 250 {
        p.add("sales_cadence.touches", "at most 250 touches");
    }
    for (k, t) in cad.touches.iter().enumerate() {
        if k > 0 && t.day < cad.touches[k - 1].day {
            p.add(format!("sales_cadence.touches[{k}].day"), "must not be earlier than the touch before it");
        }
        if t.day > 730 {
            p.add(format!("sales_cadence.touches[{k}].day"), "must be at most 730");
        }
    }
    if cad.dark_after_days > 730 || cad.deal_days > 730 || cad.bad_timing_return_days > 730 {
        p.add("sales_cadence", "day counts must be at most 730");
    }
    if emails > 60_000 {
        p.add("workflows", "at most 60,000 emails in all");
    }
    for (i, x) in s.exclusions.iter().enumerate() {
        if !s.mass_sends.iter().any(|m| m.name == x.mass_send) {
            p.add(format!("exclusions[{i}].mass_send"), format!("no mass send is named \"{}\"", x.mass_send));
        }
    }
    if let Some(cap) = &s.frequency_cap {
        if cap.max_emails == 0 {
            p.add("frequency_cap.max_emails", "must be at least 1");
        }
        if cap.per_days == 0 || cap.per_days > 365 {
            p.add("frequency_cap.per_days", "must be from 1 to 365 days");
        }
        if cap.counts.is_empty() {
            p.add("frequency_cap.counts", "must name at least one kind of email");
        }
    }
    let mut stages = HashSet::new();
    for (i, row) in s.custom_policy.rows.iter().enumerate() {
        if !stages.insert(row.stage) {
            p.add(format!("custom_policy.rows[{i}].stage"), "this stage already has a row");
        }
    }
    if let Some(message) = super::budget::too_large(s) {
        p.add("", message);
    }
    let skipped = known.then_some("contacts");
    for (path, message) in super::text_limits::too_long_but(s, skipped, MAX_NAME_CHARS, MAX_TEXT_CHARS) {
        p.add(path, message);
    }
    if p.0.is_empty() {
        checked.remember(s);
    }
    p.0
}

/// The checks of the named contacts: against each other, the personas' ids and the reps.
fn contacts_sound(s: &Scenario, persona_ids: &HashSet<&str>, p: &mut Problems) {
    let mut contact_ids = HashSet::with_capacity(s.contacts.len());
    // Looked up only for second addresses, so built only when a contact has one.
    let by_id: std::collections::HashMap<&str, &Contact> =
        if s.contacts.iter().any(|c| c.same_person_as.is_some()) { s.contacts.iter().map(|c| (c.id.as_str(), c)).collect() } else { Default::default() };
    for (i, c) in s.contacts.iter().enumerate() {
        // Written only for a problem: most contacts have none, and a CRM import has tens of
        // thousands (writing every path took most of validating 65,000 contacts).
        let at = |field: &str| format!("contacts[{i}].{field}");
        if c.id.trim().is_empty() {
            p.add(at("id"), "must not be empty");
        } else if !contact_ids.insert(c.id.as_str()) {
            p.add(at("id"), format!("\"{}\" is used by another contact", c.id));
        }
        if !c.email.contains('@') {
            p.add(at("email"), format!("\"{}\" is not an email address", c.email));
        }
        if !persona_ids.contains(c.persona.as_str()) {
            p.add(at("persona"), format!("no persona has the id \"{}\"", c.persona));
        }
        if let Some(owner) = &c.owner {
            if !s.reps.iter().any(|r| &r.name == owner) {
                p.add(at("owner"), format!("no rep is called \"{owner}\""));
            }
        }
        if let Some(other) = &c.same_person_as {
            if other == &c.id {
                p.add(at("same_person_as"), "must name another contact, not this one");
            } else {
                match by_id.get(other.as_str()) {
                    None => p.add(at("same_person_as"), format!("no contact has the id \"{other}\"")),
                    Some(o) if o.same_person_as.is_some() => p.add(at("same_person_as"), "must name a contact that is not itself a second address"),
                    Some(_) => {}
                }
            }
        }
        p.range(|| at("arrives_day"), c.arrives_day as i64, 0, 730, "days");
        p.range(|| at("score"), c.score as i64, -SCORE_LIMIT, SCORE_LIMIT, "points");
        if let Some(sc) = &c.script {
            for (k, e) in sc.events.iter().enumerate() {
                p.range(|| at(&format!("script.events[{k}].day")), e.day as i64, 0, 730, "days");
            }
            if let Some(n) = sc.replies_to_sales_touch {
                p.range(|| at("script.replies_to_sales_touch"), n as i64, 0, 250, "");
            }
        }
    }
}

/// The longest name, id, address or label, in characters: longer than any real one, and
/// short enough that a calendar repeating it thousands of times stays small.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest free text (a description, a send's summary, a prepared answer).
pub const MAX_TEXT_CHARS: usize = 5_000;

/// The largest score (or score threshold) a file may give, in either direction: far above
/// any real model, and small enough that sums of scores never overflow.
const SCORE_LIMIT: i64 = 1_000_000;

/// The most points one rule may give or take.
const POINTS_LIMIT: i64 = 10_000;

#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem { path: path.into(), message: message.into() });
    }

    /// A whole number that must lie in `min..=max`; the message says the range. The path
    /// is written only for a problem (a closure where writing it costs: per contact).
    fn range(&mut self, path: impl PathText, v: i64, min: i64, max: i64, unit: &str) {
        if v < min || v > max {
            let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
            self.add(path.text(), format!("must be from {min} to {max}{unit}, not {v}"));
        }
    }

    fn chance(&mut self, path: String, v: f64) {
        if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
            self.add(path, format!("must be a chance from 0 to 1, not {v}"));
        }
    }
}

/// A problem's path: text, or a closure that writes it when there is a problem.
trait PathText {
    fn text(self) -> String;
}

impl PathText for &str {
    fn text(self) -> String {
        self.to_string()
    }
}

impl PathText for String {
    fn text(self) -> String {
        self
    }
}

impl<F: FnOnce() -> String> PathText for F {
    fn text(self) -> String {
        self()
    }
}

/// Problems in one line, as a field's error message shows them: their messages, in order.
pub fn problem_text(problems: &[Problem]) -> String {
    problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join("; ")
}

/// The scenario's version for a printed agreement: eight hex digits of a 64-bit FNV-1a
/// hash of its file, "3F2A-91C0". The same scenario always gives the same version, and any
/// change to it (a threshold, a name, a contact) gives another.
pub fn fingerprint(s: &Scenario) -> String {
    let hash = to_json(s).bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3));
    let top = (hash >> 32) as u32;
    format!("{:04X}-{:04X}", top >> 16, top & 0xffff)
}

/// Writes a scenario as pretty JSON, the way files are saved.
pub fn to_json(s: &Scenario) -> String {
    serde_json::to_string_pretty(s).unwrap_or_default()
}
