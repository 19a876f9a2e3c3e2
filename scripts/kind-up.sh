#!/usr/bin/env bash
# Runs DomainDesk on a local kind cluster (requires Docker, kind and kubectl):
#   1. creates the cluster "domaindesk" with host ports 80/443 mapped to
#      Traefik's NodePorts 30080/30443;
#   2. builds the three images (tag = app version) and loads them into kind;
#   3. fills missing secret env files of k8s/overlays/local/secrets with
#      random values;
#   4. installs Traefik's CRDs, applies k8s/overlays/local in the documented
#      order (migration Job, wait, then roll out back and front).
# Then open https://domaindesk.localtest.me (self-signed certificate).
# Usage: scripts/kind-up.sh [version]   (default 0.1.0, the base's tag)
set -euo pipefail

cd "$(dirname "$0")/.."
VERSION=${1:-0.1.0}
CLUSTER=domaindesk
OVERLAY=k8s/overlays/local
TRAEFIK_CRDS=https://raw.githubusercontent.com/traefik/traefik/v3.7/docs/content/reference/dynamic-configuration/kubernetes-crd-definition-v1.yml

for tool in docker kind kubectl openssl; do
  command -v "$tool" >/dev/null || { echo "kind-up: $tool is required" >&2; exit 1; }
done

if ! kind get clusters | grep -qx "$CLUSTER"; then
  kind create cluster --name "$CLUSTER" --config - <<'KIND'
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
    extraPortMappings:
      - containerPort: 30080
        hostPort: 80
        protocol: TCP
      - containerPort: 30443
        hostPort: 443
        protocol: TCP
KIND
fi
kubectl config use-context "kind-$CLUSTER"

for image in back front dbmigrate; do
  docker build -f "$image/Dockerfile" -t "domaindesk/$image:$VERSION" .
  kind load docker-image --name "$CLUSTER" "domaindesk/$image:$VERSION"
done
kind load docker-image --name "$CLUSTER" mysql:8.4 2>/dev/null || true

# Random secrets, written without a trailing newline problem: env files,
# one KEY=value per line.
secrets=$OVERLAY/secrets
rand() { openssl rand -base64 33 | tr -d '/+=\n'; }
[ -f "$secrets/mysql.env" ] || printf 'MYSQL_ROOT_PASSWORD=%s\nMYSQL_PASSWORD=%s\nMYSQLD_EXPORTER_PASSWORD=%s\n' "$(rand)" "$(rand)" "$(rand)" > "$secrets/mysql.env"
[ -f "$secrets/back.env" ] || printf 'JWT_SECRET=%s\n' "$(openssl rand -base64 48 | tr -d '\n')" > "$secrets/back.env"
if [ ! -f "$secrets/dbmigrate.env" ]; then
  admin_password=$(rand)
  printf 'ADMIN_EMAIL=admin@example.com\nADMIN_PASSWORD=%s\n' "$admin_password" > "$secrets/dbmigrate.env"
  echo "kind-up: administrator admin@example.com, password $admin_password (also in $secrets/dbmigrate.env)"
fi

kubectl apply --server-side -f "$TRAEFIK_CRDS"

rendered=$(mktemp)
trap 'rm -f "$rendered"' EXIT
kubectl kustomize "$OVERLAY" > "$rendered"

# 1. Everything but the back and front: namespaces, policies, config, secrets,
#    MySQL, Traefik and the migration Job.
kubectl apply -f "$rendered" -l 'app.kubernetes.io/name notin (back,front)'
kubectl -n domaindesk rollout status statefulset/mysql --timeout=5m
# 2. Wait for the migration.
kubectl -n domaindesk wait --for=condition=complete job -l app.kubernetes.io/name=dbmigrate --timeout=10m
# 3. Roll out the application.
kubectl apply -f "$rendered"
kubectl -n domaindesk rollout status deployment/back --timeout=5m
kubectl -n domaindesk rollout status deployment/front --timeout=5m

echo "kind-up: ready on https://domaindesk.localtest.me (self-signed certificate)"
