#!/usr/bin/env bash
# Deploys a released VERSION to the GKE cluster made by terraform/, from
# k8s/, the production entry point: its project values come from k8s/gke.env
# (written by terraform apply), its Secrets from Google Secret Manager through
# External Secrets Operator, so no secret passes through this script.
#   1. copies the three images from SOURCE_REGISTRY (GHCR) to REGISTRY
#      (Artifact Registry: IMAGE_REGISTRY of k8s/gke.env) under the same tag;
#   2. renders a temporary copy of k8s/ with the three application images
#      tagged VERSION (`images: newTag` only: the registry part is gke.env's,
#      set by the replacements); the committed files are not touched;
#   3. applies in the documented order: everything but back and front; waits
#      for the ExternalSecrets to be Ready (their Secrets exist) and MySQL;
#      sets the database accounts; waits for the release's migration Job; then
#      back and front, and both rollouts;
#   4. smoke test: both Deployments run the new images and are available; with
#      SMOKE_URL, the UI answers and the API answers 401 without a token.
# It prints the version that was running before, for scripts/rollback.sh.
# Environment: GKE_CLUSTER, GKE_LOCATION, SOURCE_REGISTRY (unless
# --skip-copy), SMOKE_URL (optional). GCP_PROJECT and REGISTRY default to
# GCP_PROJECT and IMAGE_REGISTRY of k8s/gke.env and must equal them when set
# (the manifests use gke.env's values).
# Needs gcloud (with gke-gcloud-auth-plugin), kubectl, docker, curl.
set -euo pipefail

NAMESPACE=domaindesk
MODULES=(back front dbmigrate)
ENTRY=k8s

usage() {
  cat <<'EOF'
Usage: scripts/deploy-gke.sh [--dry-run] [--skip-copy] VERSION

  VERSION      a released version (1.2.3): images tagged 1.2.3, manifests of tag v1.2.3
  --dry-run    render and print the images and the Job that would be applied; touch nothing
  --skip-copy  the images are already in REGISTRY
The manifests are k8s/ (the production entry point) with the values of k8s/gke.env.
EOF
}

# --- Pure functions (exercised by tests/workflows) -------------------------------

# parse_args "$@": sets VERSION, DRY_RUN, SKIP_COPY; 2 on bad input, 3 after --help.
parse_args() {
  VERSION="" DRY_RUN=0 SKIP_COPY=0
  while [ $# -gt 0 ]; do
    case $1 in
      --dry-run) DRY_RUN=1; shift ;;
      --skip-copy) SKIP_COPY=1; shift ;;
      -h|--help) usage; return 3 ;;
      -*) echo "deploy-gke: unknown argument '$1' (see --help)" >&2; return 2 ;;
      *)
        if [ -n "$VERSION" ]; then echo "deploy-gke: one VERSION only" >&2; return 2; fi
        VERSION=$1; shift ;;
    esac
  done
  if ! [[ $VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "deploy-gke: VERSION must be a released version MAJOR.MINOR.PATCH, got '${VERSION}'" >&2; return 2
  fi
}

# set_tags KUSTOMIZATION VERSION: replaces the top-level images: list of a
# kustomization.yaml with the three application images tagged VERSION (what
# `kustomize edit set image domaindesk/back:VERSION` writes). The tag only:
# the registry comes from gke.env through the replacements, which replace the
# part before the first "/"; a newName here would put it there twice.
set_tags() {
  local file=$1 version=$2 tmp module
  tmp=$(mktemp)
  awk '/^images:/ { skip = 1; next } skip && /^[^ -]/ { skip = 0 } !skip' "$file" > "$tmp" || { rm -f "$tmp"; return 1; }
  {
    echo "images:"
    for module in "${MODULES[@]}"; do
      printf '  - name: domaindesk/%s\n    newTag: "%s"\n' "$module" "$version"
    done
  } >> "$tmp"
  mv "$tmp" "$file"
}

# env_value FILE KEY: the value of KEY in an env file (KEY=value lines).
env_value() {
  sed -n "s/^$2=//p" "$1" | tail -1
}

# from_gke_env VAR KEY: VAR defaults to KEY of k8s/gke.env; a different value
# is refused (the rendered manifests carry gke.env's).
from_gke_env() {
  local var=$1 key=$2 value
  value=$(env_value "$ENTRY/gke.env" "$key")
  [ -n "$value" ] || { echo "deploy-gke: $ENTRY/gke.env has no $key (terraform apply writes it: docs/terraform.md)" >&2; return 2; }
  if [ -n "${!var:-}" ] && [ "${!var}" != "$value" ]; then
    echo "deploy-gke: $var=${!var} differs from $key=$value in $ENTRY/gke.env, which the manifests use (commit the gke.env terraform wrote for this cluster, or unset $var)" >&2
    return 2
  fi
  printf -v "$var" '%s' "$value"
}

# --- Steps ---------------------------------------------------------------------

# REGISTRY, SOURCE_REGISTRY, VERSION: from the environment and parse_args.
# shellcheck disable=SC2153
copy_images() {
  local source=${SOURCE_REGISTRY,,} module
  gcloud auth configure-docker "${REGISTRY%%/*}" --quiet
  for module in "${MODULES[@]}"; do
    docker pull "$source/$module:$VERSION"
    docker tag "$source/$module:$VERSION" "$REGISTRY/$module:$VERSION"
    docker push "$REGISTRY/$module:$VERSION"
  done
}

smoke_test() {
  local ok=0 module image
  for module in back front; do
    image=$(kubectl -n "$NAMESPACE" get deployment "$module" -o jsonpath="{.spec.template.spec.containers[?(@.name==\"$module\")].image}")
    if [ "$image" = "$REGISTRY/$module:$VERSION" ]; then echo "PASS  $module runs $image"; else echo "FAIL  $module runs $image"; ok=1; fi
  done
  if [ -n "${SMOKE_URL:-}" ]; then
    if curl -fsS --max-time 10 -o /dev/null "$SMOKE_URL/"; then echo "PASS  $SMOKE_URL/ answers"; else echo "FAIL  $SMOKE_URL/"; ok=1; fi
    local status
    status=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$SMOKE_URL/api/v1/users/me")
    if [ "$status" = 401 ]; then echo "PASS  the API answers 401 without a token"; else echo "FAIL  the API answered $status without a token (expected 401)"; ok=1; fi
  fi
  return "$ok"
}

main() {
  parse_args "$@"
  case $? in 0) ;; 3) return 0 ;; *) return 2 ;; esac
  cd "$(dirname "${BASH_SOURCE[0]}")/.." || return 1
  if ! [ -f "$ENTRY/kustomization.yaml" ] || ! [ -f "$ENTRY/gke.env" ]; then
    echo "deploy-gke: $ENTRY/kustomization.yaml and $ENTRY/gke.env are needed (run from the repository)" >&2; return 2
  fi
  from_gke_env REGISTRY IMAGE_REGISTRY || return 2
  from_gke_env GCP_PROJECT GCP_PROJECT || return 2
  local var
  for var in $([ "$DRY_RUN" -eq 1 ] || echo GKE_CLUSTER GKE_LOCATION) \
    $([ "$DRY_RUN" -eq 1 ] || [ "$SKIP_COPY" -eq 1 ] || echo SOURCE_REGISTRY); do
    [ -n "${!var:-}" ] || { echo "deploy-gke: $var is not set (see docs/pipeline.md, \"Variables\")" >&2; return 2; }
  done

  # A copy of the whole tree: the entry point's relative paths (base,
  # components/*) resolve inside it, and the committed files stay untouched.
  # (Without the manifest tests' installed npm packages, if any.)
  work=$(mktemp -d)
  rendered=$(mktemp)
  trap 'rm -rf "$work" "$rendered"' EXIT
  tar -C "$ENTRY" --exclude=node_modules -cf - . | tar -C "$work" -xf -
  set_tags "$work/kustomization.yaml" "$VERSION"
  kubectl kustomize "$work" > "$rendered"

  # The Job's name carries the version k8s/base names (a release commit sets
  # both, scripts/release/version.sh refuses a tag where they differ): the
  # manifests of another version would migrate with the wrong Job.
  local job=dbmigrate-${VERSION//./-}
  grep -q "^  name: $job\$" "$rendered" || {
    echo "deploy-gke: the manifests have no Job $job: deploy from the release's own commit (tag v$VERSION)" >&2
    return 1
  }
  if [ "$DRY_RUN" -eq 1 ]; then
    echo "deploy-gke: would apply $(grep -c '^kind:' "$rendered") objects from $ENTRY/, Job $job, images:"
    grep -o "image: $REGISTRY/.*" "$rendered" | sort -u
    return 0
  fi

  [ "$SKIP_COPY" -eq 1 ] || copy_images
  gcloud container clusters get-credentials "$GKE_CLUSTER" --location "$GKE_LOCATION" --project "$GCP_PROJECT"

  local previous
  previous=$(kubectl -n "$NAMESPACE" get deployment back -o jsonpath='{.spec.template.spec.containers[?(@.name=="back")].image}' 2>/dev/null || true)
  previous=${previous##*:}
  echo "deploy-gke: running before: ${previous:-nothing}; deploying $VERSION"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -n "$previous" ]; then
    echo "Deployed $VERSION (was $previous). Roll back: \`scripts/rollback.sh $previous\` (add \`--schema-tag <tag>\` if this release changed the schema; see docs/pipeline.md)." >> "$GITHUB_STEP_SUMMARY"
  fi

  kubectl apply -f "$rendered" -l 'app.kubernetes.io/name notin (back,front)'
  # The Secrets mysql, back and dbmigrate exist once their ExternalSecrets
  # are Ready (read from Secret Manager); the pods below need them.
  kubectl -n "$NAMESPACE" wait --for=condition=Ready externalsecret --all --timeout=5m
  kubectl -n "$NAMESPACE" rollout status statefulset/mysql --timeout=10m
  # The back's and the backup's accounts: MySQL's init scripts run by themselves
  # on an empty data directory only; both are idempotent, so an older volume
  # gets the accounts and a rotated password takes effect.
  # shellcheck disable=SC2016 # expanded by the container's shell
  kubectl -n "$NAMESPACE" exec mysql-0 -c mysql -- \
    bash -c 'cd /docker-entrypoint-initdb.d && bash 20-back-user.sh && if [ -f 50-backup-user.sh ]; then bash 50-backup-user.sh; fi'
  kubectl -n "$NAMESPACE" wait --for=condition=complete "job/$job" --timeout=15m
  kubectl apply -f "$rendered"
  kubectl -n "$NAMESPACE" rollout status deployment/back --timeout=10m
  kubectl -n "$NAMESPACE" rollout status deployment/front --timeout=10m

  if ! smoke_test; then
    echo "deploy-gke: smoke test failed; to go back: scripts/rollback.sh ${previous:-<previous version>}" >&2
    return 1
  fi
  echo "deploy-gke: $VERSION is live"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
