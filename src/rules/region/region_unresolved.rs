//! `region-unresolved` (with `--strict-regions`): a regional resource whose region stays unknown.

use crate::model::{Mode, Region};
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{EVERY_TYPE, Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "region-unresolved",
        family: Family::Region,
        severity: Severity::Low,
        title: "Resource region cannot be resolved from the configuration",
        rationale: "Region rules never judge a resource whose region is unknown (a provider without `region`, a region from a value known only at apply, a plan without locals). With `--strict-regions` each such resource is reported, so the region checks cannot be silently skipped.",
        remediation: "Set the provider's `region` from a literal or a variable with a value, or check the plan (`terraform show -json`) where Terraform has resolved it; `tfward inventory --why` shows where the chain stops.",
        example: r#"provider "aws" {
  region = var.region # with a value in terraform.tfvars
}"#,
        opt_in: true,
        reads: EVERY_TYPE,
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for res in ctx.resources() {
        // The resolver has already set apart global services (`global`) and
        // providers without regions (`n/a`): only an AWS regional resource is unknown.
        if res.mode == Mode::Managed && res.placement.region == Region::Unknown {
            out.report(
                res,
                format!(
                    "`{}` has no resolvable region: {}",
                    res.address, res.placement.source
                ),
            );
        }
    }
}
