//! Amazon EC2: EBS volumes and subnets.

use super::{Row, TAGS, flag, p};

pub const ROWS: &[Row] = &[
    Row {
        cfn: "AWS::EC2::Volume",
        terraform: "aws_ebs_volume",
        properties: &[
            flag("Encrypted", "encrypted"),
            p("KmsKeyId", "kms_key_id"),
            p("AvailabilityZone", "availability_zone"),
            TAGS,
        ],
    },
    Row {
        cfn: "AWS::EC2::Subnet",
        terraform: "aws_subnet",
        properties: &[
            p("AvailabilityZone", "availability_zone"),
            p("VpcId", "vpc_id"),
            p("CidrBlock", "cidr_block"),
            TAGS,
        ],
    },
];
