#!/usr/bin/env bash
# A private MariaDB server for tests and local runs: its own data directory, a loopback port, never a
# system service. Used by tests/run.sh, deploy/run-local.sh and the tests that restart the server.
#
#   private-mariadb.sh start DATADIR [PORT] [TLS OPTIONS]
#                                              initialise DATADIR if new, start, wait until it answers;
#                                              prints the port (a free one when PORT is omitted)
#   private-mariadb.sh stop DATADIR            shut down cleanly (kill after 30 s)
#   private-mariadb.sh port DATADIR            prints the port of a running server
#
# TLS options of start (PEM files; a server already running keeps the settings it was started with):
#   --ssl-cert FILE --ssl-key FILE --ssl-ca FILE   serve TLS with this certificate and key (ssl_ca: the
#                                                  authority of client certificates)
#   --require-secure-transport                     refuse every TCP connection without TLS (the admin
#                                                  commands of this script use the Unix socket)
#
# The server has an administrative account cs_admin/cs_admin on 127.0.0.1 for creating schemas and users.
# Every commit is flushed to disk (innodb_flush_log_at_trx_commit=1, sync_binlog off as no binlog).
set -euo pipefail

usage() { sed -n '2,17p' "$0" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
cmd=$1 datadir=$2
shift 2
requested_port="" tls_args=()
while (($#)); do
  case $1 in
    --ssl-cert|--ssl-key|--ssl-ca)
      [[ $# -ge 2 && -r $2 ]] || { echo "private-mariadb: $1 needs a readable file" >&2; exit 2; }
      tls_args+=("$1=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2 ;;
    --require-secure-transport) tls_args+=(--require-secure-transport=ON); shift ;;
    -*) echo "private-mariadb: unknown option $1" >&2; usage ;;
    *) [[ -z $requested_port ]] || usage; requested_port=$1; shift ;;
  esac
done

find_bin() { for b in "$@"; do command -v "$b" >/dev/null 2>&1 && { command -v "$b"; return; }; [[ -x /usr/sbin/$b ]] && { echo "/usr/sbin/$b"; return; }; done; echo "private-mariadb: none of $* found" >&2; exit 1; }

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 30000 ))
    port_is_free "$p" && { echo "$p"; return; }
  done
  echo "private-mariadb: no free port found" >&2; exit 1
}

admin() { "$(find_bin mariadb mysql)" --no-defaults --protocol=socket --socket="$datadir/mysqld.sock" -uroot "$@"; }

is_running() { [[ -f $datadir/mysqld.pid ]] && kill -0 "$(cat "$datadir/mysqld.pid")" 2>/dev/null; }

start() {
  mkdir -p "$datadir"
  datadir=$(cd "$datadir" && pwd)
  if is_running; then cat "$datadir/port"; return; fi
  local user_args=()
  [[ $(id -u) -eq 0 ]] && user_args=(--user=root)
  if [[ ! -d $datadir/mysql ]]; then
    "$(find_bin mariadb-install-db mysql_install_db)" --no-defaults --datadir="$datadir" "${user_args[@]}" \
      --auth-root-authentication-method=normal --skip-test-db >"$datadir/install.log" 2>&1 \
      || { cat "$datadir/install.log" >&2; exit 1; }
  fi
  local port=${requested_port:-}
  [[ -n $port ]] || { [[ -f $datadir/port ]] && port_is_free "$(cat "$datadir/port")" && port=$(cat "$datadir/port"); } || true
  [[ -n $port ]] || port=$(pick_port)
  # A port free when picked may be taken before the server binds it (tests start processes on free
  # ports in parallel): without a requested port, such a start is retried on another one.
  local attempt
  for attempt in 1 2 3 4 5; do
    echo "$port" >"$datadir/port"
    : >"$datadir/error.log"
    # Temp files of its own: several private servers run at once (CI, the tests' own servers), and
    # with a shared /tmp one was seen failing an information_schema query with "Error on delete of
    # '?' (Errcode: 2)" on a temporary table.
    mkdir -p "$datadir/tmp"
    # setsid: the server outlives a Ctrl-C sent to the caller's process group; callers stop it explicitly.
    setsid "$(find_bin mariadbd mysqld)" --no-defaults --datadir="$datadir" "${user_args[@]}" \
      --port="$port" --bind-address=127.0.0.1 --socket="$datadir/mysqld.sock" \
      --pid-file="$datadir/mysqld.pid" --log-error="$datadir/error.log" --tmpdir="$datadir/tmp" \
      --innodb-flush-log-at-trx-commit=1 --innodb-buffer-pool-size=256M --innodb-log-file-size=256M \
      --max-connections=1000 --skip-name-resolve --character-set-server=utf8mb4 \
      --collation-server=utf8mb4_nopad_bin --default-time-zone=+00:00 ${tls_args[@]+"${tls_args[@]}"} \
      </dev/null >/dev/null 2>&1 &
    local server=$!
    for _ in $(seq 1 300); do
      if admin -e 'SELECT 1' >/dev/null 2>&1; then
        admin -e "CREATE USER IF NOT EXISTS 'cs_admin'@'127.0.0.1' IDENTIFIED BY 'cs_admin';
                  GRANT ALL PRIVILEGES ON *.* TO 'cs_admin'@'127.0.0.1' WITH GRANT OPTION;
                  CREATE USER IF NOT EXISTS 'cs_admin'@'%' IDENTIFIED BY 'cs_admin';
                  GRANT ALL PRIVILEGES ON *.* TO 'cs_admin'@'%' WITH GRANT OPTION;"
        echo "$port"
        return
      fi
      kill -0 "$server" 2>/dev/null || break
      sleep 0.1
    done
    if [[ -z $requested_port ]] && ! kill -0 "$server" 2>/dev/null &&
      grep -q 'Address already in use' "$datadir/error.log"; then
      port=$(pick_port)
      continue
    fi
    break
  done
  echo "private-mariadb: server in $datadir did not start; last lines of its log:" >&2
  tail -20 "$datadir/error.log" >&2 || true
  exit 1
}

stop() {
  [[ -d $datadir ]] || return 0
  is_running || return 0
  local pid
  pid=$(cat "$datadir/mysqld.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

case $cmd in
  start) start ;;
  stop) stop ;;
  port) is_running && cat "$datadir/port" ;;
  *) usage ;;
esac
