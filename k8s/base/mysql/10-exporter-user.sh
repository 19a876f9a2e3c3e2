#!/bin/bash
# Sourced (not executed: mounted without the executable bit) by the mysql
# image's entrypoint on the first start, while the temporary server runs.
# Creates the least-privilege account mysqld_exporter connects with: it can
# read server status and performance_schema, nothing in the application's
# schema, from the pod itself only (127.0.0.1), with at most 3 connections.
# The password comes from the "mysql" Secret (MYSQLD_EXPORTER_PASSWORD).
if [ -z "${MYSQLD_EXPORTER_PASSWORD:-}" ]; then
  echo >&2 'MYSQLD_EXPORTER_PASSWORD is not set'
  exit 1
fi
docker_process_sql --database=mysql <<-EOSQL
	CREATE USER IF NOT EXISTS 'exporter'@'127.0.0.1'
	  IDENTIFIED BY '${MYSQLD_EXPORTER_PASSWORD}' WITH MAX_USER_CONNECTIONS 3;
	GRANT PROCESS, REPLICATION CLIENT ON *.* TO 'exporter'@'127.0.0.1';
	GRANT SELECT ON performance_schema.* TO 'exporter'@'127.0.0.1';
EOSQL
