#!/usr/bin/env bash
# The soak run of the whole flow (issue 17): the six real binaries on a private MariaDB (flush at
# every commit), the closed-loop maximum measured first, then create → forward → receipt →
# decision → reply delivered → close → archived in open loop at 50 % of it for 10 minutes, with
# every service's VmRSS, the outbox rows not yet delivered, the outbox gauges and the flows in
# flight sampled every 5 s (tests/bench/full_flow_bench.cc). It prints first / last / min / max of
# each series and the RSS trend of the second half — "memory flat, no growing backlog" — besides
# the errors (none expected) and the lags' p50 / p99 / max. Not part of ./tests/run.sh or CI: it
# takes about 12 minutes and wants a quiet machine (it prints the load average as it goes).
#
#   tests/bench/soak.sh [--duration 600s] [--samples FILE.csv] [full_flow_bench flags...]
# CS_BUILD_DIR: the build directory (default build/); CS_TEST_MYSQL_*: use that server instead of
# a private one. Exit status: full_flow_bench's (0 every target met, 1 one missed, 2 it could not
# run).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
duration=600s
samples=""
extra=()
while (($#)); do
  case $1 in
    --duration) duration=$2; shift 2 ;;
    --samples) samples=$2; shift 2 ;;
    *) extra+=("$1"); shift ;;
  esac
done
build=${CS_BUILD_DIR:-$root/build}
"$root/deploy/lib/build.sh" full_flow_bench >/dev/null

datadir=$(mktemp -d /tmp/cs-soak.XXXXXX)
[[ -n $samples ]] || samples=$datadir/samples.csv
cleanup() {
  if [[ -d $datadir/db ]]; then
    "$root/deploy/private-mariadb.sh" stop "$datadir/db" || true
    rm -rf "$datadir/db"
  fi
  rmdir "$datadir" 2>/dev/null || true  # kept when it holds the samples
  echo "samples: $samples"
}
trap cleanup EXIT
if [[ -z ${CS_TEST_MYSQL_PORT:-} ]]; then
  port=$("$root/deploy/private-mariadb.sh" start "$datadir/db")
  export CS_TEST_MYSQL_HOST=127.0.0.1 CS_TEST_MYSQL_PORT=$port CS_TEST_MYSQL_USER=cs_admin
  export CS_TEST_MYSQL_PASSWORD=cs_admin
fi
echo "soak: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/tests/bench/full_flow_bench" --duration="$duration" --sample_interval=5s \
  --samples_csv="$samples" "${extra[@]}"
