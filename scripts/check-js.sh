#!/usr/bin/env bash
# Lints the UI's JavaScript (front/src/main/resources/static) with ESLint:
# its recommended rules, ES modules, browser globals (front/eslint.config.js).
# Needs node >= 20 with npm; installs ESLint with `npm ci` in front/.
# One linted file is one test: it passes with no error and no warning.
# Exits non-zero on any failure; ends with a line "N passed, N failed".
set -euo pipefail

cd "$(dirname "$0")/../front"

need() { command -v "$1" >/dev/null 2>&1 || { echo "check-js: $1 is required" >&2; exit 1; }; }
need node
need npm

npm ci --no-audit --no-fund --loglevel=error

report=$(mktemp)
trap 'rm -f "$report"' EXIT
# ESLint exits 1 when it finds problems (counted below) and 2 when it cannot run.
set +e
npx --no-install eslint --format json src/main/resources/static >"$report"
status=$?
set -e
if [ "$status" -gt 1 ]; then
  echo "check-js: ESLint could not run (exit $status)" >&2
  exit "$status"
fi

node --input-type=module - "$report" <<'JS'
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const results = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let passed = 0;
let failed = 0;
for (const file of results) {
  const name = relative(process.cwd(), file.filePath);
  if (file.messages.length === 0) {
    passed += 1;
    console.log(`ok   ${name}`);
    continue;
  }
  failed += 1;
  console.log(`FAIL ${name}`);
  for (const m of file.messages) {
    console.log(`     ${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.message} (${m.ruleId ?? 'parse'})`);
  }
}
if (results.length === 0) {
  console.log('check-js: no JavaScript file found');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
JS
