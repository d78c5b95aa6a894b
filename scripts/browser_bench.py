#!/usr/bin/env python3
"""The same work in both places: `baton bench`'s workload (100,000 contacts x 365 days, one
option, by default) simulated natively and in headless Chromium, with their ratio.

    scripts/browser_bench.py [--contacts N] [--days D] [--repeat R]

A benchmark, not a test: the machine is shared, so read the spread. It builds what is
missing (the release app in dist/ and the native `baton`), serves dist/ on 127.0.0.1,
drives Debian's Chromium through chromedriver (plain WebDriver over HTTP, no packages),
and calls the page's `baton_bench` export (src/app/bench.rs), which times the engine
inside the page's WebAssembly with the page's clock. Both sides print the calendar's digest,
so the script also shows the two simulated the same thing.
"""
import argparse
import functools
import http.server
import json
import os
import pathlib
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
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
    with urllib.request.urlopen(req, timeout=timeout) as r:
        answer = json.load(r)
    return answer.get("value")


def native(contacts, days, repeat):
    out = subprocess.run(
        [str(ROOT / "target/release/baton"), "bench", "--contacts", str(contacts), "--days", str(days), "--repeat", str(repeat)],
        check=True, capture_output=True, text=True,
    ).stdout
    best, median = map(float, re.search(r"seconds:\s+([\d.]+) best, ([\d.]+) median", out).groups())
    entries = int(re.search(r"events simulated:\s+(\d+)", out).group(1))
    return best * 1000, median * 1000, entries


def browser(contacts, days, repeat):
    port, driver_port = free_port(), free_port()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(ROOT / "dist"))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    driver = subprocess.Popen(["/usr/bin/chromedriver", f"--port={driver_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{driver_port}"
    profile = tempfile.mkdtemp(prefix="baton-bench-")
    try:
        for _ in range(100):
            try:
                webdriver(base, "GET", "/status", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}"]
        session = webdriver(base, "POST", "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": flags}}}})["sessionId"]
        s = f"/session/{session}"
        try:
            webdriver(base, "POST", s + "/timeouts", {"script": 900_000})
            webdriver(base, "POST", s + "/url", {"url": f"http://127.0.0.1:{port}/"})
            for _ in range(300):
                if webdriver(base, "POST", s + "/execute/sync", {"script": "return !!(window.wasmBindings && window.wasmBindings.baton_bench);", "args": []}):
                    break
                time.sleep(0.1)
            answer = webdriver(base, "POST", s + "/execute/sync", {
                "script": "return window.wasmBindings.baton_bench(arguments[0], arguments[1], arguments[2]);",
                "args": [contacts, days, repeat]})
            agent = webdriver(base, "POST", s + "/execute/sync", {"script": "return navigator.userAgent;", "args": []})
            return json.loads(answer), agent
        finally:
            webdriver(base, "DELETE", s)
    finally:
        driver.terminate()
        server.shutdown()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--contacts", type=int, default=100_000)
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--repeat", type=int, default=5)
    a = p.parse_args()
    if not list((ROOT / "dist").glob("*.wasm")):
        subprocess.run(["scripts/setup.sh", "browser"], cwd=ROOT, check=True, env=ENV)
        subprocess.run(["trunk", "build", "--release", "--offline"], cwd=ROOT, check=True, env=ENV)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "baton"], cwd=ROOT, check=True, env=ENV)
    n_best, n_median, n_entries = native(a.contacts, a.days, a.repeat)
    w, agent = browser(a.contacts, a.days, a.repeat)
    print(f"workload:          {a.contacts} contacts x {a.days} days, one option, seed 1, {a.repeat} runs each")
    print(f"native:            {n_best:.0f} ms best, {n_median:.0f} ms median ({n_entries} calendar entries)")
    print(f"browser (wasm):    {w['best_ms']:.0f} ms best, {w['median_ms']:.0f} ms median ({w['entries']} calendar entries, digest {w['digest']})")
    print(f"ratio:             {w['best_ms'] / n_best:.2f}x best to best, {w['median_ms'] / n_median:.2f}x median to median")
    print(f"same calendar:     {'yes' if w['entries'] == n_entries else 'NO'} (entries)")
    print(f"browser:           {agent}")


if __name__ == "__main__":
    sys.exit(main())
