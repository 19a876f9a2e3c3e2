#!/usr/bin/env bash
# Runs every test of DomainDesk and prints one summary:
#   1. ./mvnw verify: unit, integration (real database), process and browser tests
#   2. the README's quick start (scripts/run-local.sh) and docs/api.md's curl walk-through;
#      the restore drill (scripts/check-backup.sh: back up, destroy, restore, compare);
#      the back's OpenAPI document: lint, contract tests on a live back, breaking changes
#   3. the Kubernetes manifests: render, schema and policy checks
#   4. the Terraform configuration: fmt and rule checks
#   5. the GitHub Actions workflows and the pipeline scripts: actionlint, action-validator, tests
#   6. every shell script (shellcheck) and the UI's JavaScript (ESLint)
#   7. perf/: the benchmark runs and its bare baseline serves the back's JSON; the Spring
#      floor and the Gatling simulation run against a served back (check-perf.sh)
#   8. the docker-compose stack end to end, in real containers; then the same images under
#      every memory and CPU limit they are given, using their AOT cache (check-images.sh)
# It installs nothing: it needs a JDK 25, a database server whose user may create
# databases (TEST_DB_* or .env.test; Maven alone could use Testcontainers, the other steps
# cannot), Chromium + chromedriver, kubectl, terraform, node, promtool, jq, the ShellCheck
# linter, wrk, unzip, the mariadb client with mysqldump and a container engine. On a fresh Debian
# machine, .ci/run installs them first, then runs it.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
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

# The integration tests' database: TEST_DB_* from the environment, else from .env.test
# (written by .ci/setup-test-db.sh for a local server), else Testcontainers' mysql:8.4.
if [ -z "${TEST_DB_URL:-}" ] && [ -f .env.test ]; then
  set -a
  # shellcheck source=/dev/null
  . ./.env.test
  set +a
fi

missing=()
for tool in kubectl terraform node npm promtool jq shellcheck wrk unzip mariadb mysqldump /usr/bin/chromium /usr/bin/chromedriver; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Missing: ${missing[*]}. Install them (on Debian: .ci/prepare.sh does) and run again." >&2
  exit 1
fi

step maven ./mvnw -B verify
step quickstart bash scripts/check-quickstart.sh
step backup bash scripts/check-backup.sh
step openapi bash scripts/check-openapi.sh
step k8s bash scripts/check-k8s.sh
step terraform bash scripts/check-terraform.sh
step workflows bash scripts/check-workflows.sh
step shell bash scripts/check-shell.sh
step js bash scripts/check-js.sh
step perf bash scripts/check-perf.sh
step compose bash scripts/compose-e2e.sh
step images bash scripts/check-images.sh

echo
echo "== Summary"
printf '%s\n' "${results[@]}"
echo "Total: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
