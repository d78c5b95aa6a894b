//! Contacts from a CRM export (HubSpot's columns recognised), with every rejected row
//! reported by number and reason.

use baton::engine::crm_import::{detect_columns, import_contacts, read_table, Field, ImportOptions};
use baton::engine::scenario::Source;
use baton::engine::Stage;

fn scenario() -> baton::engine::Scenario {
    baton::samples::ebook_playbook().unwrap()
}

const HUBSPOT: &str = "\u{feff}Record ID,First Name,Last Name,Email,Company Name,Job Title,Industry,Number of Employees,Country/Region,Lifecycle Stage,Lead Status,Contact owner,HubSpot Score,Create Date,Original Source\r\n\
101,Ana,Ruiz,ana@acme.example,\"Acme, Inc.\",VP Marketing,Healthcare,201-1000,United States,Marketing Qualified Lead,Open,,55,2026-03-04 14:30,Organic search\r\n\
102,Ben,Okoro,ben@acme.example,Acme,\"Director,\nOperations\",Retail,51-200,Canada,Sales Qualified Lead,Attempted to contact,Dana Reyes,85,03/05/2026,Offline sources\r\n\
103,Cy,Lane,not-an-email,Acme,,,,,Lead,,,,,\r\n\
104,Di,Moss,ana@acme.example,Acme,,,,,Lead,,,,,\r\n\
105,Ed,Park,ed@acme.example,Acme,,,,,Prospect,,,,,\r\n\
106,Fi,Hale,fi@acme.example,Acme,,,,,Lead,,Nobody Here,,,\r\n\
107,Gus,Hunt,gus@acme.example,Acme,,,,,Customer,,,lots,,\r\n\
108,Hal,Yu,hal@acme.example,Acme,,,,,,,,,yesterday,\r\n";

fn too_early() -> ImportOptions {
    ImportOptions { persona: Some("too_early".into()), ..ImportOptions::default() }
}

#[test]
fn hubspot_columns_are_recognised_by_name() {
    let table = read_table(HUBSPOT).unwrap();
    let map = detect_columns(&table.headers);
    assert_eq!(map.get(&Field::Email), Some(&3));
    assert_eq!(map.get(&Field::CompanySize), Some(&7));
    assert_eq!(map.get(&Field::Country), Some(&8));
    assert_eq!(map.get(&Field::Owner), Some(&11));
    assert_eq!(map.get(&Field::Id), Some(&0));
    assert_eq!(map.len(), 15);
}

#[test]
fn good_rows_import_and_bad_rows_are_reported_with_number_and_reason() {
    // Row numbers are spreadsheet rows: the header is row 1 and Ben's two-line job title
    // stays in row 3.
    let s = scenario();
    let table = read_table(HUBSPOT).unwrap();
    let options = ImportOptions { persona: Some("fell_short".into()), ..ImportOptions::default() };
    let report = import_contacts(&s, &table, &detect_columns(&table.headers), &options, baton::engine::crm_import::Destination::Add);
    let ids: Vec<&str> = report.contacts.iter().map(|c| c.id.as_str()).collect();
    // Prospect is a lead; an owner who is not a rep is not in sales, not a rejected row.
    assert_eq!(ids, ["101", "102", "105", "106"]);
    assert_eq!(report.owners_not_in_sales, [("Nobody Here".to_string(), 1)]);
    assert_eq!(report.contacts[3].owner, None);
    let ana = &report.contacts[0];
    assert_eq!((ana.company.as_str(), ana.stage, ana.score, ana.arrives_day), ("Acme, Inc.", Stage::Mql, 55, 2));
    assert_eq!(ana.arrives_at.to_string(), "14:30");
    let ben = &report.contacts[1];
    assert_eq!(ben.traits.job_title, "Director,\nOperations", "a quoted line break stays in the field");
    assert_eq!(ben.owner.as_deref(), Some("Dana Reyes"));
    // "Offline sources" is HubSpot's source for every imported contact, not an event.
    assert_eq!(ben.source, Source::Import);
    // 03/05/2026 cannot tell its order: read month first (5 March, day 3), and said so.
    assert_eq!(ben.arrives_day, 3);
    assert!(report.date_order_assumed);
    let rejected: Vec<(usize, &str)> = report.rejected.iter().map(|(r, why)| (*r, why.as_str())).collect();
    assert_eq!(rejected[0].0, 4);
    assert!(rejected[0].1.starts_with("\u{201c}not-an-email\u{201d} is not an email address"), "{rejected:?}");
    assert_eq!(
        rejected[1..],
        [(8, "the score \u{201c}lots\u{201d} is not a number"), (9, "the create date \u{201c}yesterday\u{201d} is not a date (use 2026-03-02 or 03/02/2026)"),]
    );
    assert_eq!(report.duplicates, [(5, 2)], "the same address twice is one contact");
    // What imports is valid for the engine.
    let mut s2 = s.clone();
    s2.contacts.extend(report.contacts);
    assert!(baton::engine::validate(&s2).is_empty());
}

#[test]
fn semicolon_files_and_other_columns_work_through_a_map() {
    let text = "Mail;Name;Firma\nx@y.example;Xavier;\"Big; Co\"\n";
    let table = read_table(text).unwrap();
    assert_eq!(table.headers, ["Mail", "Name", "Firma"]);
    let map = [(Field::Email, 0), (Field::FirstName, 1), (Field::Company, 2)].into_iter().collect();
    let report = import_contacts(&scenario(), &table, &map, &too_early(), baton::engine::crm_import::Destination::Add);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.contacts[0].company, "Big; Co");
    assert_eq!(report.contacts[0].name, "Xavier");
}

#[test]
fn a_file_without_an_email_column_says_so() {
    let table = read_table("Name\nXavier\n").unwrap();
    let report = import_contacts(&scenario(), &table, &detect_columns(&table.headers), &too_early(), baton::engine::crm_import::Destination::Add);
    assert_eq!(report.rejected, [(1, "no column is mapped to the email address".to_string())]);
}

#[test]
fn fifty_thousand_rows_import() {
    let mut text = String::from("Email,First Name,Lifecycle Stage\n");
    for i in 0..50_000 {
        text.push_str(&format!("p{i}@bulk.example,P{i},{}\n", if i % 3 == 0 { "lead" } else { "subscriber" }));
    }
    text.push_str("broken-row-without-at,X,lead\n");
    let table = read_table(&text).unwrap();
    let report = import_contacts(&scenario(), &table, &detect_columns(&table.headers), &too_early(), baton::engine::crm_import::Destination::Add);
    assert_eq!(report.contacts.len(), 50_000);
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].0, 50_002);
}

/// The values step: each distinct value with its count, and the person's meaning for a
/// value overrides the usual one.
#[test]
fn values_are_listed_with_counts_and_mapped_as_the_person_says() {
    use baton::engine::crm_import::{date_order_open, distinct_values, OwnerChoice};
    use baton::engine::scenario::LeadStatus;
    let text = "Email,Lifecycle Stage,Lead Status,Contact owner,Create Date\n\
                a@x.example,Lead,Working,Casey Park,03/04/2026\n\
                b@x.example,Lead,Working,,04/05/2026\n\
                c@x.example,Hot prospect,,Dana Reyes,\n";
    let table = read_table(text).unwrap();
    let map = detect_columns(&table.headers);
    assert_eq!(distinct_values(&table, &map, Field::LifecycleStage), [("Lead".to_string(), 2), ("Hot prospect".to_string(), 1)]);
    assert!(date_order_open(&table, &map));
    let mut options = ImportOptions::default();
    options.stages.insert("Hot prospect".into(), Stage::Sql);
    options.statuses.insert("Working".into(), LeadStatus::Connected);
    options.owners.insert("Casey Park".into(), OwnerChoice::NewRep);
    let report = import_contacts(&scenario(), &table, &map, &options, baton::engine::crm_import::Destination::Add);
    assert_eq!(report.contacts[2].stage, Stage::Sql);
    assert_eq!(report.contacts[0].owner.as_deref(), Some("Casey Park"));
    assert_eq!(report.new_reps, ["Casey Park"]);
    assert!(report.unknown_values.is_empty(), "{:?}", report.unknown_values);
    let made = baton::engine::crm_import::apply(&scenario(), &report, &options, baton::engine::crm_import::Destination::NewScenario, "x.csv");
    assert!(made.reps.iter().any(|r| r.name == "Casey Park"));
    assert!(baton::engine::validate(&made).is_empty(), "{:?}", baton::engine::validate(&made));
}
