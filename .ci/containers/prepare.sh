#!/usr/bin/env bash
# Prepares this repository's CI machine (Debian, root, no Docker engine, no registry)
# for scripts/compose-e2e.sh, and prints the settings the test then needs:
#
#   eval "$(bash .ci/containers/prepare.sh)"
#   bash scripts/compose-e2e.sh
#
# 1. podman with its Docker-compatible API socket, the docker CLI and docker-compose 1.29
#    (setup-podman.sh);
# 2. local stand-ins for the images that cannot be pulled, tagged with the upstream
#    names, plus the test's HAProxy and health-check runner images (build-standins.sh).
# Idempotent: a second run finds everything in place within seconds. Progress goes to
# stderr; stdout carries only the export lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "prepare: run as root (it installs podman and writes /etc/containers)" >&2; exit 1; }

docker_host=$(.ci/containers/setup-podman.sh | tail -n1)
export "${docker_host?}"
exporter_tag=$(sed -n 's/^ *image: *prom\/mysqld-exporter:\([^ ]*\).*/\1/p' docker-compose.yaml)
EXPORTER_TAG=$exporter_tag .ci/containers/build-standins.sh >&2

echo "export $docker_host"
# The HAProxy stand-in for Traefik and the health-check runner podman needs here.
echo "export COMPOSE_E2E_OVERRIDE=.ci/containers/compose.e2e.yaml"
