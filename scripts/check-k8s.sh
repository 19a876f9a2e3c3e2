#!/usr/bin/env bash
# Verifies the Kubernetes manifests (k8s/) without a cluster:
#   - every overlay and overlay + optional-component combination renders
#     with `kubectl kustomize`;
#   - every object validates against the Kubernetes / CRD schemas, unknown
#     fields rejected;
#   - the policy rules (Pod Security restricted, NetworkPolicy flows, probes
#     and env vs. the apps' application.yaml, HPA/PDB, images, Jobs, ...)
#     hold, and each rule is shown to fail on a broken object;
#   - the alert rules pass `promtool check rules` and `promtool test rules`.
# Needs kubectl (1.32) and node >= 20 with npm; installs the rest (npm ci in
# k8s/tests, promtool from Debian's "prometheus" package when missing).
# Exits non-zero on any failure; ends with node's test runner summary.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

need() { command -v "$1" >/dev/null 2>&1 || { echo "check-k8s: $1 is required" >&2; exit 1; }; }
need kubectl
need node
need npm

if ! command -v promtool >/dev/null 2>&1; then
  echo "check-k8s: installing promtool (Debian package prometheus)"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then need sudo; SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi

cd "$ROOT/k8s/tests"
npm ci --no-audit --no-fund --loglevel=error

echo "check-k8s: rendering every overlay and component combination"
node lib/render.js

echo "check-k8s: schema, policy, negative and promtool tests"
node --test --test-reporter=spec test/
