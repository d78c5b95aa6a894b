//! `baton-fuzz`: feeds mutated files and links to the engine for a given time.
//!
//! It fails (exit status 1) on any panic, on any input that takes over 2 seconds of CPU time
//! (or 30 s in all, for an input that waits) and on any
//! input that needs over 1 GB of memory. Panicking inputs are minimised and written to the
//! findings folder; for a slow or greedy input the process stops at once and the input is
//! the `current-*` file in that folder. `scripts/fuzz.sh` builds and runs it.
//!
//! Usage: baton-fuzz [--minutes M] [--seed S] [--target scenario|crm|share|all] [--out DIR (target/fuzz-findings)]
//!        baton-fuzz --replay FILE... (each file named TARGET-anything)

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use baton::fuzz::{minimise, run, Mutator, Target};

/// The most memory one input may hold at once.
const MEMORY_LIMIT: usize = 1 << 30;
/// The longest one input may take.
const TIME_LIMIT: Duration = Duration::from_secs(2);

/// Counts live heap bytes; stops the process when one input needs more than the limit.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        if live > MEMORY_LIMIT {
            over_memory();
        }
        PEAK.fetch_max(live, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
            if live > MEMORY_LIMIT {
                over_memory();
            }
            PEAK.fetch_max(live, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Writes without allocating, then stops: the input is in the `current-*` file.
fn over_memory() -> ! {
    let _ = std::io::stderr().write_all(b"\nFAIL: an input needed more than 1 GB of memory; it is the current-* file in the findings folder\n");
    std::process::exit(1);
}

/// Milliseconds since start when the current input began (0: none running).
static STARTED: AtomicU64 = AtomicU64::new(0);
/// The process's CPU time (ms) when the current input began.
static STARTED_CPU: AtomicU64 = AtomicU64::new(0);
/// Wall time after which an input counts as hung even if it used little CPU.
const WALL_LIMIT: Duration = Duration::from_secs(30);

/// The CPU time this process has used, in milliseconds (Linux: /proc/self/stat). The limit
/// is on CPU time, not wall time: on a shared machine other work would make a fast input
/// look slow.
fn cpu_ms() -> u64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0 };
    // After the command name (in parentheses) come the state, then 10 more fields, then
    // utime and stime in clock ticks (100 a second on Linux).
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let field = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    (field(11) + field(12)) * 1000 / 100
}
/// The target of the input running now (its index in `Target::ALL`).
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

struct Options {
    minutes: f64,
    seed: u64,
    targets: Vec<Target>,
    out: PathBuf,
    replay: Vec<PathBuf>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options { minutes: 1.0, seed: 1, targets: Target::ALL.to_vec(), out: PathBuf::from("target/fuzz-findings"), replay: Vec::new() };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--minutes" => o.minutes = value()?.parse().map_err(|_| "--minutes takes a number".to_string())?,
            "--seed" => o.seed = value()?.parse().map_err(|_| "--seed takes a whole number".to_string())?,
            "--out" => o.out = PathBuf::from(value()?),
            "--target" => {
                let v = value()?;
                o.targets = if v == "all" {
                    Target::ALL.to_vec()
                } else {
                    vec![Target::from_name(&v).ok_or(format!("unknown target {v}: scenario, crm, share or all"))?]
                };
            }
            "--replay" => o.replay.extend(args.by_ref().map(PathBuf::from)),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("baton-fuzz: {e}");
            return ExitCode::from(2);
        }
    };
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let message =
            info.payload().downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| info.payload().downcast_ref::<String>().cloned()).unwrap_or_default();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = format!("{message}{place}");
        }
    }));
    let clock = Instant::now();
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(50));
        let started = STARTED.load(Ordering::Relaxed);
        if started == 0 {
            continue;
        }
        let cpu = cpu_ms().saturating_sub(STARTED_CPU.load(Ordering::Relaxed));
        let wall = (clock.elapsed().as_millis() as u64).saturating_sub(started);
        if cpu > TIME_LIMIT.as_millis() as u64 || wall > WALL_LIMIT.as_millis() as u64 {
            let target = Target::ALL[RUNNING.load(Ordering::Relaxed)].name();
            eprintln!(
                "\nFAIL: a {target} input took more than 2 s ({cpu} ms of CPU, {wall} ms in all); it is the current-{target} file in the findings folder"
            );
            std::process::exit(1);
        }
    });
    if !options.replay.is_empty() {
        return replay(&options.replay, clock);
    }
    fuzz(&options, clock)
}

/// Runs one input, watched: whether it reached further than a rejection, or the panic
/// message if it panicked.
fn watched(target: Target, input: &[u8], clock: Instant) -> Result<bool, String> {
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    RUNNING.store(Target::ALL.iter().position(|&t| t == target).unwrap_or(0), Ordering::Relaxed);
    STARTED_CPU.store(cpu_ms(), Ordering::Relaxed);
    STARTED.store(clock.elapsed().as_millis() as u64 + 1, Ordering::Relaxed);
    let result = catch_unwind(AssertUnwindSafe(|| run(target, input)));
    STARTED.store(0, Ordering::Relaxed);
    result.map_err(|_| LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default())
}

fn replay(files: &[PathBuf], clock: Instant) -> ExitCode {
    let mut failed = false;
    for file in files {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(target) = name.split('-').next().and_then(Target::from_name) else {
            eprintln!("{}: the name must start with scenario-, crm- or share-", file.display());
            failed = true;
            continue;
        };
        let Ok(input) = std::fs::read(file) else {
            eprintln!("{}: could not be read", file.display());
            failed = true;
            continue;
        };
        let start = Instant::now();
        match watched(target, &input, clock) {
            Err(panic) => {
                eprintln!("{}: PANIC {panic}", file.display());
                failed = true;
            }
            Ok(_) => println!("{}: ok in {:.3} s, peak {} MB", file.display(), start.elapsed().as_secs_f64(), PEAK.load(Ordering::Relaxed) >> 20),
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn fuzz(options: &Options, clock: Instant) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(&options.out) {
        eprintln!("baton-fuzz: could not make {}: {e}", options.out.display());
        return ExitCode::FAILURE;
    }
    let deadline = Duration::from_secs_f64(options.minutes * 60.0);
    let mut mutators: Vec<(Target, Mutator)> =
        options.targets.iter().enumerate().map(|(i, &t)| (t, Mutator::new(t, options.seed.wrapping_add(i as u64)))).collect();
    let mut tried = vec![0u64; mutators.len()];
    let mut slowest = vec![(0.0f64, 0usize); mutators.len()];
    let mut findings = 0usize;
    let mut next_report = Duration::from_secs(60);
    let mut turn = 0usize;
    while clock.elapsed() < deadline {
        let k = turn % mutators.len();
        turn += 1;
        let (target, mutator) = &mut mutators[k];
        let target = *target;
        let input = mutator.next_input();
        let current = options.out.join(format!("current-{}", target.name()));
        if std::fs::write(&current, &input).is_err() {
            eprintln!("baton-fuzz: could not write {}", current.display());
            return ExitCode::FAILURE;
        }
        let cpu_before = cpu_ms();
        let result = watched(target, &input, clock);
        let seconds = cpu_ms().saturating_sub(cpu_before) as f64 / 1000.0;
        tried[k] += 1;
        let peak = PEAK.load(Ordering::Relaxed);
        if seconds > slowest[k].0 {
            slowest[k].0 = seconds;
        }
        slowest[k].1 = slowest[k].1.max(peak);
        match result {
            Err(message) => {
                findings += 1;
                let small = minimise(&input, &mut |candidate| watched(target, candidate, clock).is_err_and(|m| same_place(&m, &message)), 3000);
                let path = options.out.join(format!("{}-finding-{findings}", target.name()));
                let _ = std::fs::write(&path, &small);
                eprintln!("FAIL: {} panicked: {message}\n  minimised input ({} bytes): {}", target.name(), small.len(), path.display());
            }
            Ok(further) => {
                if further {
                    mutator.keep(input);
                }
            }
        }
        if clock.elapsed() > next_report {
            next_report += Duration::from_secs(60);
            report(&mutators, &tried, &slowest, clock);
        }
    }
    report(&mutators, &tried, &slowest, clock);
    let _ = std::fs::remove_file(Path::new(&options.out).join("current-scenario"));
    if findings > 0 {
        eprintln!("{findings} panicking inputs; see {}", options.out.display());
        ExitCode::FAILURE
    } else {
        println!("no panic, no input over 2 s, none over 1 GB");
        ExitCode::SUCCESS
    }
}

/// Two panics are the same finding when they happen at the same place.
fn same_place(a: &str, b: &str) -> bool {
    let place = |m: &str| m.rsplit(" at ").next().map(str::to_string);
    place(a) == place(b)
}

fn report(mutators: &[(Target, Mutator)], tried: &[u64], slowest: &[(f64, usize)], clock: Instant) {
    let parts: Vec<String> = mutators
        .iter()
        .zip(tried)
        .zip(slowest)
        .map(|(((t, m), n), (s, peak))| format!("{}: {n} inputs, corpus {}, slowest {s:.2} s of CPU, peak {} MB", t.name(), m.corpus_len(), peak >> 20))
        .collect();
    println!("[{:>5.1} min] {}", clock.elapsed().as_secs_f64() / 60.0, parts.join("; "));
}
