//! A worker answers questions about a CRM export (`engine::crm_look::answer`) exactly as the
//! page works them out from the table it holds: the same sheet, values, counts and
//! imported scenario. What it is given is trusted no more than a file.

use baton::engine::crm_import::{columns, ImportOptions};
use baton::engine::crm_look::{answer, ask_message, import, read, read_told, Ask, Choice, Counts, Sheet, Told, Values};
use baton::engine::helpers::scenario_message;
use baton::engine::pieces::from_pieces;

fn export() -> Vec<u8> {
    let mut text = String::from("\u{feff}Email,First Name,Last Name,Company Name,Lifecycle Stage,Lead Status,Contact owner,Create Date,Original Source\r\n");
    for k in 0..300 {
        let email = if k == 7 { "not-an-address".to_string() } else { format!("p{k}@c{}.example", k % 40) };
        let stage = ["Lead", "Marketing Qualified Lead", "Opportunity", "Customer", "Evangelist?"][k % 5];
        let owner = ["", "Maya Chen", "Tom Reyes"][k % 3];
        text += &format!(
            "{email},P{k},N{k},Co {},{stage},{},{owner},2026-0{}-1{} 09:00,{}\r\n",
            k % 40,
            ["New", "", "Open"][k % 3],
            1 + k % 6,
            k % 10,
            ["Event", "Organic Search"][k % 2]
        );
    }
    text.into_bytes()
}

fn choice(new_scenario: bool) -> Choice {
    let (table, _) = read(&export()).unwrap();
    let options = ImportOptions { persona: None, ..ImportOptions::default() };
    let map = columns(&table.headers, &options);
    let mut columns: Vec<_> = map.into_iter().collect();
    columns.sort();
    Choice { columns, options, new_scenario, file: "export.csv".into() }
}

fn told(bytes: &[u8], scenario: &str, ask: &Ask) -> (Told, Option<String>) {
    let (text, made) = answer(bytes, scenario, &ask_message(ask)).unwrap();
    (read_told(&text).unwrap(), made)
}

#[test]
fn a_workers_answers_equal_the_pages_own() {
    let bytes = export();
    let (table, encoding) = read(&bytes).unwrap();
    let base = baton::samples::ebook_playbook().unwrap();
    let pieces = scenario_message(&base);
    assert_eq!(told(&bytes, "", &Ask::Sheet).0, Told::Sheet(Sheet::of(&table, encoding)));
    let c = choice(true);
    let sheet = Sheet::of(&table, encoding);
    assert_eq!((sheet.rows, sheet.preview.len(), sheet.encoding.as_str()), (300, 5, "UTF-8"));
    let values = Values::of(&table, &c.map());
    assert_eq!(told(&bytes, "", &Ask::Values { columns: c.columns.clone() }).0, Told::Values(values.clone()));
    assert_eq!(values.get(baton::engine::crm_import::Field::Owner).len(), 3, "{values:?}");
    let counts = Counts::of(&base, &table, &c);
    assert_eq!(told(&bytes, &pieces, &Ask::Counts(c.clone())).0, Told::Counts(counts.clone()));
    assert_eq!(counts.imported + counts.left, 300);
    for new_scenario in [true, false] {
        let c = choice(new_scenario);
        let (made, lines) = import(&base, &table, encoding, &c).unwrap();
        let (answer, sent) = told(&bytes, &pieces, &Ask::Import(c));
        assert_eq!(answer, Told::Imported(lines.clone()));
        assert_eq!(from_pieces(&sent.expect("the new scenario in pieces")).unwrap(), made);
        assert!(lines[0].starts_with(&format!("Imported {} contacts", counts.imported)), "{lines:?}");
        let expected = if new_scenario { counts.imported } else { counts.imported + base.contacts.len() };
        assert_eq!(made.contacts.len(), expected);
    }
}

/// A new scenario takes none of the open one's contacts: a worker given its settings alone
/// counts and imports exactly as with all of it; contacts added to it are checked against
/// those it has, so then it gets them all.
#[test]
fn a_new_scenario_needs_only_the_settings_and_an_addition_the_contacts_too() {
    let bytes = export();
    let mut base = baton::samples::ebook_playbook().unwrap();
    assert!(!base.contacts.is_empty());
    let full = scenario_message(&base);
    let (new, add) = (choice(true), choice(false));
    let head = baton::engine::crm_look::base_message(&mut base, &new);
    assert!(head.len() < full.len() && !head.contains('\n'), "the settings alone, in one piece");
    assert_eq!(baton::engine::crm_look::base_message(&mut base, &add), full);
    for ask in [Ask::Counts(new.clone()), Ask::Import(new)] {
        assert_eq!(told(&bytes, &head, &ask), told(&bytes, &full, &ask));
    }
    // Every row's address is already a contact: an addition keeps none of them.
    let mut taken = base.clone();
    let (table, _) = read(&bytes).unwrap();
    let emails: Vec<String> = table.rows.iter().filter_map(|(_, r)| r.first().cloned()).filter(|e| e.contains('@')).collect();
    let template = taken.contacts[0].clone();
    taken.contacts = emails
        .iter()
        .enumerate()
        .map(|(k, e)| baton::engine::scenario::Contact { id: format!("c{k}"), email: e.clone(), same_person_as: None, ..template.clone() })
        .collect();
    let with_contacts = baton::engine::crm_look::base_message(&mut taken, &add);
    let Told::Counts(counts) = told(&bytes, &with_contacts, &Ask::Counts(add.clone())).0 else { panic!("no counts") };
    assert_eq!(counts.imported, 0, "{counts:?}");
}

#[test]
fn a_worker_refuses_what_it_cannot_read_in_words() {
    let bytes = export();
    let base = baton::samples::ebook_playbook().unwrap();
    // An empty file: the same words as on the page.
    let (answer_told, made) = told(b"", "", &Ask::Sheet);
    assert_eq!(answer_told, Told::Refused(read(b"").unwrap_err()));
    assert!(made.is_none());
    // A question it cannot read, and a scenario with a problem, are errors in words.
    assert!(answer(&bytes, "", "{\"sheet\"").unwrap_err().contains("could not be read"));
    let mut broken = base.clone();
    broken.calendar.horizon_days = 0;
    let e = answer(&bytes, &scenario_message(&broken), &ask_message(&Ask::Counts(choice(true)))).unwrap_err();
    assert!(e.contains("horizon_days"), "{e}");
    assert!(answer(&bytes, "", &ask_message(&Ask::Import(choice(true)))).is_err(), "an import needs a scenario");
}
