//! The app's shared state: the open scenario, the chosen option, the selected contact, and
//! the simulation results derived from them. Components reach it through [`use_app`].

use std::sync::Arc;

use leptos::prelude::*;

use crate::engine::figures::{figures, summarise, OptionSummary};
use crate::engine::{simulate, HandoffOption, Outcome, Population, Scenario};

/// The seed the app simulates with; the comparison uses the same one for every option.
pub const SEED: u64 = 1;

/// What one simulation pass produced for the screens.
pub struct RunData {
    /// The outcome of the chosen option.
    pub outcome: Outcome,
    /// Every option side by side on the same population and seed.
    pub comparison: Vec<OptionSummary>,
    /// The population, for names and addresses.
    pub population: Population,
}

/// Results, shared cheaply; two results are equal only when they are the same run.
#[derive(Clone)]
pub struct Run(pub Arc<RunData>);

impl PartialEq for Run {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Run {
    /// Simulates every option and keeps the chosen one's calendar.
    pub fn compute(s: &Scenario) -> Run {
        let mut comparison = Vec::new();
        let mut chosen = None;
        for option in HandoffOption::ALL {
            let outcome = simulate(s, option, SEED);
            comparison.push(summarise(option, &[figures(&outcome)]));
            if option == s.handoff_option {
                chosen = Some(outcome);
            }
        }
        let outcome = chosen.unwrap_or_else(|| simulate(s, s.handoff_option, SEED));
        let population = Population::build(s, SEED, &mut Default::default());
        Run(Arc::new(RunData { outcome, comparison, population }))
    }
}

/// The state every component can reach.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The open scenario.
    pub scenario: RwSignal<Scenario>,
    /// The selected contact (index into the population).
    pub selected: RwSignal<usize>,
    /// The results of the current scenario.
    pub run: Memo<Run>,
}

impl AppState {
    /// Creates the state around a scenario and provides it to the component tree.
    pub fn provide(scenario: Scenario) -> AppState {
        let scenario = RwSignal::new(scenario);
        let run = Memo::new(move |_| scenario.with(Run::compute));
        let state = AppState { scenario, selected: RwSignal::new(0), run };
        provide_context(state);
        state
    }

    /// Changes the chosen handoff option.
    pub fn choose(&self, option: HandoffOption) {
        self.scenario.update(|s| s.handoff_option = option);
    }
}

/// The app state; panics only if called outside the app, which is a programming error.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
