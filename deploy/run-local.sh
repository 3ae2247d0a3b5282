#!/usr/bin/env bash
# Starts the whole suite on this machine: installs what is missing, builds, starts MariaDB (a persistent
# private server with its data under .local/, or an existing one with --mysql), creates each service's
# schema and database user, starts every service that exists (and Prometheus and Grafana when installed),
# prints the ports, and stops everything on Ctrl-C.
#
#   deploy/run-local.sh [--mysql HOST:PORT] [--no-build] [--no-prometheus] [--demo | --demo-only]
#
# With --mysql, the administrative account is read from CS_MYSQL_ADMIN_USER / CS_MYSQL_ADMIN_PASSWORD
# (default root with an empty password). Logs go to .local/logs/<service>.log.
#
# --demo: the same start, but every service on its test clock (--test_clock) and everything under
# .local/demo/ (its own MariaDB data directory, secrets, logs, Prometheus data), wiped at each demo
# start so a demo never mixes with the data of a normal run; then tools/demo/demo.py drives one
# working day through every path and prints what happened, and the suite keeps running for a look
# around (csctl, Prometheus) until Ctrl-C. --demo-only: the same without Prometheus, stopping
# everything after the summary (exit 0 when the demo passed). Not with --mysql.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

mysql_target="" build=1 prometheus=1 demo=0 demo_only=0
started_ns=$(date +%s%N)
while (($#)); do
  case $1 in
    --mysql) mysql_target=${2:?--mysql needs HOST:PORT}; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-prometheus) prometheus=0; shift ;;
    --demo) demo=1; shift ;;
    --demo-only) demo=1 demo_only=1 prometheus=0; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if ((demo)) && [[ -n $mysql_target ]]; then
  echo "--demo runs on its own private MariaDB under .local/demo; it does not take --mysql" >&2
  exit 2
fi

# name grpc_port metrics_port, in the order they start: the assessment last, as it reads from the
# other five (its first sweep would find a peer not started yet and score incompletely).
services=(
  "intake 50051 9151"
  "routing 50052 9152"
  "hotline-registry 50053 9153"
  "channel-registry 50054 9154"
  "archive 50056 9156"
  "assessment 50055 9155"
)

source deploy/lib/install-deps.sh
cs_install_missing_packages

binary_of() { echo "$root/build/services/$1/$1"; }
# A service exists once it has a main.cc (its folder may hold only a first library before then).
present=()
for entry in "${services[@]}"; do
  read -r name _ <<<"$entry"
  [[ -f services/$name/main.cc ]] && present+=("$name")
done
if ((build)); then
  echo "== building: ${present[*]} csctl"
  deploy/lib/build.sh "${present[@]}" csctl
fi

local_dir=$root/.local
if ((demo)); then
  # A demo's data lives apart and starts empty: the previous demo's server (if a demo was killed
  # without its cleanup) is stopped and its directory removed.
  local_dir=$root/.local/demo
  if [[ -d $local_dir/mariadb ]]; then
    deploy/private-mariadb.sh stop "$local_dir/mariadb" >/dev/null 2>&1 || true
  fi
  rm -rf "$local_dir"
fi
mkdir -p "$local_dir/logs" "$local_dir/secrets"
shown_dir=${local_dir#"$root/"}  # .local, or .local/demo
chmod 700 "$local_dir/secrets"

pids=()
embedded_db=""
exit_code=0  # the demo's failure; every other way out exits 0 as before
cleanup() {
  # A second Ctrl-C must not cut the cleanup short and leave the database running.
  trap '' INT TERM
  trap - EXIT
  ((${#pids[@]} + ${#embedded_db})) || return 0
  echo
  echo "== stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 200); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  if [[ -n $embedded_db ]]; then deploy/private-mariadb.sh stop "$embedded_db"; fi
  pids=() embedded_db=""
  echo "stopped"
  exit "$exit_code"
}
trap cleanup EXIT INT TERM

if [[ -n $mysql_target ]]; then
  db_host=${mysql_target%:*} db_port=${mysql_target##*:}
  admin_user=${CS_MYSQL_ADMIN_USER:-root} admin_password=${CS_MYSQL_ADMIN_PASSWORD:-}
else
  embedded_db=$local_dir/mariadb
  db_host=127.0.0.1
  db_port=$(deploy/private-mariadb.sh start "$embedded_db")
  admin_user=cs_admin admin_password=cs_admin
fi
echo "== MariaDB at $db_host:$db_port"
admin_sql() { mariadb --no-defaults -h"$db_host" -P"$db_port" -u"$admin_user" -p"$admin_password" "$@"; }

# One schema and two users per service, made by deploy/sql/create_service_accounts.sh — the same SQL
# the MariaDB container of docker-compose.yml applies: the service's own, which gets no right there,
# and its migration account, with which the service creates its tables at start and then grants its
# own account per-table rights (never UPDATE or DELETE on its audit trail). Passwords are generated
# once and kept in .local/secrets.
secret_file() {
  local file=$local_dir/secrets/$1
  [[ -s $file ]] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$file")
  echo "$file"
}
schema_of() { echo "cs_${1//-/_}"; }
for name in "${present[@]}"; do
  secret_file "$name.db-password" >/dev/null
  secret_file "$name.migration-password" >/dev/null
done
deploy/sql/create_service_accounts.sh "$local_dir/secrets" "${present[@]}" | admin_sql

# The dev SERVICE token each service presents to the others (deploy/config/dev-tokens.md).
service_token_file() {
  local token file=$local_dir/secrets/$1.service-token
  token=$(grep -o "dev-svc-$1-[0-9a-f]*" deploy/config/dev-tokens.md | head -1)
  (umask 077; printf '%s' "$token" >"$file")
  echo "$file"
}

extra_args() {
  case $1 in
    intake) echo "--routing_address=127.0.0.1:50052 --archive_address=127.0.0.1:50056" \
              "--service_token_file=$(service_token_file intake)" ;;
    routing) echo "--intake_address=127.0.0.1:50051 --service_token_file=$(service_token_file routing)" ;;
    assessment) echo "--intake_address=127.0.0.1:50051 --routing_address=127.0.0.1:50052" \
                  "--hotline_registry_address=127.0.0.1:50053" \
                  "--channel_registry_address=127.0.0.1:50054 --archive_address=127.0.0.1:50056" \
                  "--service_token_file=$(service_token_file assessment)" ;;
    *) echo "" ;;
  esac
  # The demo moves every clock from outside (cs.common.v1.TestClock) and wants the sweeps that
  # turn a clock move into effects (routing's reminders, intake's overdue receipts) to run often.
  if ((demo)); then
    echo "--test_clock"
    case $1 in
      routing) echo "--supervision_interval=1s" ;;
      intake) echo "--sla_sweep_interval=1s" ;;
    esac
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

routing_pid=""
echo "== starting services"
printf '%-18s %-10s %-10s %s\n' service grpc metrics log
for entry in "${services[@]}"; do
  read -r name grpc metrics <<<"$entry"
  [[ " ${present[*]} " == *" $name "* ]] || continue
  schema=$(schema_of "$name")
  # Passwords are read from their files (--mysql_password_file), never on the visible command line.
  # --dev_mode: the token file is deploy/config/tokens.textproto, whose tokens are public (refused
  # without it).
  # shellcheck disable=SC2046
  "$(binary_of "$name")" \
    --grpc_port="$grpc" --metrics_port="$metrics" \
    --mysql_host="$db_host" --mysql_port="$db_port" --mysql_user="$schema" \
    --mysql_password_file="$(secret_file "$name.db-password")" \
    --migration_user="${schema}_migration" \
    --migration_password_file="$(secret_file "$name.migration-password")" \
    --mysql_database="$schema" --config_dir="$root/deploy/config" \
    --dev_mode \
    $(extra_args "$name") \
    >>"$local_dir/logs/$name.log" 2>&1 </dev/null &
  pids+=($!)
  [[ $name == routing ]] && routing_pid=$!
  printf '%-18s %-10s %-10s %s\n' "$name" "$grpc" "$metrics" "$shown_dir/logs/$name.log"
done

for entry in "${services[@]}"; do
  read -r name grpc _ <<<"$entry"
  [[ " ${present[*]} " == *" $name "* ]] || continue
  for _ in $(seq 1 300); do
    port_open "$grpc" && break
    for pid in "${pids[@]}"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "a service exited during start; the end of each log:" >&2
        for log in "$local_dir"/logs/*.log; do echo "== $log" >&2; tail -n 3 "$log" >&2; done
        exit 1
      fi
    done
    sleep 0.1
  done
  port_open "$grpc" || { echo "$name did not open port $grpc; see $shown_dir/logs/$name.log" >&2; exit 1; }
done

if ((prometheus)) && command -v prometheus >/dev/null; then
  mkdir -p "$local_dir/prometheus"
  # The project's configuration with its targets on loopback, every other setting kept (the same
  # rewriting the end-to-end tests use).
  targets=()
  for entry in "${services[@]}"; do
    read -r name _ metrics <<<"$entry"
    [[ " ${present[*]} " == *" $name "* ]] || continue
    targets+=("$name=$metrics")
  done
  deploy/lib/prometheus-local-config.sh "${targets[@]}" <deploy/prometheus/prometheus.yml \
    >"$local_dir/prometheus/prometheus.yml"
  rm -rf "$local_dir/prometheus/rules"
  cp -r deploy/prometheus/rules "$local_dir/prometheus/"
  prometheus --config.file="$local_dir/prometheus/prometheus.yml" \
    --storage.tsdb.path="$local_dir/prometheus/data" --web.listen-address=127.0.0.1:9090 \
    >>"$local_dir/logs/prometheus.log" 2>&1 </dev/null &
  pids+=($!)
  echo "prometheus         http://127.0.0.1:9090   $shown_dir/logs/prometheus.log"
  # Grafana is not a Debian package (docker-compose.yml runs it): started only when installed.
  if command -v grafana >/dev/null || command -v grafana-server >/dev/null; then
    deploy/lib/grafana-local.sh "$local_dir/grafana" http://127.0.0.1:9090 127.0.0.1:3000 \
      >>"$local_dir/logs/grafana.log" 2>&1 </dev/null &
    pids+=($!)
    echo "grafana            http://127.0.0.1:3000   $shown_dir/logs/grafana.log (dashboards: Customer service)"
  else
    echo "grafana            not installed (not a Debian package; see README, Metrics)"
  fi
fi

if ((demo)); then
  echo
  echo "== demo: one working day on the test clock (tools/demo/demo.py)"
  # Routing's process id lets the driver pause it while two business hours pass (a late receipt).
  if ! CS_DEMO_ROUTING_PID=$routing_pid /usr/bin/python3 tools/demo/demo.py; then
    echo "the demo failed; logs in $shown_dir/logs/" >&2
    exit_code=1
    cleanup
  fi
  elapsed_ms=$((($(date +%s%N) - started_ns) / 1000000))
  printf '== demo: %d.%01d s from the command to the summary\n' \
    $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100))
  if ((demo_only)); then cleanup; fi
  echo "The clocks stay at the demo's last instant (8 Dec 2026, 10:00 Asia/Shanghai). Look around:"
  echo "  CS_TOKEN=dev-broadband-staff-9d86071d119c5f900cd61e4a build/tools/csctl/csctl ticket list"
fi

echo
echo "The suite is running. Dev tokens: deploy/config/dev-tokens.md. Ctrl-C stops everything."
echo "Try: build/tools/csctl/csctl health; CS_TOKEN=<a person's dev token> build/tools/csctl/csctl ticket list"
wait -n "${pids[@]}" || true
echo "a process ended (see $shown_dir/logs/); stopping the rest" >&2
cleanup
