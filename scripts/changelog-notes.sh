#!/usr/bin/env bash
# Prints CHANGELOG.md's section for VERSION (the release notes), without its
# heading; fails when there is none, so no version is released undocumented.
# Usage: scripts/changelog-notes.sh VERSION
set -euo pipefail
version=${1:?usage: scripts/changelog-notes.sh VERSION}
changelog="$(dirname "$0")/../CHANGELOG.md"
notes=$(awk -v heading="## [$version]" '
  index($0, "## [") == 1 { inside = (index($0, heading) == 1); next }
  inside && (started || NF) { started = 1; print }
' "$changelog")
if [[ -z "${notes//[$'\n\t ']/}" ]]; then
  echo "changelog-notes: CHANGELOG.md has no section \"## [$version]\"" >&2
  exit 1
fi
printf '%s\n' "$notes"
