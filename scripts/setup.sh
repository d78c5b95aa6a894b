#!/usr/bin/env bash
# Installs what Baton's build and tests need, skipping whatever is already there at the
# right version. A first run on a fresh machine takes about 10 minutes (Trunk builds from
# source); later runs take seconds.
#
#   scripts/setup.sh            the wasm target, Trunk and the wasm-bindgen CLI
#   scripts/setup.sh browser    the same, plus Debian's Chromium and chromedriver
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding Rust's wasm32 target (a few seconds)"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "Installing Trunk $TRUNK_VERSION from crates.io (about 6 minutes, once per machine)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION to match Cargo.lock (about 2 minutes, once)"
  # Without --locked: its own lock file pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt shrinks the download by about 40 %. Debian's binaryen is too old for current
# rustc output; the npm package binaryen ships a working one. Installed inside the project.
BINARYEN_VERSION=132.0.0
if [ ! -x .tools/node_modules/.bin/wasm-opt ] || ! grep -q "\"version\": \"$BINARYEN_VERSION\"" .tools/node_modules/binaryen/package.json 2>/dev/null; then
  if command -v npm >/dev/null; then
    say "Installing wasm-opt (npm package binaryen $BINARYEN_VERSION) into .tools/ (about 20 seconds, once)"
    npm install --prefix .tools --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
  else
    say "npm is not installed: the app will build without wasm-opt (a larger download)"
  fi
fi

if [ "${1:-}" = "browser" ]; then
  # axe-core, the accessibility engine the browser tests inject into every view.
  AXE_VERSION=4.10.3
  if ! grep -q "\"version\": \"$AXE_VERSION\"" .tools/node_modules/axe-core/package.json 2>/dev/null; then
    command -v npm >/dev/null || { echo "npm is needed to install axe-core for the accessibility tests" >&2; exit 1; }
    say "Installing axe-core $AXE_VERSION into .tools/ for the accessibility tests (a few seconds, once)"
    npm install --prefix .tools --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
  fi
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "Installing Debian's Chromium and chromedriver for the browser tests (a few minutes, once)"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-driver
  fi
fi
