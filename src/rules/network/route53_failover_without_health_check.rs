//! `route53-failover-without-health-check`: a failover record with no health check.

use crate::model::Value;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "route53-failover-without-health-check",
        family: Family::Network,
        severity: Severity::Medium,
        title: "Failover record has no health check",
        rationale: "Route 53 fails over only when it sees the primary as unhealthy. A failover record without `health_check_id` (or an alias with `evaluate_target_health`) is always healthy, so traffic never moves to the secondary region: the disaster-recovery design does nothing.",
        remediation: "Attach an `aws_route53_health_check` to the failover records through `health_check_id`, or use alias records with `evaluate_target_health = true`.",
        example: r#"resource "aws_route53_record" "primary" {
  # ...
  set_identifier  = "primary"
  health_check_id = aws_route53_health_check.primary.id
  failover_routing_policy {
    type = "PRIMARY"
  }
}"#,
        opt_in: false,
        reads: &["aws_route53_record"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for record in ctx.managed("aws_route53_record") {
        let Some(policy) = record
            .attr("failover_routing_policy")
            .map(Value::blocks)
            .and_then(|b| b.first().copied())
        else {
            continue;
        };
        if ctx.has_ref(record, "health_check_id")
            || record.attr("health_check_id").is_some_and(|v| !v.is_null())
        {
            continue;
        }
        // Alias blocks known only after apply may evaluate their target's
        // health; an alias whose target is known only after apply (an ALB's
        // `dns_name`) says so itself in `evaluate_target_health`.
        let evaluates = record.attr("alias").is_some_and(Value::blocks_unknown)
            || ctx
                .values(record, "alias.evaluate_target_health")
                .iter()
                .any(|v| v.as_bool() != Some(false));
        if evaluates {
            continue;
        }
        let kind = policy
            .get("type")
            .and_then(Value::quoted)
            .unwrap_or_else(|| crate::model::value::Text::plain("failover"));
        out.report(record, format!("`{}` is a {kind} failover record without `health_check_id`: Route 53 never fails over", record.address));
    }
}
