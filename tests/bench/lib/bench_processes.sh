# Sourced by the bench scripts that start the suite's binaries as local processes
# (startup_and_memory.sh, list_scaling.sh): their temporary directory and clean-up at exit, process
# control, free ports, private MariaDB servers, each service's command line as deploy/run-local.sh
# gives it, and the launcher that times exec -> health SERVING.
#
# The sourcing script sets root (the checkout) and build_dir, then calls bench_setup NAME, which
# gives it work (its temporary directory), logs, secrets (passwords and service tokens per service,
# as deploy/sql/create_service_accounts.sh reads them) and the array started_pids (every pid to
# stop at exit). start_mariadb sets mysql_port, the server the next start and admin_sql use.
# Peers' addresses (array peer) point at free ports nobody answers on, so no service waits for one.

python=/usr/bin/python3 # the first python3 on PATH may lack grpc
launcher=$root/tests/bench/start_to_serving.py
# bench_setup NAME: the script's temporary directory, its error prefix NAME, the check that Python
# can import grpc, and the traps: at exit (also on ^C) every process of started_pids and every
# server start_mariadb started is stopped, bench_before_cleanup runs when the script defines it
# (e.g. to keep logs), and the temporary directory goes.
bench_setup() {
  bench_name=$1
  work=$(mktemp -d "/tmp/cs-$1.XXXXXX")
  secrets=$work/secrets
  logs=$work/logs
  mkdir -p "$secrets" "$logs"
  chmod 700 "$secrets"
  started_pids=()
  mariadb_dirs=()
  "$python" -c 'import grpc' 2>/dev/null || { echo "$bench_name: $python has no grpc module" >&2; exit 1; }
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

bench_cleanup() {
  local status=$? pid dir
  trap - EXIT INT TERM
  for pid in "${started_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${started_pids[@]}"; do stop "$pid"; done
  for dir in "${mariadb_dirs[@]}"; do
    "$root/deploy/private-mariadb.sh" stop "$dir" >/dev/null 2>&1 || true
  done
  if declare -F bench_before_cleanup >/dev/null; then bench_before_cleanup || true; fi
  rm -rf "$work"
  exit "$status"
}

# start_mariadb DIR: a private MariaDB with its data in DIR (flush at every commit), stopped at
# exit; sets mysql_port.
start_mariadb() {
  mysql_port=$("$root/deploy/private-mariadb.sh" start "$1")
  mariadb_dirs+=("$1")
}

# alive PID: the process exists and is not a zombie. The services are children of the launcher, which
# exits once they serve; the container's init may never reap them, so "exists" is not enough.
alive() {
  local state
  state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null) || return 1
  [[ -n $state && $state != Z ]]
}
# stop PID: SIGTERM, then SIGKILL after 15 s.
stop() {
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 1 150); do alive "$1" || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Ports handed out by this script are remembered: a port just picked is still free until its service
# binds it, and must not be picked twice.
declare -A taken_ports=()
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 30000))
    if [[ -z ${taken_ports[$p]:-} ]] && port_is_free "$p"; then
      taken_ports[$p]=1
      echo "$p"
      return
    fi
  done
  echo "$bench_name: no free port" >&2
  exit 1
}

schema_of() { echo "cs_${1//-/_}"; }

declare -A peer=()
for p in intake routing hotline-registry channel-registry archive; do peer[$p]=127.0.0.1:$(free_port); done

# service_command NAME GRPC_PORT METRICS_PORT: the command line, one word a line.
service_command() {
  local name=$1 schema
  schema=$(schema_of "$name")
  printf '%s\n' "$build_dir/services/$name/$name" --grpc_address=127.0.0.1 --grpc_port="$2" \
    --metrics_address=127.0.0.1 --metrics_port="$3" \
    --mysql_host=127.0.0.1 --mysql_port="$mysql_port" --mysql_database="$schema" \
    --mysql_user="$schema" --mysql_password_file="$secrets/$name.db-password" \
    --migration_user="${schema}_migration" --migration_password_file="$secrets/$name.migration-password" \
    --config_dir="$root/deploy/config" --tokens_file="$root/deploy/config/tokens.textproto" --dev_mode
  case $name in
    intake) printf '%s\n' --routing_address="${peer[routing]}" --archive_address="${peer[archive]}" \
              --service_token_file="$secrets/$name.service-token" ;;
    routing) printf '%s\n' --intake_address="${peer[intake]}" \
               --service_token_file="$secrets/$name.service-token" ;;
    assessment) printf '%s\n' --intake_address="${peer[intake]}" --routing_address="${peer[routing]}" \
                  --hotline_registry_address="${peer[hotline-registry]}" \
                  --channel_registry_address="${peer[channel-registry]}" \
                  --archive_address="${peer[archive]}" \
                  --service_token_file="$secrets/$name.service-token" ;;
  esac
}

# start NAME LOG: starts the service, its output appended to $logs/LOG.log; sets started_pid,
# started_seconds (exec to SERVING) and started_grpc_port.
start() {
  local name=$1 log=$logs/$2.log out command=()
  started_grpc_port=$(free_port)
  mapfile -t command < <(service_command "$name" "$started_grpc_port" "$(free_port)")
  if ! out=$("$python" "$launcher" --port="$started_grpc_port" --log="$log" -- "${command[@]}"); then
    echo "$bench_name: $name did not become SERVING; the end of its log:" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  started_pid=$(sed -n 's/.*pid=\([0-9]*\).*/\1/p' <<<"$out")
  started_seconds=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$out")
  started_pids+=("$started_pid")
}


# rss_kib PID: its VmRSS in KiB (0 once it is gone).
rss_kib() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status" 2>/dev/null || echo 0; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
maximum() { sort -g | tail -1; }

# admin_sql ARGS...: the mariadb client as the private server's admin, on mysql_port.
admin_sql() {
  mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$mysql_port" -ucs_admin -pcs_admin "$@"
}

# write_service_secrets NAME...: fresh passwords for each service's account and migration account,
# and its development service token, in $secrets.
write_service_secrets() {
  local name
  for name in "$@"; do
    head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$secrets/$name.db-password"
    head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$secrets/$name.migration-password"
    grep -oE "dev-svc-$name-[0-9a-f]+" "$root/deploy/config/dev-tokens.md" | head -1 | tr -d '\n' \
      >"$secrets/$name.service-token"
  done
}

# create_accounts NAME...: each service's schema and accounts on the server of mysql_port.
create_accounts() { "$root/deploy/sql/create_service_accounts.sh" "$secrets" "$@" | admin_sql; }

# dev_token PRINCIPAL: the development bearer token of deploy/config/dev-tokens.md whose name starts
# with dev-PRINCIPAL- (e.g. broadband-staff, cs-center).
dev_token() { grep -oE "dev-$1-[0-9a-f]+" "$root/deploy/config/dev-tokens.md" | head -1; }
