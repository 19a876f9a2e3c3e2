#!/usr/bin/env bash
# Creates a test user that may create databases on the MySQL-compatible server on
# 127.0.0.1:3306 and writes the TEST_DB_* variables the integration tests read to
# .env.test (git-ignored), which scripts/test.sh loads. Only for machines without a
# Docker engine: with one, the tests start mysql:8.4 through Testcontainers instead.
#
# The user's password belongs to the server, not to one checkout: it is kept in
# ~/.config/domaindesk/test-db.env so that every clone on this machine shares it
# instead of changing it under the others' feet.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/db.sh

machine_env=${XDG_CONFIG_HOME:-$HOME/.config}/domaindesk/test-db.env
if [ -f "$machine_env" ]; then
  password=$(sed -n 's/^TEST_DB_PASSWORD=//p' "$machine_env")
else
  password=$(random_secret 18)
fi

# The tests create and drop their own databases (dd_test_*), hence the global grants;
# this user exists for tests on a local server only.
db_admin_sql "CREATE USER IF NOT EXISTS 'domaindesk_test'@'127.0.0.1' IDENTIFIED BY '$password';
              ALTER USER 'domaindesk_test'@'127.0.0.1' IDENTIFIED BY '$password';
              GRANT ALL PRIVILEGES ON *.* TO 'domaindesk_test'@'127.0.0.1' WITH GRANT OPTION;
              FLUSH PRIVILEGES;"

mkdir -p "$(dirname "$machine_env")"
(umask 077; cat > "$machine_env" <<ENV
TEST_DB_URL=jdbc:mysql://127.0.0.1:$db_port
TEST_DB_USER=domaindesk_test
TEST_DB_PASSWORD=$password
ENV
)
cp "$machine_env" .env.test
echo "Test database server ready on 127.0.0.1:$db_port (settings in .env.test)"
