//! `backup-copy-same-region`: a copy action copies into the same region and account.

use super::{VaultTarget, copy_destinations, plan_rules, rule_vault};
use crate::region;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "backup-copy-same-region",
        family: Family::Backup,
        severity: Severity::Medium,
        title: "Backup copy action copies into the same region and account",
        rationale: "A `copy_action` whose destination vault is in the same region and account as the rule's target vault doubles the storage cost and protects against nothing a region outage or an account compromise would cause. (A copy to another account in the same region is a deliberate design and not this finding.)",
        remediation: "Point `destination_vault_arn` at a vault in another region (created with the backup-region provider), or in another account.",
        example: r#"copy_action {
  destination_vault_arn = aws_backup_vault.dr.arn # provider = aws.dr, another region
}"#,
        opt_in: false,
        reads: &["aws_backup_plan", "aws_backup_vault"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    let account = ctx.own_account();
    for plan in ctx.managed("aws_backup_plan") {
        for (i, rule) in plan_rules(plan).into_iter().enumerate() {
            // Known, or unknown but shared through one provider configuration
            // (a CloudFormation stack's region): surely the same, or not judged.
            let source = match rule_vault(ctx, plan, i, rule) {
                VaultTarget::Vault(v) => &v.placement,
                _ => &plan.placement,
            };
            let name = super::rule_name(rule);
            for d in copy_destinations(ctx, plan, i, rule) {
                if region::same_region(source, &d.placement()) != Some(true) {
                    continue;
                }
                // Same account: a vault of this configuration with the plan's provider account,
                // or a literal ARN of the known caller account.
                let same_account = match (d.vault, &d.account) {
                    (Some(v), _) => {
                        ctx.provider_of(v).map(|p| &p.account_hint)
                            == ctx.provider_of(plan).map(|p| &p.account_hint)
                    }
                    (None, Some(acct)) => {
                        account.as_deref() == Some(acct.as_str())
                            || crate::model::is_own_account(acct)
                    }
                    (None, None) => false,
                };
                if !same_account {
                    continue;
                }
                // A region not known here is the same one all the same.
                let (place, whatever) = if d.region == crate::model::Region::Unknown {
                    (String::new(), " (whatever region that is)")
                } else {
                    (format!(" in {}", d.region_text), "")
                };
                let finding = out.report(
                    plan,
                    format!(
                        "rule `{name}` of `{}` copies to {}{place}, the same region and account as its target vault{whatever}: the copy survives no regional outage",
                        plan.address, d.label
                    ),
                );
                if let Some(v) = d.vault {
                    finding.related(v, "destination vault");
                }
            }
        }
    }
}
