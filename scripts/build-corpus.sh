#!/usr/bin/env bash
# Builds the corpus index the app loads (corpus.idx). Trunk runs it after each
# build (see Trunk.toml) and puts the file beside the wasm; it is cached by the
# browser apart from the app, so a new corpus does not re-download the app.
#
# The corpus a deployment ships is a build option:
#   CROSSCHECK_CORPUS=PATH trunk build --release
# where PATH is a folder of .txt/.md/.html files, a JSON Lines file or an index
# file made by `crosscheck index`. The default is the seed corpus (corpus/seed).
#
# Its house style (README, "House style") is another:
#   CROSSCHECK_HOUSE_STYLE=FILE   applied to the documents as they are indexed,
#                                 and served beside corpus.idx as house-style.toml
# (default: corpus/seed/house-style.toml for the seed corpus, none for another;
# empty: none).
#
#   scripts/build-corpus.sh [OUT]      (default: $TRUNK_STAGING_DIR/corpus.idx, else dist/corpus.idx)
set -euo pipefail
cd "$(dirname "$0")/.."
source="${CROSSCHECK_CORPUS:-corpus/seed}"
out="${1:-${TRUNK_STAGING_DIR:-dist}/corpus.idx}"
if [ ! -e "$source" ]; then
  echo "CROSSCHECK_CORPUS=$source: no such file or folder" >&2
  exit 2
fi
if [ -z "${CROSSCHECK_HOUSE_STYLE+set}" ] && [ "$source" = corpus/seed ]; then
  style=corpus/seed/house-style.toml
else
  style="${CROSSCHECK_HOUSE_STYLE:-}"
fi
mkdir -p "$(dirname "$out")"
# The CLI reads any corpus form, an index file included, and writes the current format.
cargo run --quiet --locked -p crosscheck-cli -- index "$source" -o "$out" ${style:+--house-style "$style"}
served="$(dirname "$out")/house-style.toml"
if [ -n "$style" ]; then
  cp "$style" "$served"
else
  rm -f "$served"
fi
