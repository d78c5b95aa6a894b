//! Figures: the numbers a workshop compares — emails by kind and status, conflicts,
//! over-emailing, SLA breaches, the funnel — for one outcome, for several options side by
//! side, and over several seeds with their spread.

use serde::Serialize;

use super::calendar::DAY;
use super::outcome::{Outcome, Reason, What};
use super::scenario::{EmailKind, HandoffOption, Scenario, Stage};

/// Sent and held-back counts for one kind of email.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct KindCounts {
    pub sent: u64,
    pub suppressed: u64,
}

/// The figures of one outcome.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
        Reason::CustomPolicy => "custom agreement".into(),
        Reason::WorkflowSuppression => "workflow suppression list".into(),
        Reason::FrequencyCap => format!("frequency cap {}", o.cap_words),
        Reason::ExcludedByRep => "excluded by the rep".into(),
        Reason::Unsubscribed => "unsubscribed".into(),
        Reason::Bounced => "address bounced".into(),
        Reason::DarkSuppression => "gone-dark suppression list".into(),
        Reason::SalesStage => format!("universal suppression list by stage ({})", o.option.short().to_lowercase()),
        Reason::AlreadyReceived => "already received".into(),
        other => format!("{other:?}"),
    }
}

/// The scalar figures compared across options and seeds, with their names.
pub fn headline(f: &Figures) -> Vec<(&'static str, f64)> {
    vec![
        ("Automated sent", f.automated.sent as f64),
        ("Automated held back", f.automated.suppressed as f64),
        ("Mass sent", f.mass.sent as f64),
        ("Mass held back", f.mass.suppressed as f64),
        ("Sales sent", f.sales.sent as f64),
        ("Sales held back", f.sales.suppressed as f64),
        ("Same-day conflicts", f.conflicts as f64),
        ("Most emails to one contact in 7 days", f.max_emails_in_7_days as f64),
        ("Contacts over the comfort limit", f.contacts_over_comfort_limit as f64),
        ("Handoffs", f.handoffs as f64),
        ("SLA breaches", f.sla_breaches as f64),
        ("Unsubscribes", f.unsubscribes as f64),
        ("Recycled to marketing", f.recycled as f64),
        ("Won", f.won as f64),
        ("Leaks", f.leaks as f64),
    ]
}

/// One figure over several runs: mean and the 10th and 90th percentiles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    pub name: String,
    pub mean: f64,
    pub p10: f64,
    pub p90: f64,
}

/// The figures of one option: its first run in full, and the spread over all runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionSummary {
    pub option: HandoffOption,
    pub figures: Figures,
    pub spread: Vec<Spread>,
    pub runs: u32,
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
    let heads: Vec<Vec<(&str, f64)>> = runs.iter().map(headline).collect();
    let names: Vec<&str> = heads.first().map(|h| h.iter().map(|(n, _)| *n).collect()).unwrap_or_default();
    let spread = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut v: Vec<f64> = heads.iter().map(|h| h[i].1).collect();
            v.sort_by(|a, b| a.total_cmp(b));
            let mean = v.iter().sum::<f64>() / v.len().max(1) as f64;
            Spread { name: name.to_string(), mean, p10: percentile(&v, 10.0), p90: percentile(&v, 90.0) }
        })
        .collect();
    OptionSummary { option, figures: runs.first().cloned().unwrap_or_default(), spread, runs: runs.len() as u32 }
}

/// Simulates every option on the same population and seeds, side by side.
pub fn compare(s: &Scenario, options: &[HandoffOption], seed: u64, runs: u32) -> Vec<OptionSummary> {
    options
        .iter()
        .map(|&option| {
            let figs: Vec<Figures> = (0..runs.max(1) as u64)
                .map(|k| figures(&super::simulate::simulate(s, option, seed.wrapping_add(k))))
                .collect();
            summarise(option, &figs)
        })
        .collect()
}
