#!/usr/bin/env bash
# Runs once, when the mysql container initialises an empty data volume (the official
# image runs /docker-entrypoint-initdb.d/* after creating MYSQL_DATABASE and MYSQL_USER).
# Creates the monitoring user mysqld_exporter signs in with: it may read server status
# and performance_schema, nothing in the application's schema.
set -euo pipefail
: "${MYSQLD_EXPORTER_PASSWORD:?MYSQLD_EXPORTER_PASSWORD is not set}"
pw=${MYSQLD_EXPORTER_PASSWORD//\'/\'\'}
MYSQL_PWD=$MYSQL_ROOT_PASSWORD mysql --protocol=socket -uroot <<SQL
CREATE USER IF NOT EXISTS 'exporter'@'%' IDENTIFIED BY '$pw' WITH MAX_USER_CONNECTIONS 3;
GRANT PROCESS, REPLICATION CLIENT ON *.* TO 'exporter'@'%';
GRANT SELECT ON performance_schema.* TO 'exporter'@'%';
SQL
echo "created the database user 'exporter' for mysqld_exporter"
