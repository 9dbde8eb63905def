#!/usr/bin/env bash
# Benchmark: generates plans with ../shared/bench/gen_plan.py and times
# `tfward check` and `tfward inventory` on each (median of several runs, release build), with peak
# memory from /usr/bin/time -v, next to a bare serde_json::Value parse of the
# same file (the floor). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${BENCH_RUNS:-5}
sizes=${BENCH_SIZES:-"1000 10000 100000"}
work=${BENCH_DIR:-target/bench}
mkdir -p "$work"
cargo build --release --quiet --bin tfward --example parse_floor
bin=target/release/tfward
floor=target/release/examples/parse_floor

# median wall time (s) and max peak RSS (MiB) of a command over $runs runs
measure() {
  python3 - "$runs" "$@" <<'PY'
import statistics, subprocess, sys, time, re
runs = int(sys.argv[1]); cmd = sys.argv[2:]
times, peaks = [], []
for _ in range(runs):
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    times.append(time.perf_counter() - t)
    if p.returncode not in (0, 1):  # check exits 1 when it finds something
        sys.exit("command failed: %s\n%s" % (" ".join(cmd), p.stderr[-2000:]))
    peaks.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024)
print("%.3f %.0f" % (statistics.median(times), max(peaks)))
PY
}

echo "| resources | plan size | bare parse (s) | inventory (s) | check (s) | check / parse | check peak memory (MiB) |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in $sizes; do
  plan="$work/plan-$n.json"
  [ -f "$plan" ] || python3 ../shared/bench/gen_plan.py --resources "$n" --seed 1 --out "$plan"
  size=$(python3 -c "import os,sys; print('%.1f MiB' % (os.path.getsize(sys.argv[1]) / 1048576))" "$plan")
  read -r parse_s _ < <(measure "$floor" "$plan")
  read -r inv_s _ < <(measure "$bin" inventory --format json "$plan")
  read -r check_s check_mem < <(measure "$bin" check --format json "$plan")
  ratio=$(python3 -c "print('%.2f' % ($check_s / $parse_s))")
  echo "| $n | $size | $parse_s | $inv_s | $check_s | $ratio | $check_mem |"
done
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); $(rustc --version)"
