#!/usr/bin/env bash
# Measures the start-up of the three images with and without their AOT cache, the
# figures in docs/performance.md. Uses the images built by the root Dockerfile
# (domaindesk/<module>:$IMAGE_TAG, default 0.1.0, as `docker compose up` builds them)
# and mysql:8.4, with the docker CLI (podman through DOCKER_HOST works too), on a
# private network; reaches the containers by their IP, so it runs on a Linux host.
# Runs are interleaved (cache, no cache, cache, ...) so that background load on the
# machine affects both the same way. Usage: perf/measure-startup.sh [RUNS]
set -euo pipefail
# shellcheck source=perf/lib.sh
. "$(dirname "$0")/lib.sh"
runs=${1:-5}
prefix=domaindesk
tag=${IMAGE_TAG:-0.1.0}
net=ddk-perf
pw=perf-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
jwt=$(head -c 48 /dev/urandom | base64 -w0)

cleanup() { docker rm -f ddk-perf-mysql ddk-perf-app >/dev/null 2>&1 || true; docker network rm $net >/dev/null 2>&1 || true; }
trap cleanup EXIT
cleanup
docker network create $net >/dev/null
docker run -d --name ddk-perf-mysql --network $net --network-alias mysql \
  -e MYSQL_ROOT_PASSWORD="$pw" -e MYSQL_DATABASE=domaindesk -e MYSQL_USER=domaindesk -e MYSQL_PASSWORD="$pw" \
  mysql:8.4 >/dev/null
for _ in $(seq 1 120); do docker exec ddk-perf-mysql mysqladmin ping -h 127.0.0.1 --silent >/dev/null 2>&1 && break; sleep 1; done
db=(--network "$net" -e DB_HOST=mysql -e DB_PASSWORD="$pw")
docker run --rm "${db[@]}" -e ADMIN_EMAIL=admin@example.com -e ADMIN_PASSWORD="$pw" "$prefix/dbmigrate:$tag" update >/dev/null

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# time_ready IMAGE JAVA_TOOL_OPTIONS ENV...: ms from `docker run` to readiness 200, and
# the JVM's own "Started ... in X seconds" figure.
time_ready() {
  local image=$1 jto=$2 t0 ip code; shift 2
  t0=$(now_ms)
  docker run -d --name ddk-perf-app --network $net ${jto:+-e JAVA_TOOL_OPTIONS="$jto"} "$@" "$image" >/dev/null
  ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' ddk-perf-app)
  for _ in $(seq 1 1200); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://$ip:8081/actuator/health/readiness" || true)
    [ "$code" = 200 ] && break
    sleep 0.1
  done
  local wall=$(( $(now_ms) - t0 ))
  local jvm; jvm=$(docker logs ddk-perf-app 2>&1 | sed -n 's/.*Started .* in \([0-9.]*\) seconds.*/\1/p' | head -n1)
  docker rm -f ddk-perf-app >/dev/null
  [ "$code" = 200 ] || { echo "not ready: $image" >&2; return 1; }
  echo "$wall ${jvm:-0}"
}
time_exit() { # ms from `docker run` to the exit of a one-shot container
  local image=$1 jto=$2 t0; shift 2
  t0=$(now_ms)
  docker run --rm --network $net ${jto:+-e JAVA_TOOL_OPTIONS="$jto"} "$@" "$image" update >/dev/null 2>&1
  echo "$(( $(now_ms) - t0 )) 0"
}

measure() { # measure NAME FUNC IMAGE ARGS...
  local name=$1 fn=$2 image=$3; shift 3
  : > /tmp/perf.on; : > /tmp/perf.off
  for _ in $(seq 1 "$runs"); do
    $fn "$image" "" "$@" >> /tmp/perf.on
    $fn "$image" "-XX:AOTMode=off" "$@" >> /tmp/perf.off
  done
  printf '%-10s AOT cache: wall %.2fs (JVM %.2fs)   no cache: wall %.2fs (JVM %.2fs)   runs: %s\n' "$name" \
    "$(awk '{print $1/1000}' /tmp/perf.on | median)" "$(awk '{print $2}' /tmp/perf.on | median)" \
    "$(awk '{print $1/1000}' /tmp/perf.off | median)" "$(awk '{print $2}' /tmp/perf.off | median)" "$runs"
  echo "           raw ms with cache: $(awk '{print $1}' /tmp/perf.on | paste -sd' ')   without: $(awk '{print $1}' /tmp/perf.off | paste -sd' ')"
}

echo "medians of $runs runs each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
measure back time_ready "$prefix/back:$tag" -e DB_HOST=mysql -e DB_PASSWORD="$pw" -e JWT_SECRET="$jwt" --memory 1g
measure front time_ready "$prefix/front:$tag" --memory 512m
measure dbmigrate time_exit "$prefix/dbmigrate:$tag" -e DB_HOST=mysql -e DB_PASSWORD="$pw" --memory 512m
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for m in dbmigrate back front; do
  printf '%-10s image %s MB\n' "$m" "$(docker image inspect -f '{{.Size}}' "$prefix/$m:$tag" | awk '{printf "%.0f", $1/1e6}')"
done
