#!/usr/bin/env bash
# Corpus-scale benchmark (native): for each size, builds a corpus from the public
# FEVER and Climate-FEVER sentences (scripts/make-scale-corpus.py), indexes it, and
# prints index build time and peak memory, index size against the text (raw and
# gzip), load time, and the time to check a 1,000-word article (the first check,
# which analyses the passages it retrieves, and the median of ten more). Then the dev
# claims' macro-F1 against the seed corpus alone and with 10,000 distractors (and
# 100,000 when that size is asked for).
#
#   scripts/scale-bench.sh [SIZES...]      (default: 1000 10000; 100000 needs ~2 GB and ~10 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
sizes=(${sizes[@]})
out=target/scale
mkdir -p "$out"
cargo build --release --locked -q -p crosscheck-cli
# Timings at opt-level 3 (the bench profile), as a native deployment would build.
cargo build --profile bench --locked -q -p crosscheck-engine --example scale_check
cli=target/release/crosscheck

# A 1,000-word article from the dev articles.
python3 - "$out/article.txt" <<'EOF'
import json, sys
words = " ".join(s["text"] for l in open("tests/fixtures/articles.jsonl") for s in json.loads(l)["sentences"]).split()
words = (words * 3)[:1000]
open(sys.argv[1], "w").write(" ".join(words))
EOF

gz() { gzip -9c "$1" | wc -c; }
printf '%-8s %8s %8s %8s %9s %6s %6s %8s %9s %9s\n' docs text_MB build_s peak_MB index_MB raw_x gzip_x load_ms first_ms median_ms
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
  read -r _ load_ms _ first_ms _ median_ms < <(target/release/examples/scale_check "$out/$n.idx" "$out/article.txt")
  python3 -c "
print('%-8s %8.1f %8.1f %8.0f %9.1f %6.2f %6.2f %8s %9s %9s' % ($n, $text/1e6, $build_s, $peak_kb/1024, $idx/1e6, $idx/$text, $idx_gz/$text_gz, '$load_ms', '$first_ms', '$median_ms'))"
done

echo
echo "dev claims, seed corpus alone:"
"$cli" eval tests/fixtures/claims.jsonl | grep macro-F1
# The dev claims against the seed corpus plus DOCS distractor documents, read
# with the seed corpus's house style as the seed alone is.
with_distractors() {
  local docs=$1 name=$2 style=corpus/seed/house-style.toml
  python3 scripts/make-scale-corpus.py --docs "$docs" --with-seed corpus/seed -o "$out/$name.jsonl" >/dev/null
  "$cli" index "$out/$name.jsonl" -o "$out/$name.idx" --house-style "$style" 2>/dev/null
  echo "dev claims, seed corpus + $docs distractor documents:"
  "$cli" eval tests/fixtures/claims.jsonl --corpus "$out/$name.idx" --house-style "$style" | grep macro-F1
}
with_distractors 10000 seed+10k
# With 100,000 among the sizes, also the seed + 100,000 (what the search budget costs).
if [[ " ${sizes[*]} " == *" 100000 "* ]]; then
  with_distractors 100000 seed+100k
fi
