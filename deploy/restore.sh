#!/usr/bin/env bash
# Restores a backup of deploy/backup.sh into a server (README "Backup and restore"): the schemas, then
# each service's database account and grants as deployed.
#
#   deploy/restore.sh HOST:PORT BACKUPDIR SECRETS_DIR
#
# SECRETS_DIR: the services' password files, as for deploy/sql/create_service_accounts.sh
# (<service>.db-password and <service>.migration-password of every service).
# The account is CS_MYSQL_ADMIN_USER / CS_MYSQL_ADMIN_PASSWORD (default root, no password; it must
# create schemas and users and grant); CS_MYSQL_SSL_CA: the authority of a server that serves TLS.
#
# In order:
#   1. checks BACKUPDIR: a MANIFEST (written last by backup.sh, so a backup that failed has none)
#      and every file's checksum (SHA256SUMS);
#   2. refuses a server on which one of the backup's schemas already holds a table — restore into a
#      fresh server (or drop the schemas first): nothing is overwritten;
#   3. loads each <schema>.sql;
#   4. gives each service (cs_<service>, '_' read as '-') its accounts with
#      deploy/sql/create_service_accounts.sh (the service account and its migration account), and a
#      service with deploy/sql/<service>_grants.sql (the archive) the grants of that file, which need
#      the tables that step 3 made. The other services grant their own account per-table rights when
#      they start with --migration_user, as deployed (common/db/service_grants.h).
# The services then start on the server as they are deployed; their migrations find the schema up to
# date (schema_migrations is restored with it). Exit 1 at the first failure, saying which step.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if (($# != 3)); then
  sed -n '2,22p' "$0" >&2
  exit 2
fi
target=$1 backup=$2 secrets_dir=$3
fail() { echo "restore.sh: $*" >&2; exit 1; }
[[ $target == *:* ]] || fail "HOST:PORT expected, got \"$target\""
host=${target%:*} port=${target##*:}

# 1. The backup is complete and intact.
[[ -f $backup/MANIFEST ]] || fail "$backup has no MANIFEST: not a complete backup of deploy/backup.sh"
(cd "$backup" && sha256sum --quiet -c SHA256SUMS) || fail "$backup: a file does not match SHA256SUMS"
read -r -a schemas <<<"$(sed -n 's/^schemas=//p' "$backup/MANIFEST")"
((${#schemas[@]})) || fail "$backup/MANIFEST names no schema"
for schema in "${schemas[@]}"; do
  [[ $schema =~ ^cs_[a-z0-9_]+$ ]] || fail "schema \"$schema\" is not one of a service (cs_<service>)"
  [[ -f $backup/$schema.sql ]] || fail "$backup/$schema.sql is missing"
done

# shellcheck source=deploy/lib/install-deps.sh
source "$root/deploy/lib/install-deps.sh"
command -v mariadb >/dev/null 2>&1 || cs_install_missing_packages mariadb-client

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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

# 2. Nothing to overwrite.
server_version=$(sql -e 'SELECT VERSION()') || fail "cannot reach the server at $target"
for schema in "${schemas[@]}"; do
  tables=$(sql -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$schema'")
  [[ $tables == 0 ]] || fail "$schema already holds $tables tables on $target: restore into a fresh server"
done

# 3. The schemas.
for schema in "${schemas[@]}"; do
  sql <"$backup/$schema.sql" || fail "loading $backup/$schema.sql failed"
done

# 4. The accounts and grants, from the one definition of them.
services=()
for schema in "${schemas[@]}"; do
  service=${schema#cs_}
  services+=("${service//_/-}")
done
accounts=$("$root/deploy/sql/create_service_accounts.sh" "$secrets_dir" "${services[@]}") ||
  fail "deploy/sql/create_service_accounts.sh failed"
sql <<<"$accounts" || fail "creating the service accounts failed"
for service in "${services[@]}"; do
  grants=$root/deploy/sql/${service}_grants.sql
  [[ -f $grants ]] || continue
  schema=cs_${service//-/_}
  sed "s/@SCHEMA@/$schema/g; s/@USER@/$schema/g" "$grants" | sql || fail "applying $grants failed"
done

echo "restore.sh: ${schemas[*]} as of $(sed -n 's/^started_at=//p' "$backup/MANIFEST")" \
  "restored on $target (server $server_version) with the accounts of: ${services[*]}"
