//! `cloudtrail-not-multi-region`: the configuration's trails all record a single region.

use super::is_true_or_unknown;
use crate::rules::context::{Context, list_names};
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "cloudtrail-not-multi-region",
        family: Family::Logging,
        severity: Severity::Medium,
        title: "No CloudTrail trail records every region",
        rationale: "A single-region trail records API calls in its own region only: activity in every other region (where an attacker or a mistaken deployment may well run) leaves no audit trail. One multi-region trail covers all regions, including new ones.",
        remediation: "Set `is_multi_region_trail = true` on the organisation's main trail (and `include_global_service_events = true`, the default).",
        example: r#"resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true
}"#,
        opt_in: false,
        reads: &["aws_cloudtrail"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    let mut trails: Vec<_> = ctx.managed("aws_cloudtrail").collect();
    if trails.is_empty()
        || trails
            .iter()
            .any(|t| is_true_or_unknown(t.attr("is_multi_region_trail")))
    {
        return;
    }
    trails.sort_by(|a, b| a.address.cmp(&b.address));
    let first = trails[0];
    let others = if trails.len() > 1 {
        format!(
            " (nor do {})",
            list_names(trails[1..].iter().map(|t| t.address.as_str()), 3)
        )
    } else {
        String::new()
    };
    let finding = out.report(
        first,
        format!(
            "`{}` ({}) records only its own region and no trail of this configuration sets `is_multi_region_trail = true`{others}",
            first.address,
            first.placement.region_text()
        ),
    );
    for t in &trails[1..] {
        finding.related(t, "single-region trail");
    }
}
