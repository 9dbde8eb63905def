//! Amazon Route 53: hosted zones (private when they name VPCs), health checks and records,
//! alone or several in an `AWS::Route53::RecordSetGroup`, each of which is
//! one `aws_route53_record` (`super::ONE_PER_ELEMENT`).

use super::{Convert, Property, Row, blocks, flag, in_block, p};

/// One record set: `AWS::Route53::RecordSet`'s properties, and those of each
/// element of a group's `RecordSets` (over the group's `HostedZoneId`).
const RECORD_SET: &[Property] = &[
    p("HostedZoneId", "zone_id"),
    p("Name", "name"),
    p("Type", "type"),
    p("ResourceRecords", "records"),
    p("TTL", "ttl"),
    p("SetIdentifier", "set_identifier"),
    in_block("Failover", "failover_routing_policy", "type"),
    p("HealthCheckId", "health_check_id"),
    blocks(
        "AliasTarget",
        "alias",
        &[
            p("DNSName", "name"),
            p("HostedZoneId", "zone_id"),
            flag("EvaluateTargetHealth", "evaluate_target_health"),
        ],
    ),
];

pub const ROWS: &[Row] = &[
    Row {
        cfn: "AWS::Route53::HostedZone",
        terraform: "aws_route53_zone",
        properties: &[
            p("Name", "name"),
            blocks(
                "VPCs",
                "vpc",
                &[p("VPCId", "vpc_id"), p("VPCRegion", "vpc_region")],
            ),
            Property {
                path: "HostedZoneTags",
                attr: "tags",
                convert: Convert::Tags,
            },
        ],
    },
    // Records name it by `HealthCheckId: !Ref Check`; no rule reads its own settings.
    Row {
        cfn: "AWS::Route53::HealthCheck",
        terraform: "aws_route53_health_check",
        properties: &[],
    },
    Row {
        cfn: "AWS::Route53::RecordSet",
        terraform: "aws_route53_record",
        properties: RECORD_SET,
    },
    Row {
        cfn: "AWS::Route53::RecordSetGroup",
        terraform: "aws_route53_record",
        properties: RECORD_SET,
    },
];
