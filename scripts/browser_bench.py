#!/usr/bin/env python3
"""Browser speed, measured: the engine in the page against the native one, a large
scenario from import to results, and tab switches and edits from click to paint.

    scripts/browser_bench.py [--contacts N] [--days D] [--repeat R] [--runs K] [--crm-rows N] [--only engine|large|file|crm|interactions]

1. The same work in both places: `baton bench`'s workload (100,000 contacts x 365 days, one
   option, by default) simulated natively and in headless Chromium, with their ratio.
2. The same workload saved as a scenario file and imported into the app (all four options,
   Web Workers helping): seconds until the results are drawn, and the longest main-thread
   task while reading, simulating and drawing (Chromium's long-task timing).
3. A CRM-sized file (20 MB of named contacts) imported the same way: read and checked by a
   worker, then simulated; the same timings.
4. A HubSpot-style CRM export (120,000 rows, 16 MB, by default) given to the contact import:
   seconds until the mapping step shows its values and counts, a changed choice counted
   again (twice), and from "Import these contacts" to the results drawn, with the longest
   main-thread task of each.
5. Interactions on the eBook sample and on about 2,000 contacts: each tab's first and later
   opening and choosing another option, from the click to the first frame painted after it.

A benchmark, not a test: the machine is shared, so read the spread. It builds what is
missing (the release app in dist/ and the native `baton`), serves dist/ on 127.0.0.1,
drives Debian's Chromium through chromedriver (plain WebDriver over HTTP, no packages),
and calls the page's `baton_bench` export (src/app/bench.rs), which times the engine
inside the page's WebAssembly with the page's clock. Both sides print the calendar's digest,
so the script also shows the two simulated the same thing.
"""
import argparse
import json
import os
import pathlib
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
ENV = dict(os.environ, PATH=f"{pathlib.Path.home()}/.cargo/bin:{os.environ.get('PATH', '')}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def webdriver(base, method, path, body=None, timeout=900):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            answer = json.load(r)
    except urllib.error.HTTPError as e:
        detail = json.load(e).get("value", {})
        raise SystemExit(f"browser_bench.py: WebDriver {method} {path}: {detail.get('error')}: {str(detail.get('message'))[:500]}")
    return answer.get("value")


def native(contacts, days, repeat):
    out = subprocess.run(
        [str(ROOT / "target/release/baton"), "bench", "--contacts", str(contacts), "--days", str(days), "--repeat", str(repeat)],
        check=True, capture_output=True, text=True,
    ).stdout
    best, median = map(float, re.search(r"seconds:\s+([\d.]+) best, ([\d.]+) median", out).groups())
    entries = int(re.search(r"events simulated:\s+(\d+)", out).group(1))
    return best * 1000, median * 1000, entries


class Browser:
    """Headless Chromium on the built app, served from dist/ on 127.0.0.1 (gzip-compressed,
    as a static host serves it), driven by plain WebDriver calls."""

    def __enter__(self):
        port, driver_port = free_port(), free_port()
        self.server = subprocess.Popen([sys.executable, str(ROOT / "scripts/static_server.py"), str(port), str(ROOT / "dist")])
        self.driver = subprocess.Popen(["/usr/bin/chromedriver", f"--port={driver_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{driver_port}"
        self.page = f"http://127.0.0.1:{port}/"
        profile = tempfile.mkdtemp(prefix="baton-bench-")
        for _ in range(100):
            try:
                webdriver(self.base, "GET", "/status", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,720", f"--user-data-dir={profile}"]
        session = webdriver(self.base, "POST", "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": flags}}}})["sessionId"]
        self.s = f"/session/{session}"
        webdriver(self.base, "POST", self.s + "/timeouts", {"script": 900_000})
        for _ in range(50):
            try:
                webdriver(self.base, "POST", self.s + "/url", {"url": self.page})
                break
            except OSError:
                time.sleep(0.2)
        self.wait("return !!(window.wasmBindings && document.querySelector(\"[data-testid='comparison-table']\"));")
        return self

    def __exit__(self, *exc):
        try:
            webdriver(self.base, "DELETE", self.s)
        finally:
            self.driver.terminate()
            self.server.terminate()

    def js(self, script, *args):
        return webdriver(self.base, "POST", self.s + "/execute/sync", {"script": script, "args": list(args)})

    def wait(self, script, seconds=120):
        deadline = time.time() + seconds
        while not self.js(script):
            if time.time() > deadline:
                raise SystemExit(f"browser_bench.py: waited {seconds} s for: {script}")
            time.sleep(0.1)

    def upload(self, css, path):
        element = webdriver(self.base, "POST", self.s + "/element", {"using": "css selector", "value": css})
        key = next(iter(element.values()))
        webdriver(self.base, "POST", f"{self.s}/element/{key}/value", {"text": str(path)})

    def timed_click(self, css, done="return true"):
        """Milliseconds from a click on `css` to the first frame painted after `done` holds."""
        return webdriver(self.base, "POST", self.s + "/execute/async", {"script": """
            const [css, done, finish] = arguments;
            const ready = new Function(done);
            const t0 = performance.now();
            document.querySelector(css).click();
            const look = () => ready() ? requestAnimationFrame(() => setTimeout(() => finish(performance.now() - t0), 0)) : requestAnimationFrame(look);
            look();
        """, "args": [css, done]})


RESULTS_IN = "return document.querySelector(\"[data-testid='results']\").dataset.busy === 'false'"


CAP = "[data-testid='cap-on']"
# An edit that changes every option's figures is done when the comparison differs from
# the one remembered just before the click.
REMEMBER = "window.__comparison = document.querySelector(\"[data-testid='results']\").dataset.comparison; return true"
CHANGED = RESULTS_IN + " && document.querySelector(\"[data-testid='results']\").dataset.comparison !== window.__comparison"


def interactions(b, label):
    """Tab switches and edits as a person makes them, each timed from click to paint."""
    tab = lambda name: f"[data-testid='tab-{name}']"
    option = lambda n: f"[data-testid='option-{n}'] input"
    chosen = lambda n: RESULTS_IN + f" && document.querySelector(\"[data-testid='comparison-table']\").textContent.includes('Option {n} (chosen)')"
    rows = []
    for name, css, done in [
        ("choose option 1 (an edit: simulate and redraw)", option("1"), chosen(1)),
        ("choose option 2", option("2"), chosen(2)),
        ("open Edit scenario (first time)", tab("edit"), "return true"),
        ("back to Results", tab("results"), "return true"),
        ("open Edit scenario again", tab("edit"), "return true"),
        ("turn the frequency cap on (every option simulated)", CAP, CHANGED),
        ("turn the frequency cap off", CAP, CHANGED),
        ("back to Results", tab("results"), "return true"),
        ("open Mass-send notices (first time)", tab("notices"), "return true"),
        ("open What-if (first time)", tab("what-if"), "return true"),
        ("open Agreement (first time)", tab("agreement"), "return true"),
        ("back to Results", tab("results"), "return true"),
        ("choose option 1, every view drawn", option("1"), chosen(1)),
        ("choose option 2, every view drawn", option("2"), chosen(2)),
    ]:
        b.wait(RESULTS_IN)
        b.js(REMEMBER)
        rows.append((name, b.timed_click(css, done)))
        time.sleep(0.3)
    for name, ms in rows:
        print(f"{label:<14} {name:<50} {ms:7.0f} ms")


def start_up_tasks(b):
    """The main-thread tasks over 50 ms since the page opened, as [start, duration] in ms:
    the mount first, then the parts drawn below the first screen."""
    time.sleep(1.5)
    return b.js("return new Promise(done => new PerformanceObserver((l, o) => { o.disconnect(); "
                "done(l.getEntries().map(e => [Math.round(e.startTime), Math.round(e.duration)])); })"
                ".observe({ type: 'longtask', buffered: true }));")


def edit_view_opening(b):
    """The edit view opened for the first time: milliseconds to its first paint, and the
    longest main-thread task while its editors come, a frame at a time, after it."""
    b.js(WATCH)
    t0 = b.js("return performance.now();")
    first = b.timed_click("[data-testid='tab-edit']")
    b.wait("return !!document.querySelector(\"[data-testid='calendar-editor']\")")
    time.sleep(1.0)
    return first, b.js(TASKS_SINCE, t0)


WATCH = """
window.__tasks = [];
window.__busy = [];
if (!window.__watching) {
  window.__watching = true;
  new PerformanceObserver(l => { for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask' });
  const r = document.querySelector("[data-testid='results']");
  new MutationObserver(() => window.__busy.push([performance.now(), r.dataset.busy])).observe(r, { attributes: true, attributeFilter: ['data-busy'] });
}
window.__t0 = performance.now();
return true;
"""


def large(b, path, n):
    """A large scenario file imported: seconds until its results are on screen, the longest
    main-thread tasks before, during and after the simulation, and how many workers helped."""
    b.js(WATCH)
    b.upload("[data-testid='import-file']", path)
    b.wait(RESULTS_IN + f" && document.querySelector(\"[data-testid='contact-count']\").textContent.replace(/,/g, '') === '{n} contacts'", 600)
    b.js("return new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));")
    got = b.js("""
        const busy = window.__busy, tasks = window.__tasks;
        const start = busy.find(x => x[1] === 'true'), end = [...busy].reverse().find(x => x[1] === 'false');
        const longest = (from, to) => Math.max(0, ...tasks.filter(t => t[0] >= from && t[0] + t[1] <= to).map(t => t[1]));
        const s = start ? start[0] : window.__t0, e = end ? end[0] : performance.now();
        return { total: performance.now() - window.__t0, busy: e - s, before: longest(window.__t0, s), during: longest(s, e - 0.001),
                 after: longest(e - 0.001, performance.now() + 1), simulated_ms: Number(document.querySelector("[data-testid='results']").dataset.simMs),
                 helpers: Number(document.querySelector("[data-testid='results']").dataset.helpers),
                 tasks: tasks.map(t => [Math.round(t[0] - s), Math.round(t[1])]), end: Math.round(e - s) };
    """)
    return got


def rechoose(b):
    """Another option chosen once the results are in: seconds until its calendars are on
    screen, the longest main-thread task meanwhile, and how many simulations it took (the
    other options' figures are carried over)."""
    b.js(WATCH)
    b.js("document.querySelector(\"[data-testid='option-1'] input\").click(); return true")
    b.wait(RESULTS_IN + " && document.querySelector(\"[data-testid='comparison-table']\").textContent.includes('Option 1 (chosen)')", 600)
    return b.js("""
        const tasks = window.__tasks;
        return { total: performance.now() - window.__t0, longest: Math.max(0, ...tasks.map(t => t[1])),
                 simulations: Number(document.querySelector("[data-testid='results']").dataset.simulations) };
    """)


def edit_cap(b):
    """The frequency cap turned on or off in the edit view once the results are in: seconds
    until the new results are drawn, and the longest main-thread task meanwhile."""
    b.js("document.querySelector(\"[data-testid='tab-edit']\").click(); return true")
    b.wait("return !!document.querySelector(\"[data-testid='cap-on']\")", 60)
    b.wait(RESULTS_IN, 600)
    time.sleep(1)
    b.js(WATCH)
    b.js(REMEMBER)
    b.js("document.querySelector(\"[data-testid='cap-on']\").click(); return true")
    b.wait(CHANGED, 600)
    return b.js("return { total: performance.now() - window.__t0, longest: Math.max(0, ...window.__tasks.map(t => t[1])), "
                "tasks: window.__tasks.map(t => [Math.round(t[0] - window.__t0), Math.round(t[1])]) };")


def grown_sample(contacts):
    """The eBook sample with about `contacts` generated contacts, as a scenario file."""
    s = json.loads((ROOT / "src/samples/ebook_playbook.baton.json").read_text())
    total = sum(g["count"] for g in s["generate"])
    for g in s["generate"]:
        g["count"] = g["count"] * contacts // total
    s["name"] = f"{contacts} contacts"
    path = pathlib.Path(tempfile.mkdtemp(prefix="baton-bench-")) / "grown.baton.json"
    path.write_text(json.dumps(s))
    n = len(s["contacts"]) + sum(g["count"] for g in s["generate"])
    return path, n


def named_contacts_file(megabytes):
    """A CRM-sized scenario file: the eBook sample with tens of thousands of named contacts
    (about `megabytes` MB), as the 20 MB import test makes it."""
    s = json.loads((ROOT / "src/samples/ebook_playbook.baton.json").read_text())
    s["name"] = f"{megabytes} MB of contacts"
    s["generate"] = []
    template = s["contacts"][0]
    industries = ["Healthcare", "Software", "Retail", "Manufacturing", "Finance"]
    contacts, size, k = [], 0, 0
    while size < megabytes * 1_000_000:
        c = json.loads(json.dumps(template))
        c["id"], c["name"] = f"crm-{k:06}", f"Person Number{k}"
        c["email"], c["company"] = f"person.number{k}@company{k % 5000}.example", f"Company {k % 5000} Incorporated"
        c["traits"]["industry"], c["arrives_day"] = industries[k % 5], k % 100
        contacts.append(c)
        size += len(json.dumps(c, indent=2)) + 4 * 6
        k += 1
    s["contacts"] = contacts
    path = pathlib.Path(tempfile.mkdtemp(prefix="baton-bench-")) / "named.baton.json"
    path.write_text(json.dumps(s, indent=2))
    return path, len(contacts)


def crm_export(rows):
    """A HubSpot-style CRM export of `rows` rows (about 135 bytes each: 120,000 rows is
    16 MB), as the realistic import test writes it, with a byte-order mark and CRLF."""
    rng = random.Random(7)
    firsts = ["Ana", "Bruno", "Chloé", "Dev", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jon", "Kai", "Lena"]
    lasts = ["Smith", "García", "Müller", "Rossi", "Nguyen", "Okafor", "Dubois", "Kowalski", "Silva", "Tanaka"]
    stages = ["Subscriber", "Lead", "Marketing Qualified Lead", "Sales Qualified Lead", "Opportunity", "Customer"]
    statuses = ["New", "Open", "In Progress", "Attempted to Contact", "Connected", "Unqualified", ""]
    owners = ["", "Maya Chen", "Tom Reyes", "Priya Shah", "Luis Ortega"]
    sources = ["Organic Search", "Paid Search", "Social Media", "Direct Traffic", "Referrals", "Offline Sources", "Email Marketing"]
    companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne"]
    lines = ["\ufeffRecord ID,First Name,Last Name,Email,Company Name,Number of Employees,Lifecycle Stage,Lead Status,Contact owner,HubSpot Score,Create Date,Original Source"]
    for i in range(rows):
        first, last, company = rng.choice(firsts), rng.choice(lasts), rng.choice(companies)
        email = f"{first.lower()}.{last.lower()}{i}@{company.lower()}.example".encode("ascii", "ignore").decode()
        created = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d} 10:24"
        lines.append(",".join([str(1000 + i), first, last, email, f'"{company}, Inc."', str(rng.choice([5, 20, 80, 250, 1200])), rng.choice(stages),
                               rng.choice(statuses), rng.choice(owners), str(rng.randint(0, 120)), created, rng.choice(sources)]))
    path = pathlib.Path(tempfile.mkdtemp(prefix="baton-bench-")) / f"crm-{rows}.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


TASKS_SINCE = """
const from = arguments[0];
return Math.max(0, ...window.__tasks.filter(t => t[0] >= from).map(t => t[1]));
"""


MAPPED = """
window.__mapped = undefined;
const mapped = () => {
  const c = document.querySelector("[data-testid='csv-would-import']");
  return !!c && c.dataset.counted === 'true' && !!document.querySelector("[data-testid='csv-values']");
};
const seen = new MutationObserver(() => {
  if (mapped()) {
    seen.disconnect();
    requestAnimationFrame(() => { window.__mapped = performance.now(); });
  }
});
seen.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
return performance.now();
"""


def crm(b, path):
    """A CRM export given to the import, as a person does it: seconds until the mapping step
    shows the file's values and counts, then from "Import these contacts" to the results
    simulated and the results view opened on them, with the longest main-thread task of
    each."""
    b.js(WATCH)
    # Timed in the page: the frame that paints the mapping step with its values and counts
    # (polling from here would also wait behind whatever the page draws next).
    t0 = b.js(MAPPED)
    b.upload("[data-testid='import-file']", path)
    b.wait("return window.__mapped !== undefined", 600)
    mapping_s = (b.js("return window.__mapped;") - t0) / 1000
    mapping = b.js(TASKS_SINCE, t0)
    # A choice changed (every row given the second persona), then back: each counted again.
    recounts = []
    counted = "const c = document.querySelector(\"[data-testid='csv-would-import']\"); return c.dataset.counted === 'true'"
    for option in (1, 0):
        r0 = b.js("return performance.now();")
        b.js("const s = document.querySelector(\"[data-testid='csv-persona']\"); s.value = s.options[arguments[0]].value; "
             "s.dispatchEvent(new Event('change', { bubbles: true })); return true;", option)
        time.sleep(0.05)
        b.wait(counted, 600)
        recounts.append((b.js("return performance.now();") - r0) / 1000)
    would = b.js("return document.querySelector(\"[data-testid='csv-would-import']\").textContent.split(' ')[0];")
    t1 = b.js("return performance.now();")
    b.js("document.querySelector(\"[data-testid='csv-confirm']\").click(); return true;")
    # The import is made in the edit view, behind which the results wait: once simulated,
    # the results view is opened, as a person does, and its contact list drawn.
    b.wait(RESULTS_IN + f" && document.querySelector(\"[data-testid='scenario-facts']\").textContent.replace(/,/g, '').startsWith('{would} contacts')", 600)
    b.js("document.querySelector(\"[data-testid='tab-results']\").click(); return true;")
    b.wait(f"return document.querySelector(\"[data-testid='contact-count']\").textContent.replace(/,/g, '') === '{would} contacts'", 600)
    b.js("return new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));")
    t2 = b.js("return performance.now();")
    return {"mapping_s": mapping_s, "mapping_task": mapping, "recounts": recounts, "import_s": (t2 - t1) / 1000, "import_task": b.js(TASKS_SINCE, t1), "contacts": would}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--contacts", type=int, default=100_000)
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--only", choices=["engine", "large", "file", "crm", "interactions"], help="one of the five measurements")
    p.add_argument("--crm-rows", type=int, default=120_000, help="rows of the CRM export")
    p.add_argument("--runs", type=int, default=3, help="imports of the large workload")
    a = p.parse_args()
    if not list((ROOT / "dist").glob("*.wasm")):
        subprocess.run(["scripts/setup.sh", "browser"], cwd=ROOT, check=True, env=ENV)
        subprocess.run(["trunk", "build", "--release", "--offline"], cwd=ROOT, check=True, env=ENV)
    if a.only in (None, "engine"):
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "baton"], cwd=ROOT, check=True, env=ENV)
        n_best, n_median, n_entries = native(a.contacts, a.days, a.repeat)
        with Browser() as b:
            w = json.loads(b.js("return window.wasmBindings.baton_bench(arguments[0], arguments[1], arguments[2]);", a.contacts, a.days, a.repeat))
            agent = b.js("return navigator.userAgent;")
        print(f"workload:          {a.contacts} contacts x {a.days} days, one option, seed 1, {a.repeat} runs each")
        print(f"native:            {n_best:.0f} ms best, {n_median:.0f} ms median ({n_entries} calendar entries)")
        print(f"browser (wasm):    {w['best_ms']:.0f} ms best, {w['median_ms']:.0f} ms median ({w['entries']} calendar entries, digest {w['digest']})")
        print(f"ratio:             {w['best_ms'] / n_best:.2f}x best to best, {w['median_ms'] / n_median:.2f}x median to median")
        print(f"same calendar:     {'yes' if w['entries'] == n_entries else 'NO'} (entries)")
        print(f"browser:           {agent}")
    if a.only in (None, "large"):
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "baton"], cwd=ROOT, check=True, env=ENV)
        path = pathlib.Path(tempfile.mkdtemp(prefix="baton-bench-")) / "workload.baton.json"
        subprocess.run([str(ROOT / "target/release/baton"), "bench", "--contacts", str(a.contacts), "--days", str(a.days), "--repeat", "1",
                        "--save", str(path)], check=True, capture_output=True)
        n = a.contacts
        print(f"\nthe workload ({n} contacts x {a.days} days) imported as a file, all 4 options, results on screen:")
        for run in range(a.runs):
            with Browser() as b:
                g = large(b, path, n)
                c = rechoose(b)
            print(f"run {run + 1}: {g['total'] / 1000:.2f} s from the import to the results drawn ({g['busy'] / 1000:.2f} s simulating, "
                  f"{g['simulated_ms'] / 1000:.2f} s by the app's clock, {g['helpers']} workers); longest main-thread task "
                  f"{g['before']:.0f} ms while reading the file, {g['during']:.0f} ms while simulating, {g['after']:.0f} ms drawing the results")
            print(f"       then option 1 chosen: its calendars on screen after {c['total'] / 1000:.2f} s ({c['simulations']} simulation), "
                  f"longest main-thread task {c['longest']:.0f} ms")
            if os.environ.get("BATON_BENCH_TASKS"):
                print(f"   long tasks [start after the simulation began, ms]: {g['tasks']}; the simulation ended at {g['end']}")
    if a.only in (None, "file"):
        path, n = named_contacts_file(20)
        print(f"\na {path.stat().st_size / 1e6:.1f} MB file of {n} named contacts imported, all 4 options, results on screen:")
        for run in range(a.runs):
            with Browser() as b:
                g = large(b, path, n)
                e = edit_cap(b)
                print(f"run {run + 1}: {g['total'] / 1000:.2f} s from the import to the results drawn; longest main-thread task "
                      f"{g['before']:.0f} ms while reading the file, {g['during']:.0f} ms while simulating, {g['after']:.0f} ms drawing the results")
                print(f"       then the frequency cap turned on (an edit): results after {e['total'] / 1000:.2f} s, longest main-thread task {e['longest']:.0f} ms")
                if os.environ.get("BATON_BENCH_TASKS"):
                    print(f"   long tasks [start after the click, ms]: {e['tasks']}")
                if os.environ.get("BATON_BENCH_TASKS"):
                    print(f"   long tasks [start after the simulation began, ms]: {g['tasks']}; the simulation ended at {g['end']}")
    if a.only in (None, "crm"):
        path = crm_export(a.crm_rows)
        print(f"\na CRM export of {a.crm_rows} rows ({path.stat().st_size / 1e6:.1f} MB) imported as a new scenario:")
        for run in range(a.runs):
            with Browser() as b:
                g = crm(b, path)
            print(f"run {run + 1}: mapping step with values and counts after {g['mapping_s']:.2f} s (longest main-thread task {g['mapping_task']:.0f} ms); "
                  f"a changed choice counted again after {', '.join(f'{r:.2f}' for r in g['recounts'])} s; "
                  f"{g['contacts']} contacts imported and their results drawn {g['import_s']:.2f} s after the click (longest task {g['import_task']:.0f} ms)")
    if a.only in (None, "interactions"):
        print("\nstart-up on the eBook sample, main-thread tasks over 50 ms [start, duration] in ms:")
        for run in range(a.runs):
            with Browser() as b:
                print(f"run {run + 1}: {start_up_tasks(b)}")
        print("\nthe edit view's first opening on the eBook sample (1280x720):")
        for run in range(a.runs):
            with Browser() as b:
                first, longest = edit_view_opening(b)
            print(f"run {run + 1}: first paint after {first:.0f} ms; longest main-thread task while its editors come {longest:.0f} ms")
        print("\ninteractions, from the click to the first frame painted with its result (1280x720):")
        with Browser() as b:
            interactions(b, "eBook sample")
        path, n = grown_sample(2000)
        with Browser() as b:
            b.upload("[data-testid='import-file']", path)
            b.wait(RESULTS_IN + f" && document.querySelector(\"[data-testid='contact-count']\").textContent.replace(/,/g, '') === '{n} contacts'")
            interactions(b, f"{n} contacts")


if __name__ == "__main__":
    sys.exit(main())
