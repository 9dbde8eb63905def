//! `cross-region-reference`: a regional resource uses, through a same-region attribute, a resource in another region.

use crate::model::value::Text;
use crate::model::{Region, Resource, Value};
use crate::region;
use crate::rules::context::{Context, KMS, normalize_path, path_matches};
use crate::rules::finding::Findings;
use crate::rules::meta::{EVERY_TYPE, Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "cross-region-reference",
        family: Family::Region,
        severity: Severity::High,
        title: "Resource references a resource in another region through a same-region attribute",
        rationale: "VPCs, subnets, security groups, load balancers, target groups, log groups, SNS topics and SQS queues can only be used by resources in their own region. A reference across providers (or a literal ARN from another region) plans fine and fails at apply, or silently sends nothing.",
        remediation: "Reference the resource of the same region: create one per region with that region's provider, or move the referring resource to the provider of the one it uses.",
        example: r#"resource "aws_instance" "app" {
  provider  = aws.eu
  subnet_id = aws_subnet.eu_private.id # a subnet created with aws.eu
}"#,
        opt_in: false,
        reads: EVERY_TYPE,
    },
    check: Check::Builtin(check),
};

/// Attribute names (the last path segment) that must name something in the resource's own region.
const SAME_REGION_ATTRS: &[&str] = &[
    "vpc_id",
    "subnet_id",
    "subnet_ids",
    "subnets",
    "security_group_id",
    "security_group_ids",
    "security_groups",
    "vpc_security_group_ids",
    "source_security_group_id",
    "referenced_security_group_id",
    "target_group_arn",
    "target_group_arns",
    "load_balancer_arn",
    "listener_arn",
    "log_group_name",
    "log_group_arn",
    "cloud_watch_logs_group_arn",
    "cloudwatch_log_group_arn",
    "sns_topic_arn",
    "topic_arn",
    "queue_url",
    "queue_arn",
    "db_subnet_group_name",
    "route_table_id",
    "internet_gateway_id",
    "nat_gateway_id",
    "transit_gateway_id",
    "network_interface_id",
    "allocation_id",
    "egress_only_gateway_id",
    "vpc_endpoint_id",
    "alarm_actions",
    "ok_actions",
    "insufficient_data_actions",
];

/// (type, attribute) pairs that legitimately cross regions.
const CROSS_REGION_BY_DESIGN: &[(&str, &str)] = &[
    ("aws_vpc_peering_connection", "peer_vpc_id"),
    ("aws_route53_zone", "vpc.vpc_id"),
    ("aws_route53_zone_association", "vpc_id"),
    ("aws_route53_vpc_association_authorization", "vpc_id"),
    ("aws_sns_topic_subscription", "endpoint"),
    (
        "aws_s3_bucket_replication_configuration",
        "rule.destination.bucket",
    ),
];

/// A target whose region is known; KMS keys are `kms-cross-region-reference`'s to judge.
fn is_regional_target(res: &Resource) -> bool {
    matches!(res.placement.region, Region::Known(_)) && !res.r#type.starts_with("aws_kms_")
}

fn check(ctx: &Context, out: &mut Findings) {
    for res in ctx.resources() {
        let Some(here) = super::regional(res) else {
            continue;
        };
        // The region as messages show it: `(sensitive)` when it came from a marked value.
        let shown = res.placement.region_text();
        let key_attrs = KMS.resources.get(res.r#type.as_str());
        let judged = |attr: &str| {
            let path = normalize_path(attr);
            let last = path.rsplit('.').next().unwrap_or(&path);
            SAME_REGION_ATTRS.contains(&last)
                && !CROSS_REGION_BY_DESIGN
                    .iter()
                    .any(|(t, a)| *t == res.r#type && path_matches(&path, a))
                && !key_attrs.is_some_and(|attrs| attrs.iter().any(|a| path_matches(&path, a)))
        };
        let mut seen: Vec<(String, String)> = Vec::new();
        for r in res.refs.iter().filter(|r| judged(&r.attr)) {
            let targets: Vec<&Resource> = ctx.model.lookup(&r.target).collect();
            // One reference to several instances: fine if any is in this region.
            if targets.len() > 1
                && targets
                    .iter()
                    .any(|t| t.placement.region.name() == Some(here))
            {
                continue;
            }
            for target in targets {
                if !is_regional_target(target) || target.placement.region.name() == Some(here) {
                    continue;
                }
                let pair = (normalize_path(&r.attr), target.address.clone());
                if seen.contains(&pair) {
                    continue;
                }
                seen.push(pair.clone());
                out.report(
                    res,
                    format!(
                        "`{}` ({shown}) references `{}` ({}) in `{}`: it must be in the same region",
                        res.address,
                        target.address,
                        target.placement.region_text(),
                        pair.0
                    ),
                )
                .related(target, "referenced resource");
            }
        }
        // Literal ARNs with a region in same-region attributes.
        for (name, value) in &res.attrs {
            literal_arns(name, value, &mut |path, shown_path, arn| {
                if !judged(path)
                    || res
                        .refs
                        .iter()
                        .any(|r| normalize_path(&r.attr) == normalize_path(path))
                {
                    return;
                }
                if let Some(region) = region::of_arn(arn.as_str())
                    && region != here
                {
                    let region = arn.derive(region);
                    out.report(
                        res,
                        format!("`{}` ({shown}) uses `{arn}` ({region}) in `{}`: it must be in the same region", res.address, normalize_path(shown_path)),
                    );
                }
            });
        }
    }
}

/// Literal ARNs under `value`, each marked as the value it came from, with
/// its path and the path as a message quotes it.
fn literal_arns(path: &str, value: &Value, f: &mut dyn FnMut(&str, &str, &Text)) {
    crate::rules::context::each_leaf(path, value, &mut |path, shown, leaf| {
        if let Value::String(s) = leaf.unmarked()
            && s.starts_with("arn:")
        {
            f(path, shown, &Text::new(s.as_str(), leaf.has_sensitive()));
        }
    });
}
