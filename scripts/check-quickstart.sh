#!/usr/bin/env bash
# Proves the README's quick start: scripts/run-local.sh brings up dbmigrate, back and
# front, and the curl walk-through of docs/api.md works against it. Ends with
# "N passed, N failed". Uses ports 18080/18090 so a stack on the default ports is untouched.
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
fi

kill -TERM -- -"$runner" 2>/dev/null
wait "$runner" 2>/dev/null
check "Ctrl-C (SIGTERM) stops back and front" both_stopped
[ "$failed" -eq 0 ] || { echo "--- $log"; tail -30 "$log"; }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
