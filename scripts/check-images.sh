#!/usr/bin/env bash
# Starts the three JVM images under every memory and CPU limit they are given and checks,
# from the JVM's own log (-Xlog:aot,gc), that each one starts AND uses its JDK AOT cache:
#   - the smallest limit the docs allow: 512 MiB and 1 CPU;
#   - the limits of the Kubernetes manifests (k8s/base/<module>/, resources.limits);
#   - the memory limits of docker-compose.yaml (mem_limit, no CPU limit).
# A JVM that cannot use the cache either exits ("Unable to use AOT cache") or starts
# without it, slower: "Using AOT-linked classes: true" is printed only when the cache's
# classes and objects are in use, and the collector and heap the cache was trained with
# (the module's src/main/jvm/jvm.options) must be the ones in use.
#
# Uses the compose test's images, domaindesk/<module>:$IMAGE_TAG (default domaindesk-e2e),
# and builds the missing ones from the root Dockerfile (JAR_SOURCE=prebuilt, as the
# compose test, when the jars are in <module>/target). Needs the docker CLI and an engine
# (podman through DOCKER_HOST works: eval "$(bash .ci/containers/prepare.sh)").
# No database: the back starts without one, and dbmigrate's context starts before it
# connects. Prints each run's start-up time and memory; ends with "images: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

tag=${IMAGE_TAG:-domaindesk-e2e}
name=ddk-images-$$
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS  $*"; }
fail() { failed=$((failed + 1)); echo "FAIL  $*"; }
summary() { echo "images: $passed passed, $failed failed"; }
abort() { fail "$*"; summary; exit 1; }
trap 'docker rm -f "$name" >/dev/null 2>&1' EXIT

command -v docker >/dev/null || abort "the docker CLI is not installed"
docker info >/dev/null 2>&1 || abort "no container engine answers (DOCKER_HOST=${DOCKER_HOST:-unset})"

# ---- the images ------------------------------------------------------------------------
for m in back front dbmigrate; do
  docker image inspect "domaindesk/$m:$tag" >/dev/null 2>&1 && continue
  source=source
  [ -f "$m/target/$m.jar" ] && source=${JAR_SOURCE:-prebuilt}
  echo "building domaindesk/$m:$tag (JAR_SOURCE=$source)"
  docker build -q --build-arg MODULE="$m" --build-arg JAR_SOURCE="$source" -t "domaindesk/$m:$tag" . >/dev/null \
    || abort "docker build of $m failed"
done

# ---- the limits ------------------------------------------------------------------------
# k8s_limits FILE: "memory cpus" of the container's resources.limits, in docker's units.
k8s_limits() {
  awk '/^ *limits:/ {on=1; next}
       on && /^ *memory:/ {m=$2} on && /^ *cpu:/ {c=$2}
       on && /^ *[a-z]+:$/ {on=0}
       END {gsub(/"/, "", c); gsub(/"/, "", m)
            if (c ~ /m$/) c = substr(c, 1, length(c) - 1) / 1000
            sub(/Mi$/, "m", m); sub(/Gi$/, "g", m); print m, c}' "$1"
}
# compose_mem SERVICE: the service's mem_limit in docker-compose.yaml.
compose_mem() {
  awk -v s="$1" '/^  [a-z-]+:$/ {on = ($1 == s ":")} on && /^ *mem_limit:/ {print $2}' docker-compose.yaml
}

# ---- one run -----------------------------------------------------------------------------
jwt=$(head -c 48 /dev/urandom | base64 -w0)
# run MODULE MEMORY CPUS WHERE: starts the image with those limits (CPUS empty: none) like
# compose and Kubernetes do (read-only root, writable /tmp), waits for the application to
# start (or the JVM to exit), then reads the JVM's log.
run() {
  local m=$1 mem=$2 cpus=$3 where=$4 what log started=0 env=() cmd=()
  what="$m --memory $mem${cpus:+ --cpus $cpus} ($where)"
  # The back refuses to start without a JWT key; dbmigrate's status command starts the
  # Spring context, then fails for want of a database: only the start matters here.
  case $m in
    back) env=(-e JWT_SECRET="$jwt") ;;
    dbmigrate) env=(-e DB_HOST=127.0.0.1 -e DB_PASSWORD="$jwt"); cmd=(status) ;;
  esac
  docker rm -f "$name" >/dev/null 2>&1
  local t0=$SECONDS
  docker run -d --name "$name" --memory "$mem" ${cpus:+--cpus "$cpus"} --read-only --tmpfs /tmp \
    -e JAVA_TOOL_OPTIONS="-Xlog:aot,gc" "${env[@]}" "domaindesk/$m:$tag" "${cmd[@]}" >/dev/null \
    || { fail "$what: docker run failed"; return; }
  for _ in $(seq 1 240); do
    log=$(docker logs "$name" 2>&1)
    if grep -q 'Started [A-Za-z]*Application in' <<<"$log"; then started=1; break; fi
    [ "$(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" = true ] || break
    sleep 0.5
  done
  local secs=$((SECONDS - t0)) rss
  rss=$(docker exec "$name" sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/1/status 2>/dev/null)
  log=$(docker logs "$name" 2>&1)
  local oom; oom=$(docker inspect -f '{{.State.OOMKilled}}' "$name" 2>/dev/null)
  docker rm -f "$name" >/dev/null 2>&1

  # When it loads the cache's archived objects the JVM logs the training run's maximum
  # heap and its own: equal when both come from jvm.options, not from ergonomics.
  local trained current gc errors want
  # The collector the image's jvm.options names (-XX:+UseSerialGC: "Serial").
  want=$(sed -n 's/^-XX:+Use\(Serial\|Parallel\|G1\)GC.*/\1/p' "$m/src/main/jvm/jvm.options" 2>/dev/null)
  trained=$(sed -n 's/.*archive was created with max heap size = \([0-9]*[KMG]\).*/\1/p' <<<"$log" | head -n1)
  current=$(sed -n 's/.*The current max heap size = \([0-9]*[KMG]\).*/\1/p' <<<"$log" | head -n1)
  gc=$(sed -n 's/.*\[gc\] Using \(.*\)$/\1/p' <<<"$log" | head -n1)
  errors=$(grep -E '\[error\]\[aot\]|Unable to use AOT cache' <<<"$log" | head -n3)
  echo "      $what: ${gc:-no} GC, heap ${current:-?} (trained ${trained:-?}), $([ $started = 1 ] && echo "started in ${secs}s" || echo "did not start"), $([ -n "$rss" ] && echo "RSS $((rss / 1024)) MB" || echo "exited")"
  if [ $started = 1 ] && [ "$oom" != true ] && [ -z "$errors" ] && [ -n "$want" ] && [ "$gc" = "$want" ] \
    && grep -q 'Using AOT-linked classes: true' <<<"$log" && [ -n "$trained" ] && [ "$trained" = "$current" ]; then
    pass "$what: started and used its AOT cache"
  else
    fail "$what: started=$started oom=${oom:-?}, GC ${gc:-?} (jvm.options: ${want:-none}), AOT-linked classes $(grep -q 'Using AOT-linked classes: true' <<<"$log" && echo used || echo "not used"), heap ${current:-?} vs trained ${trained:-?}${errors:+; }${errors//$'\n'/; }"
    grep -E '\[(aot|gc)\]|Error|Exception' <<<"$log" | grep -v 'archived module property' | tail -n 8 | sed 's/^/      | /'
  fi
}

# ---- the runs ------------------------------------------------------------------------------
for m in back front dbmigrate; do
  run "$m" 512m 1 "the smallest limits the docs allow"
  read -r mem cpus < <(k8s_limits "k8s/base/$m/$([ "$m" = dbmigrate ] && echo job || echo deployment).yaml")
  [ "$mem/$cpus" = 512m/1 ] || run "$m" "$mem" "$cpus" "Kubernetes limits"
  mem=$(compose_mem "$m")
  # compose sets no CPU limit: the container sees the machine's CPUs.
  [ -z "$mem" ] || run "$m" "$mem" "" "compose mem_limit"
done
summary
[ "$failed" -eq 0 ]
