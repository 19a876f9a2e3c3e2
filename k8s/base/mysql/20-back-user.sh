#!/bin/bash
# The back's database account: data only (SELECT, INSERT, UPDATE, DELETE on
# the application's schema), no DDL. The schema belongs to the migration
# account (MYSQL_USER, created by the mysql image with every right on
# MYSQL_DATABASE), which only dbmigrate uses. docs/security.md, "Database
# accounts".
#
# Sourced (not executed: mounted without the executable bit) by the mysql
# image's entrypoint on the first start of an empty data directory, while the
# temporary server runs; docker-compose.yaml mounts this same file. It is
# idempotent and sets the account to exactly these rights and this password,
# so it is also the upgrade (a data directory made before this account
# existed) and the rotation command, run as root inside the MySQL container:
#   kubectl -n domaindesk exec mysql-0 -c mysql -- bash /docker-entrypoint-initdb.d/20-back-user.sh
#   docker compose exec mysql bash /docker-entrypoint-initdb.d/20-back-user.sh
# scripts/run-local.sh sources it too, with its own docker_process_sql.
#
# Reads MYSQL_DATABASE, DB_BACK_USER, DB_BACK_PASSWORD (or the file named by
# DB_BACK_PASSWORD_FILE, as compose gives it), and DB_BACK_HOST (default '%':
# the back connects from other pods or containers).
back_password=${DB_BACK_PASSWORD:-}
if [ -z "$back_password" ] && [ -n "${DB_BACK_PASSWORD_FILE:-}" ]; then
  back_password=$(cat "$DB_BACK_PASSWORD_FILE")
fi
for back_var in MYSQL_DATABASE DB_BACK_USER; do
  if [ -z "${!back_var:-}" ]; then
    echo >&2 "$back_var is not set"
    exit 1
  fi
done
if [ -z "$back_password" ]; then
  echo >&2 'DB_BACK_PASSWORD is not set'
  exit 1
fi
# Outside the image's entrypoint (the upgrade command above): as root over the
# local socket, the password from the container's environment or file.
if ! declare -F docker_process_sql >/dev/null; then
  docker_process_sql() {
    MYSQL_PWD=${MYSQL_ROOT_PASSWORD:-$(cat "${MYSQL_ROOT_PASSWORD_FILE:?neither MYSQL_ROOT_PASSWORD nor MYSQL_ROOT_PASSWORD_FILE is set}")} \
      mysql --protocol=socket --user=root "$@"
  }
fi
# As SQL string literals: backslashes and single quotes escaped (as the
# image's own docker_sql_escape_string_literal does); identifiers in
# backquotes, with backquotes doubled.
sql_literal() {
  local value=${1//\\/\\\\}
  printf '%s' "${value//\'/\\\'}"
}
sql_identifier() { printf '%s' "${1//\`/\`\`}"; }
# Names of their own: the image's entrypoint sources this file into its shell.
back_account="'$(sql_literal "$DB_BACK_USER")'@'$(sql_literal "${DB_BACK_HOST:-%}")'"
back_literal=$(sql_literal "$back_password")
back_schema=$(sql_identifier "$MYSQL_DATABASE")
# REVOKE first: whatever the account held before, it ends with these rights.
docker_process_sql --database=mysql <<-EOSQL
	CREATE USER IF NOT EXISTS ${back_account} IDENTIFIED BY '${back_literal}';
	ALTER USER ${back_account} IDENTIFIED BY '${back_literal}';
	REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${back_account};
	GRANT SELECT, INSERT, UPDATE, DELETE ON \`${back_schema}\`.* TO ${back_account};
EOSQL
