#!/usr/bin/env bash
# Lists and reads as data grows (issue 17, target 6): ListTickets with each filter, and GetTicket, on
# a SMALL and a LARGE table of tickets of the same shape (tests/bench/lib/seed_tickets.sh: six
# units, realistic spreads of status, kind and channel, 24 months). Two private MariaDB servers, one
# intake on each, so the two sizes are measured side by side in the same run: RUNS rounds, each
# driving every call on both with tools/loadgen (closed loop, CALLERS callers, SECONDS s after a 1 s
# warm-up), the order small/large alternating between rounds. Prints the medians over the rounds of
# p50 and p99 per call and size, the ratio of the large table's p99 to the small one's (target
# <= 2), and PASS/FAIL per call. Every call must answer OK (a call that fails is reported and the
# script exits 1). The plan of every list query is checked in a test too
# (services/intake/store/ticket_list_plan_test.cc); this script measures what callers feel.
#
# Flags are those of deploy/run-local.sh (tests/bench/lib/bench_processes.sh); each server flushes
# at every commit and has the 256 MiB buffer pool of deploy/private-mariadb.sh, so a large table
# does not fit in memory. Everything the script starts is stopped when it exits, also on ^C.
#
# Usage: tests/bench/list_scaling.sh [options]
#   --build DIR     build tree with services/intake/intake and tools/loadgen/loadgen (default: build)
#   --small N       tickets in the small table (default: 10000)
#   --large N       tickets in the large table (default: 1000000)
#   --runs N        rounds (default: 3)
#   --seconds S     measured seconds per call, size and round (default: 5)
#   --callers N     closed-loop callers (default: 4)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=$root/build
small=10000
large=1000000
runs=3
seconds=5
callers=4
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --build|--build-dir) build_dir=$(cd "$2" && pwd); shift 2 ;;
    --small) small=$2; shift 2 ;;
    --large) large=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --callers) callers=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "list_scaling: unknown option $1" >&2; usage ;;
  esac
done

loadgen=$build_dir/tools/loadgen/loadgen
for binary in "$build_dir/services/intake/intake" "$loadgen"; do
  [[ -x $binary ]] || {
    echo "list_scaling: $binary is missing; build it first:" >&2
    echo "  CS_BUILD_DIR=$build_dir deploy/lib/build.sh intake loadgen" >&2
    exit 1
  }
done

# shellcheck source=tests/bench/lib/bench_processes.sh
source "$root/tests/bench/lib/bench_processes.sh"
# shellcheck source=tests/bench/lib/seed_tickets.sh
source "$root/tests/bench/lib/seed_tickets.sh"
bench_setup list_scaling

write_service_secrets intake
declare -A tickets_of=([small]=$small [large]=$large) grpc_port_of=() mysql_port_of=()
for size in small large; do
  echo "== $size: private MariaDB, intake's schema, ${tickets_of[$size]} tickets" >&2
  start_mariadb "$work/mariadb-$size"
  mysql_port_of[$size]=$mysql_port
  create_accounts intake
  start intake "intake-$size-migrate" # creates the tables; the rows are added behind its back
  stop "$started_pid"
  load_started=$(date +%s)
  seed_tickets_sql "${tickets_of[$size]}" | admin_sql cs_intake >/dev/null
  echo "   loaded in $(($(date +%s) - load_started)) s" >&2
  start intake "intake-$size"
  grpc_port_of[$size]=$started_grpc_port
done
server_version=$(admin_sql -N -e 'SELECT VERSION()')

# The calls, as "name|token principal|method|request text". Staff see their own unit (an empty
# unit_id), the CS center every unit. Enum names from proto/cs/common/v1/common.proto and
# proto/cs/intake/v1/intake.proto. 2025-07 lies in the middle of the 24 seeded months.
july_2025='received { start { seconds: 1751299200 } end { seconds: 1753977600 } }'
page='page { page_size: 50 }'
calls=(
  "unit (a staff member's list)|broadband-staff|ListTickets|$page"
  "unit, status IN_HANDLING|broadband-staff|ListTickets|status: TICKET_STATUS_IN_HANDLING $page"
  "unit, awaiting confirmation|broadband-staff|ListTickets|awaiting_confirmation: true $page"
  "unit, awaiting and overdue|broadband-staff|ListTickets|awaiting_confirmation: true confirm_overdue: true $page"
  "unit, kind FAULT_REPORT|broadband-staff|ListTickets|kind: TICKET_KIND_FAULT_REPORT $page"
  "unit, channel FAX|broadband-staff|ListTickets|channel: CHANNEL_FAX $page"
  "unit, received in 2025-07|broadband-staff|ListTickets|$july_2025 $page"
  "all units|cs-center|ListTickets|$page"
  "all units, status RETURNED|cs-center|ListTickets|status: TICKET_STATUS_RETURNED $page"
  "all units, channel WALK_IN|cs-center|ListTickets|channel: CHANNEL_WALK_IN $page"
  "all units, received in 2025-07|cs-center|ListTickets|$july_2025 $page"
  "GetTicket|cs-center|GetTicket|ticket_id: $((small / 2))"
)

# measure SIZE INDEX: one loadgen run of calls[INDEX] against SIZE; appends p50 and p99 (µs) to
# $work/SIZE-INDEX.p50 / .p99.
measure() {
  local size=$1 index=$2 name principal method request out
  IFS='|' read -r name principal method request <<<"${calls[$index]}"
  out=$work/$size-$index.json
  CS_LOADGEN_TOKEN=$(dev_token "$principal") "$loadgen" --target="127.0.0.1:${grpc_port_of[$size]}" \
    --method="/cs.intake.v1.IntakeService/$method" --request_type="cs.intake.v1.${method}Request" \
    --request="$request" --request_id_field=none --concurrency="$callers" --threads=1 \
    --duration="${seconds}s" --warmup=1s --json >"$out" 2>"$work/$size-$index.err" || {
    echo "list_scaling: loadgen failed on $name ($size):" >&2
    cat "$work/$size-$index.err" >&2
    exit 1
  }
  "$python" - "$out" "$work/$size-$index" "$name ($size)" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
not_ok = {code: n for code, n in report["outcomes"].items() if code != "OK"}
if not_ok or report["calls"] == 0:
    sys.exit("list_scaling: %s answered %s" % (sys.argv[3], report["outcomes"]))
for key in ("p50", "p99"):
    with open("%s.%s" % (sys.argv[2], key), "a") as f:
        f.write("%.1f\n" % report[key + "_us"])
PY
}

for run in $(seq 1 "$runs"); do
  echo "== round $run of $runs" >&2
  order="small large"
  ((run % 2 == 0)) && order="large small"
  for index in "${!calls[@]}"; do
    for size in $order; do measure "$size" "$index"; done
  done
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo
echo "Lists and reads on $small and $large tickets, $(date -u '+%Y-%m-%d %H:%M UTC') on $(hostname):"
echo "nproc $(nproc), ${cpu:-unknown CPU}, load average $(cut -d' ' -f1-3 /proc/loadavg); $server_version"
echo "(private, 256 MiB buffer pool); loadgen closed loop, $callers callers, ${seconds} s per call and size;"
echo "medians of $runs interleaved rounds, latencies in µs."
echo
printf '%-34s %9s %9s %9s %9s %8s %s\n' call 'small p50' 'small p99' 'large p50' 'large p99' \
  'p99 x' verdict
for index in "${!calls[@]}"; do
  IFS='|' read -r name _ <<<"${calls[$index]}"
  s50=$(median <"$work/small-$index.p50")
  s99=$(median <"$work/small-$index.p99")
  l50=$(median <"$work/large-$index.p50")
  l99=$(median <"$work/large-$index.p99")
  ratio=$(awk -v l="$l99" -v s="$s99" 'BEGIN {printf "%.2f", l / s}')
  verdict=PASS
  awk -v r="$ratio" 'BEGIN {exit !(r > 2)}' && verdict=FAIL
  printf '%-34s %9.0f %9.0f %9.0f %9.0f %8s %s\n' "$name" "$s50" "$s99" "$l50" "$l99" "$ratio" "$verdict"
done
