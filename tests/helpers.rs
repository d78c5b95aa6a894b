//! Simulations handed to helpers (the browser's Web Workers): the jobs, the messages, and a
//! comparison assembled from the answers, which must equal one comparison done in one place.

use baton::engine::figures::Comparison;
use baton::engine::helpers::{answer, assemble, deal, jobs, jobs_message, read_answer, scenario_message, Answer, Job};
use baton::engine::{HandoffOption, Scenario};
use baton::samples;

/// The comparison the app shows, done the helpers' way: the kept option's first run here,
/// every other job dealt to `helpers` helpers through their JSON messages.
fn through_helpers(s: &Scenario, seed: u64, runs: u32, kept: HandoffOption, helpers: usize) -> Vec<baton::engine::OptionSummary> {
    let own = Comparison::new(s, &[kept], seed, 1, Some(kept)).finish();
    let kept_figures = own.summaries[0].figures.clone();
    let text = scenario_message(s);
    let answers: Vec<Answer> = deal(&jobs(&HandoffOption::ALL, seed, runs, Some(kept)), helpers)
        .iter()
        .flat_map(|hand| read_answer(&answer(&text, &jobs_message(hand)).expect("the helper answers")).expect("the answer reads"))
        .collect();
    assemble(&HandoffOption::ALL, seed, runs, Some((kept, kept_figures)), &answers).expect("every job was answered")
}

#[test]
fn a_comparison_assembled_from_helpers_equals_one_done_in_one_place() {
    for sample in samples::ALL {
        let s = sample.scenario().unwrap();
        for (runs, helpers) in [(1, 1), (1, 2), (3, 2), (5, 3)] {
            let whole = Comparison::new(&s, &HandoffOption::ALL, 1, runs, None).finish().summaries;
            for kept in HandoffOption::ALL {
                assert_eq!(through_helpers(&s, 1, runs, kept, helpers), whole, "{}: {runs} runs, {helpers} helpers, kept {kept:?}", sample.id);
            }
        }
    }
}

#[test]
fn every_job_but_the_kept_first_run_is_dealt_once() {
    let all = jobs(&HandoffOption::ALL, 7, 3, Some(HandoffOption::OnlyMass));
    assert_eq!(all.len(), 4 * 3 - 1);
    assert!(!all.contains(&Job { option: HandoffOption::OnlyMass, seed: 7 }));
    assert!(all.contains(&Job { option: HandoffOption::OnlyMass, seed: 8 }));
    let hands = deal(&all, 4);
    assert_eq!(hands.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3, 3, 2]);
    let mut dealt: Vec<Job> = hands.concat();
    dealt.sort_by_key(|j| (j.option as u8, j.seed));
    let mut want = all.clone();
    want.sort_by_key(|j| (j.option as u8, j.seed));
    assert_eq!(dealt, want);
    // More helpers than jobs: no helper is left with nothing to do.
    assert_eq!(deal(&all[..2], 8).len(), 2);
}

#[test]
fn a_missing_answer_gives_no_comparison_rather_than_a_wrong_one() {
    let s = samples::ebook_playbook().unwrap();
    let text = scenario_message(&s);
    let mut answers = read_answer(&answer(&text, &jobs_message(&jobs(&HandoffOption::ALL, 1, 1, None))).unwrap()).unwrap();
    assert!(assemble(&HandoffOption::ALL, 1, 1, None, &answers).is_some());
    answers.pop();
    assert_eq!(assemble(&HandoffOption::ALL, 1, 1, None, &answers), None);
}

#[test]
fn a_helper_refuses_a_bad_message_in_words() {
    let text = scenario_message(&samples::ebook_playbook().unwrap());
    let bad_scenario = answer("{\"format_version\": 1}", "[]").unwrap_err();
    assert!(bad_scenario.starts_with("the helper could not read the scenario"), "{bad_scenario}");
    let bad_jobs = answer(&text, "[{\"option\": \"sometimes\", \"seed\": 1}]").unwrap_err();
    assert!(bad_jobs.starts_with("the helper could not read its jobs"), "{bad_jobs}");
    assert!(read_answer("not json").is_err());
}
