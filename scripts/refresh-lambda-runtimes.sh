#!/usr/bin/env bash
# Regenerates policies/lambda-runtimes.json (read by the rule
# lambda-runtime-deprecated) from cfn-lint's copy of AWS's runtime deprecation
# table, src/cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json:
#
#   scripts/refresh-lambda-runtimes.sh PATH/TO/LmbdRuntimeLifecycle.json [OUT] [SOURCE]
#
# OUT defaults to policies/lambda-runtimes.json; SOURCE (where the table came
# from, e.g. the cfn-lint commit) is recorded in the file with today's date.
# Needs jq. Compare the result with AWS's Lambda runtimes page before committing.
set -euo pipefail
table=${1:?usage: refresh-lambda-runtimes.sh LmbdRuntimeLifecycle.json [OUT] [SOURCE]}
out=${2:-$(cd "$(dirname "$0")/.." && pwd)/policies/lambda-runtimes.json}
source=${3:-cfn-lint src/cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json}
jq --arg updated "$(date -u +%F)" --arg source "$source" '{
  updated_at: $updated,
  source: ("AWS Lambda developer guide, Lambda runtimes (deprecation, block function create and block function update dates), as kept in " + $source),
  comment: "Runtime identifier -> AWS deprecation date and, when announced, the dates AWS blocks creating and updating functions on it. Regenerate with scripts/refresh-lambda-runtimes.sh.",
  runtimes: (to_entries | sort_by(.key) | map({
    key,
    value: ({deprecated: .value.deprecated}
      + (if .value["create-block"] then {block_create: .value["create-block"]} else {} end)
      + (if .value["update-block"] then {block_update: .value["update-block"]} else {} end))
  }) | from_entries)
}' "$table" > "$out.tmp"
mv "$out.tmp" "$out"
