//! Simulations handed to helpers: the browser's Web Workers (or any other thread) that
//! simulate some options and seeds of a comparison while the page simulates the option it
//! shows in full.
//!
//! A comparison is options × seeds, each simulation independent of the others. The option
//! the person chose is simulated where its calendars are needed; every other job (an
//! option and a seed) goes to a helper, which answers with that simulation's [`Figures`]
//! only. [`assemble`] puts the answers back in the comparison's order, so the summaries are
//! the same, to the bit, as one [`Comparison`](super::Comparison) done in one place (tested).
//!
//! The messages are JSON text: the scenario in pieces ([`super::pieces`]), the jobs and
//! the answers as below. A helper trusts nothing it is given: the scenario is loaded and validated
//! like any file, and a bad message is answered with an error in words.

use serde::{Deserialize, Serialize};

use super::figures::{figures, summarise, OptionSummary};
use super::{load, pieces, simulate, Figures, HandoffOption, Scenario};

/// One simulation for a helper: an option under one seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub option: HandoffOption,
    pub seed: u64,
}

/// A helper's answer to one job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub job: Job,
    pub figures: Figures,
}

/// Every job of a comparison of `options` over `runs` seeds from `seed`, except the first
/// run of `kept`, which the caller simulates itself (for its calendars).
pub fn jobs(options: &[HandoffOption], seed: u64, runs: u32, kept: Option<HandoffOption>) -> Vec<Job> {
    let runs = u64::from(runs.max(1));
    options
        .iter()
        .flat_map(|&option| (0..runs).map(move |run| Job { option, seed: seed.wrapping_add(run) }))
        .filter(|j| !(Some(j.option) == kept && j.seed == seed))
        .collect()
}

/// Deals `jobs` out to `helpers` helpers, one at a time in turn, so each gets a fair share
/// (no helper gets none while another gets two, unless there are fewer jobs than helpers).
pub fn deal(jobs: &[Job], helpers: usize) -> Vec<Vec<Job>> {
    let helpers = helpers.clamp(1, jobs.len().max(1));
    let mut hands = vec![Vec::new(); helpers];
    for (k, job) in jobs.iter().enumerate() {
        hands[k % helpers].push(*job);
    }
    hands
}

/// The scenario as a helper's message: its pieces ([`super::pieces`]), which the page
/// writes a slice at a time; this writes them in one step.
pub fn scenario_message(s: &Scenario) -> String {
    pieces::to_pieces(&mut s.clone())
}

/// The jobs as a helper's message.
pub fn jobs_message(jobs: &[Job]) -> String {
    serde_json::to_string(jobs).unwrap_or_else(|_| "[]".into())
}

/// What a helper does with a message: reads the scenario's pieces, validates it like any
/// file, simulates each job and answers with their figures as JSON. An unreadable message
/// is answered with an error in words.
pub fn answer(scenario_pieces: &str, jobs_json: &str) -> Result<String, String> {
    let scenario = pieces::from_pieces(scenario_pieces).map_err(|e| format!("the helper could not read the scenario: {e}"))?;
    let scenario = load::checked(scenario).map_err(|e| format!("the helper was given a scenario with problems: {e}"))?;
    let jobs: Vec<Job> = serde_json::from_str(jobs_json).map_err(|e| format!("the helper could not read its jobs: {e}"))?;
    let answers: Vec<Answer> = jobs.into_iter().map(|job| Answer { job, figures: figures(&simulate(&scenario, job.option, job.seed)) }).collect();
    serde_json::to_string(&answers).map_err(|e| format!("the helper could not write its answer: {e}"))
}

/// Reads a helper's answer.
pub fn read_answer(text: &str) -> Result<Vec<Answer>, String> {
    serde_json::from_str(text).map_err(|e| format!("a helper's answer could not be read: {e}"))
}

/// The comparison of `options` over `runs` seeds from `seed`, from the figures of the kept
/// option's first run (simulated by the caller) and the helpers' answers. `None` when a
/// job's answer is missing.
pub fn assemble(options: &[HandoffOption], seed: u64, runs: u32, kept: Option<(HandoffOption, Figures)>, answers: &[Answer]) -> Option<Vec<OptionSummary>> {
    let runs = u64::from(runs.max(1));
    options
        .iter()
        .map(|&option| {
            let per_run = (0..runs)
                .map(|run| {
                    let job = Job { option, seed: seed.wrapping_add(run) };
                    match &kept {
                        Some((k, f)) if *k == option && run == 0 => Some(f.clone()),
                        _ => answers.iter().find(|a| a.job == job).map(|a| a.figures.clone()),
                    }
                })
                .collect::<Option<Vec<Figures>>>()?;
            Some(summarise(option, &per_run))
        })
        .collect()
}
