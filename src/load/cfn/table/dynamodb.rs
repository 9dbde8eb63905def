//! Amazon DynamoDB: tables and global tables.

use super::{Property, Row, TAGS, blocks, flag, p};

const SERVER_SIDE_ENCRYPTION: &[Property] = &[
    flag("SSEEnabled", "enabled"),
    p("KMSMasterKeyId", "kms_key_arn"),
];

const POINT_IN_TIME_RECOVERY: &[Property] = &[flag("PointInTimeRecoveryEnabled", "enabled")];

pub const ROWS: &[Row] = &[
    Row {
        cfn: "AWS::DynamoDB::Table",
        terraform: "aws_dynamodb_table",
        properties: &[
            p("TableName", "name"),
            blocks(
                "SSESpecification",
                "server_side_encryption",
                SERVER_SIDE_ENCRYPTION,
            ),
            blocks(
                "PointInTimeRecoverySpecification",
                "point_in_time_recovery",
                POINT_IN_TIME_RECOVERY,
            ),
            TAGS,
        ],
    },
    // Each replica, the stack's own region's too, is a `replica` block naming
    // its region's key, as the KMS replica check reads them; the key is per
    // replica, so the table-wide block says only whether SSE is on.
    Row {
        cfn: "AWS::DynamoDB::GlobalTable",
        terraform: "aws_dynamodb_table",
        properties: &[
            p("TableName", "name"),
            blocks(
                "SSESpecification",
                "server_side_encryption",
                &[flag("SSEEnabled", "enabled")],
            ),
            blocks(
                "Replicas",
                "replica",
                &[
                    p("Region", "region_name"),
                    p("SSESpecification.KMSMasterKeyId", "kms_key_arn"),
                    blocks(
                        "PointInTimeRecoverySpecification",
                        "point_in_time_recovery",
                        POINT_IN_TIME_RECOVERY,
                    ),
                ],
            ),
        ],
    },
];
