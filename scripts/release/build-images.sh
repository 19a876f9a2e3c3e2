#!/usr/bin/env bash
# Builds the images with the one recipe, the root Dockerfile:
#   docker build --build-arg MODULE=<module> -t domaindesk/<module>:<version> .
# Usage: scripts/release/build-images.sh VERSION [MODULE...]   (default: back front dbmigrate)
set -euo pipefail
cd "$(dirname "$0")/../.."

version=${1:?usage: build-images.sh VERSION [MODULE...]}
shift
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(back front dbmigrate)

for module in "${modules[@]}"; do
  case $module in back|front|dbmigrate) ;; *) echo "build-images: unknown module '$module' (back, front or dbmigrate)" >&2; exit 2 ;; esac
  docker build --build-arg MODULE="$module" -t "domaindesk/$module:$version" .
done
