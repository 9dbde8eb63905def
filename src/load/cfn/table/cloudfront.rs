//! Amazon CloudFront: distributions (global), as far as the web ACL they name.

use super::{Row, TAGS, p};

pub const ROWS: &[Row] = &[Row {
    cfn: "AWS::CloudFront::Distribution",
    terraform: "aws_cloudfront_distribution",
    // A WAFv2 ACL is named by its ARN here, as in Terraform's `web_acl_id`.
    properties: &[p("DistributionConfig.WebACLId", "web_acl_id"), TAGS],
}];
