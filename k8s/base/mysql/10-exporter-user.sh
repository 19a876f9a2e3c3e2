#!/bin/bash
# Sourced (not executed: mounted without the executable bit) by the mysql
# image's entrypoint on the first start, while the temporary server runs.
# Creates the least-privilege account mysqld_exporter connects with: it can
# read server status and performance_schema, nothing in the application's
# schema, from the pod itself only (127.0.0.1), with at most 3 connections.
# The password comes from the "mysql" Secret (MYSQLD_EXPORTER_PASSWORD).
# The one copy of this script: docker-compose.yaml mounts this same file.
if [ -z "${MYSQLD_EXPORTER_PASSWORD:-}" ]; then
  echo >&2 'MYSQLD_EXPORTER_PASSWORD is not set'
  exit 1
fi
# As an SQL string literal: backslashes and single quotes escaped (as the
# image's own docker_sql_escape_string_literal does), so a password holding
# ' or \ is stored exactly as given instead of breaking the statement.
exporter_password=${MYSQLD_EXPORTER_PASSWORD//\\/\\\\}
exporter_password=${exporter_password//\'/\\\'}
docker_process_sql --database=mysql <<-EOSQL
	CREATE USER IF NOT EXISTS 'exporter'@'127.0.0.1'
	  IDENTIFIED BY '${exporter_password}' WITH MAX_USER_CONNECTIONS 3;
	GRANT PROCESS, REPLICATION CLIENT ON *.* TO 'exporter'@'127.0.0.1';
	GRANT SELECT ON performance_schema.* TO 'exporter'@'127.0.0.1';
EOSQL
