#!/usr/bin/env bash
# Podman schedules container health checks with systemd timers; on a machine without
# systemd (CI containers) they never run and every container stays "starting", so
# `depends_on: condition: service_healthy` would wait forever. This loop runs the
# health checks the compose file defines, every 2 s, for the containers of one compose
# project, until it is killed or MAX_SECONDS have passed.
# Usage: healthcheck-runner.sh PROJECT [MAX_SECONDS]
set -u
project=$1
end=$(( $(date +%s) + ${2:-1200} ))
while [ "$(date +%s)" -lt "$end" ]; do
  # Every running container of the project; on one without a health check (the load
  # balancer) the run just fails.
  for c in $(podman ps -q --filter "label=com.docker.compose.project=$project"); do
    podman healthcheck run "$c" >/dev/null 2>&1 &
  done
  wait
  sleep 2
done
