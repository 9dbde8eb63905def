//! `iam-logs-arn-without-stream-wildcard`: log stream actions granted on a log group ARN without `:*`.

use super::policy_documents;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "iam-logs-arn-without-stream-wildcard",
        family: Family::Identity,
        severity: Severity::Low,
        title: "Log stream actions granted on a log group ARN without `:*`",
        rationale: "`logs:CreateLogStream` and `logs:PutLogEvents` act on log streams, whose ARNs are `<log group ARN>:log-stream:<name>`. A grant on the bare log group ARN (`aws_cloudwatch_log_group.x.arn`) matches no stream, so writing logs fails with AccessDenied.",
        remediation: "Grant the stream actions on `\"${aws_cloudwatch_log_group.x.arn}:*\"`.",
        example: r#"statement {
  actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
  resources = ["${aws_cloudwatch_log_group.app.arn}:*"]
}"#,
        opt_in: false,
        reads: super::POLICY_HOLDER_TYPES,
    },
    check: Check::Builtin(check),
};

const STREAM_ACTIONS: &[&str] = &["logs:CreateLogStream", "logs:PutLogEvents"];

fn check(ctx: &Context, out: &mut Findings) {
    for (holder, _, _, doc) in policy_documents(ctx) {
        let mut bare: Vec<&crate::model::value::Text> = Vec::new();
        for s in doc.statements.iter().filter(|s| s.allow && !s.unknown) {
            let actions: Vec<&&str> = STREAM_ACTIONS
                .iter()
                .filter(|a| s.actions.iter().any(|p| p.as_str().eq_ignore_ascii_case(a)))
                .collect();
            if actions.is_empty() {
                continue;
            }
            for r in &s.resources {
                if is_bare_log_group(r.as_str()) && !bare.contains(&r) {
                    bare.push(r);
                }
            }
        }
        if !bare.is_empty() {
            out.report(
                holder,
                format!(
                    "`{}` grants `logs:CreateLogStream` / `logs:PutLogEvents` on {} without `:*`: the grant matches no log stream",
                    holder.address,
                    bare.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
}

/// A log group ARN that names no stream: `arn:aws:logs:…:log-group:NAME` or `${aws_cloudwatch_log_group.x.arn}`.
fn is_bare_log_group(resource: &str) -> bool {
    if resource.ends_with('*') {
        return false;
    }
    let reference = resource.starts_with("${")
        && resource.ends_with(".arn}")
        && resource.contains("aws_cloudwatch_log_group.");
    let literal = resource.starts_with("arn:")
        && resource.contains(":log-group:")
        && !resource.contains(":log-stream:");
    reference || literal
}
