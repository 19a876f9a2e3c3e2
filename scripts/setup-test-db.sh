#!/usr/bin/env bash
# Makes sure a MySQL-compatible server answers on 127.0.0.1:3306 and that a test user
# may create databases on it, then writes the TEST_DB_* variables the tests read to
# .env.test (git-ignored). On Debian without a server it installs and starts MariaDB.
set -euo pipefail
cd "$(dirname "$0")/.."

env_file=.env.test
port=3306

server_answers() { (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; }

if ! server_answers; then
  if ! command -v mariadbd >/dev/null && [ ! -x /usr/sbin/mariadbd ]; then
    echo "Installing MariaDB (Debian package mariadb-server)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
  fi
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  # No systemd on these machines: start the daemon directly.
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=127.0.0.1
  for _ in $(seq 1 60); do server_answers && break; sleep 0.5; done
  server_answers || { echo "MariaDB did not start on 127.0.0.1:$port" >&2; exit 1; }
fi

admin_sql() {
  # Debian's MariaDB lets the local root in through its Unix socket; some machines
  # instead run a server whose root has an empty password on TCP.
  mariadb --protocol=socket -uroot -e "$1" 2>/dev/null || mariadb -h127.0.0.1 -P$port -uroot -e "$1"
}

if [ -f "$env_file" ]; then
  # shellcheck disable=SC1090
  . "$env_file"
  password=$TEST_DB_PASSWORD
else
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
fi

# The tests create and drop their own databases (dd_test_*), hence the global grants;
# this user exists for tests on a local server only.
admin_sql "CREATE USER IF NOT EXISTS 'domaindesk_test'@'127.0.0.1' IDENTIFIED BY '$password';
           ALTER USER 'domaindesk_test'@'127.0.0.1' IDENTIFIED BY '$password';
           GRANT ALL PRIVILEGES ON *.* TO 'domaindesk_test'@'127.0.0.1' WITH GRANT OPTION;
           FLUSH PRIVILEGES;"

cat > "$env_file" <<ENV
TEST_DB_URL=jdbc:mysql://127.0.0.1:$port
TEST_DB_USER=domaindesk_test
TEST_DB_PASSWORD=$password
ENV
echo "Test database server ready on 127.0.0.1:$port (settings in $env_file)"
