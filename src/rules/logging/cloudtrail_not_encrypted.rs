//! `cloudtrail-not-encrypted`: a trail without a KMS key.

use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "cloudtrail-not-encrypted",
        family: Family::Logging,
        severity: Severity::Medium,
        title: "CloudTrail trail is not encrypted with a KMS key",
        rationale: "Without `kms_key_id` trail logs are encrypted with S3-managed keys: anyone who can read the bucket can read the audit log. A customer-managed key adds a second, separately audited permission, and key policy conditions can tie it to the trail.",
        remediation: "Set `kms_key_id` to a key in the trail's region whose policy lets `cloudtrail.amazonaws.com` use it (`kms:GenerateDataKey*`, `kms:DescribeKey`).",
        example: r#"resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
  kms_key_id     = aws_kms_key.trail.arn
}"#,
        opt_in: false,
        reads: &["aws_cloudtrail"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for trail in ctx.managed("aws_cloudtrail") {
        if ctx.has_ref(trail, "kms_key_id")
            || trail.attr("kms_key_id").is_some_and(|v| !v.is_null())
        {
            continue;
        }
        out.report(trail, format!("`{}` ({}) sets no `kms_key_id`: its logs are readable by anyone who can read the bucket", trail.address, trail.placement.region_text()));
    }
}
