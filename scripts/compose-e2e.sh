#!/usr/bin/env bash
# End-to-end test of docker-compose.yaml: builds the three images, runs the stack with
# two back replicas behind a load balancer and checks what docs/containers.md promises:
# the UI is served, sign-in and domain create/read work, both replicas answer, stopping
# a replica loses no request, a killed replica is survived and serves again after a
# restart, and `down -v` leaves nothing behind.
#
# Runs on a Debian machine without a Docker engine, as root: it installs podman,
# docker-compose 1.29 and friends (scripts/compose-e2e/setup-podman.sh), builds local
# stand-ins for the upstream images that cannot be pulled there, and replaces only the
# Traefik service with HAProxy (scripts/compose-e2e/compose.e2e.yaml). With a working
# Docker engine set E2E_USE_DOCKER=1 to skip the podman setup (the stand-ins are then
# still built with podman unless E2E_SKIP_STANDINS=1 says the real images are there).
#
# Prints its figures and ends with "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$(date +%s)

project=domaindesk-e2e
compose_files=(-f docker-compose.yaml -f scripts/compose-e2e/compose.e2e.yaml)
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
if [ "${E2E_USE_DOCKER:-0}" != 1 ]; then
  [ "$(id -u)" = 0 ] || abort "run as root (it installs podman and writes /etc/containers)"
  dh=$(scripts/compose-e2e/setup-podman.sh | tail -n1) || abort "podman setup"
  export "${dh?}"
fi
docker info >/dev/null 2>&1 || abort "no container engine answers (DOCKER_HOST=${DOCKER_HOST:-unset})"
command -v docker-compose >/dev/null || abort "docker-compose is not installed"
dc() { docker-compose -p "$project" --env-file "$env_file" "${compose_files[@]}" "$@"; }

# ---- jars (the images are built with JAR_SOURCE=prebuilt to keep this fast) --------
if [ ! -f dbmigrate/target/dbmigrate.jar ] || [ ! -f back/target/back.jar ] || [ ! -f front/target/front.jar ]; then
  [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ] && export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
  echo "building the jars: ./mvnw -B -q package -DskipTests"
  ./mvnw -B -q package -DskipTests || abort "the Maven build failed"
fi

# ---- stand-ins for images that cannot be pulled ------------------------------------
exporter_tag=$(sed -n 's/^ *image: *prom\/mysqld-exporter:\([^ ]*\).*/\1/p' docker-compose.yaml)
if [ "${E2E_SKIP_STANDINS:-0}" != 1 ]; then
  t0=$(date +%s)
  EXPORTER_TAG=$exporter_tag scripts/compose-e2e/build-standins.sh || abort "building the stand-in images"
  info "stand-in images ready in $(( $(date +%s) - t0 )) s"
fi

# ---- throwaway settings: random secrets, never written into the repository ----------
work=$(mktemp -d /tmp/domaindesk-e2e.XXXXXX)
env_file=$work/.env
rand() { head -c 32 /dev/urandom | base64 | tr -d '/+=' | cut -c1-"$1"; }
free_port() {
  local p
  for p in $(shuf -i 20000-45000 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  return 1
}
port=$(free_port) || abort "no free local port for the load balancer"
admin_email=admin@e2e.example.com
admin_password=$(rand 20)
cat > "$env_file" <<ENV
DB_PASSWORD=$(rand 24)
MYSQL_ROOT_PASSWORD=$(rand 24)
MYSQLD_EXPORTER_PASSWORD=$(rand 24)
JWT_SECRET=$(rand 40)
ADMIN_EMAIL=$admin_email
ADMIN_PASSWORD=$admin_password
JAR_SOURCE=prebuilt
IMAGE_PREFIX=localhost/domaindesk-e2e
IMAGE_TAG=test
E2E_HTTP_PORT=$port
ENV
base=http://127.0.0.1:$port

runner_pid=
cleanup() {
  [ -n "$runner_pid" ] && kill "$runner_pid" 2>/dev/null
  dc down -v --remove-orphans >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
dc down -v --remove-orphans >/dev/null 2>&1   # leftovers of an interrupted run

# ---- the compose file itself --------------------------------------------------------
check "docker-compose.yaml is valid" dc config -q
no_secret_env=$work/no-secret.env
grep -v '^JWT_SECRET=' "$env_file" > "$no_secret_env"
if out=$(docker-compose -p "$project" --env-file "$no_secret_env" "${compose_files[@]}" config 2>&1); then
  fail "refuses to start without JWT_SECRET (it did not)"
else
  check "refuses to start without JWT_SECRET, naming it" grep -q "set JWT_SECRET" <<<"$out"
fi

# ---- build and start ------------------------------------------------------------------
t0=$(date +%s)
dc build -q dbmigrate back front || abort "docker-compose build"
build_s=$(( $(date +%s) - t0 ))
info "images built in $build_s s"
for m in dbmigrate back front; do
  info "image localhost/domaindesk-e2e/$m:test $(docker image inspect -f '{{.Size}}' "localhost/domaindesk-e2e/$m:test" | awk '{printf "%.0f MB", $1/1e6}')"
done

if [ "${E2E_USE_DOCKER:-0}" != 1 ]; then
  # Podman runs health checks from systemd timers; there is no systemd here.
  scripts/compose-e2e/healthcheck-runner.sh "$project" 1200 &
  runner_pid=$!
fi
t0=$(date +%s)
dc up -d --scale back=2 || abort "docker-compose up"
info "docker-compose up returned after $(( $(date +%s) - t0 )) s (mysql healthy, dbmigrate done)"
container_ids() { docker ps -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$1"; }
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
# dbmigrate runs first; up returns once back and front have been created.
mig=$(docker ps -aq --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=dbmigrate")
check "dbmigrate ran once and exited 0" \
  bash -c '[ -n "$1" ] && [ "$(docker inspect -f "{{.State.Status}} {{.State.ExitCode}}" "$1")" = "exited 0" ]' _ "$mig"
mapfile -t backs < <(container_ids back)
long_running=("${backs[@]}" $(container_ids front) $(container_ids mysql) $(container_ids mysqld-exporter))
# Five containers, or a service whose container is gone would pass unnoticed.
if [ "${#long_running[@]}" = 5 ] && wait_healthy 180 "${long_running[@]}"; then
  pass "mysql, 2 back, front and mysqld-exporter healthy after $(( $(date +%s) - t0 )) s"
else
  for c in "${long_running[@]}"; do info "$(docker inspect -f '{{.Name}} {{.State.Status}} {{.State.Health.Status}}' "$c")"; done
  dc logs --tail 40 back front dbmigrate mysql >&2
  abort "the stack did not become healthy within 180 s (${#long_running[@]} of 5 containers running)"
fi
check "two back replicas running" test "${#backs[@]}" = 2
published=$(docker ps --filter "label=com.docker.compose.project=$project" --format '{{.Names}} {{.Ports}}' | grep -- '->' )
info "published ports: ${published:-none}"
check "only the load balancer publishes a port, on loopback, and nothing on 3306" \
  bash -c '[ "$(grep -c . <<<"$1")" = 1 ] && grep -q "loadbalancer.*127.0.0.1:$2->80" <<<"$1" && ! grep -q ":3306->" <<<"$1"' _ "$published" "$port"
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
  dc logs --tail 30 loadbalancer back >&2
  abort "sign in as the first administrator"
fi
pass "sign in as the first administrator"
auth=(-H "Authorization: Bearer $token")
me=$(curl -fsS --max-time 5 "${auth[@]}" "$base/api/v1/users/me" | jq -r '.id // empty')
check "GET /api/v1/users/me gives the caller's id ($me)" test -n "$me"
domain_name="e2e-$(rand 8 | tr 'A-Z' 'a-z').example.com"
code=$(curl -s -o "$work/created.json" -w '%{http_code}' --max-time 10 "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$domain_name\",\"registrar\":\"e2e\",\"expiresAt\":\"2027-01-31\",\"ownerId\":$me}" "$base/api/v1/domains")
domain_id=$(jq -r '.id // empty' "$work/created.json" 2>/dev/null)
check "create a domain (POST /api/v1/domains -> $code)" bash -c '[ "$1" = 201 ] && [ -n "$2" ]' _ "$code" "$domain_id"
check "read it back (GET /api/v1/domains/$domain_id)" \
  bash -c 'curl -fsS --max-time 5 -H "Authorization: Bearer $1" "$2/api/v1/domains/$3" | jq -e --arg n "$4" ".name == \$n" >/dev/null' \
  _ "$token" "$base" "$domain_id" "$domain_name"
read_url=$base/api/v1/domains/$domain_id

instances_seen() { # instances_seen N: distinct X-Instance-Id values over N requests
  local i
  for i in $(seq 1 "$1"); do
    curl -s -D - -o /dev/null --max-time 5 "${auth[@]}" "$read_url" | tr -d '\r' | sed -n 's/^[Xx]-[Ii]nstance-[Ii]d: *//p'
  done | sort -u
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
sleep 3   # a load-balancer health-check round

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
  dc logs --no-color loadbalancer 2>/dev/null | grep -E '\] web back/[^ ]+ [^ ]+ 5[0-9][0-9] ' \
    | grep -F "GET /api/v1/domains/$domain_id " | head -n 5 | sed 's/^/        /'
fi
check "the load balancer keeps serving after a kill (each worker's last 10 requests all 200)" \
  bash -c 'for f; do [ "$(tail -n 10 "$f" | grep -c "^200$")" = 10 ] || exit 1; done' _ "$work"/kill.[0-9]*
docker start "$victim" >/dev/null
check "the killed replica restarts and becomes healthy" wait_healthy 120 "$victim"
killed_id=$(docker inspect -f '{{.Config.Hostname}}' "$victim")
# The load balancer re-resolves the service name and health-checks the new address.
back_in=no
for _ in $(seq 1 15); do
  instances_seen 6 | grep -qx "$killed_id" && { back_in=yes; break; }
  sleep 1
done
check "the restarted replica $killed_id serves again through the load balancer" test $back_in = yes

# ---- clean up ---------------------------------------------------------------------------
dc down -v --remove-orphans >/dev/null 2>&1
left=$(
  docker ps -aq --filter "label=com.docker.compose.project=$project"
  docker volume ls -q --filter "label=com.docker.compose.project=$project"
  docker network ls -q --filter "label=com.docker.compose.project=$project"
  docker volume ls -q | grep "^${project}_"
  docker network ls --format '{{.Name}}' | grep "^${project}_"
)
check "down -v leaves no container, volume or network of the project" test -z "$left"
[ -n "$left" ] && info "left behind: $(echo $left)"

summary
[ "$failed" = 0 ]
