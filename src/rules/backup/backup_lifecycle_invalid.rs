//! `backup-lifecycle-invalid`: a lifecycle deletes recovery points too early.

use crate::model::Value;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "backup-lifecycle-invalid",
        family: Family::Backup,
        severity: Severity::Low,
        title: "Backup lifecycle deletes recovery points before the allowed minimum",
        rationale: "Recovery points moved to cold storage must stay there at least 90 days, so AWS rejects a `delete_after` shorter than `cold_storage_after` + 90. A retention below the policy's minimum keeps backups for less time than the team committed to.",
        remediation: "Set `delete_after` to at least `cold_storage_after` + 90 days, and at least the policy's `min_retention_days`.",
        example: r#"lifecycle {
  cold_storage_after = 30
  delete_after       = 120 # >= 30 + 90
}"#,
        opt_in: false,
        reads: &["aws_backup_plan"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    let min = ctx.policy.min_retention_days;
    for plan in ctx.managed("aws_backup_plan") {
        for rule in super::plan_rules(plan) {
            let name = super::rule_name(rule);
            let mut places: Vec<(String, &crate::model::value::Map)> = Vec::new();
            for lc in rule.get("lifecycle").map(Value::blocks).unwrap_or_default() {
                places.push((format!("rule `{name}`"), lc));
            }
            for copy in rule
                .get("copy_action")
                .map(Value::blocks)
                .unwrap_or_default()
            {
                for lc in copy.get("lifecycle").map(Value::blocks).unwrap_or_default() {
                    places.push((format!("the copy action of rule `{name}`"), lc));
                }
            }
            for (place, lc) in places {
                let Some(delete) = lc.get("delete_after").and_then(Value::as_f64) else {
                    continue;
                };
                let cold = lc
                    .get("cold_storage_after")
                    .and_then(Value::as_f64)
                    .filter(|c| *c > 0.0);
                if let Some(cold) = cold
                    && delete < cold + 90.0
                {
                    out.report(
                        plan,
                        format!(
                            "{place} of `{}` deletes after {delete} days but moves to cold storage after {cold}: `delete_after` must be at least {}",
                            plan.address,
                            cold + 90.0
                        ),
                    );
                } else if min > 0.0 && delete < min {
                    out.report(
                        plan,
                        format!("{place} of `{}` keeps recovery points {delete} days, below the policy's minimum of {min}", plan.address),
                    );
                }
            }
        }
    }
}
