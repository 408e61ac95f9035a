#!/usr/bin/env bash
# Corpus-scale benchmark (native): for each size, builds a corpus from the public
# FEVER and Climate-FEVER sentences (scripts/make-scale-corpus.py), indexes it, and
# prints index build time and peak memory, index size against the text (raw and
# gzip), load time, and the time to check a 1,000-word article. Then the dev
# claims' macro-F1 against the seed corpus alone and with 10,000 distractors.
#
#   scripts/scale-bench.sh [SIZES...]      (default: 1000 10000; 100000 needs ~18 GB and minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
sizes=(${sizes[@]})
out=target/scale
mkdir -p "$out"
cargo build --release --locked -q -p crosscheck-cli
cli=target/release/crosscheck

# A 1,000-word article from the dev articles.
python3 - "$out/article.txt" <<'EOF'
import json, sys
words = " ".join(s["text"] for l in open("tests/fixtures/articles.jsonl") for s in json.loads(l)["sentences"]).split()
words = (words * 3)[:1000]
open(sys.argv[1], "w").write(" ".join(words))
EOF

gz() { gzip -9c "$1" | wc -c; }
printf '%-8s %10s %9s %10s %10s %8s %8s %9s %9s\n' docs text_MB build_s peak_MB index_MB raw_x gzip_x load_s check_ms
for n in "${sizes[@]}"; do
  python3 scripts/make-scale-corpus.py --docs "$n" -o "$out/$n.jsonl" >/dev/null
  python3 -c "
import json
with open('$out/$n.txt', 'w') as f:
    for l in open('$out/$n.jsonl'):
        f.write(json.loads(l)['text'])
"
  /usr/bin/time -o "$out/time" -f '%e %M' "$cli" index "$out/$n.jsonl" -o "$out/$n.idx" 2>/dev/null
  read -r build_s peak_kb <"$out/time"
  text=$(stat -c %s "$out/$n.txt"); idx=$(stat -c %s "$out/$n.idx")
  text_gz=$(gz "$out/$n.txt"); idx_gz=$(gz "$out/$n.idx")
  # Best of three runs each: the first run also pays for reading the file from disk.
  best() { local b=999; for _ in 1 2 3; do /usr/bin/time -o "$out/time" -f '%e' "$@" >/dev/null </dev/null; b=$(python3 -c "print(min($b, $(cat "$out/time")))"); done; echo "$b"; }
  load_s=$(best "$cli" check - --corpus "$out/$n.idx")
  total_s=$(best "$cli" check "$out/article.txt" --corpus "$out/$n.idx")
  python3 -c "
print('%-8s %10.1f %9.1f %10.0f %10.1f %8.2f %8.2f %9.2f %9.0f' % ($n, $text/1e6, $build_s, $peak_kb/1024, $idx/1e6, $idx/$text, $idx_gz/$text_gz, $load_s, ($total_s-$load_s)*1000))"
done

echo
echo "dev claims, seed corpus alone:"
"$cli" eval tests/fixtures/claims.jsonl | grep macro-F1
python3 scripts/make-scale-corpus.py --docs 10000 --with-seed corpus/seed -o "$out/seed+10k.jsonl" >/dev/null
"$cli" index "$out/seed+10k.jsonl" -o "$out/seed+10k.idx" 2>/dev/null
echo "dev claims, seed corpus + 10,000 distractor documents:"
"$cli" eval tests/fixtures/claims.jsonl --corpus "$out/seed+10k.idx" | grep macro-F1
