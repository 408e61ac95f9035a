#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for SECONDS each (default 600),
# one after another, and prints executions per second and the coverage each
# reached. The corpus each run finds is kept in fuzz/corpus/TARGET (not
# committed) and grows from run to run; fuzz/seeds/TARGET holds the committed
# starting inputs. A crash stops the script with exit 1 and leaves its input in
# fuzz/artifacts/TARGET: reproduce it with
#     cargo +nightly fuzz run -O TARGET fuzz/artifacts/TARGET/crash-...
# and make it a regression test named after what it was.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   (needs: scripts/setup.sh --test)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=($(cargo +nightly fuzz list))
fi
mkdir -p target/fuzz
cargo +nightly fuzz build -O >/dev/null 2>target/fuzz/build.log || { cat target/fuzz/build.log >&2; exit 1; }

printf '%-14s %8s %10s %8s %8s %9s\n' target seconds execs exec/s cov features
failed=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/seeds/$t"
  log="target/fuzz/$t.log"
  # -rss_limit_mb: the models and the seed corpus take about 500 MB with the sanitizer.
  if cargo +nightly fuzz run -O "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
      -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=30 -print_final_stats=1 >"$log" 2>&1; then
    status=ok
  else
    status=CRASH
    failed+=("$t")
  fi
  execs=$(awk '/stat::number_of_executed_units/ {print $NF}' "$log")
  speed=$(awk '/stat::average_exec_per_sec/ {print $NF}' "$log")
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  printf '%-14s %8s %10s %8s %8s %9s %s\n' "$t" "$seconds" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" \
    "$([ $status = ok ] || echo "CRASH: see $log and fuzz/artifacts/$t")"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found crashes in: ${failed[*]}" >&2
  exit 1
fi
