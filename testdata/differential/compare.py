#!/usr/bin/env python3
"""compare.py CASE_DIR [plan.json] [-- tfward hcl args]"""
import json, subprocess, sys, re
TF = "/work/main/target/release/tfward"
args = sys.argv[1:]
hargs = []
if "--" in args:
    i = args.index("--"); hargs = args[i+1:]; args = args[:i]
case = args[0]; plan = args[1] if len(args) > 1 else case + "/plan.json"
def inv(path, extra):
    r = subprocess.run([TF, "inventory", "--format", "json", path] + extra, capture_output=True, text=True)
    if r.returncode != 0:
        print("TFWARD FAIL", path, r.returncode, r.stderr.strip()); return {}
    if r.stderr.strip(): print("  stderr(", path, "):", r.stderr.strip()[:500])
    return {x["address"]: x for x in json.loads(r.stdout)["resources"]}
H = inv(case, hargs); P = inv(plan, [])
p = json.load(open(plan))
# truth: provider_config_key -> region from data.aws_region
pck = {}
def walk(mod, prefix):
    for r in mod.get("resources", []):
        pck[prefix + r["address"]] = r.get("provider_config_key")
    for name, mc in mod.get("module_calls", {}).items():
        walk(mc.get("module", {}), prefix + "module." + name + ".")
walk(p["configuration"]["root_module"], "")
def cfgaddr(a): return re.sub(r'\[[^\]]*\]', '', a)
truth = {}
def walkstate(m):
    for r in m.get("resources", []):
        if r["type"] == "aws_region" and r["mode"] == "data":
            k = pck.get(cfgaddr(r["address"]))
            v = r["values"].get("name") or r["values"].get("region")
            if k in truth and truth[k] != v: print("  TRUTH CONFLICT", k, truth[k], v)
            truth[k] = v
    for c in m.get("child_modules", []): walkstate(c)
walkstate(p.get("prior_state", {}).get("values", {}).get("root_module", {}))
planaddrs = set(rc["address"] for rc in p.get("resource_changes", []))
for rc in p.get("prior_state", {}).get("values", {}).get("root_module", {}) and []: pass
def allstate(m, out):
    for r in m.get("resources", []): out.add(r["address"])
    for c in m.get("child_modules", []): allstate(c, out)
allstate(p.get("prior_state", {}).get("values", {}).get("root_module", {}), planaddrs)
print(f"== {case}: plan {len(planaddrs)} addrs, hcl {len(H)}, planinv {len(P)}; truth keys {len(truth)}")
for a in sorted(planaddrs - set(H)): print("  MISSING in HCL:", a)
for a in sorted(set(H) - planaddrs): print("  EXTRA in HCL:", a)
for a in sorted(planaddrs - set(P)): print("  MISSING in planinv:", a)
n = 0
for a in sorted(planaddrs | set(H)):
    h = H.get(a, {}); q = P.get(a, {})
    k = pck.get(cfgaddr(a)); t = truth.get(k)
    hp, hr, pp, pr = h.get("provider"), h.get("region"), q.get("provider"), q.get("region")
    bad = []
    if hp != pp or hr != pr: bad.append("H!=P")
    if t and hr not in (t, "global"): bad.append("H!=truth")
    if t and pr not in (t, "global", "unknown"): bad.append("P!=truth")
    if hr == "global" and pr != "global": bad.append("glob")
    if bad == ["H!=P"] and pr == "unknown" and hp == pp and t and hr == t:
        lim = lim + 1 if 'lim' in globals() else 1; globals()['lim'] = lim; continue
    if bad:
        n += 1
        print(f"  {'/'.join(bad)} {a}: HCL={hp},{hr} [{h.get('region_source','')}]  PLAN={pp},{pr} [{q.get('region_source','')}]  truth({k})={t}")
print(f"  {n} discrepancies; {globals().get('lim',0)} plan-limit (plan unknown, HCL == data.aws_region truth)")
