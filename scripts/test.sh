#!/usr/bin/env bash
# Runs every test, installing what is missing first:
#   1. the lexicon table and the decision model are reproducible (scripts/check-models.sh);
#   2. native tests: engine and CLI (units, fixtures, property tests, accuracy
#      bars) and the web app's state, export and share-link modules;
#   3. the web app's components in headless Chromium (wasm-bindgen-test);
#   4. the release build and its size budget (scripts/size-report.mjs);
#   5. TypeScript consumers and real reports against www/crosscheck.d.ts (tests/typescript);
#   6. end to end in Chromium with Playwright and axe-core (tests/e2e/run.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$PWD/.tools/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

echo "== the lexicon table and the decision model are what their build scripts make"
bash scripts/check-models.sh

echo "== native tests: engine, CLI, web app logic"
cargo test --locked -p crosscheck-engine -p crosscheck-cli -p crosscheck-web
cargo build --locked -p crosscheck-cli

echo "== fuzz targets, 30 seconds each (scripts/fuzz.sh SECONDS for a campaign)"
bash scripts/fuzz.sh 30

echo "== web app components in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown -p crosscheck-web --test web

echo "== web app release build and size"
trunk build --release
node scripts/size-report.mjs

echo "== TypeScript: a consumer and real reports type-check against crosscheck.d.ts"
node tests/typescript/check.mjs

echo "== end to end in Chromium"
node tests/e2e/run.mjs

echo "== soak in Chromium: 1,000 checks and 200 sources added and removed, memory held to bounds"
node tests/e2e/soak.mjs
