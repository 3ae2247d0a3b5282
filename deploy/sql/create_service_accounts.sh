#!/usr/bin/env bash
# Prints the SQL that gives each service of the suite its own schema and database account — the one
# definition of them, applied by deploy/run-local.sh (as its admin account), by the MariaDB container
# of docker-compose.yml at its first start (deploy/sql/init/10-service-accounts.sh, as root) and by
# tests/compose/init_sql_e2e_test.cc on the test server. Idempotent: run it again after adding a
# service or changing a password.
#
#   deploy/sql/create_service_accounts.sh SECRETS_DIR SERVICE... | mariadb -u<admin> -p …
#
# For each SERVICE (e.g. intake, hotline-registry), with NAME = cs_<service, '-' as '_'>:
#   - schema NAME, utf8mb4 with the NO PAD binary collation every column of the suite uses;
#   - account 'NAME'@'%' with the password in SECRETS_DIR/<service>.db-password, given NO right
#     here: the service grants it its rights itself at start (--migration_user), per table, so it
#     can never UPDATE or DELETE a row of its audit trail (audit_log; the archive's access log too:
#     deploy/sql/<service>_grants.sql when the service has one, else
#     common/db/service_grants.h);
#   - its migration account 'NAME_migration'@'%' with the password in
#     SECRETS_DIR/<service>.migration-password, which creates the tables at start and grants
#     them: every right on NAME WITH GRANT OPTION, and nothing elsewhere.
# An account that got every right on NAME from an earlier version of this script keeps it until
# the service's next start, which takes it back after granting the per-table rights.
# Passwords are the whole file less trailing line breaks (what the services' --mysql_password_file
# reads). A missing or empty file, or a bad service name, is an error (exit 1) and prints no SQL.
set -euo pipefail

if (($# < 2)); then
  sed -n '2,23p' "$0" >&2
  exit 2
fi
secrets_dir=$1
shift

fail() { echo "create_service_accounts.sh: $*" >&2; exit 1; }

# The password in a file, as an SQL string literal body (backslash and quote escaped).
password_literal() {
  local file=$1 password
  [[ -r $file ]] || fail "cannot read $file"
  password=$(<"$file")
  password=${password%$'\r'}
  [[ -n $password ]] || fail "$file is empty"
  [[ $password != *$'\n'* && $password != *$'\r'* ]] || fail "$file holds more than one line"
  password=${password//\\/\\\\}
  printf '%s' "${password//\'/\\\'}"
}

sql=""
for service in "$@"; do
  [[ $service =~ ^[a-z][a-z0-9-]*$ ]] || fail "bad service name \"$service\" (a-z, 0-9, '-')"
  name=cs_${service//-/_}
  password=$(password_literal "$secrets_dir/$service.db-password")
  sql+="-- $service
CREATE DATABASE IF NOT EXISTS \`$name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
CREATE USER IF NOT EXISTS '$name'@'%' IDENTIFIED BY '$password';
ALTER USER '$name'@'%' IDENTIFIED BY '$password';
"
  migration_password=$(password_literal "$secrets_dir/$service.migration-password")
  sql+="CREATE USER IF NOT EXISTS '${name}_migration'@'%' IDENTIFIED BY '$migration_password';
ALTER USER '${name}_migration'@'%' IDENTIFIED BY '$migration_password';
GRANT ALL PRIVILEGES ON \`$name\`.* TO '${name}_migration'@'%' WITH GRANT OPTION;
"
done
printf '%s' "$sql"
