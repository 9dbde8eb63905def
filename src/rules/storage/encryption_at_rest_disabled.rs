//! `encryption-at-rest-disabled`: EBS or RDS storage without encryption at rest.

use crate::model::{Region, Value};
use crate::rules::context::{Context, list_names};
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};
use std::collections::{BTreeMap, BTreeSet};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "encryption-at-rest-disabled",
        family: Family::Storage,
        severity: Severity::High,
        title: "Storage is not encrypted at rest",
        rationale: "An EBS volume with `encrypted = false`, or an RDS instance or Aurora cluster without `storage_encrypted = true`, keeps data, snapshots and replicas unencrypted; encryption cannot be turned on later without copying the data. A policy may also require EBS encryption by default in every region that hosts volumes.",
        remediation: "Set `encrypted = true` on EBS volumes and `storage_encrypted = true` (with a `kms_key_id` in the same region) on RDS instances and clusters; where the policy requires it, add `aws_ebs_encryption_by_default { enabled = true }` per region.",
        example: r#"resource "aws_db_instance" "db" {
  # ...
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
}"#,
        opt_in: false,
        reads: &[
            "aws_ebs_volume",
            "aws_db_instance",
            "aws_rds_cluster",
            "aws_ebs_encryption_by_default",
        ],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for volume in ctx.managed("aws_ebs_volume") {
        if volume.attr("encrypted").and_then(Value::as_bool) == Some(false) {
            out.report(
                volume,
                format!("`{}` sets `encrypted = false`", volume.address),
            );
        }
    }
    for (r#type, what) in [
        ("aws_db_instance", "RDS instance"),
        ("aws_rds_cluster", "Aurora / RDS cluster"),
    ] {
        for db in ctx.managed(r#type) {
            // Read replicas inherit the source's encryption; serverless v1 clusters are always encrypted.
            if db.attr("replicate_source_db").is_some_and(|v| !v.is_null())
                || ctx.has_ref(db, "replicate_source_db")
            {
                continue;
            }
            // Serverless v1 clusters are always encrypted; a mode known only
            // after apply may be serverless, so it is not judged.
            if db.attr("engine_mode").and_then(Value::as_str) == Some("serverless")
                || db.attr_not_known("engine_mode")
            {
                continue;
            }
            let encrypted = db.attr("storage_encrypted");
            let unencrypted = match encrypted {
                None => true,
                Some(v) if v.is_null() => true,
                Some(v) => v.as_bool() == Some(false),
            };
            // A key implies encryption in the plan even where the flag is computed.
            let has_key = db.attr("kms_key_id").is_some_and(|k| !k.is_null())
                || ctx.has_ref(db, "kms_key_id");
            if unencrypted && !has_key {
                out.report(
                    db,
                    format!(
                        "`{}` is an {what} without `storage_encrypted = true`",
                        db.address
                    ),
                );
            }
        }
    }
    if ctx.policy.require_ebs_encryption_by_default {
        let mut enabled: BTreeSet<&str> = BTreeSet::new();
        for d in ctx.managed("aws_ebs_encryption_by_default") {
            if d.attr("enabled").is_none_or(|v| v.as_bool() != Some(false))
                && let Region::Known(r) = &d.placement.region
            {
                enabled.insert(r);
            }
        }
        let mut volumes: BTreeMap<&str, Vec<&crate::model::Resource>> = BTreeMap::new();
        for v in ctx.managed("aws_ebs_volume") {
            if let Region::Known(r) = &v.placement.region {
                volumes.entry(r.as_str()).or_default().push(v);
            }
        }
        for (region, vols) in volumes {
            if enabled.contains(region) {
                continue;
            }
            // An explicit `enabled = false` is the cause.
            let disabled = ctx.managed("aws_ebs_encryption_by_default").find(|d| {
                d.placement.region.name() == Some(region)
                    && d.attr("enabled").and_then(Value::as_bool) == Some(false)
            });
            if let Some(setting) = disabled {
                out.report(
                    setting,
                    format!(
                        "`{}` turns EBS encryption by default off in {region}, which hosts volumes ({}), and the policy requires it on",
                        setting.address,
                        list_names(vols.iter().map(|v| v.address.as_str()), 3)
                    ),
                );
                continue;
            }
            out.report(
                vols[0],
                format!(
                    "{region} hosts EBS volumes ({}) but no `aws_ebs_encryption_by_default` enables encryption there, which the policy requires",
                    list_names(vols.iter().map(|v| v.address.as_str()), 3)
                ),
            );
        }
    }
}
