//! Amazon EC2: EBS volumes, subnets, network ACLs and their entries.

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
    // Entries are separate resources, as `aws_network_acl_rule` is in Terraform.
    Row {
        cfn: "AWS::EC2::NetworkAcl",
        terraform: "aws_network_acl",
        properties: &[p("VpcId", "vpc_id"), TAGS],
    },
    Row {
        cfn: "AWS::EC2::NetworkAclEntry",
        terraform: "aws_network_acl_rule",
        properties: &[
            p("NetworkAclId", "network_acl_id"),
            p("RuleNumber", "rule_number"),
            flag("Egress", "egress"),
            // A protocol number, `-1` for all, as Terraform also accepts.
            p("Protocol", "protocol"),
            p("RuleAction", "rule_action"),
            p("CidrBlock", "cidr_block"),
            p("Ipv6CidrBlock", "ipv6_cidr_block"),
            p("PortRange.From", "from_port"),
            p("PortRange.To", "to_port"),
        ],
    },
];
