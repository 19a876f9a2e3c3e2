#!/usr/bin/env bash
# Deploys a released VERSION to the GKE cluster made by terraform/:
#   1. copies the three images from SOURCE_REGISTRY (GHCR) to REGISTRY
#      (Artifact Registry, `terraform output registry_url`) under the same tag;
#   2. renders k8s/overlays/gke with those images (a temporary copy of the
#      overlay: the committed one is not touched) and the Secrets' env files
#      (from the environment variables named in secrets/*.env.example, unless
#      the files exist);
#   3. applies in the documented order: everything but back and front, wait
#      for MySQL and the release's migration Job, then back and front, and
#      waits for both rollouts;
#   4. smoke test: both Deployments run the new images and are available; with
#      SMOKE_URL, the UI answers and the API answers 401 without a token.
# It prints the version that was running before, for scripts/rollback.sh.
# Environment: GCP_PROJECT, GKE_CLUSTER, GKE_LOCATION, REGISTRY,
# SOURCE_REGISTRY (unless --skip-copy), SMOKE_URL (optional).
# Needs gcloud (with gke-gcloud-auth-plugin), kubectl, docker, curl.
set -euo pipefail

NAMESPACE=domaindesk
MODULES=(back front dbmigrate)

usage() {
  cat <<'EOF'
Usage: scripts/deploy-gke.sh [--dry-run] [--skip-copy] [--overlay DIR] VERSION

  VERSION      a released version (1.2.3): images tagged 1.2.3, manifests of tag v1.2.3
  --dry-run    render and print the images and the Job that would be applied; touch nothing
  --skip-copy  the images are already in REGISTRY
  --overlay    default k8s/overlays/gke
EOF
}

# --- Pure functions (exercised by tests/workflows) -------------------------------

# parse_args "$@": sets VERSION, DRY_RUN, SKIP_COPY, OVERLAY; 2 on bad input, 3 after --help.
parse_args() {
  VERSION="" DRY_RUN=0 SKIP_COPY=0 OVERLAY=k8s/overlays/gke
  while [ $# -gt 0 ]; do
    case $1 in
      --dry-run) DRY_RUN=1; shift ;;
      --skip-copy) SKIP_COPY=1; shift ;;
      --overlay)
        if [ $# -lt 2 ]; then echo "deploy-gke: --overlay needs a directory" >&2; return 2; fi
        OVERLAY=$2; shift 2 ;;
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

# set_images KUSTOMIZATION REGISTRY VERSION: replaces the top-level images:
# list of a kustomization.yaml with the three application images at
# REGISTRY/<module>:VERSION (what `kustomize edit set image` would write).
set_images() {
  local file=$1 registry=$2 version=$3 tmp module
  tmp=$(mktemp)
  awk '/^images:/ { skip = 1; next } skip && /^[^ -]/ { skip = 0 } !skip' "$file" > "$tmp"
  {
    echo "images:"
    for module in "${MODULES[@]}"; do
      printf '  - name: domaindesk/%s\n    newName: %s/%s\n    newTag: "%s"\n' "$module" "$registry" "$module" "$version"
    done
  } >> "$tmp"
  mv "$tmp" "$file"
}

# write_secret_env EXAMPLE: writes the env file next to EXAMPLE (without
# .example) from the environment variables its keys name, unless it exists.
write_secret_env() {
  local example=$1 target=${1%.example} key out=""
  [ -f "$target" ] && return 0
  while read -r key; do
    if [ -z "${!key:-}" ]; then
      echo "deploy-gke: $key is not set (needed for $(basename "$target"); a secret of the GitHub environment)" >&2
      return 1
    fi
    out+="$key=${!key}"$'\n'
  done < <(sed -n 's/^\([A-Z_][A-Z0-9_]*\)=.*/\1/p' "$example")
  (umask 077; printf '%s' "$out" > "$target")
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
  local var
  for var in REGISTRY $([ "$DRY_RUN" -eq 1 ] || echo GCP_PROJECT GKE_CLUSTER GKE_LOCATION) \
    $([ "$DRY_RUN" -eq 1 ] || [ "$SKIP_COPY" -eq 1 ] || echo SOURCE_REGISTRY); do
    [ -n "${!var:-}" ] || { echo "deploy-gke: $var is not set (see docs/pipeline.md, \"Variables and secrets\")" >&2; return 2; }
  done
  [ -f "$OVERLAY/kustomization.yaml" ] || { echo "deploy-gke: $OVERLAY is not a kustomization" >&2; return 2; }

  # A sibling of the overlay, so that its relative paths (../../base) still resolve.
  work=$(mktemp -d "$(dirname "$OVERLAY")/.deploy-XXXXXX")
  rendered=$(mktemp)
  trap 'rm -rf "$work" "$rendered"' EXIT
  cp -R "$OVERLAY/." "$work/"
  local example
  for example in "$work"/secrets/*.env.example; do
    [ -e "$example" ] || continue
    write_secret_env "$example" || return 1
  done
  set_images "$work/kustomization.yaml" "$REGISTRY" "$VERSION"
  kubectl kustomize "$work" > "$rendered"

  local job=dbmigrate-${VERSION//./-}
  grep -q "^  name: $job\$" "$rendered" || {
    echo "deploy-gke: the manifests have no Job $job: deploy from the release's own commit (tag v$VERSION)" >&2
    return 1
  }
  if [ "$DRY_RUN" -eq 1 ]; then
    echo "deploy-gke: would apply $(grep -c '^kind:' "$rendered") objects from $OVERLAY, Job $job, images:"
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
  kubectl -n "$NAMESPACE" rollout status statefulset/mysql --timeout=10m
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
