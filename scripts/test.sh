#!/usr/bin/env bash
# Installs what is missing (including Chromium and chromedriver), builds the release app,
# and runs every test: the engine and command-line tests natively, and the browser tests in
# headless Chromium against the release build. Fails if any test fails or if the browser
# tests could not run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

scripts/setup.sh browser

say "Checking the code's layout (rustfmt.toml)"
if cargo fmt --version >/dev/null 2>&1; then
  cargo fmt --check || { echo "test.sh: run \`cargo fmt\` and commit the result" >&2; exit 1; }
else
  echo "test.sh: rustfmt is not installed (rustup component add rustfmt), so the layout was NOT checked" >&2
fi

say "Building the release app (dist/ and the single file dist/baton.html)"
trunk build --release --offline

say "Running every test: engine, command line, samples, schema, and the browser"
# Two test threads: each browser test starts its own Chromium, and the machine has 2 cores.
cargo test --locked -- --test-threads=2
