//! `cloudtrail-log-validation`: a trail without log file integrity validation.

use super::is_true_or_unknown;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "cloudtrail-log-validation",
        family: Family::Logging,
        severity: Severity::Low,
        title: "CloudTrail log file validation is off",
        rationale: "With validation on, CloudTrail writes signed digest files, so you can prove a log file was not modified or deleted after delivery. It is off unless `enable_log_file_validation = true`.",
        remediation: "Set `enable_log_file_validation = true`.",
        example: r#"resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  enable_log_file_validation = true
}"#,
        opt_in: false,
        reads: &["aws_cloudtrail"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for trail in ctx.managed("aws_cloudtrail") {
        if !is_true_or_unknown(trail.attr("enable_log_file_validation")) {
            out.report(
                trail,
                format!(
                    "`{}` does not set `enable_log_file_validation = true`",
                    trail.address
                ),
            );
        }
    }
}
