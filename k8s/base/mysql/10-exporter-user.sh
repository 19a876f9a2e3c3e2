#!/bin/bash
# Sourced (not executed: mounted without the executable bit) by the mysql
# image's entrypoint on the first start, while the temporary server runs.
# Creates the least-privilege account mysqld_exporter connects with: it can
# read server status and performance_schema, nothing in the application's
# schema, with at most 3 connections, from MYSQLD_EXPORTER_HOST: by default the
# pod itself (127.0.0.1, the exporter is a sidecar); docker-compose.yaml, whose
# exporter is a container of its own, sets '%'.
# The password comes from the "mysql" Secret (MYSQLD_EXPORTER_PASSWORD).
# The one copy of this script: docker-compose.yaml mounts this same file.
if [ -z "${MYSQLD_EXPORTER_PASSWORD:-}" ]; then
  echo >&2 'MYSQLD_EXPORTER_PASSWORD is not set'
  exit 1
fi
# As SQL string literals: backslashes and single quotes escaped (as the
# image's own docker_sql_escape_string_literal does), so a password holding
# ' or \ is stored exactly as given instead of breaking the statement.
sql_literal() {
  local value=${1//\\/\\\\}
  printf '%s' "${value//\'/\\\'}"
}
exporter_password=$(sql_literal "$MYSQLD_EXPORTER_PASSWORD")
exporter_host=$(sql_literal "${MYSQLD_EXPORTER_HOST:-127.0.0.1}")
docker_process_sql --database=mysql <<-EOSQL
	CREATE USER IF NOT EXISTS 'exporter'@'${exporter_host}'
	  IDENTIFIED BY '${exporter_password}' WITH MAX_USER_CONNECTIONS 3;
	GRANT PROCESS, REPLICATION CLIENT ON *.* TO 'exporter'@'${exporter_host}';
	GRANT SELECT ON performance_schema.* TO 'exporter'@'${exporter_host}';
EOSQL
