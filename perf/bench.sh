#!/usr/bin/env bash
# Measures the back against a bare limit (perf/baseline: JDK HttpServer + plain JDBC) on
# the same fresh database: throughput, latency, CPU per request, memory and start-up.
# See perf/README.md for what each figure means.
#
#   perf/bench.sh            the full run (13 to 20 minutes with the defaults on 2 cores)
#   perf/bench.sh --quick    5 s runs, 1 round, 8 connections: proves it works, checks the baseline (2 to 5 minutes)
#   perf/bench.sh --serve    migrates, seeds and starts the back only, then waits (for Gatling, perf/floor/compare.sh)
#
# Settings (environment): DURATION (s, 30), CONNECTIONS (32), THREADS (wrk threads, 2),
# ROUNDS (3), WARMUP (s of load per endpoint and server before the rounds, 10),
# STARTUP_RUNS (5), DOMAINS (1000), OWNERS (50), SERVE_MINUTES (60), JVM_OPTIONS (the
# back image's argument file, back/src/main/jvm/jvm.options, used for both servers).
# Database administrator: DB_ADMIN_URL (jdbc:mysql://host:port), DB_ADMIN_USER,
# DB_ADMIN_PASSWORD; else TEST_DB_URL/USER/PASSWORD, from the environment or
# ~/.config/domaindesk/test-db.env.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/java.sh
. perf/lib.sh

mode=bench
for arg in "$@"; do
  case $arg in
    --quick) mode=quick ;;
    --serve) mode=serve ;;
    -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done
if [ "$mode" = quick ]; then
  # Fewer connections than the back's pool (10), so that a busy machine cannot make the
  # pool time out (503): the quick run checks answers, not capacity.
  DURATION=${DURATION:-5} ROUNDS=${ROUNDS:-1} WARMUP=${WARMUP:-3} STARTUP_RUNS=${STARTUP_RUNS:-1} CONNECTIONS=${CONNECTIONS:-8}
fi
DURATION=${DURATION:-30} CONNECTIONS=${CONNECTIONS:-32} THREADS=${THREADS:-2} ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-10} STARTUP_RUNS=${STARTUP_RUNS:-5} DOMAINS=${DOMAINS:-1000} OWNERS=${OWNERS:-50}
SERVE_MINUTES=${SERVE_MINUTES:-60}
for setting in DURATION CONNECTIONS THREADS ROUNDS WARMUP STARTUP_RUNS DOMAINS OWNERS SERVE_MINUTES; do
  [[ ${!setting} =~ ^[1-9][0-9]*$ ]] ||
    { echo "$setting must be a positive whole number, not '${!setting}'." >&2; exit 2; }
done
[[ $DOMAINS -le 100000 && $OWNERS -le 100000 ]] || { echo "DOMAINS and OWNERS: 100,000 at most." >&2; exit 2; }
for tool in wrk curl jq unzip mariadb; do
  command -v "$tool" >/dev/null || { echo "Missing $tool (on Debian: apt-get install wrk curl jq unzip mariadb-client)." >&2; exit 1; }
done

# --- The database administrator --------------------------------------------------------
if [ -z "${DB_ADMIN_USER:-}" ] && [ -z "${TEST_DB_USER:-}" ] && [ -f "$HOME/.config/domaindesk/test-db.env" ]; then
  set -a
  # shellcheck source=/dev/null
  . "$HOME/.config/domaindesk/test-db.env"
  set +a
fi
admin_url=${DB_ADMIN_URL:-${TEST_DB_URL:-jdbc:mysql://127.0.0.1:3306}}
admin_user=${DB_ADMIN_USER:-${TEST_DB_USER:-}}
admin_password=${DB_ADMIN_PASSWORD:-${TEST_DB_PASSWORD:-}}
[ -n "$admin_user" ] || { echo "Set DB_ADMIN_USER and DB_ADMIN_PASSWORD (or TEST_DB_*: .ci/setup-test-db.sh writes them)." >&2; exit 1; }
hostport=${admin_url#jdbc:mysql://}
hostport=${hostport%%/*}
db_host=${hostport%%:*}
db_port=${hostport##*:}
[ "$db_port" != "$hostport" ] || db_port=3306
sql() { MYSQL_PWD=$admin_password mariadb -h"$db_host" -P"$db_port" -u"$admin_user" --batch --skip-column-names "$@"; }
sql -e 'SELECT 1' >/dev/null || { echo "Cannot reach the database at $db_host:$db_port as $admin_user." >&2; exit 1; }

random_secret() { head -c "${1:-24}" /dev/urandom | base64 | tr -d '/+=\n'; }
random_tag() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; } # 2 x $1 hex digits

# --- Everything this script starts is stopped, and its database dropped, on exit -----------
mkdir -p "$work/logs"
# Two runs would share $work and, worse, the CPUs: one at a time.
exec 9>"$work/.lock"
flock -n 9 || { echo "Another perf/bench.sh is running in this checkout." >&2; exit 1; }
db_name=perf_$(random_tag 4)
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
cleanup() {
  stop_all
  sql -e "DROP DATABASE IF EXISTS \`$db_name\`" 2>/dev/null || echo "Could not drop database $db_name." >&2
  rm -f "$work/serve.env" "$work/serve.env.new"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Build what is missing ---------------------------------------------------------------
if [ ! -f back/target/back.jar ] || [ ! -f dbmigrate/target/dbmigrate.jar ]; then
  echo "Building back and dbmigrate (tests skipped)..."
  ./mvnw -B -q -pl back,dbmigrate -am package -DskipTests
fi
jvm_options=${JVM_OPTIONS:-back/src/main/jvm/jvm.options}
[ -f "$jvm_options" ] || { echo "No JVM options file $jvm_options (JVM_OPTIONS)." >&2; exit 1; }
# The back runs as in its image: the jar extracted, with the image's JVM options
# (JVM_OPTIONS, one file shared with the Dockerfile) and an AOT cache trained the same way.
rm -rf "$work/back" && java -Djarmode=tools -jar back/target/back.jar extract --destination "$work/back" >/dev/null
# The baseline uses the very driver the back ships with.
rm -rf "${work:?}/lib" && mkdir -p "$work/lib"
cp "$work"/back/lib/mysql-connector-j-*.jar "$work/lib/"
javac -d "$work/baseline" perf/baseline/Baseline.java

# --- A fresh database, migrated by the real dbmigrate --------------------------------------
db_url="jdbc:mysql://$db_host:$db_port/$db_name"
admin_email=admin@perf.example
admin_pass=$(random_secret 18)
jwt_secret=$(random_secret 48)
echo "Creating and migrating database $db_name..."
sql -e "CREATE DATABASE \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
DB_URL=$db_url DB_USER=$admin_user DB_PASSWORD=$admin_password ADMIN_EMAIL=$admin_email ADMIN_PASSWORD=$admin_pass \
  java -jar dbmigrate/target/dbmigrate.jar update >"$work/logs/dbmigrate.log" 2>&1 ||
  { echo "dbmigrate failed; see $work/logs/dbmigrate.log" >&2; exit 1; }

# Owners and domains in bulk (n: 1 to 100,000 without recursion, which MySQL caps at 1,000):
# names sort in insertion order, a tenth of the domains expire within 30 days.
numbers="WITH d (x) AS (SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9),
  n (i) AS (SELECT 1 + a.x + 10 * b.x + 100 * c.x + 1000 * e.x + 10000 * f.x FROM d a, d b, d c, d e, d f)"
sql "$db_name" <<SQL
INSERT INTO users (email, first_name, last_name, password_hash, version, created_at, updated_at)
  $numbers
  SELECT CONCAT('owner', i, '@perf.example'), CONCAT('Owner', i), 'Perf',
         '{bcrypt}not-a-password', 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM n WHERE i <= $OWNERS ORDER BY i;
INSERT INTO domains (name, registrar, expires_at, owner_id, notes, version, created_at, updated_at)
  $numbers
  SELECT CONCAT('perf', LPAD(i, 6, '0'), '.', ELT(1 + i % 4, 'com', 'net', 'org', 'io')),
         ELT(1 + i % 3, 'Gandi', 'OVHcloud', 'Namecheap'),
         UTC_DATE() + INTERVAL (i * 7 % 300) DAY,
         (SELECT MIN(id) FROM users WHERE email LIKE '%@perf.example') + i % $OWNERS,
         IF(i % 5 = 0, CONCAT('Renewal "reminder" ', i), NULL),
         0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM n WHERE i <= $DOMAINS ORDER BY i;
SQL
read -r id_min id_max < <(sql "$db_name" -e 'SELECT MIN(id), MAX(id) FROM domains')
read -r owner_min owner_max < <(sql "$db_name" -e "SELECT MIN(id), MAX(id) FROM users WHERE email LIKE '%@perf.example'")
pages=$(((DOMAINS + 19) / 20))

# --- Starting the two servers ---------------------------------------------------------------
back_port=$(free_port) back_mgmt_port=$(free_port) base_port=$(free_port)
back_ready=http://127.0.0.1:$back_mgmt_port/actuator/health/readiness
base_ready=http://127.0.0.1:$base_port/ready

# Each starts the server in the background; $! is the JVM itself (exec), so /proc/$! is its CPU.
# start_back [JVM option...]: the back with the image's options and its AOT cache.
start_back() {
  DB_URL=$db_url DB_USER=$admin_user DB_PASSWORD=$admin_password JWT_SECRET=$jwt_secret JWT_TTL=4h \
    SERVER_ADDRESS=127.0.0.1 SERVER_PORT=$back_port \
    MANAGEMENT_SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT=$back_mgmt_port \
    exec java "@$jvm_options" -XX:AOTCache="$work/back/app.aot" "$@" -jar "$work/back/back.jar" >>"$work/logs/back.log" 2>&1
}
# The same JVM options for the baseline: same collector and heap, so RSS compares.
start_baseline() {
  DB_URL=$db_url DB_USER=$admin_user DB_PASSWORD=$admin_password run_baseline "$base_port" "$jvm_options" >>"$work/logs/baseline.log" 2>&1
}
# The AOT cache, trained as the Dockerfile does: start the context, record, exit.
echo "Training the back's AOT cache..."
if ! JWT_SECRET=$jwt_secret SERVER_ADDRESS=127.0.0.1 SERVER_PORT=$back_port \
  MANAGEMENT_SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT=$back_mgmt_port \
  java "@$jvm_options" -XX:AOTCacheOutput="$work/back/app.aot" -Dspring.context.exit=onRefresh \
  -jar "$work/back/back.jar" >"$work/logs/aot-training.log" 2>&1 || [ ! -s "$work/back/app.aot" ]; then
  echo "AOT cache training failed; see $work/logs/aot-training.log" >&2; exit 1
fi
# Milliseconds from the call to the first 200 of the readiness URL (polled every 50 ms, 300 s at most).
wait_ready() {
  local url=$1 pid=$2 start deadline=$((SECONDS + 300))
  start=$(date +%s%N)
  while [ "$SECONDS" -lt "$deadline" ]; do
    if curl -fs -o /dev/null --max-time 1 "$url"; then echo $((($(date +%s%N) - start) / 1000000)); return; fi
    kill -0 "$pid" 2>/dev/null || { echo "Process $pid died; see $work/logs/" >&2; exit 1; }
    sleep 0.05
  done
  echo "Not ready after 300 s: $url; see $work/logs/" >&2; exit 1
}

sign_in() {
  curl -fsS --max-time 10 -H 'Content-Type: application/json' \
    -d "$(jq -n --arg e "$admin_email" --arg p "$admin_pass" '{email: $e, password: $p}')" \
    "http://127.0.0.1:$back_port/api/v1/auth/token" | jq -r .accessToken
}

if [ "$mode" = serve ]; then
  start_back & pids+=($!)
  wait_ready "$back_ready" "${pids[0]}" >/dev/null
  # The database, the back's pid, JVM options and seeded ids too, for perf/floor/compare.sh;
  # quoted (%q), as the database password may hold any character; renamed into place
  # whole, since scripts/check-perf.sh starts as soon as the file is there.
  (umask 077; printf 'BASE_URL=%q\nADMIN_EMAIL=%q\nADMIN_PASSWORD=%q\nDB_URL=%q\nDB_USER=%q\nDB_PASSWORD=%q\nBACK_PID=%q\nJVM_OPTIONS=%q\nID_MIN=%q\nID_MAX=%q\n' \
    "http://127.0.0.1:$back_port/api/v1" "$admin_email" "$admin_pass" "$db_url" "$admin_user" "$admin_password" \
    "${pids[0]}" "$jvm_options" "$id_min" "$id_max" >"$work/serve.env.new" && mv "$work/serve.env.new" "$work/serve.env")
  cat <<INFO
The back is running on database $db_name ($DOMAINS domains, $OWNERS owners):
  API:   http://127.0.0.1:$back_port/api/v1   (pid ${pids[0]}, log $work/logs/back.log)
  Admin: $admin_email, password in $work/serve.env (deleted on exit)
Gatling:
  set -a; . $work/serve.env; set +a
  ./mvnw -f perf/gatling/pom.xml gatling:test -Dbase.url=\$BASE_URL -Dadmin.email=\$ADMIN_EMAIL -Dadmin.password=\$ADMIN_PASSWORD -Dusers=10 -Dduration=30
Stops after $SERVE_MINUTES minutes or on Ctrl-C, and drops the database.
INFO
  for _ in $(seq 1 $((SERVE_MINUTES * 60))); do
    kill -0 "${pids[0]}" 2>/dev/null || { echo "The back stopped; see $work/logs/back.log" >&2; exit 1; }
    sleep 1
  done
  exit 0
fi

# --- Start-up: interleaved fresh starts, process start to readiness ---------------------------
echo "Start-up: $STARTUP_RUNS interleaved runs of each..."
: >"$work/startup-back" && : >"$work/startup-back-no-cache" && : >"$work/startup-baseline"
for _ in $(seq 1 "$STARTUP_RUNS"); do
  start_back & pids+=($!)
  wait_ready "$back_ready" "$!" >>"$work/startup-back"
  stop_all
  start_back -XX:AOTMode=off & pids+=($!)
  wait_ready "$back_ready" "$!" >>"$work/startup-back-no-cache"
  stop_all
  start_baseline & pids+=($!)
  wait_ready "$base_ready" "$!" >>"$work/startup-baseline"
  stop_all
done

# --- The two servers for the load --------------------------------------------------------------
start_back & back_pid=$! && pids+=("$back_pid")
start_baseline & base_pid=$! && pids+=("$base_pid")
wait_ready "$back_ready" "$back_pid" >/dev/null
wait_ready "$base_ready" "$base_pid" >/dev/null
token=$(sign_in)
[[ -n $token && $token != null ]] || { echo "Could not sign in to the back." >&2; exit 1; }
url_of() { if [ "$1" = back ]; then echo "http://127.0.0.1:$back_port"; else echo "http://127.0.0.1:$base_port"; fi; }
pid_of() { if [ "$1" = back ]; then echo "$back_pid"; else echo "$base_pid"; fi; }
db_pid=$(pgrep -x mariadbd || pgrep -x mysqld || true)
db_pid=${db_pid%%$'\n'*}

passed=0 failed=0
check() { # check NAME COMMAND...: one line per check, counted for the summary.
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "PASS $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}

# --- Does the baseline serve what the back serves? ------------------------------------------------
same_json() {
  local a b
  a=$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" "$(url_of back)$1" | jq -S .) || return 1
  b=$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" "$(url_of baseline)$1" | jq -S .) || return 1
  [ "$a" = "$b" ] || { diff <(echo "$a") <(echo "$b") | head -20 >&2; return 1; }
}
create_body() {
  printf '{"name":"%s.example","registrar":"Check","expiresAt":"2031-01-31","ownerId":%s,"notes":"created by a check"}' "$1" "$owner_min"
}
same_create_fields() {
  local tag a b
  tag=check$(random_tag 3)
  a=$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "$(create_body "$tag-back")" "$(url_of back)/api/v1/domains" | jq -S 'del(.id, .name, .createdAt, .updatedAt)') || return 1
  b=$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "$(create_body "$tag-baseline")" "$(url_of baseline)/api/v1/domains" | jq -S 'del(.id, .name, .createdAt, .updatedAt)') || return 1
  [ "$a" = "$b" ] || { diff <(echo "$a") <(echo "$b") | head -20 >&2; return 1; }
}
echo "Comparing the JSON of back and baseline..."
for id in "$id_min" $(((id_min + id_max) / 2)) "$id_max"; do
  check "read-one JSON equal for id $id" same_json "/api/v1/domains/$id"
done
for page in 0 $((pages - 1)); do
  check "page JSON equal for page $page" same_json "/api/v1/domains?page=$page&size=20"
done
check "create answers the same fields" same_create_fields
# Only the seeded rows stay, so that every run sees the same data.
sql "$db_name" -e "DELETE FROM domains WHERE id > $id_max"

# --- Load --------------------------------------------------------------------------------------
endpoints=(read-one page create)
declare -A bad # server/endpoint -> non-2xx responses or socket errors over all runs
# run_load SERVER ENDPOINT SECONDS LABEL: one wrk run; appends "rps p50 p99 cpu db_cpu" to its results.
run_load() {
  local server=$1 endpoint=$2 seconds=$3 label=$4 pid cpu0 db0 cpu1 db1 log
  pid=$(pid_of "$server")
  log=$work/logs/wrk-$label-$server-$endpoint.log
  cpu0=$(cpu_ticks "$pid") db0=$(cpu_ticks "$db_pid")
  TOKEN=$token ID_MIN=$id_min ID_MAX=$id_max PAGES=$pages OWNER_MIN=$owner_min OWNER_MAX=$owner_max \
    RUN_TAG=r$(random_tag 5) timeout $((seconds + 60)) \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s --latency -s "perf/wrk/$endpoint.lua" "$(url_of "$server")" >"$log" 2>&1 ||
    { echo "wrk failed; see $log" >&2; bad[$server/$endpoint]=$((${bad[$server/$endpoint]:-0} + 1)); return 0; }
  cpu1=$(cpu_ticks "$pid") db1=$(cpu_ticks "$db_pid")
  [ "$endpoint" != create ] || sql "$db_name" -e "DELETE FROM domains WHERE id > $id_max"
  local errors
  errors=$(wrk_errors "$log")
  bad[$server/$endpoint]=$((${bad[$server/$endpoint]:-0} + errors))
  [ "$label" != warmup ] || return 0
  wrk_figures "$log" $((cpu1 - cpu0)) "${db_pid:+$((db1 - db0))}" >>"$work/results-$server-$endpoint"
}

for s in back baseline; do for e in "${endpoints[@]}"; do : >"$work/results-$s-$e"; done; done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "Warm-up: ${WARMUP} s per endpoint and server (load average $load_before)..."
for e in "${endpoints[@]}"; do
  for s in back baseline; do run_load "$s" "$e" "$WARMUP" warmup; done
done
load_during=()
for round in $(seq 1 "$ROUNDS"); do
  # Alternate who goes first, so that a drift in background load hits both alike.
  order=(back baseline); [ $((round % 2)) -eq 1 ] || order=(baseline back)
  echo "Round $round/$ROUNDS: ${DURATION} s per endpoint and server, $CONNECTIONS connections..."
  for e in "${endpoints[@]}"; do
    for s in "${order[@]}"; do run_load "$s" "$e" "$DURATION" "round$round"; done
  done
  load_during+=("$(cut -d' ' -f1 /proc/loadavg)")
done
back_rss=$(rss_mb "$back_pid") base_rss=$(rss_mb "$base_pid")

for s in back baseline; do
  for e in "${endpoints[@]}"; do
    check "$e: every request answered 2xx/3xx on $s" test "${bad[$s/$e]:-0}" -eq 0
  done
done

# --- The table --------------------------------------------------------------------------------
col() { awk -v c="$1" '{print $c}' "$work/results-$2-$3" | grep -v n/a | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0 || a == "n/a" || b == "n/a") print "n/a"; else printf "%.2f", a / b }'; }
target() { case $1 in read-one | page) echo "≥ 0.60" ;; create) echo "≥ 0.50" ;; esac; }
{
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout 10s, $ROUNDS round(s) after ${WARMUP} s warm-up per endpoint; $DOMAINS domains, $OWNERS owners"
  echo "Load average: $load_before before, ${load_during[*]} after each round (1-minute)"
  echo
  echo "| endpoint | back req/s | baseline req/s | ratio (target) | p50 ms back / baseline | p99 ms back / baseline | p99 ratio (target ≤ 3) | app CPU ms/req back / baseline | database CPU ms/req back / baseline |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for e in "${endpoints[@]}"; do
    br=$(col 1 back "$e") lr=$(col 1 baseline "$e") b99=$(col 3 back "$e") l99=$(col 3 baseline "$e")
    echo "| $e | $br | $lr | $(ratio "$br" "$lr") ($(target "$e")) | $(col 2 back "$e") / $(col 2 baseline "$e") | $b99 / $l99 | $(ratio "$b99" "$l99") | $(col 4 back "$e") / $(col 4 baseline "$e") | $(col 5 back "$e") / $(col 5 baseline "$e") |"
  done
  echo
  echo "| | back | baseline | ratio |"
  echo "|---|---|---|---|"
  echo "| RSS after the load, MB (target back ≤ 400) | $back_rss | $base_rss | $(ratio "$back_rss" "$base_rss") |"
  bs=$(median <"$work/startup-back") bn=$(median <"$work/startup-back-no-cache") ls=$(median <"$work/startup-baseline")
  echo "| start to ready with the AOT cache, ms (median of $STARTUP_RUNS) | $bs | $ls | $(ratio "$bs" "$ls") |"
  echo "| start to ready without it (-XX:AOTMode=off), ms | $bn | $ls | $(ratio "$bn" "$ls") |"
  echo
  echo "Start-up runs, ms: back $(tr '\n' ' ' <"$work/startup-back")| back without the cache $(tr '\n' ' ' <"$work/startup-back-no-cache")| baseline $(tr '\n' ' ' <"$work/startup-baseline")"
  echo "JVM options of both ($jvm_options): $(grep -v '^#' "$jvm_options" | tr '\n' ' ')"
  for e in "${endpoints[@]}"; do
    echo "Rounds, req/s, $e: back $(cut -d' ' -f1 "$work/results-back-$e" | tr '\n' ' ')| baseline $(cut -d' ' -f1 "$work/results-baseline-$e" | tr '\n' ' ')"
  done
} | tee "$work/results.md"
echo "(table also in $work/results.md, wrk output in $work/logs/)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
