//! `lambda-runtime-deprecated`: a Lambda function on a runtime AWS has deprecated.

use crate::model::Value;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};
use std::collections::BTreeMap;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "lambda-runtime-deprecated",
        family: Family::Compute,
        severity: Severity::Medium,
        title: "Lambda function uses a deprecated runtime",
        rationale: "After a runtime's deprecation date AWS stops security patches for it; later, creating and then updating functions on it is blocked, so a fix cannot even be deployed. The list is data (`policies/lambda-runtimes.json`) with the date it was last checked.",
        remediation: "Move the function to a supported runtime of the same language (e.g. python3.12, nodejs22.x, java21, dotnet10, ruby3.4, provided.al2023).",
        example: r#"resource "aws_lambda_function" "fn" {
  # ...
  runtime = "python3.12"
}"#,
        opt_in: false,
    },
    check: Check::Builtin(check),
};

#[derive(serde::Deserialize)]
struct RuntimeTable {
    deprecated: BTreeMap<String, String>,
}

static RUNTIMES: LazyLock<RuntimeTable> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../policies/lambda-runtimes.json"))
        .expect("policies/lambda-runtimes.json is valid")
});

fn check(ctx: &Context, out: &mut Findings) {
    for function in ctx.managed("aws_lambda_function") {
        let Some(runtime) = function.attr("runtime").and_then(Value::quoted) else {
            continue;
        };
        if let Some(date) = RUNTIMES.deprecated.get(runtime.as_str()) {
            out.report(
                function,
                format!(
                    "`{}` runs on `{runtime}`, deprecated by AWS since {date}",
                    function.address
                ),
            );
        }
    }
}
