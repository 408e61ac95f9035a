#!/usr/bin/env bash
# Runs every test, installing what is missing first:
#   1. the lexicon table is reproducible from WordNet;
#   2. native tests: engine and CLI (units, fixtures, property tests, accuracy
#      bars) and the web app's state, export and share-link modules;
#   3. the web app's components in headless Chromium (wasm-bindgen-test);
#   4. the release build and its size budget (scripts/size-report.mjs);
#   5. end to end in Chromium with Playwright and axe-core (tests/e2e/run.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$PWD/.tools/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

echo "== lexicon table is reproducible from WordNet"
if [ ! -f /usr/share/wordnet/data.verb ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "installing wordnet-base (Debian) for the check"
  (apt-get update -qq && apt-get install -y -qq wordnet-base) >/dev/null 2>&1 || echo "could not install wordnet-base"
fi
if [ -f /usr/share/wordnet/data.verb ]; then
  python3 lexicon/build.py --check
else
  echo "WordNet not installed (apt-get install wordnet-base): skipped"
fi

echo "== native tests: engine, CLI, web app logic"
cargo test --locked -p crosscheck-engine -p crosscheck-cli -p crosscheck-web
cargo build --locked -p crosscheck-cli

echo "== web app components in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown -p crosscheck-web --test web

echo "== web app release build and size"
trunk build --release
node scripts/size-report.mjs

echo "== end to end in Chromium"
node tests/e2e/run.mjs
