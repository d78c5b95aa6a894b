//! `baton`: the command-line runner. It uses the engine alone.
//!
//! Exit status: 0 on success, 2 on invalid input (every problem listed), 1 otherwise.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use baton::engine::export::{outcome_json, write_calendar_csv, SimulationJson};
use baton::engine::{compare, load, schema_json, simulate, HandoffOption, Scenario};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "baton",
    version,
    about = "Plan how leads pass between marketing and sales: simulate every email each contact would receive under each handoff option."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Simulate a scenario and print the calendar (CSV) or the whole outcome (JSON).
    Simulate {
        /// The scenario file (.baton.json), or a built-in sample: sample:ebook, sample:event-leads, sample:scripted-lead.
        scenario: String,
        /// Which handoff option: 1, 2, 3, custom, or all (default: the scenario's own).
        #[arg(long)]
        option: Option<String>,
        /// Seed for the contacts' behaviour.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Runs over consecutive seeds for the comparison's mean and 10th–90th percentiles.
        #[arg(long, default_value_t = 1)]
        runs: u32,
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<String>,
    },
    /// Check a scenario file and list every problem with its JSON path.
    Validate { scenario: String },
    /// Make a scenario from a CRM export (CSV): the contacts as the database has them, with
    /// the programs, scoring, reps and calendar of --into. Prints the counts; exit status 2
    /// when no contact could be imported.
    ImportContacts {
        /// The CRM export (HubSpot, Salesforce, Marketo, Pipedrive or any CSV with an email column).
        export: String,
        /// The scenario whose programs, scoring, reps and calendar the contacts get (a file or sample:ID).
        #[arg(long)]
        into: String,
        /// Where to write the new scenario.
        #[arg(long)]
        out: String,
        /// The import's choices as JSON: columns, persona_rules, persona, keep_crm_scores,
        /// day_first, owners, event_sources, stages, statuses, in_progress (the README's "The
        /// import's choices"). Without it, the choices saved with --into by its last import.
        #[arg(long)]
        mapping: Option<String>,
        /// Add the contacts to --into's own contacts instead of making a new scenario from them.
        #[arg(long)]
        add: bool,
    },
    /// What-if: simulate every value of a setting (or every pair of two settings), every
    /// option, and print one row per value × option with every figure.
    Sweep {
        /// The scenario file, or a built-in sample.
        scenario: String,
        /// SETTING=FROM..TO:STEP, such as lifecycle.handoff_score=60..100:5; once or twice
        /// (a grid). Without it, the sweep saved with the scenario.
        #[arg(long = "set")]
        set: Vec<String>,
        /// Seeds per value (the figures are the mean, with the 10th and 90th percentiles).
        #[arg(long)]
        runs: Option<u32>,
        /// The first seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// What the agreement needs, such as mqls_per_month>=50 or sla_breaches<=5; a row
        /// says whether it meets all of them. Without it, the goals saved with the scenario.
        #[arg(long = "goal")]
        goal: Vec<String>,
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<String>,
    },
    /// Print the JSON Schema of the scenario format.
    Schema,
    /// Measure simulation speed and memory on a generated population.
    Bench {
        /// Instead of a generated population, time what the app does after each edit of a
        /// built-in sample or a scenario file: simulate all four options (e.g. --sample
        /// ebook, --sample plan.baton.json).
        #[arg(long)]
        sample: Option<String>,
        #[arg(long, default_value_t = 100_000)]
        contacts: u32,
        #[arg(long, default_value_t = 365)]
        days: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Simulate this many times and report the best and the median time (the machine
        /// may be shared, so one run can be slowed by others).
        #[arg(long, default_value_t = 5)]
        repeat: u32,
        /// Also time all four options with their figures, on every core, against one core.
        #[arg(long)]
        all_options: bool,
        /// Also write the workload as a scenario file (the browser benchmark imports it).
        #[arg(long, value_name = "FILE")]
        save: Option<String>,
        /// Instead, time each step of importing this CRM export (CSV) into the eBook
        /// sample as a new scenario, as the app does it: read, list values, import,
        /// validate.
        #[arg(long, value_name = "CSV")]
        crm: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Csv,
    Json,
}

/// An error with the exit status it deserves.
struct Failure {
    code: u8,
    lines: Vec<String>,
}

impl Failure {
    fn invalid(lines: Vec<String>) -> Failure {
        Failure { code: 2, lines }
    }
    fn other(line: String) -> Failure {
        Failure { code: 1, lines: vec![line] }
    }
}

fn read_scenario(path: &str) -> Result<Scenario, Failure> {
    let text = match path.strip_prefix("sample:") {
        Some(id) => match baton::samples::by_id(id) {
            Some(s) => s.json.to_string(),
            None => {
                let ids: Vec<&str> = baton::samples::ALL.iter().map(|s| s.id).collect();
                return Err(Failure::invalid(vec![format!("no built-in sample is called '{id}'; try one of: {}", ids.join(", "))]));
            }
        },
        None => std::fs::read_to_string(path).map_err(|e| Failure::other(format!("cannot read {path}: {e}")))?,
    };
    load(&text).map_err(|e| {
        let mut lines = vec![format!("{path} is not a valid scenario:")];
        lines.extend(e.lines().into_iter().map(|l| format!("  {l}")));
        Failure::invalid(lines)
    })
}

fn options_for(s: &Scenario, option: Option<&str>) -> Result<Vec<HandoffOption>, Failure> {
    match option {
        None => Ok(vec![s.handoff_option]),
        Some("all") => Ok(HandoffOption::ALL.to_vec()),
        Some(code) => HandoffOption::from_code(code)
            .map(|o| vec![o])
            .ok_or_else(|| Failure::invalid(vec![format!("--option must be 1, 2, 3, custom or all, not '{code}'")])),
    }
}

fn write_out(out: Option<&str>, text: &str) -> Result<(), Failure> {
    match out {
        Some(path) => std::fs::write(path, text).map_err(|e| Failure::other(format!("cannot write {path}: {e}"))),
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (such as `| head`) is not an error worth reporting.
            let _ = stdout.write_all(text.as_bytes());
            Ok(())
        }
    }
}

/// Writes through a buffer to a file or to standard output.
fn stream_out(out: Option<&str>, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Failure> {
    match out {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| Failure::other(format!("cannot write {path}: {e}")))?;
            let mut w = std::io::BufWriter::new(file);
            write(&mut w).and_then(|_| w.flush()).map_err(|e| Failure::other(format!("cannot write {path}: {e}")))
        }
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            // A closed pipe (such as `| head`) is not an error worth reporting.
            let _ = write(&mut w).and_then(|_| w.flush());
            Ok(())
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Simulate { scenario, option, seed, runs, format, out } => {
            let s = read_scenario(&scenario)?;
            let options = options_for(&s, option.as_deref())?;
            let outcomes: Vec<_> = options.iter().map(|&o| simulate(&s, o, seed)).collect();
            // Both formats stream, a contact at a time: memory does not grow with the output.
            stream_out(out.as_deref(), |w| match format {
                Format::Csv => write_calendar_csv(w, &s, &outcomes),
                Format::Json => {
                    let doc = SimulationJson {
                        scenario: s.name.clone(),
                        outcomes: outcomes.iter().map(|o| outcome_json(&s, o)).collect(),
                        comparison: compare(&s, &options, seed, runs),
                    };
                    serde_json::to_writer_pretty(&mut *w, &doc)?;
                    w.write_all(b"\n")
                }
            })
        }
        Command::Validate { scenario } => {
            let s = read_scenario(&scenario)?;
            let contacts = s.contacts.len() + s.generate.iter().map(|g| g.count as usize).sum::<usize>();
            println!(
                "{scenario}: valid. '{}', {contacts} contacts, {} workflows, {} mass sends, {} days.",
                s.name,
                s.workflows.len(),
                s.mass_sends.len(),
                s.calendar.horizon_days
            );
            Ok(())
        }
        Command::Schema => write_out(None, &schema_json()),
        Command::Sweep { scenario, set, runs, seed, goal, format, out } => sweep(&scenario, &set, runs, seed, &goal, format, out.as_deref()),
        Command::ImportContacts { export, into, out, mapping, add } => import_contacts(&export, &into, &out, mapping.as_deref(), add),
        Command::Bench { sample: Some(id), .. } => bench_sample(&id),
        Command::Bench { crm: Some(file), repeat, .. } => bench_crm(&file, repeat),
        Command::Bench { sample: None, crm: None, contacts, days, seed, repeat, all_options, save } => {
            bench(contacts, days, seed, repeat, all_options, save.as_deref())
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn sweep(scenario: &str, set: &[String], runs: Option<u32>, seed: u64, goals: &[String], format: Format, out: Option<&str>) -> Result<(), Failure> {
    use baton::engine::figures::Figure;
    use baton::engine::sweep::{sweep, Axis, Goal, WhatIf};
    let s = read_scenario(scenario)?;
    let saved = s.what_if.clone();
    let bad = |e: String| Failure::invalid(vec![e]);
    let axes = if set.is_empty() {
        saved
            .as_ref()
            .map(|w| w.axes.clone())
            .ok_or_else(|| bad(format!("{scenario} has no saved sweep: give --set SETTING=FROM..TO:STEP, such as --set lifecycle.handoff_score=60..100:5")))?
    } else {
        set.iter().map(|t| Axis::parse(t)).collect::<Result<Vec<_>, _>>().map_err(bad)?
    };
    let goals = if goals.is_empty() {
        saved.as_ref().map(|w| w.goals.clone()).unwrap_or_default()
    } else {
        goals.iter().map(|t| Goal::parse(t)).collect::<Result<Vec<_>, _>>().map_err(bad)?
    };
    let runs = runs.or(saved.as_ref().map(|w| w.runs)).unwrap_or(1);
    let w = WhatIf { axes, runs, goals, figure: saved.map_or(Figure::SlaBreaches, |w| w.figure) };
    let problems = w.problems(&s);
    if !problems.is_empty() {
        return Err(Failure::invalid(problems));
    }
    let cells = sweep(&s, &w, seed).map_err(bad)?;
    stream_out(out, |out| match format {
        Format::Csv => baton::engine::sweep::write_csv(&w, &cells, out),
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Doc<'a> {
                sweep: &'a WhatIf,
                cells: &'a [baton::engine::sweep::Cell],
            }
            serde_json::to_writer_pretty(&mut *out, &Doc { sweep: &w, cells: &cells })?;
            out.write_all(b"\n")
        }
    })
}

fn import_contacts(export: &str, into: &str, out: &str, mapping: Option<&str>, add: bool) -> Result<(), Failure> {
    use baton::engine::crm_import::{apply, columns, decode, import_contacts, read_table, Destination, ImportOptions};
    let base = read_scenario(into)?;
    let mut lines = Vec::new();
    let options: ImportOptions = match mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Failure::other(format!("cannot read {path}: {e}")))?;
            let options: ImportOptions = serde_json::from_str(&text).map_err(|e| Failure::invalid(vec![format!("{path} is not an import mapping: {e}")]))?;
            let problems = options.problems(&base);
            if !problems.is_empty() {
                let mut lines = vec![format!("{path} does not fit {into}:")];
                lines.extend(problems.into_iter().map(|p| format!("  {p}")));
                return Err(Failure::invalid(lines));
            }
            options
        }
        None => match &base.crm_import {
            Some(saved) => {
                lines.push(format!("Used the import choices saved with {into} by its last import."));
                saved.for_scenario(&base)
            }
            None => ImportOptions::default(),
        },
    };
    let bytes = std::fs::read(export).map_err(|e| Failure::other(format!("cannot read {export}: {e}")))?;
    let (text, encoding) = decode(&bytes);
    let table = read_table(&text).map_err(|e| Failure::invalid(vec![format!("{export}: {e}")]))?;
    let map = columns(&table.headers, &options);
    let mut options = options;
    options.columns = baton::engine::crm_import::remember_columns(&table.headers, &map);
    let report = import_contacts(&base, &table, &map, &options, if add { Destination::Add } else { Destination::NewScenario });
    let name = std::path::Path::new(export).file_name().and_then(|n| n.to_str()).unwrap_or(export);
    let made = apply(&base, &report, &options, if add { Destination::Add } else { Destination::NewScenario }, name);
    lines.extend(report.summary());
    if encoding != "UTF-8" {
        lines.push(format!("The file was read as {encoding} text."));
    }
    if report.contacts.is_empty() {
        lines.insert(0, format!("{export}: no contact could be imported."));
        return Err(Failure::invalid(lines));
    }
    let problems = baton::engine::validate(&made);
    if !problems.is_empty() {
        let mut lines = vec![format!("the scenario made from {export} is not valid:")];
        lines.extend(problems.iter().take(100).map(|p| format!("  {p}")));
        return Err(Failure::invalid(lines));
    }
    std::fs::write(out, baton::engine::load::to_json(&made) + "\n").map_err(|e| Failure::other(format!("cannot write {out}: {e}")))?;
    for line in lines {
        println!("{line}");
    }
    println!("Wrote {out}.");
    Ok(())
}

/// Peak resident memory of this process in KiB (Linux), if known.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Times one re-simulation of a sample as the app does it: every option, same seed.
fn bench_sample(id: &str) -> Result<(), Failure> {
    // A built-in sample by its id, else a scenario file.
    let is_file = id.contains('.') || id.contains('/');
    let s = read_scenario(&if is_file { id.to_string() } else { format!("sample:{id}") })?;
    let runs = 20;
    let start = Instant::now();
    for _ in 0..runs {
        for option in HandoffOption::ALL {
            let o = simulate(&s, option, 1);
            std::hint::black_box(baton::engine::figures(&o));
        }
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    let contacts = s.contacts.len() + s.generate.iter().map(|g| g.count as usize).sum::<usize>();
    println!("sample:            {id} ({contacts} contacts, {} days)", s.calendar.horizon_days);
    println!("re-simulation:     {ms:.2} ms for all 4 options with figures (mean of {runs})");
    Ok(())
}

fn bench_crm(file: &str, repeat: u32) -> Result<(), Failure> {
    use baton::engine::crm_import::{columns, ImportOptions};
    use baton::engine::crm_look::{import, read, Choice, Counts, Values};
    let bytes = std::fs::read(file).map_err(|e| Failure::other(format!("could not read {file}: {e}")))?;
    let base = baton::samples::ebook_playbook().map_err(|e| Failure::other(e.to_string()))?;
    let mut steps: Vec<(&str, Vec<f64>)> = vec![("read", vec![]), ("values", vec![]), ("counts", vec![]), ("import", vec![]), ("validate", vec![])];
    let mut kept = 0;
    for _ in 0..repeat.max(1) {
        let mut time = |k: usize, start: Instant| steps[k].1.push(start.elapsed().as_secs_f64() * 1000.0);
        let start = Instant::now();
        let (table, encoding) = read(&bytes).map_err(Failure::other)?;
        time(0, start);
        let options = ImportOptions::default();
        let mut chosen: Vec<_> = columns(&table.headers, &options).into_iter().collect();
        chosen.sort();
        let choice = Choice { columns: chosen, options, new_scenario: true, file: "export.csv".into() };
        let start = Instant::now();
        std::hint::black_box(Values::of(&table, &choice.map()));
        time(1, start);
        let start = Instant::now();
        kept = std::hint::black_box(Counts::of(&base, &table, &choice)).imported;
        time(2, start);
        let start = Instant::now();
        let (made, _) = import(&base, &table, encoding, &choice).map_err(|p| Failure::other(baton::engine::load::problem_text(&p)))?;
        time(3, start);
        let start = Instant::now();
        std::hint::black_box(baton::engine::validate(&made));
        time(4, start);
    }
    println!("CRM export:        {file} ({} bytes), {kept} contacts imported, {} runs", bytes.len(), repeat.max(1));
    for (name, mut ms) in steps {
        ms.sort_by(f64::total_cmp);
        println!("{:<18} {:.0} ms best, {:.0} ms median", format!("{name}:"), ms[0], ms[ms.len() / 2]);
    }
    println!("(import includes its own validation; validate is the one every later edit does)");
    Ok(())
}

fn bench(contacts: u32, days: u32, seed: u64, repeat: u32, all_options: bool, save: Option<&str>) -> Result<(), Failure> {
    if !(1..=730).contains(&days) {
        return Err(Failure::invalid(vec!["--days must be from 1 to 730".into()]));
    }
    let s = baton::samples::bench_workload(contacts, days).map_err(|e| Failure::other(e.to_string()))?;
    if let Some(path) = save {
        std::fs::write(path, baton::engine::load::to_json(&s)).map_err(|e| Failure::other(format!("could not write {path}: {e}")))?;
    }
    let before = peak_kib().unwrap_or(0);
    let mut times = Vec::new();
    let mut outcome: Option<baton::engine::Outcome> = None;
    for _ in 0..repeat.max(1) {
        // The previous outcome is dropped first, so the peak is that of one outcome.
        drop(outcome.take());
        let start = Instant::now();
        let o = simulate(&s, s.handoff_option, seed);
        times.push(start.elapsed().as_secs_f64());
        outcome = Some(o);
    }
    let outcome = outcome.expect("at least one run");
    let after = peak_kib().unwrap_or(0);
    times.sort_by(f64::total_cmp);
    let secs = times[0];
    let median = times[times.len() / 2];
    let items = outcome.items.total_items();
    let emails: usize = (0..outcome.items.len()).map(|c| outcome.items.contact(c).iter().filter(|i| i.is_email()).count()).sum();
    println!("contacts:          {contacts}");
    println!("days:              {days}");
    println!("option:            {}", s.handoff_option.short());
    println!("emails simulated:  {emails}");
    println!("events simulated:  {items} (all calendar entries, emails included)");
    println!("seconds:           {secs:.3} best, {median:.3} median of {} runs", times.len());
    println!("events per second: {:.0} (best run)", items as f64 / secs.max(1e-9));
    println!(
        "outcome memory:    {:.1} MiB ({:.0} bytes per contact)",
        outcome.items.heap_bytes() as f64 / 1048576.0,
        outcome.items.heap_bytes() as f64 / contacts.max(1) as f64
    );
    println!(
        "peak memory:       {:.1} MiB (process high-water mark; {:.1} MiB before simulating; {:.0} bytes per contact)",
        after as f64 / 1024.0,
        before as f64 / 1024.0,
        (after.saturating_sub(before)) as f64 * 1024.0 / contacts.max(1) as f64
    );
    if all_options {
        drop(outcome);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let time = |threads: usize| {
            let start = Instant::now();
            let summaries = baton::engine::figures::compare_on_threads(&s, &HandoffOption::ALL, seed, 1, threads);
            (start.elapsed().as_secs_f64(), summaries)
        };
        let (serial, one) = time(1);
        let (parallel, many) = time(cores);
        println!(
            "all 4 options:     {serial:.3} s on 1 thread, {parallel:.3} s on {cores} threads ({:.2}× faster; figures identical: {})",
            serial / parallel.max(1e-9),
            one == many
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            for l in &f.lines {
                eprintln!("{l}");
            }
            ExitCode::from(f.code)
        }
    }
}
