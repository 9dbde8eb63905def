#!/usr/bin/env bash
# Scaffolds a rule: src/rules/<family>/<id_snake>.rs from a template, its
# `pub mod` in the family's mod.rs, its line in `RULES` (sorted by id), and a
# fires/clean fixture pair in testdata/rules/<id>/ with placeholder
# configurations and empty expected files.
#
#   scripts/new-rule.sh [--root DIR] ID FAMILY     e.g. kms-alias-missing kms
#
# --root works on another copy of the repository (the test uses a temporary one).
# Refuses an id that is not kebab-case, an id that exists, and a family that has
# no src/rules/<family>/ folder. Writes nothing until every check has passed.
set -euo pipefail

usage() { echo "usage: scripts/new-rule.sh [--root DIR] ID FAMILY" >&2; exit 2; }
fail() { echo "new-rule: $*" >&2; exit 1; }

root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = "--root" ]; then
  [ $# -ge 2 ] || usage
  root=$(cd "$2" && pwd)
  shift 2
fi
[ $# -eq 2 ] || usage
id=$1
family=$2

[[ $id =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] || fail "\`$id\` is not a kebab-case id (lowercase words joined by single hyphens)"
snake=${id//-/_}
family_dir="$root/src/rules/$family"
[[ $family =~ ^[a-z]+$ && -f $family_dir/mod.rs ]] ||
  fail "unknown family \`$family\` (one of:$(cd "$root/src/rules" && for d in */; do [ -f "$d/mod.rs" ] && printf ' %s' "${d%/}"; done))"
variant="$(tr '[:lower:]' '[:upper:]' <<<"${family:0:1}")${family:1}"
registry=$(grep -l '^pub static RULES: &\[Rule\] = &\[' "$root"/src/rules/*.rs) || fail "no \`pub static RULES\` under src/rules"
[ "$(wc -l <<<"$registry")" -eq 1 ] || fail "more than one \`pub static RULES\` under src/rules"

if grep -rqs "id: \"$id\"," "$root/src/rules" ||
  compgen -G "$root/src/rules/*/$snake.rs" >/dev/null || [ -e "$root/testdata/rules/$id" ]; then
  fail "a rule \`$id\` exists already"
fi

# Everything checked: write.
rule_file="$family_dir/$snake.rs"
cat >"$rule_file" <<EOF
//! \`$id\`: TODO what it finds, in one line.

use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "$id",
        family: Family::$variant,
        severity: Severity::Medium,
        title: "TODO what it finds, with no final period",
        rationale: "TODO why it matters.",
        remediation: "TODO how to fix it.",
        example: r#"TODO the fix in HCL"#,
        opt_in: false,
        // TODO the Terraform types it reads (docs/rules.md lists their CloudFormation types).
        reads: &["aws_kms_key"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    // TODO report every resource that breaks the rule, for example:
    // for res in ctx.managed("aws_kms_key") { out.report(res, format!("\`{}\` ...", res.address)); }
    let _ = (ctx, out);
}
EOF

# `pub mod <snake>;` among the family's `pub mod` lines, in sorted position.
LC_ALL=C awk -v line="pub mod $snake;" '
  !done && /^pub mod [a-z0-9_]+;$/ { seen = 1; if ($0 > line) { print line; done = 1 } }
  !done && seen && !/^pub mod / { print line; done = 1 }
  { print }
  END { if (!done) print line }
' "$family_dir/mod.rs" >"$family_dir/mod.rs.new"
mv "$family_dir/mod.rs.new" "$family_dir/mod.rs"

# `<family>::<snake>::RULE,` in RULES, which is sorted by id (module names with `-`).
LC_ALL=C awk -v entry="    $family::$snake::RULE," -v id="$id" '
  /^pub static RULES: / { inside = 1; print; next }
  inside && /^\];/ { if (!done) print entry; inside = 0; done = 1 }
  inside && !done && /^    [a-z0-9_]+::[a-z0-9_]+::RULE,$/ {
    key = $0; sub(/^    [a-z0-9_]+::/, "", key); sub(/::RULE,$/, "", key); gsub(/_/, "-", key)
    if (key > id) { print entry; done = 1 }
  }
  { print }
' "$registry" >"$registry.new"
mv "$registry.new" "$registry"

for case in fires-basic clean-basic; do
  dir="$root/testdata/rules/$id/$case"
  mkdir -p "$dir/hcl"
  if [ "$case" = fires-basic ]; then what="must report"; else what="must not report"; fi
  cat >"$dir/hcl/main.tf" <<EOF
# TODO replace with a small configuration that $id $what.
# Name the case after what it shows (fires-<situation>, clean-<situation>); add a real
# plan.json (../shared/tools/real-plan.sh), tfjson/ or cdktf/ forms where they matter.
provider "aws" {
  region = "us-east-1"
}
EOF
  : >"$dir/expected.txt"
done

rel=${rule_file#"$root/"}
cat <<EOF
created $rel, testdata/rules/$id/{fires-basic,clean-basic}/hcl/main.tf
registered in ${registry#"$root/"} and ${family_dir#"$root/"}/mod.rs
next: write the check and the fixtures, then
  make bless    # writes the expected files; review them with git diff
  make docs     # docs/rules.md
and add $id to ../shared/RULES.md and testdata/catalogue-ids.txt.
EOF
