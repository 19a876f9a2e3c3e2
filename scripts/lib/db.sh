# shellcheck shell=bash
# Sourced by the scripts that talk to the local database server as its administrator
# (run-local.sh). It starts nothing: a MySQL 8.4 or MariaDB server must answer on
# 127.0.0.1:3306 (on a fresh Debian machine, .ci/prepare.sh installs and starts MariaDB).
db_port=3306

db_server_answers() { (exec 3<>/dev/tcp/127.0.0.1/$db_port) 2>/dev/null; }

if ! db_server_answers; then
  echo "No database server on 127.0.0.1:$db_port: start MySQL 8.4 or MariaDB there" \
    "(on Debian, .ci/prepare.sh installs and starts MariaDB)." >&2
  exit 1
fi

db_admin_sql() {
  # Debian's MariaDB lets the local root in through its Unix socket; other servers
  # (a MySQL container, some machines) have a root with an empty password on TCP.
  mariadb --protocol=socket -uroot -e "$1" 2>/dev/null || mysql --protocol=socket -uroot -e "$1" 2>/dev/null ||
    mariadb -h127.0.0.1 -P$db_port -uroot -e "$1" 2>/dev/null || mysql -h127.0.0.1 -P$db_port -uroot -e "$1"
}

random_secret() { head -c "${1:-24}" /dev/urandom | base64 | tr -d '/+=\n'; }
