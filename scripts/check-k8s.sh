#!/usr/bin/env bash
# Verifies the Kubernetes manifests (k8s/) without a cluster:
#   - k8s/ (production) and every overlay render from a clean export of the
#     last commit (`git archive HEAD`): a fresh clone needs no file made by
#     hand;
#   - every entry point and entry point + optional-component combination
#     renders with `kubectl kustomize`;
#   - values terraform writes to k8s/gke.env reach the objects;
#   - every object validates against the Kubernetes / CRD schemas, unknown
#     fields rejected;
#   - the policy rules (Pod Security restricted, NetworkPolicy flows, probes
#     and env vs. the apps' application.yaml, HPA/PDB, images, Jobs, ...)
#     hold, and each rule is shown to fail on a broken object;
#   - the alert rules pass `promtool check rules` and `promtool test rules`.
# Needs kubectl (1.32), node >= 20 with npm, promtool (on Debian:
# .ci/prepare.sh installs them); installs its npm packages itself (npm ci in k8s/tests).
# Exits non-zero on any failure; ends with a line "N passed, N failed".
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

need() { command -v "$1" >/dev/null 2>&1 || { echo "check-k8s: $1 is required" >&2; exit 1; }; }
need kubectl
need node
need npm

need promtool

echo "check-k8s: rendering k8s/ and every overlay from a clean export of HEAD"
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
git -C "$ROOT" archive HEAD | tar -x -C "$fresh"
for dir in "$fresh/k8s" "$fresh"/k8s/overlays/*/; do
  name=${dir#"$fresh"/}
  if out=$(kubectl kustomize "$dir" 2>&1); then
    echo "ok   ${name%/} ($(grep -c '^kind:' <<<"$out") objects)"
  else
    echo "FAIL ${name%/}: $out" >&2
    exit 1
  fi
done

cd "$ROOT/k8s/tests"
npm ci --no-audit --no-fund --loglevel=error

echo "check-k8s: rendering every overlay and component combination"
node lib/render.js

echo "check-k8s: schema, policy, negative and promtool tests"
mkdir -p .render
status=0
node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination=.render/results.tap test/ || status=$?
passed=$(sed -n 's/^# pass //p' .render/results.tap)
failed=$(sed -n 's/^# fail //p' .render/results.tap)
echo "${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -eq 0 ] && [ "${failed:-1}" != 0 ]; then status=1; fi
exit "$status"
