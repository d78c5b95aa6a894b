//! Fuzzing: mutated inputs for everything that reads a file or a link from a stranger.
//!
//! Four targets, each a function that must return (never panic) for any bytes:
//! [`Target::Scenario`] loads a scenario file and, when it is valid, simulates every
//! option, computes the figures, writes both exports and checks that saving and loading
//! gives the same scenario; [`Target::Crm`] reads a CSV export and imports its contacts
//! into the eBook sample, then simulates the result; [`Target::Share`] opens a share link.
//!
//! [`Mutator`] makes inputs from the samples: structure-aware changes (a number swapped
//! for an extreme one, a string for a hostile one, a key removed, an array element
//! repeated, a subtree moved from another sample) and byte-level ones (flips, inserts,
//! cuts, repeats). Valid scenarios it makes join its corpus, so later mutations reach
//! further into the simulation. `baton-fuzz` (src/bin/baton-fuzz.rs) runs it for a given
//! time and fails on a panic, on an input that takes over 2 s, and on one that needs over
//! 1 GB; `tests/fuzz_regressions.rs` replays every finding kept in `tests/fuzz/`.
//!
//! Native only: the browser build never includes it.

use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;
use serde_json::{Map, Value};

use crate::app::workspace::share;
use crate::engine::crm_import::{apply, columns, import_contacts, read_table, Destination, Field, ImportOptions, PersonaRule};
use crate::engine::export::{outcome_json, write_calendar_csv};
use crate::engine::{figures, load, simulate, HandoffOption, Scenario};
use crate::samples;

/// What an input is fed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Scenario,
    Crm,
    Share,
}

impl Target {
    pub const ALL: [Target; 3] = [Target::Scenario, Target::Crm, Target::Share];

    /// The name used on the command line and in finding file names.
    pub fn name(self) -> &'static str {
        match self {
            Target::Scenario => "scenario",
            Target::Crm => "crm",
            Target::Share => "share",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Feeds one input to a target. Panics only on a bug (that is what the fuzzer looks for).
/// Returns whether the input reached further than a rejection (a valid scenario, a CSV
/// with rows), so it is worth keeping in the corpus.
pub fn run(target: Target, input: &[u8]) -> bool {
    let text = String::from_utf8_lossy(input);
    let scenario = match target {
        Target::Scenario => load(&text).ok(),
        Target::Crm => return crm(&crate::engine::crm_import::decode(input).0),
        Target::Share => share::read(&text).ok(),
    };
    scenario.map(|s| exercise(&s)).is_some()
}

/// Everything the app does with a valid scenario: every option simulated, its figures and
/// calendar words. The exports stream a contact at a time (their cost is linear in the
/// calendar, which the work budget bounds), so they are written for calendars of up to
/// [`EXPORT_ITEMS`] entries, to keep each input's time about what the app spends on it.
fn exercise(s: &Scenario) {
    let mut outcomes = Vec::new();
    for option in HandoffOption::ALL {
        let o = simulate(s, option, 7);
        let _ = figures(&o);
        for item in (0..o.items.len().min(3)).flat_map(|i| o.items.contact(i)) {
            let _ = (o.describe(item), o.time_text(item, None));
        }
        if o.items.total_items() <= EXPORT_ITEMS {
            let _ = serde_json::to_writer(std::io::sink(), &outcome_json(s, &o));
        }
        outcomes.push(o);
    }
    if outcomes[0].items.total_items() <= EXPORT_ITEMS {
        let _ = write_calendar_csv(std::io::sink(), s, &outcomes[..1]);
    }
    let saved = crate::engine::load::to_json(s);
    match load(&saved) {
        Ok(again) => assert!(again == *s, "a valid scenario changed when saved and loaded again"),
        Err(e) => panic!("a valid scenario did not load again after saving: {:?}", e.lines()),
    }
    let fragment = share::fragment(s);
    if fragment.len() <= share::MAX_LINK {
        if let Err(e) = share::read(&fragment) {
            panic!("a scenario's own share link did not open: {:?}", e.lines());
        }
    }
}

fn crm(text: &str) -> bool {
    let Ok(table) = read_table(text) else { return false };
    let Ok(base) = samples::ebook_playbook() else { return false };
    // Persona rules on the score and the job title, so their matching meets hostile cells.
    let persona = |k: usize| base.personas[k % base.personas.len()].id.clone();
    let rules = vec![
        PersonaRule { column: Field::Score, value: "50-100".into(), persona: persona(0) },
        PersonaRule { column: Field::JobTitle, value: "vp".into(), persona: persona(1) },
    ];
    let options = ImportOptions { persona_rules: rules, ..ImportOptions::default() };
    let map = columns(&table.headers, &options);
    let report = import_contacts(&base, &table, &map, &options, Destination::NewScenario);
    let _ = report.summary();
    let s = apply(&base, &report, &options, Destination::NewScenario, "export.csv");
    if crate::engine::validate(&s).is_empty() {
        let o = simulate(&s, HandoffOption::CeaseAll, 1);
        let _ = figures(&o);
    }
    !table.rows.is_empty()
}

/// The largest calendar the fuzz target also exports (entries, one option).
pub const EXPORT_ITEMS: usize = 200_000;

/// A sample CRM export: HubSpot's columns, quoting, a byte-order mark and bad rows.
pub const CRM_SEED: &str = "\u{feff}Record ID,First Name,Last Name,Email,Company Name,Job Title,Industry,Number of Employees,Country/Region,Lifecycle Stage,Lead Status,Contact owner,HubSpot Score,Create Date,Original Source\r\n\
101,Ana,Ruiz,ana@acme.example,\"Acme, Inc.\",VP Marketing,Healthcare,201-1000,United States,Marketing Qualified Lead,Open,,55,2026-03-04 14:30,Organic search\r\n\
102,Ben,Okoro,ben@acme.example,Acme,\"Director,\nOperations\",Retail,51-200,Canada,Sales Qualified Lead,Attempted to contact,Dana Reyes,85,03/05/2026,Offline sources\r\n\
103,Cy,Lane,not-an-email,Acme,,,,,Lead,,,,,\r\n\
104,Di,Moss,di@acme.example,Acme,,,,,Opportunity,,,,2025-11-02,\r\n\
105,Ed,Park,ed@acme.example,Acme,,,,,Prospect,,,,,\r\n\
106,Fi,Hale,fi@acme.example,Acme,,,,,Lead,,Nobody Here,,,\r\n\
107,Gus,Hunt,gus@acme.example,Acme,,,,,Customer,,,lots,,\r\n";

/// The starting inputs for a target.
pub fn seeds(target: Target) -> Vec<Vec<u8>> {
    match target {
        Target::Scenario => samples::ALL.iter().map(|s| s.json.as_bytes().to_vec()).collect(),
        Target::Crm => vec![CRM_SEED.as_bytes().to_vec(), CRM_SEED.replace(',', ";").into_bytes()],
        Target::Share => samples::ALL.iter().filter_map(|s| s.scenario().ok()).map(|s| share::fragment(&s).into_bytes()).collect(),
    }
}

/// Numbers that have broken parsers and arithmetic before.
const NUMBERS: [f64; 24] = [
    0.0,
    1.0,
    -1.0,
    2.0,
    0.5,
    -0.5,
    7.0,
    24.0,
    60.0,
    730.0,
    731.0,
    1440.0,
    8760.0,
    10_000.0,
    1_000_000.0,
    2_000_000.0,
    134_217_728.0,
    2_147_483_647.0,
    4_294_967_295.0,
    9_007_199_254_740_993.0,
    1.8446744073709552e19,
    -9.2e18,
    1e300,
    -1e300,
];

/// Strings that have broken readers, dates and exports before.
const STRINGS: [&str; 22] = [
    "",
    " ",
    "=HYPERLINK(\"http://x\")",
    "+262142-12-01",
    "2025-02-30",
    "1970-01-01",
    "2200-12-31",
    "+-05:00",
    "+14:00",
    "-12:00",
    "23:59",
    "24:00",
    "\u{202e}gnp.exe",
    "\u{0}",
    "a@b",
    "ana@acme.example",
    "Müller",
    "13/01/2025",
    "2025-01-13 09:00",
    "mqls_per_month",
    "\"\n,;",
    "ＡＢＣ",
];

/// Makes new inputs from a corpus of good ones.
pub struct Mutator {
    rng: Pcg64Mcg,
    corpus: Vec<Vec<u8>>,
    /// How many inputs the corpus keeps at most (the seeds are never dropped).
    limit: usize,
    seeds: usize,
    target: Target,
    /// For share links: scenario files to mutate before packing them into a link.
    files: Vec<Vec<u8>>,
}

impl Mutator {
    pub fn new(target: Target, seed: u64) -> Mutator {
        let corpus = seeds(target);
        let seeds = corpus.len();
        let files = if target == Target::Share { self::seeds(Target::Scenario) } else { Vec::new() };
        Mutator { rng: Pcg64Mcg::seed_from_u64(seed), corpus, limit: 400, seeds, target, files }
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.rng.next_u64() % n as u64) as usize
        }
    }

    /// The next input: one to four mutations of a corpus entry.
    pub fn next_input(&mut self) -> Vec<u8> {
        if self.target == Target::Share && self.below(2) == 0 {
            // A well-formed link around a mutated scenario reaches the loader and beyond.
            let pick = self.below(self.files.len());
            let json = self.structure(self.files[pick].clone());
            return pack(&json).into_bytes();
        }
        let pick = self.below(self.corpus.len());
        let mut input = self.corpus[pick].clone();
        let rounds = 1 + self.below(4);
        for _ in 0..rounds {
            input = if self.below(4) == 0 { self.bytes(input) } else { self.structure(input) };
        }
        input
    }

    /// Keeps an input that reached further (a valid scenario, an import that made contacts).
    pub fn keep(&mut self, input: Vec<u8>) {
        if self.corpus.len() < self.limit {
            self.corpus.push(input);
        } else {
            let i = self.seeds + self.below(self.limit - self.seeds);
            self.corpus[i] = input;
        }
    }

    pub fn corpus_len(&self) -> usize {
        self.corpus.len()
    }

    fn bytes(&mut self, mut b: Vec<u8>) -> Vec<u8> {
        if b.is_empty() {
            b.push(b'{');
        }
        let at = self.below(b.len());
        match self.below(6) {
            0 => b[at] ^= 1 << self.below(8),
            1 => {
                let byte = [b'{', b'}', b'[', b']', b'"', b',', b':', b'0', b'-', b'\n', b'\r', b';', 0xff, 0xc3][self.below(14)];
                b.insert(at, byte);
            }
            2 => {
                let end = (at + 1 + self.below(64)).min(b.len());
                b.drain(at..end);
            }
            3 => {
                let end = (at + 1 + self.below(256)).min(b.len());
                let piece = b[at..end].to_vec();
                let times = 1 + self.below(8);
                for _ in 0..times {
                    b.splice(at..at, piece.iter().copied());
                }
            }
            4 => {
                let token = STRINGS[self.below(STRINGS.len())].as_bytes().to_vec();
                b.splice(at..at, token);
            }
            _ => {
                let end = (at + 1 + self.below(16)).min(b.len());
                b.truncate(end.max(1));
            }
        }
        b
    }

    fn structure(&mut self, input: Vec<u8>) -> Vec<u8> {
        let Ok(mut value) = serde_json::from_slice::<Value>(&input) else {
            // Not JSON (a CSV or a link): mutate its lines or characters instead.
            return self.lines(input);
        };
        let donor = {
            let pick = self.below(self.corpus.len());
            let other = self.corpus[pick].clone();
            serde_json::from_slice::<Value>(&other).ok()
        };
        let depth = self.below(8);
        self.mutate_value(&mut value, depth, donor.as_ref());
        if self.below(3) == 0 {
            serde_json::to_vec(&value).unwrap_or(input)
        } else {
            serde_json::to_vec_pretty(&value).unwrap_or(input)
        }
    }

    fn mutate_value(&mut self, v: &mut Value, depth: usize, donor: Option<&Value>) {
        let children = match v {
            Value::Array(a) => a.len(),
            Value::Object(o) => o.len(),
            _ => 0,
        };
        if depth > 0 && children > 0 {
            let i = self.below(children);
            let child = match v {
                Value::Array(a) => &mut a[i],
                Value::Object(o) => o.values_mut().nth(i).expect("index below the length"),
                _ => unreachable!("only arrays and objects have children"),
            };
            return self.mutate_value(child, depth - 1, donor);
        }
        match self.below(9) {
            0 => *v = Value::from(NUMBERS[self.below(NUMBERS.len())]),
            1 => {
                let n = NUMBERS[self.below(NUMBERS.len())];
                if n.fract() == 0.0 && n.abs() < 9.2e18 {
                    *v = Value::from(n as i64);
                } else {
                    *v = Value::from(n);
                }
            }
            2 => *v = Value::from(STRINGS[self.below(STRINGS.len())]),
            3 => {
                // A long string: names and page names that fill memory when repeated.
                let len = [100, 10_000, 100_000][self.below(3)];
                *v = Value::from("x".repeat(len));
            }
            4 => match v {
                Value::Array(a) if !a.is_empty() => {
                    let i = self.below(a.len());
                    let copy = a[i].clone();
                    let times = [1, 2, 10, 100, 1000][self.below(5)];
                    for _ in 0..times {
                        a.push(copy.clone());
                    }
                }
                Value::Object(o) if !o.is_empty() => {
                    let key = o.keys().nth(self.below(o.len())).cloned().unwrap_or_default();
                    o.remove(&key);
                }
                _ => *v = Value::Null,
            },
            5 => match v {
                Value::Array(a) if !a.is_empty() => {
                    let i = self.below(a.len());
                    a.remove(i);
                }
                _ => *v = [Value::Null, Value::Bool(true), Value::Array(vec![]), Value::Object(Map::new())][self.below(4)].clone(),
            },
            6 => {
                if let Some(d) = donor {
                    let mut pick = d;
                    for _ in 0..self.below(6) {
                        let next = match pick {
                            Value::Array(a) if !a.is_empty() => &a[self.below(a.len())],
                            Value::Object(o) if !o.is_empty() => o.values().nth(self.below(o.len())).expect("index below the length"),
                            _ => break,
                        };
                        pick = next;
                    }
                    *v = pick.clone();
                }
            }
            7 => {
                if let Value::Number(n) = v {
                    let x = n.as_f64().unwrap_or(0.0);
                    let nudged = match self.below(4) {
                        0 => x + 1.0,
                        1 => x - 1.0,
                        2 => x * 10.0,
                        _ => -x,
                    };
                    *v = if nudged.fract() == 0.0 && nudged.abs() < 9.2e18 { Value::from(nudged as i64) } else { Value::from(nudged) };
                }
            }
            _ => {
                if let Value::String(s) = v {
                    let extra = STRINGS[self.below(STRINGS.len())];
                    s.push_str(extra);
                }
            }
        }
    }

    /// Line- and cell-level changes for CSV files and links.
    fn lines(&mut self, input: Vec<u8>) -> Vec<u8> {
        let text = String::from_utf8_lossy(&input).into_owned();
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let i = self.below(lines.len());
        match self.below(5) {
            0 => {
                let times = [1, 10, 100, 1000][self.below(4)];
                let line = lines[i].clone();
                for _ in 0..times {
                    lines.insert(i, line.clone());
                }
            }
            1 => {
                lines.remove(i);
            }
            2 => {
                // Replace one cell of a row.
                let sep = if lines[i].matches(';').count() > lines[i].matches(',').count() { ';' } else { ',' };
                let mut cells: Vec<String> = lines[i].split(sep).map(str::to_string).collect();
                let c = self.below(cells.len());
                cells[c] = STRINGS[self.below(STRINGS.len())].to_string();
                lines[i] = cells.join(&sep.to_string());
            }
            3 => lines.insert(i, String::new()),
            _ => {
                let n = NUMBERS[self.below(NUMBERS.len())];
                let at = self.below(lines[i].len() + 1);
                if lines[i].is_char_boundary(at) {
                    lines[i].insert_str(at, &n.to_string());
                }
            }
        }
        lines.join("\n").into_bytes()
    }
}

/// A share link fragment for any bytes, packed the way `share::fragment` packs a scenario.
pub fn pack(json: &[u8]) -> String {
    use base64::Engine as _;
    let packed = miniz_oxide::deflate::compress_to_vec(json, 6);
    format!("{}{}", share::PREFIX, base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
}

/// Shrinks an input while `fails` still says it fails: whole JSON members first, then
/// runs of bytes. At most `tries` attempts.
pub fn minimise(input: &[u8], fails: &mut dyn FnMut(&[u8]) -> bool, tries: usize) -> Vec<u8> {
    let mut best = input.to_vec();
    let mut left = tries;
    if let Ok(mut value) = serde_json::from_slice::<Value>(&best) {
        let mut changed = true;
        while changed && left > 0 {
            changed = false;
            let paths = member_paths(&value);
            for path in paths.into_iter().rev() {
                if left == 0 {
                    break;
                }
                let mut candidate = value.clone();
                if !remove_at(&mut candidate, &path) {
                    continue;
                }
                left -= 1;
                let bytes = serde_json::to_vec(&candidate).unwrap_or_default();
                if fails(&bytes) {
                    value = candidate;
                    best = bytes;
                    changed = true;
                    break;
                }
            }
        }
    }
    let mut chunk = best.len() / 2;
    while chunk > 0 && left > 0 {
        let mut at = 0;
        while at < best.len() && left > 0 {
            let end = (at + chunk).min(best.len());
            let mut candidate = best[..at].to_vec();
            candidate.extend_from_slice(&best[end..]);
            left -= 1;
            if fails(&candidate) {
                best = candidate;
            } else {
                at += chunk;
            }
        }
        chunk /= 2;
    }
    best
}

/// Paths (indexes into arrays and objects) of every member, parents before children.
fn member_paths(v: &Value) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut stack = vec![(v, Vec::new())];
    while let Some((node, path)) = stack.pop() {
        let kids: Vec<&Value> = match node {
            Value::Array(a) => a.iter().collect(),
            Value::Object(o) => o.values().collect(),
            _ => Vec::new(),
        };
        for (i, kid) in kids.into_iter().enumerate() {
            let mut p = path.clone();
            p.push(i);
            out.push(p.clone());
            stack.push((kid, p));
        }
    }
    out
}

fn remove_at(v: &mut Value, path: &[usize]) -> bool {
    let Some((&last, parents)) = path.split_last() else { return false };
    let mut node = v;
    for &i in parents {
        node = match node {
            Value::Array(a) if i < a.len() => &mut a[i],
            Value::Object(o) if i < o.len() => o.values_mut().nth(i).expect("index below the length"),
            _ => return false,
        };
    }
    match node {
        Value::Array(a) if last < a.len() => {
            a.remove(last);
            true
        }
        Value::Object(o) if last < o.len() => {
            let key = o.keys().nth(last).cloned().unwrap_or_default();
            o.remove(&key).is_some()
        }
        _ => false,
    }
}
