//! `region-not-allowed`: a resource lands in a region outside the policy's allowed regions.

use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{EVERY_TYPE, Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "region-not-allowed",
        family: Family::Region,
        severity: Severity::High,
        title: "Resource lands in a region the policy does not allow",
        rationale: "Data residency, cost and support commitments often limit where resources may run. A provider alias or a per-resource `region` pointing elsewhere puts data in a region the organisation has not approved.",
        remediation: "Move the resource to a provider for an allowed region, or add the region to `allowed_regions` in the policy.",
        example: r#"# policy
allowed_regions = ["eu-central-1", "eu-west-1"]"#,
        opt_in: false,
        reads: EVERY_TYPE,
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    let allowed = &ctx.policy.allowed_regions;
    if allowed.is_empty() {
        return;
    }
    for res in ctx.resources() {
        let Some(region) = super::regional(res) else {
            continue;
        };
        if !allowed.iter().any(|a| a == region) {
            out.report(
                res,
                format!(
                    "`{}` lands in {}, which is not in the allowed regions ({})",
                    res.address,
                    res.placement.region_text(),
                    allowed.join(", ")
                ),
            );
        }
    }
}
