#!/usr/bin/env bash
# test.sh (npm test): set up, then
#   C:  the native suites twice: dev (gcc, warnings are errors) and asan
#       (clang with AddressSanitizer + UndefinedBehaviorSanitizer);
#   JS: build the wasm module and package, then node:test over tests/js
#       (Node) and tests/browser (headless Chromium).
# SIGV4_VECTORS_DIR (env) overrides where the test vectors are read from.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

extra=()
if [ -n "${SIGV4_VECTORS_DIR:-}" ]; then
	extra+=("-DSIGV4_VECTORS_DIR=$SIGV4_VECTORS_DIR")
fi

jobs="$(nproc 2>/dev/null || echo 2)"

run_preset() {
	local preset="$1"; shift
	echo "== [$preset] configure"
	cmake --preset "$preset" "$@" "${extra[@]}"
	echo "== [$preset] build"
	cmake --build --preset "$preset" -j "$jobs"
	echo "== [$preset] test"
	ctest --preset "$preset" -j "$jobs"
}

run_preset dev -DSIGV4_WERROR=ON
run_preset asan -DSIGV4_WERROR=ON
# The same native tests under valgrind memcheck (any error or leak fails).
run_preset valgrind -DSIGV4_WERROR=ON

# libFuzzer: every target, time-boxed (SIGV4_FUZZ_SECONDS each, 0 skips).
fuzz_seconds="${SIGV4_FUZZ_SECONDS:-30}"
if [ "$fuzz_seconds" -gt 0 ]; then
	bash scripts/fuzz.sh "$fuzz_seconds"
else
	echo "== [fuzz] skipped (SIGV4_FUZZ_SECONDS=0)"
fi

echo "== [wasm] build"
bash scripts/build.sh
echo "== [js] node:test (Node, Chromium, and the runtimes: workerd, Deno, Bun)"
node --test tests/js/ tests/browser/ tests/runtimes/
