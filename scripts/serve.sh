#!/usr/bin/env bash
# Serves the web app at http://127.0.0.1:8080, installing whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.tools/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
exec trunk serve --release "$@"
