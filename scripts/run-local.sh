#!/usr/bin/env bash
# Runs DomainDesk on this machine without containers: dbmigrate, then back and front,
# against the MySQL/MariaDB server on 127.0.0.1:3306.
# First run on a machine: generates the database passwords, the JWT key and the first
# administrator's password (~/.config/domaindesk/local.env, copied to .env.local, which
# is git-ignored). Two database accounts, as in every deployment: DB_USER owns the
# schema (dbmigrate), DB_BACK_USER only reads and writes rows (the back). Ctrl-C stops
# everything.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/java.sh
. scripts/lib/db.sh

# The settings belong to this machine's database server, so every checkout shares them:
# kept in ~/.config/domaindesk/local.env and copied to .env.local for convenience.
env_file=.env.local
machine_env=${XDG_CONFIG_HOME:-$HOME/.config}/domaindesk/local.env
mkdir -p "$(dirname "$machine_env")"
if [ ! -f "$machine_env" ] && [ -f "$env_file" ]; then
  cp "$env_file" "$machine_env"
fi
if [ ! -f "$machine_env" ]; then
  # Fresh secrets cannot sign in to a database someone else already migrated: use a new one.
  db_name=domaindesk
  if db_admin_sql "USE domaindesk" 2>/dev/null; then
    db_name=domaindesk_$(random_secret 6 | tr '[:upper:]' '[:lower:]' | tr -cd 'a-z0-9')
  fi
  (umask 077; cat > "$machine_env" <<ENV
# Made by scripts/run-local.sh for this machine only; never commit it.
DB_HOST=127.0.0.1
DB_PORT=$db_port
DB_NAME=$db_name
DB_USER=domaindesk
DB_PASSWORD=$(random_secret 18)
DB_BACK_USER=domaindesk_back
DB_BACK_PASSWORD=$(random_secret 18)
JWT_SECRET=$(random_secret 48)
ADMIN_EMAIL=admin@example.com
ADMIN_PASSWORD=$(random_secret 15)
ENV
  )
  echo "Wrote $machine_env with fresh secrets (database $db_name)."
fi
# A file written before the back had its own account: add it.
if ! grep -q '^DB_BACK_USER=' "$machine_env"; then
  printf 'DB_BACK_USER=domaindesk_back\nDB_BACK_PASSWORD=%s\n' "$(random_secret 18)" >> "$machine_env"
fi
cp "$machine_env" "$env_file"
# The file written just above:
set -a
# shellcheck source=/dev/null
. "./$env_file"
set +a

# Set the password even if the user was created earlier with another one.
# shellcheck disable=SC2153  # DB_NAME and friends come from the env file
db_admin_sql "CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
              CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
              CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
              ALTER USER '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
              ALTER USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
              GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'127.0.0.1';
              GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';"
# The back's account, with the script MySQL runs in compose and Kubernetes (rows only);
# from 127.0.0.1 and localhost, as MariaDB may match a local TCP client by either.
for host in 127.0.0.1 localhost; do
  (
    docker_process_sql() { db_admin_sql "$(cat)"; }
    MYSQL_DATABASE=$DB_NAME DB_BACK_HOST=$host
    # shellcheck source=k8s/base/mysql/20-back-user.sh
    . k8s/base/mysql/20-back-user.sh
  )
done

if [ ! -f back/target/back.jar ] || [ ! -f dbmigrate/target/dbmigrate.jar ] || [ ! -f front/target/front.jar ]; then
  echo "Building the jars (./mvnw package, tests skipped)..."
  ./mvnw -B -q package -DskipTests
fi

logs=target/run-local
mkdir -p "$logs"

echo "Migrating the database..."
java -jar dbmigrate/target/dbmigrate.jar update

# The UI and the API listen on different ports here, so the browser calls the API
# cross-origin: API_URL tells the UI where it is, CORS_ALLOWED_ORIGINS lets it in.
FRONT_PORT=${FRONT_PORT:-8080}
BACK_PORT=${BACK_PORT:-8090}
pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

SERVER_PORT=$BACK_PORT MANAGEMENT_SERVER_PORT=$((BACK_PORT + 1)) \
  DB_USER=$DB_BACK_USER DB_PASSWORD=$DB_BACK_PASSWORD \
  CORS_ALLOWED_ORIGINS=http://localhost:$FRONT_PORT \
  java -jar back/target/back.jar > "$logs/back.log" 2>&1 &
pids+=($!)
SERVER_PORT=$FRONT_PORT MANAGEMENT_SERVER_PORT=$((FRONT_PORT + 1)) \
  API_URL=http://localhost:$BACK_PORT/api/v1 \
  java -jar front/target/front.jar > "$logs/front.log" 2>&1 &
pids+=($!)

ready() { curl -fs -o /dev/null "http://localhost:$1/actuator/health/readiness"; }
for _ in $(seq 1 120); do
  ready $((BACK_PORT + 1)) && ready $((FRONT_PORT + 1)) && break
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "A process died; see $logs/*.log" >&2; exit 1; }; done
  sleep 1
done
ready $((BACK_PORT + 1)) || { echo "back is not ready; see $logs/back.log" >&2; exit 1; }
ready $((FRONT_PORT + 1)) || { echo "front is not ready; see $logs/front.log" >&2; exit 1; }

cat <<INFO

DomainDesk is running.
  UI:    http://localhost:$FRONT_PORT/
  API:   http://localhost:$BACK_PORT/api/v1  (OpenAPI: /api/v1/openapi.json)
  Admin: $ADMIN_EMAIL (password: ADMIN_PASSWORD in $env_file)
  Logs:  $logs/back.log, $logs/front.log
Ctrl-C stops it.
INFO
wait
