#!/usr/bin/env bash
# Benchmark: generates plans with ../shared/bench/gen_plan.py and times
# `tfward check` and `tfward inventory` on each (median of several runs, release build), with peak
# memory from /usr/bin/time -v, next to a bare serde_json::Value parse of the
# same file (the floor), then does the same for a generated HCL tree of 3,001
# files, a 5,000-resource CloudFormation template and a 50-stack CDK
# cloud assembly. Prints Markdown tables.
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
# CloudFormation: one YAML template of 5,000 resources (keys, log groups
# encrypted with them through !GetAtt, queues, volumes, roles with inline
# policies; parameters, conditions and !Sub in use), and a CDK cloud assembly
# of 50 stacks of 100 resources each in three regions.
cfn="$work/cfn"
if [ ! -f "$cfn/.done" ]; then
  rm -rf "$cfn"
  python3 - "$cfn" <<'PY'
import json, os, sys
root = sys.argv[1]
os.makedirs(os.path.join(root, "cdk.out"))
def resources(n, stack=""):
    out = {}
    for i in range(n // 5):
        out[f"Key{i}"] = {"Type": "AWS::KMS::Key", "Properties": {
            "EnableKeyRotation": True,
            "KeyPolicy": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"AWS": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:root"}}, "Action": "kms:*", "Resource": "*"},
                {"Effect": "Allow", "Principal": {"Service": {"Fn::Sub": "logs.${AWS::Region}.amazonaws.com"}},
                 "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"], "Resource": "*"}]}},
            "Metadata": {"aws:cdk:path": f"{stack or 'App'}/Key{i}/Resource"}}
        out[f"Logs{i}"] = {"Type": "AWS::Logs::LogGroup", "Properties": {
            "LogGroupName": {"Fn::Sub": f"/bench/${{Env}}/{i}"}, "KmsKeyId": {"Fn::GetAtt": [f"Key{i}", "Arn"]}, "RetentionInDays": 30}}
        out[f"Queue{i}"] = {"Type": "AWS::SQS::Queue", "Condition": "IsProd", "Properties": {"KmsMasterKeyId": {"Ref": f"Key{i}"}}}
        out[f"Volume{i}"] = {"Type": "AWS::EC2::Volume", "Properties": {
            "Encrypted": True, "KmsKeyId": {"Ref": f"Key{i}"}, "Size": 10,
            "AvailabilityZone": {"Fn::Select": [0, {"Fn::GetAZs": ""}]}}}
        out[f"Role{i}"] = {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
            "Policies": [{"PolicyName": "logs", "PolicyDocument": {"Statement": [
                {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": {"Fn::GetAtt": [f"Logs{i}", "Arn"]}}]}}]}}
    return out
def template(n, stack=""):
    return {"AWSTemplateFormatVersion": "2010-09-09",
            "Parameters": {"Env": {"Type": "String", "Default": "prod"}},
            "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
            "Resources": resources(n, stack)}
def yaml_of(value, indent=0):
    # JSON is YAML; block style for the top levels keeps it a real YAML file.
    pad = "  " * indent
    if isinstance(value, dict) and indent < 3:
        return "".join(f"\n{pad}{k}:{yaml_of(v, indent + 1) if isinstance(v, dict) and indent < 2 else ' ' + json.dumps(v)}" for k, v in value.items())
    return " " + json.dumps(value)
import re
text = yaml_of(template(5000))
# The short-form tags, as people write templates.
text = re.sub(r'\{"Fn::GetAtt": \["(\w+)", "(\w+)"\]\}', r"!GetAtt \1.\2", text)
text = re.sub(r'\{"Ref": "(\w+)"\}', r"!Ref \1", text)
text = re.sub(r'\{"Fn::Sub": ("[^"]*")\}', r"!Sub \1", text)
with open(os.path.join(root, "template-5000.yaml"), "w") as f:
    f.write("# generated by scripts/bench.sh" + text + "\n")
regions = ["us-east-1", "eu-central-1", "ap-southeast-2"]
artifacts = {}
for s in range(50):
    name = f"Stack{s:02}"
    with open(os.path.join(root, "cdk.out", f"{name}.template.json"), "w") as f:
        json.dump(template(100, name), f)
    artifacts[name] = {"type": "aws:cloudformation:stack",
                       "environment": f"aws://111122223333/{regions[s % 3]}",
                       "properties": {"templateFile": f"{name}.template.json"}}
with open(os.path.join(root, "cdk.out", "manifest.json"), "w") as f:
    json.dump({"version": "48.0.0", "artifacts": artifacts}, f)
PY
  touch "$cfn/.done"
fi
read -r cfn_inv _ < <(measure "$bin" inventory --format json "$cfn/template-5000.yaml" --region eu-central-1)
read -r cfn_check cfn_mem _ < <(measure "$bin" check --format json "$cfn/template-5000.yaml" --region eu-central-1)
read -r cdk_inv _ < <(measure "$bin" inventory --format json "$cfn/cdk.out")
read -r cdk_check cdk_mem _ < <(measure "$bin" check --format json "$cfn/cdk.out")
echo
echo "| CloudFormation | resources | inventory (s) | check (s) | check peak memory (MiB) |"
echo "|---|---:|---:|---:|---:|"
echo "| one YAML template | 5,000 | $cfn_inv | $cfn_check | $cfn_mem |"
echo "| CDK cloud assembly, 50 stacks, 3 regions | 5,000 | $cdk_inv | $cdk_check | $cdk_mem |"

echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); $(rustc --version)"
