//! `kms-missing-in-region`: a region stores data but has no customer-managed key of its own.

use super::keys_used;
use crate::model::{Region, Resource, Value};
use crate::rules::context::{Context, KEY_TYPES, KMS, list_names};
use crate::rules::finding::Findings;
use crate::rules::meta::{EVERY_TYPE, Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};
use std::collections::{BTreeMap, BTreeSet};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "kms-missing-in-region",
        family: Family::Kms,
        severity: Severity::Medium,
        title: "Region stores data but has no customer-managed KMS key of its own",
        rationale: "A configuration that uses customer-managed keys usually means every region's data to be under keys it controls. A region whose volumes, databases, vaults, logs or queues have no key of their own falls back to AWS managed keys there, or ends up pointing at a key in another region, which fails.",
        remediation: "Create an `aws_kms_key` (or an `aws_kms_replica_key` of a multi-region key) with that region's provider and use it for the region's encrypted resources.",
        example: r#"resource "aws_kms_key" "eu" {
  provider            = aws.eu
  enable_key_rotation = true
}"#,
        opt_in: false,
        reads: EVERY_TYPE,
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    let managed_keys: Vec<&Resource> = KEY_TYPES.iter().flat_map(|t| ctx.managed(t)).collect();
    if managed_keys.is_empty() && !ctx.policy.require_cmk {
        return; // relies on AWS managed keys everywhere: a choice, not a finding
    }
    let mut key_regions: BTreeSet<&str> = managed_keys
        .iter()
        .filter_map(|k| k.placement.region.name())
        .collect();
    let mut storing: BTreeMap<&str, Vec<&Resource>> = BTreeMap::new();
    // A region where some encrypting resource names a key tfward cannot see (a remote
    // module's output, a variable with no value) may well have its own: not judged.
    let mut uncertain: BTreeSet<&str> = BTreeSet::new();
    for t in &KMS.encrypts_at_rest {
        for res in ctx.managed(t) {
            if let Region::Known(r) = &res.placement.region {
                storing.entry(r.as_str()).or_default().push(res);
            }
            if let Region::Known(r) = &res.placement.region
                && names_unseen_key(ctx, res)
            {
                uncertain.insert(r.as_str());
            }
            // A key used here by ARN or data source counts as the region's own.
            for key in keys_used(ctx, res) {
                if let (Region::Known(k), Region::Known(r)) = (&key.region, &res.placement.region)
                    && k == r
                {
                    key_regions.insert(r.as_str());
                }
            }
        }
    }
    for (region, mut resources) in storing {
        if key_regions.contains(region) || uncertain.contains(region) {
            continue;
        }
        resources.sort_by(|a, b| a.address.cmp(&b.address));
        let elsewhere: Vec<&str> = key_regions.iter().copied().collect();
        let keys_text = if elsewhere.is_empty() {
            "none is defined anywhere, but the policy requires customer-managed keys".to_string()
        } else {
            format!(
                "this configuration defines keys only in {}",
                elsewhere.join(", ")
            )
        };
        let finding = out.report(
            resources[0],
            format!(
                "{region} hosts {} resource{} that encrypt at rest ({}) but no customer-managed KMS key: {keys_text}",
                resources.len(),
                if resources.len() == 1 { "" } else { "s" },
                list_names(resources.iter().map(|r| r.address.as_str()), 3)
            ),
        );
        for r in resources.iter().skip(1).take(10) {
            finding.related(r, "resource in the region");
        }
    }
}

/// Whether a key attribute of `res` is set to something tfward cannot resolve:
/// unknown with no reference, or a reference to nothing defined here.
fn names_unseen_key(ctx: &Context, res: &Resource) -> bool {
    let Some(attrs) = KMS.resources.get(res.r#type.as_str()) else {
        return false;
    };
    attrs.iter().any(|attr| {
        let refs: Vec<_> = res
            .refs
            .iter()
            .filter(|r| crate::rules::context::path_matches(&r.attr, attr))
            .collect();
        if !refs.is_empty() {
            return refs
                .iter()
                .all(|r| ctx.model.lookup(&r.target).next().is_none());
        }
        ctx.values(res, attr)
            .iter()
            .any(|v| !v.is_known() && !v.is_null() && !matches!(v, Value::Null))
    })
}
