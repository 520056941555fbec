#!/usr/bin/env bash
# build.sh: the npm package's build: the wasm module (CMake "wasm" preset:
# dist/sigv4.wasm, checked and embedded as dist/sigv4-inline.js) and the
# CommonJS entry (dist/index.cjs) for require().
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset wasm > /dev/null
cmake --build --preset wasm
npx --no-install esbuild js/index.js --bundle --format=cjs --platform=neutral \
	--outfile=dist/index.cjs --log-level=warning
