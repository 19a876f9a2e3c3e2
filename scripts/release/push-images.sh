#!/usr/bin/env bash
# Pushes domaindesk/<module>:<version> (built by build-images.sh) to a registry
# under every tag of image_tags: the version itself for a release (1.2.3) or
# <version>-<short sha> for any other build, plus sha-<commit>. Never "latest".
# Usage: scripts/release/push-images.sh PREFIX VERSION COMMIT [MODULE...]
#   PREFIX  e.g. ghcr.io/owner/domaindesk or europe-west1-docker.pkg.dev/project/domaindesk
set -euo pipefail

# image_tags VERSION COMMIT: one tag per line.
image_tags() {
  local version=$1 commit=$2
  if [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then echo "$version"; else echo "$version-${commit:0:12}"; fi
  echo "sha-$commit"
}

main() {
  [ $# -ge 3 ] || { echo "usage: push-images.sh PREFIX VERSION COMMIT [MODULE...]" >&2; return 2; }
  local prefix=${1,,} version=$2 commit=$3 module tag
  shift 3
  [[ $commit =~ ^[0-9a-f]{40}$ ]] || { echo "push-images: '$commit' is not a full commit SHA" >&2; return 2; }
  local modules=("$@")
  [ ${#modules[@]} -gt 0 ] || modules=(back front dbmigrate)
  for module in "${modules[@]}"; do
    for tag in $(image_tags "$version" "$commit"); do
      docker tag "domaindesk/$module:$version" "$prefix/$module:$tag"
      docker push "$prefix/$module:$tag"
    done
  done
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
