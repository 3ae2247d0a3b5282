#!/usr/bin/env bash
# The libFuzzer targets of tests/fuzz, each run for a short fixed time from its committed seed
# corpus: builds only them, with clang and -fsanitize=fuzzer,address,undefined (CS_BUILD_FUZZERS),
# in build-fuzz/ (ccache), then runs every tests/fuzz/<name>_fuzzer.cc target on a copy of
# tests/fuzz/corpus/<name>/ so the committed corpus stays as it is. Prints the runs each target
# executed; exits non-zero on any crash, sanitizer report, leak, timeout or broken contract, with
# the input libFuzzer saved (crash-*, timeout-*, leak-*) kept in the printed directory.
#   CS_FUZZ_SECONDS   time per target (default 8)
#   CS_FUZZ_TARGETS   names to run instead of all (e.g. "page_token_fuzzer")
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${CS_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${CS_FUZZ_SECONDS:-8}
if [[ -n ${CS_FUZZ_TARGETS:-} ]]; then
  read -r -a targets <<<"$CS_FUZZ_TARGETS"
else
  targets=()
  for source in "$root"/tests/fuzz/*_fuzzer.cc; do targets+=("$(basename "$source" .cc)"); done
fi

export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache} CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=true
# Configured every time (a few seconds): building named targets does not pick up new ones. Tests
# and benchmarks off: the fuzz build compiles only what the targets link.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCS_BUILD_FUZZERS=ON \
  -DCS_BUILD_TESTS=OFF -DCS_BUILD_BENCHMARKS=OFF \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
args=()
for t in "${targets[@]}"; do args+=(--target "$t"); done
cmake --build "$build" -j"${CS_BUILD_JOBS:-2}" "${args[@]}"

work=$(mktemp -d /tmp/cs-fuzz.XXXXXX)
# detect_leaks: a parser that leaks on some input fails too. Debian's uninstrumented libraries
# (protobuf, Abseil) still run; only their memory accesses go unchecked.
export ASAN_OPTIONS="detect_leaks=1 abort_on_error=0 ${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1 halt_on_error=1 ${UBSAN_OPTIONS:-}"
status=0
for t in "${targets[@]}"; do
  name=${t%_fuzzer}
  corpus="$work/$name/corpus"
  mkdir -p "$corpus" "$work/$name/tmp"
  cp "$root/tests/fuzz/corpus/$name/"* "$corpus/"
  log="$work/$name/log"
  # -timeout: one input slower than 5 s is a hang; -rss_limit_mb: growth past 2 GiB is a bug.
  # stdin from /dev/null: nothing a fuzzed input names (a time zone of "/dev/stdin") can block on it.
  if (cd "$work/$name" && TMPDIR="$work/$name/tmp" "$build/tests/fuzz/$t" \
        -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
        "$corpus" </dev/null >"$log" 2>&1); then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    printf '%-32s ok   %10s runs in %ss\n' "$t" "${runs:-?}" "$seconds"
  else
    status=1
    printf '%-32s FAIL (input and log in %s)\n' "$t" "$work/$name"
    grep -E 'ERROR:|runtime error:|contract broken|unexpected status|SUMMARY|Test unit written' "$log" |
      head -20 || tail -30 "$log"
  fi
done
# The logs and saved inputs of a failure are kept for a look; a clean run leaves nothing behind.
((status == 0)) && rm -rf "$work"
exit $status
