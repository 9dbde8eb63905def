//! AWS Lambda functions, and SAM's `AWS::Serverless::Function`, whose
//! properties default to the template's `Globals.Function` (`super::GLOBALS`).

use super::{Property, Row, TAGS, p};

/// A function's properties, the same in both types but for `Tags`: a list of
/// `{Key, Value}` for Lambda, a map (as Terraform's `tags`) for SAM.
const fn function(tags: Property) -> [Property; 6] {
    [
        p("FunctionName", "function_name"),
        p("Runtime", "runtime"),
        p("PackageType", "package_type"),
        p("KmsKeyArn", "kms_key_arn"),
        // The execution role's ARN, often written out with its account.
        p("Role", "role"),
        tags,
    ]
}

const LAMBDA: [Property; 6] = function(TAGS);
const SAM: [Property; 6] = function(p("Tags", "tags"));

pub const ROWS: &[Row] = &[
    Row {
        cfn: "AWS::Lambda::Function",
        terraform: "aws_lambda_function",
        properties: &LAMBDA,
    },
    Row {
        cfn: "AWS::Serverless::Function",
        terraform: "aws_lambda_function",
        properties: &SAM,
    },
];
