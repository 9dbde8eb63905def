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

# Pinned versions: CDK_PKGS in synth-checks.sh (what the committed cdk.out
# was made with); the example's package.json must list the same (checked below).
PKGS=("${CDK_PKGS[@]}")

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
ensure_packages "${PKGS[@]}"

cp "$EXAMPLE/tsconfig.json" tsconfig.json
rm -rf bin dist
mkdir -p bin
cp "$EXAMPLE/bin/app.ts" bin/app.ts

echo "compiling bin/app.ts with tsc $(npx --no-install tsc --version)"
npx --no-install tsc -p tsconfig.json

out="$WORK/out"
rm -rf "$out"
mkdir -p "$out"
(cd "$WORK/dist/bin" && CDK_OUTDIR="$out" node app.js)
check_cdk_out "$out" "$WORK"
dest="$EXAMPLE/cdk.out"
rm -rf "$dest"
mkdir -p "$dest"
cp -R "$out/." "$dest/"
for t in "$dest"/*.template.json; do
  printf '%-28s %3d resources %7d bytes\n' "$(basename "$t")" \
    "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["Resources"]))' "$t")" \
    "$(wc -c < "$t")"
done
