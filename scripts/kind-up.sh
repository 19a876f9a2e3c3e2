#!/usr/bin/env bash
# Runs DomainDesk on a local kind cluster (requires Docker, kind, kubectl and
# openssl; network access to pull the prerequisites' images and manifests):
#   1. creates (or reuses) the kind cluster "domaindesk" with Calico as its
#      network plugin, so NetworkPolicies are enforced as on GKE, and host
#      ports 80/443 mapped to Traefik's NodePorts 30080/30443;
#   2. installs the cluster prerequisites: Calico, Traefik's CRDs (same
#      version as the Traefik image of k8s/components/traefik) and
#      metrics-server (for the HPAs);
#   3. builds the three images from the root Dockerfile (unless SKIP_BUILD=1)
#      and loads them into the node, tagged IMAGE_TAG (default: the app
#      version, the tag k8s/base uses);
#   4. creates the Secrets mysql, back and dbmigrate with random values when
#      they are missing, and adds keys a kept Secret lacks (kept on re-runs;
#      they live in the cluster only);
#   5. applies k8s/overlays/local: MySQL (and the back's database account,
#      also on a data volume made before that account existed), then the
#      migration Job, then the back and front, waiting for each.
# Then open https://domaindesk.localtest.me (self-signed certificate).
# Usage: [SKIP_BUILD=1] [IMAGE_TAG=x.y.z] scripts/kind-up.sh
set -euo pipefail

cd "$(dirname "$0")/.."
CLUSTER=domaindesk
NAMESPACE=domaindesk
OVERLAY=k8s/overlays/local
URL=https://domaindesk.localtest.me
ADMIN_EMAIL=admin@domaindesk.localtest.me
CALICO_VERSION=v3.30.3
METRICS_SERVER_VERSION=v0.8.0

for tool in docker kind kubectl openssl; do
  command -v "$tool" >/dev/null || { echo "kind-up: $tool is required" >&2; exit 1; }
done

# One place for each version: the app's tag in k8s/base, Traefik's in its component.
tag_of() { # image name, kustomization file -> newTag of that image
  awk -v img="$1" '$0 ~ "name: " img "$" {found=1; next} found && /newTag:/ {gsub(/"/, "", $2); print $2; exit}' "$2"
}
APP_VERSION=$(tag_of domaindesk/back k8s/base/kustomization.yaml)
TRAEFIK_VERSION=$(tag_of traefik k8s/components/traefik/kustomization.yaml)
IMAGE_TAG=${IMAGE_TAG:-$APP_VERSION}
if [ -z "$IMAGE_TAG" ] || [ -z "$TRAEFIK_VERSION" ]; then
  echo "kind-up: cannot read the image versions from k8s/" >&2
  exit 1
fi

# 1. Cluster. No default CNI (kindnet ignores NetworkPolicies): Calico below.
if ! grep -qx "$CLUSTER" <<<"$(kind get clusters)"; then
  kind create cluster --name "$CLUSTER" --config - <<'KIND'
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  disableDefaultCNI: true
  podSubnet: 192.168.0.0/16
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

# 2. Prerequisites (server-side apply: the CRDs are too large for the
#    last-applied annotation).
kubectl apply --server-side -f "https://raw.githubusercontent.com/projectcalico/calico/$CALICO_VERSION/manifests/calico.yaml"
kubectl -n kube-system rollout status daemonset/calico-node --timeout=5m
kubectl apply --server-side -f "https://raw.githubusercontent.com/traefik/traefik/$TRAEFIK_VERSION/docs/content/reference/dynamic-configuration/kubernetes-crd-definition-v1.yml"
# --force-conflicts: a re-run takes the args back from the patch below.
kubectl apply --server-side --force-conflicts -f "https://github.com/kubernetes-sigs/metrics-server/releases/download/$METRICS_SERVER_VERSION/components.yaml"
# kind's kubelets serve self-signed certificates.
kubectl -n kube-system patch deployment metrics-server --type=json \
  -p '[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--kubelet-insecure-tls"}]'

# 3. Images, built with the one recipe (root Dockerfile).
for module in back front dbmigrate; do
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    docker build --build-arg "MODULE=$module" -t "domaindesk/$module:$IMAGE_TAG" .
  fi
  kind load docker-image --name "$CLUSTER" "domaindesk/$module:$IMAGE_TAG"
done

# 4. Secrets, random, created only when missing. Values go through stdin,
#    never through the command line (visible to other processes).
kubectl apply -f k8s/base/namespace.yaml
random() { openssl rand -base64 33 | tr -d '/+=\n'; }
ensure_secret() { # name, then "KEY=value" pairs
  local name=$1 keys pair patch=
  shift
  if ! kubectl -n "$NAMESPACE" get secret "$name" >/dev/null 2>&1; then
    printf '%s\n' "$@" | kubectl -n "$NAMESPACE" create secret generic "$name" --from-env-file=/dev/stdin >/dev/null
    echo "kind-up: Secret $name created with random values"
    return
  fi
  # A Secret made by an older version of this script: add the keys it lacks.
  keys=$(kubectl -n "$NAMESPACE" get secret "$name" -o jsonpath='{.data}')
  for pair in "$@"; do
    [[ $keys == *"\"${pair%%=*}\":"* ]] && continue
    patch+="${patch:+,}\"${pair%%=*}\":\"$(printf '%s' "${pair#*=}" | base64 -w0)\""
  done
  if [ -z "$patch" ]; then
    echo "kind-up: Secret $name exists, kept"
    return
  fi
  printf '{"data":{%s}}' "$patch" | kubectl -n "$NAMESPACE" patch secret "$name" --type=merge --patch-file=/dev/stdin >/dev/null
  echo "kind-up: Secret $name kept, missing keys added with random values"
}
ensure_secret mysql "MYSQL_ROOT_PASSWORD=$(random)" "MYSQL_PASSWORD=$(random)" "MYSQLD_EXPORTER_PASSWORD=$(random)" "MYSQL_BACKUP_PASSWORD=$(random)"
ensure_secret back "JWT_SECRET=$(openssl rand -base64 48 | tr -d '\n')" "DB_PASSWORD=$(random)"
ensure_secret dbmigrate "ADMIN_EMAIL=$ADMIN_EMAIL" "ADMIN_PASSWORD=$(random)"

# 5. The application, rendered once with the chosen tag.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/kustomization.yaml" <<KUSTOMIZATION
resources:
  - $PWD/$OVERLAY
images:
  - name: domaindesk/back
    newTag: "$IMAGE_TAG"
  - name: domaindesk/front
    newTag: "$IMAGE_TAG"
  - name: domaindesk/dbmigrate
    newTag: "$IMAGE_TAG"
KUSTOMIZATION
kubectl kustomize "$work" > "$work/rendered.yaml"

# A Job's pod template is immutable: a rebuilt image needs a new Job.
kubectl -n "$NAMESPACE" delete job -l app.kubernetes.io/name=dbmigrate --ignore-not-found
# Everything but the back and front: policies, config, MySQL, Traefik and
# the migration Job; then wait for MySQL and the migration.
kubectl apply -f "$work/rendered.yaml" -l 'app.kubernetes.io/name notin (back,front)'
kubectl -n "$NAMESPACE" rollout status statefulset/mysql --timeout=5m
# The back's account is made on the first start of an empty volume; running
# the same idempotent script again covers an older volume (and a new password).
kubectl -n "$NAMESPACE" exec mysql-0 -c mysql -- bash /docker-entrypoint-initdb.d/20-back-user.sh
kubectl -n "$NAMESPACE" wait --for=condition=complete job -l app.kubernetes.io/name=dbmigrate --timeout=10m
# Then the application.
kubectl apply -f "$work/rendered.yaml"
kubectl -n "$NAMESPACE" rollout status deployment/back --timeout=5m
kubectl -n "$NAMESPACE" rollout status deployment/front --timeout=5m
kubectl -n traefik rollout status deployment/traefik --timeout=5m

admin_email=$(kubectl -n "$NAMESPACE" get secret dbmigrate -o jsonpath='{.data.ADMIN_EMAIL}' | base64 -d)
cat <<DONE
kind-up: ready on $URL (self-signed certificate)
kind-up: administrator $admin_email; password:
  kubectl -n $NAMESPACE get secret dbmigrate -o jsonpath='{.data.ADMIN_PASSWORD}' | base64 -d; echo
DONE
