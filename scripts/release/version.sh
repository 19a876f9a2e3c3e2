#!/usr/bin/env bash
# Prints the application version: the <version> of the root pom.xml (the
# project's own, after its <parent>). On a tag build (GITHUB_REF_TYPE=tag, or
# --tag vX.Y.Z) it fails unless the tag is exactly v<that version>, so a
# release can never ship images whose version differs from the code's.
# Usage: scripts/release/version.sh [--tag vX.Y.Z] [pom.xml]
set -euo pipefail

tag="" pom=""
while [ $# -gt 0 ]; do
  case $1 in
    --tag) tag=${2:-}; shift 2 || { echo "version: --tag needs a value" >&2; exit 2; } ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
fi
echo "$version"
