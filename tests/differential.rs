//! HCL against real plans of the same configuration (`testdata/differential/`,
//! made with `../shared/tools/real-plan.sh`). Every provider configuration in
//! these cases has a `data "aws_region"`, whose value in the plan is the true
//! region. tfward's HCL answer must be that region; its plan answer must be
//! that region or `unknown` (plan JSON has no locals), never another region.

use std::collections::BTreeMap;
use std::path::Path;
use tfward::load::{CliVar, LoadOptions, load_path};
use tfward::model::{Model, Region, Value};

fn load(path: &Path, opts: &LoadOptions) -> Model {
    load_path(path, opts)
        .unwrap_or_else(|e| panic!("{e}"))
        .remove(0)
}

/// Provider configuration → region, from the plan's `data.aws_region` values.
fn truth(plan: &Model) -> BTreeMap<String, String> {
    plan.resources
        .iter()
        .filter(|r| r.r#type == "aws_region" && r.attr("region").is_none_or(Value::is_null))
        .filter_map(|r| {
            let name = r
                .attr("name")
                .or(r.attr("id"))?
                .unmarked()
                .as_str()?
                .to_string();
            Some((r.placement.provider.clone(), name))
        })
        .collect()
}

#[test]
fn hcl_matches_the_real_region_and_plans_never_contradict_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/differential");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("manifest.json")).expect("manifest"),
    )
    .expect("json");
    let mut failures = Vec::new();
    let mut judged = 0;
    for (plan_rel, spec) in manifest["plans"].as_object().expect("plans") {
        let plan_path = root.join(plan_rel);
        let case = plan_path.parent().expect("case dir");
        let mut opts = LoadOptions::default();
        for f in spec["var_files"].as_array().into_iter().flatten() {
            opts.cli_vars
                .push(CliVar::File(case.join(f.as_str().expect("path"))));
        }
        for v in spec["vars"].as_array().into_iter().flatten() {
            let (n, val) = v
                .as_str()
                .and_then(|t| t.split_once('='))
                .expect("NAME=VALUE");
            opts.cli_vars
                .push(CliVar::Var(n.to_string(), val.to_string()));
        }
        opts.workspace = spec["workspace"].as_str().map(str::to_string);
        let plan = load(&plan_path, &LoadOptions::default());
        let hcl = load(case, &opts);
        let truth = truth(&plan);
        assert!(
            !truth.is_empty(),
            "{plan_rel}: no data.aws_region in the plan"
        );
        let plan_by_addr: BTreeMap<&str, _> = plan
            .resources
            .iter()
            .map(|r| (r.address.as_str(), r))
            .collect();
        let hcl_addrs: Vec<&str> = hcl.resources.iter().map(|r| r.address.as_str()).collect();
        let plan_addrs: Vec<&str> = plan_by_addr.keys().copied().collect();
        if hcl_addrs != plan_addrs {
            failures.push(format!(
                "{plan_rel}: HCL expands to {} resources, the plan has {}",
                hcl_addrs.len(),
                plan_addrs.len()
            ));
        }
        for r in &hcl.resources {
            let Some(p) = plan_by_addr.get(r.address.as_str()) else {
                continue;
            };
            if r.placement.provider != p.placement.provider {
                failures.push(format!(
                    "{plan_rel} {}: provider HCL {} vs plan {}",
                    r.address, r.placement.provider, p.placement.provider
                ));
            }
            let Some(real) = truth.get(&p.placement.provider) else {
                continue;
            };
            if r.placement.region == Region::Global
                || r.attr("region").is_some_and(|v| !v.is_null())
            {
                continue;
            }
            judged += 1;
            if r.placement.region != Region::Known(real.clone()) {
                failures.push(format!(
                    "{plan_rel} {}: HCL says {}, the real region is {real}",
                    r.address, r.placement.region
                ));
            }
            match &p.placement.region {
                Region::Known(x) if x != real => failures.push(format!(
                    "{plan_rel} {}: plan says {x}, the real region is {real}",
                    r.address
                )),
                _ => {}
            }
        }
    }
    assert!(judged > 300, "only {judged} resources judged");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
