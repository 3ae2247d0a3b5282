# Creates each service's schema and database account in the MariaDB container of docker-compose.yml,
# with deploy/sql/create_service_accounts.sh — the same SQL deploy/run-local.sh applies.
#
# The official image's entrypoint SOURCES this file (it is not executable on purpose) at the first
# start of an empty data volume, after setting the root password; docker_process_sql is then its
# function that runs SQL as root. What it reads (docker-compose.yml sets them):
#   CS_SERVICES     the services, e.g. "intake routing hotline-registry channel-registry assessment
#                   archive"
#   CS_SQL_DIR      where deploy/sql is mounted (default /opt/cs/sql)
#   CS_SECRETS_DIR  where <service>.db-password and <service>.migration-password are (/run/secrets)
#
# The entrypoint runs it only once. After adding a service to docker-compose.yml, or to change a
# password, run it by hand (idempotent; it then connects as root with MARIADB_ROOT_PASSWORD_FILE):
#   docker compose exec mariadb bash /docker-entrypoint-initdb.d/10-service-accounts.sh
cs_create_service_accounts() {
  local sql_dir=${CS_SQL_DIR:-/opt/cs/sql} secrets_dir=${CS_SECRETS_DIR:-/run/secrets}
  local -a services
  read -r -a services <<<"${CS_SERVICES:-}"
  if ((${#services[@]} == 0)); then
    echo "10-service-accounts.sh: CS_SERVICES is empty: no service would get a database account" >&2
    return 1
  fi
  local sql
  sql=$(bash "$sql_dir/create_service_accounts.sh" "$secrets_dir" "${services[@]}") || return 1
  if declare -F docker_process_sql >/dev/null; then
    docker_process_sql <<<"$sql"
  else
    local password=${MARIADB_ROOT_PASSWORD:-}
    if [[ -z $password && -n ${MARIADB_ROOT_PASSWORD_FILE:-} ]]; then
      password=$(<"$MARIADB_ROOT_PASSWORD_FILE")
    fi
    MYSQL_PWD=$password mariadb --protocol=socket -uroot -hlocalhost <<<"$sql"
  fi
  echo "10-service-accounts.sh: schema and account of: ${services[*]}"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  # Run by hand rather than sourced by the entrypoint.
  set -euo pipefail
  cs_create_service_accounts
else
  cs_create_service_accounts || return 1
fi
