#!/usr/bin/env bash
# start.sh (npm start): install what is missing, build the wasm module and
# the package, then run the demo: real fetch requests signed by sigv4-wasm
# and checked by an independent verifier on loopback; it ends with where the
# 403 diagnosis page (build/diagnose/index.html) is, to open in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh
node scripts/demo.mjs
