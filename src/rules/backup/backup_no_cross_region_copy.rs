//! `backup-no-cross-region-copy`: a plan protects resources but copies them to no other region.

use super::{copy_destinations, plan_rules, plan_selections, protected, selected};
use crate::model::{Region, Resource, Value};
use crate::rules::context::{Context, list_names};
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "backup-no-cross-region-copy",
        family: Family::Backup,
        severity: Severity::High,
        title: "Backup plan protects resources but copies them to no other region",
        rationale: "Recovery points stay in the region of the plan's vault. When that region is unavailable, so are the backups: a disaster-recovery design needs a `copy_action` to a vault in another region (and, when the policy lists destination regions, to those).",
        remediation: "Add a `copy_action` to every rule (or one rule) of the plan, with `destination_vault_arn` pointing at a vault created by the backup-region provider.",
        example: r#"rule {
  rule_name         = "daily"
  target_vault_name = aws_backup_vault.primary.name
  schedule          = "cron(0 5 * * ? *)"
  copy_action {
    destination_vault_arn = aws_backup_vault.dr.arn # provider = aws.dr
    lifecycle { delete_after = 35 }
  }
}"#,
        opt_in: false,
        reads: &[
            "aws_backup_plan",
            "aws_backup_selection",
            "aws_backup_vault",
        ],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    let policy = ctx.policy;
    for plan in ctx.managed("aws_backup_plan") {
        let Region::Known(here) = &plan.placement.region else {
            continue;
        };
        let selections = plan_selections(ctx, plan);
        let mut guarded: Vec<&Resource> =
            selections.iter().flat_map(|s| protected(ctx, s)).collect();
        guarded.sort_by(|a, b| a.address.cmp(&b.address));
        guarded.dedup_by(|a, b| a.address == b.address);
        // Resources named by a literal ARN that matches nothing here are
        // protected too, in the region their ARN names (one naming none, as an
        // S3 bucket's, may well be here).
        let mut guarded_arns: Vec<String> = selections
            .iter()
            .flat_map(|s| {
                let region = s.placement.region.clone();
                selected(ctx, s)
                    .named_elsewhere
                    .into_iter()
                    .filter(move |a| a.region == region || a.region == Region::Unknown)
                    .map(|a| a.arn.to_string())
            })
            .collect();
        guarded_arns.sort();
        guarded_arns.dedup();
        // One cause, one finding: a plan that protects nothing is another rule's finding.
        if guarded.is_empty() && guarded_arns.is_empty() {
            continue;
        }
        let guarded_names = list_names(
            guarded
                .iter()
                .map(|r| r.address.as_str())
                .chain(guarded_arns.iter().map(String::as_str)),
            4,
        );
        let mut destinations: Vec<Region> = Vec::new();
        // Rules or copy actions known only after apply may copy elsewhere.
        let mut unknown = plan.attr("rule").is_some_and(Value::blocks_unknown)
            || plan_rules(plan)
                .iter()
                .any(|r| r.get("copy_action").is_some_and(Value::blocks_unknown));
        for (i, rule) in plan_rules(plan).into_iter().enumerate() {
            for d in copy_destinations(ctx, plan, i, rule) {
                match d.region {
                    Region::Known(_) => destinations.push(d.region),
                    _ => unknown = true,
                }
            }
        }
        let other: Vec<&str> = destinations
            .iter()
            .filter_map(Region::name)
            .filter(|r| r != here)
            .collect();
        let missing_required: Vec<&String> = policy
            .backup_destination_regions
            .iter()
            .filter(|r| *r != here && !other.contains(&r.as_str()))
            .collect();
        let here_text = plan.placement.region_text();
        let message = if other.is_empty() && !unknown && policy.require_cross_region_copy {
            format!(
                "`{}` ({here_text}) protects {} but no rule copies to a vault in another region: a {here_text} outage takes the backups with it",
                plan.address, guarded_names
            )
        } else if !missing_required.is_empty() && !unknown {
            format!(
                "`{}` ({here_text}) protects {} but copies to no vault in {}, which the policy requires",
                plan.address,
                guarded_names,
                list_names(missing_required.iter().map(|s| s.as_str()), 4)
            )
        } else {
            continue;
        };
        let finding = out.report(plan, message);
        for r in guarded {
            finding.related(r, "protected resource");
        }
    }
}
