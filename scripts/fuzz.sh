#!/usr/bin/env bash
# Fuzzes the loader, the simulation, the CRM import and share links for a given time.
#   scripts/fuzz.sh [MINUTES] [baton-fuzz options]     (default 30 minutes)
# Fails on any panic, any input over 2 s and any input over 1 GB. Findings (minimised) and
# the input running when it stopped go to target/fuzz-findings/; copy a finding into tests/fuzz/
# (named scenario-…, crm-… or share-…) once it is fixed, and tests/fuzz_regressions.rs
# replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-30}"
shift || true
cargo build --profile fuzz --locked --bin baton-fuzz
exec target/fuzz/baton-fuzz --minutes "$minutes" "$@"
