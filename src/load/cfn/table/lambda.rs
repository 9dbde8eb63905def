//! AWS Lambda functions, and SAM's `AWS::Serverless::Function`, whose
//! properties default to the template's `Globals.Function` (`super::GLOBALS`).

use super::{Row, TAGS, p};

pub const ROWS: &[Row] = &[
    Row {
        cfn: "AWS::Lambda::Function",
        terraform: "aws_lambda_function",
        properties: &[
            p("FunctionName", "function_name"),
            p("Runtime", "runtime"),
            p("PackageType", "package_type"),
            p("KmsKeyArn", "kms_key_arn"),
            // The execution role's ARN, often written out with its account.
            p("Role", "role"),
            TAGS,
        ],
    },
    Row {
        cfn: "AWS::Serverless::Function",
        terraform: "aws_lambda_function",
        properties: &[
            p("FunctionName", "function_name"),
            p("Runtime", "runtime"),
            p("PackageType", "package_type"),
            p("KmsKeyArn", "kms_key_arn"),
            p("Role", "role"),
        ],
    },
];
