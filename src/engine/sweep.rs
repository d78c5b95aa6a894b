//! What-if: a setting (or two) over a range of values, every option simulated for every
//! value on the same population and seeds, each figure drawn against the setting, and the
//! values that meet the agreement's goals marked.
//!
//! A sweep is an ordinary scenario edit per value ([`Setting::set`]) followed by the same
//! comparison the results show ([`compare`]), so a sweep's figures equal separate
//! simulations of each value. It is saved with the scenario (`what_if`).

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::figures::{compare, Figure, OptionSummary};
use super::scenario::{default_priority, EmailKind, FrequencyCap, HandoffOption, OverCap, Scenario, Step, Touch};

/// A setting a sweep can vary, written as a path: `lifecycle.handoff_score`,
/// `lifecycle.mql_score`, `frequency_cap.max_emails`, `frequency_cap.per_days`,
/// `sales_cadence.touches`, `sales_cadence.dark_after_days`, `sla.first_touch_hours`,
/// `reps.capacity_per_week`, `workflows[W].steps[S].wait` (days), `personas.ID.open`
/// (the chance to open marketing email), `generate.ID.count`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
pub enum Setting {
    HandoffScore,
    MqlScore,
    CapMaxEmails,
    CapPerDays,
    SalesTouches,
    DarkAfterDays,
    SlaHours,
    RepCapacity,
    WorkflowWait { workflow: usize, step: usize },
    PersonaOpen(String),
    GroupSize(String),
}

impl TryFrom<String> for Setting {
    type Error = String;
    fn try_from(path: String) -> Result<Setting, String> {
        Setting::parse(&path)
    }
}

impl From<Setting> for String {
    fn from(s: Setting) -> String {
        s.path()
    }
}

impl Setting {
    /// The settings of `s` a sweep can vary, for the app's list.
    pub fn all_for(s: &Scenario) -> Vec<Setting> {
        let mut all = vec![
            Setting::HandoffScore,
            Setting::MqlScore,
            Setting::CapMaxEmails,
            Setting::CapPerDays,
            Setting::SalesTouches,
            Setting::DarkAfterDays,
            Setting::SlaHours,
            Setting::RepCapacity,
        ];
        for (w, wf) in s.workflows.iter().enumerate() {
            for (k, step) in wf.steps.iter().enumerate() {
                if matches!(step, Step::Delay { .. }) {
                    all.push(Setting::WorkflowWait { workflow: w, step: k });
                }
            }
        }
        all.extend(s.personas.iter().map(|p| Setting::PersonaOpen(p.id.clone())));
        all.extend(s.generate.iter().map(|g| Setting::GroupSize(g.persona.clone())));
        all
    }

    /// Reads a path.
    pub fn parse(path: &str) -> Result<Setting, String> {
        let path = path.trim();
        Ok(match path {
            "lifecycle.handoff_score" => Setting::HandoffScore,
            "lifecycle.mql_score" => Setting::MqlScore,
            "frequency_cap.max_emails" => Setting::CapMaxEmails,
            "frequency_cap.per_days" => Setting::CapPerDays,
            "sales_cadence.touches" => Setting::SalesTouches,
            "sales_cadence.dark_after_days" => Setting::DarkAfterDays,
            "sla.first_touch_hours" => Setting::SlaHours,
            "reps.capacity_per_week" => Setting::RepCapacity,
            _ => {
                if let Some((workflow, rest)) = index(path, "workflows[") {
                    if let Some((step, ".wait")) = index(rest, ".steps[") {
                        return Ok(Setting::WorkflowWait { workflow, step });
                    }
                } else if let Some(id) = path.strip_prefix("personas.").and_then(|r| r.strip_suffix(".open")) {
                    return Ok(Setting::PersonaOpen(id.to_string()));
                } else if let Some(id) = path.strip_prefix("generate.").and_then(|r| r.strip_suffix(".count")) {
                    return Ok(Setting::GroupSize(id.to_string()));
                }
                return Err(format!(
                    "\u{201c}{}\u{201d} is not a setting a sweep can vary (for example lifecycle.handoff_score, frequency_cap.max_emails, sales_cadence.touches, workflows[0].steps[1].wait, personas.ready_buyer.open)",
                    path.chars().take(80).collect::<String>()
                ));
            }
        })
    }

    /// The path, as files and the command line write it.
    pub fn path(&self) -> String {
        match self {
            Setting::HandoffScore => "lifecycle.handoff_score".into(),
            Setting::MqlScore => "lifecycle.mql_score".into(),
            Setting::CapMaxEmails => "frequency_cap.max_emails".into(),
            Setting::CapPerDays => "frequency_cap.per_days".into(),
            Setting::SalesTouches => "sales_cadence.touches".into(),
            Setting::DarkAfterDays => "sales_cadence.dark_after_days".into(),
            Setting::SlaHours => "sla.first_touch_hours".into(),
            Setting::RepCapacity => "reps.capacity_per_week".into(),
            Setting::WorkflowWait { workflow, step } => format!("workflows[{workflow}].steps[{step}].wait"),
            Setting::PersonaOpen(id) => format!("personas.{id}.open"),
            Setting::GroupSize(id) => format!("generate.{id}.count"),
        }
    }

    /// The setting in words, for the app and the agreement.
    pub fn label(&self, s: &Scenario) -> String {
        match self {
            Setting::HandoffScore => "Handoff score".into(),
            Setting::MqlScore => "MQL score".into(),
            Setting::CapMaxEmails => "Frequency cap: most emails".into(),
            Setting::CapPerDays => "Frequency cap: window (days)".into(),
            Setting::SalesTouches => "Sales touches".into(),
            Setting::DarkAfterDays => "Gone dark after (days)".into(),
            Setting::SlaHours => "SLA: first touch within (hours)".into(),
            Setting::RepCapacity => "Rep capacity (leads a week, every rep)".into(),
            Setting::WorkflowWait { workflow, step } => {
                let name = s.workflows.get(*workflow).map(|w| w.name.as_str()).unwrap_or("?");
                format!("Wait in \u{201c}{name}\u{201d}, step {} (days)", step + 1)
            }
            Setting::PersonaOpen(id) => {
                let name = s.personas.iter().find(|p| &p.id == id).map(|p| p.name.as_str()).unwrap_or(id);
                format!("Open chance: {name}")
            }
            Setting::GroupSize(id) => {
                let name = s.personas.iter().find(|p| &p.id == id).map(|p| p.name.as_str()).unwrap_or(id);
                format!("Generated contacts: {name}")
            }
        }
    }

    /// The usual range to sweep, from the current value: what the app fills in.
    pub fn suggested(&self, s: &Scenario) -> Option<Axis> {
        let now = self.get(s)?;
        let (from, to, step) = match self {
            Setting::PersonaOpen(_) => (0.0, 1.0, 0.1),
            Setting::HandoffScore | Setting::MqlScore => ((now - 20.0).max(0.0), now + 20.0, 5.0),
            Setting::SlaHours => (4.0, 96.0, 4.0),
            Setting::GroupSize(_) => ((now / 2.0).floor(), now * 2.0, (now / 10.0).ceil().max(1.0)),
            _ => ((now - 5.0).max(if self.min() > 0.0 { 1.0 } else { 0.0 }), now + 5.0, 1.0),
        };
        Some(Axis { setting: self.clone(), from, to, step })
    }

    /// The lowest value the setting takes.
    fn min(&self) -> f64 {
        match self {
            Setting::CapMaxEmails | Setting::CapPerDays => 1.0,
            _ => 0.0,
        }
    }

    /// Whether values are whole numbers.
    pub fn whole(&self) -> bool {
        !matches!(self, Setting::PersonaOpen(_))
    }

    /// The current value in `s` (`None`: the scenario has no such thing).
    pub fn get(&self, s: &Scenario) -> Option<f64> {
        Some(match self {
            Setting::HandoffScore => s.lifecycle.handoff_score as f64,
            Setting::MqlScore => s.lifecycle.mql_score as f64,
            Setting::CapMaxEmails => s.frequency_cap.as_ref().map_or(0.0, |c| c.max_emails as f64),
            Setting::CapPerDays => s.frequency_cap.as_ref().map_or(0.0, |c| c.per_days as f64),
            Setting::SalesTouches => s.sales_cadence.touches.len() as f64,
            Setting::DarkAfterDays => s.sales_cadence.dark_after_days as f64,
            Setting::SlaHours => s.sla.first_touch_hours as f64,
            Setting::RepCapacity => s.reps.first()?.capacity_per_week as f64,
            Setting::WorkflowWait { workflow, step } => match s.workflows.get(*workflow)?.steps.get(*step)? {
                Step::Delay { wait, .. } => wait.days as f64 + wait.hours as f64 / 24.0 + wait.minutes as f64 / 1440.0,
                _ => return None,
            },
            Setting::PersonaOpen(id) => s.personas.iter().find(|p| &p.id == id)?.automated.open,
            Setting::GroupSize(id) => s.generate.iter().find(|g| &g.persona == id)?.count as f64,
        })
    }

    /// Sets the value in `s`, as an edit would. A cap setting on a scenario without a cap
    /// adds one (3 emails in 7 days, marketing email counted, over-cap emails skipped);
    /// more sales touches than the cadence has repeat its last touch 3 days apart.
    pub fn set(&self, s: &mut Scenario, value: f64) -> Result<(), String> {
        if !value.is_finite() {
            return Err("the value must be a number".into());
        }
        let whole = value.round().clamp(self.min(), 1_000_000.0) as u32;
        let missing = || format!("the scenario has no {}", self.path());
        match self {
            Setting::HandoffScore => s.lifecycle.handoff_score = whole as i32,
            Setting::MqlScore => s.lifecycle.mql_score = whole as i32,
            Setting::CapMaxEmails | Setting::CapPerDays => {
                let cap = s.frequency_cap.get_or_insert_with(|| FrequencyCap {
                    max_emails: 3,
                    per_days: 7,
                    counts: vec![EmailKind::Automated, EmailKind::Mass],
                    over_cap: OverCap::Skip,
                    priority: default_priority(),
                });
                if *self == Setting::CapMaxEmails {
                    cap.max_emails = whole;
                } else {
                    cap.per_days = whole;
                }
            }
            Setting::SalesTouches => {
                let touches = &mut s.sales_cadence.touches;
                let n = (whole as usize).min(250);
                touches.truncate(n);
                while touches.len() < n {
                    let last = touches.last().cloned();
                    let k = touches.len() + 1;
                    touches.push(match last {
                        Some(t) => Touch { day: t.day + 3, channel: t.channel, name: format!("Touch {k}") },
                        None => Touch { day: 0, channel: super::scenario::TouchChannel::Email, name: format!("Touch {k}") },
                    });
                }
            }
            Setting::DarkAfterDays => s.sales_cadence.dark_after_days = whole,
            Setting::SlaHours => s.sla.first_touch_hours = whole,
            Setting::RepCapacity => s.reps.iter_mut().for_each(|r| r.capacity_per_week = whole),
            Setting::WorkflowWait { workflow, step } => match s.workflows.get_mut(*workflow).and_then(|w| w.steps.get_mut(*step)) {
                Some(Step::Delay { wait, .. }) => {
                    let minutes = (value.max(0.0) * 1440.0).round() as u32;
                    *wait = super::scenario::Duration { days: minutes / 1440, hours: minutes % 1440 / 60, minutes: minutes % 60 };
                }
                _ => return Err(missing()),
            },
            Setting::PersonaOpen(id) => {
                let p = s.personas.iter_mut().find(|p| &p.id == id).ok_or_else(missing)?;
                p.automated.open = value.clamp(0.0, 1.0);
                p.mass.open = value.clamp(0.0, 1.0);
            }
            Setting::GroupSize(id) => s.generate.iter_mut().find(|g| &g.persona == id).ok_or_else(missing)?.count = whole,
        }
        Ok(())
    }
}

/// `t` after `pre`: the number up to `]` and the rest.
fn index<'t>(t: &'t str, pre: &str) -> Option<(usize, &'t str)> {
    let (n, rest) = t.strip_prefix(pre)?.split_once(']')?;
    Some((n.parse().ok()?, rest))
}

/// One setting over a range: from, to (included) and the step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Axis {
    pub setting: Setting,
    pub from: f64,
    pub to: f64,
    pub step: f64,
}

/// The most values one axis may have, and cells a sweep may have.
pub const MAX_VALUES: usize = 201;
pub const MAX_CELLS: usize = 2_500;

impl Axis {
    /// Reads the command line's `PATH=FROM..TO:STEP` (`:STEP` may be left out: 1).
    pub fn parse(text: &str) -> Result<Axis, String> {
        let (path, range) =
            text.split_once('=').ok_or_else(|| format!("\u{201c}{text}\u{201d}: write SETTING=FROM..TO:STEP, such as lifecycle.handoff_score=60..100:5"))?;
        let setting = Setting::parse(path)?;
        let (span, step) = range.split_once(':').unwrap_or((range, "1"));
        let (from, to) = span.split_once("..").ok_or_else(|| format!("\u{201c}{range}\u{201d}: write the range as FROM..TO:STEP, such as 60..100:5"))?;
        let num = |t: &str| t.trim().parse::<f64>().map_err(|_| format!("\u{201c}{}\u{201d} is not a number", t.trim()));
        let axis = Axis { setting, from: num(from)?, to: num(to)?, step: num(step)? };
        axis.check()?;
        Ok(axis)
    }

    /// What is wrong with the range, if anything.
    pub fn check(&self) -> Result<(), String> {
        let (from, to, step) = (self.from, self.to, self.step);
        if !(from.is_finite() && to.is_finite() && step.is_finite()) {
            return Err("the range needs numbers".into());
        }
        if step <= 0.0 {
            return Err("the step must be above 0".into());
        }
        if to < from {
            return Err(format!("the range runs from {from} up to {to}: the end must not be below the start"));
        }
        let n = ((to - from) / step).floor() + 1.0;
        if n > MAX_VALUES as f64 {
            return Err(format!("{n} values: at most {MAX_VALUES} (use a larger step)"));
        }
        Ok(())
    }

    /// The values, from `from` to `to` in steps (whole numbers for whole settings).
    pub fn values(&self) -> Vec<f64> {
        if self.check().is_err() {
            return Vec::new();
        }
        let n = ((self.to - self.from) / self.step + 1e-9).floor() as usize + 1;
        let mut v: Vec<f64> =
            (0..n).map(|i| self.from + i as f64 * self.step).map(|x| if self.setting.whole() { x.round() } else { (x * 1e6).round() / 1e6 }).collect();
        v.dedup();
        v
    }
}

/// What the agreement needs of one figure: at least, at most, or both (equal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub figure: Figure,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
}

impl Goal {
    /// Reads the command line's `FIGURE>=N`, `FIGURE<=N` or `FIGURE=N`.
    pub fn parse(text: &str) -> Result<Goal, String> {
        let (name, op, value) = [">=", "<=", "="]
            .iter()
            .find_map(|op| text.split_once(op).map(|(a, b)| (a.trim(), *op, b.trim())))
            .ok_or_else(|| format!("\u{201c}{text}\u{201d}: write a goal as FIGURE>=N, FIGURE<=N or FIGURE=N, such as sla_breaches<=5"))?;
        let figure: Figure = serde_json::from_value(serde_json::Value::String(name.to_string()))
            .map_err(|_| format!("\u{201c}{name}\u{201d} is not a figure (such as mqls_per_month, sla_breaches, same_day_conflicts, over_comfort_limit)"))?;
        let n: f64 = value.parse().ok().filter(|v: &f64| v.is_finite()).ok_or_else(|| format!("\u{201c}{value}\u{201d} is not a number"))?;
        Ok(match op {
            ">=" => Goal { figure, at_least: Some(n), at_most: None },
            "<=" => Goal { figure, at_least: None, at_most: Some(n) },
            _ => Goal { figure, at_least: Some(n), at_most: Some(n) },
        })
    }

    /// Whether a value meets the goal.
    pub fn met_by(&self, value: f64) -> bool {
        self.at_least.is_none_or(|lo| value >= lo - 1e-9) && self.at_most.is_none_or(|hi| value <= hi + 1e-9)
    }

    /// The goal in words: "SLA breaches ≤ 5".
    pub fn describe(&self) -> String {
        let n = |v: f64| if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v}") };
        let name = self.figure.label();
        match (self.at_least, self.at_most) {
            (Some(a), Some(b)) if a == b => format!("{name} = {}", n(a)),
            (Some(a), Some(b)) => format!("{name} from {} to {}", n(a), n(b)),
            (Some(a), None) => format!("{name} \u{2265} {}", n(a)),
            (None, Some(b)) => format!("{name} \u{2264} {}", n(b)),
            (None, None) => name.to_string(),
        }
    }
}

/// A sweep as saved with the scenario: one or two settings, seeds per value, the goals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WhatIf {
    /// One setting draws lines; two draw a grid.
    pub axes: Vec<Axis>,
    /// Seeds simulated per value (1 to 20).
    #[serde(default = "one")]
    pub runs: u32,
    /// What the agreement needs; the values meeting all of them are marked.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// The figure drawn (the table shows every figure).
    #[serde(default = "default_figure")]
    pub figure: Figure,
}

fn one() -> u32 {
    1
}

fn default_figure() -> Figure {
    Figure::SlaBreaches
}

impl WhatIf {
    /// Every problem, one line each (`None`: fine to run).
    pub fn problems(&self, s: &Scenario) -> Vec<String> {
        let mut lines = Vec::new();
        if self.axes.is_empty() || self.axes.len() > 2 {
            lines.push("a sweep varies one setting or two".to_string());
        }
        for (i, a) in self.axes.iter().enumerate() {
            if let Err(e) = a.check() {
                lines.push(format!("axes[{i}]: {e}"));
            }
            if a.setting.get(s).is_none() {
                lines.push(format!("axes[{i}]: the scenario has no {}", a.setting.path()));
            }
        }
        if !(1..=20).contains(&self.runs) {
            lines.push("runs: from 1 to 20 seeds".into());
        }
        if self.cells() > MAX_CELLS {
            lines.push(format!("{} combinations: at most {MAX_CELLS} (use larger steps)", self.cells()));
        }
        lines
    }

    /// How many values (or pairs of values) the sweep simulates.
    pub fn cells(&self) -> usize {
        self.axes.iter().map(|a| a.values().len()).product::<usize>()
    }

    /// The values of every cell: one per value, or one per pair (first axis slowest).
    pub fn grid(&self) -> Vec<Vec<f64>> {
        let mut cells: Vec<Vec<f64>> = vec![Vec::new()];
        for a in &self.axes {
            cells = cells.into_iter().flat_map(|c| a.values().into_iter().map(move |v| [c.clone(), vec![v]].concat())).collect();
        }
        cells
    }
}

/// One cell of a sweep: the values, and every option's figures over the runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub values: Vec<f64>,
    pub options: Vec<OptionSummary>,
}

impl Cell {
    /// Whether `option` meets every goal here (the mean over the runs).
    pub fn meets(&self, option: HandoffOption, goals: &[Goal]) -> bool {
        self.options.iter().find(|o| o.option == option).is_some_and(|o| goals.iter().all(|g| g.met_by(o.value(g.figure))))
    }
}

/// Simulates one cell: the scenario with these values, every option, `runs` seeds from `seed`.
pub fn run_cell(s: &Scenario, w: &WhatIf, values: &[f64], seed: u64) -> Result<Cell, String> {
    let mut t = s.clone();
    for (a, v) in w.axes.iter().zip(values) {
        a.setting.set(&mut t, *v)?;
    }
    let problems = super::validate(&t);
    if let Some(p) = problems.first() {
        return Err(format!("with {}: {p}", values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")));
    }
    if let Some(why) = super::budget::too_large(&t) {
        return Err(why);
    }
    Ok(Cell { values: values.to_vec(), options: compare(&t, &HandoffOption::ALL, seed, w.runs) })
}

/// Runs a whole sweep.
pub fn sweep(s: &Scenario, w: &WhatIf, seed: u64) -> Result<Vec<Cell>, String> {
    if let Some(p) = w.problems(s).first() {
        return Err(p.clone());
    }
    w.grid().iter().map(|v| run_cell(s, w, v, seed)).collect()
}

/// Writes a sweep as CSV, as `baton sweep` and the app's download give it: the setting
/// columns, `option`, every figure as `NAME,NAME_p10,NAME_p90`, and `meets_goals` (empty
/// without goals).
pub fn write_csv(w: &WhatIf, cells: &[Cell], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut header: Vec<String> = w.axes.iter().map(|a| a.setting.path()).collect();
    header.push("option".into());
    for f in Figure::ALL {
        let name = f.code();
        header.extend([name.clone(), format!("{name}_p10"), format!("{name}_p90")]);
    }
    header.push("meets_goals".into());
    writeln!(out, "{}", header.join(","))?;
    for c in cells {
        for o in &c.options {
            let mut row: Vec<String> = c.values.iter().map(|v| v.to_string()).collect();
            row.push(o.option.code().to_string());
            for f in Figure::ALL {
                let sp = o.spread_of(f);
                row.extend([o.value(f), sp.map_or(0.0, |x| x.p10), sp.map_or(0.0, |x| x.p90)].iter().map(|v| v.to_string()));
            }
            row.push(if w.goals.is_empty() { String::new() } else { c.meets(o.option, &w.goals).to_string() });
            writeln!(out, "{}", row.join(","))?;
        }
    }
    Ok(())
}

/// The cell nearest the scenario's current values (counted in steps of each axis) that
/// meets every goal under `option`, or `None` if none does.
pub fn nearest_meeting<'c>(cells: &'c [Cell], s: &Scenario, w: &WhatIf, option: HandoffOption) -> Option<&'c Cell> {
    let current: Vec<f64> = w.axes.iter().map(|a| a.setting.get(s).unwrap_or(a.from)).collect();
    let distance = |c: &Cell| -> f64 { c.values.iter().zip(&current).zip(&w.axes).map(|((v, now), a)| ((v - now) / a.step).abs()).sum() };
    cells.iter().filter(|c| c.meets(option, &w.goals)).min_by(|a, b| distance(a).total_cmp(&distance(b)))
}
