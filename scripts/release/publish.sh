#!/usr/bin/env bash
# Creates the GitHub release vVERSION with the notes of CHANGELOG.md
# (notes.sh), attaching back/target/openapi.json (every build of the back
# writes it) and any extra FILE given (the SBOMs). Needs the GitHub CLI and GH_TOKEN.
# Usage: scripts/release/publish.sh VERSION [FILE...]
set -euo pipefail
cd "$(dirname "$0")/../.."

version=${1:?usage: publish.sh VERSION [FILE...]}
shift
notes=$(mktemp)
trap 'rm -f "$notes"' EXIT
scripts/release/notes.sh "$version" > "$notes"

openapi=back/target/openapi.json
[ -f "$openapi" ] || { echo "publish: $openapi is missing: build the back first (./mvnw package)" >&2; exit 1; }
assets=("$openapi")
for file in "$@"; do
  [ -f "$file" ] && assets+=("$file")
done
echo "publish: release v$version with ${#assets[@]} attachment(s): ${assets[*]:-none}"
gh release create "v$version" --verify-tag --title "v$version" --notes-file "$notes" "${assets[@]}"
