#!/usr/bin/env bash
# Fuzzes one loader (plan, hcl or tfjson) for SECONDS (default 600), seeded
# with the project's fixtures, the public plan corpus and fuzz/seeds/<target>
# (inputs with sensitive values, which random bytes seldom produce).
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`); RUSTC_BOOTSTRAP
# lets a stable toolchain accept the sanitizer flags.
set -euo pipefail
target=${1:?usage: scripts/fuzz.sh plan|hcl|tfjson [SECONDS]}
seconds=${2:-600}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/fuzz/corpus/$target"
mkdir -p "$corpus"
seed() { while IFS= read -r -d '' f; do cp "$f" "$corpus/$(sha1sum "$f" | cut -c1-40)"; done; }
case $target in
  plan) find "$root/testdata" "$root/../shared/corpus/plans" -name '*.json' ! -name 'cdk.tf.json' -size -200k -print0 2>/dev/null | seed ;;
  hcl) find "$root/testdata" "$root/examples" -name '*.tf' -size -200k -print0 | seed ;;
  tfjson) find "$root/testdata" -name '*.tf.json' -size -200k -print0 | seed ;;
  *) echo "unknown fuzz target: $target (plan, hcl, tfjson)" >&2; exit 2 ;;
esac
[ -d "$root/fuzz/seeds/$target" ] && find "$root/fuzz/seeds/$target" -type f -print0 | seed
cd "$root/fuzz"
RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=262144
