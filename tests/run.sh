#!/usr/bin/env bash
# The one test command. On a fresh Debian bookworm machine: installs what is missing, builds once (-j2,
# ccache), checks formatting and the lock annotations (clang -Wthread-safety), starts a private MariaDB
# (temporary data dir, free loopback port, stopped on exit even when a test fails), runs every test
# from that build (ctest labels unit, integration, e2e), then the concurrency tests under
# ThreadSanitizer (tests/tsan/run.sh, their own clang build) and every libFuzzer target for a few
# seconds from its seed corpus (tests/fuzz/run.sh, another clang build).
# Exits non-zero on any failure. Nothing is skipped for lack of a database.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

source deploy/lib/install-deps.sh
cs_install_missing_packages

echo "== format check (clang-format, .clang-format)"
mapfile -t sources < <(git ls-files '*.cc' '*.h' 2>/dev/null || find common services tools tests -name '*.cc' -o -name '*.h')
if ((${#sources[@]})); then
  clang-format --dry-run -Werror "${sources[@]}"
fi

echo "== build"
deploy/lib/build.sh

echo "== lock annotations (clang -Wthread-safety, syntax only, every source)"
/usr/bin/python3 tests/static/thread_safety.py build "${CS_BUILD_JOBS:-2}"

echo "== private MariaDB"
datadir=$(mktemp -d /tmp/cs-test-mariadb.XXXXXX)
cleanup() {
  "$root/deploy/private-mariadb.sh" stop "$datadir" || true
  rm -rf "$datadir"
}
trap cleanup EXIT
port=$("$root/deploy/private-mariadb.sh" start "$datadir")
export CS_TEST_MYSQL_HOST=127.0.0.1 CS_TEST_MYSQL_PORT=$port
export CS_TEST_MYSQL_USER=cs_admin CS_TEST_MYSQL_PASSWORD=cs_admin
echo "MariaDB on 127.0.0.1:$port (data in $datadir)"

echo "== tests"
status=0
for label in unit integration e2e; do
  echo "-- ctest -L $label"
  ctest --test-dir build -L "^${label}\$" --output-on-failure -j2 --no-tests=ignore || status=1
done
echo "-- ThreadSanitizer: the concurrency tests (tests/tsan/run.sh)"
tests/tsan/run.sh || status=1
echo "-- libFuzzer + ASan/UBSan: parsers, validators, renderers, a few seconds each (tests/fuzz/run.sh)"
tests/fuzz/run.sh || status=1
unlabelled=$(ctest --test-dir build -N -LE '^(unit|integration|e2e)$' | grep -c 'Test *#' || true)
if [[ $unlabelled != 0 ]]; then
  echo "tests without a unit/integration/e2e label:"; ctest --test-dir build -N -LE '^(unit|integration|e2e)$'
  status=1
fi
exit $status
