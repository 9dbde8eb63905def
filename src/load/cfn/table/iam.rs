//! IAM: policies and roles.

use super::{Convert, Property, Row, TAGS, p, policy};

pub const ROWS: &[Row] = &[
    // An inline policy embedded in the roles (users, groups) it names, as
    // Terraform's `aws_iam_role_policy`: rules find a role's permissions
    // through the policies whose `role` refers to it.
    Row {
        cfn: "AWS::IAM::Policy",
        terraform: "aws_iam_role_policy",
        properties: &[
            p("PolicyName", "name"),
            policy("PolicyDocument", "policy"),
            p("Roles", "role"),
        ],
    },
    Row {
        cfn: "AWS::IAM::RolePolicy",
        terraform: "aws_iam_role_policy",
        properties: &[
            p("PolicyName", "name"),
            policy("PolicyDocument", "policy"),
            p("RoleName", "role"),
        ],
    },
    Row {
        cfn: "AWS::IAM::ManagedPolicy",
        terraform: "aws_iam_policy",
        properties: &[
            p("ManagedPolicyName", "name"),
            policy("PolicyDocument", "policy"),
        ],
    },
    Row {
        cfn: "AWS::IAM::Role",
        terraform: "aws_iam_role",
        properties: &[
            p("RoleName", "name"),
            policy("AssumeRolePolicyDocument", "assume_role_policy"),
            Property {
                path: "Policies",
                attr: "inline_policy",
                convert: Convert::InlinePolicies,
            },
            p("ManagedPolicyArns", "managed_policy_arns"),
            TAGS,
        ],
    },
];
