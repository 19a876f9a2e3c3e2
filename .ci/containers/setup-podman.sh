#!/usr/bin/env bash
# Installs podman and docker-compose 1.29 from Debian and starts podman's
# Docker-compatible API socket, for machines without a Docker engine (CI runners).
# Idempotent; run as root. Source it to get DOCKER_HOST, or read the last line it prints.
#
# Why these settings: on these machines crun fails (cgroup hybrid mode) and so does
# podman's default ulimit, hence runc and no default ulimits.
set -euo pipefail

need=()
for pkg in podman runc docker-compose aardvark-dns uidmap debootstrap curl jq; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

conf=/etc/containers/containers.conf
if ! grep -qs '^runtime = "runc"' "$conf"; then
  [ -f "$conf" ] && cp "$conf" "$conf.bak.$(date +%s)"
  mkdir -p /etc/containers
  cat > "$conf" <<'CONF'
[containers]
default_ulimits = []
[engine]
runtime = "runc"
CONF
  echo "setup: wrote $conf" >&2
fi

sock=/run/podman/podman.sock
pidfile=/run/podman/service.pid
export DOCKER_HOST=unix://$sock
# A service this script started for an earlier run is restarted, not reused: one that had
# served a whole test run still answered _ping but failed to attach to new containers.
# Containers keep running meanwhile (podman's conmon watches them, not the service).
old_pid=$(cat "$pidfile" 2>/dev/null || true)
# Only if that process is still the service (not a process that reused its pid).
if [ -n "$old_pid" ] && tr '\0' ' ' 2>/dev/null <"/proc/$old_pid/cmdline" | grep -q "^podman system service " \
  && kill "$old_pid" 2>/dev/null; then
  for _ in $(seq 1 50); do kill -0 "$old_pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$sock"
  echo "setup: stopped the podman API service of an earlier run" >&2
fi
rm -f "$pidfile"
if ! curl -fsS --max-time 5 --unix-socket "$sock" http://d/_ping >/dev/null 2>&1; then
  mkdir -p /run/podman
  # Detached from this shell so it outlives the script; --time=0 keeps it running.
  setsid podman system service --time=0 "unix://$sock" >/var/log/podman-service.log 2>&1 < /dev/null &
  echo $! > "$pidfile"
  for _ in $(seq 1 50); do
    curl -fsS --max-time 2 --unix-socket "$sock" http://d/_ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS --max-time 5 --unix-socket "$sock" http://d/_ping >/dev/null \
    || { echo "setup: the podman API did not come up on $sock (see /var/log/podman-service.log)" >&2; exit 1; }
  echo "setup: podman API listening on $sock" >&2
fi
echo "DOCKER_HOST=$DOCKER_HOST"
