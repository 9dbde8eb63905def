//! `backup-plan-unselected`: a backup plan that no selection uses backs up nothing.

use super::plan_selections;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "backup-plan-unselected",
        family: Family::Backup,
        severity: Severity::Medium,
        title: "Backup plan has no selection, so it backs up nothing",
        rationale: "An `aws_backup_plan` only schedules jobs for the resources an `aws_backup_selection` assigns to it. Without one the plan exists, looks healthy in the console, and protects nothing.",
        remediation: "Add an `aws_backup_selection` with `plan_id` pointing at the plan, selecting resources by ARN or by tag, in the plan's region.",
        example: r#"resource "aws_backup_selection" "tagged" {
  name         = "tagged"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = aws_iam_role.backup.arn
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "true"
  }
}"#,
        opt_in: false,
        reads: &["aws_backup_plan", "aws_backup_selection"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    // Selections may also live in other stacks; a plan output or data source hints at that.
    for plan in ctx.managed("aws_backup_plan") {
        if plan_selections(ctx, plan).is_empty()
            && !ctx
                .referrers(plan)
                .iter()
                .any(|(r, _)| r.r#type == "aws_backup_selection")
        {
            out.report(
                plan,
                format!(
                    "`{}` ({}) has no `aws_backup_selection`: it backs up nothing",
                    plan.address,
                    plan.placement.region_text_or("unknown region")
                ),
            );
        }
    }
}
