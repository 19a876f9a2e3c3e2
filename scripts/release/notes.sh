#!/usr/bin/env bash
# Prints the release notes of VERSION: its section of CHANGELOG.md (Keep a
# Changelog: "## [1.2.3] - 2026-12-01" up to the next "## " heading), without
# the heading. Fails with a one-line reason when the section is missing or empty.
# Usage: scripts/release/notes.sh VERSION [CHANGELOG.md]
set -euo pipefail

version=${1:?usage: notes.sh VERSION [CHANGELOG.md]}
changelog=${2:-"$(dirname "$0")/../../CHANGELOG.md"}
[ -f "$changelog" ] || { echo "notes: $changelog not found" >&2; exit 1; }

notes=$(awk -v v="$version" '
  /^## / { if (found) exit; if (index($0, "## [" v "]") == 1) { found = 1; next } }
  found { print }
' "$changelog")
# Drop leading and trailing blank lines.
notes=$(sed -e '/./,$!d' <<<"$notes")
[ -n "$notes" ] || { echo "notes: CHANGELOG.md has no section \"## [$version]\" (or it is empty): add one before tagging v$version" >&2; exit 1; }
printf '%s\n' "$notes"
