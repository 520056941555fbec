#!/usr/bin/env bash
# build-diagnose.sh [DIR]: the 403 diagnosis page (examples/diagnose) built
# into DIR (build/diagnose), as any app using the package is built: its
# `import ... from 'sigv4-wasm'` is this package by its own name (the
# exports map: dist/index.mjs, the wasm inside, so the page fetches
# nothing). One classic script, not a module, so that the page opens from
# file:// with no server. Needs dist/ (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-build/diagnose}"

rm -rf "$out"
npx --no-install esbuild examples/diagnose/main.js --bundle --format=iife --platform=browser \
	--target=es2020 --outfile="$out/main.js" --log-level=warning
cp examples/diagnose/index.html examples/diagnose/style.css "$out/"
