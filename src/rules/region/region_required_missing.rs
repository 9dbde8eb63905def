//! `region-required-missing`: the policy requires a region the configuration places nothing in.

use crate::model::Region;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{EVERY_TYPE, Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};
use std::collections::BTreeSet;

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "region-required-missing",
        family: Family::Region,
        severity: Severity::High,
        title: "A region the policy requires has no resources",
        rationale: "A policy that lists required regions (a primary and a disaster-recovery region, say) expects the configuration to deploy into each. A region with no resource at all usually means a provider alias that was never used, or a DR design that was never built.",
        remediation: "Place the intended resources in the region with a provider for it, or remove the region from `required_regions`.",
        example: r#"provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}
resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}"#,
        opt_in: false,
        reads: EVERY_TYPE,
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    if ctx.policy.required_regions.is_empty() {
        return;
    }
    let used: BTreeSet<&str> = ctx.resources().iter().filter_map(super::regional).collect();
    // An AWS regional resource whose region is unknown may well be in the
    // required region: never guess. (Global services and providers without
    // regions are placed as such, never `unknown`.)
    let unknown = ctx
        .resources()
        .iter()
        .any(|r| r.mode == crate::model::Mode::Managed && r.placement.region == Region::Unknown);
    if unknown {
        return;
    }
    for required in &ctx.policy.required_regions {
        if !used.contains(required.as_str()) {
            let placed: Vec<&str> = used.iter().copied().collect();
            out.report_config(
                ctx.model,
                &Region::Known(required.clone()),
                format!(
                    "the policy requires {required}, but this configuration places no resource there (it uses {})",
                    if placed.is_empty() { "no region".to_string() } else { placed.join(", ") }
                ),
            );
        }
    }
}
