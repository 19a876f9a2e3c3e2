#!/usr/bin/env bash
# Checks the back's OpenAPI document, back/target/openapi.json (written by every build of
# the back, see back/pom.xml):
#   1. Spectral with spectral:oas and the OWASP API security ruleset
#      (tests/openapi/.spectral.yaml): no error and no warning.
#   2. A live back (the built jars: dbmigrate, then back, on a fresh database of the local
#      MySQL/MariaDB server) serves that same document.
#   3. Contract tests generated from the document by Portman (tests/openapi/portman-config.json),
#      run by Newman against that back as its first administrator: one test per assertion.
#   4. No breaking change against the released v1 document, docs/openapi/v1.json
#      (openapi-diff), and the same check fails on a removed endpoint and a removed field.
# Needs node >= 20 with npm (installs the tools with `npm ci` in tests/openapi/), a JDK 25,
# jq, the mariadb client and a database server on 127.0.0.1:3306. Builds the jars when
# missing. Ends with a line "openapi: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
. scripts/lib/java.sh
. scripts/lib/db.sh

openapi_diff=org.openapitools.openapidiff:openapi-diff-maven:2.0.1:diff
doc=back/target/openapi.json
released=docs/openapi/v1.json
work=target/check-openapi
rm -rf "$work" && mkdir -p "$work"

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS  $1"; }
fail() { failed=$((failed + 1)); echo "FAIL  $1"; }
# Returns the check's status, so that `check ... || show-why` prints the reason.
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; return 1; fi; }
summary() { echo "openapi: $passed passed, $failed failed"; }

for tool in node npm jq curl; do
  command -v "$tool" >/dev/null || { echo "check-openapi: $tool is required" >&2; exit 1; }
done
command -v mariadb >/dev/null || command -v mysql >/dev/null ||
  { echo "check-openapi: the mariadb (or mysql) client is required" >&2; exit 1; }
(cd tests/openapi && npm ci --no-audit --no-fund --loglevel=error) || exit 1
bin=tests/openapi/node_modules/.bin

if [ ! -f "$doc" ] || [ ! -f back/target/back.jar ] || [ ! -f dbmigrate/target/dbmigrate.jar ]; then
  echo "Building the jars and the document (./mvnw package, tests skipped)..."
  ./mvnw -B -q -pl dbmigrate,back -am package -DskipTests || exit 1
fi

# ---- 1. lint -------------------------------------------------------------------------
"$bin/spectral" lint --ruleset tests/openapi/.spectral.yaml --format json --output "$work/lint.json" \
  --fail-severity error "$doc" >/dev/null 2>"$work/lint.err"
if jq -e 'type == "array"' "$work/lint.json" >/dev/null 2>&1; then
  jq -r '.[] | "      \(.code) \(["error", "warning", "info", "hint"][.severity]): \(.message) at \(.path | join("."))"' \
    "$work/lint.json"
  lint_clean() { jq -e 'length == 0' "$work/lint.json" >/dev/null; }
  check "Spectral (spectral:oas, OWASP): $(jq length "$work/lint.json") problem(s)" lint_clean
else
  cat "$work/lint.err"
  fail "Spectral could not lint $doc"
fi

# ---- 2. a live back --------------------------------------------------------------------
free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
suffix=$(random_secret 9 | tr '[:upper:]' '[:lower:]' | tr -cd 'a-z0-9' | head -c 8)
export DB_HOST=127.0.0.1 DB_PORT=$db_port DB_NAME=contract_$suffix DB_USER=contract_$suffix
DB_PASSWORD=$(random_secret 18) JWT_SECRET=$(random_secret 48) ADMIN_PASSWORD=$(random_secret 15)
export DB_PASSWORD JWT_SECRET ADMIN_PASSWORD ADMIN_EMAIL=admin@example.com
SERVER_PORT=$(free_port) MANAGEMENT_SERVER_PORT=$(free_port)
export SERVER_PORT MANAGEMENT_SERVER_PORT
back_pid=
cleanup() {
  [ -n "$back_pid" ] && kill "$back_pid" 2>/dev/null && wait "$back_pid" 2>/dev/null
  db_admin_sql "DROP DATABASE IF EXISTS \`$DB_NAME\`; DROP USER IF EXISTS '$DB_USER'@'%';" || true
}
trap cleanup EXIT
db_admin_sql "CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
              CREATE USER '$DB_USER'@'%' IDENTIFIED BY '$DB_PASSWORD';
              GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'%';" || exit 1
java -jar dbmigrate/target/dbmigrate.jar update >"$work/dbmigrate.log" 2>&1 ||
  { tail -20 "$work/dbmigrate.log"; fail "dbmigrate migrates a fresh database"; summary; exit 1; }
java -jar back/target/back.jar >"$work/back.log" 2>&1 &
back_pid=$!
for _ in $(seq 1 240); do
  curl -fs -o /dev/null "http://127.0.0.1:$MANAGEMENT_SERVER_PORT/actuator/health/readiness" && break
  kill -0 "$back_pid" 2>/dev/null || break
  sleep 1
done
if ! curl -fs -o /dev/null "http://127.0.0.1:$MANAGEMENT_SERVER_PORT/actuator/health/readiness"; then
  tail -20 "$work/back.log"
  fail "the back starts and is ready"
  summary
  exit 1
fi
base=http://127.0.0.1:$SERVER_PORT

served_is_built() { diff <(curl -fs "$base/api/v1/openapi.json" | jq -S .) <(jq -S . "$doc") >"$work/served.diff"; }
check "the back serves the document the build wrote" served_is_built || head -20 "$work/served.diff"

# ---- 3. contract tests -------------------------------------------------------------------
(cd "$work" && "../../$bin/portman" --local "../../$doc" --baseUrl "$base" \
  --portmanConfigFile ../../tests/openapi/portman-config.json --output collection.json >portman.log 2>&1) ||
  { tail -20 "$work/portman.log"; fail "Portman generates the contract tests"; summary; exit 1; }
"$bin/newman" run "$work/collection.json" --env-var "adminEmail=$ADMIN_EMAIL" --env-var "adminPassword=$ADMIN_PASSWORD" \
  --reporters cli,json --reporter-json-export "$work/newman.json" --color off >"$work/newman.log" 2>&1
if [ -f "$work/newman.json" ]; then
  read -r total bad requests request_errors < <(jq -r '.run.stats | "\(.assertions.total) \(.assertions.failed) \(.requests.total) \(.requests.failed)"' "$work/newman.json")
  grep -E '^\s*[0-9]+\. |AssertionError|→' "$work/newman.log" | head -80
  passed=$((passed + total - bad)); failed=$((failed + bad))
  echo "      Newman: $requests requests, $total assertions, $bad failed (log $work/newman.log)"
  operations=$(jq '[.paths[][]] | length' "$doc")
  # Portman makes one request or more per operation; fewer means operations were left out.
  check "Newman sent at least one request per operation without a transport error ($operations operations, $requests requests, $request_errors errors)" \
    test "$requests" -ge "$operations" -a "$request_errors" -eq 0
else
  tail -20 "$work/newman.log"
  fail "Newman runs the contract tests"
fi

# ---- 4. breaking changes ---------------------------------------------------------------
# openapi-diff with failOnIncompatible: its log lists the changes, and fails on a breaking one.
compatible() { ./mvnw -B -N "$openapi_diff" -DoldSpec="$released" -DnewSpec="$1" -DfailOnIncompatible=true >"$2" 2>&1; }
incompatible() { ! compatible "$@" && grep -q "backward compatibility" "$2"; }
check "no breaking change against the released $released" compatible "$doc" "$work/diff.log" ||
  sed -n "/What's/,/BUILD/p" "$work/diff.log"
jq 'del(.paths["/api/v1/roles"])' "$released" >"$work/removed-endpoint.json"
check "the check fails when an endpoint is removed (GET /roles)" \
  incompatible "$work/removed-endpoint.json" "$work/diff-removed-endpoint.log"
jq 'del(.components.schemas.DomainResponse.properties.name)' "$released" >"$work/removed-field.json"
check "the check fails when a response field is removed (DomainResponse.name)" \
  incompatible "$work/removed-field.json" "$work/diff-removed-field.log"

summary
[ "$failed" -eq 0 ]
