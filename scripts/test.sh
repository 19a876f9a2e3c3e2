#!/usr/bin/env bash
# Runs every test of DomainDesk and prints one summary:
#   1. ./mvnw verify: unit, integration (real database), process and browser tests
#   2. the README's quick start (scripts/run-local.sh) and docs/api.md's curl walk-through
#   3. the Kubernetes manifests: render, schema and policy checks
#   4. the Terraform configuration: fmt and rule checks
#   5. the docker-compose stack end to end, in real containers
# On a fresh Debian machine it installs what it needs (MariaDB, Chromium, podman).
# Set TEST_DB_URL/TEST_DB_USER/TEST_DB_PASSWORD to use another database server.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/java.sh

logs=target/test-logs
mkdir -p "$logs"
passed=0 failed=0 skipped=0
results=()

# Adds a step's counts, read from the summary lines its test runner printed.
count() {
  local name=$1 log=$2 status=$3 p=0 f=0 s=0
  case $name in
    maven)
      read -r p f s < <(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" |
        sed -E 's/.*Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+), Skipped: ([0-9]+)/\1 \2 \3 \4/' |
        awk '{run+=$1; bad+=$2+$3; skip+=$4} END {print run-bad-skip+0, bad+0, skip+0}') ;;
    *)
      read -r p f < <(grep -E '^[A-Za-z]*:? *[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 |
        sed -E 's/^[A-Za-z]*:? *([0-9]+) passed, ([0-9]+) failed.*/\1 \2/'; echo "0 0") ;;
  esac
  # A step that failed without saying how many tests failed still counts as one failure.
  if [ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then f=1; fi
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  results+=("$(printf '%-10s %s  (%s passed, %s failed, %s skipped; log %s)' "$name" \
    "$([ "$status" -eq 0 ] && echo PASS || echo FAIL)" "${p:-0}" "${f:-0}" "${s:-0}" "$log")")
}

step() {
  local name=$1; shift
  echo "== $name: $*"
  "$@" 2>&1 | tee "$logs/$name.log"
  count "$name" "$logs/$name.log" "${PIPESTATUS[0]}"
}

# A real database for the integration tests: the one given in TEST_DB_URL, else the
# local server (installed on Debian when missing), else Testcontainers' mysql:8.4.
if [ -z "${TEST_DB_URL:-}" ]; then
  if (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null || command -v apt-get >/dev/null; then
    scripts/setup-test-db.sh
    set -a; . ./.env.test; set +a
  else
    echo "No local database server: the integration tests will start mysql:8.4 with Testcontainers."
  fi
fi
scripts/install-chromium.sh

step maven ./mvnw -B verify
step quickstart bash scripts/check-quickstart.sh
step k8s bash scripts/check-k8s.sh
step terraform bash scripts/check-terraform.sh
step compose bash scripts/compose-e2e.sh

echo
echo "== Summary"
printf '%s\n' "${results[@]}"
echo "Total: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
