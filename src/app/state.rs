//! The app's shared state: the open scenario with its edit history, the selected contact,
//! and the simulation results derived from them. Components reach it through [`use_app`].
//!
//! Every edit goes through [`AppState::edit`]: the change is made on a copy, the copy is
//! validated by the engine, and only a valid copy replaces the scenario (and can be
//! undone). An invalid edit returns its problems and changes nothing.

use std::sync::Arc;

pub use crate::app::history::History;

use leptos::prelude::*;

use crate::app::workspace::storage::{self, SaveError};
use crate::app::workspace::{Entry, Workspace};
use crate::engine::edits::Refused;
use crate::engine::figures::{still_to_simulate, unchanged_options, Compared, Comparison, OptionSummary};
use crate::engine::load::{validate_since, Checked};
use crate::engine::pieces::Written;
use crate::engine::{HandoffOption, Outcome, Population, Problem, Scenario, Simulation};

/// The seed the app simulates with; the comparison uses the same one for every option.
pub const SEED: u64 = 1;

/// Work (estimated calendar entries × options × runs) small enough to do at once, before the
/// page is drawn again: about 1,500 contacts like the eBook sample's (148 entries each);
/// the built-in samples are far below it. Anything larger runs a slice at a time, so no
/// file, however its contacts behave, can freeze the page at start-up or on an edit.
const AT_ONCE: usize = 900_000;

/// Work from which Web Workers help (about 2,500 contacts like the eBook sample's, all
/// four options): below it, starting them and waiting for their answers takes longer than
/// the page simulating the other options itself, a slice at a time (2,000 contacts:
/// choosing another option took 110–127 ms with workers, measured by
/// `scripts/browser_bench.py --only interactions`).
const WORKERS_FROM: usize = 1_500_000;

/// Named contacts up to which the workers that helped stay in their pool for the next
/// edit ([`crate::app::workers::warm_up`]); a larger scenario's workers are ended, since
/// each keeps the memory its simulation needed. Between [`AT_ONCE`] and [`WORKERS_FROM`],
/// workers help only when the pool has some ready: a worker's start is what made them
/// slower there.
const POOL_CONTACTS_MOST: usize = 10_000;

/// Longest stretch of simulation between two chances for the page to respond, in ms.
const SLICE_MS: f64 = 12.0;

/// Named contacts from which simulating after an edit starts in a step after the edit's:
/// with 40,000 of them the edit's copy and check and the simulation's copy and estimate
/// made one step of 110–150 ms.
const PREPARE_APART_FROM: usize = 5_000;

/// Contacts simulated between two looks at the clock.
const STEP: usize = 200;

/// What one simulation pass produced for the screens.
pub struct RunData {
    /// The outcome of the chosen option.
    pub outcome: Outcome,
    /// Every option side by side on the same population and seed.
    pub comparison: Vec<OptionSummary>,
    /// The population, for names and addresses.
    pub population: Population,
    /// The scenario these results are of (the open one may be newer while large results
    /// are being updated); names and personas are looked up here.
    pub scenario: Scenario,
    /// How long this simulation took in the browser, in milliseconds.
    pub millis: f64,
    /// How many Web Workers simulated the other options and seeds (0: the page did it all).
    pub helpers: usize,
    /// How many simulations (an option under one seed) this pass did, here or in workers:
    /// the options an edit left unchanged are carried over, not simulated again.
    pub simulations: usize,
}

/// Results, shared cheaply; two results are equal only when they are the same run.
#[derive(Clone)]
pub struct Run(pub Arc<RunData>);

impl PartialEq for Run {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// How Web Workers help a comparison ([`Run::compute_in_slices`]).
pub struct Helping {
    /// The contacts kept for saving, and the open scenario's place among them.
    kept: StoredValue<Vec<Written>>,
    at: usize,
    /// How many workers: `None` for as many as help ([`crate::app::workers::count_for`]),
    /// else those waiting in the pool.
    count: Option<usize>,
    /// Whether the workers go back to the pool once they have answered.
    pool: bool,
}

impl Run {
    /// Simulates every option (over `runs` consecutive seeds for the comparison's ranges)
    /// but those `carried` over from earlier results, and keeps the chosen one's calendars
    /// from the first seed, all at once.
    pub fn compute(s: &Scenario, runs: u32, carried: Vec<OptionSummary>) -> Run {
        let started = now();
        let needed = still_to_simulate(&carried);
        let compared = Comparison::new(s, &needed, SEED, runs, Some(s.handoff_option)).finish();
        Run::assemble(s.clone(), compared.with(carried), started, 0, needed.len() * runs.max(1) as usize)
    }

    /// The same results as [`Run::compute`], computed a few hundred contacts at a time with
    /// the page free to respond in between. With `helpers` (given when the work is worth
    /// starting workers for, or when workers wait ready in their pool), Web Workers
    /// simulate the other options and seeds meanwhile ([`crate::app::workers`]) and the
    /// page only the chosen option; where workers
    /// cannot run, the page does it all. `progress` gets the share
    /// done; `stale` is asked between slices and, when it says so, the work stops and
    /// nothing is returned. The options `carried` over from earlier results are not
    /// simulated again.
    pub async fn compute_in_slices(
        mut s: Scenario,
        runs: u32,
        carried: Vec<OptionSummary>,
        helpers: Option<Helping>,
        progress: impl Fn(f64),
        stale: impl Fn() -> bool,
    ) -> Option<Run> {
        // Whatever led here (an import, an edit) finishes drawing first; but workers
        // waiting ready in the pool are given their jobs at once, so that they simulate
        // while the page draws the edit (2,000 contacts: they started 20–45 ms after the
        // click, after the edit was drawn).
        let pool_ready = helpers.as_ref().is_some_and(|h| h.count.is_some());
        if !pool_ready {
            next_frame().await;
            if stale() {
                return None;
            }
        }
        let started = now();
        let kept = s.handoff_option;
        let needed = still_to_simulate(&carried);
        let runs_each = runs.max(1) as usize;
        let mut jobs = Vec::new();
        let workers = match helpers {
            Some(h) if !needed.is_empty() => {
                jobs = crate::engine::helpers::jobs(&needed, SEED, runs, Some(kept));
                let pieces = write_pieces(&mut s, h.kept, h.at, &stale).await?;
                let count = h.count.unwrap_or_else(|| crate::app::workers::count_for(jobs.len())).min(jobs.len());
                crate::app::workers::Helpers::start(&pieces, &jobs, count, h.pool, &stale).await
            }
            _ => None,
        };
        if workers.is_some() {
            // Starting the workers was a step of its own.
            next_frame().await;
        }
        if stale() {
            return None;
        }
        // The page simulates every option still needed, or, with workers, none of them; and
        // the chosen option's first run for its calendars if that is not among them.
        let own = if workers.is_some() { Vec::new() } else { needed.clone() };
        let mut compared = Run::slices(&s, &own, runs, &progress, &stale).await?;
        let mut simulations = own.len() * runs_each;
        let mut kept_figures = None;
        if compared.kept.is_none() {
            let first = Run::slices(&s, &[kept], 1, &progress, &stale).await?;
            simulations += 1;
            kept_figures = first.summaries.first().map(|k| (kept, k.figures.clone()));
            compared.kept = first.kept;
        }
        // Finishing the last simulation is a step of its own; drawing comes in another.
        next_frame().await;
        if stale() {
            return None;
        }
        let Some(workers) = workers else {
            return Some(Run::assemble(s, compared.with(carried), started, 0, simulations));
        };
        let helpers = workers.count();
        let answers = workers.answers().await;
        if stale() {
            return None;
        }
        match answers.ok().and_then(|a| crate::engine::helpers::assemble(&needed, SEED, runs, kept_figures, &a)) {
            Some(summaries) => {
                let compared = Compared { summaries, kept: compared.kept }.with(carried);
                Some(Run::assemble(s, compared, started, helpers, simulations + jobs.len()))
            }
            // A worker failed: everything again here, a slice at a time.
            None => {
                let again = Run::slices(&s, &needed, runs, &progress, &stale).await?;
                let compared = Compared { summaries: again.summaries, kept: compared.kept }.with(carried);
                Some(Run::assemble(s, compared, started, 0, simulations + needed.len() * runs_each))
            }
        }
    }

    /// Simulates `options` over `runs` seeds a slice at a time, keeping the chosen option's
    /// first outcome; `None` when `stale` says the work is no longer wanted.
    async fn slices(s: &Scenario, options: &[HandoffOption], runs: u32, progress: &impl Fn(f64), stale: &impl Fn() -> bool) -> Option<Compared> {
        let mut comparison = Comparison::new(s, options, SEED, runs, Some(s.handoff_option));
        let mut slice_start = now();
        // Starting a simulation and totting one up are steps of their own (each tens of
        // milliseconds with 40,000 named contacts): in a large scenario they begin a slice,
        // not end one. (A small one is done sooner without the extra yields.)
        let large = s.contact_count() as usize > PREPARE_APART_FROM;
        loop {
            let long_next = large && comparison.next_step_is_long() && now() - slice_start > 1.0;
            if !long_next && comparison.advance(STEP) {
                break;
            }
            if long_next || now() - slice_start > SLICE_MS {
                let (done, total) = comparison.progress();
                progress(done as f64 / total.max(1) as f64);
                next_frame().await;
                if stale() {
                    return None;
                }
                slice_start = now();
            }
        }
        Some(comparison.finish())
    }

    /// The results from a comparison, simulating the chosen option's first run here if
    /// the comparison did not keep it; `simulations` counts what was simulated before.
    fn assemble(s: Scenario, compared: Compared, started: f64, helpers: usize, mut simulations: usize) -> Run {
        let (outcome, population) = compared.kept.unwrap_or_else(|| {
            simulations += 1;
            Simulation::new(&s, s.handoff_option, SEED).finish_with_population()
        });
        let comparison = compared.summaries;
        Run(Arc::new(RunData { outcome, comparison, population, scenario: s, millis: now() - started, helpers, simulations }))
    }

    /// Results with no contacts, shown for the moment a large scenario is first simulated.
    fn empty(s: &Scenario) -> Run {
        let mut bare = s.clone();
        bare.contacts.clear();
        bare.generate.clear();
        Run::compute(&bare, 1, Vec::new())
    }
}

/// The time of day on this computer, "18:40".
fn clock_time() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// Whether `run` holds the results of exactly this scenario.
fn run_of(run: RwSignal<Run>, s: &Scenario) -> bool {
    run.with_untracked(|r| r.0.scenario == *s)
}

/// The work a scenario needs for `runs` seeds of every option but those `carried` over
/// (and the chosen option's first run, for its calendars, if it is carried over): the
/// calendar entries the work budget estimates (habits and emails count, not only
/// contacts), times the simulations.
pub fn work(s: &Scenario, runs: u32, carried: &[OptionSummary]) -> usize {
    let entries = crate::engine::budget::estimate(s).total.max(s.contact_count() as f64);
    let kept_carried = carried.iter().any(|c| c.option == s.handoff_option);
    let simulations = still_to_simulate(carried).len().saturating_mul(runs.max(1) as usize) + usize::from(kept_carried);
    (entries as usize).saturating_mul(simulations)
}

/// The summaries of `previous` results that hold for `s` as well, because the edit between
/// them left those options' simulations as they were ([`unchanged_options`]) and the
/// number of runs is the same.
fn carried_over(previous: &RunData, s: &Scenario, runs: u32) -> Vec<OptionSummary> {
    if previous.comparison.iter().any(|c| c.runs != runs.max(1)) {
        return Vec::new();
    }
    let unchanged = unchanged_options(&previous.scenario, s);
    previous.comparison.iter().filter(|c| unchanged.contains(&c.option)).cloned().collect()
}

/// The page's clock in milliseconds (0 where there is none).
fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// The scenario in pieces ([`crate::engine::pieces`]) for the workers, its contacts
/// written through the contacts kept for saving (`kept`, the open scenario's at `at`): only
/// the pieces whose contacts changed since are written, a slice at a time, and the save
/// that follows finds them written. `None` when `stale` says it is no longer wanted.
async fn write_pieces(s: &mut Scenario, kept: StoredValue<Vec<Written>>, at: usize, stale: &impl Fn() -> bool) -> Option<String> {
    let contacts = &s.contacts;
    let i = kept.try_update_value(|all| {
        if all.len() <= at {
            all.resize_with(at + 1, Written::default);
        }
        let i = all.iter().position(|w| w.holds(contacts)).unwrap_or(at);
        all[i].sync(contacts);
        i
    })?;
    let mut slice_start = now();
    while kept.try_update_value(|all| all.get_mut(i).is_some_and(Written::write_one))? {
        if now() - slice_start > SLICE_MS {
            next_frame().await;
            if stale() {
                return None;
            }
            slice_start = now();
        }
    }
    // A save in between may have given the place to other contacts: then all at once.
    let head = crate::engine::pieces::head(s);
    let written = kept.try_update_value(|all| all.get_mut(i).filter(|w| w.holds(&s.contacts)).map(|w| w.with_head(head))).flatten();
    Some(written.unwrap_or_else(|| crate::engine::pieces::to_pieces(s)))
}

/// Reads a scenario back from its pieces (as a worker wrote them from a file), a slice at
/// a time, with its contacts as written.
pub async fn read_pieces(bytes: &[u8]) -> Result<(Scenario, Written), String> {
    use crate::engine::pieces::Assembly;
    let unreadable = || "the scenario's pieces are not text".to_string();
    let mut lines = bytes.split(|&b| b == b'\n');
    let mut assembly = Assembly::new(std::str::from_utf8(lines.next().unwrap_or_default()).map_err(|_| unreadable())?)?;
    let mut slice_start = now();
    for piece in lines {
        assembly.add(std::str::from_utf8(piece).map_err(|_| unreadable())?)?;
        if now() - slice_start > SLICE_MS {
            next_frame().await;
            slice_start = now();
        }
    }
    Ok(assembly.finish_written())
}

/// Waits until the browser has had a chance to handle input and draw: the rest runs in
/// a task of its own. A message to the page itself, not `setTimeout(0)`: browsers hold a
/// timeout set from a timeout's callback back to 4 ms from the fifth in a row, so a
/// simulation in slices waited 4 ms at each (about 20 ms of an edit with 2,000 contacts).
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| post_to_self(resolve));
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits until the browser has painted what is on screen now, then for a task of its own:
/// what comes next (the parts of a view below the first screen) is drawn after the first
/// screen is seen, not before. Where there are no frames to wait for, like [`next_frame`].
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let then = resolve.clone();
        let after = wasm_bindgen::closure::Closure::once_into_js(move || post_to_self(then));
        let asked = web_sys::window().and_then(|w| w.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&after)).ok());
        if asked.is_none() {
            post_to_self(resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A count that goes from 0 to `parts`, one step after each paint: a view draws its part
/// `k` once the count reaches `k`, so that what is above is seen before what is below is
/// drawn, each part in a task of its own.
pub fn part_by_part(parts: u8) -> RwSignal<u8> {
    let drawn = RwSignal::new(0u8);
    leptos::task::spawn_local(async move {
        for part in 1..=parts {
            after_paint().await;
            // The view may have been closed meanwhile.
            if drawn.try_set(part).is_some() {
                return;
            }
        }
    });
    drawn
}

/// Cards `0..count`: the first `first` drawn with their view, the rest once it is painted,
/// so that opening a view with many cards shows its top without one long task. Each part is
/// drawn again when the count changes.
pub fn cards_in_two<V: IntoView + 'static>(count: Memo<usize>, first: usize, card: impl Fn(usize) -> V + Copy + Send + Sync + 'static) -> AnyView {
    // Each card's view erased, so that one drawing of the two parts serves every kind.
    let card: std::sync::Arc<dyn Fn(usize) -> AnyView + Send + Sync> = std::sync::Arc::new(move |k| card(k).into_any());
    in_two(count, first, card)
}

/// [`cards_in_two`]'s drawing, shared by every kind of card.
fn in_two(count: Memo<usize>, first: usize, card: std::sync::Arc<dyn Fn(usize) -> AnyView + Send + Sync>) -> AnyView {
    let rest = part_by_part(1);
    let later = card.clone();
    (
        move || (0..count.get().min(first)).map(|k| card(k)).collect_view(),
        move || (rest.get() == 1).then(|| (first..count.get()).map(|k| later(k)).collect_view()),
    )
        .into_any()
}

thread_local! {
    /// The named contacts the last accepted edit found sound ([`validate_since`]).
    static CHECKED: std::cell::RefCell<Checked> = std::cell::RefCell::new(Checked::default());
}

/// The callbacks waiting for their message, in order.
type Waiting = std::rc::Rc<std::cell::RefCell<std::collections::VecDeque<js_sys::Function>>>;

thread_local! {
    /// A channel whose one port posts to the other, and the callbacks waiting on it.
    static YIELD: Option<(web_sys::MessageChannel, Waiting)> = {
        use wasm_bindgen::JsCast;
        let channel = web_sys::MessageChannel::new().ok()?;
        let waiting = Waiting::default();
        let queue = waiting.clone();
        let on_message = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            let next = queue.borrow_mut().pop_front();
            if let Some(f) = next {
                let _ = f.call0(&wasm_bindgen::JsValue::NULL);
            }
        });
        channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The page's lifetime: the channel is made once.
        on_message.forget();
        Some((channel, waiting))
    };
}

/// Calls `f` in a task of its own, soon: through the message channel, or a timeout where
/// there is none.
fn post_to_self(f: js_sys::Function) {
    let posted = YIELD.with(|y| {
        let (channel, waiting) = y.as_ref()?;
        waiting.borrow_mut().push_back(f.clone());
        let sent = channel.port2().post_message(&wasm_bindgen::JsValue::NULL).ok();
        if sent.is_none() {
            waiting.borrow_mut().pop_back();
        }
        sent
    });
    if posted.is_none() {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&f);
        }
    }
}

/// Stored data that could not be read, kept untouched until the person decides.
#[derive(Clone, PartialEq)]
pub struct Damaged {
    /// The stored text, exactly as found.
    pub text: String,
    /// What is wrong, in words.
    pub message: String,
    /// Whether the person downloaded it (only then may it be replaced).
    pub downloaded: bool,
}

/// Problems of a file that was not imported.
#[derive(Clone, PartialEq)]
pub struct ImportProblems {
    pub file: String,
    pub lines: Vec<String>,
}

/// The state every component can reach.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The open scenario (always valid).
    pub scenario: RwSignal<Scenario>,
    /// Undo and redo.
    pub history: RwSignal<History>,
    /// Counts the changes to the named contacts or the personas (what the contact list
    /// filters and sorts by), so the list sorts 40,000 contacts again only when they change,
    /// not on every edit. Changed wherever the scenario is.
    pub people: RwSignal<u64>,
    /// The selected contact (index into the population).
    pub selected: RwSignal<usize>,
    /// The latest complete results (of the current scenario, unless `busy` says newer ones
    /// are on their way).
    pub run: RwSignal<Run>,
    /// The same results for what is drawn below the first screen (the insights, the
    /// audit, the digest the tests read): for a large scenario set a frame after `run`, so
    /// drawing new results is two shorter steps instead of one long one.
    pub below: RwSignal<Run>,
    /// While a large scenario is simulated a slice at a time: the share done (0 to 1).
    pub busy: RwSignal<Option<f64>>,
    /// Counts result requests, so slices of an outdated simulation stop.
    generation: StoredValue<u64>,
    /// How many seeds the comparison runs (1 = no ranges).
    pub runs: RwSignal<u32>,
    /// Every scenario kept in this browser (the open one may be newer in `scenario`).
    pub workspace: RwSignal<Workspace>,
    /// Whether edits are written to storage (paused while stored data awaits a decision).
    pub autosave: RwSignal<bool>,
    /// Why the last save failed, if it did.
    pub save_error: RwSignal<Option<SaveError>>,
    /// Stored data that could not be read.
    pub damaged: RwSignal<Option<Damaged>>,
    /// The workspace as another tab saved it, while the person chooses.
    pub conflict: RwSignal<Option<String>>,
    /// The scenario just deleted, for undo.
    pub deleted: RwSignal<Option<(usize, Entry)>>,
    /// Problems of the last file that did not import.
    pub import_problems: RwSignal<Option<ImportProblems>>,
    /// The text this tab last wrote, to tell our own writes from another tab's.
    pub last_written: StoredValue<Option<String>>,
    /// Each stored scenario's contacts as last written ([`Workspace::to_storage_kept`]).
    written: StoredValue<Vec<Written>>,
    /// The length of a workspace text the storage had no room for: a text as long or
    /// longer is not tried again (writing it takes time and cannot work) until a shorter
    /// one is saved, or one is written.
    no_room_for: StoredValue<Option<usize>>,
    /// Whether a save is waiting for its step ([`AppState::save_soon`]).
    save_queued: StoredValue<bool>,
    /// The scenario whose simulation did not finish when Baton last opened it.
    pub stuck: RwSignal<Option<String>>,
    /// A CRM export (file name and bytes) given to the top import, dropped on the page or
    /// chosen from the new-scenario menu, for the contact import to take up.
    pub crm_file: RwSignal<Option<(String, Vec<u8>)>>,
    /// Whether the contact import is reading a CRM export or counting what it would make,
    /// answers the page waits for before drawing the editors below the import.
    pub crm_busy: RwSignal<bool>,
    /// The last what-if sweep run in this session, for the printed agreement.
    pub sweep: RwSignal<Option<crate::app::results::what_if::SweepResult>>,
    /// Bumped to bring the edit view to the front (the contact import's mapping waits there).
    pub show_edit: RwSignal<u32>,
    /// The results every figure is compared with, when the person pinned them or chose
    /// another scenario to compare with; kept in storage across reloads.
    pub baseline: RwSignal<Option<Baseline>>,
    /// The baseline's results, once simulated.
    pub baseline_run: RwSignal<Option<Run>>,
    /// The results before the last change to the open scenario (what an edit is compared
    /// with when no baseline is pinned).
    pub before_edit: RwSignal<Option<Run>>,
    /// What the figures on screen are compared with (see [`AppState::reference_now`]).
    pub reference: Memo<Option<Reference>>,
    /// The view under the option picker that is on screen.
    pub tab: RwSignal<Tab>,
    /// The chosen option, changing only when it does (not with every edit of the scenario).
    pub chosen: Memo<HandoffOption>,
    /// `run`, `below` and `reference` as the results view draws them: they follow while
    /// that view is on screen and stand still behind another one, so an edit made in the
    /// edit view redraws what is in view (its figures strip, its fields), not the hidden
    /// comparison, calendar and insights; going back to the results draws them once.
    pub shown: Memo<Run>,
    pub shown_below: Memo<Run>,
    pub shown_reference: Memo<Option<Reference>>,
}

/// The views under the option picker.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Results,
    Edit,
    Notices,
    WhatIf,
    Agreement,
}

/// Follows `source` while the results view is on screen and keeps its last value while
/// another view is.
fn while_results_shown<T: Clone + PartialEq + Send + Sync + 'static>(tab: RwSignal<Tab>, source: impl Fn() -> T + Send + Sync + 'static) -> Memo<T> {
    Memo::new(move |before: Option<&T>| match before {
        Some(before) if tab.get() != Tab::Results => before.clone(),
        _ => source(),
    })
}

/// Results to compare with: a scenario as it was pinned, or another scenario of the
/// workspace, and what to call it on screen.
#[derive(Clone, PartialEq)]
pub struct Baseline {
    /// "the baseline pinned at 18:40" or "“Option 2 pilot”".
    pub label: String,
    pub scenario: Scenario,
}

/// What the figures on screen are compared with, if anything.
#[derive(Clone, PartialEq)]
pub struct Reference {
    /// How the comparison is named: "against the baseline pinned at 18:40".
    pub words: String,
    /// Whether this is a baseline the person chose (else the results before the last change).
    pub pinned: bool,
    pub run: Run,
}

/// How many stand-ins share the many small readers of the scenario ([`Watch`]).
const RELAYS: usize = 32;

thread_local! {
    /// The stand-ins for the open scenario, and which one the next reader takes.
    static WATCHERS: (std::cell::RefCell<Vec<Memo<u64>>>, std::cell::Cell<usize>) = Default::default();
}

/// Makes the stand-ins for `scenario`: each counts its changes, so changes with every one.
fn relay_changes_of(scenario: RwSignal<Scenario>) {
    let relays = (0..RELAYS)
        .map(|_| {
            Memo::new(move |n: Option<&u64>| {
                scenario.track();
                n.map_or(0, |n| n.wrapping_add(1))
            })
        })
        .collect();
    WATCHERS.with(|(all, _)| *all.borrow_mut() = relays);
}

/// Reading the scenario from one of its many small readers: the edit view's form fields
/// and check boxes, some 1,300 of them. A reader runs again on every change of the
/// scenario, as with `scenario.with`, but subscribes through one of [`RELAYS`] stand-ins
/// taken in turn. Leptos takes a reader that runs again off its source's list by shifting
/// the readers after it, so a source with N readers that all run again costs N² / 2 moves:
/// with every field on `scenario` itself, that was about 20 ms of every edit.
///
/// A trait on the signal, not a method of [`AppState`], so a closure that calls it holds
/// the signal alone, not a copy of the whole state.
pub trait Watch {
    /// Reads the scenario like `with`, subscribing through a stand-in.
    fn watch<T>(&self, f: impl FnOnce(&Scenario) -> T) -> T;
    /// A memo of a small part of the scenario, through a stand-in.
    fn watch_memo<T: PartialEq + Send + Sync + 'static>(&self, part: impl Fn(&Scenario) -> T + Send + Sync + 'static) -> Memo<T>;
}

impl Watch for RwSignal<Scenario> {
    fn watch<T>(&self, f: impl FnOnce(&Scenario) -> T) -> T {
        track_a_relay(*self);
        self.with_untracked(f)
    }

    fn watch_memo<T: PartialEq + Send + Sync + 'static>(&self, part: impl Fn(&Scenario) -> T + Send + Sync + 'static) -> Memo<T> {
        let scenario = *self;
        Memo::new(move |_| scenario.watch(|s| part(s)))
    }
}

/// Subscribes the running reader to the next stand-in (to `scenario` itself if there
/// are none).
fn track_a_relay(scenario: RwSignal<Scenario>) {
    let relay = WATCHERS.with(|(all, next)| {
        let all = all.borrow();
        let k = next.get();
        next.set(k.wrapping_add(1));
        all.get(k % RELAYS).copied()
    });
    match relay {
        // Read, not only tracked: a stand-in left out of date would not pass on the next
        // change (a memo already due to run again tells its readers nothing more).
        Some(relay) => {
            let _ = relay.get();
        }
        None => scenario.track(),
    }
}

impl AppState {
    /// Creates the state around a workspace and provides it to the component tree.
    pub fn provide(workspace: Workspace) -> &'static AppState {
        let scenario = RwSignal::new(workspace.current().clone());
        let selected = RwSignal::new(workspace.selected_contact);
        let runs = RwSignal::new(1u32);
        let (baseline, baseline_run, before_edit) = (RwSignal::new(storage::read_baseline()), RwSignal::new(None), RwSignal::new(None));
        let tab = RwSignal::new(Tab::Results);
        let first = scenario.with_untracked(|s| {
            if work(s, 1, &[]) <= AT_ONCE {
                storage::mark_simulating(&s.name);
                let run = Run::compute(s, 1, Vec::new());
                storage::clear_simulating();
                run
            } else {
                Run::empty(s)
            }
        });
        let (run, below) = (RwSignal::new(first.clone()), RwSignal::new(first));
        let reference = Memo::new(move |_| AppState::reference_now(baseline, baseline_run, before_edit));
        let state = AppState {
            scenario,
            history: RwSignal::new(History::default()),
            people: RwSignal::new(0),
            selected,
            run,
            below,
            busy: RwSignal::new(None),
            generation: StoredValue::new(0),
            runs,
            workspace: RwSignal::new(workspace),
            autosave: RwSignal::new(true),
            save_error: RwSignal::new(None),
            damaged: RwSignal::new(None),
            conflict: RwSignal::new(None),
            deleted: RwSignal::new(None),
            import_problems: RwSignal::new(None),
            last_written: StoredValue::new(None),
            written: StoredValue::new(Vec::new()),
            no_room_for: StoredValue::new(None),
            save_queued: StoredValue::new(false),
            stuck: RwSignal::new(None),
            crm_file: RwSignal::new(None),
            crm_busy: RwSignal::new(false),
            sweep: RwSignal::new(None),
            show_edit: RwSignal::new(0),
            baseline,
            baseline_run,
            before_edit,
            reference,
            tab,
            chosen: scenario.watch_memo(|s| s.handoff_option),
            shown: while_results_shown(tab, move || run.get()),
            shown_below: while_results_shown(tab, move || below.get()),
            shown_reference: while_results_shown(tab, move || reference.get()),
        };
        // One state for the page's lifetime, handed out by reference: a closure that calls
        // one of its methods then holds a pointer, not a copy of its thirty-odd handles (the
        // views hold hundreds of such closures, and each copy was code in the download).
        let state: &'static AppState = Box::leak(Box::new(state));
        provide_context(state);
        relay_changes_of(scenario);
        // Keep the results in step with the scenario and the number of runs.
        Effect::new(move |previous: Option<()>| {
            let n = runs.get();
            // The first run was computed above, unless something (a share link, a stuck
            // scenario) replaced the scenario before this first look.
            let computed = scenario.with(|s| run_of(state.run, s));
            if previous.is_none() && computed && n == 1 {
                return;
            }
            state.refresh(n);
        });
        // Simulate the baseline whenever it changes (and at start-up, from storage), and
        // keep it in storage.
        Effect::new(move |_| {
            let baseline = state.baseline.get();
            storage::write_baseline(baseline.as_ref());
            state.baseline_run.set(None);
            let Some(b) = baseline else { return };
            // After the page is drawn and a slice at a time: a pinned baseline adds nothing
            // to start-up's first paint, however large.
            leptos::task::spawn_local(async move {
                let wanted = b.scenario.clone();
                let stale = move || state.baseline.with_untracked(|now| now.as_ref().map(|n| &n.scenario) != Some(&wanted));
                if let Some(run) = Run::compute_in_slices(b.scenario, 1, Vec::new(), None, |_| {}, &stale).await {
                    if !stale() {
                        state.baseline_run.set(Some(run));
                    }
                }
            });
        });
        state
    }

    /// What the figures are compared with: the baseline once simulated, else the results
    /// before the last change to this scenario.
    fn reference_now(baseline: RwSignal<Option<Baseline>>, baseline_run: RwSignal<Option<Run>>, before_edit: RwSignal<Option<Run>>) -> Option<Reference> {
        if let Some(b) = baseline.get() {
            return baseline_run.get().map(|run| Reference { words: format!("against {}", b.label), pinned: true, run });
        }
        before_edit.get().map(|run| Reference { words: "against the results before your last change".into(), pinned: false, run })
    }

    /// Pins the open scenario's results as the baseline.
    pub fn pin_baseline(&self) {
        let scenario = self.scenario.get_untracked();
        let label = format!("the baseline pinned at {} (\u{201c}{}\u{201d})", clock_time(), scenario.name);
        self.baseline.set(Some(Baseline { label, scenario }));
    }

    /// Replaces the results on screen, remembering the previous ones of the same scenario
    /// (for the deltas of an edit).
    fn show_run(&self, run: Run) {
        let previous = self.run.get_untracked();
        let same_scenario = previous.0.scenario.name == run.0.scenario.name && previous.0.comparison.first().is_some_and(|c| c.figures.contacts > 0);
        self.before_edit.set(same_scenario.then_some(previous));
        self.run.set(run);
    }

    /// Simulates the current scenario again: at once when it is small, else a slice at a
    /// time (the previous results stay on screen, with the progress shown).
    fn refresh(&self, runs: u32) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        // Whatever workers are simulating an older version is abandoned.
        crate::app::workers::cancel();
        if self.scenario.with_untracked(|s| s.contacts.len()) > PREPARE_APART_FROM {
            // The edit (a copy of the scenario, its check) was a step of its own; taking
            // the copy to simulate and weighing the work is another.
            let state = *self;
            state.busy.set(Some(0.0));
            leptos::task::spawn_local(async move {
                next_frame().await;
                if state.generation.try_get_value() == Some(generation) {
                    state.simulate(runs, generation);
                }
            });
            return;
        }
        self.simulate(runs, generation);
    }

    /// Simulates the scenario as it is now for [`AppState::refresh`]'s `generation`.
    fn simulate(&self, runs: u32, generation: u64) {
        let s = self.scenario.get_untracked();
        // Choosing another option, or changing only the custom agreement, leaves the other
        // options' figures as they were.
        let carried = self.run.with_untracked(|r| carried_over(&r.0, &s, runs));
        // Noted until the results are in: if this never finishes (a crash), the next start
        // opens the sample instead of simulating this scenario again.
        storage::mark_simulating(&s.name);
        let work = work(&s, runs, &carried);
        if work <= AT_ONCE {
            // A small scenario needs no workers: those waiting are ended, with their memory
            // (unless only this edit is small, choosing another option of a larger one).
            if crate::app::workers::pooled() > 0 && crate::app::state::work(&s, runs, &[]) <= AT_ONCE {
                crate::app::workers::trim_pool(0);
            }
            self.busy.set(None);
            let run = Run::compute(&s, runs, carried);
            self.show_run(run.clone());
            self.below.set(run);
            storage::clear_simulating();
            return;
        }
        let state = *self;
        state.busy.set(Some(0.0));
        // Web Workers help only where starting them costs less than they save.
        let pooled = crate::app::workers::pooled();
        let pool = s.contact_count() as usize <= POOL_CONTACTS_MOST;
        let helpers = (work > WORKERS_FROM || pooled > 0).then(|| Helping {
            kept: state.written,
            at: self.workspace.with_untracked(|ws| ws.current),
            count: if work > WORKERS_FROM { None } else { Some(pooled) },
            pool,
        });
        leptos::task::spawn_local(async move {
            let stale = move || state.generation.try_get_value() != Some(generation);
            let progress = move |share: f64| state.busy.set(Some(share));
            if let Some(run) = Run::compute_in_slices(s, runs, carried, helpers, progress, stale).await {
                if !stale() {
                    state.show_run(run.clone());
                    // What lies below the first screen is drawn in a task of its own; while
                    // another view is shown, nothing of it is drawn, so no task is waited for.
                    if state.tab.get_untracked() == Tab::Results {
                        next_frame().await;
                    }
                    if !stale() {
                        state.below.set(run);
                        state.busy.set(None);
                        storage::clear_simulating();
                        // Workers made ready, once the results are drawn, for the next
                        // edit of this mid-sized scenario.
                        if pool {
                            after_paint().await;
                            crate::app::workers::warm_up();
                        }
                    }
                }
            }
        });
    }

    /// Applies an edit if the result is a valid scenario; otherwise changes nothing and
    /// returns the problems.
    pub fn edit(&self, change: impl FnOnce(&mut Scenario)) -> Result<(), Vec<Problem>> {
        let mut after = self.scenario.with_untracked(Scenario::clone);
        change(&mut after);
        let (same, same_people) = self.scenario.with_untracked(|now| {
            let people = now.contacts == after.contacts && now.personas == after.personas;
            (people && *now == after, people)
        });
        if same {
            return Ok(());
        }
        // The contacts are checked again only when they or what they name changed.
        let problems = CHECKED.with(|c| validate_since(&after, &mut c.borrow_mut()));
        if !problems.is_empty() {
            return Err(problems);
        }
        // The edited scenario takes the open one's place and the open one goes to the
        // history: one copy of the scenario per edit, not two. The copy shares its contacts
        // with the open one until the edit changes them (`crate::engine::shared`), so an
        // edit elsewhere does not copy 40,000 named contacts, and the comparisons above
        // find them equal by their address.
        self.scenario.update(|now| std::mem::swap(now, &mut after));
        self.history.update(|h| h.record(after));
        if !same_people {
            self.people.update(|n| *n += 1);
        }
        Ok(())
    }

    /// Applies an edit like [`AppState::edit`] and shows its problems (or clears them) in
    /// a field's error message.
    pub fn edit_or_report(&self, error: RwSignal<Option<String>>, change: impl FnOnce(&mut Scenario)) {
        self.edit_or_refuse(error, |s| {
            change(s);
            Ok::<(), Refused>(())
        });
    }

    /// Applies one of the scenario's own edits ([`crate::engine::edits`]), which may refuse
    /// with a reason; the reason, or the problems, show in `error`.
    pub fn edit_or_refuse<T>(&self, error: RwSignal<Option<String>>, change: impl FnOnce(&mut Scenario) -> Result<T, Refused>) {
        let mut refused = None;
        let result = self.edit(|s| {
            if let Err(e) = change(s) {
                refused = Some(e.0);
            }
        });
        error.set(refused.or(result.err().map(|p| problem_text(&p))));
    }

    /// Opens a scenario in the editor; its edits start a new history.
    fn open(&self, scenario: Scenario, selected: usize) {
        self.history.update(History::clear);
        self.selected.set(selected);
        self.scenario.set(scenario);
        self.people.update(|n| *n += 1);
    }

    /// The workspace with the open scenario and selection written into it.
    pub fn snapshot(&self) -> Workspace {
        let mut ws = self.workspace.get_untracked();
        ws.set_current(self.scenario.get_untracked());
        ws.selected_contact = self.selected.get_untracked();
        ws
    }

    /// Applies a change to the workspace (switch, add, delete…) and opens its current scenario.
    /// The workspace is changed where it is, not copied: a copy of every scenario in it
    /// took a long step once a few held tens of thousands of contacts.
    pub fn change_workspace<R>(&self, change: impl FnOnce(&mut Workspace) -> R) -> R {
        let open = self.scenario.get_untracked();
        let selected = self.selected.get_untracked();
        let mut next = None;
        let out = self.workspace.try_update(|ws| {
            ws.set_current(open);
            ws.selected_contact = selected;
            let out = change(ws);
            if self.scenario.with_untracked(|s| s != ws.current()) {
                next = Some((ws.current().clone(), ws.selected_contact));
            }
            out
        });
        if let Some((scenario, selected)) = next {
            self.open(scenario, selected);
        }
        out.expect("the workspace lives as long as the app")
    }

    /// Adds a scenario (from a sample, an import or a copy) and opens it.
    pub fn add_scenario(&self, scenario: Scenario) {
        self.change_workspace(|ws| ws.add(scenario));
    }

    /// Adds a scenario read from pieces, with its contacts as written there: saving it
    /// writes them no second time.
    pub fn add_read_scenario(&self, scenario: Scenario, written: Written) {
        self.written.update_value(|all| all.push(written));
        self.add_scenario(scenario);
    }

    /// Deletes the open scenario; it can be brought back with [`AppState::undo_delete`].
    pub fn delete_current(&self) {
        if let Some(removed) = self.change_workspace(Workspace::delete_current) {
            self.deleted.set(Some(removed));
        }
    }

    /// Brings the last deleted scenario back.
    pub fn undo_delete(&self) {
        if let Some((at, entry)) = self.deleted.get_untracked() {
            self.change_workspace(|ws| ws.restore(at, entry));
            self.deleted.set(None);
        }
    }

    /// Saves in a step of its own, once the change that asked for it is drawn; any number of
    /// changes made in one step are saved once.
    pub fn save_soon(&self) {
        if self.save_queued.get_value() {
            return;
        }
        self.save_queued.set_value(true);
        let app = *self;
        leptos::task::spawn_local(async move {
            next_frame().await;
            app.save_queued_now();
        });
    }

    /// Makes the save [`AppState::save_soon`] queued, if it is still waiting.
    pub fn save_queued_now(&self) {
        if self.save_queued.try_get_value() == Some(true) {
            self.save_queued.set_value(false);
            self.save();
        }
    }

    /// Saves the workspace to the browser's storage, unless saving is paused.
    pub fn save(&self) {
        if !self.autosave.get_untracked() {
            return;
        }
        // The workspace as `snapshot` gives it, without copying it: the open scenario is
        // put in its place for the moment and taken back.
        let selected = self.selected.get_untracked();
        // A text at least as long as one the browser refused, or longer than it keeps, is
        // not written (`None`): with 42,945 named contacts writing it took 25 ms an edit.
        let no_room_for = self.no_room_for.get_value();
        let too_long = |bytes: usize| no_room_for.is_some_and(|n| bytes >= n) || storage::too_long_to_keep(bytes);
        let mut text = None;
        self.scenario.update_untracked(|open| {
            self.workspace.update_untracked(|ws| {
                let i = ws.current.min(ws.entries.len() - 1);
                std::mem::swap(&mut ws.entries[i].scenario, open);
                let before = std::mem::replace(&mut ws.selected_contact, selected);
                self.written.update_value(|written| {
                    if !too_long(ws.storage_len_at_least(written)) {
                        text = Some(ws.to_storage_kept(written));
                    }
                });
                ws.selected_contact = before;
                std::mem::swap(&mut ws.entries[i].scenario, open);
            })
        });
        let text = match text {
            Some(text) if self.last_written.with_value(|last| last.as_deref() == Some(text.as_str())) => return,
            Some(text) if !too_long(text.len()) => text,
            _ => {
                if self.save_error.with_untracked(|e| e.is_none()) {
                    self.save_error.set(Some(SaveError::Full));
                }
                return;
            }
        };
        match storage::write(&text) {
            Ok(()) => {
                self.last_written.set_value(Some(text));
                self.no_room_for.set_value(None);
                self.save_error.set(None);
            }
            Err(e) => {
                if e == SaveError::Full {
                    self.no_room_for.set_value(Some(text.len()));
                }
                self.save_error.set(Some(e));
            }
        }
    }

    /// Replaces this tab's workspace with another tab's (after the person chose it).
    pub fn take_other_tab(&self, text: &str) -> Result<(), String> {
        let ws = Workspace::from_storage(text).map_err(|e| e.message())?;
        let (scenario, selected) = (ws.current().clone(), ws.selected_contact);
        self.workspace.set(ws);
        self.open(scenario, selected);
        self.last_written.set_value(Some(text.to_string()));
        Ok(())
    }

    /// Changes the chosen handoff option (an edit like any other).
    pub fn choose(&self, option: HandoffOption) {
        let _ = self.edit(|s| s.handoff_option = option);
    }

    /// Goes back one edit.
    pub fn undo(&self) {
        let current = self.scenario.get_untracked();
        if let Some(previous) = self.history.try_update(|h| h.undo(current)).flatten() {
            self.scenario.set(previous);
            self.people.update(|n| *n += 1);
        }
    }

    /// Goes forward one edit.
    pub fn redo(&self) {
        let current = self.scenario.get_untracked();
        if let Some(next) = self.history.try_update(|h| h.redo(current)).flatten() {
            self.scenario.set(next);
            self.people.update(|n| *n += 1);
        }
    }
}

/// The app state; panics only if called outside the app, which is a programming error.
pub fn use_app() -> &'static AppState {
    expect_context::<&'static AppState>()
}

/// The problems of an edit, as one line for a field's message.
pub use crate::engine::load::problem_text;
