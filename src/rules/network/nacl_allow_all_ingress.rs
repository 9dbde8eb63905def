//! `nacl-allow-all-ingress`: a network ACL lets everything in from anywhere.

use crate::model::Value;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "nacl-allow-all-ingress",
        family: Family::Network,
        severity: Severity::Medium,
        title: "Network ACL allows all protocols or all ports from anywhere",
        rationale: "A network ACL is the subnet's stateless outer filter. An ingress rule allowing every protocol or every port from 0.0.0.0/0 or ::/0 turns it off, leaving security groups as the only barrier for everything in the subnet.",
        remediation: "Allow only the protocols and ports the subnet serves (and the ephemeral port range for return traffic) from the sources that need them.",
        example: r#"resource "aws_network_acl_rule" "https" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}"#,
        opt_in: false,
        reads: &[
            "aws_network_acl_rule",
            "aws_network_acl",
            "aws_default_network_acl",
        ],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for rule in ctx.managed("aws_network_acl_rule") {
        // An `egress` known only after apply may be an egress rule.
        if rule
            .attr("egress")
            .is_some_and(|v| v.as_bool() == Some(true) || !v.is_known())
        {
            continue;
        }
        if let Some(why) = allows_all(&rule.attrs, "rule_action", "cidr_block", "ipv6_cidr_block") {
            out.report(rule, format!("`{}` allows {why}", rule.address));
        }
    }
    for acl in ctx
        .managed("aws_network_acl")
        .chain(ctx.managed("aws_default_network_acl"))
    {
        for ingress in acl.attr("ingress").map(Value::blocks).unwrap_or_default() {
            if let Some(why) = allows_all(ingress, "action", "cidr_block", "ipv6_cidr_block") {
                out.report(
                    acl,
                    format!("`{}` has an ingress rule that allows {why}", acl.address),
                );
                break;
            }
        }
    }
}

/// "all protocols from 0.0.0.0/0" when the rule allows everything from anywhere.
fn allows_all(
    rule: &crate::model::value::Map,
    action: &str,
    cidr: &str,
    cidr6: &str,
) -> Option<String> {
    if !rule
        .get(action)
        .and_then(Value::as_str)
        .is_some_and(|a| a.eq_ignore_ascii_case("allow"))
    {
        return None;
    }
    let source = [cidr, cidr6]
        .iter()
        .filter_map(|k| rule.get(*k).and_then(Value::as_str))
        .find(|c| *c == "0.0.0.0/0" || *c == "::/0")?;
    let protocol = rule.get("protocol").and_then(|p| {
        p.as_str()
            .map(str::to_string)
            .or_else(|| p.as_f64().map(|n| n.to_string()))
    })?;
    if protocol == "-1" || protocol.eq_ignore_ascii_case("all") {
        return Some(format!("all protocols from {source}"));
    }
    let from = rule.get("from_port").and_then(Value::as_f64);
    let to = rule.get("to_port").and_then(Value::as_f64);
    match (from, to) {
        (Some(f), Some(t)) if f <= 0.0 && t >= 65535.0 => {
            Some(format!("all {protocol} ports from {source}"))
        }
        _ => None,
    }
}
