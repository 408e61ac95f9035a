#!/usr/bin/env bash
# Accuracy through PostgreSQL against the built-in index on the seed corpus
# plus N distractor documents (default 10,000; scripts/make-scale-corpus.py):
# the dev claims' macro-F1 both ways, which must agree within 0.02 (the
# retrieval is the same BM25, so they are expected to be equal), and whether
# every prediction is the same. FEVER-1000 is compared claim by claim in
# crates/cli/tests/postgres.rs.
#
#   CROSSCHECK_TEST_DATABASE=postgres://… scripts/postgres-parity.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
admin=${CROSSCHECK_TEST_DATABASE:?set CROSSCHECK_TEST_DATABASE (scripts/postgres.sh start DIR prints one)}
cli=${CROSSCHECK_CLI:-target/debug/crosscheck}
out=target/scale
style=corpus/seed/house-style.toml
mkdir -p "$out"
python3 scripts/make-scale-corpus.py --docs "$n" --with-seed corpus/seed -o "$out/seed+$n.jsonl" >/dev/null
"$cli" index "$out/seed+$n.jsonl" -o "$out/seed+$n.idx" --house-style "$style" 2>/dev/null
url=$(bash scripts/postgres.sh database "$admin" cc_parity_scale)
# Loaded from the index file, so both sides read one analysis of the corpus.
"$cli" index "$out/seed+$n.idx" --to "$url"
for claims in tests/fixtures/claims.jsonl tests/fixtures/articles.jsonl; do
  "$cli" eval "$claims" --corpus "$out/seed+$n.idx" --house-style "$style" --json --predictions "$out/built-in.jsonl" >"$out/built-in.json"
  "$cli" eval "$claims" --corpus "$url" --house-style "$style" --json --predictions "$out/postgres.jsonl" >"$out/postgres.json"
  python3 - "$claims" "$n" "$out" <<'PY'
import json, sys
claims, n, out = sys.argv[1:]
a = json.load(open(f"{out}/built-in.json"))["macro_f1"]
b = json.load(open(f"{out}/postgres.json"))["macro_f1"]
same = open(f"{out}/built-in.jsonl").read() == open(f"{out}/postgres.jsonl").read()
print(f"{claims}, seed + {n}: macro-F1 built-in {a:.4f}, PostgreSQL {b:.4f}; predictions {'identical' if same else 'differ'}")
if abs(a - b) > 0.02:
    sys.exit(f"macro-F1 through PostgreSQL differs from the built-in index by {abs(a - b):.4f} (bar 0.02)")
PY
done
