#!/usr/bin/env bash
# The three instruments of perf/ work on this machine; their figures are not checked (a
# shared machine gives no stable ones, docs/performance.md has them):
#   1. perf/bench.sh --quick, with its own checks (the baseline serves the back's JSON,
#      every request of the load answered);
#   2. against one perf/bench.sh --serve: perf/floor/compare.sh for a few seconds (it builds
#      the floor, checks that it serves the back's JSON and stops on any error under load);
#   3. against the same back: the Gatling simulation, 2 users for 10 s, with its assertions
#      on errors and percentiles (thresholds raised: a busy machine is no failure here).
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
. scripts/lib/java.sh
logs=target/test-logs/perf
mkdir -p "$logs"
passed=0 failed=0
check() { # check NAME LOG COMMAND...: one line per check; the command's output goes to LOG.
  local name=$1 log=$2; shift 2
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1)); echo "PASS $name"
  else
    failed=$((failed + 1)); echo "FAIL $name (see $log)"; tail -n 20 "$log"
  fi
}

# The benchmark's own checks count one by one (its last line is "N passed, N failed").
echo "perf/bench.sh --quick (log: $logs/bench-quick.log)"
bash perf/bench.sh --quick >"$logs/bench-quick.log" 2>&1
bench_status=$?
grep -E '^(PASS|FAIL) ' "$logs/bench-quick.log"
if read -r p f < <(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logs/bench-quick.log" | tail -1 | sed -E 's/ passed, / /; s/ failed//'); then
  passed=$((passed + p)) failed=$((failed + f))
fi
# A run that failed before its checks (no database, a build error) is one failure.
if [ "$bench_status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
  failed=$((failed + 1)); echo "FAIL perf/bench.sh --quick exited $bench_status"; tail -n 20 "$logs/bench-quick.log"
fi

serve=
trap '[ -z "$serve" ] || { kill "$serve" 2>/dev/null; wait "$serve" 2>/dev/null; }' EXIT
rm -f target/perf/serve.env
SERVE_MINUTES=15 bash perf/bench.sh --serve >"$logs/serve.log" 2>&1 &
serve=$!
deadline=$((SECONDS + 300))
until [ -f target/perf/serve.env ] || ! kill -0 "$serve" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; do sleep 1; done
if [ -f target/perf/serve.env ]; then
  check "perf/floor/compare.sh: the floor serves the back's JSON and every request under load" "$logs/floor.log" \
    env DURATION=2 ROUNDS=1 WARMUP=1 bash perf/floor/compare.sh
  set -a
  # shellcheck source=/dev/null
  . target/perf/serve.env
  set +a
  check "Gatling: 2 users for 10 s, every request as expected" "$logs/gatling.log" \
    ./mvnw -B -f perf/gatling/pom.xml gatling:test -Dbase.url="$BASE_URL" -Dadmin.email="$ADMIN_EMAIL" \
    -Dadmin.password="$ADMIN_PASSWORD" -Dusers=2 -Dramp=2 -Dduration=10 -Dp95.ms=10000 -Dp99.ms=10000
else
  failed=$((failed + 2)); echo "FAIL perf/bench.sh --serve did not start (see $logs/serve.log)"
  tail -n 20 "$logs/serve.log"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
