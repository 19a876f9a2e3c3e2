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
DURATION=${DURATION:-20} ROUNDS=${ROUNDS:-3} WARMUP=${WARMUP:-60} CONNECTIONS=${CONNECTIONS:-32} THREADS=${THREADS:-2}
work=target/perf
[ -f "$work/serve.env" ] || { echo "Start perf/bench.sh --serve first (it writes $work/serve.env)." >&2; exit 1; }
set -a
# shellcheck source=/dev/null
. "$work/serve.env"
set +a
kill -0 "$BACK_PID" 2>/dev/null || { echo "The back of perf/bench.sh --serve is not running." >&2; exit 1; }

./mvnw -q -B -f perf/floor/pom.xml package -DskipTests
floor_port=$((20000 + RANDOM % 20000)) base_port=$((40000 + RANDOM % 20000))
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
# The same JVM options as the back and the baseline in perf/bench.sh.
DB_URL=$DB_URL DB_USER=$DB_USER DB_PASSWORD=$DB_PASSWORD PORT=$floor_port \
  java @back/src/main/jvm/jvm.options -jar perf/floor/target/floor.jar >"$work/logs/floor.log" 2>&1 &
pids+=($!)
DB_URL=$DB_URL DB_USER=$DB_USER DB_PASSWORD=$DB_PASSWORD PORT=$base_port \
  java @back/src/main/jvm/jvm.options -cp "$work/baseline:$(echo "$work"/lib/mysql-connector-j-*.jar)" Baseline \
  >"$work/logs/baseline.log" 2>&1 &
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
# The seeded domains' ids, from the database (DB_URL is jdbc:mysql://host:port/name).
db=${DB_URL#jdbc:mysql://} && hostport=${db%%/*} && db=${db#*/}
read -r ID_MIN ID_MAX < <(MYSQL_PWD=$DB_PASSWORD mariadb -h"${hostport%%:*}" -P"${hostport##*:}" -u"$DB_USER" \
  --batch --skip-column-names "$db" -e 'SELECT MIN(id), MAX(id) FROM domains')
export TOKEN ID_MIN ID_MAX
for id in "$ID_MIN" "$ID_MAX"; do
  back=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE_URL/domains/$id" | jq -S .)
  floor=$(curl -fsS "${url[floor]}/api/v1/domains/$id" | jq -S .)
  [ "$back" = "$floor" ] || { echo "The floor's JSON for domain $id differs from the back's:" >&2; diff <(echo "$back") <(echo "$floor") >&2; exit 1; }
done
echo "The floor answers the back's JSON (domains $ID_MIN and $ID_MAX)."

ticks() { local stat fields; stat=$(<"/proc/$1/stat"); read -ra fields <<<"${stat##*) }"; echo $((fields[11] + fields[12])); }
hz=$(getconf CLK_TCK)
run() { # run SERVER SECONDS: one wrk run; prints "req/s p50 p99 cpu-ms-per-request"
  local before out
  before=$(ticks "${pid[$1]}")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" --timeout 10s --latency -s perf/wrk/read-one.lua "${url[$1]}")
  ! grep -q 'Non-2xx' <<<"$out" || { echo "$1 answered errors under load: $out" >&2; exit 1; }
  awk -v cpu=$(($(ticks "${pid[$1]}") - before)) -v hz="$hz" '
    / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } / requests in / { n = $1 } /^Requests\/sec:/ { rps = $2 }
    END { printf "%s %s %s %.3f\n", rps, p50, p99, cpu * 1000 / hz / n }' <<<"$out"
}
servers=(back floor baseline)
echo "Warm-up: $WARMUP s each..."
for s in "${servers[@]}"; do run "$s" "$WARMUP" >/dev/null; done
echo "| round | server | req/s | p50 | p99 | app CPU ms/req | load average |"
echo "|---|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  # Who goes first turns each round, so that a drift in the machine's load hits all alike.
  for i in 0 1 2; do
    s=${servers[$(((i + round - 1) % 3))]}
    read -r rps p50 p99 cpu < <(run "$s" "$DURATION")
    echo "| $round | $s | $rps | $p50 | $p99 | $cpu | $(cut -d' ' -f1 /proc/loadavg) |"
  done
done
for s in "${servers[@]}"; do echo "RSS after the load, $s: $(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/${pid[$s]}/status") MB"; done
