//! A scenario in pieces (the form a large scenario takes between the page and its Web
//! Workers) reads back as the same scenario, and a file read that way is checked exactly as
//! one read in one step.

use baton::engine::helpers::{answer, jobs_message, scenario_message};
use baton::engine::pieces::{contacts_piece, from_pieces, head, load_to_pieces, scenario_json, to_pieces, Assembly, Written, CONTACTS_PER_PIECE};
use baton::engine::{load, HandoffOption, Scenario};
use baton::samples;

/// The eBook sample with its contacts copied until there are `n`, each with its own id, and
/// text that JSON must escape (a line break, quotes, letters from outside English).
fn many(n: usize) -> Scenario {
    let mut s = samples::ebook_playbook().unwrap();
    let first = s.contacts.clone();
    s.contacts = (0..n)
        .map(|i| {
            let mut c = first[i % first.len()].clone();
            c.id = format!("copy-{i}");
            c.same_person_as = None;
            if i % 7 == 0 {
                c.name = format!("Zoë \"Line\nBreak\" Łukasz {i}");
                c.company = "Café\r\nMüller & Søn\t😀".into();
            }
            c
        })
        .collect();
    s
}

#[test]
fn a_scenario_read_from_its_pieces_is_the_scenario_written() {
    let mut cases: Vec<Scenario> = samples::ALL.iter().map(|x| x.scenario().unwrap()).collect();
    for n in [0, 1, CONTACTS_PER_PIECE, CONTACTS_PER_PIECE + 1, 2 * CONTACTS_PER_PIECE + 345] {
        cases.push(many(n));
    }
    for mut s in cases {
        let text = to_pieces(&mut s);
        // One line for the head and one per thousand contacts, however the text is escaped.
        assert_eq!(text.split('\n').count(), 1 + s.contacts.len().div_ceil(CONTACTS_PER_PIECE), "{}", s.name);
        assert_eq!(from_pieces(&text).unwrap(), s, "{}", s.name);
        // Piece by piece, as the page does it.
        let mut lines = text.split('\n');
        let mut assembly = Assembly::new(lines.next().unwrap()).unwrap();
        for line in lines {
            assembly.add(line).unwrap();
        }
        assert_eq!(assembly.finish(), s);
    }
}

#[test]
fn a_file_read_into_pieces_is_the_file_loaded() {
    let s = many(2500);
    let file = serde_json::to_string_pretty(&s).unwrap();
    let loaded = load(&file).unwrap();
    assert_eq!(from_pieces(&load_to_pieces(&file).unwrap()).unwrap(), loaded);
}

#[test]
fn a_bad_file_read_into_pieces_has_the_same_problems_as_one_loaded() {
    let s = many(1500);
    let mut value = serde_json::to_value(&s).unwrap();
    value["contacts"][1200]["arrives_day"] = serde_json::json!("soon");
    value["contacts"][17]["persona"] = serde_json::json!("nobody-we-know");
    value["workflows"][0]["steps"] = serde_json::json!(7);
    let bad = serde_json::to_string(&value).unwrap();
    let truncated = &bad[..bad.len() / 2];
    let newer = serde_json::to_string(&serde_json::json!({"format_version": 999})).unwrap();
    for text in [bad.as_str(), truncated, newer.as_str(), "", "[1, 2]"] {
        let want = load(text).unwrap_err();
        assert_eq!(load_to_pieces(text).unwrap_err(), want);
    }
    assert!(load(&bad).unwrap_err().lines().iter().any(|l| l.starts_with("contacts[1200].arrives_day")));
}

#[test]
fn a_helper_refuses_pieces_that_are_broken_or_describe_an_invalid_scenario() {
    let s = many(1200);
    let jobs = jobs_message(&[baton::engine::helpers::Job { option: HandoffOption::OnlyMass, seed: 1 }]);
    let good = scenario_message(&s);
    assert!(answer(&good, &jobs).is_ok());

    let mut lines: Vec<&str> = good.split('\n').collect();
    lines[1] = "[{\"id\": ";
    let broken = lines.join("\n");
    assert!(answer(&broken, &jobs).unwrap_err().contains("could not read the scenario"));

    let mut invalid = s.clone();
    invalid.contacts[1100].persona = "nobody-we-know".into();
    let err = answer(&scenario_message(&invalid), &jobs).unwrap_err();
    assert!(err.contains("problems") && err.contains("contacts[1100]"), "{err}");
}

/// Writing through kept pieces gives the text written plainly, edit after edit.
#[test]
fn a_scenario_written_with_kept_pieces_is_the_scenario_written_plainly() {
    let mut written = Written::default();
    let mut s = many(3 * CONTACTS_PER_PIECE + 10);
    let check = |s: &mut Scenario, written: &mut Written, what: &str| {
        assert_eq!(scenario_json(s, written), serde_json::to_string(&*s).unwrap(), "{what}");
        assert!(written.holds(&s.contacts), "{what}");
        assert_eq!(written.with_head(head(s)), to_pieces(s), "{what}");
    };
    check(&mut s, &mut written, "first write");
    check(&mut s, &mut written, "the same again");
    s.handoff_option = HandoffOption::OnlyMass;
    check(&mut s, &mut written, "an edit that changes no contact");
    s.contacts[1500].name = "Someone else".into();
    check(&mut s, &mut written, "one contact changed");
    s.contacts.remove(10);
    check(&mut s, &mut written, "a contact deleted");
    let extra = s.contacts[0].clone();
    s.contacts.push(baton::engine::scenario::Contact { id: "added".into(), ..extra });
    check(&mut s, &mut written, "a contact added");
    // The last piece grows shorter: its old text held one contact more.
    s.contacts.pop();
    check(&mut s, &mut written, "the last contact deleted");
    s.contacts.truncate(2 * CONTACTS_PER_PIECE + 1);
    check(&mut s, &mut written, "the last piece cut to one contact");
    s.contacts.truncate(CONTACTS_PER_PIECE);
    check(&mut s, &mut written, "exactly one piece");
    s.contacts.clear();
    check(&mut s, &mut written, "no contacts");
    for sample in samples::ALL {
        let mut s = sample.scenario().unwrap();
        check(&mut s, &mut written, sample.id);
    }
}

#[test]
fn pieces_read_back_are_kept_only_when_cut_the_same_way() {
    let mut s = many(2 * CONTACTS_PER_PIECE + 7);
    let plain = serde_json::to_string(&s).unwrap();
    // Cut as this side cuts: kept, so nothing is written again.
    let text = to_pieces(&mut s);
    let mut lines = text.split('\n');
    let mut assembly = Assembly::new(lines.next().unwrap()).unwrap();
    lines.for_each(|l| assembly.add(l).unwrap());
    let (mut back, mut written) = assembly.finish_written();
    assert!(written.holds(&back.contacts));
    assert_eq!(scenario_json(&mut back, &mut written), plain);
    // Cut another way (pieces of 600): read right, and the pieces are not kept.
    let mut cut = head(&mut s);
    for chunk in s.contacts.chunks(600) {
        cut.push('\n');
        cut.push_str(&contacts_piece(chunk));
    }
    let mut lines = cut.split('\n');
    let mut assembly = Assembly::new(lines.next().unwrap()).unwrap();
    lines.for_each(|l| assembly.add(l).unwrap());
    let (mut back, mut written) = assembly.finish_written();
    assert_eq!(back, s);
    assert!(!written.holds(&back.contacts));
    assert_eq!(scenario_json(&mut back, &mut written), plain);
}
