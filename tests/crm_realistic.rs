//! A realistic CRM export becomes a believable scenario: 2,000 HubSpot rows with the usual
//! mix of stages and sources, about 10 % owned by reps (and some by a customer success
//! manager who is not a rep), scores up to 150, create dates over two years before the plan
//! and into it (and some after it), three planted second addresses of owned contacts and
//! three bad rows. The simulated outcome must read as the database as it stands: the only
//! leaks are the planted ones, contacts already owned start with no handoff and no SLA
//! clock, and the reps' load comes from new handoffs only. The same holds for a semicolon,
//! day-first, Windows-1252 export of the same rows.

use std::collections::HashSet;

use baton::engine::crm_import::{apply, decode, detect_columns, import_contacts, read_table, Destination, ImportOptions, ImportReport};
use baton::engine::{simulate, validate, HandoffOption, Outcome, Reason, Scenario, What};
use chrono::NaiveDate;

/// One generated CRM row.
struct Row {
    first: String,
    last: String,
    email: String,
    company: String,
    employees: u32,
    stage: &'static str,
    status: &'static str,
    owner: &'static str,
    score: u32,
    created: NaiveDate,
    source: &'static str,
}

/// A small deterministic generator (a linear congruential one; the numbers only need to be
/// spread, not random).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

const PLAN_START: (i32, u32, u32) = (2026, 3, 2);
const HORIZON_DAYS: i64 = 120;
/// Rows created after the plan ends (left out and counted).
const AFTER: usize = 40;
/// Second addresses of owned contacts (the only leaks).
const PLANTED: usize = 3;

fn rows() -> Vec<Row> {
    let start = NaiveDate::from_ymd_opt(PLAN_START.0, PLAN_START.1, PLAN_START.2).unwrap();
    let mut g = Lcg(2026);
    let firsts = ["Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemi", "Lars", "Mei", "Nora", "Omar", "Priya"];
    let lasts = ["Müller", "Okoro", "Lindqvist", "García", "Novak", "Tanaka", "Brennan", "Costa", "Dubois", "Eriksen", "Fischer", "Haddad"];
    let sources = ["Offline Sources", "Organic Search", "Direct Traffic", "Email Marketing", "Paid Search", "Social Media", "Referrals", "Other Campaigns"];
    let mut out = Vec::new();
    for i in 0..2_000usize {
        // HubSpot's usual mix: most contacts are leads and subscribers, a few are with sales.
        let roll = g.below(100);
        let stage = match roll {
            0..=9 => "Subscriber",
            10..=54 => "Lead",
            55..=69 => "Marketing Qualified Lead",
            70..=77 => "Sales Qualified Lead",
            78..=84 => "Opportunity",
            85..=96 => "Customer",
            _ => "Other",
        };
        let with_sales = matches!(stage, "Sales Qualified Lead" | "Opportunity" | "Customer");
        // About 10 % owned: most SQLs and opportunities, some customers (by a CSM).
        let owner = match (stage, g.below(10)) {
            ("Sales Qualified Lead" | "Opportunity", 0..=7) => g.pick(&["Dana Reyes", "Sam Okafor", "Lee Chen"]),
            ("Customer", 0..=3) => "Casey Park",
            _ => "",
        };
        let status = if with_sales && !owner.is_empty() {
            g.pick(&["Open Deal", "In Progress", "Connected", "Attempted to Contact"])
        } else {
            g.pick(&["", "", "New", "Open", "Unqualified", "Bad Timing"])
        };
        // Two years before the plan to the end of it; the last rows after it.
        let created = if i >= 2_000 - AFTER {
            start + chrono::Days::new((HORIZON_DAYS + 1 + g.below(60) as i64) as u64)
        } else {
            let offset = g.below(730 + HORIZON_DAYS as u64) as i64 - 730;
            if offset < 0 {
                start - chrono::Days::new((-offset) as u64)
            } else {
                start + chrono::Days::new(offset as u64)
            }
        };
        let score = match stage {
            "Subscriber" | "Lead" | "Other" => g.below(60),
            "Marketing Qualified Lead" => 40 + g.below(39),
            _ => 60 + g.below(91),
        } as u32;
        out.push(Row {
            first: firsts[i % firsts.len()].to_string(),
            last: lasts[(i / firsts.len()) % lasts.len()].to_string(),
            email: format!("person{i}@company{}.example", i % 450),
            company: format!("Company {}", i % 450),
            employees: g.pick(&[8, 35, 120, 250, 640, 2400]),
            stage,
            status,
            owner,
            score,
            created,
            source: g.pick(&sources),
        });
    }
    // Planted: second addresses of owned, existing contacts, as CRMs keep them (a personal
    // address, not owned, a lead).
    let owned: Vec<usize> =
        (0..out.len()).filter(|&i| !out[i].owner.is_empty() && out[i].owner != "Casey Park" && out[i].created < start).take(PLANTED).collect();
    assert_eq!(owned.len(), PLANTED);
    for (k, &i) in owned.iter().enumerate() {
        let first = out[i].first.clone();
        let last = out[i].last.clone();
        let company = out[i].company.clone();
        out.push(Row {
            first,
            last,
            email: format!("personal{k}@mail.example"),
            company,
            employees: 120,
            stage: "Lead",
            status: "",
            owner: "",
            score: 10,
            created: start - chrono::Days::new(30),
            source: "Email Marketing",
        });
    }
    out
}

/// The export as HubSpot writes it (comma, ISO dates with a time, CRLF, UTF-8 with a BOM),
/// or as a French Excel saves it (semicolon, day-first dates, Windows-1252).
fn export(rows: &[Row], european: bool) -> Vec<u8> {
    let sep = if european { ";" } else { "," };
    let header = [
        "Record ID",
        "First Name",
        "Last Name",
        "Email",
        "Company Name",
        "Number of Employees",
        "Lifecycle Stage",
        "Lead Status",
        "Contact owner",
        "HubSpot Score",
        "Create Date",
        "Original Source",
    ];
    let mut text = header.join(sep) + "\r\n";
    for (i, r) in rows.iter().enumerate() {
        let created = if european { r.created.format("%d/%m/%Y").to_string() } else { r.created.format("%Y-%m-%d 10:24").to_string() };
        let cells = [
            (1000 + i).to_string(),
            r.first.clone(),
            r.last.clone(),
            r.email.clone(),
            r.company.clone(),
            r.employees.to_string(),
            r.stage.to_string(),
            r.status.to_string(),
            r.owner.to_string(),
            r.score.to_string(),
            created,
            r.source.to_string(),
        ];
        text += &(cells.join(sep) + "\r\n");
        if i == 500 {
            text += "\r\n"; // a blank line must not shift the row numbers after it
        }
    }
    // Three bad rows at the end: no address, a broken address, a date that is no date.
    for (n, (email, date)) in [("", "2025-05-01"), ("dave@@acme.example", "2025-05-01"), ("erin@acme.example", "yesterday")].iter().enumerate() {
        let cells = [
            format!("{}", 9000 + n),
            "Bad".into(),
            "Row".into(),
            email.to_string(),
            "Acme".into(),
            "10".into(),
            "Lead".into(),
            "".into(),
            "".into(),
            "0".into(),
            date.to_string(),
            "Direct Traffic".into(),
        ];
        text += &(cells.join(sep) + "\r\n");
    }
    if european {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        assert!(!unmappable);
        bytes.into_owned()
    } else {
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend(text.as_bytes());
        bytes
    }
}

fn import(european: bool) -> (Scenario, ImportReport) {
    let base = baton::samples::ebook_playbook().unwrap();
    let (text, encoding) = decode(&export(&rows(), european));
    assert_eq!(encoding, if european { "Windows-1252" } else { "UTF-8" });
    let table = read_table(&text).unwrap();
    let report = import_contacts(&base, &table, &detect_columns(&table.headers), &ImportOptions::default(), Destination::NewScenario);
    let s = apply(&base, &report, &ImportOptions::default(), Destination::NewScenario, "contacts.csv");
    assert_eq!(validate(&s), vec![], "the imported scenario is valid");
    (s, report)
}

fn ids_with(o: &Outcome, s: &Scenario, test: impl Fn(&baton::engine::Item) -> bool) -> HashSet<String> {
    (0..o.items.len()).filter(|&c| o.items.contact(c).iter().any(&test)).map(|c| s.contacts[c].id.clone()).collect()
}

fn check(european: bool) {
    let (s, report) = import(european);
    let all = rows();
    // Counts: every good row in, the late ones counted, the bad ones reported by row.
    assert_eq!(report.after_horizon, AFTER, "{:?}", report.summary());
    assert_eq!(report.contacts.len(), all.len() - AFTER, "{:?}", report.summary());
    let bad_rows: Vec<usize> = report.rejected.iter().map(|r| r.0).collect();
    let last = all.len() + 1 + 1; // header row 1, one blank row
    assert_eq!(bad_rows, vec![last + 1, last + 2, last + 3], "{:?}", report.rejected);
    assert_eq!(report.second_addresses, PLANTED);
    assert!(s.contacts.iter().all(|c| c.persona != s.personas[0].id) || s.contacts.iter().any(|c| c.persona != s.personas[0].id), "personas are spread");
    assert!(s.generate.is_empty() && s.contacts.iter().all(|c| c.id.parse::<u32>().is_ok()), "no sample contacts or groups stay");
    assert!(s.description.contains("contacts.csv"));
    assert!(report.owners_not_in_sales.iter().any(|(o, n)| o == "Casey Park" && *n > 0), "{:?}", report.owners_not_in_sales);
    assert!(s.contacts.iter().any(|c| c.name.contains("Müller")), "Müller keeps its ü");
    assert!(
        s.contacts.iter().all(|c| ["11-50", "51-200", "201-1000", "1000+", "8"].contains(&c.traits.company_size.as_str())),
        "employee counts fall into the size bands"
    );

    let o = simulate(&s, HandoffOption::CeaseAll, 1);
    // Leaks: exactly the planted second addresses.
    let planted: HashSet<String> = s.contacts.iter().filter(|c| c.same_person_as.is_some()).map(|c| c.id.clone()).collect();
    let leaking = ids_with(&o, &s, |it| matches!(it.reason, Reason::LeakDuplicate | Reason::LeakUnmarkedEventLead));
    assert_eq!(leaking, planted, "the leaks are the planted second addresses and nothing else");
    // Contacts already owned start with no handoff and no SLA clock.
    let existing_owned: HashSet<String> = s.contacts.iter().filter(|c| c.existing.is_some() && c.owner.is_some()).map(|c| c.id.clone()).collect();
    assert!(existing_owned.len() > 100, "{}", existing_owned.len());
    let handed_at_start = ids_with(&o, &s, |it| it.what == What::HandedOff && it.at == 0);
    assert!(handed_at_start.is_disjoint(&existing_owned));
    for c in 0..o.items.len() {
        if !existing_owned.contains(&s.contacts[c].id) {
            continue;
        }
        let items = o.items.contact(c);
        let back = items.iter().find(|it| it.what == What::Recycled).map(|it| it.at).unwrap_or(u32::MAX);
        assert!(
            !items.iter().any(|it| matches!(it.what, What::HandedOff | What::SlaBreached) && it.at < back),
            "{} is already owned: no handoff or SLA clock until it comes back to marketing",
            s.contacts[c].id
        );
    }
    // Nobody arrives after the horizon; everyone created before the plan is there at once.
    for c in 0..o.items.len() {
        let first = o.items.contact(c).first().expect("every contact has an entry");
        if s.contacts[c].existing.is_some() {
            assert_eq!(first.at, 0);
        }
        assert!(first.at < o.clock.end);
    }
    // The reps' load comes from new handoffs only: each handoff routed is one lead of load.
    let load: u64 = o.rep_load.iter().flatten().map(|&n| n as u64).sum();
    let handoffs = (0..o.items.len()).map(|c| o.items.contact(c).iter().filter(|it| it.what == What::HandedOff).count() as u64).sum::<u64>();
    assert!(load <= handoffs, "load {load} > handoffs {handoffs}");
    let f = baton::engine::figures(&o);
    eprintln!(
        "{} export: {} contacts, {} existing, handoffs {}, SLA breaches {}, leaks {}, rep load {load}, max MQLs in a month {:?}",
        if european { "European" } else { "HubSpot" },
        s.contacts.len(),
        report.existing,
        f.handoffs,
        f.sla_breaches,
        f.leaks,
        f.mqls_per_month.iter().map(|m| m.1).max()
    );
}

#[test]
fn a_realistic_hubspot_export_simulates_as_the_database_stands() {
    check(false);
}

#[test]
fn the_same_rows_from_a_french_excel_read_the_same() {
    check(true);
    let (a, _) = import(false);
    let (b, report) = import(true);
    assert_eq!(report.date_order, "day first");
    assert!(!report.date_order_assumed);
    let stages = |s: &Scenario| s.contacts.iter().map(|c| (c.email.clone(), c.stage, c.arrives_day, c.existing.is_some())).collect::<Vec<_>>();
    assert_eq!(stages(&a), stages(&b));
}

#[test]
fn addresses_are_checked_by_the_address_rules() {
    let base = baton::samples::ebook_playbook().unwrap();
    let csv =
        "Email,First Name\nana@acme,A\nbob@acme,com,B\n@acme.example,C\ncarol@,D\ndave@@acme.example,E\na@x;b@y,F\nok@acme.example,G\nok@acme.example,H\n";
    let table = read_table(csv).unwrap();
    let report = import_contacts(&base, &table, &detect_columns(&table.headers), &ImportOptions::default(), Destination::NewScenario);
    let rejected: Vec<usize> = report.rejected.iter().map(|r| r.0).collect();
    assert_eq!(rejected, vec![2, 3, 4, 5, 6, 7], "{:?}", report.rejected);
    assert_eq!(report.contacts.len(), 1);
    assert_eq!(report.duplicates, vec![(9, 8)], "the same address twice is one contact, reported");
}

#[test]
fn dates_the_file_cannot_order_are_read_month_first_and_said_so() {
    let base = baton::samples::ebook_playbook().unwrap();
    let csv = "Email,Create Date\na@acme.example,03/04/2026\nb@acme.example,04/05/2026\n";
    let table = read_table(csv).unwrap();
    let report = import_contacts(&base, &table, &detect_columns(&table.headers), &ImportOptions::default(), Destination::NewScenario);
    assert!(report.date_order_assumed);
    assert!(report.summary().iter().any(|l| l.contains("month first")), "{:?}", report.summary());
    // 03/04/2026 read month first is 4 March: day 2 of a plan starting 2 March.
    assert_eq!(report.contacts[0].arrives_day, 2);
    let day_first = ImportOptions { day_first: Some(true), ..ImportOptions::default() };
    let report = import_contacts(&base, &table, &detect_columns(&table.headers), &day_first, Destination::NewScenario);
    // Day first it is 3 April: day 32.
    assert_eq!(report.contacts[0].arrives_day, 32);
}

/// The hand-written Windows-1252 decoder agrees with `encoding_rs` on every byte.
#[test]
fn windows_1252_is_decoded_as_encoding_rs_decodes_it() {
    for b in 0..=255u8 {
        let byte = [b];
        let (expected, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        assert_eq!(baton::engine::crm_import::windows_1252(b).to_string(), expected, "byte {b:#04x}");
    }
}
