//! The `baton` command line: formats, exit codes, messages.

use std::process::Command;

fn baton(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baton")).args(args).output().expect("baton runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn simulate_writes_csv_with_exactly_the_documented_columns() {
    let (code, out, err) = baton(&["simulate", "sample:scripted-lead"]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("option,contact_id,contact_email,at,kind,email,source,status,reason,stage,owner"));
    let first = lines.next().expect("a row");
    assert_eq!(
        first,
        "2,jane-doe,jane.doe@keystonehealth.example,2026-03-02T10:07:00-05:00,automated,Thanks for downloading the eBook,workflow: eBook thank-you,sent,,mql,marketing"
    );
    for line in out.lines().skip(1) {
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(line.as_bytes());
        let rec = r.records().next().expect("record").expect("valid CSV");
        assert_eq!(rec.len(), 11, "{line}");
        assert!(["automated", "mass", "sales"].contains(&&rec[4]), "{line}");
        assert!(["sent", "suppressed"].contains(&&rec[7]), "{line}");
        assert!(rec[10] == *"marketing" || rec[10].starts_with("sales:"), "{line}");
        assert!(chrono::DateTime::parse_from_rfc3339(&rec[3]).is_ok(), "{line}");
        if &rec[7] == "suppressed" {
            assert!(!rec[8].is_empty(), "a suppressed row needs a reason: {line}");
        }
    }
}

#[test]
fn simulate_all_options_writes_each_option() {
    let (code, out, _) = baton(&["simulate", "sample:scripted-lead", "--option", "all"]);
    assert_eq!(code, 0);
    for option in ["1", "2", "3", "custom"] {
        assert!(out.lines().any(|l| l.starts_with(&format!("{option},"))), "no rows for option {option}");
    }
}

#[test]
fn simulate_json_carries_figures_and_the_comparison_with_spreads() {
    let (code, out, err) = baton(&["simulate", "sample:ebook", "--option", "all", "--runs", "3", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["outcomes"].as_array().map(Vec::len), Some(4));
    let cmp = v["comparison"].as_array().expect("comparison");
    assert_eq!(cmp.len(), 4);
    assert_eq!(cmp[0]["runs"], 3);
    let spread = &cmp[0]["spread"][0];
    assert!(spread["p10"].as_f64() <= spread["mean"].as_f64() && spread["mean"].as_f64() <= spread["p90"].as_f64());
}

#[test]
fn an_invalid_file_exits_2_and_lists_every_problem() {
    let dir = std::env::temp_dir().join(format!("baton-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.baton.json");
    let mut v: serde_json::Value = serde_json::from_str(baton::samples::ALL[0].json).unwrap();
    v["calendar"]["horizon_days"] = 0.into();
    v["reps"][0]["name"] = "".into();
    std::fs::write(&path, v.to_string()).unwrap();
    let (code, _, err) = baton(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("calendar.horizon_days: must be from 1 to 730 days"), "{err}");
    assert!(err.contains("reps[0].name: must not be empty"), "{err}");
    let (code, _, _) = baton(&["simulate", path.to_str().unwrap()]);
    assert_eq!(code, 2);
}

#[test]
fn a_missing_file_exits_1_and_a_bad_option_exits_2() {
    let (code, _, err) = baton(&["simulate", "/nonexistent/x.json"]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot read /nonexistent/x.json"), "{err}");
    let (code, _, err) = baton(&["simulate", "sample:ebook", "--option", "7"]);
    assert_eq!(code, 2);
    assert!(err.contains("--option must be 1, 2, 3, custom or all"), "{err}");
}

#[test]
fn schema_prints_the_json_schema() {
    let (code, out, _) = baton(&["schema"]);
    assert_eq!(code, 0);
    assert_eq!(out, baton::engine::schema_json());
}

#[test]
fn bench_prints_its_measurements() {
    let (code, out, err) = baton(&["bench", "--contacts", "2000", "--days", "60"]);
    assert_eq!(code, 0, "{err}");
    for key in ["contacts:", "days:", "emails simulated:", "events simulated:", "seconds:", "events per second:", "peak memory:"] {
        assert!(out.contains(key), "bench output lacks {key}: {out}");
    }
    assert!(out.contains("contacts:          2000"), "{out}");
}

#[test]
fn bench_times_each_step_of_a_crm_import() {
    let dir = std::env::temp_dir().join(format!("baton-cli-bench-crm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("export.csv");
    let mut text = String::from("Email,First Name,Lifecycle Stage,Create Date\n");
    for k in 0..50 {
        text += &format!("p{k}@acme.example,P{k},Lead,2026-01-05\n");
    }
    std::fs::write(&csv, text).unwrap();
    let (code, out, err) = baton(&["bench", "--crm", csv.to_str().unwrap(), "--repeat", "2"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("50 contacts imported, 2 runs"), "{out}");
    for step in ["read:", "values:", "counts:", "import:", "validate:"] {
        assert!(out.lines().any(|l| l.starts_with(step) && l.contains("ms best")), "bench output lacks {step}: {out}");
    }
    let (code, _, err) = baton(&["bench", "--crm", dir.join("missing.csv").to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("missing.csv"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `import-contacts` with a mapping file (columns by name, a persona rule, the work under
/// way), then the next export with no mapping: the choices saved with the scenario apply.
#[test]
fn import_contacts_takes_a_mapping_and_reuses_the_saved_one() {
    let dir = std::env::temp_dir().join(format!("baton-cli-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    std::fs::write(
        path("first.csv"),
        "E-mail,Titel,Stage,Rep,Created\nann@x.example,VP Sales,Opportunity,Dana Reyes,2025-05-01\nbob@x.example,Analyst,Lead,,2025-05-01\n",
    )
    .unwrap();
    std::fs::write(
        path("mapping.json"),
        r#"{"columns": {"email": "E-mail", "job_title": "Titel", "lifecycle_stage": "Stage", "owner": "Rep", "create_date": "Created"},
            "persona_rules": [{"column": "job_title", "value": "vp", "persona": "ready_buyer"}],
            "persona": "too_early",
            "in_progress": {"opportunity": "quiet"}}"#,
    )
    .unwrap();
    let (code, out, err) =
        baton(&["import-contacts", &path("first.csv"), "--into", "sample:ebook", "--out", &path("first.json"), "--mapping", &path("mapping.json")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Imported 2 contacts (2 already in the CRM"), "{out}");
    assert!(out.contains("Personas: Ready buyer 1, Too early in the buying process 1."), "{out}");
    let first = baton::engine::load(&std::fs::read_to_string(path("first.json")).unwrap()).unwrap();
    assert_eq!(first.contacts[0].owner.as_deref(), Some("Dana Reyes"));
    assert_eq!(first.sales_cadence.in_progress.opportunity, baton::engine::scenario::OpenWork::Quiet);

    // The next export of the same CRM, columns in another order.
    std::fs::write(path("second.csv"), "Created,Rep,Stage,Titel,E-mail\n2025-06-01,,Lead,SVP Ops,cy@x.example\n").unwrap();
    let (code, out, err) = baton(&["import-contacts", &path("second.csv"), "--into", &path("first.json"), "--out", &path("second.json")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Used the import choices saved with"), "{out}");
    assert!(out.contains("Personas: Ready buyer 1."), "{out}");

    // A mapping that names a persona the scenario lacks is refused, with what and where.
    std::fs::write(path("bad.json"), r#"{"persona_rules": [{"column": "score", "value": "50-100", "persona": "nobody"}]}"#).unwrap();
    let (code, _, err) = baton(&["import-contacts", &path("first.csv"), "--into", "sample:ebook", "--out", &path("x.json"), "--mapping", &path("bad.json")]);
    assert_eq!(code, 2);
    assert!(err.contains("persona_rules[0]: the scenario has no persona \u{201c}nobody\u{201d}"), "{err}");
    std::fs::write(path("typo.json"), r#"{"persona_rule": []}"#).unwrap();
    let (code, _, err) = baton(&["import-contacts", &path("first.csv"), "--into", "sample:ebook", "--out", &path("x.json"), "--mapping", &path("typo.json")]);
    assert_eq!(code, 2);
    assert!(err.contains("is not an import mapping: unknown field `persona_rule`"), "{err}");
}

/// `sweep` writes one row per value × option with every figure; without `--set` it runs
/// the sweep saved with the scenario; a wrong range exits 2 with what is wrong.
#[test]
fn sweep_writes_a_row_per_value_and_option_and_uses_the_saved_sweep() {
    let (code, out, err) = baton(&["sweep", "sample:ebook", "--set", "lifecycle.handoff_score=60..100:10", "--goal", "sla_breaches<=5"]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[..3], ["lifecycle.handoff_score", "option", "automated_sent"]);
    assert!(header.contains(&"mqls_per_month") && header.contains(&"sla_breaches_p90"));
    assert_eq!(header.last(), Some(&"meets_goals"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 5 * 4);
    assert_eq!((rows[0][0], rows[0][1], rows[4][0]), ("60", "1", "70"));
    let sla = header.iter().position(|h| *h == "sla_breaches").unwrap();
    for r in &rows {
        assert_eq!(r.len(), header.len());
        let meets = r[sla].parse::<f64>().unwrap() <= 5.0;
        assert_eq!(r.last().unwrap(), &meets.to_string().as_str(), "{r:?}");
    }

    let dir = std::env::temp_dir().join(format!("baton-cli-sweep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("with-sweep.baton.json");
    let mut v: serde_json::Value = serde_json::from_str(baton::samples::ALL[0].json).unwrap();
    v["what_if"] =
        serde_json::json!({"axes": [{"setting": "sla.first_touch_hours", "from": 24, "to": 48, "step": 24}], "runs": 2, "goals": [], "figure": "sla_breaches"});
    std::fs::write(&path, v.to_string()).unwrap();
    let (code, out, err) = baton(&["sweep", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["cells"].as_array().unwrap().len(), 2);
    assert_eq!(doc["cells"][1]["values"][0], 48.0);
    assert_eq!(doc["cells"][0]["options"][0]["runs"], 2);

    let (code, _, err) = baton(&["sweep", "sample:ebook", "--set", "lifecycle.handoff_score=100..60:5"]);
    assert_eq!(code, 2);
    assert!(err.contains("the end must not be below the start"), "{err}");
    let (code, _, err) = baton(&["sweep", "sample:ebook"]);
    assert_eq!(code, 2);
    assert!(err.contains("has no saved sweep"), "{err}");
}
