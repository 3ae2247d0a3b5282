#!/usr/bin/env bash
# A consistent online backup of the suite's schemas, taken while the services run (README "Backup and
# restore"). deploy/restore.sh loads it into another server.
#
#   deploy/backup.sh HOST:PORT OUTDIR [SCHEMA...]
#
# SCHEMA: default every service's schema, cs_<service> for each service of CS_SERVICES in
# docker-compose.yml (cs_intake, cs_routing, cs_hotline_registry, cs_channel_registry,
# cs_assessment, cs_archive). The account is CS_MYSQL_ADMIN_USER / CS_MYSQL_ADMIN_PASSWORD (default
# root, no password; it needs SELECT, SHOW VIEW, TRIGGER and EVENT on the schemas, and SELECT on
# mysql.proc — without that mariadb-dump leaves stored routines out and says nothing);
# CS_MYSQL_SSL_CA: the authority of a server that serves TLS. The password reaches the client in an
# option file of mode 0600, never on its command line.
#
# One `mariadb-dump --single-transaction --routines --triggers --events` over all the schemas: one
# InnoDB snapshot, so the schemas agree with each other (an outbox message marked delivered in one
# is in its receiver's), and no table is locked against the services. The dump is split into
# OUTDIR/<schema>.sql, one file per schema, each loadable on its own. OUTDIR/MANIFEST records when
# the dump started (every transaction committed before then is in the backup), the server's
# version, the schemas and the tool; OUTDIR/SHA256SUMS the files' checksums. OUTDIR must not exist
# or be empty. Exit 1 (and OUTDIR left incomplete, without MANIFEST) when anything fails.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if (($# < 2)); then
  sed -n '2,21p' "$0" >&2
  exit 2
fi
target=$1 out=$2
shift 2
fail() { echo "backup.sh: $*" >&2; exit 1; }
[[ $target == *:* ]] || fail "HOST:PORT expected, got \"$target\""
host=${target%:*} port=${target##*:}

schemas=("$@")
if ((${#schemas[@]} == 0)); then
  read -r -a services <<<"$(sed -n 's/^ *CS_SERVICES: *//p' "$root/docker-compose.yml" | head -n 1 | tr -d "\"'")"
  ((${#services[@]})) || fail "no CS_SERVICES line in docker-compose.yml"
  for service in "${services[@]}"; do schemas+=("cs_${service//-/_}"); done
fi
for schema in "${schemas[@]}"; do
  [[ $schema =~ ^[A-Za-z0-9_]+$ ]] || fail "bad schema name \"$schema\""
done

# shellcheck source=deploy/lib/install-deps.sh
source "$root/deploy/lib/install-deps.sh"
command -v mariadb-dump >/dev/null 2>&1 || cs_install_missing_packages mariadb-client

mkdir -p "$out"
[[ -z $(ls -A "$out") ]] || fail "$out is not empty"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The client's option file: the account, quoted for the option-file syntax.
option_value() { local v=${1//\\/\\\\}; printf '"%s"' "${v//\"/\\\"}"; }
(
  umask 077
  {
    echo "[client]"
    echo "host=$host"
    echo "port=$port"
    echo "protocol=tcp"
    echo "user=$(option_value "${CS_MYSQL_ADMIN_USER:-root}")"
    echo "password=$(option_value "${CS_MYSQL_ADMIN_PASSWORD:-}")"
    [[ -z ${CS_MYSQL_SSL_CA:-} ]] || echo "ssl-ca=$CS_MYSQL_SSL_CA"
  } >"$work/client.cnf"
)
sql() { mariadb --defaults-file="$work/client.cnf" --batch --skip-column-names "$@"; }

server_version=$(sql -e 'SELECT VERSION()') || fail "cannot reach the server at $target"
started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
mariadb-dump --defaults-file="$work/client.cnf" --single-transaction --routines --triggers --events \
  --hex-blob --databases "${schemas[@]}" >"$work/dump.sql" || fail "mariadb-dump failed"
completed_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
tail -n 1 "$work/dump.sql" | grep -q '^-- Dump completed' || fail "the dump is incomplete"

# Split at the dump's "-- Current Database: `name`" lines: its header (session settings) and footer
# (their restoration) go into every file. Dumped values never hold a raw line break (mariadb-dump
# writes \n), so these markers can only be its own.
awk -v dir="$work" '
  function emit(line) { print line > (file == "" ? dir "/header" : file) }
  # A lone "--" opens the comment block of the next section: held until the next line says whose.
  $0 == "--" { if (held) emit("--"); held = 1; next }
  /^-- Current Database: `[A-Za-z0-9_]+`$/ {
    file = $0; sub(/^-- Current Database: `/, "", file); sub(/`$/, "", file)
    file = dir "/" file ".body"
  }
  /^\/\*!40103 SET TIME_ZONE=@OLD_TIME_ZONE \*\/;$/ { file = dir "/footer" }
  { if (held) emit("--"); held = 0; emit($0) }
  END { if (held) emit("--") }
' "$work/dump.sql"
[[ -s $work/header && -s $work/footer ]] || fail "unexpected mariadb-dump output (no header or footer)"
for schema in "${schemas[@]}"; do
  [[ -s $work/$schema.body ]] || fail "the dump holds no schema $schema"
  cat "$work/header" "$work/$schema.body" "$work/footer" >"$out/$schema.sql"
done

(cd "$out" && sha256sum -- *.sql >SHA256SUMS)
{
  echo "# Backup of the customer-service suite (deploy/backup.sh); restore with deploy/restore.sh."
  echo "started_at=$started_at"
  echo "completed_at=$completed_at"
  echo "server_version=$server_version"
  echo "source=$target"
  echo "schemas=${schemas[*]}"
  echo "tool=$(mariadb-dump --version)"
  echo "options=--single-transaction --routines --triggers --events --hex-blob"
} >"$out/MANIFEST"
echo "backup.sh: ${schemas[*]} from $target (server $server_version) as of $started_at in $out"
