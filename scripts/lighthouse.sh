#!/usr/bin/env bash
# Start-up performance of the release build, measured by Lighthouse (npm, installed into
# .tools/ on first use) against the installed Chromium. A benchmark, not a test: the
# machine is shared, so run it a few times and read the spread.
#
#   scripts/lighthouse.sh [desktop|mobile] [runs]     (default: desktop, 3 runs)
#
# Prints, per run: the performance score, total blocking time, the longest main-thread
# task, the main thread's total work, and when the results were on screen (largest
# contentful paint). Builds dist/ first when it is missing. The page is served
# gzip-compressed, as static hosts serve it (scripts/static_server.py); COMPRESS=0 serves it
# uncompressed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
PRESET=${1:-desktop}
RUNS=${2:-3}
LIGHTHOUSE_VERSION=13.5.0

if ! grep -q "\"version\": \"$LIGHTHOUSE_VERSION\"" .tools/node_modules/lighthouse/package.json 2>/dev/null; then
  echo "==> Installing Lighthouse $LIGHTHOUSE_VERSION into .tools/ (about 15 seconds, once)"
  npm install --prefix .tools --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION"
fi
if ! ls dist/*.wasm >/dev/null 2>&1; then
  scripts/setup.sh
  trunk build --release --offline
fi

PORT=8123
# Served as a static host serves it: gzip-compressed (COMPRESS=0 serves it uncompressed).
if [ "${COMPRESS:-1}" = "0" ]; then
  python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist >/dev/null 2>&1 &
else
  python3 scripts/static_server.py "$PORT" dist &
fi
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
sleep 1

OUT=$(mktemp -d)
for run in $(seq 1 "$RUNS"); do
  FLAGS=()
  [ "$PRESET" = "desktop" ] && FLAGS+=(--preset=desktop)
  CHROME_PATH=/usr/bin/chromium .tools/node_modules/.bin/lighthouse "http://127.0.0.1:$PORT/" \
    "${FLAGS[@]}" --only-categories=performance --output=json --output-path="$OUT/run$run.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" --quiet
  python3 - "$OUT/run$run.json" "$PRESET" "$run" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a = r["audits"]
tasks = [t for t in a.get("long-tasks", {}).get("details", {}).get("items", [])]
longest = max((t.get("duration", 0) for t in tasks), default=0)
print(
    f"{sys.argv[2]} run {sys.argv[3]}: performance {r['categories']['performance']['score']:.2f}, "
    f"total blocking time {a['total-blocking-time']['numericValue']:.0f} ms, "
    f"longest task {longest:.0f} ms ({len(tasks)} over 50 ms), "
    f"main-thread work {a['mainthread-work-breakdown']['numericValue']:.0f} ms, "
    f"largest contentful paint {a['largest-contentful-paint']['numericValue']:.0f} ms"
)
PY
done
