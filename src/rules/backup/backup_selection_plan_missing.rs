//! `backup-selection-plan-missing`: a selection's `plan_id` names no plan, or a plan in another region.

use super::{PlanTarget, selection_plan};
use crate::model::Region;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "backup-selection-plan-missing",
        family: Family::Backup,
        severity: Severity::High,
        title: "Backup selection names no backup plan, or a plan in another region",
        rationale: "A selection assigns resources to the plan in `plan_id`, looked up in the selection's own region. A plan id that matches no plan, or a plan created in another region, makes the selection fail to create, and the resources it was meant to protect get no backup.",
        remediation: "Set `plan_id` by reference to an `aws_backup_plan` created with the same provider as the selection.",
        example: r#"resource "aws_backup_selection" "tagged" {
  provider     = aws.dr
  name         = "tagged"
  plan_id      = aws_backup_plan.daily.id # same provider
  iam_role_arn = aws_iam_role.backup.arn
}"#,
        opt_in: false,
        reads: &["aws_backup_selection", "aws_backup_plan"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for selection in ctx.managed("aws_backup_selection") {
        let sel_region = &selection.placement.region;
        match selection_plan(ctx, selection) {
            PlanTarget::Plan(plan) => {
                if let (Region::Known(s), Region::Known(p)) = (sel_region, &plan.placement.region)
                    && s != p
                {
                    out.report(
                        selection,
                        format!(
                            "`{}` ({s}) assigns resources to `{}` ({p}): a selection can only use a plan in its own region",
                            selection.address, plan.address
                        ),
                    )
                    .related(plan, "plan");
                }
            }
            PlanTarget::Missing(id) => {
                out.report(
                    selection,
                    format!(
                        "`{}` ({}) has `plan_id = \"{id}\"`, which matches no `aws_backup_plan` in this configuration",
                        selection.address,
                        selection.placement.region_text_or("unknown region")
                    ),
                );
            }
            PlanTarget::Unknown => {}
        }
    }
}
