//! The built-in samples tell the source articles' stories.

use baton::engine::{figures, simulate, HandoffOption, Simulation, What};
use baton::samples;

#[test]
fn the_ebook_sample_has_100_people_and_about_20_become_sqls() {
    let s = samples::ebook_playbook().expect("loads");
    let contacts = s.contacts.len() + s.generate.iter().map(|g| g.count as usize).sum::<usize>();
    assert_eq!(contacts, 101, "100 people, one of them with a second (personal) address");
    let mut handoffs = 0;
    for seed in 1..=5 {
        handoffs += figures(&simulate(&s, HandoffOption::CeaseAll, seed)).handoffs;
    }
    let mean = handoffs as f64 / 5.0;
    assert!((15.0..=30.0).contains(&mean), "about 20 SQLs expected, got {mean}");
}

#[test]
fn the_ebook_sample_shows_why_the_options_differ() {
    let s = samples::ebook_playbook().expect("loads");
    let f = |o| figures(&simulate(&s, o, 1));
    let (one, two, three) = (f(HandoffOption::CeaseAll), f(HandoffOption::OnlyMass), f(HandoffOption::Everything));
    assert!(three.conflicts > one.conflicts, "option 3 must show more same-day conflicts than option 1");
    assert!(two.mass.sent > one.mass.sent, "option 2 sends mass email that option 1 holds back");
    assert!(three.automated.sent > two.automated.sent, "option 3 sends automated email that option 2 holds back");
}

#[test]
fn the_event_sample_releases_cold_leads_into_nurture_and_shows_the_unmarked_leak() {
    let s = samples::by_id("event-leads").expect("exists").scenario().expect("loads");
    let o = simulate(&s, s.handoff_option, 1);
    let f = figures(&o);
    assert!(f.leaks > 0, "the eight unmarked cards must leak");
    let nurtured = (0..o.items.len())
        .filter(|&c| o.items.contact(c).iter().any(|it| it.what == What::EmailSent && o.email(it).is_some_and(|e| e.name.starts_with("Event nurture"))))
        .count();
    assert!(nurtured > 20, "most cold event leads are nurtured after release, got {nurtured}");
}

#[test]
fn the_scripted_sample_tells_jane_does_story_the_same_way_every_time() {
    let s = samples::by_id("scripted-lead").expect("exists").scenario().expect("loads");
    let a = simulate(&s, s.handoff_option, 1);
    let b = simulate(&s, s.handoff_option, 99);
    assert_eq!(a.digest(), b.digest(), "a scripted lead leaves nothing to chance");
    let jane = a.items.contact(0);
    let find = |what: What| jane.iter().find(|it| it.what == what).copied().unwrap_or_else(|| panic!("Jane's story lacks {what:?}"));
    assert_eq!(a.rep_name(find(What::HandedOff).owner), Some("Dana Reyes"));
    find(What::MeetingBooked);
    assert_eq!(a.names[find(What::Lost).label as usize], "Price");
    assert_eq!(a.names[find(What::Recycled).label as usize], "Price");
}

#[test]
fn every_sample_gives_the_same_outcome_when_simulated_a_few_contacts_at_a_time() {
    for id in ["ebook", "event-leads", "scripted-lead"] {
        let s = samples::by_id(id).expect("exists").scenario().expect("loads");
        for option in HandoffOption::ALL {
            let whole = simulate(&s, option, 3);
            let mut sim = Simulation::new(&s, option, 3);
            let mut slices = 1;
            while !sim.advance(7) {
                slices += 1;
            }
            assert!(slices > 1 || whole.items.len() <= 7, "{id}: the work was not sliced");
            assert_eq!(sim.finish().digest(), whole.digest(), "{id} {option:?}");
        }
    }
}

#[test]
fn a_comparison_in_slices_gives_the_same_figures_as_one_in_one_go() {
    use baton::engine::Comparison;
    let s = samples::ebook_playbook().expect("loads");
    let whole = Comparison::new(&s, &HandoffOption::ALL, 1, 3, Some(HandoffOption::OnlyMass)).finish();
    let mut sliced = Comparison::new(&s, &HandoffOption::ALL, 1, 3, Some(HandoffOption::OnlyMass));
    let mut steps = 0;
    while !sliced.advance(7) {
        steps += 1;
    }
    assert!(steps > 20, "the work was really sliced ({steps} slices)");
    assert_eq!(sliced.progress(), (s.contact_count() as usize * 4 * 3, s.contact_count() as usize * 4 * 3));
    let sliced = sliced.finish();
    assert_eq!(whole.summaries, sliced.summaries);
    assert_eq!(whole.summaries, baton::engine::compare(&s, &HandoffOption::ALL, 1, 3));
    let kept = sliced.kept.expect("option 2's first outcome is kept").0;
    assert_eq!(kept.digest(), simulate(&s, HandoffOption::OnlyMass, 1).digest());
    assert_eq!(whole.summaries[1].figures, figures(&kept));
}
