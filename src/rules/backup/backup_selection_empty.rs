//! `backup-selection-empty`: a selection that selects nothing, or only resources in other regions.

use super::{NamedByArn, PlanTarget, selected, selection_plan};
use crate::model::{Region, Resource};
use crate::rules::context::{Context, list_names};
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};
use std::collections::BTreeSet;

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "backup-selection-empty",
        family: Family::Backup,
        severity: Severity::High,
        title: "Backup selection selects nothing in its own region",
        rationale: "AWS Backup selections are regional: a selection (and its plan) in us-west-2 only sees resources in us-west-2. A selection with no criteria, or whose named or tagged resources all live in other regions, protects nothing, so that data has no backup and no cross-region copy, while the plan and vault look healthy.",
        remediation: "Create the vault, plan and selection in the region of the data (the primary region) and copy recovery points to the backup region with a `copy_action`; do not move the selection to the backup region.",
        example: r#"# primary region: vault, plan and selection next to the data
resource "aws_backup_plan" "daily" {
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.primary.name
    schedule          = "cron(0 5 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn # vault in the backup region
    }
  }
}"#,
        opt_in: false,
        reads: &["aws_backup_selection", "aws_backup_plan"],
    },
    check: Check::Builtin(check),
};

/// The regions of the resources and ARNs named, as a message quotes them.
fn regions_of(resources: &[&Resource], arns: &[NamedByArn]) -> String {
    let set: BTreeSet<String> = resources
        .iter()
        .map(|r| r.placement.region_text_or("unknown region").to_string())
        .chain(arns.iter().map(|a| a.region_text.to_string()))
        .collect();
    set.into_iter().collect::<Vec<_>>().join(", ")
}

fn check(ctx: &Context, out: &mut Findings) {
    for selection in ctx.managed("aws_backup_selection") {
        let region = &selection.placement.region;
        let sel = selected(ctx, selection);
        let plan = match selection_plan(ctx, selection) {
            PlanTarget::Plan(p) => Some(p),
            _ => None,
        };
        let what_follows = |n: usize| {
            let them = if n == 1 {
                "its data has"
            } else {
                "their data has"
            };
            format!(
                "AWS Backup selections are regional, so {them} no backup and no cross-region copy"
            )
        };
        if !sel.has_criteria {
            let finding = out.report(
                selection,
                format!(
                    "`{}` ({}) has no `resources`, `selection_tag` or `condition`: it selects nothing",
                    selection.address,
                    selection.placement.region_text_or("unknown region")
                ),
            );
            if let Some(p) = plan {
                finding.related(p, "plan");
            }
            continue;
        }
        let Region::Known(here) = region else {
            continue;
        };
        // A resource whose region is unknown might be here: never judged elsewhere.
        let elsewhere =
            |r: &&Resource| matches!(&r.placement.region, Region::Known(there) if there != here);
        let arns_elsewhere = sel
            .named_elsewhere
            .iter()
            .all(|r| matches!(&r.region, Region::Known(there) if there != here));
        let selects_something =
            !sel.named.is_empty() || !sel.named_elsewhere.is_empty() || !sel.tagged.is_empty();
        let nothing_here = !sel.unknown
            && selects_something
            && arns_elsewhere
            && sel.named.iter().all(elsewhere)
            && sel.tagged.iter().all(elsewhere);
        if !nothing_here {
            continue;
        }
        let tagged_all_elsewhere = !sel.tagged.is_empty();
        let mut victims: Vec<&Resource> = sel.named.iter().chain(&sel.tagged).copied().collect();
        victims.sort_by(|a, b| a.address.cmp(&b.address));
        victims.dedup_by(|a, b| a.address == b.address);
        let how = if tagged_all_elsewhere && !sel.tag_text.is_empty() {
            format!(
                "selects resources tagged {}",
                list_names(sel.tag_text.iter().map(String::as_str), 3)
            )
        } else {
            "names resources".to_string()
        };
        let count = victims.len() + sel.named_elsewhere.len();
        let plan_text = plan
            .map(|p| format!(" for `{}`", p.address))
            .unwrap_or_default();
        // The addresses and ARNs named: never an empty "()".
        let arns: Vec<String> = sel
            .named_elsewhere
            .iter()
            .map(|a| a.arn.to_string())
            .collect();
        let names = list_names(
            victims
                .iter()
                .map(|r| r.address.as_str())
                .chain(arns.iter().map(String::as_str)),
            4,
        );
        let message = format!(
            "`{}` ({}){plan_text} {how}, but {} in {} ({names}): {}",
            selection.address,
            selection.placement.region_text_or("unknown region"),
            if count == 1 {
                "it lives".to_string()
            } else {
                format!("all {count} of them live")
            },
            regions_of(&victims, &sel.named_elsewhere).if_empty("another region"),
            what_follows(count)
        );
        let finding = out.report(selection, message);
        if let Some(p) = plan {
            finding.related(p, "plan");
        }
        for v in victims {
            finding.related(v, "selected resource");
        }
    }
}

trait IfEmpty {
    fn if_empty(self, fallback: &str) -> String;
}

impl IfEmpty for String {
    fn if_empty(self, fallback: &str) -> String {
        if self.is_empty() {
            fallback.to_string()
        } else {
            self
        }
    }
}
