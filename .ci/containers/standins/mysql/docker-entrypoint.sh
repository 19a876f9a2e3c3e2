#!/usr/bin/env bash
# The parts of the official mysql image's entrypoint that docker-compose.yaml relies on:
# MYSQL_* settings (also as MYSQL_*_FILE), /docker-entrypoint-initdb.d, and the
# docker_process_sql function the init scripts call.
set -euo pipefail

# file_env VAR: VAR's value, or the content of the file named by VAR_FILE (not both).
file_env() {
  local var=$1 file_var=${1}_FILE
  if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
    echo "entrypoint: both $var and $file_var are set (only one is allowed)" >&2; exit 1
  fi
  if [ -n "${!file_var:-}" ]; then
    export "$var"="$(< "${!file_var}")"
    unset "$file_var"
  fi
}
for v in MYSQL_ROOT_PASSWORD MYSQL_DATABASE MYSQL_USER MYSQL_PASSWORD; do file_env "$v"; done
[ "${1:0:1}" = - ] && set -- mysqld "$@"
if [ "$1" != mysqld ] && [ "$1" != mariadbd ]; then exec "$@"; fi
shift
datadir=/var/lib/mysql
sock=/run/mysqld/mysqld.sock
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld "$datadir"

if [ ! -d "$datadir/mysql" ]; then
  : "${MYSQL_ROOT_PASSWORD:?mysql stand-in: MYSQL_ROOT_PASSWORD is required}"
  echo "entrypoint: initialising $datadir"
  mariadb-install-db --user=mysql --datadir="$datadir" --skip-test-db \
    --auth-root-authentication-method=normal >/dev/null
  mariadbd --user=mysql --skip-networking --socket="$sock" &
  pid=$!
  for _ in $(seq 1 60); do mariadb-admin --socket="$sock" -uroot ping >/dev/null 2>&1 && break; sleep 0.5; done
  sql() { mariadb --protocol=socket --socket="$sock" -uroot "$@"; }
  # As in the official image: SQL on stdin, run as root over the socket.
  docker_process_sql() { sql "$@"; }
  sql <<SQL
ALTER USER 'root'@'localhost' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD//\'/\'\'}';
CREATE USER 'root'@'%' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD//\'/\'\'}';
GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;
SQL
  export MYSQL_PWD=$MYSQL_ROOT_PASSWORD
  if [ -n "${MYSQL_DATABASE:-}" ]; then
    sql -e "CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`"
  fi
  if [ -n "${MYSQL_USER:-}" ] && [ -n "${MYSQL_PASSWORD:-}" ]; then
    sql -e "CREATE USER '$MYSQL_USER'@'%' IDENTIFIED BY '${MYSQL_PASSWORD//\'/\'\'}'"
    [ -n "${MYSQL_DATABASE:-}" ] && sql -e "GRANT ALL ON \`$MYSQL_DATABASE\`.* TO '$MYSQL_USER'@'%'"
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    echo "entrypoint: running $f"
    # shellcheck source=/dev/null
    case "$f" in
      # Sourced when not executable, so it can call docker_process_sql.
      *.sh) if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
      *.sql) sql ${MYSQL_DATABASE:+"$MYSQL_DATABASE"} < "$f" ;;
      *.sql.gz) gunzip -c "$f" | sql ${MYSQL_DATABASE:+"$MYSQL_DATABASE"} ;;
    esac
  done
  unset MYSQL_PWD
  kill "$pid"; wait "$pid" || true
  echo "entrypoint: initialisation done"
fi
exec mariadbd --user=mysql "$@"
