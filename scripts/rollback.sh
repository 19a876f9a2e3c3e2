#!/usr/bin/env bash
# Rolls DomainDesk back to PREVIOUS_VERSION on the cluster of the current
# kubectl context (GKE: gcloud container clusters get-credentials ... first):
#   1. back and front go back to the images tagged PREVIOUS_VERSION (same
#      repository as now, `kubectl set image`), and both rollouts are awaited.
#      The previous back runs on the newer schema: releases only add to the
#      schema in a way the previous version still reads (docs/dbmigrate.md).
#   2. only with --schema-tag TAG (the release changed the schema): a one-off
#      Job runs the CURRENT dbmigrate image (it knows the changesets to undo)
#      with `rollback TAG`, copied from the release's migration Job (the one
#      k8s/ applied: same image, settings and Secrets, "mysql" for the
#      database password, as made by External Secrets Operator on GKE), and
#      its log is printed. TAG is the previous release's schema tag
#      (schema.tag in its pom.xml, e.g. v1). That Job is looked up first:
#      without it nothing is changed.
# The manifests in git still name the newer version: revert the release
# commit or deploy PREVIOUS_VERSION again (deploy.yml) to make it permanent.
set -euo pipefail

NAMESPACE=${NAMESPACE:-domaindesk}

usage() {
  cat <<'EOF'
Usage: scripts/rollback.sh [--schema-tag TAG] [--dry-run] PREVIOUS_VERSION

  PREVIOUS_VERSION   the version to go back to, e.g. 1.2.2 (its images must exist)
  --schema-tag TAG   also roll the schema back to TAG (e.g. v1) with the dbmigrate image
  --dry-run          print what would change; change nothing
Environment: NAMESPACE (default domaindesk).
EOF
}

# --- Pure functions (exercised by tests/workflows) -------------------------------

# parse_args "$@": sets PREVIOUS, SCHEMA_TAG, DRY_RUN; 2 on bad input, 3 after --help.
parse_args() {
  PREVIOUS="" SCHEMA_TAG="" DRY_RUN=0
  while [ $# -gt 0 ]; do
    case $1 in
      --schema-tag)
        if [ $# -lt 2 ] || ! [[ $2 =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]]; then
          echo "rollback: --schema-tag needs a Liquibase tag such as v1" >&2; return 2
        fi
        SCHEMA_TAG=$2; shift 2 ;;
      --dry-run) DRY_RUN=1; shift ;;
      -h|--help) usage; return 3 ;;
      -*) echo "rollback: unknown argument '$1' (see --help)" >&2; return 2 ;;
      *)
        if [ -n "$PREVIOUS" ]; then echo "rollback: one PREVIOUS_VERSION only" >&2; return 2; fi
        PREVIOUS=$1; shift ;;
    esac
  done
  if ! [[ $PREVIOUS =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "rollback: PREVIOUS_VERSION must be a released version MAJOR.MINOR.PATCH, got '${PREVIOUS}'" >&2; return 2
  fi
}

# with_tag IMAGE TAG: IMAGE (registry/name:tag or registry/name@digest) with TAG.
with_tag() {
  local image=${1%@*}
  local last=${image##*/}
  [[ $last == *:* ]] && image=${image%:*}
  echo "$image:$2"
}

# rollback_job JOB_JSON TAG NAME: the migration Job turned into a one-off
# `rollback TAG` Job called NAME (stdin: `kubectl get job -o json` output).
rollback_job() {
  jq --arg tag "$1" --arg name "$2" '
    {apiVersion, kind,
     metadata: {name: $name, namespace: .metadata.namespace,
                labels: ((.metadata.labels // {}) + {"app.kubernetes.io/component": "database-rollback"})},
     spec: (.spec
       | del(.selector, .manualSelector)
       | .template.metadata.labels |= ((. // {}) | with_entries(select(.key | test("controller-uid|job-name") | not)))
       | .template.spec.containers[0].args = ["rollback", $tag])}'
}

# --- Main ----------------------------------------------------------------------

run() { if [ "$DRY_RUN" -eq 1 ]; then echo "would run: $*"; else "$@"; fi; }

main() {
  parse_args "$@"
  case $? in 0) ;; 3) return 0 ;; *) return 2 ;; esac
  # The newest migration Job is the current release's: its image knows the
  # changesets to undo, its pod template has the database settings and the
  # Secrets. Found before anything changes.
  local job=""
  if [ -n "$SCHEMA_TAG" ]; then
    job=$(kubectl -n "$NAMESPACE" get jobs -l app.kubernetes.io/name=dbmigrate,app.kubernetes.io/component=database-migration \
      --sort-by=.metadata.creationTimestamp -o name | tail -1)
    if [ -z "$job" ]; then
      echo "rollback: no dbmigrate Job left in $NAMESPACE to copy (kept one day); nothing changed. From a checkout of the CURRENT release, re-create it (it runs \"update\", a no-op): kubectl kustomize k8s | kubectl apply -f - -l app.kubernetes.io/component=database-migration; then run this again" >&2
      return 1
    fi
  fi
  local module image dbmigrate_image=""
  for module in back front; do
    image=$(kubectl -n "$NAMESPACE" get deployment "$module" -o jsonpath="{.spec.template.spec.containers[?(@.name==\"$module\")].image}")
    [ -n "$image" ] || { echo "rollback: no deployment/$module in namespace $NAMESPACE" >&2; return 1; }
    echo "rollback: $module $image -> $(with_tag "$image" "$PREVIOUS")"
    run kubectl -n "$NAMESPACE" set image "deployment/$module" "$module=$(with_tag "$image" "$PREVIOUS")"
  done
  for module in back front; do
    run kubectl -n "$NAMESPACE" rollout status "deployment/$module" --timeout=10m
  done

  [ -n "$SCHEMA_TAG" ] || { echo "rollback: done (schema unchanged)"; return 0; }

  dbmigrate_image=$(kubectl -n "$NAMESPACE" get "$job" -o jsonpath='{.spec.template.spec.containers[0].image}')
  local name
  name="dbmigrate-rollback-$(date -u +%Y%m%d%H%M%S)"
  echo "rollback: schema to $SCHEMA_TAG with $dbmigrate_image (Job $name, from $job)"
  if [ "$DRY_RUN" -eq 1 ]; then
    kubectl -n "$NAMESPACE" get "$job" -o json | rollback_job "$SCHEMA_TAG" "$name"
    return 0
  fi
  kubectl -n "$NAMESPACE" get "$job" -o json | rollback_job "$SCHEMA_TAG" "$name" | kubectl create -f -
  local status=0
  kubectl -n "$NAMESPACE" wait --for=condition=complete "job/$name" --timeout=15m || status=$?
  kubectl -n "$NAMESPACE" logs "job/$name" --tail=50 || true
  [ "$status" -eq 0 ] || { echo "rollback: the schema rollback Job $name did not complete; see its log above" >&2; return 1; }
  echo "rollback: done (schema at $SCHEMA_TAG)"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
