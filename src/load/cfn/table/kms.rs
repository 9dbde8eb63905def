//! AWS KMS: keys, multi-Region replica keys and aliases.

use super::{Row, TAGS, flag, p, policy};

pub const ROWS: &[Row] = &[
    Row {
        cfn: "AWS::KMS::Key",
        terraform: "aws_kms_key",
        properties: &[
            flag("EnableKeyRotation", "enable_key_rotation"),
            policy("KeyPolicy", "policy"),
            p("KeySpec", "customer_master_key_spec"),
            p("KeyUsage", "key_usage"),
            flag("MultiRegion", "multi_region"),
            p("Description", "description"),
            TAGS,
        ],
    },
    Row {
        cfn: "AWS::KMS::ReplicaKey",
        terraform: "aws_kms_replica_key",
        properties: &[
            p("PrimaryKeyArn", "primary_key_arn"),
            policy("KeyPolicy", "policy"),
            flag("Enabled", "enabled"),
            p("Description", "description"),
            TAGS,
        ],
    },
    Row {
        cfn: "AWS::KMS::Alias",
        terraform: "aws_kms_alias",
        properties: &[p("AliasName", "name"), p("TargetKeyId", "target_key_id")],
    },
];
