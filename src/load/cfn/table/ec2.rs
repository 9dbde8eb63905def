//! Amazon EC2 (EBS volumes).

use super::{Row, TAGS, flag, p};

pub const ROWS: &[Row] = &[Row {
    cfn: "AWS::EC2::Volume",
    terraform: "aws_ebs_volume",
    properties: &[
        flag("Encrypted", "encrypted"),
        p("KmsKeyId", "kms_key_id"),
        p("AvailabilityZone", "availability_zone"),
        TAGS,
    ],
}];
