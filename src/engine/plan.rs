//! The scenario compiled for speed: names become numbers, triggers become lookup lists,
//! every email gets a catalogue number. Built once per simulation; the per-contact loop
//! then touches no strings and allocates nothing.

use super::calendar::{Clock, Minute, Team, DAY};
use super::outcome::{EmailInfo, EmailSource};
use super::policy::{Hold, Standing};
use super::population::{Interner, Population};
use super::random::Odds;
use super::scenario::*;

/// A compiled workflow step.
#[derive(Debug, Clone, Copy)]
pub enum PStep {
    Email(u16),
    Delay { min: u32, max: u32 },
    DelayUntil { weekday: u32, at: u32 },
    Branch { when: BranchCondition, to: u16 },
}

/// A compiled exit or goal criterion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PExit {
    Stage(Stage),
    HandedOff,
    Form(u16),
}

/// A compiled workflow.
#[derive(Debug, Clone)]
pub struct PWorkflow {
    pub name: u16,
    pub steps: Vec<PStep>,
    pub goal: Option<PExit>,
    pub exits: Vec<PExit>,
    pub reenroll: bool,
    pub suppress_stages: u16,
    pub suppress_lists: u8,
    pub business_hours_only: bool,
    pub priority: u8,
    pub resume_after_return: bool,
    pub repeat_content: bool,
}

/// A compiled scoring rule.
#[derive(Debug, Clone, Copy)]
pub struct PRule {
    pub event: ScoredEvent,
    /// Only for this label (email catalogue index for email events, name otherwise).
    pub only: Option<u16>,
    /// A name that matches nothing in the scenario: the rule never fires.
    pub dead: bool,
    pub points: i32,
    pub cap: Option<i32>,
}

/// A compiled mass send.
#[derive(Debug, Clone)]
pub struct PMass {
    pub at: Minute,
    pub email: u16,
    pub stages: u16,
    pub personas: Vec<bool>,
    pub lists: u8,
    /// Trait conditions: for each trait, the values any one of which a contact must have.
    /// A value no contact has still counts (and matches nobody).
    pub traits: Vec<(TraitName, Vec<u16>)>,
    pub exempt: bool,
}

/// What happens at a moment that is the same for every contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Broadcast {
    /// Option 2's notice to sales before a mass send.
    Notice(u16),
    /// The mass send itself.
    Send(u16),
}

/// A persona's reactions to one kind of email, as odds ready to roll.
#[derive(Debug, Clone, Copy, Default)]
pub struct PReactions {
    pub open: Odds,
    pub click: Odds,
    pub reply: Odds,
    pub unsubscribe: Odds,
}

/// A persona's after-reply and cold-release chances, as odds ready to roll.
#[derive(Debug, Clone, Copy)]
pub struct PAfterReply {
    pub bad_timing: Odds,
    pub unqualified: Odds,
    pub released_cold: Odds,
}

/// A compiled habit.
#[derive(Debug, Clone, Copy)]
pub struct PHabit {
    pub form: bool,
    pub label: u16,
    /// Mean minutes between two occurrences.
    pub mean: u32,
}

/// A dated scripted event, compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PScripted {
    /// A form (true) or a page visit (false), with its label.
    Activity {
        form: bool,
        label: u16,
    },
    Unsubscribe,
    Reply,
    BookMeeting,
    MarkedCold,
}

/// A compiled script.
#[derive(Debug, Clone, Default)]
pub struct PScript {
    pub events: Vec<(Minute, PScripted)>,
    pub opens: Vec<u16>,
    pub clicks: Vec<u16>,
    pub reply_touch: Option<u32>,
    pub meeting: bool,
    pub after_reply: Option<ReplyOutcome>,
    pub deal: Option<Option<u16>>,
    pub unsubscribe_on: Option<u16>,
}

/// The frequency cap, compiled.
#[derive(Debug, Clone, Copy)]
pub struct PCap {
    pub max: u32,
    pub window: Minute,
    pub counts: [bool; 3],
    pub delay: bool,
}

/// Everything the simulation needs, as numbers.
pub struct Plan<'s> {
    pub scenario: &'s Scenario,
    pub option: HandoffOption,
    pub clock: Clock,
    pub pop: Population,
    pub names: Interner,
    pub emails: Vec<EmailInfo>,
    pub workflows: Vec<PWorkflow>,
    pub form_triggers: Vec<(u16, u16)>,
    pub stage_triggers: Vec<(Stage, u16)>,
    pub score_triggers: Vec<(i32, u16)>,
    pub list_triggers: Vec<(ListName, u16)>,
    pub direct_forms: Vec<u16>,
    pub rules: Vec<PRule>,
    /// Indices of the live rules for each scored event (`ScoredEvent as usize`).
    pub rules_by_event: [Vec<u16>; 7],
    pub uses_ignored: bool,
    pub fit: Vec<(TraitName, Option<u16>, i32)>,
    pub disqualifiers: Vec<(TraitName, Option<u16>, u16)>,
    pub mass: Vec<PMass>,
    /// Notices and mass sends before the horizon ends, in the order they happen, each
    /// with its queue key (its minute and tie rank, as `Life::schedule` builds keys), so
    /// the simulation compares it with a contact's next action at once.
    pub broadcasts: Vec<(u64, Broadcast)>,
    pub habits: Vec<Vec<PHabit>>,
    /// Each persona's reactions per email kind (indexed by [`kind_index`]).
    pub reactions: Vec<[PReactions; 3]>,
    pub scripts: Vec<Option<PScript>>,
    pub touch_emails: Vec<u16>,
    pub exclusions: Vec<(u32, u16)>,
    pub cap: Option<PCap>,
    /// Tie rank per email kind (automated, mass, sales): lower goes first.
    pub rank: [u8; 3],
    /// The agreement's answer for each standing, stage and kind, asked of
    /// [`HandoffOption::allows`] once: `verdicts[standing][stage][kind]`.
    pub verdicts: [[[Result<(), Hold>; 3]; 8]; 3],
    /// Each persona's chances after a reply with no meeting, and of an event lead's
    /// release as cold after the first attempt.
    pub after_reply: Vec<PAfterReply>,
    /// Each catalogue email's content: the first catalogue email with the same name.
    pub content: Vec<u16>,
    /// Whether a workflow could send this email's content a second time (another email
    /// has its name, or its workflow re-enrolls): only such content is remembered per
    /// contact, so scenarios without repeats pay nothing for the check.
    pub tracked: Vec<bool>,
    /// People referenced as "the same person" by another record.
    pub referenced: Vec<bool>,
    /// Fixed labels, registered once.
    pub labels: Labels,
    /// Each persona's loss reasons, registered once.
    pub loss_reasons: Vec<Vec<u16>>,
    pub label_lists: [u16; 6],
}

/// The names of fixed labels in the outcome's name table. Every label the simulation
/// writes is registered when the plan is built, so none can fall back to another name.
#[derive(Debug, Clone, Copy)]
pub struct Labels {
    pub event_card: u16,
    pub imported: u16,
    pub gone_dark: u16,
    pub deal_lost: u16,
    pub no_reason: u16,
    pub bad_timing: u16,
    pub event_released: u16,
    pub unqualified: u16,
    pub marked_cold: u16,
}

impl Labels {
    fn new(names: &mut Interner) -> Labels {
        Labels {
            event_card: names.intern("event card gathered by sales"),
            imported: names.intern("imported"),
            gone_dark: names.intern("gone dark after the last sales touch"),
            deal_lost: names.intern("deal lost"),
            no_reason: names.intern("no reason given"),
            bad_timing: names.intern("bad timing"),
            event_released: names.intern("event lead released after sales follow-up"),
            unqualified: names.intern("unqualified by the rep"),
            marked_cold: names.intern("marked cold by the rep"),
        }
    }
}

/// Index of a kind in per-kind arrays.
pub fn kind_index(k: EmailKind) -> usize {
    match k {
        EmailKind::Automated => 0,
        EmailKind::Mass => 1,
        EmailKind::Sales => 2,
    }
}

fn stage_mask(stages: &[Stage]) -> u16 {
    stages.iter().fold(0, |m, s| m | 1 << s.index())
}

fn list_mask(lists: &[ListName]) -> u8 {
    lists.iter().fold(0, |m, l| m | l.bit())
}

impl<'s> Plan<'s> {
    /// Compiles a validated scenario for one option and seed.
    pub fn new(s: &'s Scenario, option: HandoffOption, seed: u64) -> Plan<'s> {
        let clock = Clock::new(&s.calendar);
        let mut names = Interner::default();
        let pop = Population::build(s, seed, &mut names);
        let mut emails: Vec<EmailInfo> = Vec::new();
        let email_id = |info: EmailInfo, emails: &mut Vec<EmailInfo>| -> u16 {
            emails.push(info);
            (emails.len() - 1) as u16
        };
        let exit = |e: &ExitCriterion, names: &mut Interner| match e {
            ExitCriterion::StageReached { stage } => PExit::Stage(*stage),
            ExitCriterion::HandedOff => PExit::HandedOff,
            ExitCriterion::FormFill { asset } => PExit::Form(names.intern(asset)),
        };
        let mut workflows = Vec::new();
        let (mut form_triggers, mut stage_triggers, mut score_triggers, mut list_triggers) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (w, wf) in s.workflows.iter().enumerate() {
            let w16 = w as u16;
            match &wf.trigger {
                Trigger::FormFill { asset } => form_triggers.push((names.intern(asset), w16)),
                Trigger::StageReached { stage } => stage_triggers.push((*stage, w16)),
                Trigger::ScoreAtLeast { points } => score_triggers.push((*points, w16)),
                Trigger::JoinedList { list } => list_triggers.push((*list, w16)),
            }
            let steps = wf
                .steps
                .iter()
                .map(|st| match st {
                    Step::Email { name } => PStep::Email(email_id(
                        EmailInfo { name: name.clone(), kind: EmailKind::Automated, source: EmailSource::Workflow(wf.name.clone()) },
                        &mut emails,
                    )),
                    Step::Delay { wait, up_to } => {
                        let min = wait.total_minutes().min(u32::MAX as u64) as u32;
                        let max = up_to.map(|u| u.total_minutes().min(u32::MAX as u64) as u32).unwrap_or(min).max(min);
                        PStep::Delay { min, max }
                    }
                    Step::DelayUntil { weekday, at } => PStep::DelayUntil { weekday: weekday.num_days_from_monday(), at: at.minutes() },
                    Step::Branch { when, go_to_step } => PStep::Branch { when: *when, to: (*go_to_step).min(u16::MAX as u32) as u16 },
                })
                .collect();
            let mut suppress_stages = 0;
            let mut suppress_lists = 0;
            for l in &wf.suppression_lists {
                match l {
                    SuppressionList::Stage { stage } => suppress_stages |= 1 << stage.index(),
                    SuppressionList::List { list } => suppress_lists |= list.bit(),
                }
            }
            workflows.push(PWorkflow {
                name: names.intern(&wf.name),
                steps,
                goal: wf.goal.as_ref().map(|g| exit(g, &mut names)),
                exits: wf.exit_when.iter().map(|e| exit(e, &mut names)).collect(),
                reenroll: wf.reenroll,
                suppress_stages,
                suppress_lists,
                business_hours_only: wf.business_hours_only,
                priority: wf.priority,
                resume_after_return: wf.resume_after_return,
                repeat_content: wf.repeat_content,
            });
        }
        let mut mass = Vec::new();
        let mut timed = Vec::new();
        for (m, ms) in s.mass_sends.iter().enumerate() {
            let at = clock.at(ms.day, ms.at);
            let email = email_id(EmailInfo { name: ms.name.clone(), kind: EmailKind::Mass, source: EmailSource::MassSend(ms.name.clone()) }, &mut emails);
            mass.push(PMass {
                at,
                email,
                stages: stage_mask(&ms.segment.stages),
                personas: s.personas.iter().map(|p| ms.segment.personas.is_empty() || ms.segment.personas.contains(&p.id)).collect(),
                lists: list_mask(&ms.segment.lists),
                traits: segment_traits(&ms.segment, &pop),
                exempt: ms.exempt_from_cap,
            });
            timed.push((at, Broadcast::Send(m as u16)));
            if option.sends_notices() {
                let notice = clock.last_open_at_or_before(Team::Sales, at.saturating_sub(s.sla.notice_hours_before.saturating_mul(60)));
                timed.push((notice, Broadcast::Notice(m as u16)));
            }
        }
        timed.sort();
        timed.retain(|b| b.0 < clock.end);
        let touch_emails = s
            .sales_cadence
            .touches
            .iter()
            .map(|t| {
                let name = match t.channel {
                    TouchChannel::Email => t.name.clone(),
                    TouchChannel::Call => format!("{} (call)", t.name),
                };
                email_id(EmailInfo { name, kind: EmailKind::Sales, source: EmailSource::Cadence }, &mut emails)
            })
            .collect();
        let email_by_name = |name: &str, emails: &Vec<EmailInfo>| emails.iter().position(|e| e.name.eq_ignore_ascii_case(name.trim())).map(|i| i as u16);
        let rules: Vec<PRule> = s
            .scoring
            .behaviour
            .iter()
            .map(|r| {
                let is_email = matches!(r.event, ScoredEvent::EmailOpen | ScoredEvent::EmailClick | ScoredEvent::EmailIgnored | ScoredEvent::EmailReply);
                let (only, dead) = if r.name.trim().is_empty() {
                    (None, false)
                } else if is_email {
                    let id = email_by_name(&r.name, &emails);
                    (id, id.is_none())
                } else {
                    (Some(names.intern(&r.name)), false)
                };
                PRule { event: r.event, only, dead, points: r.points, cap: r.cap }
            })
            .collect();
        let uses_ignored = rules.iter().any(|r| r.event == ScoredEvent::EmailIgnored && !r.dead);
        let mut rules_by_event: [Vec<u16>; 7] = Default::default();
        for (i, r) in rules.iter().enumerate() {
            if !r.dead {
                rules_by_event[r.event as usize].push(i as u16);
            }
        }
        let reactions = s
            .personas
            .iter()
            .map(|p| {
                let odds = |r: &Reactions| PReactions {
                    open: Odds::new(r.open),
                    click: Odds::new(r.click),
                    reply: Odds::new(r.reply),
                    unsubscribe: Odds::new(r.unsubscribe),
                };
                let mut all = [PReactions::default(); 3];
                all[kind_index(EmailKind::Automated)] = odds(&p.automated);
                all[kind_index(EmailKind::Mass)] = odds(&p.mass);
                all[kind_index(EmailKind::Sales)] = odds(&p.sales);
                all
            })
            .collect();
        let habits = s
            .personas
            .iter()
            .map(|p| {
                p.habits
                    .iter()
                    .filter(|h| h.per_month > 0.0)
                    .map(|h| {
                        let (form, label) = match &h.action {
                            Activity::FillForm { asset } => (true, names.intern(asset)),
                            Activity::VisitPage { page } => (false, names.intern(page)),
                        };
                        let mean = ((30.0 * DAY as f64) / h.per_month).clamp(1.0, 1.0e9) as u32;
                        PHabit { form, label, mean }
                    })
                    .collect()
            })
            .collect();
        let scripts = pop
            .people
            .iter()
            .map(|p| {
                if p.generated {
                    return None;
                }
                let c = &s.contacts[p.origin as usize];
                let sc = c.script.as_ref()?;
                let mut events: Vec<(Minute, PScripted)> = sc
                    .events
                    .iter()
                    .map(|e| {
                        let what = match &e.action {
                            ScriptAction::FillForm { asset } => PScripted::Activity { form: true, label: names.intern(asset) },
                            ScriptAction::VisitPage { page } => PScripted::Activity { form: false, label: names.intern(page) },
                            ScriptAction::Unsubscribe => PScripted::Unsubscribe,
                            ScriptAction::Reply => PScripted::Reply,
                            ScriptAction::BookMeeting => PScripted::BookMeeting,
                            ScriptAction::MarkedCold => PScripted::MarkedCold,
                        };
                        (clock.at(e.day, e.at), what)
                    })
                    .collect();
                events.sort_by_key(|e| e.0);
                let ids = |list: &Vec<String>| list.iter().filter_map(|n| email_by_name(n, &emails)).collect();
                Some(PScript {
                    events,
                    opens: ids(&sc.opens),
                    clicks: ids(&sc.clicks),
                    reply_touch: sc.replies_to_sales_touch,
                    meeting: sc.books_meeting,
                    after_reply: sc.after_reply,
                    deal: sc.deal.as_ref().map(|d| match d {
                        DealOutcome::Won => None,
                        DealOutcome::Lost { reason } => Some(names.intern(reason)),
                    }),
                    unsubscribe_on: sc.unsubscribes_on.as_ref().and_then(|n| email_by_name(n, &emails)),
                })
            })
            .collect();
        let mut exclusions: Vec<(u32, u16)> = s
            .exclusions
            .iter()
            .filter_map(|x| {
                let m = s.mass_sends.iter().position(|ms| ms.name == x.mass_send)?;
                let who = pop.find_id(s, &x.contact_id)?;
                Some((who as u32, m as u16))
            })
            .collect();
        exclusions.sort();
        let cap = s.frequency_cap.as_ref().map(|c| {
            let mut counts = [false; 3];
            for k in &c.counts {
                counts[kind_index(*k)] = true;
            }
            PCap { max: c.max_emails, window: c.per_days * DAY, counts, delay: c.over_cap == OverCap::Delay }
        });
        let order = s.frequency_cap.as_ref().map(|c| c.priority.clone()).unwrap_or_else(default_priority);
        let mut rank = [3u8; 3];
        for (i, k) in order.iter().enumerate() {
            let slot = &mut rank[kind_index(*k)];
            *slot = (*slot).min(i as u8);
        }
        let broadcasts = timed
            .iter()
            .map(|&(at, b)| {
                let rank = match b {
                    Broadcast::Notice(_) => 0,
                    Broadcast::Send(_) => 1 + rank[1],
                };
                ((at as u64) << 32 | (rank as u64) << 28, b)
            })
            .collect();
        let mut verdicts = [[[Ok(()); 3]; 8]; 3];
        for (k, standing) in [Standing::Marketing, Standing::Owned, Standing::SalesStage].into_iter().enumerate() {
            for stage in Stage::ALL {
                for kind in EmailKind::ALL {
                    verdicts[k][stage.index()][kind_index(kind)] = option.allows(&s.custom_policy, kind, stage, standing);
                }
            }
        }
        let after_reply = s
            .personas
            .iter()
            .map(|p| PAfterReply {
                bad_timing: Odds::new(p.after_reply.bad_timing),
                unqualified: Odds::new(p.after_reply.unqualified),
                released_cold: Odds::new(p.released_cold_after_first_attempt),
            })
            .collect();
        let mut content = Vec::with_capacity(emails.len());
        let mut first_of: std::collections::HashMap<String, u16> = std::collections::HashMap::new();
        for (i, e) in emails.iter().enumerate() {
            content.push(*first_of.entry(e.name.trim().to_lowercase()).or_insert(i as u16));
        }
        let mut copies = vec![0u32; emails.len()];
        for &c in &content {
            copies[c as usize] += 1;
        }
        let mut tracked: Vec<bool> = content.iter().map(|&c| copies[c as usize] > 1).collect();
        for w in workflows.iter().filter(|w| w.reenroll) {
            for step in &w.steps {
                if let PStep::Email(e) = step {
                    tracked[*e as usize] = true;
                }
            }
        }
        let mut referenced = vec![false; pop.people.len()];
        for p in &pop.people {
            if let Some(j) = p.same_as {
                referenced[j as usize] = true;
            }
        }
        let fit = s.scoring.fit.iter().map(|f| (f.trait_name, pop.traits.find(&f.equals), f.points)).collect();
        let disqualifiers = s.scoring.disqualifiers.iter().map(|d| (d.trait_name, pop.traits.find(&d.equals), names.intern(&d.label))).collect();
        let direct_forms = s.lifecycle.direct_handoff_forms.iter().map(|f| names.intern(f)).collect();
        let labels = Labels::new(&mut names);
        let loss_reasons = s.personas.iter().map(|p| p.loss_reasons.iter().map(|r| names.intern(r)).collect()).collect();
        let label_lists = ListName::ALL.map(|l| names.intern(l.label()));
        Plan {
            scenario: s,
            option,
            clock,
            pop,
            names,
            emails,
            workflows,
            form_triggers,
            stage_triggers,
            score_triggers,
            list_triggers,
            direct_forms,
            rules,
            rules_by_event,
            uses_ignored,
            fit,
            disqualifiers,
            mass,
            broadcasts,
            habits,
            reactions,
            scripts,
            touch_emails,
            exclusions,
            cap,
            rank,
            verdicts,
            after_reply,
            content,
            tracked,
            referenced,
            labels,
            loss_reasons,
            label_lists,
        }
    }

    /// The agreement's answer for an email of `kind` to a contact at `stage`.
    pub fn verdict(&self, standing: Standing, stage: Stage, kind: EmailKind) -> Result<(), Hold> {
        let k = match standing {
            Standing::Marketing => 0,
            Standing::Owned => 1,
            Standing::SalesStage => 2,
        };
        self.verdicts[k][stage.index()][kind_index(kind)]
    }

    /// True when the rep asked to leave person `who` out of mass send `m`.
    pub fn excluded(&self, who: u32, m: u16) -> bool {
        !self.exclusions.is_empty() && self.exclusions.binary_search(&(who, m)).is_ok()
    }

    /// The frequency cap in words, such as "3 per 7 days".
    pub fn cap_words(&self) -> String {
        match &self.scenario.frequency_cap {
            Some(c) => format!("{} per {} days", c.max_emails, c.per_days),
            None => String::new(),
        }
    }
}

/// A segment's trait conditions grouped by trait (its countries count as the trait
/// "country"), with values as the population's numbers.
fn segment_traits(segment: &Segment, pop: &Population) -> Vec<(TraitName, Vec<u16>)> {
    let wanted = segment.countries.iter().map(|c| (TraitName::Country, c)).chain(segment.traits.iter().map(|t| (t.trait_name, &t.equals)));
    let mut groups: Vec<(TraitName, Vec<u16>)> = Vec::new();
    for (name, value) in wanted {
        let k = match groups.iter().position(|(n, _)| *n == name) {
            Some(k) => k,
            None => {
                groups.push((name, Vec::new()));
                groups.len() - 1
            }
        };
        if let Some(v) = pop.traits.find(value) {
            groups[k].1.push(v);
        }
    }
    groups
}
