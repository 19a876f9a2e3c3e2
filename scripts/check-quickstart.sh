#!/usr/bin/env bash
# Proves the README's quick start: scripts/run-local.sh brings up dbmigrate, back and
# front, and the curl walk-through of docs/api.md works against it, with the back on its
# own database account, which the server refuses any DDL (docs/security.md, "Database
# accounts"). Ends with "N passed, N failed". Uses ports 18080/18090 so a stack on the
# default ports is untouched.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
command -v jq >/dev/null || { echo "check-quickstart: jq is required" >&2; exit 1; }

export FRONT_PORT=18080 BACK_PORT=18090
log=target/run-local/quickstart.log
mkdir -p "$(dirname "$log")"
passed=0 failed=0
check() { # check "what" command...: runs the command, counts and prints the result
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then passed=$((passed + 1)); echo "PASS  $what"; else failed=$((failed + 1)); echo "FAIL  $what"; fi
}

setsid bash scripts/run-local.sh > "$log" 2>&1 &
runner=$!
for _ in $(seq 1 180); do
  grep -q "DomainDesk is running" "$log" && break
  kill -0 "$runner" 2>/dev/null || break
  sleep 1
done
check "scripts/run-local.sh starts the stack and prints the URL and the admin e-mail" \
  grep -q "UI:    http://localhost:$FRONT_PORT/" "$log"

# The checks, one function each (check runs them and counts).
api_url_reaches_the_ui() { [ "$(curl -fs "http://localhost:$FRONT_PORT/config.json" | jq -r .apiUrl)" = "$API" ]; }
cors_lets_the_ui_in() {
  curl -fs -o /dev/null -X OPTIONS "$API/domains" -H "Origin: http://localhost:$FRONT_PORT" \
    -H "Access-Control-Request-Method: POST" -D - | grep -qi "^access-control-allow-origin: http://localhost:$FRONT_PORT"
}
created_with_location_and_etag() {
  grep -q "^HTTP/1.1 201" <<<"$created" && grep -qi "^Location: /api/v1/domains/" <<<"$created" &&
    grep -qi '^ETag: "0"' <<<"$created"
}
listed_as_expiring() {
  curl -s "$API/domains?expiringWithinDays=30&sort=expiresAt,asc&size=100" -H "Authorization: Bearer $TOKEN" |
    jq -e --arg n "$name" 'any(.content[]; .name == $n)'
}
patched_with_if_match() {
  curl -s -o /dev/null -w "%{http_code}" -X PATCH "http://localhost:$BACK_PORT$location" -H "Authorization: Bearer $TOKEN" \
    -H 'If-Match: "0"' -H "Content-Type: application/json" -d '{"notes":"renew with the new card"}' | grep -qx 200
}
# The back's account, as the back uses it (MariaDB or MySQL client, over TCP).
back_sql() {
  local client=mariadb
  command -v mariadb >/dev/null || client=mysql
  MYSQL_PWD=$DB_BACK_PASSWORD "$client" -h127.0.0.1 -P3306 -u"$DB_BACK_USER" "$DB_NAME" -N -e "$1" 2>&1
}
# Refused for lack of the privilege, not for any other reason.
refused() { local out; ! out=$(back_sql "$1") && grep -q "command denied" <<<"$out"; }
back_reads_and_writes_rows() {
  back_sql "SELECT COUNT(*) FROM domains" | grep -qx '[0-9]*' &&
    back_sql "UPDATE domains SET notes = notes WHERE 1 = 0"
}
# The connections the back holds (its pool) are its own account's, none the migration one's.
back_connected_as_its_account() {
  (
    . scripts/lib/db.sh
    n=$(db_admin_sql "SELECT SUM(USER = '$DB_BACK_USER'), SUM(USER = '$DB_USER') FROM information_schema.PROCESSLIST WHERE DB = '$DB_NAME'" | tail -n1)
    [ "${n%%[[:space:]]*}" -gt 0 ] && [ "${n##*[[:space:]]}" = 0 ]
  )
}
both_stopped() {
  sleep 2
  ! curl -fs -o /dev/null "http://localhost:$((BACK_PORT + 1))/actuator/health/liveness" &&
    ! curl -fs -o /dev/null "http://localhost:$((FRONT_PORT + 1))/actuator/health/liveness"
}

if grep -q "DomainDesk is running" "$log"; then
  set -a
  # shellcheck source=/dev/null
  . ./.env.local
  set +a
  API=http://localhost:$BACK_PORT/api/v1
  check "the UI is served" curl -fs "http://localhost:$FRONT_PORT/"
  check "the UI is told where the API is (API_URL)" api_url_reaches_the_ui
  check "the API lets the UI's origin in (CORS)" cors_lets_the_ui_in

  # docs/api.md, "A walk-through with curl"
  TOKEN=$(curl -s "$API/auth/token" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .accessToken)
  check "sign in as the administrator" test -n "$TOKEN" -a "$TOKEN" != null
  ME=$(curl -s "$API/users/me" -H "Authorization: Bearer $TOKEN" | jq .id)
  check "who am I" test "$ME" -gt 0
  name="quickstart-$(date +%s)-$RANDOM.example.com"
  created=$(curl -si "$API/domains" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"registrar\":\"Gandi\",\"expiresAt\":\"$(date -u -d '+20 days' +%F)\",\"ownerId\":$ME}")
  check "create a domain expiring in 20 days (201, Location, ETag)" created_with_location_and_etag
  location=$(sed -n 's/^[Ll]ocation: *//p' <<<"$created" | tr -d '\r')
  check "it is listed among those expiring within 30 days" listed_as_expiring
  check "change it, guarded by its ETag" patched_with_if_match

  # docs/security.md, "Database accounts": the back works with rows only.
  check "the back is connected as $DB_BACK_USER, not as the migration account $DB_USER" back_connected_as_its_account
  check "$DB_BACK_USER reads and writes rows" back_reads_and_writes_rows
  check "$DB_BACK_USER may not CREATE TABLE" refused "CREATE TABLE ddl_probe (id INT)"
  check "$DB_BACK_USER may not DROP TABLE" refused "DROP TABLE ddl_probe_absent"
  check "$DB_BACK_USER may not ALTER TABLE" refused "ALTER TABLE ddl_probe_absent ADD COLUMN c INT"
  check "$DB_BACK_USER may not GRANT" refused "GRANT SELECT ON domains TO '$DB_BACK_USER'@'127.0.0.1'"
fi

kill -TERM -- -"$runner" 2>/dev/null
wait "$runner" 2>/dev/null
check "Ctrl-C (SIGTERM) stops back and front" both_stopped
[ "$failed" -eq 0 ] || { echo "--- $log"; tail -30 "$log"; }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
