#!/usr/bin/env bash
# Installs what crosscheck needs to build and test, skipping whatever is
# already there at the right version. Safe to run again and again.
#
#   scripts/setup.sh          to build and serve: wasm target, Trunk, wasm-bindgen-cli, wasm-opt
#   scripts/setup.sh --test   and for the tests: Debian's Chromium and ChromeDriver,
#                             playwright-core and axe-core (tests/e2e, from its lock file),
#                             the nightly toolchain and cargo-fuzz (fuzz/)
#   scripts/setup.sh --native only what the native build and tests need (nothing extra today)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
CARGO_FUZZ_VERSION=0.13.2
BINARYEN_VERSION=132.0.0   # npm's binaryen; Debian's (108) cannot read what Rust 1.95 emits
TOOLS="$PWD/.tools"

say() { printf '[setup] %s\n' "$*"; }

if ! command -v cargo >/dev/null; then
  echo "[setup] cargo not found: install Rust 1.95 with rustup first (https://rustup.rs)" >&2
  exit 1
fi

if [ "${1:-}" = "--native" ]; then
  exit 0
fi

# The wasm target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk, pinned: 0.22 needs a newer rustc. About 10 minutes to build the first time.
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 6 minutes)"
  # Without --locked: its lock file wants a crate version the registry here lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# wasm-opt from npm's binaryen, kept inside the project.
if [ "$("$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
  if ! command -v npm >/dev/null; then
    echo "[setup] npm not found: install Node.js 20 or newer" >&2
    exit 1
  fi
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) into .tools/"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
fi

# Trunk runs offline: fetch the crates now.
cargo fetch --locked --quiet

if [ "${1:-}" = "--test" ]; then
  # Chromium and its driver, from Debian (browser downloads by test tools fail here).
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
      say "installing chromium and chromium-driver (Debian)"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    else
      echo "[setup] the browser tests need chromium and chromedriver: apt-get install chromium chromium-driver" >&2
      exit 1
    fi
  fi
  # The fuzz targets (fuzz/) build with nightly and cargo-fuzz only.
  if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    say "installing the nightly toolchain (for cargo fuzz)"
    rustup toolchain install nightly --profile minimal
  fi
  if [ "$(cargo fuzz --version 2>/dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes)"
    cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  fi
  # The end-to-end test's npm packages, exactly as locked.
  if [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/axe-core ] \
     || [ ! -d tests/e2e/node_modules/typescript ] \
     || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
    say "installing playwright-core, axe-core and typescript into tests/e2e/node_modules"
    (cd tests/e2e && npm ci --no-audit --no-fund --silent)
  fi
fi
say "ready"
