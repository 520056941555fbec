#!/usr/bin/env bash
# start.sh: build the release preset and run the signing demo.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake --preset release
cmake --build --preset release --target sigv4_demo -j "$(nproc 2>/dev/null || echo 2)"
./build/release/sigv4_demo
