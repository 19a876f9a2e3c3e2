#!/usr/bin/env bash
# Offline checks of terraform/: formatting, and the tests that parse the
# configuration with a real HCL parser (terraform/tests/rules.mjs):
# rules.test.mjs (the configuration's rules) and github-actions.test.mjs (the
# Workload Identity Federation of the deploy workflow).
#
# Needs terraform (>= 1.11) and node (>= 20) with npm on PATH; installs the
# pinned parser itself with `npm ci`. `terraform init`/`validate` need the
# Google provider from registry.terraform.io, so they run in the `terraform`
# job of .github/workflows/ci.yml, not here.
#
# Prints one line per check and ends with "N passed, N failed"; exits non-zero
# if anything failed.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tf_dir="$root/terraform"
tests_dir="$tf_dir/tests"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A missing ~/.terraformrc only produces a warning; keep the output clean.
if [[ -n "${TF_CLI_CONFIG_FILE:-}" && ! -f "$TF_CLI_CONFIG_FILE" ]]; then
  unset TF_CLI_CONFIG_FILE
fi

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "PASS $1"; }
ko() { failed=$((failed + 1)); echo "FAIL $1"; }

for tool in terraform node npm; do
  if ! command -v "$tool" >/dev/null; then
    ko "$tool is not installed"
  fi
done
if ((failed > 0)); then
  echo "$passed passed, $failed failed"
  exit 1
fi

if terraform fmt -check -recursive -diff "$tf_dir" >"$work/fmt.log" 2>&1; then
  ok "terraform fmt -check -recursive terraform/"
else
  cat "$work/fmt.log"
  ko "terraform fmt -check -recursive terraform/ (run: terraform fmt -recursive terraform/)"
fi

if (cd "$tests_dir" && npm ci --no-audit --no-fund --loglevel=error) >"$work/npm.log" 2>&1; then
  ok "npm ci (terraform/tests)"
  # spec for people, TAP into a file to count the tests for the summary.
  (cd "$tests_dir" && node --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$work/rules.tap" \
    rules.test.mjs github-actions.test.mjs)
  tests_pass=$(sed -n 's/^# pass //p' "$work/rules.tap")
  tests_fail=$(sed -n 's/^# fail //p' "$work/rules.tap")
  passed=$((passed + ${tests_pass:-0}))
  failed=$((failed + ${tests_fail:-0}))
  if [[ -z "$tests_pass" ]]; then
    ko "terraform tests did not report a result"
  fi
else
  cat "$work/npm.log"
  ko "npm ci (terraform/tests)"
fi

echo "note: terraform validate is not run here (it needs the provider download); CI runs it."
echo "$passed passed, $failed failed"
((failed == 0))
