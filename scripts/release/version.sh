#!/usr/bin/env bash
# Prints the application version: the <version> of the root pom.xml (the
# project's own, after its <parent>). On a tag build (GITHUB_REF_TYPE=tag, or
# --tag vX.Y.Z) it fails unless the tag is exactly v<that version> and
# k8s/base (next to the pom) names that version too: the three images' newTag
# and the migration Job dbmigrate-<version with dashes>. So a release can never
# ship images, or manifests, whose version differs from the code's (the deploy
# applies the Job of the tag's commit and waits for it by that name).
# Usage: scripts/release/version.sh [--tag vX.Y.Z] [pom.xml]
set -euo pipefail

tag="" pom=""
while [ $# -gt 0 ]; do
  case $1 in
    --tag) tag=${2:-}; shift 2 || { echo "version: --tag needs a value" >&2; exit 2; } ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "version: unknown argument '$1'" >&2; exit 2 ;;
    *) pom=$1; shift ;;
  esac
done
pom=${pom:-"$(dirname "$0")/../../pom.xml"}
if [ -z "$tag" ] && [ "${GITHUB_REF_TYPE:-}" = tag ]; then tag=$GITHUB_REF_NAME; fi

version=$(sed -n '/<\/parent>/,$ s:^  <version>\([^<]*\)</version>.*:\1:p' "$pom" | head -1)
[ -n "$version" ] || { echo "version: no project <version> found in $pom" >&2; exit 1; }

if [ -n "$tag" ]; then
  [[ $tag =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "version: tag '$tag' is not a release tag vMAJOR.MINOR.PATCH" >&2; exit 1; }
  [ "$tag" = "v$version" ] || { echo "version: tag $tag does not match the pom's version $version (set it to ${tag#v} in the release commit)" >&2; exit 1; }
  base="$(dirname "$pom")/k8s/base"
  for file in "$base/kustomization.yaml" "$base/dbmigrate/job.yaml"; do
    [ -f "$file" ] || { echo "version: $file not found (the manifests of the release)" >&2; exit 1; }
  done
  for module in back front dbmigrate; do
    image_tag=$(awk -v name="domaindesk/$module" '$0 ~ "- name: " name "$" { getline; if ($1 == "newTag:") { gsub(/"/, "", $2); print $2 } }' "$base/kustomization.yaml")
    [ "$image_tag" = "$version" ] || { echo "version: k8s/base tags domaindesk/$module '${image_tag}', not $version (set newTag in the release commit)" >&2; exit 1; }
  done
  job=$(sed -n 's/^  name: \(dbmigrate-.*\)/\1/p' "$base/dbmigrate/job.yaml" | head -1)
  [ "$job" = "dbmigrate-${version//./-}" ] || { echo "version: the migration Job is '$job', not dbmigrate-${version//./-} (rename it in k8s/base/dbmigrate/job.yaml in the release commit)" >&2; exit 1; }
fi
echo "$version"
