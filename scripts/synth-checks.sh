# Checks shared by scripts/synth-cdktf.sh, scripts/synth-cdk.sh and
# scripts/synth-cdk-fixtures.sh on what a synth wrote, sourced by all three.
# Each check prints what is wrong and returns 1.

# The AWS CDK packages both CDK scripts install (what the committed cdk.out
# folders were made with); examples/cdk-two-region/package.json lists the
# same. aws-cdk-lib and constructs were the registry's latest on 2026-12-03;
# typescript and @types/node match synth-cdktf.sh (typescript 7 is a
# different compiler, not needed here).
# shellcheck disable=SC2034 # used by the scripts that source this file
CDK_PKGS=(
  aws-cdk-lib@2.276.0
  constructs@10.8.1
  typescript@5.9.3
  @types/node@20.19.43
)

# ensure_packages PKG...: the pinned npm packages in the current folder (the
# scratch workspace), installed unless every one is already there at its version.
ensure_packages() {
  local p name ver got have_all=1
  [ -f package.json ] || npm init -y >/dev/null
  for p in "$@"; do
    name="${p%@*}"; ver="${p##*@}"
    got="$(node -p "try{require('./node_modules/${name}/package.json').version}catch(e){''}" 2>/dev/null || true)"
    [ "$got" = "$ver" ] || have_all=0
  done
  if [ "$have_all" = 0 ]; then
    echo "installing $* into $PWD"
    npm install --no-audit --no-fund --save-exact "$@"
  fi
}

# write_tsconfig: the compiler settings of a scratch workspace (the apps'
# sources under src/, compiled into dist/), in the current folder.
write_tsconfig() {
cat > tsconfig.json <<'EOF'
{
  "compilerOptions": {
    "target": "ES2020",
    "module": "commonjs",
    "lib": ["es2020"],
    "strict": true,
    "noImplicitReturns": true,
    "noUnusedLocals": true,
    "skipLibCheck": true,
    "types": ["node"],
    "rootDir": "src",
    "outDir": "dist"
  },
  "include": ["src/**/*.ts"]
}
EOF
}

# check_json DIR: every .json file under DIR parses.
check_json() {
  local dir="$1" f bad=0
  while IFS= read -r -d '' f; do
    python3 -m json.tool "$f" >/dev/null || { echo "invalid JSON: $f" >&2; bad=1; }
  done < <(find "$dir" -type f -name '*.json' -print0)
  return "$bad"
}

# check_no_machine_paths DIR WORK: no absolute path of this machine (nor the
# scratch workspace WORK) appears in any file under DIR.
check_no_machine_paths() {
  local dir="$1" work="$2"
  if grep -rnE "/tmp/|/work/|/root/|/home/|${work//./\\.}" "$dir"; then
    echo "$dir: absolute path of this machine leaked into the output (see above)" >&2
    return 1
  fi
}

# check_cdk_out DIR WORK: validates one synthesized AWS CDK cloud assembly:
# its JSON parses, every file manifest.json names (stack templates, asset
# manifests, tree.json) exists, no path of this machine (nor WORK) and nothing
# that looks like a timestamp appears.
check_cdk_out() {
  local dir="$1" work="$2" rel bad=0
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
  check_no_machine_paths "$dir" "$work" || bad=1
  if grep -rnE '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}' "$dir"; then
    echo "$dir: a timestamp in the output (see above)" >&2
    bad=1
  fi
  return "$bad"
}
