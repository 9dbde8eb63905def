#!/usr/bin/env bash
# Benchmark: generates plans with ../shared/bench/gen_plan.py and times
# `tfward check` and `tfward inventory` on each (median of several runs, release build), with peak
# memory from /usr/bin/time -v, next to a bare serde_json::Value parse of the
# same file (the floor), then does the same for a generated HCL tree of 3,001
# files. Prints Markdown tables.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${BENCH_RUNS:-5}
sizes=${BENCH_SIZES:-"1000 10000 100000"}
work=${BENCH_DIR:-target/bench}
mkdir -p "$work"
cargo build --release --quiet --bin tfward --example parse_floor
bin=target/release/tfward
floor=target/release/examples/parse_floor

# median wall time (s), max peak RSS (MiB) and median user CPU time (s) of a
# command over $runs runs
measure() {
  python3 - "$runs" "$@" <<'PY'
import statistics, subprocess, sys, time, re
runs = int(sys.argv[1]); cmd = sys.argv[2:]
times, peaks, users = [], [], []
for _ in range(runs):
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    times.append(time.perf_counter() - t)
    if p.returncode not in (0, 1):  # check exits 1 when it finds something
        sys.exit("command failed: %s\n%s" % (" ".join(cmd), p.stderr[-2000:]))
    peaks.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024)
    users.append(float(re.search(r"User time \(seconds\): ([\d.]+)", p.stderr).group(1)))
print("%.3f %.0f %.3f" % (statistics.median(times), max(peaks), statistics.median(users)))
PY
}

# The rules' own cost: the CPU time of check minus that of the same check with
# every rule skipped, both on one core (wall time on a shared machine is too
# noisy for a difference of two runs, and idle pool threads spin on CPU time).
skip_all=$("$bin" rules --color never | awk '{printf "--skip-rule %s ", $1}')

echo "| resources | plan size | bare parse (s) | inventory (s) | check (s) | check / parse | check peak memory (MiB) | peak / plan size | rules, one core (s) | rules per 1,000 resources (ms) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $sizes; do
  plan="$work/plan-$n.json"
  [ -f "$plan" ] || python3 ../shared/bench/gen_plan.py --resources "$n" --seed 1 --out "$plan"
  size=$(python3 -c "import os,sys; print('%.1f MiB' % (os.path.getsize(sys.argv[1]) / 1048576))" "$plan")
  read -r parse_s _ < <(measure "$floor" "$plan")
  read -r inv_s _ < <(measure "$bin" inventory --format json "$plan")
  read -r check_s check_mem _ < <(measure "$bin" check --format json "$plan")
  read -r _ _ check_user < <(RAYON_NUM_THREADS=1 measure "$bin" check --format json "$plan")
  # shellcheck disable=SC2086 # one word per flag
  read -r _ _ norules_user < <(RAYON_NUM_THREADS=1 measure "$bin" check --format json $skip_all "$plan")
  read -r ratio mem_ratio rules_s rules_per_k < <(python3 - "$check_s" "$parse_s" "$check_mem" "$plan" "$check_user" "$norules_user" "$n" <<'PY'
import os, sys
check, parse, mem, plan, user, norules, n = sys.argv[1:]
rules = max(float(user) - float(norules), 0.0)
print("%.2f %.2f %.3f %.2f" % (float(check) / float(parse), float(mem) / (os.path.getsize(plan) / 1048576), rules, rules / int(n) * 1e6))
PY
)
  echo "| $n | $size | $parse_s | $inv_s | $check_s | $ratio | $check_mem | $mem_ratio | $rules_s | $rules_per_k |"
done

# Many inputs in one call: eight copies of the 10,000-resource plan, on one
# core and then on all of them (rayon's RAYON_NUM_THREADS).
many_n=${BENCH_MANY_SIZE:-10000}
many="$work/many"
mkdir -p "$many"
for i in 1 2 3 4 5 6 7 8; do
  [ -f "$many/plan-$i.json" ] || cp "$work/plan-$many_n.json" "$many/plan-$i.json" 2>/dev/null ||
    python3 ../shared/bench/gen_plan.py --resources "$many_n" --seed 1 --out "$many/plan-$i.json"
done
read -r one_core _ < <(RAYON_NUM_THREADS=1 measure "$bin" check --format json "$many"/plan-*.json)
read -r all_cores _ < <(measure "$bin" check --format json "$many"/plan-*.json)
echo
echo "| many inputs | cores | check (s) | speed-up |"
echo "|---|---:|---:|---:|"
echo "| 8 plans of $many_n resources | 1 | $one_core | 1.00 |"
echo "| 8 plans of $many_n resources | $(nproc) | $all_cores | $(python3 -c "print('%.2f' % ($one_core / $all_cores))") |"

# An HCL tree: a root module of 1,000 files calling 40 local modules of 50
# files each (3,040 .tf files), spread over three regions through provider
# aliases passed to the modules.
tree="$work/hcl-tree"
if [ ! -f "$tree/.done" ]; then
  rm -rf "$tree"
  python3 - "$tree" <<'PY'
import os, sys
root = sys.argv[1]
regions = [("use1", "us-east-1"), ("euc1", "eu-central-1"), ("aps2", "ap-southeast-2")]
def resources(prefix, i):
    return f"""
resource "aws_kms_key" "{prefix}_{i}" {{
  description         = "key {i}"
  enable_key_rotation = true
}}

resource "aws_s3_bucket" "{prefix}_{i}" {{
  bucket = "bench-{prefix}-{i}"
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "{prefix}_{i}" {{
  bucket = aws_s3_bucket.{prefix}_{i}.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.{prefix}_{i}.arn
    }}
  }}
}}
"""
os.makedirs(root)
with open(os.path.join(root, "providers.tf"), "w") as f:
    f.write('provider "aws" {\n  region = "us-east-1"\n}\n')
    for alias, region in regions:
        f.write(f'provider "aws" {{\n  alias  = "{alias}"\n  region = "{region}"\n}}\n')
    for m in range(40):
        alias = regions[m % 3][0]
        f.write(f'module "m{m:02}" {{\n  source    = "./modules/m{m:02}"\n  providers = {{ aws = aws.{alias} }}\n}}\n')
for i in range(1000):
    with open(os.path.join(root, f"r{i:04}.tf"), "w") as f:
        f.write(resources("root", i))
for m in range(40):
    d = os.path.join(root, "modules", f"m{m:02}")
    os.makedirs(d)
    for i in range(50):
        with open(os.path.join(d, f"r{i:02}.tf"), "w") as f:
            f.write(resources(f"m{m:02}", i))
PY
  touch "$tree/.done"
fi
files=$(find "$tree" -name '*.tf' | wc -l)
read -r tree_inv _ < <(measure "$bin" inventory --format json "$tree")
read -r tree_check tree_mem _ < <(measure "$bin" check --format json "$tree")
echo
echo "| HCL tree | files | inventory (s) | check (s) | check peak memory (MiB) |"
echo "|---|---:|---:|---:|---:|"
echo "| 3 regions, 40 modules | $files | $tree_inv | $tree_check | $tree_mem |"

# One large file: 20,000 resources in a single 2.6 MB main.tf. Every block's
# line comes from one line index per file (a scan per block was quadratic).
big="$work/one-file"
if [ ! -f "$big/main.tf" ]; then
  mkdir -p "$big"
  python3 - "$big/main.tf" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('provider "aws" {\n  region = "eu-central-1"\n}\n')
    for i in range(20000):
        f.write(f'resource "aws_sqs_queue" "q{i}" {{\n  name = "q{i}"\n  tags = {{\n    Name = "queue number {i} in the large generated file"\n  }}\n}}\n')
PY
fi
big_size=$(python3 -c "import os,sys; print('%.1f MiB' % (os.path.getsize(sys.argv[1]) / 1048576))" "$big/main.tf")
read -r big_inv _ < <(measure "$bin" inventory --format json "$big")
read -r big_check big_mem _ < <(measure "$bin" check --format json "$big")
echo "| one file, 20,000 resources | 1 ($big_size) | $big_inv | $big_check | $big_mem |"

# The tree's real terraform plan, checked alone and with the tree as its
# --source, where this machine can plan offline (terraform and a local AWS
# provider: ../shared/tools/real-plan.sh); skipped elsewhere.
tree_plan="$work/hcl-tree-plan.json"
real_plan=../shared/tools/real-plan.sh
if [ ! -f "$tree_plan" ] && [ -x "$real_plan" ]; then
  "$real_plan" "$tree" "$tree_plan" >/dev/null 2>&1 || rm -f "$tree_plan"
fi
if [ -f "$tree_plan" ]; then
  plan_size=$(python3 -c "import os,sys; print('%.1f MiB' % (os.path.getsize(sys.argv[1]) / 1048576))" "$tree_plan")
  read -r alone alone_mem _ < <(measure "$bin" check --format json "$tree_plan")
  read -r with_source source_mem _ < <(measure "$bin" check --format json "$tree_plan" --source "$tree")
  echo
  echo "| plan of the tree ($plan_size, 9,000 resources) | check (s) | check peak memory (MiB) |"
  echo "|---|---:|---:|"
  echo "| alone | $alone | $alone_mem |"
  echo "| with --source (the tree) | $with_source | $source_mem |"
fi
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); $(rustc --version)"
