//! Amazon SQS.

use super::{Row, TAGS, p};

pub const ROWS: &[Row] = &[Row {
    cfn: "AWS::SQS::Queue",
    terraform: "aws_sqs_queue",
    properties: &[
        p("QueueName", "name"),
        p("KmsMasterKeyId", "kms_master_key_id"),
        TAGS,
    ],
}];
