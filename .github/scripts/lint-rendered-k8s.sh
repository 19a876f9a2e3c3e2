#!/usr/bin/env bash
# CI only (it downloads two release binaries from GitHub): renders every
# overlay/component combination to rendered/ and runs two independent tools on
# it, kubeconform --strict (Kubernetes 1.32 schemas + the CRDs catalog for
# Traefik, cert-manager and the Prometheus Operator) and kube-linter with its
# default checks. scripts/check-k8s.sh has run npm ci in k8s/tests before.
set -euo pipefail
cd "$(dirname "$0")/../.."

KUBECONFORM_VERSION=v0.6.7
KUBE_LINTER_VERSION=v0.7.2
bin=$(mktemp -d)
curl -fsSL "https://github.com/yannh/kubeconform/releases/download/$KUBECONFORM_VERSION/kubeconform-linux-amd64.tar.gz" | tar -xz -C "$bin" kubeconform
curl -fsSL "https://github.com/stackrox/kube-linter/releases/download/$KUBE_LINTER_VERSION/kube-linter-linux.tar.gz" | tar -xz -C "$bin" kube-linter

node k8s/tests/lib/render.js --out rendered

# The template is for kubeconform, not for the shell.
# shellcheck disable=SC2016
"$bin/kubeconform" -strict -summary -output text \
  -kubernetes-version 1.32.0 \
  -schema-location default \
  -schema-location 'https://raw.githubusercontent.com/datreeio/CRDs-catalog/main/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json' \
  rendered/*.yaml

"$bin/kube-linter" lint rendered/
