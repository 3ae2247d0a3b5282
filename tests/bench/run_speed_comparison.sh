#!/usr/bin/env bash
# Speed of CreateTicket against the two ceilings it cannot beat, on this machine (issue 3, "Speed"):
#   echo       the RPC ceiling: echo_server, a sync gRPC server doing no work, driven by loadgen
#   db_insert  the database ceiling: db_insert_bench, one durable single-row INSERT + COMMIT per call
#   create     CreateTicket on the intake server, driven by loadgen with a new request_id per call
# For each concurrency (1, 8, 32) it does RUNS rounds of echo, db_insert, create (interleaved, so a change
# in machine load hits all three alike), then prints the medians (throughput, p50, p99), the CPU each
# call cost every process involved (client, server, MariaDB: utime + stime from /proc/PID/stat over
# the measured window, divided by the calls in it), and the ratios of issue 17's target 1:
# CreateTicket throughput / db_insert throughput (>= 0.8 at 8 callers, >= 1.0 at 32) and
# CreateTicket p99 / echo p99 (<= 3), beside CreateTicket / echo throughput (issue 3's ratio), with
# the date and the machine.
#
# Everything runs against a private MariaDB started in a temporary directory (deploy/private-mariadb.sh,
# flush at every commit). Every process the script starts is stopped when it exits, also on failure or ^C.
#
# Usage: tests/bench/run_speed_comparison.sh [options]
#   --build-dir DIR        build tree with loadgen, echo_server, db_insert_bench (default: build)
#   --intake-cmd "CMD"     command line that starts intake. These placeholders are replaced, and the same
#                          values are exported as environment variables (the services' flag fallbacks):
#                            {grpc_port} CS_GRPC_PORT   {metrics_port} CS_METRICS_PORT
#                            {mysql_host} CS_MYSQL_HOST {mysql_port} CS_MYSQL_PORT
#                            {mysql_user} CS_MYSQL_USER {mysql_password} CS_MYSQL_PASSWORD
#                            {mysql_database} CS_MYSQL_DATABASE (cs_intake, created before the start)
#                            {config_dir} CS_CONFIG_DIR {tokens_file} CS_TOKENS_FILE
#                          and CS_DEV_MODE=true (the default token file is the public development one)
#                          Default: DIR/services/intake/intake, configured by those variables, when it
#                          exists; otherwise the CreateTicket rows are left out.
#   --no-intake            leave CreateTicket out even when the intake binary exists
#   --intake-token TOKEN   bearer token for CreateTicket (default: $CS_LOADGEN_TOKEN, else the dev token
#                          of broadband-staff from deploy/config/dev-tokens.md); a UNIT_STAFF or
#                          UNIT_MANAGER token of the unit in the request
#   --intake-unit ID       unit of the default CreateTicket request (default: broadband)
#   --intake-request TEXT  the CreateTicketRequest in text format (request_id is filled per call)
#   --config-dir DIR       {config_dir} (default: deploy/config)
#   --tokens-file FILE     {tokens_file} (default: deploy/config/tokens.textproto)
#   --concurrency "LIST"   concurrencies (default: "1 8 32")
#   --runs N               runs per measurement (default: 3)
#   --duration D --warmup D   per run, Go-style durations (default: 10s and 2s)
#   --client-threads N     loadgen completion-queue threads (default: 2)
#   --client-channels N    loadgen connections (default: 2); 2 threads x 2 connections got the most out of
#                          echo on 2 cores, and CreateTicket is driven exactly like echo
#   --results DIR          keep every run's JSON line in DIR, replacing earlier ones (default: a temporary
#                          directory, removed)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=$root/build
intake_cmd=""
no_intake=0
intake_token=${CS_LOADGEN_TOKEN:-}
intake_unit=broadband
intake_request=""
config_dir=$root/deploy/config
tokens_file=$root/deploy/config/tokens.textproto
concurrencies="1 8 32"
runs=3
duration=10s
warmup=2s
client_threads=2
client_channels=2
results_dir=""

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --build-dir) build_dir=$(cd "$2" && pwd); shift 2 ;;
    --intake-cmd) intake_cmd=$2; shift 2 ;;
    --no-intake) no_intake=1; shift ;;
    --intake-token) intake_token=$2; shift 2 ;;
    --intake-unit) intake_unit=$2; shift 2 ;;
    --intake-request) intake_request=$2; shift 2 ;;
    --config-dir) config_dir=$2; shift 2 ;;
    --tokens-file) tokens_file=$2; shift 2 ;;
    --concurrency) concurrencies=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --client-threads) client_threads=$2; shift 2 ;;
    --client-channels) client_channels=$2; shift 2 ;;
    --results) results_dir=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "run_speed_comparison: unknown option $1" >&2; usage ;;
  esac
done

loadgen=$build_dir/tools/loadgen/loadgen
echo_server=$build_dir/tests/bench/echo_server
db_insert_bench=$build_dir/tests/bench/db_insert_bench
for binary in "$loadgen" "$echo_server" "$db_insert_bench"; do
  [[ -x $binary ]] || {
    echo "run_speed_comparison: $binary is missing; build it first:" >&2
    echo "  cmake --build $build_dir -j2 --target loadgen echo_server db_insert_bench" >&2
    exit 1
  }
done
if [[ -z $intake_cmd && $no_intake == 0 && -x $build_dir/services/intake/intake ]]; then
  intake_cmd=$build_dir/services/intake/intake
fi
[[ $no_intake == 1 ]] && intake_cmd=""

work=$(mktemp -d /tmp/cs-speed.XXXXXX)
[[ -n $results_dir ]] || results_dir=$work/results
mkdir -p "$results_dir"
rm -f "$results_dir"/echo-c*.jsonl "$results_dir"/db_insert-c*.jsonl "$results_dir"/create-c*.jsonl \
  "$results_dir"/*-c*.cpu
started_pids=()
mariadb_dir=$work/mariadb

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  local pid
  for pid in "${started_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${started_pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  "$root/deploy/private-mariadb.sh" stop "$mariadb_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 30000))
    port_is_free "$p" && { echo "$p"; return; }
  done
  echo "run_speed_comparison: no free port" >&2
  exit 1
}
# wait_for_port PORT PID SECONDS: until something accepts on PORT; fails when PID exits first.
wait_for_port() {
  for _ in $(seq 1 $(($3 * 10))); do
    kill -0 "$2" 2>/dev/null || return 1
    port_is_free "$1" || return 0
    sleep 0.1
  done
  return 1
}

echo "== private MariaDB" >&2
mysql_port=$("$root/deploy/private-mariadb.sh" start "$mariadb_dir")
export CS_TEST_MYSQL_HOST=127.0.0.1 CS_TEST_MYSQL_PORT=$mysql_port
export CS_TEST_MYSQL_USER=cs_admin CS_TEST_MYSQL_PASSWORD=cs_admin

echo "== echo server" >&2
"$echo_server" --port=0 >"$work/echo.out" 2>"$work/echo.err" &
started_pids+=($!)
echo_port=""
for _ in $(seq 1 100); do
  echo_port=$(sed -n 's/^port=//p' "$work/echo.out")
  [[ -n $echo_port ]] && break
  sleep 0.1
done
[[ -n $echo_port ]] || { echo "echo_server did not start:" >&2; cat "$work/echo.err" >&2; exit 1; }

intake_port=""
if [[ -n $intake_cmd ]]; then
  echo "== intake: $intake_cmd" >&2
  intake_port=$(free_port)
  metrics_port=$(free_port)
  command_line=$intake_cmd
  for pair in "grpc_port=$intake_port" "metrics_port=$metrics_port" "mysql_host=127.0.0.1" \
      "mysql_port=$mysql_port" "mysql_user=cs_admin" "mysql_password=cs_admin" \
      "mysql_database=cs_intake" "config_dir=$config_dir" "tokens_file=$tokens_file"; do
    command_line=${command_line//\{${pair%%=*}\}/${pair#*=}}
  done
  # The service applies its migrations but, like in deploy/run-local.sh, expects its schema to exist.
  mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$mysql_port" -ucs_admin -pcs_admin -e \
    'CREATE DATABASE IF NOT EXISTS cs_intake CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
  CS_GRPC_PORT=$intake_port CS_METRICS_PORT=$metrics_port CS_MYSQL_HOST=127.0.0.1 \
    CS_MYSQL_PORT=$mysql_port CS_MYSQL_USER=cs_admin CS_MYSQL_PASSWORD=cs_admin \
    CS_MYSQL_DATABASE=cs_intake CS_CONFIG_DIR=$config_dir CS_TOKENS_FILE=$tokens_file CS_DEV_MODE=true \
    bash -c "exec $command_line" >"$work/intake.log" 2>&1 </dev/null &
  intake_pid=$!
  started_pids+=("$intake_pid")
  if ! wait_for_port "$intake_port" "$!" 60; then
    echo "intake did not start listening on $intake_port; last lines of its output:" >&2
    tail -20 "$work/intake.log" >&2
    exit 1
  fi
  if [[ -z $intake_request ]]; then
    intake_request="ticket { unit_id: \"$intake_unit\" kind: TICKET_KIND_COMPLAINT"
    intake_request+=" channel: CHANNEL_HOTLINE reply_channel: REPLY_CHANNEL_SMS"
    intake_request+=" problem: \"Broadband drops every evening between 8 and 10 pm since Monday.\""
    intake_request+=" device_number: \"021-55501234\" contact_phone: \"138-0013-8000\""
    intake_request+=" contact_person: \"Zhang Wei\" user_name: \"Zhang Wei\" user_number: \"8800123456\""
    intake_request+=" address: \"88 Century Avenue, Pudong, Shanghai\" postal_code: \"200120\""
    intake_request+=" handler: \"bench\" }"
  fi
  if [[ -z $intake_token ]]; then
    intake_token=$(grep -o 'dev-broadband-staff-[0-9a-f]*' "$root/deploy/config/dev-tokens.md" 2>/dev/null |
      head -1 || true)
  fi
  [[ -n $intake_token ]] || echo "warning: no --intake-token / CS_LOADGEN_TOKEN: CreateTicket will be refused" >&2
else
  echo "== intake: not started (no --intake-cmd and no $build_dir/services/intake/intake)" >&2
fi

# cpu_ticks PID...: utime + stime of each PID (clock ticks), one per line; 0 for a PID that is gone.
cpu_ticks() {
  local pid
  for pid in "$@"; do
    awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0
  done
}
ticks_per_second=$(getconf CLK_TCK)
mariadb_pid=$(cat "$mariadb_dir/mysqld.pid")
# seconds_of DURATION: Go-style 10s / 500ms / 1m as seconds.
seconds_of() {
  case $1 in
    *ms) awk -v v="${1%ms}" 'BEGIN {print v / 1000}' ;;
    *s) echo "${1%s}" ;;
    *m) awk -v v="${1%m}" 'BEGIN {print v * 60}' ;;
    *) echo "$1" ;;
  esac
}

# run_one KIND CONCURRENCY: one measurement, its JSON line appended to RESULTS/KIND-cCONCURRENCY.jsonl,
# and the CPU the client, the server and MariaDB spent in its measured window appended to
# RESULTS/KIND-cCONCURRENCY.cpu as "client server mariadb" in seconds. The window is the load
# generator's: from the end of its warm-up to the end of its run.
run_one() {
  local kind=$1 c=$2 out=$results_dir/$1-c$2.jsonl client_pid server_pid before after
  measure_in_background "$@" &
  client_pid=$!
  case $kind in
    echo) server_pid=${started_pids[0]} ;;
    db_insert) server_pid=$client_pid ;; # the bench is client and server in one process
    create) server_pid=$intake_pid ;;
  esac
  sleep "$(seconds_of "$warmup")"
  before=$(cpu_ticks "$client_pid" "$server_pid" "$mariadb_pid" | tr '\n' ' ')
  sleep "$(seconds_of "$duration")"
  after=$(cpu_ticks "$client_pid" "$server_pid" "$mariadb_pid" | tr '\n' ' ')
  wait "$client_pid" || return 1
  [[ $kind == db_insert ]] && after="0 ${after#* }" before="0 ${before#* }"
  awk -v b="$before" -v a="$after" -v hz="$ticks_per_second" 'BEGIN {
    split(b, x, " "); split(a, y, " ")
    printf "%.3f %.3f %.3f\n", (y[1] - x[1]) / hz, (y[2] - x[2]) / hz, (y[3] - x[3]) / hz
  }' >>"$results_dir/$kind-c$c.cpu"
}

# measure_in_background KIND CONCURRENCY: the load itself, run in a subshell that becomes the client
# process (exec), so run_one reads the client's own CPU from /proc.
measure_in_background() {
  local kind=$1 c=$2 out=$results_dir/$1-c$2.jsonl
  case $kind in
    echo)
      exec "$loadgen" --target="127.0.0.1:$echo_port" --method=/cs.bench.v1.Echo/Echo \
        --request_type=cs.bench.v1.EchoRequest --request="payload: \"$(printf '%0200d' 0)\"" \
        --concurrency="$c" --threads="$client_threads" --channels="$client_channels" \
        --duration="$duration" --warmup="$warmup" \
        --json 2>"$work/run.err" >>"$out" ;;
    db_insert)
      exec "$db_insert_bench" --threads="$c" --duration="$duration" --warmup="$warmup" --json \
        2>"$work/run.err" >>"$out" ;;
    create)
      CS_LOADGEN_TOKEN=$intake_token exec "$loadgen" --target="127.0.0.1:$intake_port" \
        --method=/cs.intake.v1.IntakeService/CreateTicket \
        --request_type=cs.intake.v1.CreateTicketRequest --request="$intake_request" \
        --concurrency="$c" --threads="$client_threads" --channels="$client_channels" \
        --duration="$duration" --warmup="$warmup" \
        --json 2>"$work/run.err" >>"$out" ;;
  esac
}

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
kinds="echo db_insert"
[[ -n $intake_cmd ]] && kinds+=" create"
for c in $concurrencies; do
  for r in $(seq 1 "$runs"); do
    for kind in $kinds; do
      echo "-- concurrency $c, run $r/$runs: $kind" >&2
      run_one "$kind" "$c" || {
        echo "$kind at concurrency $c failed:" >&2
        cat "$work/run.err" >&2
        exit 1
      }
    done
  done
done

# json_number FIELD < lines: the numeric FIELD of each JSON line (flat keys written by load_report.cc).
json_number() { sed -n "s/.*\"$1\":\([-0-9.eE+]*\).*/\1/p"; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
# median_of KIND C FIELD: the median of FIELD over the runs of KIND at concurrency C.
median_of() { json_number "$3" <"$results_dir/$1-c$2.jsonl" | median; }
# not_ok KIND C: calls that did not end OK, summed over the runs.
not_ok() {
  awk '{calls=0; ok=0
        if (match($0, /"calls":[0-9]+/)) calls=substr($0, RSTART+8, RLENGTH-8)
        if (match($0, /"OK":[0-9]+/)) ok=substr($0, RSTART+5, RLENGTH-5)
        s+=calls-ok} END {print s+0}' "$results_dir/$1-c$2.jsonl"
}

server_version=$(sed -n 's/.*"server_version":"\([^"]*\)".*/\1/p' "$results_dir"/db_insert-c*.jsonl | head -1)
flush=$(sed -n 's/.*"innodb_flush_log_at_trx_commit":"\([^"]*\)".*/\1/p' "$results_dir"/db_insert-c*.jsonl | sort -u | tr '\n' ' ')
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)

echo
echo "Speed comparison, $(date -u '+%Y-%m-%d %H:%M UTC') on $(hostname): nproc $(nproc), ${cpu:-unknown CPU},"
echo "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo), load average"
echo "at start $load_at_start, at end $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the numbers);"
echo "database server ${server_version:-?} (innodb_flush_log_at_trx_commit=${flush% }), all on loopback."
echo "Medians of $runs runs of $duration after $warmup warm-up; loadgen closed loop,"
echo "$client_threads client threads, $client_channels connections."
echo
# cpu_per_call KIND C FIELD: median over the runs of CPU µs per call of FIELD (1 client, 2 server,
# 3 MariaDB, 4 all three), the run's CPU divided by its calls (throughput x measured seconds).
cpu_per_call() {
  paste -d' ' "$results_dir/$1-c$2.cpu" <(json_number throughput <"$results_dir/$1-c$2.jsonl") |
    awk -v f="$3" -v s="$(seconds_of "$duration")" '{
      calls = $4 * s; v = (f == 4 ? $1 + $2 + $3 : $f)
      printf "%.1f\n", (calls > 0 ? v / calls * 1e6 : 0) }' | median
}
printf '%-6s %-12s %10s %9s %9s %7s %s\n' callers measured calls/s p50_us p99_us not_ok \
  'CPU µs per call: client + server + MariaDB = all'
for c in $concurrencies; do
  for kind in $kinds; do
    label=$kind; [[ $kind == create ]] && label=CreateTicket
    printf '%-6s %-12s %10.0f %9.0f %9.0f %7d %6.0f + %4.0f + %4.0f = %4.0f\n' "$c" "$label" \
      "$(median_of "$kind" "$c" throughput)" "$(median_of "$kind" "$c" p50_us)" \
      "$(median_of "$kind" "$c" p99_us)" "$(not_ok "$kind" "$c")" "$(cpu_per_call "$kind" "$c" 1)" \
      "$(cpu_per_call "$kind" "$c" 2)" "$(cpu_per_call "$kind" "$c" 3)" "$(cpu_per_call "$kind" "$c" 4)"
  done
done
echo "(db_insert is client and server in one process: its CPU is in the server column.)"
if [[ $kinds == *create* ]]; then
  echo
  echo "CreateTicket against the ceilings measured above. Issue 17, target 1: throughput / db_insert"
  echo ">= 0.8 at 8 callers and >= 1.0 at 32; p99 / echo p99 <= 3. (Issue 3's throughput / echo beside.)"
  printf '%-6s %14s %8s %12s %8s %14s\n' callers '÷ db_insert' target 'p99 ÷ echo' verdict '÷ echo'
  for c in $concurrencies; do
    target=-
    [[ $c == 8 ]] && target=0.8
    [[ $c == 32 ]] && target=1.0
    awk -v c="$c" -v t="$target" -v ct="$(median_of create "$c" throughput)" \
      -v dt="$(median_of db_insert "$c" throughput)" -v et="$(median_of echo "$c" throughput)" \
      -v cp="$(median_of create "$c" p99_us)" -v ep="$(median_of echo "$c" p99_us)" 'BEGIN {
        db = dt > 0 ? ct / dt : 0; p = ep > 0 ? cp / ep : 0
        verdict = "-"
        if (t != "-") verdict = (db >= t && p <= 3) ? "PASS" : "FAIL"
        printf "%-6s %14.2f %8s %12.2f %8s %14.2f\n", c, db, (t == "-" ? "-" : ">= " t), p, verdict,
          (et > 0 ? ct / et : 0) }'
  done
fi
