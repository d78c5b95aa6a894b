//! The verdict and the changes against a baseline: which way each figure moved, in words.

use baton::engine::figures::{compare, number, signed, summarise, verdict, Figure, Figures, Judgement, OptionSummary};
use baton::engine::HandoffOption;
use baton::samples;

/// A summary of one run with the given figures.
fn summary(option: HandoffOption, change: impl FnOnce(&mut Figures)) -> OptionSummary {
    let mut f = Figures::default();
    change(&mut f);
    summarise(option, &[f])
}

#[test]
fn a_change_is_judged_by_the_figures_direction() {
    assert_eq!(Figure::SameDayConflicts.judge(8.0, 2.0), Judgement::Better);
    assert_eq!(Figure::SameDayConflicts.judge(2.0, 8.0), Judgement::Worse);
    assert_eq!(Figure::Won.judge(4.0, 6.0), Judgement::Better);
    assert_eq!(Figure::Won.judge(6.0, 4.0), Judgement::Worse);
    assert_eq!(Figure::Handoffs.judge(23.0, 27.0), Judgement::Changed);
    assert_eq!(Figure::Unsubscribes.judge(9.0, 9.0), Judgement::Same);
}

#[test]
fn differences_and_changes_read_as_people_write_them() {
    assert_eq!(Figure::SameDayConflicts.difference_words(8.0, 2.0), "6 fewer same-day conflicts");
    assert_eq!(Figure::Unsubscribes.difference_words(9.0, 8.0), "1 fewer unsubscribe");
    assert_eq!(Figure::Won.difference_words(4.0, 5.0), "1 more deal won");
    assert_eq!(Figure::SlaBreaches.difference_words(5.0, 7.5), "2.5 more SLA breaches");
    assert_eq!(signed(3.0), "+3");
    assert_eq!(signed(-2.5), "\u{2212}2.5");
    assert_eq!(signed(0.0), "±0");
    assert_eq!(number(2557.0), "2557");
}

#[test]
fn the_verdict_names_the_differences_most_important_first() {
    let ours = summary(HandoffOption::CeaseAll, |f| {
        f.conflicts = 2;
        f.unsubscribes = 8;
        f.won = 3;
        f.sla_breaches = 5;
    });
    let theirs = summary(HandoffOption::OnlyMass, |f| {
        f.conflicts = 8;
        f.unsubscribes = 9;
        f.won = 7;
        f.sla_breaches = 5;
    });
    let v = verdict(&ours, &theirs, 3);
    assert_eq!(v.text, "Option 1 against option 2: 6 fewer same-day conflicts, 1 fewer unsubscribe, 4 fewer deals won.");
    assert_eq!((v.better, v.worse), (2, 1));
    assert_eq!(v.points.iter().map(|p| p.judgement).collect::<Vec<_>>(), [Judgement::Better, Judgement::Better, Judgement::Worse]);
    // A limit of one keeps the most important point, and the counts still cover all three.
    let short = verdict(&ours, &theirs, 1);
    assert_eq!(short.text, "Option 1 against option 2: 6 fewer same-day conflicts.");
    assert_eq!((short.better, short.worse), (2, 1));
    // Nothing differs: said so.
    assert_eq!(verdict(&ours, &ours, 3).text, "Option 1 against option 1: the same on every figure where lower or higher is better.");
}

#[test]
fn leaks_are_left_out_against_an_option_that_holds_nothing_back() {
    let ours = summary(HandoffOption::CeaseAll, |f| f.leaks = 3);
    let everything = summary(HandoffOption::Everything, |_| {});
    let v = verdict(&ours, &everything, 9);
    assert!(v.points.iter().all(|p| p.figure != Figure::Leaks), "{v:?}");
    let mass_only = summary(HandoffOption::OnlyMass, |_| {});
    assert!(verdict(&ours, &mass_only, 9).points.iter().any(|p| p.figure == Figure::Leaks && p.judgement == Judgement::Worse));
}

/// On the sample, every point agrees with the table: its words name the difference of the
/// two options' values and its judgement follows the figure's direction.
#[test]
fn on_the_sample_every_point_agrees_with_the_comparison_table() {
    let s = samples::ebook_playbook().unwrap();
    let all = compare(&s, &HandoffOption::ALL, 1, 1);
    let chosen = all.iter().find(|o| o.option == s.handoff_option).unwrap();
    for other in all.iter().filter(|o| o.option != chosen.option) {
        let v = verdict(chosen, other, 99);
        let differing = Figure::ALL
            .into_iter()
            .filter(|f| f.applies_to(chosen.option) && f.applies_to(other.option))
            .filter(|f| matches!(f.judge(other.value(*f), chosen.value(*f)), Judgement::Better | Judgement::Worse))
            .count();
        assert_eq!(v.points.len(), differing, "{}", v.text);
        assert_eq!(v.better + v.worse, differing);
        for p in &v.points {
            let (theirs, ours) = (other.value(p.figure), chosen.value(p.figure));
            assert_eq!(p.words, p.figure.difference_words(theirs, ours));
            assert_eq!(p.judgement, p.figure.judge(theirs, ours));
            assert!(v.text.contains(&p.words));
        }
    }
}
