#!/usr/bin/env bash
# End-to-end test of docker-compose.yaml, started the way the README says: no .env and
# `docker-compose up --scale back=2`, which builds the three images from the compose
# file's build sections, generates the secrets and starts the stack. Then it checks what
# docs/containers.md promises: the secrets are generated once and the first
# administrator's password is shown where the docs say (`docker-compose logs secrets`);
# the UI is served, sign-in and domain create/read work, both replicas answer, stopping
# a replica loses no request, a killed replica is survived and serves again after a
# restart; the back connects with its own account, which MySQL refuses any DDL; while
# MySQL is stopped the replicas stay healthy and the API answers 503 problem+json with
# Retry-After through the load balancer, and recovers by itself; `down` and `up` keep the
# secrets and the data; `down -v` leaves nothing behind.
#
# Needs: a container engine the docker CLI reaches, docker-compose (COMPOSE="docker
# compose" for Compose v2), curl and jq; JDK 25 to build the jars when they are missing.
# Settings (environment): COMPOSE_E2E_OVERRIDE=FILE adds a compose file on top of
# docker-compose.yaml, for an engine that cannot run the upstream images as they are.
# This repository's own CI machine (podman, no registry) runs
#   eval "$(bash .ci/containers/prepare.sh)"   # sets DOCKER_HOST and COMPOSE_E2E_OVERRIDE
# first; with Docker nothing is needed. JAR_SOURCE=source builds the jars inside the
# images (default here: prebuilt, from <module>/target, to keep the test fast).
# E2E_PROJECT names the compose project and the images' tag (default domaindesk-e2e).
#
# Prints its figures and ends with "N passed, N failed"; exits non-zero on any failure.
# Checks that take values run as `bash -c '...' _ value...`: the single quotes are meant.
# shellcheck disable=SC2016
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
started=$(date +%s)

project=${E2E_PROJECT:-domaindesk-e2e}
read -ra compose <<<"${COMPOSE:-docker-compose}"
compose_files=(-f docker-compose.yaml ${COMPOSE_E2E_OVERRIDE:+-f "$COMPOSE_E2E_OVERRIDE"})
steady_seconds=${E2E_STEADY_SECONDS:-30}
workers=${E2E_WORKERS:-3}
max_requests_per_worker=${E2E_MAX_REQUESTS:-3000}

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS  $*"; }
fail() { failed=$((failed + 1)); echo "FAIL  $*"; }
check() { # check "description" command...
  local what=$1; shift
  if "$@"; then pass "$what"; else fail "$what"; return 1; fi
}
info() { echo "      $*"; }
summary() {
  echo
  echo "compose e2e took $(( $(date +%s) - started )) s"
  echo "$passed passed, $failed failed"
}
abort() { # a failure that makes every later check meaningless
  fail "$*"
  summary
  exit 1
}

# ---- tools -----------------------------------------------------------------------
for tool in docker curl jq "${compose[0]}"; do
  command -v "$tool" >/dev/null || abort "$tool is not installed"
done
docker info >/dev/null 2>&1 || abort "no container engine answers (DOCKER_HOST=${DOCKER_HOST:-unset})"
[ -z "${COMPOSE_E2E_OVERRIDE:-}" ] || [ -f "$COMPOSE_E2E_OVERRIDE" ] \
  || abort "COMPOSE_E2E_OVERRIDE names no file: $COMPOSE_E2E_OVERRIDE"
info "engine: $(docker version -f '{{.Server.Version}}' 2>/dev/null), $("${compose[@]}" version --short 2>/dev/null)${COMPOSE_E2E_OVERRIDE:+, override $COMPOSE_E2E_OVERRIDE}"

# ---- jars (the images are built with JAR_SOURCE=prebuilt to keep this fast) --------
export JAR_SOURCE=${JAR_SOURCE:-prebuilt}
if [ "$JAR_SOURCE" = prebuilt ] && { [ ! -f dbmigrate/target/dbmigrate.jar ] || [ ! -f back/target/back.jar ] || [ ! -f front/target/front.jar ]; }; then
  [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ] && export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
  echo "building the jars: ./mvnw -B -q package -DskipTests"
  ./mvnw -B -q package -DskipTests || abort "the Maven build failed"
fi

# ---- settings: no .env, only a free port and the test's own image tag ---------------
work=$(mktemp -d /tmp/domaindesk-e2e.XXXXXX)
# An empty env file, so that a developer's .env is not read: the stack runs as cloned.
: > "$work/empty.env"
dc() { "${compose[@]}" -p "$project" --env-file "$work/empty.env" "${compose_files[@]}" "$@"; }
rand() { head -c 32 /dev/urandom | base64 | tr -d '/+=' | cut -c1-"$1"; }
free_port() {
  local p
  for p in $(shuf -i 20000-45000 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  return 1
}
port=$(free_port) || abort "no free local port for the load balancer"
export HTTP_PORT=$port
TRAEFIK_DASHBOARD_PORT=$(free_port) || abort "no free local port for Traefik's dashboard"
export TRAEFIK_DASHBOARD_PORT
# Not the default tag, so that the test never replaces a developer's images.
export IMAGE_TAG=$project
images=("domaindesk/dbmigrate:$IMAGE_TAG" "domaindesk/back:$IMAGE_TAG" "domaindesk/front:$IMAGE_TAG")
base=http://127.0.0.1:$port

up_pid=
up() { # up LOG: `docker-compose up --scale back=2` in the foreground, as a user runs it
  dc up --scale back=2 > "$1" 2>&1 &
  up_pid=$!
}
stop_up() { # waits for the foreground `up` to end after `down`
  [ -n "$up_pid" ] || return 0
  for _ in $(seq 1 30); do kill -0 "$up_pid" 2>/dev/null || break; sleep 1; done
  kill "$up_pid" 2>/dev/null; wait "$up_pid" 2>/dev/null; up_pid=
}
cleanup() {
  dc down -v --remove-orphans >/dev/null 2>&1
  stop_up
  rm -rf "$work"
}
trap cleanup EXIT
dc down -v --remove-orphans >/dev/null 2>&1   # leftovers of an interrupted run
# No image of the test's tag: `up` has to build them from the compose file.
docker image rm -f "${images[@]}" >/dev/null 2>&1

# ---- the compose file itself --------------------------------------------------------
check "docker-compose.yaml is valid" dc config -q
# A file name (*_FILE) or a reference to a secret file (${NAME}, resolved by Spring) is fine.
secret_settings=$(dc config 2>/dev/null | grep -E '^ +[A-Z_]*(PASSWORD|SECRET)[A-Z_]*: ' | grep -v '_FILE: ' \
  | grep -vE ': \$?\$\{[A-Z_]+\}$')
check "no password or key is set in the compose configuration (${secret_settings:-none})" test -z "$secret_settings"

# ---- first start -----------------------------------------------------------------------
container_ids() { docker ps -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$1"; }
all_ids() { docker ps -aq --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$1"; }
health() { docker inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null; }
wait_healthy() { # wait_healthy SECONDS container...
  local deadline=$(( $(date +%s) + $1 )) c ok; shift
  while [ "$(date +%s)" -lt "$deadline" ]; do
    ok=1
    for c in "$@"; do [ "$(health "$c")" = healthy ] || ok=0; done
    [ $ok = 1 ] && return 0
    sleep 1
  done
  return 1
}
long_running() { local s; for s in back front mysql mysqld-exporter; do container_ids "$s"; done; }
wait_stack() { # wait_stack SECONDS LOG: until the 5 long-running containers are healthy
  local deadline=$(( $(date +%s) + $1 )) c
  while [ "$(date +%s)" -lt "$deadline" ]; do
    kill -0 "$up_pid" 2>/dev/null || { tail -n 40 "$2" >&2; return 1; }
    mapfile -t c < <(long_running)
    # Five containers, or a service whose container is gone would pass unnoticed.
    [ "${#c[@]}" = 5 ] && wait_healthy 1 "${c[@]}" && return 0
    sleep 2
  done
  for c in $(long_running); do info "$(docker inspect -f '{{.Name}} {{.State.Status}} {{.State.Health.Status}}' "$c")"; done
  dc logs --tail 40 back front dbmigrate mysql >&2
  return 1
}

t0=$(date +%s)
info "docker-compose up --scale back=2 (in the foreground, its output in the log)"
up "$work/up.log"
wait_stack 900 "$work/up.log" \
  || abort "the stack did not become healthy within 900 s ($(long_running | wc -l) of 5 containers running)"
pass "first start: mysql, 2 back, front and mysqld-exporter healthy after $(( $(date +%s) - t0 )) s (images built, secrets made)"
built=0
for image in "${images[@]}"; do
  docker image inspect "$image" >/dev/null 2>&1 && built=$((built + 1)) \
    && info "image $image $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')"
done
check "up built the three missing images from the build sections ($built of 3)" test $built = 3
leaks=$(for image in "${images[@]}"; do docker image inspect -f '{{join .Config.Env "\n"}}' "$image"; done | grep -E 'PASSWORD|SECRET')
check "the images carry no password or key in their environment" test -z "$leaks"

sec=$(all_ids secrets)
check "the secrets service ran once and exited 0" \
  bash -c '[ "$(wc -w <<<"$1")" = 1 ] && [ "$(docker inspect -f "{{.State.Status}} {{.State.ExitCode}}" "$1")" = "exited 0" ]' _ "$sec"
mig=$(all_ids dbmigrate)
check "dbmigrate ran once and exited 0" \
  bash -c '[ "$(wc -w <<<"$1")" = 1 ] && [ "$(docker inspect -f "{{.State.Status}} {{.State.ExitCode}}" "$1")" = "exited 0" ]' _ "$mig"
# The secrets as the back sees them (it mounts the volume read-only).
mapfile -t backs < <(container_ids back)
secrets_digest() {
  docker exec "${backs[0]}" bash -c 'cd /run/secrets && for f in *; do printf "%s %s %s\n" "$f" "$(stat -c %a "$f")" "$(sha256sum < "$f" | cut -c1-16)"; done'
}
digest_first=$(secrets_digest)
info "secrets (name, mode, sha256 prefix): $(tr '\n' ' ' <<<"$digest_first")"
check "seven distinct secrets, read-only for everyone" \
  bash -c '[ "$(wc -l <<<"$1")" = 7 ] && [ "$(awk "{print \$3}" <<<"$1" | sort -u | wc -l)" = 7 ] && ! awk "{print \$2}" <<<"$1" | grep -qv "^444$"' _ "$digest_first"
# Where docs/containers.md tells a user to look.
secrets_log=$(dc logs --no-color secrets 2>&1)
admin_email=$(sed -n 's/.*secrets:   e-mail: *\([^ ]*\).*/\1/p' <<<"$secrets_log" | head -n1)
admin_password=$(sed -n 's/.*secrets:   password: *\([^ ]*\).*/\1/p' <<<"$secrets_log" | head -n1)
check "docker-compose logs secrets shows the first administrator ($admin_email) and a password" \
  bash -c '[ "$1" = admin@example.com ] && [ "${#2}" -ge 12 ]' _ "$admin_email" "$admin_password"

check "two back replicas running" test "${#backs[@]}" = 2
published=$(docker ps --filter "label=com.docker.compose.project=$project" --format '{{.Label "com.docker.compose.service"}} {{.Ports}}' | grep -- '->')
info "published ports: ${published:-none}"
# The load balancer: Traefik, or the override's stand-in; the one publishing port 80.
lb=$(awk '/->80\/tcp/ {print $1}' <<<"$published")
check "only the load balancer ($lb) publishes ports, on $port for HTTP, and nothing on 3306" \
  bash -c '[ "$(grep -c . <<<"$1")" = 1 ] && grep -q ":$2->80/tcp" <<<"$1" && ! grep -q ":3306->" <<<"$1"' _ "$published" "$port"
# The load balancer needs a health-check round to see the replicas.
lb_ready=no
for _ in $(seq 1 60); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/api/v1/roles")" = 401 ] && { lb_ready=yes; break; }
  sleep 1
done
check "the load balancer routes /api/ to a back replica (401 without a token)" test $lb_ready = yes

# ---- behaviour through the load balancer --------------------------------------------
code=$(curl -s -o "$work/index.html" -w '%{http_code}' --max-time 5 "$base/")
check "UI entry page served (GET / -> $code)" bash -c '[ "$1" = 200 ] && grep -qi "<html" "$2"' _ "$code" "$work/index.html"
check "UI run-time configuration served with the API URL (GET /config.json)" \
  bash -c 'curl -fsS --max-time 5 "$1/config.json" | grep -q "/api/v1"' _ "$base"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/actuator/health")
# front's application port answers; only its management port would know the path.
check "management endpoints are not routed (GET /actuator/health -> $code)" test "$code" = 404

token=$(curl -fsS --max-time 10 -H 'Content-Type: application/json' \
  -d "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" "$base/api/v1/auth/token" | jq -r '.accessToken // empty')
if [ -z "$token" ]; then
  dc logs --tail 30 "$lb" back >&2
  abort "sign in as the first administrator"
fi
pass "sign in as the first administrator"
auth=(-H "Authorization: Bearer $token")
me=$(curl -fsS --max-time 5 "${auth[@]}" "$base/api/v1/users/me" | jq -r '.id // empty')
check "GET /api/v1/users/me gives the caller's id ($me)" test -n "$me"
domain_name="e2e-$(rand 8 | tr '[:upper:]' '[:lower:]').example.com"
code=$(curl -s -o "$work/created.json" -w '%{http_code}' --max-time 10 "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$domain_name\",\"registrar\":\"e2e\",\"expiresAt\":\"2027-01-31\",\"ownerId\":$me}" "$base/api/v1/domains")
domain_id=$(jq -r '.id // empty' "$work/created.json" 2>/dev/null)
check "create a domain (POST /api/v1/domains -> $code)" bash -c '[ "$1" = 201 ] && [ -n "$2" ]' _ "$code" "$domain_id"
check "read it back (GET /api/v1/domains/$domain_id)" \
  bash -c 'curl -fsS --max-time 5 -H "Authorization: Bearer $1" "$2/api/v1/domains/$3" | jq -e --arg n "$4" ".name == \$n" >/dev/null' \
  _ "$token" "$base" "$domain_id" "$domain_name"
read_url=$base/api/v1/domains/$domain_id

instances_seen() { # instances_seen N: distinct X-Instance-Id values over N requests
  local _
  for _ in $(seq 1 "$1"); do
    curl -s -D - -o /dev/null --max-time 5 "${auth[@]}" "$read_url" | tr -d '\r' | sed -n 's/^[Xx]-[Ii]nstance-[Ii]d: *//p'
  done | sort -u
}
# rejoined ID: waits up to 60 s until the load balancer answers from the replica whose
# X-Instance-Id is ID again; prints how long it took. A restarted replica has a new
# address, which the load balancer re-resolves and health-checks first (on a busy machine
# the HAProxy stand-in takes up to half a minute).
rejoined() {
  local t0=$SECONDS
  while [ $((SECONDS - t0)) -lt 60 ]; do
    instances_seen 6 | grep -qx "$1" && { echo "$((SECONDS - t0))"; return 0; }
    sleep 1
  done
  echo "more than 60"; return 1
}
# The load balancer discovers replicas through DNS, so a replica that just turned
# healthy may join a few seconds late: sample until both answered, for 30 s at most.
seen=() sampled=0 deadline=$((SECONDS + 30))
while :; do
  mapfile -t seen < <({ printf '%s\n' "${seen[@]}"; instances_seen 10; } | sed '/^$/d' | sort -u)
  sampled=$((sampled + 10))
  [ "${#seen[@]}" -ge 2 ] || [ "$SECONDS" -ge "$deadline" ] && break
  sleep 1
done
info "replicas seen over $sampled requests: ${seen[*]:-none}"
check "answers come from both back replicas (X-Instance-Id)" test "${#seen[@]}" = 2
hostnames=$(for c in "${backs[@]}"; do docker inspect -f '{{.Config.Hostname}}' "$c"; done | sort | paste -sd' ')
check "X-Instance-Id names the replica (hostnames: $hostnames)" test "$(printf '%s\n' "${seen[@]}" | sort | paste -sd' ')" = "$hostnames"

exporter=$(container_ids mysqld-exporter)
# One scrape can fail on a slow DNS answer of the test machine's aardvark-dns; the
# exporter reports mysql_up per scrape, so up to 5 scrapes 2 s apart.
for try in 1 2 3 4 5; do
  docker exec "$exporter" wget -q -O - http://127.0.0.1:9104/metrics > "$work/metrics.txt" 2>&1
  grep -q '^mysql_up 1' "$work/metrics.txt" && break
  sleep 2
done
check "mysqld-exporter reaches MySQL with its own user (mysql_up 1, scrape $try)" grep -q '^mysql_up 1' "$work/metrics.txt" \
  || { info "exporter answered: $(grep -m3 -E '^mysql_up|rror' "$work/metrics.txt")"; dc logs --tail 10 mysqld-exporter >&2; }

# ---- database accounts (docs/security.md) ----------------------------------------------
# As the back's account, inside the MySQL container (the port is not published).
mysql_c=$(container_ids mysql)
as_back() {
  docker exec "$mysql_c" bash -c 'MYSQL_PWD=$(< /run/secrets/DB_BACK_PASSWORD) mysql -h127.0.0.1 -udomaindesk_back domaindesk -N -e "$1" 2>&1' _ "$1"
}
refused() { local out; ! out=$(as_back "$1") && grep -q "command denied" <<<"$out"; }
rows=$(as_back "SELECT COUNT(*) FROM domains WHERE id = $domain_id")
check "the back's account (domaindesk_back) reads rows ($rows)" test "$rows" = 1
check "the back's account may not CREATE TABLE" refused "CREATE TABLE ddl_probe (id INT)"
check "the back's account may not DROP TABLE" refused "DROP TABLE ddl_probe_absent"
pool_users=$(docker exec "$mysql_c" bash -c 'MYSQL_PWD=$(< /run/secrets/MYSQL_ROOT_PASSWORD) mysql -uroot -N -e "SELECT DISTINCT USER FROM information_schema.PROCESSLIST WHERE DB = \"domaindesk\""' | sort | paste -sd' ')
check "the back replicas are connected as domaindesk_back only (connected: $pool_users)" test "$pool_users" = domaindesk_back

# ---- steady load while replicas go away -----------------------------------------------
# Each worker sends GETs one after another for $1 seconds (and at most
# $max_requests_per_worker), recording one status code per line; 000 = no answer.
load() {
  local secs=$1 out=$2 w
  for w in $(seq 1 "$workers"); do
    (
      end=$(( $(date +%s) + secs )); n=0
      while [ "$(date +%s)" -lt "$end" ] && [ $n -lt "$max_requests_per_worker" ]; do
        curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 "${auth[@]}" "$read_url"
        n=$((n + 1))
      done > "$out.$w"
    ) &
  done
  wait
  cat "$out".* > "$out"
}
count() { wc -l < "$1" | tr -d ' '; }
failures() { grep -cv '^200$' "$1"; }

victim=${backs[0]}
info "steady load for ${steady_seconds}s with $workers workers; docker stop $(docker inspect -f '{{.Name}}' "$victim") after 5 s"
load "$steady_seconds" "$work/stop" &
load_pid=$!
sleep 5
t_stop=$(date +%s%N)
docker stop -t 30 "$victim" >/dev/null
stop_ms=$(( ($(date +%s%N) - t_stop) / 1000000 ))
wait $load_pid
sent=$(count "$work/stop"); lost=$(failures "$work/stop")
info "docker stop took $stop_ms ms; requests sent: $sent, failed: $lost ($(sort "$work/stop" | uniq -c | tr '\n' ' '))"
check "graceful stop of a replica during steady requests loses no request ($lost of $sent failed)" \
  bash -c '[ "$1" -gt 0 ] && [ "$2" = 0 ]' _ "$sent" "$lost"
docker start "$victim" >/dev/null
check "the stopped replica starts again and becomes healthy" wait_healthy 120 "$victim"
# Before the other replica is killed: otherwise the kill may leave the load balancer
# without any replica it knows.
stopped_id=$(docker inspect -f '{{.Config.Hostname}}' "$victim")
took=$(rejoined "$stopped_id") && back_in=yes || back_in=no
check "the restarted replica $stopped_id serves again through the load balancer (after $took s)" test "$back_in" = yes

victim=${backs[1]}
info "steady load for 20s; docker kill $(docker inspect -f '{{.Name}}' "$victim") after 5 s"
load 20 "$work/kill" &
load_pid=$!
sleep 5
docker kill "$victim" >/dev/null
wait $load_pid
sent=$(count "$work/kill"); lost=$(failures "$work/kill")
info "after docker kill: requests sent: $sent, failed: $lost ($(sort "$work/kill" | uniq -c | tr '\n' ' '))"
if [ "$lost" != 0 ]; then
  info "load balancer log of the failed requests (first 5):"
  dc logs --no-color "$lb" 2>/dev/null | grep -E '\] web back/[^ ]+ [^ ]+ 5[0-9][0-9] ' \
    | grep -F "GET /api/v1/domains/$domain_id " | head -n 5 | sed 's/^/        /'
fi
check "the load balancer keeps serving after a kill (each worker's last 10 requests all 200)" \
  bash -c 'for f; do [ "$(tail -n 10 "$f" | grep -c "^200$")" = 10 ] || exit 1; done' _ "$work"/kill.[0-9]* \
  || info "back replicas: $(for c in "${backs[@]}"; do docker inspect -f '{{.Name}} {{.State.Status}} {{.State.Health.Status}} {{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$c"; done | paste -sd,);" \
       "the load balancer resolves back to: $(docker exec "$(container_ids "$lb")" getent hosts back 2>&1 | awk '{print $1}' | paste -sd' ')"
docker start "$victim" >/dev/null
check "the killed replica restarts and becomes healthy" wait_healthy 120 "$victim"
killed_id=$(docker inspect -f '{{.Config.Hostname}}' "$victim")
took=$(rejoined "$killed_id") && back_in=yes || back_in=no
check "the restarted replica $killed_id serves again through the load balancer (after $took s)" test "$back_in" = yes

# ---- database outage: the API's own 503, not the load balancer's ------------------------
# Readiness leaves the database out (docs/adr/0012): the replicas stay healthy and in the
# load balancer, and answer 503 problem+json with Retry-After until MySQL is back.
docker stop -t 30 "$mysql_c" >/dev/null
outage_answer() { curl -s -D - -o /dev/null --max-time 10 "${auth[@]}" "$read_url" | tr -d '\r'; }
answer=
for _ in $(seq 1 20); do
  answer=$(outage_answer)
  grep -q '^HTTP/[0-9.]* 503' <<<"$answer" && break
  sleep 1
done
check "with MySQL stopped, the API answers 503 problem+json with Retry-After ($(head -n1 <<<"$answer"))" \
  bash -c 'grep -q "^HTTP/[0-9.]* 503" <<<"$1" && grep -qi "^content-type: application/problem+json" <<<"$1" && grep -qi "^retry-after: " <<<"$1"' _ "$answer"
sleep 20   # several health-check rounds (5 s apart, unhealthy after 3 failures)
# Asked of each replica itself: the engine's health status also counts probes that time
# out on a busy machine, which says nothing about readiness.
ready_now() { # ready_now container...: readiness answers 200 in each
  local c
  for c; do
    docker exec "$c" bash -c 'exec 3<>/dev/tcp/127.0.0.1/8081 && printf "GET /actuator/health/readiness HTTP/1.0\r\n\r\n" >&3 && head -n1 <&3' |
      grep -q ' 200 ' || return 1
  done
}
check "the back replicas stay ready through the outage (readiness 200 in each)" ready_now "${backs[@]}"
info "health status of the back replicas: $(for c in "${backs[@]}"; do health "$c"; done | paste -sd' ')"
answer=$(outage_answer)
check "20 s later still the API's 503 problem+json, not the load balancer's" \
  bash -c 'grep -q "^HTTP/[0-9.]* 503" <<<"$1" && grep -qi "^content-type: application/problem+json" <<<"$1"' _ "$answer"
docker start "$mysql_c" >/dev/null
wait_healthy 120 "$mysql_c"
recovered=no t0=$SECONDS
while [ $((SECONDS - t0)) -lt 60 ]; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${auth[@]}" "$read_url")" = 200 ] && { recovered=yes; break; }
  sleep 1
done
check "MySQL back: the API serves again by itself (after $((SECONDS - t0)) s)" test $recovered = yes

# ---- down and up again: the secrets and the data stay ---------------------------------
dc down >/dev/null 2>&1
stop_up
t0=$(date +%s)
info "docker-compose down, then docker-compose up --scale back=2 again"
up "$work/up2.log"
if wait_stack 300 "$work/up2.log"; then
  pass "second start: the stack is healthy again after $(( $(date +%s) - t0 )) s"
  mapfile -t backs < <(container_ids back)
  check "down and up keep the secrets (same seven files)" test "$(secrets_digest)" = "$digest_first"
  secrets_log=$(dc logs --no-color secrets 2>&1)
  check "the second start shows no password (the secrets service kept the existing ones)" \
    bash -c 'grep -q "kept the existing secrets" <<<"$1" && ! grep -qF -- "$2" <<<"$1"' _ "$secrets_log" "$admin_password"
  for _ in $(seq 1 60); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/api/v1/roles")" = 401 ] && break
    sleep 1
  done
  token=$(curl -fsS --max-time 10 -H 'Content-Type: application/json' \
    -d "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" "$base/api/v1/auth/token" | jq -r '.accessToken // empty')
  check "after the restart the same password signs in and the domain is still there" \
    bash -c '[ -n "$1" ] && curl -fsS --max-time 5 -H "Authorization: Bearer $1" "$2" | jq -e --arg n "$3" ".name == \$n" >/dev/null' \
    _ "$token" "$read_url" "$domain_name"
else
  fail "second start: the stack did not become healthy within 300 s"
fi

# ---- clean up ---------------------------------------------------------------------------
dc down -v --remove-orphans >/dev/null 2>&1
stop_up
left=$(
  docker ps -aq --filter "label=com.docker.compose.project=$project"
  docker volume ls -q --filter "label=com.docker.compose.project=$project"
  docker network ls -q --filter "label=com.docker.compose.project=$project"
  docker volume ls -q | grep "^${project}_"
  docker network ls --format '{{.Name}}' | grep "^${project}_"
)
check "down -v leaves no container, volume (data, secrets) or network of the project" test -z "$left"
[ -n "$left" ] && info "left behind: $(tr '\n' ' ' <<<"$left")"

summary
[ "$failed" = 0 ]
