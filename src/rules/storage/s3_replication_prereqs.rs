//! `s3-replication-prereqs`: replication without versioning, KMS settings or role permissions it needs.

use super::{Destination, destinations, replications, source_bucket, versioning_enabled};
use crate::model::{Mode, Region, Resource, Value};
use crate::rules::context::{Context, PolicyState, path_matches};
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "s3-replication-prereqs",
        family: Family::Storage,
        severity: Severity::High,
        title: "S3 replication lacks a prerequisite",
        rationale: "Replication needs versioning on the source and the destination bucket; for SSE-KMS encrypted objects, `sse_kms_encrypted_objects` enabled and a `replica_kms_key_id` in the destination's region (KMS keys are regional); and a role allowed `s3:ReplicateObject` (and friends) on the destination. A missing piece fails the apply or leaves objects unreplicated without an error.",
        remediation: "Enable versioning on both buckets (aws_s3_bucket_versioning), set `source_selection_criteria { sse_kms_encrypted_objects { status = \"Enabled\" } }` and `destination { encryption_configuration { replica_kms_key_id = <key in the destination region> } }` for KMS sources, and grant the role `s3:ReplicateObject`, `s3:ReplicateDelete`, `s3:ReplicateTags` on `<destination ARN>/*`.",
        example: r#"destination {
  bucket = aws_s3_bucket.replica.arn
  encryption_configuration {
    replica_kms_key_id = aws_kms_key.replica_region.arn
  }
}
source_selection_criteria {
  sse_kms_encrypted_objects {
    status = "Enabled"
  }
}"#,
        opt_in: false,
        reads: &[
            "aws_s3_bucket",
            "aws_s3_bucket_replication_configuration",
            "aws_s3_bucket_versioning",
            "aws_s3_bucket_server_side_encryption_configuration",
            "aws_iam_role",
            "aws_iam_policy",
            "aws_iam_role_policy",
            "aws_kms_key",
        ],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for (repl, rules_path) in replications(ctx) {
        let Some(source) = source_bucket(ctx, repl) else {
            continue;
        };
        let mut missing: Vec<String> = Vec::new();
        let mut related: Vec<(&Resource, &'static str)> = vec![(source, "source bucket")];
        if versioning_enabled(ctx, source) == Some(false) {
            missing.push(format!("versioning on the source `{}`", source.address));
        }
        let source_kms = is_kms_encrypted(ctx, source);
        let rules: Vec<_> = ctx
            .values(repl, rules_path)
            .into_iter()
            .flat_map(|v| v.blocks())
            .collect();
        for (i, dest) in destinations(ctx, repl, rules_path) {
            let Destination::Bucket(dest) = dest else {
                continue;
            };
            related.push((dest, "destination bucket"));
            if versioning_enabled(ctx, dest) == Some(false) {
                missing.push(format!("versioning on the destination `{}`", dest.address));
            }
            let Some(rule) = rules.get(i) else { continue };
            // Criteria known only after apply may enable it.
            let criteria_unknown = rule.get("source_selection_criteria").is_some_and(|c| {
                c.blocks_unknown()
                    || c.blocks().iter().any(|c| {
                        c.get("sse_kms_encrypted_objects")
                            .is_some_and(Value::blocks_unknown)
                    })
            });
            if source_kms == Some(true) && !criteria_unknown {
                let selected = rule
                    .get("source_selection_criteria")
                    .map(Value::blocks)
                    .unwrap_or_default()
                    .iter()
                    .flat_map(|c| {
                        c.get("sse_kms_encrypted_objects")
                            .map(Value::blocks)
                            .unwrap_or_default()
                    })
                    // `status = "Enabled"`, or the legacy inline block's `enabled = true`.
                    .any(|s| {
                        s.get("status")
                            .is_some_and(|v| v.as_str() == Some("Enabled") || !v.is_known())
                            || s.get("enabled")
                                .is_some_and(|v| v.as_bool() == Some(true) || !v.is_known())
                    });
                if !selected {
                    missing.push(
                        "`sse_kms_encrypted_objects` for the KMS-encrypted source".to_string(),
                    );
                }
                let key_attr = format!("{}.{i}.destination", rules_path.replace('.', ".0."));
                // The key under `encryption_configuration`, or directly under the
                // legacy inline block's `destination`.
                let key_paths = [
                    format!("{rules_path}.destination.encryption_configuration.replica_kms_key_id"),
                    format!("{rules_path}.destination.replica_kms_key_id"),
                ];
                let keys: Vec<_> = key_paths
                    .iter()
                    .flat_map(|path| ctx.key_uses(repl, path))
                    .filter(|k| {
                        k.attr.starts_with(&key_attr)
                            || !k.attr.contains('.')
                            || k.attr.contains("replica_kms_key_id")
                    })
                    .collect();
                let configured = rule
                    .get("destination")
                    .map(Value::blocks)
                    .unwrap_or_default()
                    .iter()
                    .any(|d| {
                        d.get("replica_kms_key_id").is_some_and(|v| !v.is_null())
                            || d.get("encryption_configuration")
                                .map(Value::blocks)
                                .unwrap_or_default()
                                .iter()
                                .any(|e| e.get("replica_kms_key_id").is_some_and(|v| !v.is_null()))
                    });
                if keys.is_empty()
                    && !configured
                    && !key_paths.iter().any(|path| ctx.has_ref(repl, path))
                {
                    missing.push("a `replica_kms_key_id` for the KMS-encrypted source".to_string());
                }
                for key in keys {
                    if let (Region::Known(k), Region::Known(d)) =
                        (&key.region, &dest.placement.region)
                        && k != d
                    {
                        missing.push(format!("a `replica_kms_key_id` in the destination's region {d} (it is {} in {k})", key.label));
                    }
                }
            }
            if role_can_replicate(ctx, repl, role_path(rules_path), dest) == Some(false) {
                missing.push(format!(
                    "`s3:ReplicateObject` for the replication role on `{}`",
                    dest.address
                ));
            }
        }
        if missing.is_empty() {
            continue;
        }
        missing.dedup();
        let finding = out.report(
            repl,
            format!("`{}` lacks {}", repl.address, missing.join("; ")),
        );
        for (r, role) in related {
            finding.related(r, role);
        }
    }
}

/// `Some(true)` when the bucket's default encryption is SSE-KMS.
fn is_kms_encrypted<'m>(ctx: &Context<'m>, bucket: &'m Resource) -> Option<bool> {
    let mut algos: Vec<&Value> = Vec::new();
    for c in super::bucket_configs(
        ctx,
        bucket,
        "aws_s3_bucket_server_side_encryption_configuration",
    ) {
        algos.extend(ctx.values(
            c,
            "rule.apply_server_side_encryption_by_default.sse_algorithm",
        ));
    }
    algos.extend(ctx.values(bucket, "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm"));
    // A bucket read by a data source is encrypted as configured elsewhere.
    if algos.iter().any(|a| !a.is_known()) || (algos.is_empty() && bucket.mode == Mode::Data) {
        return None;
    }
    Some(
        algos
            .iter()
            .any(|a| a.as_str().is_some_and(|s| s.starts_with("aws:kms"))),
    )
}

/// Where a replication configuration names its role: beside its `rule`
/// blocks (`role`, or the legacy inline `replication_configuration.role`).
fn role_path(rules_path: &str) -> &'static str {
    if rules_path.starts_with("replication_configuration.") {
        "replication_configuration.role"
    } else {
        "role"
    }
}

/// Whether the replication role's policies allow replicating into `dest`:
/// `None` when the role or a policy is not known here.
fn role_can_replicate<'m>(
    ctx: &Context<'m>,
    repl: &'m Resource,
    role_path: &str,
    dest: &'m Resource,
) -> Option<bool> {
    let role = ctx
        .targets(repl, role_path)
        .into_iter()
        .find(|r| r.r#type == "aws_iam_role")
        .or_else(|| {
            let arn = ctx.values(repl, role_path).first()?.as_str()?;
            ctx.by_attr(&["aws_iam_role"], "arn", arn)
                .into_iter()
                .next()
        })?;
    if role.mode != crate::model::Mode::Managed {
        return None;
    }
    let dest_name = dest
        .attr("bucket")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    // Statements name the destination by its name: unknown, they cannot be matched.
    let mut unknown = dest.attr("bucket").is_some_and(Value::is_unknown);
    // (policy, the buckets its text refers to)
    let mut docs: Vec<(PolicyState, Vec<&Resource>)> = Vec::new();
    let mut add = |holder: &'m Resource, attr: &str| {
        let mut buckets: Vec<&Resource> = ctx.targets(holder, attr);
        for doc in buckets
            .clone()
            .into_iter()
            .filter(|d| d.r#type == "aws_iam_policy_document")
        {
            buckets.extend(doc.refs.iter().flat_map(|r| ctx.model.lookup(&r.target)));
        }
        buckets.retain(|b| b.r#type == "aws_s3_bucket");
        docs.push((ctx.policy_doc(holder, attr), buckets));
    };
    for (holder, r) in ctx.referrers(role) {
        match holder.r#type.as_str() {
            "aws_iam_role_policy" if path_matches(&r.attr, "role") => add(holder, "policy"),
            "aws_iam_role_policy_attachment" if path_matches(&r.attr, "role") => {
                let policies = ctx.targets(holder, "policy_arn");
                if policies.is_empty() {
                    unknown = true; // a managed or external policy
                }
                for p in policies
                    .into_iter()
                    .filter(|p| p.r#type == "aws_iam_policy")
                {
                    add(p, "policy");
                }
            }
            _ => {}
        }
    }
    docs.push((ctx.policy_doc(role, "inline_policy.policy"), Vec::new()));
    let mut any_known = false;
    for (doc, buckets) in docs {
        match doc {
            PolicyState::Known(doc) => {
                any_known = true;
                // A resource built from an expression names the destination when its
                // text or the policy's references lead to the destination bucket.
                let names_dest = |r: &str| {
                    r == "*"
                        || (!dest_name.is_empty() && r.contains(&dest_name))
                        || r.contains(&format!("{}.", dest.base_address()))
                        || (r.contains("${")
                            && (buckets.iter().any(|b| b.address == dest.address)
                                || buckets.is_empty() && !r.contains("aws_s3_bucket.")))
                };
                if doc.statements.iter().any(|s| {
                    s.allow
                        && s.grants("s3:ReplicateObject")
                        && s.resources.iter().any(|r| names_dest(r.as_str()))
                }) {
                    return Some(true);
                }
                // A statement known only after apply may grant it.
                unknown |= !doc.fully_known();
            }
            PolicyState::Unknown => unknown = true,
            PolicyState::Absent => {}
        }
    }
    if unknown || !any_known {
        None
    } else {
        Some(false)
    }
}
