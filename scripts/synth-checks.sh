# Checks shared by scripts/synth-cdktf.sh and scripts/synth-cdk.sh on what a
# synth wrote, sourced by both. Each prints what is wrong and returns 1.

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
