#!/usr/bin/env bash
# Start-up time and resident memory of every service, on this machine (issue 17, target 5):
#   start  wall time from exec to the first grpc.health.v1 SERVING answer, measured by
#          tests/bench/start_to_serving.py (which launches the service, so no interpreter start-up is
#          counted): RUNS starts per service on an EMPTY schema (dropped and re-created before each
#          start, so every start applies all migrations), then RUNS restarts of intake on a schema
#          holding TICKETS tickets (loaded with MariaDB's SEQUENCE engine, spread over every unit,
#          status and month; the migrations find nothing to do).
#   idle   VmRSS (/proc/PID/status) IDLE seconds after SERVING, the largest over the starts.
#   load   VmRSS of intake sampled every 0.5 s while tools/loadgen drives CreateTicket closed loop at
#          8 and then 32 callers (target 1's load) for LOAD seconds each, on the TICKETS schema; the
#          largest sample. Routing is not measured under load: loadgen sends one fixed request, and a
#          forward needs a ticket id per call.
# Targets: SERVING within 1 s (empty schema) and 2 s (TICKETS tickets); RSS <= 32 MiB idle and
# <= 128 MiB under load. Each row says PASS or FAIL; the script exits 0 either way (it measures, it
# does not gate), and 1 when something could not be measured. The header reports the disk's fsync
# latency at start, end and before each service: an empty-schema start is some 30 DDL statements,
# each several fsyncs, and takes ten times as long while other work writes to the same disk.
#
# Flags are those of deploy/run-local.sh: --dev_mode with deploy/config/tokens.textproto, --config_dir
# deploy/config, a service account and a migration account per schema (deploy/sql/
# create_service_accounts.sh), loopback ports. Peers' addresses point at free ports nobody answers on:
# no service waits for a peer to start.
#
# Everything runs against a private MariaDB in a temporary directory (deploy/private-mariadb.sh, flush
# at every commit). Every process the script starts is stopped when it exits, also on failure or ^C.
#
# Usage: tests/bench/startup_and_memory.sh [options]
#   --build DIR       build tree with services/<name>/<name> and tools/loadgen/loadgen (default: build)
#   --runs N          starts per measurement (default: 5)
#   --idle S          seconds idle before the idle RSS is read (default: 3)
#   --tickets N       tickets in the large schema (default: 1000000)
#   --load S          seconds of load at each concurrency (default: 20)
#   --services "LIST" services to start (default: all six)
#   --keep-logs DIR   copy the services' logs (JSON lines, with the time of every start-up event) to DIR
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=$root/build
runs=5
idle_seconds=3
tickets=1000000
load_seconds=20
services="intake routing hotline-registry channel-registry archive assessment"
keep_logs=""

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --build|--build-dir) build_dir=$(cd "$2" && pwd); shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --idle) idle_seconds=$2; shift 2 ;;
    --tickets) tickets=$2; shift 2 ;;
    --load) load_seconds=$2; shift 2 ;;
    --services) services=$2; shift 2 ;;
    --keep-logs) keep_logs=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "startup_and_memory: unknown option $1" >&2; usage ;;
  esac
done

loadgen=$build_dir/tools/loadgen/loadgen
for name in $services; do
  [[ -x $build_dir/services/$name/$name ]] || {
    echo "startup_and_memory: $build_dir/services/$name/$name is missing; build it first:" >&2
    echo "  CS_BUILD_DIR=$build_dir deploy/lib/build.sh $name" >&2
    exit 1
  }
done
[[ -x $loadgen ]] || { echo "startup_and_memory: $loadgen is missing (build target loadgen)" >&2; exit 1; }

# shellcheck source=tests/bench/lib/bench_processes.sh
source "$root/tests/bench/lib/bench_processes.sh"
# shellcheck source=tests/bench/lib/seed_tickets.sh
source "$root/tests/bench/lib/seed_tickets.sh"
bench_setup startup_and_memory
mariadb_dir=$work/mariadb
bench_before_cleanup() {
  if [[ -n $keep_logs ]]; then mkdir -p "$keep_logs" && cp "$logs"/*.log "$keep_logs"/ 2>/dev/null; fi
}

echo "== private MariaDB" >&2
start_mariadb "$mariadb_dir"
server_version=$(admin_sql -N -e 'SELECT VERSION()')
write_service_secrets $services
# empty_schema NAME: the service's schema dropped and made again, as on a first deployment.
empty_schema() {
  admin_sql -e "DROP DATABASE IF EXISTS $(schema_of "$1")"
  create_accounts "$1"
}


# fsync_ms: milliseconds per synchronous 4 KiB write on the database's file system. A migration is a
# series of DDL statements, each several fsyncs, so a start on an empty schema moves with this figure
# (measured on this machine: 0.2 ms when quiet, 3.5 ms while other builds wrote to the disk, and the
# same starts took 0.15 s and 1.4 s).
fsync_ms() {
  local t0 t1
  t0=$(date +%s%N)
  dd if=/dev/zero of="$work/fsync.probe" bs=4k count=200 oflag=dsync status=none
  t1=$(date +%s%N)
  rm -f "$work/fsync.probe"
  awk -v ns=$((t1 - t0)) 'BEGIN {printf "%.2f\n", ns / 200 / 1e6}'
}

# measure NAME LABEL PREPARE: RUNS starts, each after PREPARE NAME; records start seconds and idle RSS
# in $work/<name>-<label>.{seconds,rss}.
measure() {
  local name=$1 label=$2 prepare=$3 r
  fsync_ms >>"$work/fsync.ms"
  for r in $(seq 1 "$runs"); do
    "$prepare" "$name"
    start "$name" "$name-$label"
    echo "$started_seconds" >>"$work/$name-$label.seconds"
    sleep "$idle_seconds"
    alive "$started_pid" || { echo "startup_and_memory: $name exited while idle" >&2; exit 1; }
    rss_kib "$started_pid" >>"$work/$name-$label.rss"
    printf '  %-17s %-6s run %d/%d: SERVING after %.3f s, idle RSS %d KiB\n' "$name" "$label" "$r" \
      "$runs" "$started_seconds" "$(tail -1 "$work/$name-$label.rss")" >&2
    stop "$started_pid"
  done
}
keep_schema() { :; }

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
fsync_at_start=$(fsync_ms)
echo "== start on an empty schema, $runs runs per service" >&2
for name in $services; do measure "$name" empty empty_schema; done

intake_in=0
[[ " $services " == *" intake "* ]] && intake_in=1
if ((intake_in)); then
  # The tables exist: the last empty-schema start of intake created them. The rows are shaped like
  # a real department's (tests/bench/lib/seed_tickets.sh), so the indexes are as wide as real ones.
  echo "== loading $tickets tickets into cs_intake" >&2
  load_started=$(date +%s.%N)
  seed_tickets_sql "$tickets" | admin_sql cs_intake >/dev/null
  load_seconds_taken=$(awk -v a="$load_started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')
  loaded=$(admin_sql -N cs_intake -e 'SELECT COUNT(*) FROM tickets')
  echo "   $loaded tickets in ${load_seconds_taken} s" >&2
  echo "== intake restarts on $loaded tickets, $runs runs" >&2
  measure intake large keep_schema

  echo "== intake under load: CreateTicket closed loop, $load_seconds s at each of 8 and 32 callers" >&2
  token=$(dev_token broadband-staff)
  request="ticket { unit_id: \"broadband\" kind: TICKET_KIND_COMPLAINT"
  request+=" channel: CHANNEL_HOTLINE reply_channel: REPLY_CHANNEL_SMS"
  request+=" problem: \"Broadband drops every evening between 8 and 10 pm since Monday.\""
  request+=" device_number: \"021-55501234\" contact_phone: \"138-0013-8000\""
  request+=" contact_person: \"Zhang Wei\" user_name: \"Zhang Wei\" user_number: \"8800123456\""
  request+=" address: \"88 Century Avenue, Pudong, Shanghai\" postal_code: \"200120\""
  request+=" handler: \"bench\" }"
  start intake intake-load
  intake_pid=$started_pid
  for callers in 8 32; do
    CS_LOADGEN_TOKEN=$token "$loadgen" --target="127.0.0.1:$started_grpc_port" \
      --method=/cs.intake.v1.IntakeService/CreateTicket \
      --request_type=cs.intake.v1.CreateTicketRequest --request="$request" \
      --concurrency="$callers" --threads=2 --channels=2 --duration="${load_seconds}s" --warmup=1s \
      --json >"$work/load-c$callers.json" 2>"$work/load-c$callers.err" &
    loadgen_pid=$!
    started_pids+=("$loadgen_pid")
    while kill -0 "$loadgen_pid" 2>/dev/null; do
      rss_kib "$intake_pid" >>"$work/intake-load-c$callers.rss"
      sleep 0.5
    done
    wait "$loadgen_pid" || { echo "loadgen at $callers callers failed:" >&2; cat "$work/load-c$callers.err" >&2; exit 1; }
    sed -n 's/.*"calls":\([0-9]*\).*"ok_throughput":\([0-9.]*\).*/\1 \2/p' "$work/load-c$callers.json" |
      { read -r calls ok_rate; echo "   $callers callers: $calls calls, $ok_rate OK/s, RSS max $(maximum <"$work/intake-load-c$callers.rss") KiB" >&2; }
  done
  sleep "$idle_seconds"
  rss_after_load=$(rss_kib "$intake_pid")
  stop "$intake_pid"
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo
echo "Start-up and memory, $(date -u '+%Y-%m-%d %H:%M UTC') on $(hostname): nproc $(nproc), ${cpu:-unknown CPU},"
echo "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo), load average at start $load_at_start, at end $(cut -d' ' -f1-3 /proc/loadavg);"
echo "database server $server_version (private, flush at every commit), all on loopback; a synchronous"
echo "4 KiB write took $fsync_at_start ms at start, $(fsync_ms) ms at end, $(sort -g "$work/fsync.ms" | head -1)..$(maximum <"$work/fsync.ms") ms before each service's starts"
echo "(DDL is fsync-bound: a start on an empty schema scales with this figure)."
echo "Start: exec to first health SERVING, median/max of $runs starts (empty: schema dropped before"
echo "each start, all migrations applied). Idle RSS: VmRSS ${idle_seconds} s after SERVING, max over the starts."
echo
printf '%-17s %-13s %-17s %-10s %-17s %-10s %-14s %-10s %s\n' service schema 'start med/max s' target \
  'idle RSS MiB' target 'load RSS MiB' target verdict
row() { # NAME LABEL SHOWN_AS START_TARGET_S LOAD_FILES...
  local name=$1 label=$2 shown_as=$3 start_target=$4 med max rss load="-" load_target="-" verdict=PASS
  shift 4
  med=$(median <"$work/$name-$label.seconds")
  max=$(maximum <"$work/$name-$label.seconds")
  rss=$(maximum <"$work/$name-$label.rss")
  awk -v m="$max" -v t="$start_target" 'BEGIN {exit !(m > t)}' && verdict=FAIL
  ((rss > 32 * 1024)) && verdict=FAIL
  if (($# > 0)); then
    local peak
    peak=$(cat "$@" | maximum)
    load=$(awk -v k="$peak" 'BEGIN {printf "%.1f", k / 1024}')
    load_target="<= 128"
    ((peak > 128 * 1024)) && verdict=FAIL
  fi
  printf '%-17s %-13s %-17s %-10s %-17s %-10s %-14s %-10s %s\n' "$name" "$shown_as" \
    "$(printf '%.3f / %.3f' "$med" "$max")" "<= $start_target" \
    "$(awk -v k="$rss" 'BEGIN {printf "%.1f", k / 1024}')" "<= 32" "$load" "$load_target" "$verdict"
}
for name in $services; do
  if [[ $name == intake ]]; then
    row intake empty empty 1
    if ((intake_in)); then row intake large "$loaded rows" 2 "$work"/intake-load-c*.rss; fi
  else
    row "$name" empty empty 1
  fi
done
echo
echo "Where the start goes (medians, ms after exec, from the services' own log times): the first log"
echo "line (process loaded, flags and token file read), server_started (pool opened, migrations and grants"
echo "applied, wiring done, gRPC listening); SERVING as seen by the poller."
printf '%-17s %-8s %12s %15s %10s\n' service schema first_line server_started SERVING
for log in "$logs"/*-empty.log "$logs"/*-large.log; do
  [[ -f $log ]] || continue
  base=$(basename "$log" .log)
  "$python" - "$log" "$(median <"$work/$base.seconds")" "${base%-*}" "${base##*-}" <<'PY'
import datetime, json, statistics, sys
path, serving_s, name, label = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
def when(line):
    return datetime.datetime.strptime(line["ts"], "%Y-%m-%dT%H:%M:%S.%fZ")
starts = []  # per start: [exec time, first line after it, server_started]
for text in open(path, encoding="utf-8", errors="replace"):
    try:
        line = json.loads(text)
    except ValueError:
        continue
    if line.get("event") == "bench_exec":
        starts.append([when(line), None, None])
    elif starts:
        if starts[-1][1] is None:
            starts[-1][1] = when(line)
        if line.get("event") == "server_started" and starts[-1][2] is None:
            starts[-1][2] = when(line)
ms = lambda a, b: (b - a).total_seconds() * 1000
first = [ms(s[0], s[1]) for s in starts if s[1]]
started = [ms(s[0], s[2]) for s in starts if s[2]]
med = lambda v: "%.0f" % statistics.median(v) if v else "-"
print("%-17s %-8s %12s %15s %10.0f" % (name, label, med(first), med(started), serving_s * 1000))
PY
done

if ((intake_in)); then
  echo
  echo "Intake under load (the ${tickets}-ticket schema, loadgen closed loop, 2 threads, 2 connections):"
  for callers in 8 32; do
    sed -n 's/.*"calls":\([0-9]*\).*"ok_throughput":\([0-9.]*\).*/\1 \2/p' "$work/load-c$callers.json" |
      { read -r calls ok_rate
        printf '  %2d callers: %s calls, %s OK/s, RSS max %.1f MiB\n' "$callers" "$calls" "$ok_rate" \
          "$(awk -v k="$(maximum <"$work/intake-load-c$callers.rss")" 'BEGIN {print k / 1024}')"; }
  done
  printf '  RSS %s s after the load: %.1f MiB\n' "$idle_seconds" "$(awk -v k="$rss_after_load" 'BEGIN {print k / 1024}')"
  echo "Routing under load is not measured (loadgen cannot drive forwards: each needs a ticket id)."
fi
