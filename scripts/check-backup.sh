#!/usr/bin/env bash
# The restore drill, on the local database server (TEST_DB_* from .env.test, written by
# .ci/setup-test-db.sh): dbmigrate and the back from the built jars on a database of
# their own; users and domains written through the API; the backup account created by
# k8s/components/backup/50-backup-user.sh; a dump by backup.sh as that account; the
# database dropped; restore.sh run as `bash -s DUMP < restore.sh`, the way
# docs/backup.md runs it in the MySQL pod; then every row of every table compared with
# what was there before (row count and a hash of the ordered rows, and each table's
# definition), and the back restarted and asked for the same data. Also: a missing,
# corrupt, truncated or foreign dump is refused with a reason and a non-zero exit
# before anything is dropped, and a failed backup leaves no file.
# Ends with "backup: N passed, M failed". Uses random ports; drops what it created.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
. scripts/lib/java.sh
component=k8s/components/backup

for tool in mysql mysqldump gzip curl jq; do
  command -v "$tool" >/dev/null || { echo "check-backup: $tool is required" >&2; exit 1; }
done
if [ -z "${TEST_DB_URL:-}" ] && [ -f .env.test ]; then
  set -a
  # shellcheck source=/dev/null
  . ./.env.test
  set +a
fi
[ -n "${TEST_DB_URL:-}" ] || { echo "check-backup: TEST_DB_URL is not set (run .ci/setup-test-db.sh)" >&2; exit 1; }
if [ ! -f back/target/back.jar ] || [ ! -f dbmigrate/target/dbmigrate.jar ]; then
  echo "check-backup: building the back and dbmigrate jars (tests skipped)"
  ./mvnw -B -q package -DskipTests -pl back,dbmigrate -am || exit 1
fi

# The server of TEST_DB_URL (jdbc:mysql://host:port[/...]) and its administrator.
server=${TEST_DB_URL#*://}
server=${server%%/*}
export DB_HOST=${server%:*} DB_PORT=${server##*:}
suffix=$(date +%s)$RANDOM
export DB_NAME=dd_backup_$suffix
backup_user=dd_backup_$suffix
backup_secret=$(head -c 18 /dev/urandom | base64 | tr -d '/+=\n')
work=$(mktemp -d)
mkdir "$work/dumps"
admin_cnf=$work/admin.cnf
printf '[client]\nhost=%s\nport=%s\nuser=%s\npassword="%s"\n' "$DB_HOST" "$DB_PORT" "$TEST_DB_USER" "$TEST_DB_PASSWORD" > "$admin_cnf"
admin_sql() { mysql --defaults-extra-file="$admin_cnf" --batch --skip-column-names "$@"; }

back_pid=
stop_back() {
  [ -n "$back_pid" ] || return 0
  kill "$back_pid" 2>/dev/null
  wait "$back_pid" 2>/dev/null
  back_pid=
}
cleanup() {
  stop_back
  admin_sql --execute="DROP DATABASE IF EXISTS \`$DB_NAME\`; DROP USER IF EXISTS '$backup_user'@'127.0.0.1';" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0
check() { # check "what" command...: runs the command, counts and prints the result
  local what=$1; shift
  if "$@" > "$work/check.log" 2>&1; then
    passed=$((passed + 1)); echo "PASS  $what"
  else
    failed=$((failed + 1)); echo "FAIL  $what"; sed 's/^/      /' "$work/check.log" | tail -n 15
  fi
}

# ------------------------------------------------------------- the application
admin_email=drill-admin@example.com
admin_password=$(head -c 15 /dev/urandom | base64 | tr -d '/+=\n')Aa1
jwt_secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
free_port() {
  local port
  while port=$(shuf -i 20000-60000 -n 1); (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do :; done
  echo "$port"
}
back_port=$(free_port)
management_port=$(free_port)
API=http://127.0.0.1:$back_port/api/v1
app_env=(DB_USER="$TEST_DB_USER" DB_PASSWORD="$TEST_DB_PASSWORD" ADMIN_EMAIL="$admin_email"
  ADMIN_PASSWORD="$admin_password" JWT_SECRET="$jwt_secret" SERVER_PORT="$back_port"
  MANAGEMENT_SERVER_PORT="$management_port")

start_back() {
  env "${app_env[@]}" java -jar back/target/back.jar >> "$work/back.log" 2>&1 &
  back_pid=$!
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$management_port/actuator/health/readiness" && return 0
    kill -0 "$back_pid" 2>/dev/null || break
    sleep 1
  done
  echo "the back did not become ready:"; tail -n 20 "$work/back.log"
  return 1
}
sign_in() {
  TOKEN=$(curl -fs "$API/auth/token" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" | jq -r .accessToken)
  [ -n "$TOKEN" ] && [ "$TOKEN" != null ]
}
post() { curl -fs -o /dev/null -w '%{http_code}' "$API/$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2" | grep -qx 201; }

# What the API shows: every user and every domain, in a fixed order.
api_view() {
  curl -fs "$API/users?size=100&sort=email,asc" -H "Authorization: Bearer $TOKEN" |
    jq -c '[.content[] | {id, email, firstName, lastName, roles, createdAt}]' &&
    curl -fs "$API/domains?size=100&sort=name,asc" -H "Authorization: Bearer $TOKEN" |
    jq -c '[.content[] | {id, name, registrar, expiresAt, notes, owner: .owner.email, updatedAt}]'
}

write_data() {
  local i owners=()
  for i in 1 2 3 4 5; do
    post users "{\"email\":\"owner$i@drill.example\",\"firstName\":\"Zoë $i\",\"lastName\":\"Ørsted\",\"password\":\"a-long-password-$i\",\"roles\":[\"DOMAIN_WRITE\"]}" || return 1
  done
  mapfile -t owners < <(curl -fs "$API/users?size=100&q=drill.example" -H "Authorization: Bearer $TOKEN" | jq '.content[].id')
  [ "${#owners[@]}" -eq 5 ] || { echo "expected 5 owners, got ${#owners[@]}"; return 1; }
  for i in $(seq 1 30); do
    post domains "{\"name\":\"drill-$i.example.com\",\"registrar\":\"Gandi\",\"expiresAt\":\"$(date -u -d "+$i days" +%F)\",\"ownerId\":${owners[i % 5]},\"notes\":\"renew — card ending 42 🚀 #$i\"}" || return 1
  done
}

# ------------------------------------------------------------- the comparison
# One line per table: name, row count, hash of all rows ordered by every column, hash
# of its definition (SHOW CREATE TABLE, AUTO_INCREMENT included).
fingerprint() {
  local table columns order
  admin_sql --execute="SELECT table_name FROM information_schema.tables WHERE table_schema = '$DB_NAME' ORDER BY table_name" > "$work/tables" || return 1
  [ -s "$work/tables" ] || { echo "no tables in $DB_NAME"; return 1; }
  while read -r table; do
    columns=$(admin_sql --execute="SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = '$DB_NAME' AND table_name = '$table'")
    order=$(seq -s, 1 "$columns")
    printf '%s %s %s %s\n' "$table" \
      "$(admin_sql --execute="SELECT COUNT(*) FROM \`$DB_NAME\`.\`$table\`")" \
      "$(admin_sql --execute="SELECT * FROM \`$DB_NAME\`.\`$table\` ORDER BY $order" | sha256sum | cut -c1-16)" \
      "$(admin_sql --execute="SHOW CREATE TABLE \`$DB_NAME\`.\`$table\`" | sha256sum | cut -c1-16)"
  done < "$work/tables"
}
same_as_before() {
  fingerprint > "$work/after" || return 1
  diff "$work/before" "$work/after"
}
total_rows() { awk '{ n += $2 } END { print n }' "$1"; }

# ------------------------------------------------------------- the scripts under test
backup() { DB_USER=$backup_user DB_PASSWORD=$backup_secret bash "$component/backup.sh" "$@"; }
restore() { # restore DUMP: piped into bash, as in the MySQL pod (docs/backup.md)
  DB_USER=$TEST_DB_USER DB_PASSWORD=$TEST_DB_PASSWORD bash -s "$1" < "$component/restore.sh"
}
create_backup_account() {
  (
    # shellcheck disable=SC2317  # called by the sourced script
    docker_process_sql() { mysql --defaults-extra-file="$admin_cnf" "$@"; }
    export MYSQL_BACKUP_USER=$backup_user MYSQL_BACKUP_HOST=127.0.0.1
    export MYSQL_BACKUP_PASSWORD=$backup_secret MYSQL_DATABASE=$DB_NAME
    # shellcheck source=../k8s/components/backup/50-backup-user.sh
    . "$component/50-backup-user.sh"
  )
}
backup_account_reads_only() {
  local cnf=$work/backup.cnf
  printf '[client]\nhost=%s\nport=%s\nuser=%s\npassword="%s"\n' "$DB_HOST" "$DB_PORT" "$backup_user" "$backup_secret" > "$cnf"
  mysql --defaults-extra-file="$cnf" --execute="SELECT COUNT(*) FROM \`$DB_NAME\`.domains" || return 1
  if mysql --defaults-extra-file="$cnf" --execute="DELETE FROM \`$DB_NAME\`.domains" 2>&1; then echo "DELETE was allowed"; return 1; fi
  if mysql --defaults-extra-file="$cnf" --execute="CREATE TABLE \`$DB_NAME\`.x (i INT)" 2>&1; then echo "CREATE TABLE was allowed"; return 1; fi
  if mysql --defaults-extra-file="$cnf" --execute="SELECT COUNT(*) FROM mysql.user" 2>&1; then echo "reads mysql.user"; return 1; fi
}
# expect_failure PATTERN command...: fails unless the command exits non-zero with
# exactly one line on stderr matching PATTERN.
expect_failure() {
  local pattern=$1; shift
  if "$@" > /dev/null 2> "$work/stderr"; then echo "succeeded"; return 1; fi
  cat "$work/stderr"
  [ "$(wc -l < "$work/stderr")" -eq 1 ] && grep -q "$pattern" "$work/stderr"
}
restore_into() { DB_NAME=$1 restore "$2"; }
migrate() {
  admin_sql --execute="CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" &&
    env "${app_env[@]}" java -jar dbmigrate/target/dbmigrate.jar update
}
destroy_database() {
  admin_sql --execute="DROP DATABASE \`$DB_NAME\`" || return 1
  ! admin_sql --execute="USE \`$DB_NAME\`" 2>/dev/null
}
same_api_view() {
  api_view > "$work/api-after" || return 1
  diff "$work/api-before" "$work/api-after"
}
# The only file is the dump of the successful backup, by name.
no_partial_dump_left() { [ -n "$dump" ] && [ "$(find "$work/dumps" -type f)" = "$dump" ]; }

# ------------------------------------------------------------- the drill
echo "check-backup: database $DB_NAME on $DB_HOST:$DB_PORT"
check "dbmigrate creates the schema" migrate
check "the back starts" start_back
check "sign in as the administrator" sign_in
check "5 users and 30 domains written through the API" write_data
api_view > "$work/api-before"
fingerprint > "$work/before"
echo "      $(wc -l < "$work/before") tables, $(total_rows "$work/before") rows"

check "50-backup-user.sh creates the backup account" create_backup_account
check "the backup account reads the schema and writes nothing" backup_account_reads_only
check "backup.sh writes a dump as the backup account" backup "$work/dumps"
dump=$(find "$work/dumps" -name "$DB_NAME-*.sql.gz" | head -n 1)
check "a failed backup (wrong password) says why in one line and leaves no file" \
  expect_failure '^backup: mysqldump .* failed: .*Access denied' \
  env DB_USER="$backup_user" DB_PASSWORD=wrong bash "$component/backup.sh" "$work/dumps"
check "  ... and no partial dump is left" no_partial_dump_left
check "a backup into a missing directory fails" expect_failure '^backup: .* is not a writable directory' backup "$work/nowhere"

# Broken dumps, all refused before anything is dropped.
head -c "$(($(stat -c %s "$dump") / 2))" "$dump" > "$work/truncated.sql.gz"
head -c 4096 /dev/urandom > "$work/garbage.sql.gz"
gzip -dc "$dump" | head -n 40 | gzip -c > "$work/incomplete.sql.gz"
check "restore of a missing dump fails" expect_failure '^restore: no such dump' restore "$work/missing.sql.gz"
check "restore of a truncated file fails" expect_failure '^restore: .* is corrupt or truncated' restore "$work/truncated.sql.gz"
check "restore of a file that is not gzip fails" expect_failure '^restore: .* is corrupt or truncated' restore "$work/garbage.sql.gz"
check "restore of an incomplete dump fails" expect_failure '^restore: .* is incomplete' restore "$work/incomplete.sql.gz"
check "restore of another database's dump fails" \
  expect_failure "^restore: .* holds database $DB_NAME, not DB_NAME other" restore_into other "$dump"
check "  ... and the refused restores changed nothing" same_as_before

# The disaster, then the restore.
stop_back
check "the database is destroyed" destroy_database
check "restore.sh restores the dump" restore "$dump"
check "every row of every table is back, definitions included ($(wc -l < "$work/before") tables, $(total_rows "$work/before") rows)" same_as_before
check "the back starts on the restored database" start_back
check "the administrator signs in again" sign_in
check "the API serves the same users and domains" same_api_view
check "the API writes again after the restore" post domains \
  "{\"name\":\"after-restore.example.com\",\"registrar\":\"Gandi\",\"expiresAt\":\"$(date -u -d '+90 days' +%F)\",\"ownerId\":$(jq '.[0].id' <<<"$(head -n 1 "$work/api-before")")}"

echo "backup: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
