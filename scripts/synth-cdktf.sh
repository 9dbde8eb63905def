#!/usr/bin/env bash
# Re-synthesizes the CDKTF test fixtures under testdata/cdktf/.
#
#   bash scripts/synth-cdktf.sh                      # every case folder holding a main.ts
#   bash scripts/synth-cdktf.sh backup-cross-region  # only the named case(s)
#
# Adapted from shared/corpus/cdktf/synth.sh. A scratch workspace OUTSIDE the
# repository (default /tmp/cdktf-work, override with CDKTF_WORK=/some/dir) gets
# the pinned npm packages (installed once, reused afterwards). Each case's
# main.ts is copied there, compiled with tsc and run with node; the app writes
# its whole output (manifest.json + stacks/<stack>/cdk.tf.json, any number of
# stacks) into a temp folder (CDKTF_OUTDIR), which replaces <case>/cdktf.out/.
# node_modules never lands in the repository. Needs node >= 18 and access to
# the npm registry. The fixtures are committed, so neither tests nor CI need
# this script; run it only after changing a main.ts.
#
# After synthesizing, every case's cdktf.out is checked: all JSON parses
# (python3 -m json.tool), manifest.json's synthesizedStackPath entries exist,
# and no absolute path of this machine (/tmp, /work, /root, /home, the
# workspace) appears in any file.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/synth-checks.sh
source "$HERE/synth-checks.sh"
CASES_DIR="${CDKTF_CASES_DIR:-$HERE/../testdata/cdktf}"
CASES_DIR="$(cd "$CASES_DIR" && pwd)"
WORK="${CDKTF_WORK:-/tmp/cdktf-work}"

# Pinned versions (what the committed cdktf.out folders were made with).
# @cdktf/provider-aws 21.22.1 pins the Terraform AWS provider 6.25.0.
PKGS=(
  cdktf@0.21.0
  constructs@10.8.1
  @cdktf/provider-aws@21.22.1
  typescript@5.9.3
  ts-node@10.9.2
  @types/node@20.19.43
)

if [ "$#" -gt 0 ]; then
  CASES=("$@")
else
  CASES=()
  for d in "$CASES_DIR"/*/; do
    [ -f "$d/main.ts" ] && CASES+=("$(basename "$d")")
  done
fi
if [ "${#CASES[@]}" -eq 0 ]; then
  echo "no case folder with a main.ts under $CASES_DIR" >&2
  exit 1
fi

mkdir -p "$WORK"
cd "$WORK"
ensure_packages "${PKGS[@]}"

write_tsconfig

rm -rf src dist
for c in "${CASES[@]}"; do
  [ -f "$CASES_DIR/$c/main.ts" ] || { echo "no such case: $c" >&2; exit 1; }
  mkdir -p "src/$c"
  cp "$CASES_DIR/$c/main.ts" "src/$c/main.ts"
done

echo "compiling ${#CASES[@]} case(s) with tsc $(npx --no-install tsc --version)"
npx --no-install tsc -p tsconfig.json

# check_out DIR: validates one synthesized cdktf.out folder.
check_out() {
  local dir="$1" rel bad=0
  [ -f "$dir/manifest.json" ] || { echo "$dir: no manifest.json" >&2; return 1; }
  check_json "$dir" || bad=1
  while IFS= read -r rel; do
    [ -f "$dir/$rel" ] || { echo "$dir/manifest.json: synthesizedStackPath $rel does not exist" >&2; bad=1; }
  done < <(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
for s in m["stacks"].values():
    print(s["synthesizedStackPath"])
' "$dir/manifest.json")
  check_no_machine_paths "$dir" "$WORK" || bad=1
  return "$bad"
}

for c in "${CASES[@]}"; do
  out="$WORK/out/$c"
  rm -rf "$out"
  mkdir -p "$out"
  (cd "$WORK/dist/$c" && CDKTF_OUTDIR="$out" node main.js)
  stacks=("$out"/stacks/*/)
  if [ ! -f "$out/manifest.json" ] || [ ! -d "${stacks[0]}" ]; then
    echo "$c: synth wrote no manifest.json or no stack" >&2
    exit 1
  fi
  check_out "$out"
  dest="$CASES_DIR/$c/cdktf.out"
  rm -rf "$dest"
  mkdir -p "$dest"
  cp -R "$out/." "$dest/"
  for s in "${stacks[@]}"; do
    printf '%-24s stack=%-18s %7d bytes\n' "$c" "$(basename "$s")" "$(wc -c < "$s/cdk.tf.json")"
  done
done
