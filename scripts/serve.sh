#!/usr/bin/env bash
# Installs what is missing, builds Baton and serves it on http://127.0.0.1:8080 with the
# built-in eBook sample open. Ctrl+C stops it. The build also writes dist/baton.html, the
# whole app in one file that opens from disk.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh
printf '\n\033[1m==> Building and serving Baton on http://127.0.0.1:8080 (Ctrl+C to stop)\033[0m\n'
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port 8080
