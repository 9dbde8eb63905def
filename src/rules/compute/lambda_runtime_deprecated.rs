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
        rationale: "After a runtime's deprecation date AWS stops security patches for it; later, creating and then updating functions on it is blocked, so a fix cannot even be deployed. The dates are data (`policies/lambda-runtimes.json`: each runtime's deprecation, create-block and update-block dates from AWS's table, and the day the list was last refreshed). The rule fires once the deprecation date is on or before the day of the check: today in UTC, unless the environment variable `TFWARD_TODAY=YYYY-MM-DD` sets another day.",
        remediation: "Move the function to a supported runtime of the same language (e.g. python3.12, nodejs22.x, java21, dotnet10, ruby3.4, provided.al2023).",
        example: r#"resource "aws_lambda_function" "fn" {
  # ...
  runtime = "python3.12"
}"#,
        opt_in: false,
        reads: &["aws_lambda_function"],
    },
    check: Check::Builtin(check),
};

/// `policies/lambda-runtimes.json`: each runtime's AWS lifecycle dates (`YYYY-MM-DD`).
#[derive(serde::Deserialize)]
struct RuntimeTable {
    runtimes: BTreeMap<String, Lifecycle>,
}

#[derive(serde::Deserialize)]
struct Lifecycle {
    deprecated: String,
    /// When AWS stops creating functions on the runtime, once announced.
    block_create: Option<String>,
    /// When AWS stops updating them, once announced.
    block_update: Option<String>,
}

static RUNTIMES: LazyLock<RuntimeTable> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../policies/lambda-runtimes.json"))
        .expect("policies/lambda-runtimes.json is valid")
});

fn check(ctx: &Context, out: &mut Findings) {
    let today = ctx.policy.today.as_str();
    for function in ctx.managed("aws_lambda_function") {
        let Some(runtime) = function.attr("runtime").and_then(Value::quoted) else {
            continue;
        };
        let Some(lifecycle) = RUNTIMES.runtimes.get(runtime.as_str()) else {
            continue;
        };
        if lifecycle.deprecated.as_str() <= today {
            out.report(
                function,
                format!(
                    "`{}` uses `{runtime}`, deprecated since {}{}",
                    function.address,
                    lifecycle.deprecated,
                    blocks(lifecycle, today)
                ),
            );
        }
    }
}

/// "; AWS blocks creating functions with it from …, and updating them from …",
/// in the past tense for a day already gone; empty when no date is known.
fn blocks(lifecycle: &Lifecycle, today: &str) -> String {
    let tense = |day: &str| {
        if day <= today {
            ("has blocked", "since")
        } else {
            ("blocks", "from")
        }
    };
    let mut clauses = Vec::new();
    let mut create_verb = None;
    if let Some(day) = &lifecycle.block_create {
        let (verb, preposition) = tense(day);
        clauses.push(format!(
            "{verb} creating functions with it {preposition} {day}"
        ));
        create_verb = Some(verb);
    }
    if let Some(day) = &lifecycle.block_update {
        let (verb, preposition) = tense(day);
        clauses.push(match create_verb {
            Some(same) if same == verb => format!("updating them {preposition} {day}"),
            Some(_) => format!("{verb} updating them {preposition} {day}"),
            None => format!("{verb} updating functions with it {preposition} {day}"),
        });
    }
    if clauses.is_empty() {
        String::new()
    } else {
        format!("; AWS {}", clauses.join(", and "))
    }
}

#[cfg(test)]
mod tests {
    use super::{Lifecycle, RUNTIMES, blocks};
    use crate::policy::parse_day;

    fn lifecycle(create: Option<&str>, update: Option<&str>) -> Lifecycle {
        Lifecycle {
            deprecated: "2025-12-15".into(),
            block_create: create.map(String::from),
            block_update: update.map(String::from),
        }
    }

    #[test]
    fn the_message_says_when_creation_and_updates_are_blocked() {
        let both = lifecycle(Some("2027-02-01"), Some("2027-03-03"));
        assert_eq!(
            blocks(&both, "2026-12-03"),
            "; AWS blocks creating functions with it from 2027-02-01, and updating them from 2027-03-03"
        );
        assert_eq!(
            blocks(&both, "2027-02-01"),
            "; AWS has blocked creating functions with it since 2027-02-01, and blocks updating them from 2027-03-03"
        );
        assert_eq!(
            blocks(&both, "2028-01-01"),
            "; AWS has blocked creating functions with it since 2027-02-01, and updating them since 2027-03-03"
        );
        assert_eq!(
            blocks(&lifecycle(None, Some("2027-03-03")), "2026-12-03"),
            "; AWS blocks updating functions with it from 2027-03-03"
        );
        assert_eq!(
            blocks(&lifecycle(Some("2027-02-01"), None), "2026-12-03"),
            "; AWS blocks creating functions with it from 2027-02-01"
        );
        assert_eq!(blocks(&lifecycle(None, None), "2026-12-03"), "");
    }

    #[test]
    fn every_date_in_the_table_is_a_day() {
        let table: serde_json::Value =
            serde_json::from_str(include_str!("../../../policies/lambda-runtimes.json"))
                .expect("valid JSON");
        for key in ["updated_at", "source"] {
            assert!(table[key].is_string(), "{key}");
        }
        assert!(parse_day(table["updated_at"].as_str().unwrap_or_default()).is_some());
        assert!(!RUNTIMES.runtimes.is_empty());
        for (runtime, l) in &RUNTIMES.runtimes {
            for day in [
                Some(&l.deprecated),
                l.block_create.as_ref(),
                l.block_update.as_ref(),
            ]
            .into_iter()
            .flatten()
            {
                assert!(parse_day(day).is_some(), "{runtime}: {day}");
            }
        }
    }

    /// The catalogue's examples (RULES.md) as of 2026-12-03, where AWS's current table agrees.
    #[test]
    fn deprecated_as_of_2026_12_03() {
        let deprecated = |runtime: &str| {
            RUNTIMES
                .runtimes
                .get(runtime)
                .is_some_and(|l| l.deprecated.as_str() <= "2026-12-03")
        };
        for runtime in [
            "python3.10",
            "python3.9",
            "python2.7",
            "nodejs20.x",
            "nodejs18.x",
            "nodejs",
            "ruby3.2",
            "ruby2.5",
            "java8",
            "dotnet8",
            "dotnet6",
            "dotnetcore1.0",
            "go1.x",
            "provided",
            "provided.al2",
        ] {
            assert!(deprecated(runtime), "{runtime} should be deprecated");
        }
        for runtime in [
            "python3.12",
            "python3.14",
            "nodejs22.x",
            "nodejs24.x",
            "ruby3.3",
            "java21",
            "java25",
            "dotnet10",
            "provided.al2023",
        ] {
            assert!(!deprecated(runtime), "{runtime} should be supported");
        }
        assert_eq!(RUNTIMES.runtimes["python3.9"].deprecated, "2025-12-15");
        assert_eq!(RUNTIMES.runtimes["nodejs18.x"].deprecated, "2025-09-01");
        assert_eq!(RUNTIMES.runtimes["nodejs20.x"].deprecated, "2026-04-30");
    }
}
