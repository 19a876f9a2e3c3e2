#!/bin/bash
# Sourced (not executed: mounted without the executable bit) by the mysql
# image's entrypoint on the first start, while the temporary server runs.
# Creates the account backup.sh dumps with: it can read the application's
# schema (rows, view and trigger definitions) and routine definitions, and
# write nothing, with at most 2 connections. mysqldump --single-transaction
# and --no-tablespaces need no LOCK TABLES, RELOAD or PROCESS.
#   MYSQL_BACKUP_PASSWORD  required (the "mysql" Secret, compose's secrets)
#   MYSQL_DATABASE         the schema it may read (set by the StatefulSet)
#   MYSQL_BACKUP_USER      default "backup"
#   MYSQL_BACKUP_HOST      default '%': the backup runs in a pod (or container)
#                          of its own; NetworkPolicies decide who reaches MySQL
# On a database initialised before this script existed, run it as root inside
# the MySQL container (scripts/deploy-gke.sh does, at every deploy):
#   kubectl -n domaindesk exec mysql-0 -c mysql -- bash /docker-entrypoint-initdb.d/50-backup-user.sh
# re-running it resets the password (rotation).
# The one copy of this script: docker-compose.yaml and scripts/check-backup.sh
# use this same file.
if [ -z "${MYSQL_BACKUP_PASSWORD:-}" ] || [ -z "${MYSQL_DATABASE:-}" ]; then
  echo >&2 'MYSQL_BACKUP_PASSWORD and MYSQL_DATABASE must be set'
  exit 1
fi
# Outside the image's entrypoint (the command above): as root over the local
# socket, the password from the container's environment or file.
if ! declare -F docker_process_sql >/dev/null; then
  docker_process_sql() {
    MYSQL_PWD=${MYSQL_ROOT_PASSWORD:-$(cat "${MYSQL_ROOT_PASSWORD_FILE:?neither MYSQL_ROOT_PASSWORD nor MYSQL_ROOT_PASSWORD_FILE is set}")} \
      mysql --protocol=socket --user=root "$@"
  }
fi
# As SQL string literals: backslashes and single quotes escaped (as the
# image's own docker_sql_escape_string_literal does).
sql_literal() {
  local value=${1//\\/\\\\}
  printf '%s' "${value//\'/\\\'}"
}
backup_account="'$(sql_literal "${MYSQL_BACKUP_USER:-backup}")'@'$(sql_literal "${MYSQL_BACKUP_HOST:-%}")'"
backup_password=$(sql_literal "$MYSQL_BACKUP_PASSWORD")
backup_schema=${MYSQL_DATABASE//\`/\`\`}
# mysqldump --routines needs to read routine definitions: MySQL grants that
# with SHOW_ROUTINE, MariaDB (the local server of scripts/run-local.sh and the
# drill) through its mysql.proc table. Both are read-only.
if docker_process_sql --database=mysql <<<'SELECT VERSION()' | grep -qi mariadb; then
  routines="GRANT SELECT ON mysql.proc TO ${backup_account};"
else
  routines="GRANT SHOW_ROUTINE ON *.* TO ${backup_account};"
fi
docker_process_sql --database=mysql <<-EOSQL
	CREATE USER IF NOT EXISTS ${backup_account}
	  IDENTIFIED BY '${backup_password}' WITH MAX_USER_CONNECTIONS 2;
	ALTER USER ${backup_account} IDENTIFIED BY '${backup_password}';
	REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${backup_account};
	GRANT SELECT, SHOW VIEW, TRIGGER ON \`${backup_schema}\`.* TO ${backup_account};
	${routines}
EOSQL
