# Sourced by the scripts: makes sure a MySQL-compatible server answers on 127.0.0.1:3306
# (on Debian without one, installs and starts MariaDB) and defines db_admin_sql.
db_port=3306

db_server_answers() { (exec 3<>/dev/tcp/127.0.0.1/$db_port) 2>/dev/null; }

if ! db_server_answers; then
  if [ ! -x /usr/sbin/mariadbd ]; then
    command -v apt-get >/dev/null || { echo "No database on 127.0.0.1:$db_port and no apt-get to install MariaDB: start MySQL 8.4 or MariaDB there." >&2; exit 1; }
    echo "Installing MariaDB (Debian package mariadb-server)..."
    # Another apt-get may hold the dpkg lock (a shared machine): wait for it.
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq mariadb-server >/dev/null
  fi
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  # No systemd on these machines: start the daemon directly, on loopback only.
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=127.0.0.1
  for _ in $(seq 1 60); do db_server_answers && break; sleep 0.5; done
  db_server_answers || { echo "MariaDB did not start on 127.0.0.1:$db_port" >&2; exit 1; }
fi

db_admin_sql() {
  # Debian's MariaDB lets the local root in through its Unix socket; some machines
  # instead run a server whose root has an empty password on TCP.
  mariadb --protocol=socket -uroot -e "$1" 2>/dev/null || mariadb -h127.0.0.1 -P$db_port -uroot -e "$1"
}

random_secret() { head -c "${1:-24}" /dev/urandom | base64 | tr -d '/+=\n'; }
