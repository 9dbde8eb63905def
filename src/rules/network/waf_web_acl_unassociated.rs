//! `waf-web-acl-unassociated`: a WAF web ACL that protects nothing.

use crate::model::{Region, Resource, Value};
use crate::rules::context::{Context, path_matches};
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "waf-web-acl-unassociated",
        family: Family::Network,
        severity: Severity::High,
        title: "WAF web ACL protects nothing",
        rationale: "A web ACL filters only the resources it is associated with. A `REGIONAL` ACL without an `aws_wafv2_web_acl_association` (or associated with a load balancer in another region, which fails) leaves the application unprotected while the ACL looks deployed. A `CLOUDFRONT` ACL must be created in us-east-1 and named by a distribution's `web_acl_id`.",
        remediation: "Associate a REGIONAL ACL with its load balancer, API Gateway stage or AppSync API in the same region; create CLOUDFRONT ACLs with a us-east-1 provider and set the distribution's `web_acl_id` to the ACL's ARN.",
        example: r#"resource "aws_wafv2_web_acl_association" "alb" {
  resource_arn = aws_lb.app.arn
  web_acl_arn  = aws_wafv2_web_acl.app.arn
}"#,
        opt_in: false,
        reads: &[
            "aws_wafv2_web_acl",
            "aws_wafv2_web_acl_association",
            "aws_cloudfront_distribution",
        ],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for acl in ctx.managed("aws_wafv2_web_acl") {
        let Some(scope) = acl.attr("scope").and_then(Value::as_str) else {
            continue;
        };
        if scope.eq_ignore_ascii_case("CLOUDFRONT") {
            cloudfront(ctx, out, acl);
        } else {
            regional(ctx, out, acl);
        }
    }
}

/// Association resources (and literal ARN matches) that name the ACL.
fn users<'m>(ctx: &Context<'m>, acl: &'m Resource, r#type: &str, attr: &str) -> Vec<&'m Resource> {
    let mut found: Vec<&Resource> = ctx
        .referrers(acl)
        .into_iter()
        .filter(|(u, r)| u.r#type == r#type && path_matches(&r.attr, attr))
        .map(|(u, _)| u)
        .collect();
    if let Some(arn) = acl.attr("arn").and_then(Value::as_str) {
        found.extend(
            ctx.of_type(r#type)
                .filter(|u| u.attr(attr).and_then(Value::as_str) == Some(arn)),
        );
    }
    found
}

fn regional<'m>(ctx: &Context<'m>, out: &mut Findings, acl: &'m Resource) {
    let associations = users(ctx, acl, "aws_wafv2_web_acl_association", "web_acl_arn");
    // A literal or unknown web_acl_arn may name this ACL: never judged absent then.
    let unresolved = ctx
        .managed("aws_wafv2_web_acl_association")
        .any(|a| !ctx.has_ref(a, "web_acl_arn") && a.attr_not_known("web_acl_arn"));
    if associations.is_empty() {
        if !unresolved {
            out.report(acl, format!("`{}` ({}) is REGIONAL but no `aws_wafv2_web_acl_association` uses it: it protects nothing", acl.address, acl.placement.region_text()));
        }
        return;
    }
    let Region::Known(here) = &acl.placement.region else {
        return;
    };
    let mut in_region = false;
    let mut elsewhere: Vec<&Resource> = Vec::new();
    for assoc in &associations {
        let targets = ctx.targets(assoc, "resource_arn");
        let regions: Vec<&Region> = if targets.is_empty() {
            vec![&assoc.placement.region]
        } else {
            targets.iter().map(|t| &t.placement.region).collect()
        };
        for r in regions {
            match r {
                Region::Known(r) if r != here => elsewhere.push(assoc),
                _ => in_region = true,
            }
        }
    }
    if !in_region && let Some(first) = elsewhere.first() {
        out.report(
            acl,
            format!("`{}` ({here}) is associated only through `{}`, whose target is in another region: the association fails and the ACL protects nothing", acl.address, first.address, here = acl.placement.region_text()),
        )
        .related(first, "association");
    }
}

fn cloudfront<'m>(ctx: &Context<'m>, out: &mut Findings, acl: &'m Resource) {
    if let Region::Known(api) = &acl.placement.api_region
        && api != "us-east-1"
    {
        out.report(acl, format!("`{}` has scope CLOUDFRONT but is created through a provider in {api}: CloudFront web ACLs exist only in us-east-1", acl.address));
        return;
    }
    let distributions = users(ctx, acl, "aws_cloudfront_distribution", "web_acl_id");
    let unresolved = ctx
        .managed("aws_cloudfront_distribution")
        .any(|d| !ctx.has_ref(d, "web_acl_id") && d.attr_not_known("web_acl_id"));
    if distributions.is_empty() && !unresolved {
        out.report(acl, format!("`{}` has scope CLOUDFRONT but no `aws_cloudfront_distribution` sets `web_acl_id` to it: it protects nothing", acl.address));
    }
}
