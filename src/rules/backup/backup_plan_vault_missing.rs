//! `backup-plan-vault-missing`: a plan rule targets a vault that does not exist, or one in another region.

use super::{VaultTarget, plan_rules, rule_vault};
use crate::model::Region;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "backup-plan-vault-missing",
        family: Family::Backup,
        severity: Severity::High,
        title: "Backup plan rule targets a vault that is not defined or is in another region",
        rationale: "A backup rule writes recovery points to `target_vault_name`, which AWS looks up in the plan's own region. A vault that is not defined (and is not AWS's `Default` vault), or that lives in another region, makes the plan fail to create or every backup job fail.",
        remediation: "Point `target_vault_name` at a vault created in the same region as the plan, by reference (`aws_backup_vault.x.name`), and create the plan and vault with the same provider.",
        example: r#"resource "aws_backup_plan" "daily" {
  provider = aws.dr
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.dr.name # same provider as the plan
    schedule          = "cron(0 5 * * ? *)"
  }
}"#,
        opt_in: false,
        reads: &["aws_backup_plan", "aws_backup_vault"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for plan in ctx.managed("aws_backup_plan") {
        let plan_region = &plan.placement.region;
        for (i, rule) in plan_rules(plan).into_iter().enumerate() {
            let name = super::rule_name(rule);
            match rule_vault(ctx, plan, i, rule) {
                VaultTarget::Vault(vault) => {
                    let vault_region = &vault.placement.region;
                    if let (Region::Known(p), Region::Known(v)) = (plan_region, vault_region)
                        && p != v
                    {
                        out.report(
                            plan,
                            format!(
                                "rule `{name}` of `{}` ({p}) targets vault `{}` ({v}): a plan can only use a vault in its own region",
                                plan.address, vault.address
                            ),
                        )
                        .related(vault, "vault");
                    }
                }
                VaultTarget::Missing(vault_name) => {
                    out.report(
                        plan,
                        format!(
                            "rule `{name}` of `{}` ({}) targets vault `{vault_name}`, which is not defined in this configuration",
                            plan.address,
                            plan.placement.region_text_or("unknown region")
                        ),
                    );
                }
                VaultTarget::Unknown => {}
            }
        }
    }
}
