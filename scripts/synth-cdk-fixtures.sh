#!/usr/bin/env bash
# Re-synthesizes the AWS CDK form of the rule fixtures: each
# testdata/rules/<rule>/<case>/cdk/app.ts into that case's cdk/cdk.out/.
#
#   bash scripts/synth-cdk-fixtures.sh                   # every case with a cdk/app.ts
#   bash scripts/synth-cdk-fixtures.sh RULE/CASE ...     # only these (or case folder paths)
#
# Modelled on scripts/synth-cdk.sh, with its pinned packages (CDK_PKGS in
# synth-checks.sh). A scratch workspace OUTSIDE the repository (default
# /tmp/cdk-fixtures-work, override with CDK_FIXTURES_WORK=/some/dir) gets the
# packages (installed once, reused afterwards). Every app.ts is copied there,
# all are compiled in one tsc run, and each is run with node twice, with
# CDK_OUTDIR set to a temp folder: the two outputs must be identical (the
# fixtures are deterministic), then the first replaces the case's cdk/cdk.out/.
# CDK_FIXTURES_ONCE=1 runs each app once (quicker while editing an app).
# Each app sets an explicit env on its stacks (nothing is looked up, no AWS
# access, no cdk CLI) and the context of examples/cdk-two-region (no stack
# traces, so no paths of this machine). node_modules never lands in the
# repository. Needs node >= 18 and access to the npm registry. The cdk.out
# folders are committed: neither tests nor CI need this script; run it only
# after changing an app.ts, then `make bless` and read the expected-cdk.txt.
#
# The asset.* folders (the bundled code of Lambda functions and of CDK's own
# custom resource handlers) and the feature flag report artifact of
# manifest.json (~20 KB each time) are dropped: tfward reads manifest.json's
# stacks, the stack templates and nested templates only. The rest is checked as synth-cdk.sh
# checks it (check_cdk_out).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/synth-checks.sh
source "$HERE/synth-checks.sh"
RULES_DIR="$(cd "$HERE/../testdata/rules" && pwd)"
WORK="${CDK_FIXTURES_WORK:-/tmp/cdk-fixtures-work}"

# The cases, as <rule>/<case> under testdata/rules.
CASES=()
if [ "$#" -gt 0 ]; then
  for a in "$@"; do
    a="${a%/}"; a="${a%/cdk}"
    if [ -d "$a" ]; then
      a="$(cd "$a" && pwd)"
      a="${a#"$RULES_DIR"/}"
    fi
    [ -f "$RULES_DIR/$a/cdk/app.ts" ] || { echo "no testdata/rules/$a/cdk/app.ts" >&2; exit 1; }
    CASES+=("$a")
  done
else
  while IFS= read -r f; do
    f="${f#"$RULES_DIR"/}"
    CASES+=("${f%/cdk/app.ts}")
  done < <(find "$RULES_DIR" -path '*/cdk/app.ts' | sort)
fi
if [ "${#CASES[@]}" -eq 0 ]; then
  echo "no testdata/rules/*/*/cdk/app.ts" >&2
  exit 1
fi

mkdir -p "$WORK"
cd "$WORK"
ensure_packages "${CDK_PKGS[@]}"

write_tsconfig

# A case's folder in the workspace: <rule>__<case> (one level, no slash).
key() { printf '%s' "${1/\//__}"; }

rm -rf src dist out
for c in "${CASES[@]}"; do
  mkdir -p "src/$(key "$c")"
  cp "$RULES_DIR/$c/cdk/app.ts" "src/$(key "$c")/app.ts"
done

echo "compiling ${#CASES[@]} app(s) with tsc $(npx --no-install tsc --version)"
npx --no-install tsc -p tsconfig.json

# synth CASE DIR: runs the case's compiled app with its output in DIR, then
# drops what tfward does not read.
synth() {
  local c="$1" dir="$2"
  rm -rf "$dir"
  mkdir -p "$dir"
  (cd "$WORK/dist/$(key "$c")" && CDK_OUTDIR="$dir" node app.js)
  [ -f "$dir/manifest.json" ] || { echo "$c: synth wrote no manifest.json" >&2; return 1; }
  find "$dir" -maxdepth 1 -name 'asset.*' -exec rm -rf {} +
  # The feature flag report (~20 KB of every manifest, the same in each), and
  # the stack traces CDK keeps in spite of disable-stack-trace (acknowledged
  # validation rules, e.g. of an ec2.Vpc): paths of this machine.
  python3 - "$dir" <<'PY'
import glob, json, os, sys
def scrub(v):
    if isinstance(v, dict):
        return {k: scrub(x) for k, x in v.items() if k not in ("trace", "acknowledgedStackTrace")}
    if isinstance(v, list):
        return [scrub(x) for x in v]
    return v
d = sys.argv[1]
for path in glob.glob(os.path.join(d, "*.json")):
    if path.endswith(".template.json"):
        continue
    m = scrub(json.load(open(path)))
    if os.path.basename(path) == "manifest.json":
        m["artifacts"] = {k: a for k, a in m["artifacts"].items() if a.get("type") != "cdk:feature-flag-report"}
    with open(path, "w") as f:
        json.dump(m, f, indent=2)
        f.write("\n")
PY
}

for c in "${CASES[@]}"; do
  first="$WORK/out/$(key "$c")/1"
  second="$WORK/out/$(key "$c")/2"
  synth "$c" "$first"
  if [ "${CDK_FIXTURES_ONCE:-0}" = 1 ]; then
    cp -R "$first" "$second"
  else
    synth "$c" "$second"
  fi
  if ! diff -r "$first" "$second" >/dev/null; then
    diff -r "$first" "$second" | head -20 >&2
    echo "$c: two synths differ (see above)" >&2
    exit 1
  fi
  check_cdk_out "$first" "$WORK"
  dest="$RULES_DIR/$c/cdk/cdk.out"
  rm -rf "$dest"
  mkdir -p "$dest"
  cp -R "$first/." "$dest/"
  printf '%-64s %3d stack(s) %7d bytes\n' "$c" \
    "$(find "$dest" -maxdepth 1 -name '*.template.json' | wc -l)" \
    "$(du -sb "$dest" | cut -f1)"
done
