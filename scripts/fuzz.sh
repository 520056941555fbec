#!/usr/bin/env bash
# fuzz.sh [seconds-per-target] [target...]: run the libFuzzer targets of
# tests/fuzz, each for a fixed time (default 60 s; `scripts/fuzz.sh 1800`
# is the long local run). Targets: sign presign path query headers stream
# unchunk verify (all by default).
#
#   1. builds the `fuzz` CMake preset (clang, libFuzzer, ASan, UBSan);
#   2. generates seed corpora from the requests in the test vectors
#      (SIGV4_VECTORS_DIR, else tests/vectors) into the build tree;
#   3. runs each target; what it learns is kept in fuzz-out/corpus/<target>
#      for the next run, crash inputs go to fuzz-out/artifacts/<target>/,
#      logs to fuzz-out/logs/ (fuzz-out/ is gitignored);
#   4. prints executions and executions per second per target (libFuzzer's
#      final stats), and exits 1 if any target crashed, leaked, timed out
#      or broke an invariant.
#
# Reproduce a crash: build/fuzz/tests/fuzz/fuzz_<target> <artifact file>
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
[ "$#" -gt 0 ] && shift
case "$seconds" in
	''|*[!0-9]*|0) echo "fuzz.sh: seconds must be a number >= 1: $seconds" >&2
		exit 2 ;;
esac
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(sign presign path query headers stream unchunk verify)

out=fuzz-out
bin=build/fuzz/tests/fuzz
seeds="$bin/seeds"

extra=()
if [ -n "${SIGV4_VECTORS_DIR:-}" ]; then
	extra+=("-DSIGV4_VECTORS_DIR=$SIGV4_VECTORS_DIR")
fi
echo "== [fuzz] configure and build"
cmake --preset fuzz "${extra[@]}" >/dev/null
build_targets=(fuzz_seedgen)
for t in "${targets[@]}"; do build_targets+=("fuzz_$t"); done
cmake --build --preset fuzz -j 2 --target "${build_targets[@]}" >/dev/null

rm -rf "$seeds"
"$bin/fuzz_seedgen" "$seeds" ${SIGV4_VECTORS_DIR:+"$SIGV4_VECTORS_DIR"}

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

mkdir -p "$out/logs"
marker="$out/.started"
touch "$marker"
summary="$out/summary.txt"
: >"$summary"
failed=()

stat() {  # stat <name> <log>: a libFuzzer final-stats value, or "?"
	local v
	v="$(sed -n "s/^stat::$1: *\([0-9]*\).*/\1/p" "$2" | tail -n 1)"
	echo "${v:-?}"
}

echo "== [fuzz] ${#targets[@]} target(s), ${seconds} s each"
for t in "${targets[@]}"; do
	exe="$bin/fuzz_$t"
	[ -x "$exe" ] || { echo "fuzz.sh: no such target: $t" >&2; exit 2; }
	mkdir -p "$out/corpus/$t" "$out/artifacts/$t"
	log="$out/logs/$t.log"
	set +e
	"$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -dict=tests/fuzz/sigv4.dict \
		-artifact_prefix="$out/artifacts/$t/" \
		"$out/corpus/$t" "$seeds/$t" >"$log" 2>&1
	rc=$?
	set -e
	crashes="$(find "$out/artifacts/$t" -type f -newer "$marker" | wc -l)"
	cov="$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || true)"
	line="$(printf '%-8s %12s execs %8s exec/s  cov %-5s corpus %s' "$t" \
		"$(stat number_of_executed_units "$log")" \
		"$(stat average_exec_per_sec "$log")" "${cov:-?}" \
		"$(find "$out/corpus/$t" -type f | wc -l)")"
	if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
		line="$line  FAILED (exit $rc, $crashes artifact(s))"
		failed+=("$t")
	fi
	echo "$line" | tee -a "$summary"
done

if [ "${#failed[@]}" -gt 0 ]; then
	for t in "${failed[@]}"; do
		echo "---- $t: end of $out/logs/$t.log"
		grep -E 'invariant failed|ERROR:|SUMMARY:|^  ' "$out/logs/$t.log" | head -n 20 || true
		find "$out/artifacts/$t" -type f -newer "$marker" | sed 's/^/artifact: /'
	done
	echo "fuzz.sh: FAILED: ${failed[*]}" >&2
	exit 1
fi
echo "fuzz.sh: no crash, leak, timeout or broken invariant"
