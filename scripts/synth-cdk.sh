#!/usr/bin/env bash
# Re-synthesizes the AWS CDK example examples/cdk-two-region/cdk.out.
#
#   bash scripts/synth-cdk.sh
#
# Modelled on scripts/synth-cdktf.sh. A scratch workspace OUTSIDE the
# repository (default /tmp/cdk-work, override with CDK_WORK=/some/dir) gets the
# pinned npm packages (installed once, reused afterwards). The example's
# bin/app.ts is copied there, compiled with tsc and run with node; the app
# calls app.synth() with its outdir taken from CDK_OUTDIR (a temp folder),
# which then replaces examples/cdk-two-region/cdk.out/. No cdk CLI and no AWS
# access: every stack has an explicit env, so nothing is looked up.
# node_modules never lands in the repository. Needs node >= 18 and access to
# the npm registry. cdk.out is committed, so neither tests nor CI need this
# script; run it only after changing bin/app.ts.
#
# After synthesizing, cdk.out is checked: all JSON parses (python3 -m
# json.tool), every file manifest.json names (stack templates, asset
# manifests, tree.json) exists, no absolute path of this machine (/tmp, /work,
# /root, /home, the workspace) appears in any file, and nothing that looks
# like a timestamp does.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/synth-checks.sh
source "$HERE/synth-checks.sh"
EXAMPLE="${CDK_EXAMPLE_DIR:-$HERE/../examples/cdk-two-region}"
EXAMPLE="$(cd "$EXAMPLE" && pwd)"
WORK="${CDK_WORK:-/tmp/cdk-work}"

# Pinned versions (what the committed cdk.out was made with); the example's
# package.json must list the same (checked below). aws-cdk-lib and constructs
# were the registry's latest on 2026-12-03; typescript and @types/node match
# synth-cdktf.sh (typescript 7 is a different compiler, not needed here).
PKGS=(
  aws-cdk-lib@2.276.0
  constructs@10.8.1
  typescript@5.9.3
  @types/node@20.19.43
)

[ -f "$EXAMPLE/bin/app.ts" ] || { echo "no bin/app.ts under $EXAMPLE" >&2; exit 1; }

# The example's package.json documents the versions; a mismatch means one of
# the two was edited alone.
for p in "${PKGS[@]}"; do
  name="${p%@*}"; ver="${p##*@}"
  pinned="$(node -p "const j=require(process.argv[1]); (j.dependencies||{})[process.argv[2]] || (j.devDependencies||{})[process.argv[2]] || ''" \
    "$EXAMPLE/package.json" "$name")"
  if [ "$pinned" != "$ver" ]; then
    echo "$EXAMPLE/package.json pins $name at '$pinned', this script at $ver" >&2
    exit 1
  fi
done

mkdir -p "$WORK"
cd "$WORK"
[ -f package.json ] || npm init -y >/dev/null
have_all=1
for p in "${PKGS[@]}"; do
  name="${p%@*}"; ver="${p##*@}"
  got="$(node -p "try{require('./node_modules/${name}/package.json').version}catch(e){''}" 2>/dev/null || true)"
  [ "$got" = "$ver" ] || have_all=0
done
if [ "$have_all" = 0 ]; then
  echo "installing ${PKGS[*]} into $WORK"
  npm install --no-audit --no-fund --save-exact "${PKGS[@]}"
fi

cp "$EXAMPLE/tsconfig.json" tsconfig.json
rm -rf bin dist
mkdir -p bin
cp "$EXAMPLE/bin/app.ts" bin/app.ts

echo "compiling bin/app.ts with tsc $(npx --no-install tsc --version)"
npx --no-install tsc -p tsconfig.json

# check_out DIR: validates one synthesized cloud assembly.
check_out() {
  local dir="$1" rel bad=0
  [ -f "$dir/manifest.json" ] || { echo "$dir: no manifest.json" >&2; return 1; }
  check_json "$dir" || bad=1
  while IFS= read -r rel; do
    [ -e "$dir/$rel" ] || { echo "$dir/manifest.json: $rel does not exist" >&2; bad=1; }
  done < <(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
for a in m["artifacts"].values():
    p = a.get("properties", {})
    for key in ("templateFile", "file"):
        if key in p:
            print(p[key])
' "$dir/manifest.json")
  check_no_machine_paths "$dir" "$WORK" || bad=1
  if grep -rnE '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}' "$dir"; then
    echo "$dir: a timestamp in the output (see above)" >&2
    bad=1
  fi
  return "$bad"
}

out="$WORK/out"
rm -rf "$out"
mkdir -p "$out"
(cd "$WORK/dist/bin" && CDK_OUTDIR="$out" node app.js)
check_out "$out"
dest="$EXAMPLE/cdk.out"
rm -rf "$dest"
mkdir -p "$dest"
cp -R "$out/." "$dest/"
for t in "$dest"/*.template.json; do
  printf '%-28s %3d resources %7d bytes\n' "$(basename "$t")" \
    "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["Resources"]))' "$t")" \
    "$(wc -c < "$t")"
done
