//! `kms-cross-region-reference`: a resource uses a KMS key that lives in another region.

use super::keys_used;
use crate::iam::PolicyDoc;
use crate::model::value::Text;
use crate::model::{Mode, Region, Resource, Value};
use crate::region;
use crate::rules::context::{Context, KEY_TYPES, KMS, PolicyState, list_names};
use crate::rules::finding::Findings;
use crate::rules::meta::{EVERY_TYPE, Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};
use std::collections::BTreeSet;

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "kms-cross-region-reference",
        family: Family::Kms,
        severity: Severity::Critical,
        title: "Resource uses a KMS key that lives in another region",
        rationale: "KMS keys are regional: a volume, database, vault, log group or function can only be encrypted with a key in its own region, and AWS rejects the apply (or the first write) otherwise. Multi-region keys are no exception: the resource must use the replica in its own region. An IAM policy that grants a role's users a key from another region grants something they cannot use.",
        remediation: "Use a key created with the same provider (region) as the resource: define an `aws_kms_key` per region, or an `aws_kms_replica_key` of a multi-region key in the resource's region, and reference that.",
        example: r#"resource "aws_kms_key" "dr" {
  provider            = aws.dr
  enable_key_rotation = true
}
resource "aws_backup_vault" "dr" {
  provider    = aws.dr
  name        = "dr"
  kms_key_arn = aws_kms_key.dr.arn # same region as the vault
}"#,
        opt_in: false,
        reads: EVERY_TYPE,
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for res in ctx.resources() {
        if res.mode != Mode::Managed {
            continue;
        }
        if let Region::Known(here) = &res.placement.region {
            let here = res.placement.region_text().derive(here.as_str());
            for key in keys_used(ctx, res) {
                let there = Mark(&key.region, key.region_marked);
                report_mismatch(out, res, &here, there, &key.label, &key.attr, key.key);
            }
        }
        replica_blocks(ctx, out, res);
    }
    iam_grants(ctx, out);
}

/// A region and whether it came from a marked value.
#[derive(Clone, Copy)]
struct Mark<'a>(&'a Region, bool);

fn report_mismatch(
    out: &mut Findings,
    res: &Resource,
    here: &Text,
    key_region: Mark,
    label: &str,
    attr: &str,
    key: Option<&Resource>,
) {
    let Mark(Region::Known(there), marked) = key_region else {
        return;
    };
    if there == here.as_str() {
        return;
    }
    let there = Text::new(there.as_str(), marked);
    let attr = crate::rules::context::normalize_path(attr);
    let finding = out.report(
        res,
        format!("`{}` ({here}) uses KMS key {label} ({there}) in `{attr}`: a key must be in the resource's region", res.address),
    );
    if let Some(k) = key {
        finding.related(k, "key");
    }
}

/// Replica blocks (DynamoDB global tables, Secrets Manager replicas) name the key of the replica's region.
fn replica_blocks(ctx: &Context, out: &mut Findings, res: &Resource) {
    let Some(spec) = KMS.replica_blocks.get(res.r#type.as_str()) else {
        return;
    };
    let blocks = res.attr(&spec.block).map(Value::blocks).unwrap_or_default();
    for (i, block) in blocks.iter().enumerate() {
        let Some(replica_region) = block.get(spec.region.as_str()).and_then(Value::quoted) else {
            continue;
        };
        let attr = format!("{}.{i}.{}", spec.block, spec.key);
        // The keys referenced, else the one the literal ARN names.
        let mut uses: Vec<(String, Option<&Resource>)> = Vec::new();
        for r in res.refs.iter().filter(|r| r.attr == attr) {
            for key in ctx.model.lookup(&r.target) {
                uses.push((format!("`{}`", key.address), Some(key)));
            }
        }
        let arn = block.get(spec.key.as_str()).and_then(Value::quoted);
        if uses.is_empty()
            && let Some(arn) = &arn
        {
            uses.push((format!("`{arn}`"), None));
        }
        for (label, key) in uses {
            let (region, text) = region::of_target(key, arn.as_ref());
            let there = Mark(&region, text.is_sensitive());
            report_mismatch(out, res, &replica_region, there, &label, &attr, key);
        }
    }
}

/// Regions where the key ARNs a policy grants `kms:` actions on live.
fn granted_key_regions<'m>(
    ctx: &Context<'m>,
    policy_res: &'m Resource,
    doc: &PolicyDoc,
) -> Vec<(Text, String)> {
    let mut out = Vec::new();
    let kms_statements = doc.statements.iter().filter(|s| {
        s.allow
            && !s.unknown
            && ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
                .iter()
                .any(|a| s.grants(a))
    });
    for statement in kms_statements {
        for resource in &statement.resources {
            if let Some(region) = region::of_arn(resource.as_str())
                .filter(|_| resource.as_str().starts_with("arn:aws:kms:"))
            {
                out.push((resource.derive(region), format!("`{resource}`")));
            }
        }
    }
    // Keys referenced from the policy attribute (their ARNs known only after
    // apply): counted when the policy's known text grants KMS actions.
    let grants_kms = doc.statements.iter().any(|s| {
        s.allow
            && !s.unknown
            && ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
                .iter()
                .any(|a| s.grants(a))
    });
    if !grants_kms {
        return out;
    }
    for key in ctx.targets(policy_res, "policy") {
        if KEY_TYPES.contains(&key.r#type.as_str())
            && let Region::Known(_) = &key.placement.region
        {
            out.push((key.placement.region_text(), format!("`{}`", key.address)));
        }
    }
    out
}

/// Role users whose key use is confined to their own region.
const REGION_BOUND_USERS: &[&str] = &["aws_lambda_function", "aws_ecs_task_definition"];

/// An IAM role policy that grants a key from a region none of the role's users run in.
fn iam_grants<'m>(ctx: &Context<'m>, out: &mut Findings) {
    let mut policies: Vec<(&'m Resource, Vec<&'m Resource>)> = Vec::new();
    for p in ctx.managed("aws_iam_role_policy") {
        policies.push((
            p,
            ctx.targets(p, "role")
                .into_iter()
                .filter(|r| r.r#type == "aws_iam_role")
                .collect(),
        ));
    }
    for p in ctx.managed("aws_iam_policy") {
        let roles = ctx
            .referrers(p)
            .into_iter()
            .filter(|(a, r)| a.r#type == "aws_iam_role_policy_attachment" && r.attr == "policy_arn")
            .flat_map(|(a, _)| ctx.targets(a, "role"))
            .filter(|r| r.r#type == "aws_iam_role")
            .collect();
        policies.push((p, roles));
    }
    for (policy, roles) in policies {
        if roles.is_empty() {
            continue;
        }
        // A policy known only after apply says nothing about what it grants:
        // unknown (computed) policies are not findings.
        let PolicyState::Known(doc) = ctx.policy_doc(policy, "policy") else {
            continue;
        };
        // Regions of the regional resources that use the roles (`role`, `execution_role_arn`, ...).
        let mut users: Vec<&Resource> = Vec::new();
        let mut user_regions: BTreeSet<&str> = BTreeSet::new();
        // As messages quote them: a region from a marked value shows `(sensitive)`.
        let mut shown: BTreeSet<String> = BTreeSet::new();
        let mut any_unknown = false;
        for role in &roles {
            for (user, _) in ctx.referrers(role) {
                if user.mode != Mode::Managed || user.r#type.starts_with("aws_iam_") {
                    continue;
                }
                // Only users that encrypt with keys of their own region. Replication,
                // backup copies and global tables use keys of several regions by design.
                if !REGION_BOUND_USERS.contains(&user.r#type.as_str()) {
                    any_unknown = true;
                    continue;
                }
                match &user.placement.region {
                    Region::Known(r) => {
                        user_regions.insert(r);
                        shown.insert(user.placement.region_text().to_string());
                        users.push(user);
                    }
                    Region::Unknown => any_unknown = true,
                    Region::Global | Region::NotApplicable => {}
                }
            }
        }
        if user_regions.is_empty() || any_unknown {
            continue;
        }
        for (region, label) in granted_key_regions(ctx, policy, &doc) {
            if user_regions.contains(region.as_str()) {
                continue;
            }
            let regions: Vec<&str> = shown.iter().map(String::as_str).collect();
            let finding = out.report(
                policy,
                format!(
                    "`{}` grants KMS key {label} ({region}) to {}, used only by {} in {}: a key must be in its users' region",
                    policy.address,
                    list_names(roles.iter().map(|r| r.address.as_str()), 2),
                    list_names(users.iter().map(|u| u.address.as_str()), 3),
                    regions.join(", ")
                ),
            );
            for role in &roles {
                finding.related(role, "role");
            }
        }
    }
}
