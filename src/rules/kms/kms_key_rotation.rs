//! `kms-key-rotation`: a symmetric customer-managed key without automatic rotation.

use crate::model::Value;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "kms-key-rotation",
        family: Family::Kms,
        severity: Severity::Medium,
        title: "Symmetric KMS key does not rotate automatically",
        rationale: "Automatic rotation replaces a symmetric key's material yearly (or on the period you set) without changing its id or ARN, limiting how much data one key version protects. It is off unless `enable_key_rotation = true`. (Asymmetric and HMAC keys cannot rotate; multi-region replicas follow their primary.)",
        remediation: "Set `enable_key_rotation = true` on every symmetric `aws_kms_key`.",
        example: r#"resource "aws_kms_key" "data" {
  description         = "data key"
  enable_key_rotation = true
}"#,
        opt_in: false,
        reads: &["aws_kms_key"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for key in ctx.managed("aws_kms_key") {
        // A spec or usage known only after apply may be one that cannot rotate.
        if key.attr_not_known("customer_master_key_spec") || key.attr_not_known("key_usage") {
            continue;
        }
        let spec = key
            .attr("customer_master_key_spec")
            .and_then(Value::as_str)
            .unwrap_or("SYMMETRIC_DEFAULT");
        let usage = key
            .attr("key_usage")
            .and_then(Value::as_str)
            .unwrap_or("ENCRYPT_DECRYPT");
        if spec != "SYMMETRIC_DEFAULT" || usage != "ENCRYPT_DECRYPT" {
            continue;
        }
        match key.attr("enable_key_rotation").map(Value::unmarked) {
            Some(v) if v.as_bool() == Some(true) || !v.is_known() => {}
            _ => {
                out.report(
                    key,
                    format!(
                        "`{}` is a symmetric key without `enable_key_rotation = true`",
                        key.address
                    ),
                );
            }
        }
    }
}
