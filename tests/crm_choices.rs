//! The import's choices beyond columns: personas by rule, the sales work already under way
//! per stage, and the choices saved with the scenario for the next export of the same CRM.

mod common;

use baton::engine::crm_import::{
    apply, columns, detect_columns, import_contacts, read_table, remember_columns, score_band, ColumnMap, Destination, Field, ImportOptions, OwnerChoice,
    PersonaRule,
};
use baton::engine::scenario::{InProgress, OpenWork};
use baton::engine::{simulate, validate, EmailKind, HandoffOption, Scenario, Stage, What};

/// The test base with two personas: "quiet" and "buyer".
fn two_personas() -> Scenario {
    let mut s = common::base();
    let mut buyer = common::quiet_persona("buyer");
    buyer.name = "Buyer".into();
    s.personas.push(buyer);
    s
}

const PEOPLE: &str = "Email,Job Title,Lifecycle Stage,Lead Status,HubSpot Score,Contact owner,Create Date\n\
    a@x.example,VP Marketing,Lead,,120,,2025-06-01\n\
    b@x.example,Marketing Manager,Lead,,20,,2025-06-01\n\
    c@x.example,Intern,Opportunity,Open Deal,60,Dana Reyes,2025-06-01\n\
    d@x.example,Svp Sales,Subscriber,,5,,2025-06-01\n\
    e@x.example,Analyst,Lead,,75,,2025-06-01\n";

fn personas_of(s: &Scenario, options: &ImportOptions) -> Vec<String> {
    let table = read_table(PEOPLE).unwrap();
    let report = import_contacts(s, &table, &detect_columns(&table.headers), options, Destination::NewScenario);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    report.contacts.iter().map(|c| c.persona.clone()).collect()
}

#[test]
fn score_bands_read_as_people_write_them() {
    assert_eq!(score_band("50-100"), Some((50.0, 100.0)));
    assert_eq!(score_band(" 50 – 100 "), Some((50.0, 100.0)));
    assert_eq!(score_band("100+"), Some((100.0, f64::INFINITY)));
    assert_eq!(score_band("-10-0"), Some((-10.0, 0.0)));
    assert_eq!(score_band("75"), Some((75.0, 75.0)));
    assert_eq!(score_band("100-50"), None, "a band runs low to high");
    assert_eq!(score_band("high"), None);
    assert_eq!(score_band("NaN+"), None);
}

/// The first rule a row matches decides; a job title rule matches a word in the title,
/// case ignored; a stage rule the stage as the file writes it; rows no rule matches get
/// the fallback persona.
#[test]
fn personas_follow_the_first_matching_rule() {
    let s = two_personas();
    let rules = vec![
        PersonaRule { column: Field::LifecycleStage, value: "opportunity".into(), persona: "buyer".into() },
        PersonaRule { column: Field::JobTitle, value: "vp".into(), persona: "buyer".into() },
        PersonaRule { column: Field::Score, value: "70-100".into(), persona: "buyer".into() },
        PersonaRule { column: Field::Score, value: "100+".into(), persona: "quiet".into() },
    ];
    let options = ImportOptions { persona_rules: rules, persona: Some("quiet".into()), ..ImportOptions::default() };
    // a: VP (rule 2) before 100+ (rule 4); b: nothing, fallback; c: opportunity; d: "Svp
    // Sales" contains "vp"; e: score 75 in 70-100.
    assert_eq!(personas_of(&s, &options), ["buyer", "quiet", "buyer", "buyer", "buyer"]);
    let table = read_table(PEOPLE).unwrap();
    let report = import_contacts(&s, &table, &detect_columns(&table.headers), &options, Destination::NewScenario);
    assert_eq!(report.personas, [("quiet".to_string(), 1), ("Buyer".to_string(), 4)]);
    assert!(report.summary().iter().any(|l| l == "Personas: quiet 1, Buyer 4."), "{:?}", report.summary());
}

/// A rule for a persona the scenario does not have places nobody, and the command line's
/// check names it; without rules the spread gives more than one persona.
#[test]
fn rules_for_missing_personas_are_named_and_place_nobody() {
    let s = two_personas();
    let options = ImportOptions {
        persona_rules: vec![
            PersonaRule { column: Field::JobTitle, value: "vp".into(), persona: "gone".into() },
            PersonaRule { column: Field::Score, value: "lots".into(), persona: "buyer".into() },
        ],
        persona: Some("quiet".into()),
        ..ImportOptions::default()
    };
    assert_eq!(personas_of(&s, &options), ["quiet"; 5]);
    let problems = options.problems(&s);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("no persona \u{201c}gone\u{201d}"), "{problems:?}");
    assert!(problems[1].contains("not a score band"), "{problems:?}");
    assert!(options.for_scenario(&s).persona_rules.len() == 1, "the rule for a missing persona is dropped when reused");
}

/// Imports `rows` owned opportunities and SQLs (created before the plan) into the test
/// base with these choices for the work under way.
fn owned(in_progress: InProgress) -> Scenario {
    let mut csv = String::from("Email,Lifecycle Stage,Lead Status,Contact owner,Create Date\n");
    for i in 0..20 {
        csv += &format!("opp{i}@x.example,Opportunity,,Dana Reyes,2025-11-03\n");
        csv += &format!("sql{i}@x.example,Sales Qualified Lead,In Progress,Dana Reyes,2025-11-03\n");
    }
    let mut base = common::base();
    base.personas[0].win_chance = 0.5;
    let table = read_table(&csv).unwrap();
    let options = ImportOptions { in_progress, ..ImportOptions::default() };
    let report = import_contacts(&base, &table, &detect_columns(&table.headers), &options, Destination::NewScenario);
    assert_eq!(report.contacts.len(), 40);
    let s = apply(&base, &report, &options, Destination::NewScenario, "owned.csv");
    assert_eq!(s.sales_cadence.in_progress, in_progress);
    assert_eq!(validate(&s), vec![]);
    s
}

/// Per contact: whether the deal closed (and on which day), and the first sales email's name.
fn work(s: &Scenario) -> Vec<(String, Option<u32>, Option<String>)> {
    let o = simulate(s, HandoffOption::CeaseAll, 7);
    (0..o.items.len())
        .map(|c| {
            let items = o.items.contact(c);
            assert!(!items.iter().any(|i| i.what == What::HandedOff), "{}: no handoff for owned work", s.contacts[c].id);
            let closed = items.iter().find(|i| matches!(i.what, What::Won | What::Lost)).map(|i| i.at / (24 * 60));
            let first = items
                .iter()
                .find(|i| i.what == What::EmailSent && o.emails[i.label as usize].kind == EmailKind::Sales)
                .map(|i| o.emails[i.label as usize].name.clone());
            (s.contacts[c].email.clone(), closed, first)
        })
        .collect()
}

#[test]
fn by_default_opportunities_close_and_sqls_are_partway_through_the_cadence() {
    let s = owned(InProgress::default());
    let w = work(&s);
    for (id, closed, first) in &w {
        if id.starts_with("opp") {
            assert!(closed.is_some_and(|d| (1..=30).contains(&d)), "{id} closes within the 30 deal days: {closed:?}");
            assert_eq!(first, &None, "{id}: an opportunity gets no cadence email");
        } else {
            assert_eq!(closed, &None, "{id}");
            assert!(first.is_some(), "{id} gets a cadence email");
        }
    }
    let firsts: std::collections::BTreeSet<&String> = w.iter().filter_map(|x| x.2.as_ref()).collect();
    assert!(firsts.len() > 1, "partway: the SQLs are at different touches, {firsts:?}");
}

#[test]
fn the_person_chooses_what_work_in_progress_means_per_stage() {
    let choice = InProgress { sql: OpenWork::CadenceFromStart, sal: OpenWork::MidCadence, opportunity: OpenWork::Quiet };
    for (id, closed, first) in work(&owned(choice)) {
        if id.starts_with("opp") {
            assert_eq!((closed, first), (None, None), "{id}: quiet work closes nothing and sends nothing");
        } else {
            assert_eq!(first.as_deref(), Some("Sales touch 1"), "{id}: the cadence from its first touch");
        }
    }
    let choice = InProgress { sql: OpenWork::DealCloses, sal: OpenWork::MidCadence, opportunity: OpenWork::MidCadence };
    for (id, closed, first) in work(&owned(choice)) {
        if id.starts_with("sql") {
            assert!(closed.is_some() && first.is_none(), "{id}: the SQL's deal closes, {closed:?} {first:?}");
        } else {
            assert!(closed.is_none() && first.is_some(), "{id}: the opportunity is worked through the cadence");
        }
    }
}

/// The choices travel with the scenario: saved by the import, through the file, and used
/// for the next export with the same columns in another order.
#[test]
fn the_import_choices_are_saved_with_the_scenario_and_reused() {
    let base = two_personas();
    let first = "E-mail,Stage,Rep,Titel,Where from\nann@x.example,Opportunity,Casey Park,VP Sales,Trade show\n";
    let table = read_table(first).unwrap();
    // The person's column choices (none of these names is recognised).
    let mut map = ColumnMap::new();
    for (f, i) in [(Field::Email, 0), (Field::LifecycleStage, 1), (Field::Owner, 2), (Field::JobTitle, 3), (Field::Source, 4)] {
        map.insert(f, i);
    }
    let mut options = ImportOptions {
        persona_rules: vec![PersonaRule { column: Field::JobTitle, value: "vp".into(), persona: "buyer".into() }],
        event_sources: vec!["Trade show".into()],
        in_progress: InProgress { opportunity: OpenWork::Quiet, ..InProgress::default() },
        ..ImportOptions::default()
    };
    options.owners.insert("Casey Park".into(), OwnerChoice::NewRep);
    options.columns = remember_columns(&table.headers, &map);
    let report = import_contacts(&base, &table, &map, &options, Destination::NewScenario);
    let made = apply(&base, &report, &options, Destination::NewScenario, "first.csv");
    let text = baton::engine::load::to_json(&made);
    let loaded = baton::engine::load(&text).expect("the scenario loads again");
    let saved = loaded.crm_import.clone().expect("the choices are saved");
    assert_eq!(saved, options);
    assert_eq!(loaded.sales_cadence.in_progress.opportunity, OpenWork::Quiet);

    // The next export: the same columns in another order, and one more.
    let second = "Titel,Notes,Where from,Rep,Stage,E-mail\nSVP Ops,hello,Trade show,Casey Park,Opportunity,bo@x.example\n";
    let table = read_table(second).unwrap();
    let reused = saved.for_scenario(&loaded);
    let map = columns(&table.headers, &reused);
    assert_eq!((map[&Field::Email], map[&Field::JobTitle], map[&Field::Owner], map[&Field::LifecycleStage]), (5, 0, 3, 4));
    // Added to the scenario of the first import: the made-up id of row 2 is taken already.
    let report = import_contacts(&loaded, &table, &map, &reused, Destination::Add);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let bo = &report.contacts[0];
    assert_eq!((bo.persona.as_str(), bo.owner.as_deref(), bo.stage), ("buyer", Some("Casey Park"), Stage::Opportunity));
    assert!(matches!(bo.source, baton::engine::scenario::Source::EventCard { .. }), "{:?}", bo.source);
}

/// A column recognised by name that the person took off stays off next time; a renamed rep
/// keeps the owners matched to it.
#[test]
fn an_unmapped_column_stays_unmapped_and_renamed_reps_keep_their_owners() {
    let headers: Vec<String> = ["Email", "Lead Status", "Contact owner"].iter().map(|h| h.to_string()).collect();
    let mut map = detect_columns(&headers);
    assert!(map.contains_key(&Field::LeadStatus));
    map.remove(&Field::LeadStatus);
    let options = ImportOptions { columns: remember_columns(&headers, &map), ..ImportOptions::default() };
    assert_eq!(options.columns.get(&Field::LeadStatus).map(String::as_str), Some(""));
    assert!(!columns(&headers, &options).contains_key(&Field::LeadStatus));

    let mut s = common::base();
    let mut saved = ImportOptions::default();
    saved.owners.insert("D. Reyes".into(), OwnerChoice::Rep("Dana Reyes".into()));
    s.crm_import = Some(saved);
    s.rename_rep(0, "Dana R. Reyes").unwrap();
    let owners = &s.crm_import.as_ref().unwrap().owners;
    assert_eq!(owners["D. Reyes"], OwnerChoice::Rep("Dana R. Reyes".into()));
}

/// A saved mapping from a hostile file is held to the same limits as the rest.
#[test]
fn saved_choices_have_limits() {
    let mut s = common::base();
    let mut saved = ImportOptions::default();
    for i in 0..10_001 {
        saved.stages.insert(format!("stage {i}"), Stage::Lead);
    }
    saved.statuses.insert("x".repeat(300), baton::engine::scenario::LeadStatus::New);
    s.crm_import = Some(saved);
    let text = baton::engine::load::to_json(&s);
    let err = baton::engine::load(&text).expect_err("too many values, too long a name");
    let lines = err.lines().join("\n");
    assert!(lines.contains("crm_import.stages: at most 10,000 values"), "{lines}");
    assert!(lines.contains("crm_import.statuses: a name in it must be at most 200 characters"), "{lines}");
}

/// The same export again: into a new scenario every row imports (the base's contacts are
/// not kept); added to the scenario that has them, each is already a contact.
#[test]
fn the_same_export_again_makes_a_new_scenario_or_finds_its_contacts() {
    let base = two_personas();
    let table = read_table(PEOPLE).unwrap();
    let map = detect_columns(&table.headers);
    let options = ImportOptions::default();
    let first = import_contacts(&base, &table, &map, &options, Destination::NewScenario);
    let made = apply(&base, &first, &options, Destination::NewScenario, "people.csv");
    let again = import_contacts(&made, &table, &map, &options, Destination::NewScenario);
    assert_eq!((again.contacts.len(), again.rejected.len()), (5, 0));
    let added = import_contacts(&made, &table, &map, &options, Destination::Add);
    assert_eq!(added.contacts.len(), 0);
    assert!(added.rejected.iter().all(|(_, why)| why.contains("is already a contact of the scenario")), "{:?}", added.rejected);
    assert_eq!(added.rejected.len(), 5);
}

/// The next export into a scenario made from an import spreads personas as the first did:
/// the base's mix is kept with the saved choices, as the new scenario has no generated groups.
#[test]
fn the_spread_of_personas_is_the_same_for_the_next_export() {
    let base = baton::samples::ebook_playbook().unwrap();
    let mut csv = String::from("Email,Lifecycle Stage,Job Title\n");
    for i in 0..400 {
        csv += &format!("p{i}@x.example,{},{}\n", if i % 3 == 0 { "Opportunity" } else { "Lead" }, if i % 5 == 0 { "VP Sales" } else { "Analyst" });
    }
    let table = read_table(&csv).unwrap();
    let map = detect_columns(&table.headers);
    let options = ImportOptions {
        persona_rules: vec![PersonaRule { column: Field::JobTitle, value: "vp".into(), persona: "ready_buyer".into() }],
        ..ImportOptions::default()
    };
    let first = import_contacts(&base, &table, &map, &options, Destination::NewScenario);
    let made = apply(&base, &first, &options, Destination::NewScenario, "people.csv");
    assert!(made.generate.is_empty());
    let saved = made.crm_import.as_ref().unwrap().for_scenario(&made);
    assert_eq!(saved.spread.values().sum::<u32>(), base.generate.iter().map(|g| g.count).sum::<u32>());
    let again = import_contacts(&made, &table, &map, &saved, Destination::NewScenario);
    let personas = |r: &baton::engine::crm_import::ImportReport| r.contacts.iter().map(|c| c.persona.clone()).collect::<Vec<_>>();
    assert_eq!(personas(&again), personas(&first));
    assert!(first.personas.len() > 3, "spread over several personas: {:?}", first.personas);
}
