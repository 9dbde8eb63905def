//! Amazon SNS: topics.

use super::{Row, TAGS, p};

pub const ROWS: &[Row] = &[Row {
    cfn: "AWS::SNS::Topic",
    terraform: "aws_sns_topic",
    properties: &[
        p("TopicName", "name"),
        p("KmsMasterKeyId", "kms_master_key_id"),
        TAGS,
    ],
}];
