#!/usr/bin/env bash
# Runs every test: installs what is missing, then the engine and CLI tests
# (unit, table-driven fixtures, property tests, accuracy bars), the lexicon
# reproducibility check, and a release build of the web app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.tools/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true

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

echo "== engine and CLI tests"
cargo test --locked -p crosscheck-engine -p crosscheck-cli

echo "== web app release build"
trunk build --release
