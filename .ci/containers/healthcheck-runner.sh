#!/bin/sh
# Podman schedules container health checks with systemd timers; on a machine without
# systemd (this CI machine) they never run and every container stays "starting", so
# `depends_on: condition: service_healthy` would wait forever. compose.e2e.yaml runs
# this loop as a service of the stack under test: every 2 s it asks podman's API
# (socket mounted at /run/podman/podman.sock) to run the health check of each running
# container of its own compose project. It lives and dies with the stack.
set -u
api="http://podman/v4.0.0/libpod"
get() { curl -fsS --max-time 30 --unix-socket /run/podman/podman.sock "$api$1"; }
# This container's host name is its short id; its labels name the project.
project=$(get "/containers/$(hostname)/json" | jq -r '.Config.Labels["com.docker.compose.project"]') \
  || { echo "healthchecks: cannot reach the podman API" >&2; exit 1; }
echo "healthchecks: running the health checks of project $project every 2 s"
filter=$(jq -rn --arg p "com.docker.compose.project=$project" '{label: [$p]} | @uri')
while :; do
  # Containers without a health check (the load balancer, this one) just answer an error.
  for id in $(get "/containers/json?filters=$filter" | jq -r '.[].Id'); do
    get "/containers/$id/healthcheck" >/dev/null 2>&1 &
  done
  wait
  sleep 2
done
