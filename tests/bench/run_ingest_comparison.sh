#!/usr/bin/env bash
# Call-record ingest into hotline-registry (SPEC H6) against the database ceiling for the same rows,
# measured in the same run (issue 13 "Speed": >= 0.6x). Starts a private MariaDB that flushes at
# every commit and the real hotline-registry binary, then runs call_ingest_bench three times in each
# mode, interleaved (raw multi-row INSERT loop through Connector/C++, then the streaming RPC), and
# prints the medians and their ratio. Not part of ./tests/run.sh (a benchmark, not a test).
#
#   tests/bench/run_ingest_comparison.sh [--rows 100000] [--batch 500] [--runs 3]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rows=100000 batch=500 runs=3
while (($#)); do
  case $1 in
    --rows) rows=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
build=${CS_BUILD_DIR:-$root/build}
"$root/deploy/lib/build.sh" hotline-registry call_ingest_bench >/dev/null

datadir=$(mktemp -d /tmp/cs-ingest-bench.XXXXXX)
service_pid=""
cleanup() {
  [[ -n $service_pid ]] && kill -TERM "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null
  "$root/deploy/private-mariadb.sh" stop "$datadir/db" || true
  rm -rf "$datadir"
}
trap cleanup EXIT
port=$("$root/deploy/private-mariadb.sh" start "$datadir/db")
export CS_TEST_MYSQL_HOST=127.0.0.1 CS_TEST_MYSQL_PORT=$port CS_TEST_MYSQL_USER=cs_admin
export CS_TEST_MYSQL_PASSWORD=cs_admin
mysql --no-defaults -h127.0.0.1 -P"$port" -ucs_admin -pcs_admin \
  -e "CREATE DATABASE cs_hotline_registry CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin"

grpc_port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$build/services/hotline-registry/hotline-registry" --grpc_address=127.0.0.1 --grpc_port="$grpc_port" \
  --metrics_address=127.0.0.1 --metrics_port=0 --mysql_host=127.0.0.1 --mysql_port="$port" \
  --mysql_user=cs_admin --mysql_password=cs_admin --mysql_database=cs_hotline_registry \
  --config_dir="$root/deploy/config" --tokens_file="$root/deploy/config/tokens.textproto" --dev_mode \
  --log_level=warning >"$datadir/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 100); do
  "$build/tools/grpc-health-probe/grpc_health_probe" --addr="127.0.0.1:$grpc_port" >/dev/null 2>&1 && break
  sleep 0.1
done

raw=() rpc=()
for run in $(seq 1 "$runs"); do
  raw+=("$("$build/tests/bench/call_ingest_bench" --mode=raw --rows="$rows" --batch="$batch" \
    --run_id="raw$run" | sed 's/.*"rows_per_second":\([0-9.]*\).*/\1/')")
  rpc+=("$("$build/tests/bench/call_ingest_bench" --mode=rpc --rows="$rows" --batch="$batch" \
    --target="127.0.0.1:$grpc_port" --run_id="rpc$run" | sed 's/.*"rows_per_second":\([0-9.]*\).*/\1/')")
  echo "run $run: raw ${raw[-1]} rows/s, rpc ${rpc[-1]} rows/s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
raw_median=$(median "${raw[@]}") rpc_median=$(median "${rpc[@]}")
echo "medians: raw multi-row INSERT $raw_median rows/s, IngestCallRecords $rpc_median rows/s," \
  "ratio $(awk -v a="$rpc_median" -v b="$raw_median" 'BEGIN { printf "%.2f", a / b }') (target >= 0.6)"
