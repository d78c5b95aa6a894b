//! The simulation: walks each contact through the horizon, minute by minute of what
//! happens to them, and writes down every email that was due, sent or held back.
//!
//! Contacts are simulated one after another, each with a small queue of pending actions
//! (the next workflow step, the next sales touch, an open a few hours after an email).
//! Their habits (recurring page visits and forms) are kept beside the queue, and mass sends
//! are shared by everyone and read from one sorted schedule. The only thing
//! contacts share is the reps' capacity: leads are routed in the order contacts are
//! simulated, which is the contact list's order (records that are another record's
//! second address come last, so the first record's story is known when theirs is told).

use super::budget::MAX_ENTRIES_PER_CONTACT;
use super::calendar::{Minute, Team, DAY};
use super::outcome::{Item, ItemStore, Outcome, Reason, What};
use super::plan::{kind_index, Broadcast, PExit, PScripted, PStep, Plan};
use super::policy::{first_sales_stage, standing, Hold, Standing};
use super::population::Arrival;
use super::random::{Odds, Rng};
use super::routing::Router;
use super::scenario::*;

/// Simulates one option with one seed. The scenario must have passed validation.
pub fn simulate(s: &Scenario, option: HandoffOption, seed: u64) -> Outcome {
    let mut sim = Simulation::new(s, option, seed);
    sim.advance(usize::MAX);
    sim.finish()
}

/// A simulation that can be run a few contacts at a time, so a caller with other work to
/// do (the browser, between frames) can interleave it. The outcome does not depend on how
/// the work was sliced.
pub struct Simulation<'s> {
    plan: Plan<'s>,
    seed: u64,
    store: ItemStore,
    router: Router,
    shadows: Shadows,
    life: Life,
    /// Contacts in simulation order: records of their own first, then second addresses
    /// (so the first record's story is known when theirs is told).
    order: Vec<u32>,
    done: usize,
    enrolled: Vec<bool>,
    /// Contacts whose calendars were cut at [`MAX_ENTRIES_PER_CONTACT`].
    cut_short: usize,
}

impl<'s> Simulation<'s> {
    /// Prepares a simulation of one option with one seed. The scenario must have passed
    /// validation.
    pub fn new(s: &'s Scenario, option: HandoffOption, seed: u64) -> Simulation<'s> {
        let plan = Plan::new(s, option, seed);
        let n = plan.pop.people.len();
        let mut order: Vec<u32> = (0..n as u32).filter(|&i| plan.pop.people[i as usize].same_as.is_none()).collect();
        order.extend((0..n as u32).filter(|&i| plan.pop.people[i as usize].same_as.is_some()));
        Simulation {
            store: ItemStore::with_contacts(n),
            router: Router::new(s, &plan.clock),
            shadows: Shadows::new(),
            life: Life::default(),
            enrolled: vec![false; plan.workflows.len()],
            order,
            done: 0,
            cut_short: 0,
            seed,
            plan,
        }
    }

    /// Simulates up to `contacts` more contacts. Returns true when every contact is done.
    pub fn advance(&mut self, contacts: usize) -> bool {
        let end = self.order.len().min(self.done.saturating_add(contacts));
        for &i in &self.order[self.done..end] {
            self.life.run(&self.plan, &mut self.router, &mut self.shadows, self.seed, i);
            self.store.set_contact(i as usize, &self.life.items);
            self.cut_short += self.life.cut_short as usize;
            for (any, this) in self.enrolled.iter_mut().zip(&self.life.ever_enrolled) {
                *any |= *this;
            }
        }
        self.done = end;
        self.is_done()
    }

    /// Whether every contact has been simulated.
    pub fn is_done(&self) -> bool {
        self.done == self.order.len()
    }

    /// Contacts simulated so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.order.len())
    }

    /// The outcome. Contacts not yet simulated (if [`Simulation::advance`] was not run to
    /// the end) are simulated first.
    pub fn finish(self) -> Outcome {
        self.finish_with_population().0
    }

    /// The outcome and the population it was simulated on (names and traits of everyone),
    /// so a caller that needs both does not build the population again.
    pub fn finish_with_population(mut self) -> (Outcome, super::population::Population) {
        self.advance(usize::MAX);
        let mut warnings = super::warnings::for_plan(&self.plan, &self.enrolled);
        if self.cut_short > 0 {
            warnings.push(format!("{} contacts' calendars reached {MAX_ENTRIES_PER_CONTACT} entries and were cut short there.", self.cut_short));
        }
        let s = self.plan.scenario;
        let outcome = Outcome {
            option: self.plan.option,
            seed: self.seed,
            clock: self.plan.clock.clone(),
            items: self.store,
            cap_words: self.plan.cap_words(),
            emails: self.plan.emails,
            names: self.plan.names.values,
            reps: s.reps.iter().map(|r| r.name.clone()).collect(),
            rep_load: self.router.load,
            warnings,
        };
        (outcome, self.plan.pop)
    }
}

/// What the other record of the same person needs to know: when sales owned this one, and
/// on which local days it received sales email.
#[derive(Debug, Clone, Default)]
struct Shadow {
    owned: Vec<(Minute, Minute)>,
    sales_days: Vec<i64>,
}

/// The shadows of the records another record names as the same person, by contact index.
/// Few records are referenced, so a map keeps memory off the per-contact bill.
type Shadows = std::collections::BTreeMap<u32, Shadow>;

/// How late an email or step is, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Late {
    from: Minute,
    why: Reason,
}

/// No key: nothing is due.
const NONE: u64 = u64::MAX;

const ON_TIME: Late = Late { from: u32::MAX, why: Reason::None };

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum React {
    Open,
    Click,
    Reply,
    Ignored,
    Unsubscribe,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    Arrive,
    Scripted(u16),
    Step { slot: u8, gen: u16, late: Late },
    Touch { k: u8, episode: u16, late: Late },
    Reaction { email: u16, react: React },
    SalesReply { email: u16, episode: u16 },
    DarkCheck(u16),
    SlaCheck(u16),
    ReleaseCold(u16),
    DealClose(u16),
    BadTimingReturn(u16),
    Decay,
    MassRetry { m: u16, late: Late },
}

#[derive(Debug, Clone, Copy, Default)]
struct Enrollment {
    wf: u16,
    step: u16,
    gen: u16,
    active: bool,
    last_email: Option<u16>,
    opened: bool,
    clicked: bool,
}

/// One contact's state while they are simulated. Reused from contact to contact.
#[derive(Default)]
struct Life {
    items: Vec<Item>,
    /// Actions still to come, latest first.
    pending: Vec<(u64, Act)>,
    /// The key of each habit's next occurrence, and the earliest of them with its index.
    habit_keys: Vec<u64>,
    habit_next: (u64, u8),
    persona: u16,
    seq: u32,
    rng: Rng,
    who: u32,
    arrived: bool,
    stage: Stage,
    status: LeadStatus,
    score: i32,
    rule_totals: Vec<i32>,
    sales_owned: bool,
    visible_to_list: bool,
    rep: Option<u8>,
    episode: u16,
    handed_off_at: Minute,
    first_touch_at: Minute,
    replied: bool,
    /// Whether the rep's first touch of this episode went out.
    first_touched: bool,
    /// The last email that reached the contact, if any.
    last_sent: Option<u16>,
    /// Content (see `Plan::content`) the contact received.
    received: Vec<u16>,
    event_followup: bool,
    unsubscribed: bool,
    bounced: bool,
    will_bounce: bool,
    emails_received: u32,
    dark_suppressed: bool,
    lists: u8,
    enrollments: Vec<Enrollment>,
    ever_enrolled: Vec<bool>,
    sent_times: Vec<Minute>,
    capped_times: Vec<Minute>,
    last_marketing_day: i64,
    last_sales_day: i64,
    last_conflict_day: i64,
    over_limit: bool,
    last_active: Minute,
    mass_cursor: usize,
    owned_since: Option<Minute>,
    shadow: Shadow,
    script: bool,
    /// Already in the CRM at the start: its stage is the CRM's, so score thresholds move it
    /// only when the score crosses them during the plan, not because it starts above them.
    from_crm: bool,
    /// The calendar reached [`MAX_ENTRIES_PER_CONTACT`] and the rest was not simulated.
    cut_short: bool,
}

impl Life {
    fn reset(&mut self, plan: &Plan, seed: u64, i: u32) {
        let p = &plan.pop.people[i as usize];
        self.items.clear();
        self.pending.clear();
        self.habit_keys.clear();
        self.habit_keys.resize(plan.habits[p.persona as usize].len(), NONE);
        self.habit_next = (NONE, 0);
        self.persona = p.persona;
        self.seq = 0;
        self.rng = Rng::new(seed, i as u64);
        self.who = i;
        self.arrived = false;
        self.stage = p.stage;
        self.status = LeadStatus::None;
        self.score = p.score;
        self.rule_totals.clear();
        self.rule_totals.resize(plan.rules.len(), 0);
        self.sales_owned = false;
        self.visible_to_list = true;
        self.rep = None;
        self.episode = 0;
        self.handed_off_at = 0;
        self.first_touch_at = 0;
        self.replied = false;
        self.first_touched = false;
        self.last_sent = None;
        self.received.clear();
        self.event_followup = false;
        self.unsubscribed = false;
        self.bounced = false;
        self.will_bounce = false;
        self.emails_received = 0;
        self.dark_suppressed = false;
        self.lists = 0;
        self.enrollments.clear();
        self.ever_enrolled.clear();
        self.ever_enrolled.resize(plan.workflows.len(), false);
        self.sent_times.clear();
        self.capped_times.clear();
        self.last_marketing_day = i64::MIN;
        self.last_sales_day = i64::MIN;
        self.last_conflict_day = i64::MIN;
        self.over_limit = false;
        self.last_active = p.arrives;
        self.mass_cursor = plan.broadcasts.partition_point(|b| ((b.0 >> 32) as Minute) < p.arrives);
        self.owned_since = None;
        self.shadow = Shadow::default();
        self.script = plan.scripts[i as usize].is_some();
        self.from_crm = p.existing.is_some();
        self.cut_short = false;
    }

    fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    fn owner(&self) -> u8 {
        match (self.sales_owned, self.rep) {
            (true, Some(r)) => r + 1,
            _ => 0,
        }
    }

    fn push(&mut self, at: Minute, what: What, label: u16, value: i32, reason: Reason) {
        self.items.push(Item {
            at,
            label,
            value: value.clamp(i16::MIN as i32, i16::MAX as i32) as i16,
            what,
            reason,
            stage: self.stage as u8 | (self.status as u8) << 3,
            owner: self.owner(),
        });
    }

    /// The queue key of an action due at `at`: the minute, then the rank, then the
    /// workflow priority, then the order in which actions were queued.
    fn key(&mut self, at: Minute, rank: u8, sub: u8) -> u64 {
        self.seq += 1;
        (at as u64) << 32 | (rank as u64) << 28 | ((255 - sub) as u64) << 20 | (self.seq as u64 & 0xF_FFFF)
    }

    /// Queues an action. `rank` orders actions due at the same minute: plain events first,
    /// then emails in the team's tie order, then by workflow priority.
    fn schedule(&mut self, at: Minute, rank: u8, sub: u8, act: Act) {
        let key = self.key(at, rank, sub);
        // Kept sorted latest first, so the next action is popped off the end. Most new
        // actions are due soon, so the search from the end is short.
        // (An insertion step rather than `Vec::insert`: the queue holds three actions on
        // average, and a library move call costs more than the few swaps.)
        self.pending.push((key, act));
        let mut i = self.pending.len() - 1;
        while i > 0 && self.pending[i - 1].0 < key {
            self.pending.swap(i - 1, i);
            i -= 1;
        }
    }

    fn run(&mut self, plan: &Plan, router: &mut Router, shadows: &mut Shadows, seed: u64, i: u32) {
        self.reset(plan, seed, i);
        let p = plan.pop.people[i as usize];
        if p.arrives >= plan.clock.end {
            return;
        }
        self.schedule(p.arrives, 0, 0, Act::Arrive);
        // Three sources of what happens next, each already in order: the contact's queue,
        // their habits, and the broadcasts everyone shares. The earliest key goes first;
        // a broadcast goes before a contact's action of the same minute and rank.
        loop {
            let local = self.pending.last().map_or(NONE, |(k, _)| *k);
            let (habit, h) = self.habit_next;
            let broadcast = if self.arrived { plan.broadcasts.get(self.mass_cursor).map_or(NONE, |b| b.0) } else { NONE };
            if broadcast != NONE && broadcast <= local && broadcast <= habit {
                let b = plan.broadcasts[self.mass_cursor].1;
                let bt = (broadcast >> 32) as Minute;
                self.mass_cursor += 1;
                match b {
                    Broadcast::Notice(m) => self.mass_notice(plan, bt, m),
                    Broadcast::Send(m) => self.mass_send(plan, shadows, bt, m, ON_TIME),
                }
                continue;
            }
            let key = local.min(habit);
            if key == NONE || (key >> 32) as Minute >= plan.clock.end {
                break;
            }
            if self.items.len() >= MAX_ENTRIES_PER_CONTACT {
                self.cut_short = true;
                break;
            }
            let t = (key >> 32) as Minute;
            if habit < local {
                self.habit(plan, router, t, h);
            } else if let Some((_, act)) = self.pending.pop() {
                self.handle(plan, router, shadows, t, act);
            }
        }
        if self.sales_owned {
            if let Some(from) = self.owned_since {
                self.shadow.owned.push((from, plan.clock.end));
            }
        }
        if plan.referenced[i as usize] {
            shadows.insert(i, std::mem::take(&mut self.shadow));
        }
    }

    fn handle(&mut self, plan: &Plan, router: &mut Router, shadows: &Shadows, t: Minute, act: Act) {
        match act {
            Act::Arrive => self.arrive(plan, router, t),
            Act::Scripted(e) => {
                if let Some(sc) = &plan.scripts[self.who as usize] {
                    self.scripted(plan, router, t, sc.events[e as usize].1);
                }
            }
            Act::Step { slot, gen, late } => self.step(plan, router, shadows, t, slot, gen, late),
            Act::Touch { k, episode, late } => self.touch(plan, router, shadows, t, k, episode, late),
            Act::Reaction { email, react } => self.reaction(plan, router, t, email, react),
            Act::SalesReply { email, episode } => self.sales_reply(plan, router, t, email, episode),
            Act::DarkCheck(ep) => {
                if ep == self.episode && self.sales_owned && !self.replied {
                    self.status = LeadStatus::Unqualified;
                    self.push(t, What::GoneDark, 0, 0, Reason::None);
                    if self.event_followup {
                        self.recycle(plan, router, t, ListName::ColdEventLeads, plan.labels.event_released);
                    } else {
                        self.recycle(plan, router, t, ListName::GoneDark, plan.labels.gone_dark);
                        if plan.scenario.sales_cadence.when_dark == DarkAction::Suppress {
                            self.dark_suppressed = true;
                        }
                    }
                }
            }
            Act::DealClose(ep) => {
                if ep == self.episode && self.sales_owned {
                    let persona = &plan.scenario.personas[self.persona as usize];
                    let outcome = match plan.scripts[self.who as usize].as_ref().map(|s| s.deal) {
                        Some(Some(deal)) => deal,
                        _ => {
                            let reasons = &plan.loss_reasons[self.persona as usize];
                            if self.rng().chance(persona.win_chance) {
                                None
                            } else if reasons.is_empty() {
                                Some(plan.labels.no_reason)
                            } else {
                                let r = self.rng().below(reasons.len() as u32) as usize;
                                Some(reasons[r])
                            }
                        }
                    };
                    match outcome {
                        None => {
                            self.push(t, What::Won, 0, 0, Reason::None);
                            self.set_stage(plan, router, t, Stage::Customer, false);
                        }
                        Some(reason) => {
                            self.push(t, What::Lost, reason, 0, Reason::None);
                            self.recycle(plan, router, t, ListName::ClosedLost, reason);
                        }
                    }
                }
            }
            Act::BadTimingReturn(ep) => {
                if ep == self.episode && self.sales_owned {
                    self.recycle(plan, router, t, ListName::BadTiming, plan.labels.bad_timing);
                }
            }
            Act::SlaCheck(ep) => {
                if ep == self.episode && self.sales_owned && !self.first_touched {
                    self.push(t, What::SlaBreached, 0, plan.scenario.sla.first_touch_hours.min(i16::MAX as u32) as i32, Reason::None);
                }
            }
            Act::ReleaseCold(ep) => {
                if ep == self.episode && self.sales_owned && self.event_followup && !self.replied {
                    self.recycle(plan, router, t, ListName::ColdEventLeads, plan.labels.marked_cold);
                }
            }
            Act::Decay => self.decay(plan, router, t),
            Act::MassRetry { m, late } => self.mass_send(plan, shadows, t, m, late),
        }
    }

    /// A habit's occurrence (a page visit or a form), and when the next one comes.
    fn habit(&mut self, plan: &Plan, router: &mut Router, t: Minute, h: u8) {
        let habit = plan.habits[self.persona as usize][h as usize];
        self.activity(plan, router, t, habit.form, habit.label);
        let next = t + 1 + self.rng().below(habit.mean.saturating_mul(2));
        self.schedule_habit(next, h);
    }

    /// Habits recur for as long as the contact lives, so they are kept out of the queue
    /// (where each would be moved past every other action on every insertion) and only
    /// their keys are compared.
    fn schedule_habit(&mut self, at: Minute, h: u8) {
        self.habit_keys[h as usize] = self.key(at, 0, 0);
        let (mut best, mut which) = (NONE, 0);
        for (i, &k) in self.habit_keys.iter().enumerate() {
            if k < best {
                (best, which) = (k, i as u8);
            }
        }
        self.habit_next = (best, which);
    }

    fn arrive(&mut self, plan: &Plan, router: &mut Router, t: Minute) {
        let p = plan.pop.people[self.who as usize];
        self.arrived = true;
        let persona = &plan.scenario.personas[p.persona as usize];
        self.will_bounce = !self.script && self.rng().chance(persona.bounce_chance);
        // Fit and disqualifiers are judged once, on arrival.
        let disqualified = plan.disqualifiers.iter().find(|(name, value, _)| value.is_some_and(|v| plan.pop.trait_of(&p, *name) == v));
        if disqualified.is_some() {
            self.stage = Stage::Other;
        }
        // A contact already in the CRM keeps the CRM's score (fit included) unless the
        // import chose to score it with this scenario's rules.
        let fit: i32 = if p.existing.is_some_and(|e| e.crm_score) {
            0
        } else {
            plan.fit
                .iter()
                .filter(|(name, value, _)| value.is_some_and(|v| plan.pop.trait_of(&p, *name) == v))
                .fold(0i32, |sum, (_, _, pts)| sum.saturating_add(*pts))
        };
        let before = self.apply_points(plan, fit);
        // Unqualified or bad timing in the CRM: marketing's again, whatever the stage said.
        let returned = p.existing.is_some_and(|e| matches!(e.lead_status, LeadStatus::Unqualified | LeadStatus::BadTiming));
        if returned && self.stage >= Stage::Sql && self.stage != Stage::Other {
            self.stage = Stage::Lead;
        }
        match (p.existing, p.owner) {
            (Some(start), Some(rep)) if !returned => {
                self.continue_sales(plan, t, rep as usize, start.lead_status);
                self.push(t, What::InCrm, 0, self.score, Reason::None);
            }
            (Some(_), _) => self.push(t, What::InCrm, 0, self.score, Reason::None),
            (None, _) => self.push(t, What::Arrived, self.arrival_label(plan, p.arrival), self.score, Reason::None),
        }
        if let Some((_, _, label)) = disqualified {
            self.push(t, What::Disqualified, *label, self.score, Reason::None);
        }
        if let Some(before) = before {
            self.after_score(plan, router, t, before);
        }
        self.fire_stage_triggers(plan, router, t);
        if let Some(decay) = &plan.scenario.scoring.decay {
            self.schedule(t + decay.quiet_days.max(1) * DAY, 0, 0, Act::Decay);
        }
        if self.script {
            if let Some(sc) = &plan.scripts[self.who as usize] {
                for (e, (at, _)) in sc.events.iter().enumerate() {
                    self.schedule((*at).max(t), 0, 0, Act::Scripted(e as u16));
                }
            }
        } else {
            for (h, habit) in plan.habits[p.persona as usize].iter().enumerate() {
                let first = t + 1 + self.rng().below(habit.mean.saturating_mul(2));
                self.schedule_habit(first, h as u8);
            }
        }
        if let (Some(rep), None) = (p.owner, p.existing) {
            // Already worked by this rep: sales-owned from the start, no routing needed.
            self.start_sales(plan, t, rep as usize, t);
        }
        match p.arrival {
            Arrival::Download(asset) => self.activity(plan, router, t, true, asset),
            Arrival::EventCard { marked } => {
                self.event_followup = true;
                self.handoff(plan, router, t);
                self.visible_to_list = marked;
            }
            Arrival::Import => {}
        }
    }

    fn arrival_label(&self, plan: &Plan, a: Arrival) -> u16 {
        match a {
            Arrival::Download(asset) => asset,
            Arrival::EventCard { .. } => plan.labels.event_card,
            Arrival::Import => plan.labels.imported,
        }
    }

    /// A dated event of the contact's script.
    fn scripted(&mut self, plan: &Plan, router: &mut Router, t: Minute, what: PScripted) {
        match what {
            PScripted::Activity { form, label } => self.activity(plan, router, t, form, label),
            PScripted::Unsubscribe => {
                let email = self.last_sent.unwrap_or(0);
                self.reaction(plan, router, t, email, React::Unsubscribe);
            }
            PScripted::Reply => {
                if self.sales_owned {
                    let email = plan.touch_emails.first().copied().unwrap_or(0);
                    self.sales_reply(plan, router, t, self.last_sent.unwrap_or(email), self.episode);
                } else if let Some(email) = self.last_sent {
                    self.reaction(plan, router, t, email, React::Reply);
                }
            }
            PScripted::BookMeeting => {
                if !self.sales_owned {
                    if self.stage < Stage::Sql && self.stage != Stage::Other {
                        self.set_stage(plan, router, t, Stage::Sql, false);
                    }
                    self.handoff(plan, router, t);
                }
                if self.sales_owned {
                    self.replied = true;
                    self.status = LeadStatus::Connected;
                    self.meeting(plan, router, t, self.episode);
                }
            }
            PScripted::MarkedCold => {
                if self.sales_owned {
                    let list = if self.event_followup { ListName::ColdEventLeads } else { ListName::Unqualified };
                    self.recycle(plan, router, t, list, plan.labels.marked_cold);
                }
            }
        }
    }

    /// A form fill or a page visit: scored, and forms can enroll or hand off.
    fn activity(&mut self, plan: &Plan, router: &mut Router, t: Minute, form: bool, label: u16) {
        self.last_active = t;
        let event = if form { ScoredEvent::FormFill } else { ScoredEvent::PageVisit };
        self.scored_entry(plan, router, t, if form { What::FormFill } else { What::PageVisit }, label, event);
        if form {
            self.check_exits(plan, t, |e| e == PExit::Form(label));
            for &(asset, wf) in &plan.form_triggers {
                if asset == label {
                    self.enroll(plan, router, t, wf);
                }
            }
            if plan.direct_forms.contains(&label) && self.stage != Stage::Other {
                if self.stage < Stage::Sql {
                    self.set_stage(plan, router, t, Stage::Sql, false);
                }
                self.handoff(plan, router, t);
            }
        }
    }

    /// Records an interaction with the score it leads to, then applies what the new score
    /// means (stage, handoff, score-triggered workflows). The entry's value is the score.
    fn scored_entry(&mut self, plan: &Plan, router: &mut Router, t: Minute, what: What, label: u16, event: ScoredEvent) {
        let delta = self.score_delta(plan, event, label);
        let before = self.apply_points(plan, delta);
        self.push(t, what, label, self.score, Reason::None);
        if let Some(before) = before {
            self.after_score(plan, router, t, before);
        }
    }

    /// Points the behaviour rules give for an interaction (and counts them against caps).
    fn score_delta(&mut self, plan: &Plan, event: ScoredEvent, label: u16) -> i32 {
        let mut delta: i32 = 0;
        for &r in &plan.rules_by_event[event as usize] {
            let r = r as usize;
            let rule = &plan.rules[r];
            if rule.only.is_some_and(|only| only != label) {
                continue;
            }
            let mut pts = rule.points;
            if let Some(cap) = rule.cap {
                let cap = cap.abs();
                let total = self.rule_totals[r];
                pts = if pts >= 0 { pts.min(cap.saturating_sub(total)).max(0) } else { pts.max((-cap).saturating_sub(total)).min(0) };
            }
            self.rule_totals[r] = self.rule_totals[r].saturating_add(pts);
            delta = delta.saturating_add(pts);
        }
        delta
    }

    /// Adds points within 0 and the total cap. Returns the old score if it changed.
    fn apply_points(&mut self, plan: &Plan, delta: i32) -> Option<i32> {
        let before = self.score;
        let mut after = before.saturating_add(delta).max(0);
        if let Some(max) = plan.scenario.scoring.max_score {
            after = after.min(max);
        }
        if after == before {
            return None;
        }
        self.score = after;
        Some(before)
    }

    fn after_score(&mut self, plan: &Plan, router: &mut Router, t: Minute, before: i32) {
        let lc = &plan.scenario.lifecycle;
        for &(points, wf) in &plan.score_triggers {
            if before < points && self.score >= points {
                self.enroll(plan, router, t, wf);
            }
        }
        if self.stage == Stage::Other {
            return;
        }
        // A contact from the CRM that starts above a threshold has been judged by the CRM
        // already: only a crossing during the plan moves it.
        let (score, from_crm) = (self.score, self.from_crm);
        let crossed = |threshold: i32| score >= threshold && (!from_crm || before < threshold);
        if crossed(lc.mql_score) && self.stage < Stage::Mql {
            self.set_stage(plan, router, t, Stage::Mql, false);
            if lc.handoff_at == HandoffPoint::Mql {
                self.handoff(plan, router, t);
            }
        }
        if crossed(lc.handoff_score) && self.stage < Stage::Sql {
            self.set_stage(plan, router, t, Stage::Sql, false);
            self.handoff(plan, router, t);
        }
    }

    fn decay(&mut self, plan: &Plan, router: &mut Router, t: Minute) {
        let Some(decay) = &plan.scenario.scoring.decay else { return };
        let quiet = decay.quiet_days.max(1) * DAY;
        if t >= self.last_active + quiet {
            let before = self.score;
            self.score = self.score.saturating_sub(decay.points).max(0);
            if self.score != before {
                self.push(t, What::ScoreDecayed, 0, self.score, Reason::None);
                self.after_score(plan, router, t, before);
            }
            self.schedule(t + quiet, 0, 0, Act::Decay);
        } else {
            self.schedule(self.last_active + quiet, 0, 0, Act::Decay);
        }
    }

    /// Moves the stage. Stages only move forward, except an explicit recycle.
    fn set_stage(&mut self, plan: &Plan, router: &mut Router, t: Minute, stage: Stage, recycle: bool) {
        if stage == self.stage || (!recycle && stage < self.stage) {
            return;
        }
        self.stage = stage;
        self.push(t, What::StageChanged, 0, self.score, Reason::None);
        self.check_exits(plan, t, |e| matches!(e, PExit::Stage(s) if stage >= s));
        self.fire_stage_triggers(plan, router, t);
    }

    fn fire_stage_triggers(&mut self, plan: &Plan, router: &mut Router, t: Minute) {
        for &(stage, wf) in &plan.stage_triggers {
            if stage == self.stage {
                self.enroll(plan, router, t, wf);
            }
        }
    }

    fn join_list(&mut self, plan: &Plan, router: &mut Router, t: Minute, list: ListName) {
        self.lists |= list.bit();
        self.push(t, What::JoinedList, plan.label_lists[list as usize], self.score, Reason::None);
        for &(l, wf) in &plan.list_triggers {
            if l == list {
                self.enroll(plan, router, t, wf);
            }
        }
    }

    /// Ends enrollments whose goal or exit criteria `hit` matches.
    fn check_exits(&mut self, plan: &Plan, t: Minute, hit: impl Fn(PExit) -> bool) {
        for e in 0..self.enrollments.len() {
            let en = self.enrollments[e];
            if !en.active {
                continue;
            }
            let wf = &plan.workflows[en.wf as usize];
            if wf.goal.is_some_and(&hit) {
                self.enrollments[e].active = false;
                self.push(t, What::GoalReached, wf.name, self.score, Reason::None);
            } else if wf.exits.iter().any(|&x| hit(x)) {
                self.enrollments[e].active = false;
                self.push(t, What::Unenrolled, wf.name, self.score, Reason::ExitCriteria);
            }
        }
    }

    fn enroll(&mut self, plan: &Plan, _router: &mut Router, t: Minute, wf: u16) {
        let w = &plan.workflows[wf as usize];
        if self.enrollments.iter().any(|e| e.active && e.wf == wf) {
            return;
        }
        if self.ever_enrolled[wf as usize] && !w.reenroll {
            return;
        }
        // A contact who already meets the goal or an exit criterion is not enrolled.
        let meets = |x: PExit| match x {
            PExit::Stage(s) => self.stage >= s && self.stage != Stage::Other || (s == Stage::Other && self.stage == Stage::Other),
            PExit::HandedOff => self.sales_owned,
            PExit::Form(_) => false,
        };
        if w.goal.is_some_and(meets) || w.exits.iter().any(|&x| meets(x)) {
            return;
        }
        self.ever_enrolled[wf as usize] = true;
        let slot = match self.enrollments.iter().position(|e| !e.active) {
            Some(s) => s,
            None => {
                self.enrollments.push(Enrollment::default());
                self.enrollments.len() - 1
            }
        };
        let gen = self.enrollments[slot].gen.wrapping_add(1);
        self.enrollments[slot] = Enrollment { wf, step: 0, gen, active: true, last_email: None, opened: false, clicked: false };
        self.push(t, What::Enrolled, w.name, self.score, Reason::None);
        self.go_to_step(plan, t, slot as u8, 0);
    }

    #[allow(clippy::too_many_arguments)]
    fn step(&mut self, plan: &Plan, router: &mut Router, shadows: &Shadows, t: Minute, slot: u8, gen: u16, late: Late) {
        let en = self.enrollments[slot as usize];
        if !en.active || en.gen != gen {
            return;
        }
        let wf = &plan.workflows[en.wf as usize];
        let Some(step) = wf.steps.get(en.step as usize).copied() else {
            self.enrollments[slot as usize].active = false;
            return;
        };
        match step {
            PStep::Email(email) => {
                // Off-hours sends move to the next open slot, as HubSpot's run-times window does.
                let spread = self.who % 15;
                let open_at = if wf.business_hours_only { plan.clock.next_open(Team::Marketing, t, spread) } else { plan.clock.next_unpaused(t) };
                if open_at > t {
                    let why = if plan.clock.is_paused(t) { Reason::MovedPastPauseDate } else { Reason::MovedToBusinessHours };
                    let from = if late.from == u32::MAX { t } else { late.from };
                    let why = if late.why == Reason::None { why } else { late.why };
                    self.schedule(open_at, 1 + plan.rank[0], wf.priority, Act::Step { slot, gen, late: Late { from, why } });
                    return;
                }
                if plan.tracked[email as usize] && !wf.repeat_content && self.received.contains(&plan.content[email as usize]) {
                    self.push(t, What::EmailSuppressed, email, 0, Reason::AlreadyReceived);
                    self.go_to_step(plan, t, slot, en.step + 1);
                    return;
                }
                match self.deliver(plan, shadows, t, email, EmailKind::Automated, Some(wf), None, late) {
                    Delivery::Delayed(at) => {
                        let from = if late.from == u32::MAX { t } else { late.from };
                        self.schedule(at, 1 + plan.rank[0], wf.priority, Act::Step { slot, gen, late: Late { from, why: Reason::DelayedByCap } });
                        return;
                    }
                    Delivery::Sent | Delivery::Held => {}
                }
                let e = &mut self.enrollments[slot as usize];
                e.last_email = Some(email);
                e.opened = false;
                e.clicked = false;
                self.go_to_step(plan, t, slot, en.step + 1);
            }
            PStep::Delay { .. } | PStep::DelayUntil { .. } => self.go_to_step(plan, t, slot, en.step),
            PStep::Branch { when, to } => {
                let holds = match when {
                    BranchCondition::Opened => en.opened,
                    BranchCondition::NotOpened => !en.opened,
                    BranchCondition::Clicked => en.clicked,
                    BranchCondition::NotClicked => !en.clicked,
                };
                self.go_to_step(plan, t, slot, if holds { to } else { en.step + 1 });
            }
        }
        let _ = router;
    }

    /// Moves an enrollment on to step `to` at minute `t`. Waits send nothing, so they are
    /// worked out at once and only the step that does something is queued, at the minute
    /// the waits lead to.
    fn go_to_step(&mut self, plan: &Plan, t: Minute, slot: u8, to: u16) {
        let en = self.enrollments[slot as usize];
        let steps = &plan.workflows[en.wf as usize].steps;
        let (mut at, mut to) = (t, to);
        while at < plan.clock.end {
            match steps.get(to as usize) {
                Some(&PStep::Delay { min, max }) => {
                    let wait = if max > min { self.rng().between(min, max) } else { min };
                    at = at.saturating_add(wait);
                }
                Some(&PStep::DelayUntil { weekday, at: time }) => {
                    let mut day = at / DAY;
                    while day * DAY + time <= at || plan.clock.weekday(day * DAY + time) != weekday {
                        day += 1;
                    }
                    at = day * DAY + time;
                }
                _ => break,
            }
            to += 1;
        }
        self.enrollments[slot as usize].step = to;
        self.schedule(at, 0, 0, Act::Step { slot, gen: en.gen, late: ON_TIME });
    }

    /// Why policy holds an email back right now, if it does.
    fn held_by_policy(&self, plan: &Plan, kind: EmailKind, mass: Option<u16>) -> Option<Reason> {
        let sales_opts = plan.scenario.unsubscribe_stops_sales;
        if kind.is_marketing() || sales_opts {
            if self.unsubscribed {
                return Some(Reason::Unsubscribed);
            }
            if self.bounced {
                return Some(Reason::Bounced);
            }
        }
        if kind.is_marketing() && self.dark_suppressed {
            return Some(Reason::DarkSuppression);
        }
        let here = standing(self.sales_owned && self.visible_to_list, self.stage, plan.scenario.lifecycle.handoff_at);
        if let Err(hold) = plan.verdict(here, self.stage, kind) {
            return Some(match hold {
                Hold::OwnedBySales => Reason::UniversalSuppression,
                Hold::SalesStage => Reason::SalesStage,
                Hold::CustomMatrix => Reason::CustomPolicy,
            });
        }
        let excluded = mass.is_some_and(|m| plan.excluded(self.who, m));
        if excluded && self.sales_owned && plan.option.sends_notices() {
            return Some(Reason::ExcludedByRep);
        }
        None
    }

    /// Whether the agreement would have held this email back from a person sales owns at
    /// `stage`, had the suppression list seen it: a marketing email that went out anyway
    /// leaked.
    fn leaked(plan: &Plan, kind: EmailKind, stage: Stage) -> bool {
        plan.verdict(Standing::Owned, stage, kind).is_err()
    }

    /// Tries to send an email now: holds it back, delays it, or sends it and rolls the
    /// contact's reactions.
    #[allow(clippy::too_many_arguments)]
    fn deliver(
        &mut self,
        plan: &Plan,
        shadows: &Shadows,
        t: Minute,
        email: u16,
        kind: EmailKind,
        wf: Option<&super::plan::PWorkflow>,
        mass: Option<u16>,
        late: Late,
    ) -> Delivery {
        let mut held = self.held_by_policy(plan, kind, mass);
        if held.is_none() {
            if let Some(w) = wf {
                if w.suppress_stages & (1 << self.stage.index()) != 0 || w.suppress_lists & self.lists != 0 {
                    held = Some(Reason::WorkflowSuppression);
                }
            }
        }
        let exempt = mass.is_some_and(|m| plan.mass[m as usize].exempt);
        if held.is_none() {
            if let Some(cap) = plan.cap.filter(|c| c.counts[kind_index(kind)] && !exempt) {
                // Sent times are in time order, so the window is a tail of the list.
                let recent = self.capped_times.iter().rev().take_while(|&&x| x + cap.window > t).count();
                if recent as u32 >= cap.max {
                    if cap.delay {
                        // The first moment the window has room again: when the oldest
                        // email that must leave it does.
                        let first = self.capped_times.len() - recent;
                        let k = first + recent - cap.max as usize;
                        return Delivery::Delayed(self.capped_times[k] + cap.window);
                    }
                    held = Some(Reason::FrequencyCap);
                }
            }
        }
        if let Some(reason) = held {
            self.push(t, What::EmailSuppressed, email, late_hours(late, t), reason);
            return Delivery::Held;
        }
        // Sent. Note a leak, else a delay.
        let p = plan.pop.people[self.who as usize];
        let day = plan.clock.local_day(t, p.offset.unwrap_or(plan.clock.offset()));
        let mut note = late.why;
        if kind.is_marketing() {
            if self.sales_owned && !self.visible_to_list && Self::leaked(plan, kind, self.stage) {
                note = Reason::LeakUnmarkedEventLead;
            } else if let Some(other) = p.same_as.and_then(|j| shadows.get(&j)) {
                // The person is at least at the handoff stage on the record sales works.
                let stage = self.stage.max(first_sales_stage(plan.scenario.lifecycle.handoff_at));
                if other.owned.iter().any(|&(a, b)| a <= t && t < b) && Self::leaked(plan, kind, stage) {
                    note = Reason::LeakDuplicate;
                }
            }
        }
        self.push(t, What::EmailSent, email, late_hours(late, t), note);
        self.emails_received += 1;
        self.last_sent = Some(email);
        if plan.tracked[email as usize] {
            let content = plan.content[email as usize];
            if !self.received.contains(&content) {
                self.received.push(content);
            }
        }
        if plan.cap.is_some_and(|c| c.counts[kind_index(kind)] && !exempt) {
            self.capped_times.push(t);
        }
        self.sent_times.push(t);
        let week_ago = t.saturating_sub(7 * DAY);
        let in_week = self.sent_times.iter().rev().take_while(|&&x| x > week_ago).count() as u32;
        let limit = plan.scenario.sla.comfort_limit_per_7_days;
        if in_week > limit && !self.over_limit {
            self.over_limit = true;
            self.push(t, What::OverComfortLimit, email, in_week as i32, Reason::None);
        } else if in_week <= limit {
            self.over_limit = false;
        }
        // Conflicts: marketing and sales on the same local day, also across the same
        // person's two addresses.
        let other_sales_day = p.same_as.and_then(|j| shadows.get(&j)).is_some_and(|o| o.sales_days.contains(&day));
        if kind.is_marketing() {
            self.last_marketing_day = day;
            if (self.last_sales_day == day || other_sales_day) && self.last_conflict_day != day {
                self.last_conflict_day = day;
                self.push(t, What::Conflict, email, 0, Reason::None);
            }
        } else {
            self.last_sales_day = day;
            self.shadow.sales_days.push(day);
            if self.last_marketing_day == day && self.last_conflict_day != day {
                self.last_conflict_day = day;
                self.push(t, What::Conflict, email, 0, Reason::None);
            }
        }
        self.react(plan, t, email, kind, in_week);
        Delivery::Sent
    }

    /// Rolls what the contact does with an email that reached them.
    fn react(&mut self, plan: &Plan, t: Minute, email: u16, kind: EmailKind, in_week: u32) {
        if self.will_bounce && !self.bounced {
            self.bounced = true;
            self.push(t, What::Bounced, email, self.score, Reason::None);
            return;
        }
        if let Some(sc) = plan.scripts[self.who as usize].as_ref() {
            if sc.unsubscribe_on == Some(email) {
                self.schedule(t + 30, 0, 0, Act::Reaction { email, react: React::Unsubscribe });
                return;
            }
            if sc.opens.contains(&email) || sc.clicks.contains(&email) {
                self.schedule(t + 45, 0, 0, Act::Reaction { email, react: React::Open });
                if sc.clicks.contains(&email) {
                    self.schedule(t + 47, 0, 0, Act::Reaction { email, react: React::Click });
                }
            } else if plan.uses_ignored {
                self.schedule(t + 3 * DAY, 0, 0, Act::Reaction { email, react: React::Ignored });
            }
            return;
        }
        let persona = &plan.scenario.personas[self.persona as usize];
        let odds = plan.reactions[self.persona as usize][kind_index(kind)];
        if kind == EmailKind::Sales {
            // Opens and replies to sales email are rolled by the cadence; only an
            // unsubscribe is rolled here.
            if self.rng().roll(odds.unsubscribe) {
                let after = 10 + self.rng().below(24 * 60);
                self.schedule(t + after, 0, 0, Act::Reaction { email, react: React::Unsubscribe });
            }
            return;
        }
        let extra = in_week.saturating_sub(persona.fatigue.tolerance_per_7_days);
        let (open, unsub) = if extra == 0 {
            (odds.open, odds.unsubscribe)
        } else {
            // Fatigue: past the tolerance, each extra email in 7 days lowers the chance to
            // open and raises the chance to unsubscribe.
            let r = if kind == EmailKind::Mass { &persona.mass } else { &persona.automated };
            let mut open = r.open;
            for _ in 0..extra.min(50) {
                open *= 1.0 - persona.fatigue.open_drop_per_extra_email;
            }
            (Odds::new(open), Odds::new(r.unsubscribe + persona.fatigue.unsubscribe_rise_per_extra_email * extra as f64))
        };
        if self.rng().roll(unsub) {
            let after = 10 + self.rng().below(24 * 60);
            self.schedule(t + after, 0, 0, Act::Reaction { email, react: React::Unsubscribe });
            return;
        }
        if self.rng().roll(open) {
            let after = 5 + self.rng().below(36 * 60);
            self.schedule(t + after, 0, 0, Act::Reaction { email, react: React::Open });
            if self.rng().roll(odds.click) {
                self.schedule(t + after + 2, 0, 0, Act::Reaction { email, react: React::Click });
            }
            if self.rng().roll(odds.reply) {
                self.schedule(t + after + 30, 0, 0, Act::Reaction { email, react: React::Reply });
            }
        } else if plan.uses_ignored {
            self.schedule(t + 3 * DAY, 0, 0, Act::Reaction { email, react: React::Ignored });
        }
    }

    fn reaction(&mut self, plan: &Plan, router: &mut Router, t: Minute, email: u16, react: React) {
        for e in self.enrollments.iter_mut() {
            if e.active && e.last_email == Some(email) {
                match react {
                    React::Open => e.opened = true,
                    React::Click => {
                        e.opened = true;
                        e.clicked = true;
                    }
                    _ => {}
                }
            }
        }
        let (what, ev) = match react {
            React::Open => (What::Opened, ScoredEvent::EmailOpen),
            React::Click => (What::Clicked, ScoredEvent::EmailClick),
            React::Reply => (What::Replied, ScoredEvent::EmailReply),
            React::Ignored => (What::Ignored, ScoredEvent::EmailIgnored),
            React::Unsubscribe => {
                if self.unsubscribed {
                    return;
                }
                self.unsubscribed = true;
                (What::Unsubscribed, ScoredEvent::Unsubscribe)
            }
        };
        if react != React::Ignored {
            self.last_active = t;
        }
        self.scored_entry(plan, router, t, what, email, ev);
    }

    fn handoff(&mut self, plan: &Plan, router: &mut Router, t: Minute) {
        if self.sales_owned || self.stage == Stage::Other || self.stage == Stage::Customer {
            return;
        }
        let p = plan.pop.people[self.who as usize];
        let (rep, start) = router.assign(plan, &p, t);
        match rep {
            Some(r) => self.start_sales(plan, t, r, start),
            None => {
                // No rep has room before the horizon ends: owned by sales, never worked.
                self.take_over(t, None);
                self.push(t, What::HandedOff, 0, self.score, Reason::None);
                self.push(t, What::TeamsNotified, 0, self.score, Reason::None);
                self.check_exits(plan, t, |e| e == PExit::HandedOff);
                self.schedule_sla_check(plan, t);
            }
        }
    }

    /// Sales takes the contact over.
    fn take_over(&mut self, t: Minute, rep: Option<u8>) {
        self.sales_owned = true;
        self.visible_to_list = true;
        self.dark_suppressed = false;
        self.replied = false;
        self.first_touched = false;
        self.episode = self.episode.wrapping_add(1);
        self.handed_off_at = t;
        self.owned_since = Some(t);
        self.rep = rep;
        self.status = LeadStatus::New;
    }

    /// Hands the contact to rep `r` at `t`, who starts working it at `start`.
    fn start_sales(&mut self, plan: &Plan, t: Minute, r: usize, start: Minute) {
        self.take_over(t, Some(r as u8));
        self.push(t, What::HandedOff, 0, self.score, Reason::None);
        self.push(t, What::TeamsNotified, 0, self.score, Reason::None);
        self.check_exits(plan, t, |e| e == PExit::HandedOff);
        self.schedule_sla_check(plan, t);
        if start > t {
            self.push(t, What::WaitingForRep, 0, ((start - t) / 60) as i32, Reason::None);
        }
        let rep = &plan.scenario.reps[r];
        let hours = rep.first_touch_hours.max(0.0) * if self.script { 1.0 } else { self.rng().factor(0.3, 2.2) };
        let first = plan.clock.add_business_minutes(Team::Sales, start, (hours * 60.0) as u32);
        self.first_touch_at = first;
        if !plan.scenario.sales_cadence.touches.is_empty() {
            self.schedule(first, 1 + plan.rank[2], 0, Act::Touch { k: 0, episode: self.episode, late: ON_TIME });
        }
    }

    /// A contact already in the CRM that rep `r` owns: sales-owned from `t` with the work in
    /// progress, no handoff, no SLA clock. What the work is depends on the stage, as the
    /// scenario's `in_progress` says (by default an opportunity closes within the deal
    /// days and an SQL or SAL is partway through the cadence); a customer stays.
    fn continue_sales(&mut self, plan: &Plan, t: Minute, r: usize, status: LeadStatus) {
        self.take_over(t, Some(r as u8));
        self.first_touched = true;
        self.status = match status {
            LeadStatus::None | LeadStatus::New => LeadStatus::Attempting,
            other => other,
        };
        let cadence = &plan.scenario.sales_cadence;
        let work = match self.stage {
            Stage::Customer | Stage::Other => return,
            stage => cadence.in_progress.for_stage(stage).unwrap_or(OpenWork::MidCadence),
        };
        match work {
            OpenWork::DealCloses => {
                let days = 1 + self.rng().below(cadence.deal_days.max(1));
                self.schedule(t.saturating_add(days * DAY), 0, 0, Act::DealClose(self.episode));
            }
            OpenWork::Quiet => {}
            _ if cadence.touches.is_empty() || self.status == LeadStatus::Connected => {}
            OpenWork::MidCadence | OpenWork::CadenceFromStart => {
                let k = if work == OpenWork::MidCadence { self.rng().below(cadence.touches.len() as u32) as u8 } else { 0 };
                let within = self.rng().below(3 * DAY);
                let at = plan.clock.next_open(Team::Sales, t + within, 0);
                self.schedule(at, 1 + plan.rank[2], 0, Act::Touch { k, episode: self.episode, late: ON_TIME });
            }
        }
    }

    /// The SLA's deadline for the first touch after a handoff at `t`: if no touch has
    /// gone out by then, the SLA is breached.
    fn schedule_sla_check(&mut self, plan: &Plan, t: Minute) {
        let deadline = t.saturating_add(plan.scenario.sla.first_touch_hours.saturating_mul(60));
        if deadline < plan.clock.end {
            self.schedule(deadline, 0, 0, Act::SlaCheck(self.episode));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn touch(&mut self, plan: &Plan, router: &mut Router, shadows: &Shadows, t: Minute, k: u8, episode: u16, late: Late) {
        if episode != self.episode || !self.sales_owned || self.replied {
            return;
        }
        let cadence = &plan.scenario.sales_cadence;
        let touch = &cadence.touches[k as usize];
        let email = plan.touch_emails[k as usize];
        if self.status == LeadStatus::New {
            self.status = LeadStatus::Attempting;
        }
        let reached = match touch.channel {
            TouchChannel::Email => match self.deliver(plan, shadows, t, email, EmailKind::Sales, None, None, late) {
                Delivery::Delayed(at) => {
                    let at = plan.clock.next_open(Team::Sales, at, 0);
                    let from = if late.from == u32::MAX { t } else { late.from };
                    self.schedule(at, 1 + plan.rank[2], 0, Act::Touch { k, episode, late: Late { from, why: Reason::DelayedByCap } });
                    return;
                }
                Delivery::Sent => true,
                Delivery::Held => false,
            },
            TouchChannel::Call => {
                self.push(t, What::Called, email, self.score, Reason::None);
                true
            }
        };
        // The first touch that went out, when it went out: a held-back touch is no touch.
        if reached && !self.first_touched {
            self.first_touched = true;
            let hours = ((t - self.handed_off_at) / 60).min(i16::MAX as u32) as i32;
            self.push(t, What::FirstTouch, email, hours, Reason::None);
            if plan.scenario.lifecycle.use_sal && self.stage == Stage::Sql {
                self.set_stage(plan, router, t, Stage::Sal, false);
            }
        }
        if reached && !self.bounced {
            let replies = match plan.scripts[self.who as usize].as_ref() {
                Some(sc) => sc.reply_touch == Some(k as u32 + 1),
                None => {
                    let persona = &plan.scenario.personas[self.persona as usize];
                    let (open, reply) = (persona.sales.open, persona.sales.reply);
                    self.rng().chance(open) && self.rng().chance(reply)
                }
            };
            if replies {
                let after = 30 + self.rng().below(20 * 60);
                let after = if self.script { 120 } else { after };
                self.schedule(t + after, 0, 0, Act::SalesReply { email, episode });
            } else if k == 0 && self.event_followup && !self.script {
                let release = plan.after_reply[self.persona as usize].released_cold;
                if self.rng().roll(release) {
                    self.schedule(t + DAY, 0, 0, Act::ReleaseCold(episode));
                }
            }
        }
        let next = k as usize + 1;
        if next < cadence.touches.len() {
            let due = self.first_touch_at + cadence.touches[next].day * DAY;
            let due = plan.clock.next_open(Team::Sales, due.max(t + 1), self.who % 15);
            self.schedule(due, 1 + plan.rank[2], 0, Act::Touch { k: next as u8, episode, late: ON_TIME });
        } else {
            self.schedule(t + cadence.dark_after_days * DAY, 0, 0, Act::DarkCheck(episode));
        }
    }

    fn sales_reply(&mut self, plan: &Plan, router: &mut Router, t: Minute, email: u16, episode: u16) {
        if episode != self.episode || !self.sales_owned || self.replied {
            return;
        }
        // A reply stops the cadence: the lead is connected and stays with its rep.
        self.replied = true;
        self.status = LeadStatus::Connected;
        self.last_active = t;
        self.scored_entry(plan, router, t, What::Replied, email, ScoredEvent::EmailReply);
        let next = match plan.scripts[self.who as usize].as_ref() {
            Some(sc) => match (sc.meeting, sc.after_reply) {
                (true, _) => AfterReply::Meeting,
                (false, Some(ReplyOutcome::BadTiming)) => AfterReply::BadTiming,
                (false, Some(ReplyOutcome::Unqualified)) => AfterReply::Unqualified,
                (false, None) => AfterReply::Talking,
            },
            None => {
                let meeting = plan.scenario.personas[self.persona as usize].sales.meeting;
                let odds = plan.after_reply[self.persona as usize];
                if self.rng().chance(meeting) {
                    AfterReply::Meeting
                } else if self.rng().roll(odds.bad_timing) {
                    AfterReply::BadTiming
                } else if self.rng().roll(odds.unqualified) {
                    AfterReply::Unqualified
                } else {
                    AfterReply::Talking
                }
            }
        };
        match next {
            AfterReply::Meeting => self.meeting(plan, router, t, episode),
            AfterReply::BadTiming => {
                self.status = LeadStatus::BadTiming;
                self.push(t, What::BadTiming, 0, self.score, Reason::None);
                let back = t.saturating_add(plan.scenario.sales_cadence.bad_timing_return_days * DAY);
                self.schedule(back, 0, 0, Act::BadTimingReturn(episode));
            }
            AfterReply::Unqualified => {
                self.status = LeadStatus::Unqualified;
                self.recycle(plan, router, t, ListName::Unqualified, plan.labels.unqualified);
            }
            AfterReply::Talking => {}
        }
    }

    /// A meeting is booked: the lead becomes an opportunity and the deal closes after
    /// `deal_days`.
    fn meeting(&mut self, plan: &Plan, router: &mut Router, t: Minute, episode: u16) {
        self.push(t, What::MeetingBooked, 0, self.score, Reason::None);
        self.set_stage(plan, router, t, Stage::Opportunity, false);
        let close = t.saturating_add(plan.scenario.sales_cadence.deal_days * DAY);
        self.schedule(close, 0, 0, Act::DealClose(episode));
    }

    /// Sales passes the lead back to marketing: owner, stage and score are reset, and the
    /// lead joins the recycled list and the list for its reason.
    fn recycle(&mut self, plan: &Plan, router: &mut Router, t: Minute, list: ListName, reason: u16) {
        self.status = LeadStatus::Recycled;
        self.push(t, What::Recycled, reason, self.score, Reason::None);
        // Returning leads leave the nurture they were in; the track for their reason,
        // entered below through its list, takes over (unless a workflow resumes).
        for e in 0..self.enrollments.len() {
            let en = self.enrollments[e];
            let wf = &plan.workflows[en.wf as usize];
            if en.active && !wf.resume_after_return {
                self.enrollments[e].active = false;
                self.push(t, What::Unenrolled, wf.name, self.score, Reason::ReturnedToMarketing);
            }
        }
        if let Some(from) = self.owned_since.take() {
            self.shadow.owned.push((from, t));
        }
        self.sales_owned = false;
        self.event_followup = false;
        self.rep = None;
        self.set_stage(plan, router, t, Stage::Lead, true);
        if self.score != 0 {
            self.score = 0;
            self.push(t, What::ScoreChanged, 0, 0, Reason::None);
        }
        self.join_list(plan, router, t, ListName::Recycled);
        self.join_list(plan, router, t, list);
    }

    fn in_segment(&self, plan: &Plan, m: u16) -> bool {
        let ms = &plan.mass[m as usize];
        let p = plan.pop.people[self.who as usize];
        (ms.stages == 0 || ms.stages & (1 << self.stage.index()) != 0)
            && ms.personas.get(p.persona as usize).copied().unwrap_or(false)
            && (ms.lists == 0 || ms.lists & self.lists != 0)
            && ms.traits.iter().all(|(name, values)| values.contains(&plan.pop.trait_of(&p, *name)))
    }

    fn mass_notice(&mut self, plan: &Plan, t: Minute, m: u16) {
        if self.sales_owned && self.rep.is_some() && self.in_segment(plan, m) {
            self.push(t, What::MassSendNotice, plan.mass[m as usize].email, self.score, Reason::None);
        }
    }

    fn mass_send(&mut self, plan: &Plan, shadows: &Shadows, t: Minute, m: u16, late: Late) {
        if !self.in_segment(plan, m) {
            return;
        }
        let email = plan.mass[m as usize].email;
        if let Delivery::Delayed(at) = self.deliver(plan, shadows, t, email, EmailKind::Mass, None, Some(m), late) {
            let from = if late.from == u32::MAX { t } else { late.from };
            self.schedule(at, 1 + plan.rank[1], 0, Act::MassRetry { m, late: Late { from, why: Reason::DelayedByCap } });
        }
    }
}

/// What follows a reply to sales.
enum AfterReply {
    Meeting,
    BadTiming,
    Unqualified,
    /// The conversation goes on: the lead stays with its rep, connected.
    Talking,
}

enum Delivery {
    Sent,
    Held,
    Delayed(Minute),
}

fn late_hours(late: Late, t: Minute) -> i32 {
    if late.from == u32::MAX {
        0
    } else {
        ((t.saturating_sub(late.from) + 30) / 60) as i32
    }
}
