#!/usr/bin/env bash
# Read one on three servers over the database of a running `perf/bench.sh --serve`: the
# back, the Spring floor (perf/floor: Spring MVC and JdbcClient, nothing else) and the
# bare baseline (perf/baseline), in interleaved wrk rounds. Checks first that the floor
# answers the back's JSON, then prints req/s, p50/p99, app CPU per request and RSS of each.
#
#   perf/bench.sh --serve &    # in the same checkout; wait for "The back is running"
#   perf/floor/compare.sh      # about 7 minutes with the defaults
#
# Settings (environment): DURATION (s, 20), ROUNDS (3), WARMUP (s, 60), CONNECTIONS (32),
# THREADS (wrk threads, 2).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/java.sh
. perf/lib.sh
DURATION=${DURATION:-20} ROUNDS=${ROUNDS:-3} WARMUP=${WARMUP:-60} CONNECTIONS=${CONNECTIONS:-32} THREADS=${THREADS:-2}
[ -f "$work/serve.env" ] || { echo "Start perf/bench.sh --serve first (it writes $work/serve.env)." >&2; exit 1; }
set -a
# shellcheck source=/dev/null
. "$work/serve.env"
set +a
for name in BASE_URL ADMIN_EMAIL ADMIN_PASSWORD DB_URL DB_USER DB_PASSWORD BACK_PID JVM_OPTIONS ID_MIN ID_MAX; do
  [ -n "${!name:-}" ] || { echo "$work/serve.env has no $name: restart perf/bench.sh --serve from this checkout." >&2; exit 1; }
done
kill -0 "$BACK_PID" 2>/dev/null || { echo "The back of perf/bench.sh --serve is not running." >&2; exit 1; }

./mvnw -q -B -f perf/floor/pom.xml package -DskipTests
floor_port=$(free_port) base_port=$(free_port)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
# The JVM options the back runs with (perf/bench.sh's JVM_OPTIONS), for all three.
PORT=$floor_port java "@$JVM_OPTIONS" -jar perf/floor/target/floor.jar >"$work/logs/floor.log" 2>&1 &
pids+=($!)
run_baseline "$base_port" "$JVM_OPTIONS" >"$work/logs/baseline.log" 2>&1 &
pids+=($!)
declare -A url=([back]=${BASE_URL%/api/v1} [floor]=http://127.0.0.1:$floor_port [baseline]=http://127.0.0.1:$base_port)
declare -A pid=([back]=$BACK_PID [floor]=${pids[0]} [baseline]=${pids[1]})
# Ready when the floor answers (a 404 for id 0 comes from its query) and the baseline too.
ready() {
  [ "$(curl -s --max-time 2 -o /dev/null -w '%{http_code}' "${url[floor]}/api/v1/domains/0")" = 404 ] &&
    curl -fs --max-time 2 -o /dev/null "${url[baseline]}/ready"
}
deadline=$((SECONDS + 120))
until ready; do
  [ "$SECONDS" -lt "$deadline" ] ||
    { echo "The floor or the baseline did not start in 120 s; see $work/logs/floor.log and baseline.log." >&2; exit 1; }
  sleep 1
done

TOKEN=$(curl -fsS -H 'Content-Type: application/json' \
  -d "$(jq -n --arg e "$ADMIN_EMAIL" --arg p "$ADMIN_PASSWORD" '{email: $e, password: $p}')" \
  "$BASE_URL/auth/token" | jq -r .accessToken)
export TOKEN
for id in "$ID_MIN" "$ID_MAX"; do
  back=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE_URL/domains/$id" | jq -S .)
  floor=$(curl -fsS "${url[floor]}/api/v1/domains/$id" | jq -S .)
  [ "$back" = "$floor" ] || { echo "The floor's JSON for domain $id differs from the back's:" >&2; diff <(echo "$back") <(echo "$floor") >&2; exit 1; }
done
echo "The floor answers the back's JSON (domains $ID_MIN and $ID_MAX)."

run() { # run SERVER SECONDS: one wrk run; prints "req/s p50 p99 app-CPU" (ms, ms, ms per request)
  local before log=$work/logs/wrk-floor-$1.log
  before=$(cpu_ticks "${pid[$1]}")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" --timeout 10s --latency -s perf/wrk/read-one.lua "${url[$1]}" >"$log"
  [ "$(wrk_errors "$log")" -eq 0 ] || { echo "$1 answered errors under load; see $log" >&2; return 1; }
  wrk_figures "$log" $(($(cpu_ticks "${pid[$1]}") - before)) | cut -d' ' -f1-4
}
servers=(back floor baseline)
echo "Warm-up: $WARMUP s each..."
for s in "${servers[@]}"; do run "$s" "$WARMUP" >/dev/null; done
echo "| round | server | req/s | p50 ms | p99 ms | app CPU ms/req | load average |"
echo "|---|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  # Who goes first turns each round, so that a drift in the machine's load hits all alike.
  for i in 0 1 2; do
    s=${servers[$(((i + round - 1) % 3))]}
    figures=$(run "$s" "$DURATION")
    read -r rps p50 p99 cpu <<<"$figures"
    echo "| $round | $s | $rps | $p50 | $p99 | $cpu | $(cut -d' ' -f1 /proc/loadavg) |"
  done
done
for s in "${servers[@]}"; do echo "RSS after the load, $s: $(rss_mb "${pid[$s]}") MB"; done
