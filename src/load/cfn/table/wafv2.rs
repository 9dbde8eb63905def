//! AWS WAF (v2): web ACLs and their associations. A `CLOUDFRONT`-scope ACL is
//! global (`region.rs` reads `scope`), a `REGIONAL` one is in the stack's region.

use super::{Row, TAGS, p};

pub const ROWS: &[Row] = &[
    Row {
        cfn: "AWS::WAFv2::WebACL",
        terraform: "aws_wafv2_web_acl",
        properties: &[p("Name", "name"), p("Scope", "scope"), TAGS],
    },
    Row {
        cfn: "AWS::WAFv2::WebACLAssociation",
        terraform: "aws_wafv2_web_acl_association",
        properties: &[
            p("ResourceArn", "resource_arn"),
            p("WebACLArn", "web_acl_arn"),
        ],
    },
];
