#!/usr/bin/env bash
# Offline checks of the delivery pipeline (.github/, the pipeline scripts):
#   - tests/workflows: actionlint and action-validator on every workflow,
#     every action pinned by commit SHA with its version in a comment,
#     Dependabot coverage, the .trivyignore format, and the scripts' argument
#     handling and pure functions (node:test).
# The Workload Identity Federation rules of terraform/github-actions.tf are
# tested with the rest of terraform/ (scripts/check-terraform.sh).
# (scripts/check-shell.sh lints every script, these included.)
# Needs node >= 20 with npm, kubectl (renders k8s/) and jq; names
# the missing ones (on Debian, .ci/prepare.sh installs them).
# Prints one line per check and ends with "N passed, N failed"; exits non-zero
# if anything failed. What it cannot show (a real cluster, GHCR, GKE) is in
# docs/pipeline.md with the command that shows it.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "PASS $1"; }
ko() { failed=$((failed + 1)); echo "FAIL $1"; }
summary() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; }

for tool in node npm kubectl jq; do
  command -v "$tool" >/dev/null 2>&1 || ko "$tool is not installed"
done
[ "$failed" -eq 0 ] || { summary; exit 1; }

# node --test: spec for people, TAP into a file for the counts.
node_tests() { # node_tests DIR NAME FILE...
  local dir=$1 name=$2 tap
  shift 2
  tap=$(mktemp)
  if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) > "$tap.npm" 2>&1; then
    cat "$tap.npm"; ko "npm ci ($dir)"; return
  fi
  (cd "$dir" && node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "$@")
  local p f
  p=$(sed -n 's/^# pass //p' "$tap"); f=$(sed -n 's/^# fail //p' "$tap")
  if [ -z "$p" ]; then ko "$name: no result"; else passed=$((passed + p)); failed=$((failed + ${f:-0})); fi
  echo "$name: ${p:-0} passed, ${f:-0} failed"
  rm -f "$tap" "$tap.npm"
}
node_tests tests/workflows "workflow and script tests" workflows.test.mjs scripts.test.mjs

summary
