//! The wiring between resources the region rules follow: backup selections
//! to plans and what they select, plans to vaults and copy destinations,
//! users to KMS keys, trails to buckets, replication, WAF associations. It is
//! worked out with the rules' own helpers, on the context the rules ran on,
//! and handed to the reports as plain data (the region map draws it).

use super::backup::{self, PlanTarget, VaultTarget};
use super::context::{Context, KEY_TYPES};
use super::storage::{self, Destination};
use super::{kms, logging};
use crate::model::{Mode, Model, Resource};

/// What a wire means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WireKind {
    /// Backup selection → its plan.
    Plan,
    /// Backup plan → the vault a rule targets.
    Vault,
    /// Source vault (or plan) → copy destination vault.
    Copy,
    /// Backup selection → a resource it selects.
    Selects,
    /// Resource → the KMS key it uses.
    Key,
    /// Trail → the bucket it delivers to.
    Logs,
    /// Replication source bucket → destination bucket.
    Replicates,
    /// WAF web ACL → what it is associated with.
    Protects,
}

/// One wire of a model: the places of its two ends in `Model::resources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wire {
    pub from: usize,
    pub to: usize,
    pub kind: WireKind,
}

/// Resource types the region rules are about besides the keys: a map shows
/// them even when nothing is wired to them.
const RULE_TYPES: &[&str] = &[
    "aws_backup_vault",
    "aws_backup_logically_air_gapped_vault",
    "aws_backup_plan",
    "aws_backup_selection",
    "aws_cloudtrail",
    "aws_wafv2_web_acl",
];

/// Whether the region rules are about resources of this type (a KMS key,
/// a backup vault, plan or selection, a trail, a web ACL).
pub fn is_rule_subject(r#type: &str) -> bool {
    KEY_TYPES.contains(&r#type) || RULE_TYPES.contains(&r#type)
}

/// The wires of the context's model, in the order found.
pub fn wires(ctx: &Context) -> Vec<Wire> {
    let model = ctx.model;
    let mut out: Vec<Wire> = Vec::new();
    let mut wire = |from: &Resource, to: &Resource, kind: WireKind| {
        if let (Some(from), Some(to)) = (position(model, from), position(model, to)) {
            out.push(Wire { from, to, kind });
        }
    };
    for res in &model.resources {
        if res.mode != Mode::Managed {
            continue;
        }
        match res.r#type.as_str() {
            "aws_backup_selection" => {
                if let PlanTarget::Plan(plan) = backup::selection_plan(ctx, res) {
                    wire(res, plan, WireKind::Plan);
                }
                // Everything selected, also what lies in another region: the
                // cross-region wire is the picture of the mistake.
                let sel = backup::selected(ctx, res);
                for r in sel.named.iter().chain(&sel.tagged) {
                    if r.mode == Mode::Managed {
                        wire(res, r, WireKind::Selects);
                    }
                }
            }
            "aws_backup_plan" => {
                for (i, rule) in backup::plan_rules(res).into_iter().enumerate() {
                    let source = match backup::rule_vault(ctx, res, i, rule) {
                        VaultTarget::Vault(v) => {
                            wire(res, v, WireKind::Vault);
                            Some(v)
                        }
                        _ => None,
                    };
                    for dest in backup::copy_destinations(ctx, res, i, rule) {
                        if let Some(v) = dest.vault {
                            wire(source.unwrap_or(res), v, WireKind::Copy);
                        }
                    }
                }
            }
            "aws_cloudtrail" => {
                if let Some(bucket) = logging::trail_bucket(ctx, res) {
                    wire(res, bucket, WireKind::Logs);
                }
            }
            "aws_wafv2_web_acl_association" => {
                let targets = ctx.targets(res, "resource_arn");
                for acl in ctx.targets(res, "web_acl_arn") {
                    if targets.is_empty() {
                        wire(acl, res, WireKind::Protects);
                    }
                    for t in &targets {
                        wire(acl, t, WireKind::Protects);
                    }
                }
            }
            "aws_cloudfront_distribution" => {
                for acl in ctx.targets(res, "web_acl_id") {
                    wire(acl, res, WireKind::Protects);
                }
            }
            _ => {}
        }
        for key in kms::keys_used(ctx, res) {
            if let Some(k) = key.key
                && k.address != res.address
            {
                wire(res, k, WireKind::Key);
            }
        }
    }
    for (repl, rules_path) in storage::replications(ctx) {
        let source = storage::source_bucket(ctx, repl).unwrap_or(repl);
        for (_, dest) in storage::destinations(ctx, repl, rules_path) {
            if let Destination::Bucket(b) = dest
                && b.address != source.address
            {
                wire(source, b, WireKind::Replicates);
            }
        }
    }
    out
}

/// The place of `res` in `model.resources`, which the model keeps sorted by
/// address (the rules' helpers return only resources of the model).
fn position(model: &Model, res: &Resource) -> Option<usize> {
    let start = model.resources.partition_point(|r| r.address < res.address);
    let offset = model.resources[start..]
        .iter()
        .take_while(|r| r.address == res.address)
        .position(|r| std::ptr::eq(r, res))?;
    Some(start + offset)
}
