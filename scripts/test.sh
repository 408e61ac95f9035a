#!/usr/bin/env bash
# Runs every test, installing what is missing first:
#   1. the lexicon table and the decision model are reproducible (scripts/check-models.sh);
#   2. native tests: engine and CLI (units, fixtures, property tests, accuracy
#      bars, the PostgreSQL backend and `crosscheck serve` against a throwaway
#      cluster) and the web app's state, export and share-link modules; then
#      accuracy through PostgreSQL against the built-in index at seed + 10,000;
#   3. the web app's components in headless Chromium (wasm-bindgen-test);
#   4. the release build and its size budget (scripts/size-report.mjs);
#   5. TypeScript consumers and real reports against www/crosscheck.d.ts (tests/typescript);
#   6. end to end in Chromium with Playwright and axe-core (tests/e2e/run.mjs),
#      the page asking an archive server (`crosscheck serve` on PostgreSQL) too.
# The PostgreSQL cluster (scripts/postgres.sh: installed if missing, on
# 127.0.0.1, no system service) and the server are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$PWD/.tools/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

echo "== the lexicon table and the decision model are what their build scripts make"
bash scripts/check-models.sh

echo "== PostgreSQL: a throwaway cluster on 127.0.0.1"
bash scripts/postgres.sh install
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-pg.XXXXXX")
api_pid=""
stop_services() {
  if [[ -n "$api_pid" ]]; then kill "$api_pid" 2>/dev/null || true; fi
  bash scripts/postgres.sh stop "$pgdir"
}
trap stop_services EXIT
CROSSCHECK_TEST_DATABASE=$(bash scripts/postgres.sh start "$pgdir")
export CROSSCHECK_TEST_DATABASE CROSSCHECK_REQUIRE_DATABASE=1

echo "== native tests: engine, CLI (PostgreSQL backend and server included), web app logic"
cargo test --locked -p crosscheck-engine -p crosscheck-cli -p crosscheck-web
cargo build --locked -p crosscheck-cli

echo "== accuracy through PostgreSQL against the built-in index, seed + 10,000 distractors"
bash scripts/postgres-parity.sh 10000

echo "== fuzz targets, 30 seconds each (scripts/fuzz.sh SECONDS for a campaign)"
bash scripts/fuzz.sh 30

echo "== web app components in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown -p crosscheck-web --test web

echo "== web app release build and size"
trunk build --release
node scripts/size-report.mjs

echo "== TypeScript: a consumer and real reports type-check against crosscheck.d.ts"
node tests/typescript/check.mjs

echo "== end to end in Chromium (the page on the bundled corpus, and asking an archive server)"
e2e_db=$(bash scripts/postgres.sh database "$CROSSCHECK_TEST_DATABASE" cc_e2e)
target/debug/crosscheck index corpus/seed --house-style corpus/seed/house-style.toml --to "$e2e_db" 2>/dev/null
E2E_PORT=$(bash scripts/postgres.sh free-port)
api_port=$(bash scripts/postgres.sh free-port)
target/debug/crosscheck serve --corpus "$e2e_db" --listen "127.0.0.1:$api_port" \
  --allow-origin "http://127.0.0.1:$E2E_PORT" 2>target/e2e-api.log &
api_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$api_port/health" >/dev/null && break; sleep 0.1; done
export E2E_PORT CROSSCHECK_E2E_API="http://127.0.0.1:$api_port"
node tests/e2e/run.mjs

echo "== soak in Chromium: 1,000 checks and 200 sources added and removed, memory held to bounds"
node tests/e2e/soak.mjs
