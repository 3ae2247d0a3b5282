#!/usr/bin/env bash
# The suite's concurrency tests under ThreadSanitizer: builds only them, with clang and
# -fsanitize=thread, in build-tsan/ (ccache), and runs them against the MariaDB of CS_TEST_MYSQL_*
# (tests/run.sh starts one). Debian's Abseil is not built with TSan; tests/tsan/absl_mutex_annotations.cc
# makes its Mutex visible to TSan. Exits non-zero on any report or failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${CS_TSAN_BUILD_DIR:-$root/build-tsan}
targets=(
  commit_queue_test         # batched commits, answering thread, Stop
  connection_pool_test      # leases across threads
  outbox_relay_test         # two relays, rounds, Wake/Stop
  periodic_worker_test      # rounds, Wake/Stop
  intake_store_contract_test  # I3: two stores numbering on one database from 8 threads
  tsan_deliberate_race      # the control: a real race must still be reported
)
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache} CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=true
# Configured every time (a few seconds): building named targets does not pick up new ones.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCS_SANITIZE_THREAD=ON \
  -DCS_BUILD_BENCHMARKS=OFF -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
args=()
for t in "${targets[@]}"; do args+=(--target "$t"); done
cmake --build "$build" -j"${CS_BUILD_JOBS:-2}" "${args[@]}"
# halt_on_error: the first report fails the test; second_deadlock_stack for readable lock reports.
# ignore_noninstrumented_modules: calls into libc from Debian's uninstrumented libraries (gRPC,
# Connector/C++, Abseil's internals) are not checked; our code, instrumented, is.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ignore_noninstrumented_modules=1 ${TSAN_OPTIONS:-}"
regex=$(IFS='|'; echo "^(${targets[*]}|tsan_detects_races_test)\$")
ctest --test-dir "$build" -R "$regex" --output-on-failure -j1
