#!/usr/bin/env python3
"""Writes baton.html: the whole app in one file that works from disk (file://).

Trunk runs this after each build (see Trunk.toml) with TRUNK_STAGING_DIR set. The
wasm-bindgen glue is inlined as a module script with its exports removed, the wasm bytes
are inlined as base64 and passed to the glue's init function, and the CSS is inlined.
Nothing is fetched at run time, so the file can travel by email.

It also gives both pages a Content-Security-Policy (a <meta> tag, since the app has no
server to send headers): scripts only from the page itself and the inline scripts it was
built with (by their SHA-256), WebAssembly allowed, style sheets from the page, style
attributes (Leptos sets sizes with them), images only as data: URLs (the icon), fetches
only of the page's own files (index.html loads its wasm; baton.html fetches nothing), no
frames, no plug-ins, no forms sent anywhere, no <base>. Nothing can reach the network.
"""
import base64
import hashlib
import os
import pathlib
import re
import subprocess
import sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist"))
index = (staging / "index.html").read_text(encoding="utf-8")

js_files = sorted(p for p in staging.glob("baton-web*.js"))
wasm_files = sorted(p for p in staging.glob("baton-web*_bg.wasm"))
css_files = sorted(p for p in staging.glob("baton*.css"))
if not js_files or not wasm_files:
    sys.exit(f"single_file.py: no wasm-bindgen output in {staging}")

# Release builds: shrink the wasm with wasm-opt when scripts/setup.sh installed it. Trunk's
# own wasm-opt step is off (data-wasm-opt="0") because it would download a binary.
# BATON_KEEP_NAMES=1 keeps the functions' names, for a profile that says where time goes
# (the same code, a larger file; never for a build that ships).
root = pathlib.Path(__file__).resolve().parent.parent
wasm_opt = root / ".tools" / "node_modules" / ".bin" / "wasm-opt"
if os.environ.get("TRUNK_PROFILE") == "release" and wasm_opt.exists():
    before = wasm_files[0].stat().st_size
    subprocess.run(
        [str(wasm_opt), "-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
         "--enable-mutable-globals", "--enable-multivalue", "--enable-reference-types",
         *(["-g"] if os.environ.get("BATON_KEEP_NAMES") == "1" else []),
         str(wasm_files[0]), "-o", str(wasm_files[0])],
        check=True,
    )
    print(f"single_file.py: wasm-opt {before // 1024} KiB -> {wasm_files[0].stat().st_size // 1024} KiB")
elif os.environ.get("TRUNK_PROFILE") == "release":
    # Said loudly: without wasm-opt the download is about 40 % larger and nothing else
    # would tell.
    size = wasm_files[0].stat().st_size
    banner = "!" * 78
    print(
        f"\n{banner}\n"
        f"single_file.py: WARNING: wasm-opt is not installed ({wasm_opt}), so the release\n"
        f"wasm is NOT optimised: {size // 1024} KiB instead of about 40 % less. Run\n"
        f"scripts/setup.sh to install it (npm package binaryen), then build again.\n"
        f"{banner}\n",
        file=sys.stderr,
    )

glue = js_files[0].read_text(encoding="utf-8")
# Drop the module's exports: `export default x;`, `export { a, b };`, `export function`.
glue = re.sub(r"^export\s+default\s+[\w$]+\s*;\s*$", "", glue, flags=re.M)
glue = re.sub(r"^export\s*\{[^}]*\}\s*;?\s*$", "", glue, flags=re.M)
glue = re.sub(r"^export\s+(?=(async\s+)?(function|class|const|let|var)\b)", "", glue, flags=re.M)
init_name = "__wbg_init"
if init_name not in glue:
    sys.exit("single_file.py: the wasm-bindgen glue has no __wbg_init; its layout changed")

# The Web Workers' script (src/app/workers.rs): the same glue, and a few lines that take the
# page's compiled module, then answer each message: a scenario file read in pieces, a
# question about a CRM export (sent once with a worker kept for the next question), or the
# engine's figures. It is kept as text in both pages; the app makes a Blob URL of it, so
# workers need no file of their own.
helper = glue + """
let batonReady = null;
self.onmessage = async (event) => {
  const message = event.data;
  if (message.module) {
    batonReady = __wbg_init({ module_or_path: message.module });
    return;
  }
  try {
    await batonReady;
    if (message.load) {
      const answer = baton_helper_load(message.load);
      self.postMessage({ answer }, answer.pieces ? [answer.pieces.buffer] : []);
    } else if (message.crm) {
      const answer = baton_helper_crm(message.crm, message.crmId, message.scenario, message.ask);
      self.postMessage({ answer }, answer.pieces ? [answer.pieces.buffer] : []);
    } else {
      self.postMessage({ answer: baton_helper_answer(message.scenario, message.jobs) });
    }
  } catch (e) {
    self.postMessage({ error: String((e && e.message) || e) });
  }
};
"""
for entry in ("baton_helper_answer", "baton_helper_load", "baton_helper_crm"):
    if entry not in glue:
        sys.exit(f"single_file.py: the glue has no {entry}; a workers' entry point is missing")
if "</script" in helper.lower():
    sys.exit("single_file.py: the glue contains '</script', which cannot be kept inside a script element")
helper_element = f'<script type="text/plain" id="baton-helper">{helper}</script>'

wasm_b64 = base64.b64encode(wasm_files[0].read_bytes()).decode("ascii")
css = "\n".join(p.read_text(encoding="utf-8") for p in css_files)

icon = re.search(r'<link rel="icon"[^>]*>', index)
icon = icon.group(0) if icon else ""
title = re.search(r"<title>(.*?)</title>", index, flags=re.S)
title = title.group(1) if title else "Baton"

page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{title}</title>
{icon}
<style>
{css}
</style>
</head>
<body>
<noscript>Baton needs JavaScript and WebAssembly, which every current browser has.</noscript>
{helper_element}
<script type="module">
{glue}
const wasmBase64 = "{wasm_b64}";
const wasmBytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(wasmBase64) : Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
// Kept for the simulation's workers, which compile their own copy (src/app/workers.rs).
window.batonWasmBytes = wasmBytes;
await {init_name}({{ module_or_path: wasmBytes }});
</script>
</body>
</html>
"""


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(scripts, styles, connect):
    return "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(["'self'", "'wasm-unsafe-eval'"] + [sha256(s) for s in scripts]),
        "style-src-elem " + " ".join(["'self'"] + [sha256(s) for s in styles]),
        "style-src-attr 'unsafe-inline'",
        "img-src data:",
        "connect-src " + connect,
        # The simulation's Web Workers start from the page's own text: a Blob URL, or a
        # data: URL from a page opened from disk (whose opaque origin refuses Blob URLs).
        "worker-src blob: data:",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ])


def with_policy(html, csp):
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}" />'
    # Before any script or style: right after the charset.
    return re.sub(r'(<meta charset="utf-8" ?/?>)', lambda m: m.group(1) + "\n" + meta, html, count=1)


def inline(tag, html):
    # Only what runs: the workers' script is text (type="text/plain") until a worker runs it.
    found = re.findall(rf"<{tag}(\s[^>]*)?>(.*?)</{tag}>", html, flags=re.S)
    return [body for attrs, body in found if 'type="text/plain"' not in attrs]


if 'id="baton-helper"' not in index:
    index = index.replace("</body>", helper_element + "\n</body>", 1)
if "Content-Security-Policy" not in index:
    index = with_policy(index, policy(inline("script", index), inline("style", index), "'self'"))
    (staging / "index.html").write_text(index, encoding="utf-8")
if "Content-Security-Policy" not in page:
    page = with_policy(page, policy(inline("script", page), inline("style", page), "'none'"))
(staging / "baton.html").write_text(page, encoding="utf-8")
print(f"single_file.py: wrote baton.html ({len(page) // 1024} KiB)")
