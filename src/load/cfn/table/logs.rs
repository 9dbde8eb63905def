//! CloudWatch Logs.

use super::{Row, TAGS, p};

pub const ROWS: &[Row] = &[Row {
    cfn: "AWS::Logs::LogGroup",
    terraform: "aws_cloudwatch_log_group",
    properties: &[
        p("LogGroupName", "name"),
        p("KmsKeyId", "kms_key_id"),
        p("RetentionInDays", "retention_in_days"),
        TAGS,
    ],
}];
