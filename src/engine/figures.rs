//! Figures: the numbers a workshop compares — emails by kind and status, conflicts,
//! over-emailing, SLA breaches, the funnel — for one outcome, for several options side by
//! side, and over several seeds with their spread.

use serde::Serialize;

use super::calendar::DAY;
use super::outcome::{Outcome, Reason, What};
use super::population::Population;
use super::scenario::{EmailKind, HandoffOption, Scenario, Stage};
use super::simulate::Simulation;

/// Sent and held-back counts for one kind of email.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct KindCounts {
    pub sent: u64,
    pub suppressed: u64,
}

/// The figures of one outcome.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Figures {
    pub contacts: u64,
    pub automated: KindCounts,
    pub mass: KindCounts,
    pub sales: KindCounts,
    /// Held-back emails per reason, in words, most first.
    pub suppressed_by_reason: Vec<(String, u64)>,
    /// Emails sent later than due (business hours, pause dates, the cap).
    pub delayed: u64,
    /// Contact-days with a marketing and a sales email.
    pub conflicts: u64,
    /// Contacts who had at least one conflict.
    pub contacts_with_conflicts: u64,
    /// The most emails one contact received in any 7 days.
    pub max_emails_in_7_days: u64,
    /// Contacts who went over the comfort limit at least once.
    pub contacts_over_comfort_limit: u64,
    pub handoffs: u64,
    /// Mean hours from handoff to the first sales touch.
    pub mean_first_touch_hours: f64,
    pub sla_breaches: u64,
    pub waited_for_rep: u64,
    pub unsubscribes: u64,
    pub bounces: u64,
    pub recycled: u64,
    pub gone_dark: u64,
    pub meetings: u64,
    pub won: u64,
    pub lost: u64,
    /// Marketing emails that reached a person sales was working through a known leak.
    pub leaks: u64,
    /// MQLs per calendar month: (month "2026-03", count).
    pub mqls_per_month: Vec<(String, u64)>,
    /// Contacts at each stage at the end of each week: `[week][stage]`.
    pub stages_per_week: Vec<[u64; 8]>,
}

impl Figures {
    /// Counts for one kind.
    pub fn kind(&self, k: EmailKind) -> KindCounts {
        match k {
            EmailKind::Automated => self.automated,
            EmailKind::Mass => self.mass,
            EmailKind::Sales => self.sales,
        }
    }

    /// Emails sent, all kinds.
    pub fn sent(&self) -> u64 {
        self.automated.sent + self.mass.sent + self.sales.sent
    }

    /// Emails held back, all kinds.
    pub fn suppressed(&self) -> u64 {
        self.automated.suppressed + self.mass.suppressed + self.sales.suppressed
    }
}

/// Computes the figures of an outcome.
pub fn figures(o: &Outcome) -> Figures {
    let mut f = Figures { contacts: o.items.len() as u64, ..Figures::default() };
    let mut reasons: Vec<(Reason, u64)> = Vec::new();
    let weeks = o.clock.week(o.clock.end.saturating_sub(1)) + 1;
    let mut stage_weeks = vec![[0u64; 8]; weeks];
    let months = o.clock.month(o.clock.end.saturating_sub(1)) + 1;
    let mut mqls = vec![0u64; months];
    let mut touch_hours = 0f64;
    let mut touches = 0u64;
    let mut window: Vec<u32> = Vec::new();
    for c in 0..o.items.len() {
        let items = o.items.contact(c);
        let mut had_conflict = false;
        let mut had_burst = false;
        window.clear();
        let mut stage: Option<Stage> = None;
        let mut week = 0usize;
        for it in items {
            // Stage at the end of each week: fill the weeks that ended before this item.
            while week < weeks && it.at >= ((week as u32) + 1) * 7 * DAY {
                if let Some(s) = stage {
                    stage_weeks[week][s as usize] += 1;
                }
                week += 1;
            }
            stage = Some(it.stage());
            match it.what {
                What::EmailSent | What::EmailSuppressed => {
                    let kind = o.emails.get(it.label as usize).map(|e| e.kind).unwrap_or(EmailKind::Automated);
                    let counts = match kind {
                        EmailKind::Automated => &mut f.automated,
                        EmailKind::Mass => &mut f.mass,
                        EmailKind::Sales => &mut f.sales,
                    };
                    if it.what == What::EmailSent {
                        counts.sent += 1;
                        if matches!(it.reason, Reason::DelayedByCap | Reason::MovedToBusinessHours | Reason::MovedPastPauseDate) {
                            f.delayed += 1;
                        }
                        if matches!(it.reason, Reason::LeakDuplicate | Reason::LeakUnmarkedEventLead) {
                            f.leaks += 1;
                        }
                        window.push(it.at);
                        let start = window.partition_point(|&x| x + 7 * DAY <= it.at);
                        f.max_emails_in_7_days = f.max_emails_in_7_days.max((window.len() - start) as u64);
                    } else {
                        counts.suppressed += 1;
                        match reasons.iter_mut().find(|(r, _)| *r == it.reason) {
                            Some((_, n)) => *n += 1,
                            None => reasons.push((it.reason, 1)),
                        }
                    }
                }
                What::Conflict => {
                    f.conflicts += 1;
                    had_conflict = true;
                }
                What::OverComfortLimit => had_burst = true,
                What::HandedOff => f.handoffs += 1,
                What::FirstTouch => {
                    touches += 1;
                    touch_hours += it.value as f64;
                }
                What::SlaBreached => f.sla_breaches += 1,
                What::WaitingForRep => f.waited_for_rep += 1,
                What::Unsubscribed => f.unsubscribes += 1,
                What::Bounced => f.bounces += 1,
                What::Recycled => f.recycled += 1,
                What::GoneDark => f.gone_dark += 1,
                What::MeetingBooked => f.meetings += 1,
                What::Won => f.won += 1,
                What::Lost => f.lost += 1,
                What::StageChanged if it.stage() == Stage::Mql => {
                    mqls[o.clock.month(it.at).min(months - 1)] += 1;
                }
                _ => {}
            }
        }
        while week < weeks {
            if let Some(s) = stage {
                stage_weeks[week][s as usize] += 1;
            }
            week += 1;
        }
        f.contacts_with_conflicts += had_conflict as u64;
        f.contacts_over_comfort_limit += had_burst as u64;
    }
    f.mean_first_touch_hours = if touches == 0 { 0.0 } else { touch_hours / touches as f64 };
    reasons.sort_by_key(|r| std::cmp::Reverse(r.1));
    f.suppressed_by_reason = reasons.into_iter().map(|(r, n)| (reason_label(r, o), n)).collect();
    f.mqls_per_month = mqls.into_iter().enumerate().map(|(m, n)| (o.clock.month_label(m), n)).collect();
    f.stages_per_week = stage_weeks;
    f
}

/// A reason in a few words, for tables.
pub fn reason_label(r: Reason, o: &Outcome) -> String {
    match r {
        Reason::UniversalSuppression => format!("universal suppression list ({})", o.option.short().to_lowercase()),
        Reason::SalesStage => format!("universal suppression list by stage ({})", o.option.short().to_lowercase()),
        Reason::CustomPolicy => "custom agreement".into(),
        Reason::WorkflowSuppression => "workflow suppression list".into(),
        Reason::FrequencyCap => format!("frequency cap {}", o.cap_words),
        Reason::ExcludedByRep => "excluded by the rep".into(),
        Reason::Unsubscribed => "unsubscribed".into(),
        Reason::Bounced => "address bounced".into(),
        Reason::DarkSuppression => "gone-dark suppression list".into(),
        Reason::AlreadyReceived => "already received".into(),
        Reason::DelayedByCap => "delayed by the frequency cap".into(),
        Reason::MovedToBusinessHours => "moved to business hours".into(),
        Reason::MovedPastPauseDate => "moved past a pause date".into(),
        Reason::LeakDuplicate => "leak: second address".into(),
        Reason::LeakUnmarkedEventLead => "leak: unmarked event lead".into(),
        Reason::ExitCriteria => "exit criteria".into(),
        Reason::ReturnedToMarketing => "returned to marketing".into(),
        Reason::None => String::new(),
    }
}

/// Which way a figure should move for the agreement to be better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    LowerIsBetter,
    HigherIsBetter,
    /// Neither: more or fewer is not better in itself (emails sent, handoffs).
    Neutral,
}

/// A figure compared across options and seeds. Figures travel as these values, never as
/// their English names; [`Figure::label`] and [`Figure::definition`] make the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    AutomatedSent,
    AutomatedHeldBack,
    MassSent,
    MassHeldBack,
    SalesSent,
    SalesHeldBack,
    SameDayConflicts,
    MostEmailsIn7Days,
    OverComfortLimit,
    Handoffs,
    SlaBreaches,
    Unsubscribes,
    Recycled,
    Won,
    Leaks,
    MqlsPerMonth,
}

impl Figure {
    /// Every figure, in the order tables show them.
    pub const ALL: [Figure; 16] = [
        Figure::AutomatedSent,
        Figure::AutomatedHeldBack,
        Figure::MassSent,
        Figure::MassHeldBack,
        Figure::SalesSent,
        Figure::SalesHeldBack,
        Figure::SameDayConflicts,
        Figure::MostEmailsIn7Days,
        Figure::OverComfortLimit,
        Figure::Handoffs,
        Figure::SlaBreaches,
        Figure::Unsubscribes,
        Figure::Recycled,
        Figure::Won,
        Figure::Leaks,
        Figure::MqlsPerMonth,
    ];

    /// The figure's name in files and on the command line: `sla_breaches`.
    pub fn code(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }

    /// The name on screen.
    pub fn label(self) -> &'static str {
        match self {
            Figure::AutomatedSent => "Automated sent",
            Figure::AutomatedHeldBack => "Automated held back",
            Figure::MassSent => "Mass sent",
            Figure::MassHeldBack => "Mass held back",
            Figure::SalesSent => "Sales sent",
            Figure::SalesHeldBack => "Sales held back",
            Figure::SameDayConflicts => "Same-day conflicts",
            Figure::MostEmailsIn7Days => "Most emails to one contact in 7 days",
            Figure::OverComfortLimit => "Contacts over the comfort limit",
            Figure::Handoffs => "Handoffs",
            Figure::SlaBreaches => "SLA breaches",
            Figure::Unsubscribes => "Unsubscribes",
            Figure::Recycled => "Recycled to marketing",
            Figure::Won => "Won",
            Figure::Leaks => "Leaks",
            Figure::MqlsPerMonth => "MQLs per month",
        }
    }

    /// What the figure counts, in a sentence a marketer understands.
    pub fn definition(self) -> &'static str {
        match self {
            Figure::AutomatedSent => "Workflow emails that reached a contact.",
            Figure::AutomatedHeldBack => "Workflow emails that were due but held back (by the agreement, the cap, an unsubscribe or a suppression list).",
            Figure::MassSent => "Mass-send emails that reached a contact.",
            Figure::MassHeldBack => "Mass-send emails that were due but held back.",
            Figure::SalesSent => "Reps' one-to-one emails that reached a lead.",
            Figure::SalesHeldBack => "Reps' one-to-one emails held back (by the cap or an unsubscribe).",
            Figure::SameDayConflicts => "Days on which one person got both a marketing and a sales email, in their own time zone, across both their addresses.",
            Figure::MostEmailsIn7Days => "The most emails any one contact received in any 7 days in a row.",
            Figure::OverComfortLimit => "Contacts who got more emails in 7 days than the comfort limit at least once.",
            Figure::Handoffs => "Times sales took a lead over.",
            Figure::SlaBreaches => "Handoffs with no first sales touch within the SLA's hours.",
            Figure::Unsubscribes => "Contacts who unsubscribed from marketing email.",
            Figure::Recycled => "Times sales passed a lead back to marketing (gone dark, bad timing, unqualified, lost, released).",
            Figure::Won => "Deals won.",
            Figure::Leaks => "Marketing emails that reached someone sales was working, through a known gap in the suppression list (a second address, an event lead never marked).",
            Figure::MqlsPerMonth => "Contacts who became marketing-qualified, per calendar month of the plan on average (the agreement's promise is per month).",
        }
    }

    /// Which way is better.
    pub fn direction(self) -> Direction {
        match self {
            Figure::AutomatedSent
            | Figure::MassSent
            | Figure::SalesSent
            | Figure::Handoffs
            | Figure::AutomatedHeldBack
            | Figure::MassHeldBack
            | Figure::MqlsPerMonth => Direction::Neutral,
            Figure::SalesHeldBack
            | Figure::SameDayConflicts
            | Figure::MostEmailsIn7Days
            | Figure::OverComfortLimit
            | Figure::SlaBreaches
            | Figure::Unsubscribes
            | Figure::Recycled
            | Figure::Leaks => Direction::LowerIsBetter,
            Figure::Won => Direction::HigherIsBetter,
        }
    }

    /// Whether the figure means anything under `option`: nothing can leak through a
    /// suppression list that holds nothing back.
    pub fn applies_to(self, option: HandoffOption) -> bool {
        match self {
            Figure::Leaks => option.holds_back_marketing(),
            _ => true,
        }
    }

    /// The figure's value in one outcome's figures.
    pub fn of(self, f: &Figures) -> f64 {
        if self == Figure::MqlsPerMonth {
            let total: u64 = f.mqls_per_month.iter().map(|m| m.1).sum();
            return (total as f64 / f.mqls_per_month.len().max(1) as f64 * 10.0).round() / 10.0;
        }
        (match self {
            Figure::AutomatedSent => f.automated.sent,
            Figure::AutomatedHeldBack => f.automated.suppressed,
            Figure::MassSent => f.mass.sent,
            Figure::MassHeldBack => f.mass.suppressed,
            Figure::SalesSent => f.sales.sent,
            Figure::SalesHeldBack => f.sales.suppressed,
            Figure::SameDayConflicts => f.conflicts,
            Figure::MostEmailsIn7Days => f.max_emails_in_7_days,
            Figure::OverComfortLimit => f.contacts_over_comfort_limit,
            Figure::Handoffs => f.handoffs,
            Figure::SlaBreaches => f.sla_breaches,
            Figure::Unsubscribes => f.unsubscribes,
            Figure::Recycled => f.recycled,
            Figure::Won => f.won,
            Figure::Leaks => f.leaks,
            Figure::MqlsPerMonth => 0,
        }) as f64
    }
}

/// How a change in a figure reads for the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Judgement {
    Better,
    Worse,
    /// No change.
    Same,
    /// A change in a figure with no better direction (emails sent, handoffs).
    Changed,
}

impl Judgement {
    /// The word used in class names and in the JSON: "better", "worse", "same", "changed".
    pub fn word(self) -> &'static str {
        match self {
            Judgement::Better => "better",
            Judgement::Worse => "worse",
            Judgement::Same => "same",
            Judgement::Changed => "changed",
        }
    }
}

/// The figures a workshop reads first, in the order the verdict weighs them: what the
/// lead feels (conflicts, unsubscribes, crowded weeks), then what sales delivers.
pub const KEY_FIGURES: [Figure; 6] =
    [Figure::SameDayConflicts, Figure::Unsubscribes, Figure::Won, Figure::SlaBreaches, Figure::MostEmailsIn7Days, Figure::Leaks];

/// Figures weighed by the verdict, most important first (every figure with a better direction).
const VERDICT_ORDER: [Figure; 9] = [
    Figure::SameDayConflicts,
    Figure::Unsubscribes,
    Figure::Won,
    Figure::SlaBreaches,
    Figure::OverComfortLimit,
    Figure::MostEmailsIn7Days,
    Figure::Leaks,
    Figure::Recycled,
    Figure::SalesHeldBack,
];

impl Figure {
    /// Whether going from `before` to `after` is better, worse or neither for the agreement.
    pub fn judge(self, before: f64, after: f64) -> Judgement {
        if (after - before).abs() < 1e-9 {
            return Judgement::Same;
        }
        match (self.direction(), after < before) {
            (Direction::Neutral, _) => Judgement::Changed,
            (Direction::LowerIsBetter, true) | (Direction::HigherIsBetter, false) => Judgement::Better,
            _ => Judgement::Worse,
        }
    }

    /// What the figure counts, as a noun after a number: (one, many).
    fn noun(self) -> (&'static str, &'static str) {
        match self {
            Figure::AutomatedSent => ("automated email sent", "automated emails sent"),
            Figure::AutomatedHeldBack => ("automated email held back", "automated emails held back"),
            Figure::MassSent => ("mass email sent", "mass emails sent"),
            Figure::MassHeldBack => ("mass email held back", "mass emails held back"),
            Figure::SalesSent => ("sales email sent", "sales emails sent"),
            Figure::SalesHeldBack => ("sales email held back", "sales emails held back"),
            Figure::SameDayConflicts => ("same-day conflict", "same-day conflicts"),
            Figure::MostEmailsIn7Days => ("email in the busiest 7 days", "emails in the busiest 7 days"),
            Figure::OverComfortLimit => ("contact over the comfort limit", "contacts over the comfort limit"),
            Figure::Handoffs => ("handoff", "handoffs"),
            Figure::SlaBreaches => ("SLA breach", "SLA breaches"),
            Figure::Unsubscribes => ("unsubscribe", "unsubscribes"),
            Figure::Recycled => ("lead recycled to marketing", "leads recycled to marketing"),
            Figure::Won => ("deal won", "deals won"),
            Figure::Leaks => ("leak", "leaks"),
            Figure::MqlsPerMonth => ("MQL per month", "MQLs per month"),
        }
    }

    /// A difference in words: "6 fewer same-day conflicts", "1 more deal won".
    pub fn difference_words(self, before: f64, after: f64) -> String {
        let d = after - before;
        let size = d.abs();
        let (one, many) = self.noun();
        let noun = if (size - 1.0).abs() < 1e-9 { one } else { many };
        let more = if d > 0.0 { "more" } else { "fewer" };
        format!("{} {more} {noun}", number(size))
    }
}

/// A number as the tables show it: whole numbers plainly, others to one decimal.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A change as a signed number: "+3", "−2.5" (a true minus sign), "±0".
pub fn signed(delta: f64) -> String {
    if delta.abs() < 1e-9 {
        "±0".into()
    } else if delta > 0.0 {
        format!("+{}", number(delta))
    } else {
        format!("\u{2212}{}", number(-delta))
    }
}

/// The chosen option against another, in plain words: the figures with a better direction
/// where they differ, most important first, at most `limit` of them, with which way each
/// went. Figures that cannot apply to either option (leaks where nothing is held back) are
/// left out. "Option 1 against option 2: 6 fewer same-day conflicts, 1 fewer unsubscribe,
/// 4 fewer deals won."
pub fn verdict(chosen: &OptionSummary, other: &OptionSummary, limit: usize) -> Verdict {
    let mut points = Vec::new();
    for figure in VERDICT_ORDER {
        if !figure.applies_to(chosen.option) || !figure.applies_to(other.option) {
            continue;
        }
        let (theirs, ours) = (other.value(figure), chosen.value(figure));
        let judgement = figure.judge(theirs, ours);
        if judgement != Judgement::Same {
            points.push(Point { figure, judgement, words: figure.difference_words(theirs, ours) });
        }
    }
    let better = points.iter().filter(|p| p.judgement == Judgement::Better).count();
    let worse = points.iter().filter(|p| p.judgement == Judgement::Worse).count();
    points.truncate(limit);
    let head = format!("{} against {}", chosen.option.short(), other.option.short().to_lowercase());
    let text = if points.is_empty() {
        format!("{head}: the same on every figure where lower or higher is better.")
    } else {
        format!("{head}: {}.", points.iter().map(|p| p.words.as_str()).collect::<Vec<_>>().join(", "))
    };
    Verdict { other: other.option, better, worse, points, text }
}

/// One option against another, in words and parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// The option compared against.
    pub other: HandoffOption,
    /// Figures on which the chosen option does better, and worse (all of them, not only the shown points).
    pub better: usize,
    pub worse: usize,
    /// The differences shown, most important first.
    pub points: Vec<Point>,
    /// The whole sentence.
    pub text: String,
}

/// One difference in a verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub figure: Figure,
    pub judgement: Judgement,
    pub words: String,
}

/// One figure over several runs: mean and the 10th and 90th percentiles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    pub figure: Figure,
    /// The figure's label, for people reading the JSON.
    pub name: &'static str,
    pub mean: f64,
    pub p10: f64,
    pub p90: f64,
}

/// The figures of one option: its first run in full, and the spread over all runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionSummary {
    pub option: HandoffOption,
    pub figures: Figures,
    /// One entry per [`Figure::ALL`], in that order.
    pub spread: Vec<Spread>,
    pub runs: u32,
}

impl OptionSummary {
    /// The figure's spread over the runs.
    pub fn spread_of(&self, figure: Figure) -> Option<&Spread> {
        self.spread.iter().find(|s| s.figure == figure)
    }

    /// The figure as a table shows it: the first run's value, or the mean over several.
    pub fn value(&self, figure: Figure) -> f64 {
        match self.spread_of(figure) {
            Some(s) if self.runs > 1 => s.mean,
            _ => figure.of(&self.figures),
        }
    }
}

/// A short fingerprint of a comparison, every figure of every option: 64-bit FNV-1a of its
/// JSON in hex. Two places that simulated the same scenario (the page and its workers, the
/// browser and the command line) show they agree by showing the same fingerprint.
pub fn comparison_digest(summaries: &[OptionSummary]) -> String {
    let text = serde_json::to_string(summaries).unwrap_or_default();
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3));
    format!("{hash:016x}")
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Summarises several runs' figures (the first run is kept in full).
pub fn summarise(option: HandoffOption, runs: &[Figures]) -> OptionSummary {
    let spread = Figure::ALL
        .into_iter()
        .map(|figure| {
            let mut v: Vec<f64> = runs.iter().map(|f| figure.of(f)).collect();
            v.sort_by(|a, b| a.total_cmp(b));
            let mean = v.iter().sum::<f64>() / v.len().max(1) as f64;
            Spread { figure, name: figure.label(), mean, p10: percentile(&v, 10.0), p90: percentile(&v, 90.0) }
        })
        .collect();
    OptionSummary { option, figures: runs.first().cloned().unwrap_or_default(), spread, runs: runs.len() as u32 }
}

/// Simulates every option on the same population and seeds, side by side.
pub fn compare(s: &Scenario, options: &[HandoffOption], seed: u64, runs: u32) -> Vec<OptionSummary> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if threads > 1 && options.len() * runs.max(1) as usize > 1 {
            return compare_on_threads(s, options, seed, runs, threads);
        }
    }
    Comparison::new(s, options, seed, runs, None).finish().summaries
}

/// [`compare`] with each option and seed simulated on one of `threads` threads, a job at a
/// time. Every simulation depends only on the scenario, the option and its seed, so the
/// summaries are the same, to the bit, as one thread's.
#[cfg(not(target_arch = "wasm32"))]
pub fn compare_on_threads(s: &Scenario, options: &[HandoffOption], seed: u64, runs: u32, threads: usize) -> Vec<OptionSummary> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let runs = runs.max(1) as usize;
    let jobs = options.len() * runs;
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            if k >= jobs {
                return done;
            }
            let (option, run) = (options[k / runs], (k % runs) as u64);
            done.push((k, figures(&super::simulate::simulate(s, option, seed.wrapping_add(run)))));
        }
    };
    let mut results: Vec<Option<Figures>> = vec![None; jobs];
    let finished: Vec<Vec<(usize, Figures)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.clamp(1, jobs.max(1))).map(|_| scope.spawn(worker)).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    for (k, f) in finished.into_iter().flatten() {
        results[k] = Some(f);
    }
    options
        .iter()
        .enumerate()
        .map(|(o, &option)| {
            let runs_of: Vec<Figures> = results[o * runs..(o + 1) * runs].iter_mut().filter_map(Option::take).collect();
            summarise(option, &runs_of)
        })
        .collect()
}

/// The options whose simulations `after` leaves exactly as `before` had them, so their
/// summaries can be kept instead of simulated again. Choosing another option changes no
/// option's simulation (it only says which one is shown); the custom agreement changes the
/// custom option's only; the name, the description, the sign-off block and the saved
/// import and sweep choices change none. Any other change changes every option. The
/// fields are named one by one, so a field added to [`Scenario`] must be placed here
/// before this compiles.
pub fn unchanged_options(before: &Scenario, after: &Scenario) -> Vec<HandoffOption> {
    let Scenario {
        format_version: _,
        name: _,
        description: _,
        handoff_option: _,
        crm_import: _,
        what_if: _,
        sign_off: _,
        custom_policy,
        calendar,
        personas,
        contacts,
        generate,
        scoring,
        lifecycle,
        reps,
        routing,
        workflows,
        mass_sends,
        sales_cadence,
        exclusions,
        frequency_cap,
        sla,
        unsubscribe_stops_sales,
    } = before;
    // The small parts first: the contacts, the one part that can be long, last.
    let shared = *calendar == after.calendar
        && *scoring == after.scoring
        && *lifecycle == after.lifecycle
        && *reps == after.reps
        && *routing == after.routing
        && *sales_cadence == after.sales_cadence
        && *frequency_cap == after.frequency_cap
        && *sla == after.sla
        && *unsubscribe_stops_sales == after.unsubscribe_stops_sales
        && *personas == after.personas
        && *generate == after.generate
        && *workflows == after.workflows
        && *mass_sends == after.mass_sends
        && *exclusions == after.exclusions
        && *contacts == after.contacts;
    if !shared {
        return Vec::new();
    }
    let custom_same = *custom_policy == after.custom_policy;
    HandoffOption::ALL.into_iter().filter(|&o| o != HandoffOption::Custom || custom_same).collect()
}

/// What a comparison produced: each option's summary, and the kept option's first
/// outcome with its population, for the calendars.
pub struct Compared {
    pub summaries: Vec<OptionSummary>,
    pub kept: Option<(Outcome, Population)>,
}

impl Compared {
    /// These results with the `carried` summaries of other options (kept from an earlier
    /// comparison, see [`unchanged_options`]) added, every summary in [`HandoffOption::ALL`]'s order.
    pub fn with(mut self, carried: Vec<OptionSummary>) -> Compared {
        self.summaries.extend(carried);
        self.summaries.sort_by_key(|s| HandoffOption::ALL.iter().position(|o| *o == s.option));
        self
    }
}

/// The options of [`HandoffOption::ALL`] that `carried` has no summary of.
pub fn still_to_simulate(carried: &[OptionSummary]) -> Vec<HandoffOption> {
    HandoffOption::ALL.into_iter().filter(|o| !carried.iter().any(|c| c.option == *o)).collect()
}

/// Several options over several seeds, simulated a few contacts at a time if the caller
/// wants (the browser, between frames), or all at once. The results do not depend on how
/// the work was sliced.
pub struct Comparison<'s> {
    scenario: &'s Scenario,
    options: Vec<HandoffOption>,
    seed: u64,
    runs: u64,
    keep: Option<HandoffOption>,
    /// Which option and which run is under way.
    option: usize,
    run: u64,
    current: Option<Simulation<'s>>,
    figures: Vec<Figures>,
    summaries: Vec<OptionSummary>,
    kept: Option<(Outcome, Population)>,
    done: usize,
    total: usize,
}

impl<'s> Comparison<'s> {
    /// Prepares `options` × `runs` consecutive seeds from `seed`; the first outcome of
    /// `keep` is kept whole.
    pub fn new(s: &'s Scenario, options: &[HandoffOption], seed: u64, runs: u32, keep: Option<HandoffOption>) -> Comparison<'s> {
        let runs = runs.max(1) as u64;
        let total = (s.contact_count() as usize).saturating_mul(options.len()).saturating_mul(runs as usize);
        Comparison {
            scenario: s,
            options: options.to_vec(),
            seed,
            runs,
            keep,
            option: 0,
            run: 0,
            current: None,
            figures: Vec::new(),
            summaries: Vec::new(),
            kept: None,
            done: 0,
            total,
        }
    }

    /// Contact simulations done so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.done.min(self.total), self.total)
    }

    /// Whether every option and run is done.
    pub fn is_done(&self) -> bool {
        self.option >= self.options.len()
    }

    /// Takes the next step: starts the next simulation (placing its contacts: a step of its
    /// own for a large scenario), simulates up to `contacts` more contacts, or tots up a
    /// finished simulation (also a step of its own). Returns true when everything is done.
    pub fn advance(&mut self, contacts: usize) -> bool {
        if self.is_done() {
            return true;
        }
        let option = self.options[self.option];
        let Some(sim) = self.current.as_mut() else {
            let seed = self.seed.wrapping_add(self.run);
            self.current = Some(Simulation::new(self.scenario, option, seed));
            return false;
        };
        if !sim.is_done() {
            let before = sim.progress().0;
            sim.advance(contacts);
            self.done += sim.progress().0 - before;
            return false;
        }
        if let Some(sim) = self.current.take() {
            let (outcome, population) = sim.finish_with_population();
            self.figures.push(figures(&outcome));
            if self.run == 0 && self.keep == Some(option) {
                self.kept = Some((outcome, population));
            }
        }
        self.run += 1;
        if self.run == self.runs {
            self.summaries.push(summarise(option, &std::mem::take(&mut self.figures)));
            self.run = 0;
            self.option += 1;
        }
        self.is_done()
    }

    /// Whether the next step is one of the long ones: starting a simulation or totting one
    /// up. A caller that takes steps a slice of time at a time can start a new slice first.
    pub fn next_step_is_long(&self) -> bool {
        !self.is_done() && self.current.as_ref().is_none_or(Simulation::is_done)
    }

    /// The results; whatever is left is simulated first.
    pub fn finish(mut self) -> Compared {
        while !self.advance(usize::MAX) {}
        Compared { summaries: self.summaries, kept: self.kept }
    }
}
