#!/usr/bin/env bash
# build.sh: the npm package's build: the wasm modules (CMake "wasm" preset:
# dist/sigv4.wasm and dist/sigv4a.wasm, checked and embedded as
# dist/sigv4-inline.js and dist/sigv4a-inline.js, the receiving side's
# dist/sigv4-verify.wasm and dist/sigv4a-verify.wasm likewise, and sigv4.wasm
# and sigv4-verify.wasm converted to JavaScript for sigv4-wasm/js as
# dist/sigv4-wasm2js.js and dist/sigv4-verify-wasm2js.js), the ESM
# entries bundled into one file each (dist/index.mjs, dist/v4a.mjs) and
# the CommonJS ones (dist/index.cjs, dist/v4a.cjs, dist/node.cjs) for
# require(), with the files loaded on first use (dist/diagnose.mjs,
# dist/diagnose.cjs, dist/text.cjs, and the receiving modules' CommonJS
# embeddings dist/sigv4-verify-inline.cjs and dist/sigv4a-verify-inline.cjs:
# scripts/bundle.mjs); and the
# diagnosis page (build/diagnose/index.html, from examples/diagnose).
set -euo pipefail
cd "$(dirname "$0")/.."

# js/abi.js and wasm/ABI.md must match the C tables they come from.
node wasm/gen.mjs --check
cmake --preset wasm > /dev/null
cmake --build --preset wasm
# The entries users load, one file each, and the files they load on first use.
node scripts/bundle.mjs
# sigv4-wasm/node for require(): its `import ... from 'sigv4-wasm'` stays a
# require of the package itself, so both entries share one SigV4Error.
npx --no-install esbuild js/node.js --bundle --format=cjs --platform=node \
	--external:sigv4-wasm --outfile=dist/node.cjs --log-level=warning
# Types for require(): under TypeScript's node16/nodenext resolution a .d.ts
# in this ESM package types an ES module, which CommonJS code cannot import
# (TS1471). The same declarations as .d.cts type the CommonJS entries.
sed 's#\x27\./index\.js\x27#\x27./index.cjs\x27#' js/index.d.ts > dist/index.d.cts
sed 's#\x27\./index\.js\x27#\x27./index.cjs\x27#' js/node.d.ts > dist/node.d.cts
sed 's#\x27\./index\.js\x27#\x27./index.cjs\x27#' js/index.v4a.d.ts > dist/index.v4a.d.cts
# The 403 diagnosis page (build/diagnose/index.html).
bash scripts/build-diagnose.sh
