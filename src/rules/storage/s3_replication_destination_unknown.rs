//! `s3-replication-destination-unknown`: a replication destination names no bucket of the configuration, though one looks intended.

use super::{Destination, destinations, replications, source_bucket};
use crate::model::{Mode, Resource, Value};
use crate::rules::context::{Context, list_names};
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "s3-replication-destination-unknown",
        family: Family::Storage,
        severity: Severity::High,
        title: "S3 replication destination matches no bucket of the configuration",
        rationale: "A replication rule with a hardcoded destination ARN (`arn:aws:s3:::app-replica`) while the real destination bucket gets a generated name (`app-replica-<account>`, a `bucket_prefix`) replicates to a bucket that does not exist: the configuration fails at apply, or objects silently never replicate.",
        remediation: "Reference the destination bucket instead of writing its ARN: `bucket = aws_s3_bucket.replica.arn`.",
        example: r#"destination {
  bucket        = aws_s3_bucket.replica.arn # not "arn:aws:s3:::app-replica"
  storage_class = "STANDARD"
}"#,
        opt_in: false,
        reads: &["aws_s3_bucket", "aws_s3_bucket_replication_configuration"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for (repl, rules_path) in replications(ctx) {
        let source = source_bucket(ctx, repl);
        for (_, dest) in destinations(ctx, repl, rules_path) {
            let Destination::Unmatched(arn) = dest else {
                continue;
            };
            let wanted = arn
                .as_str()
                .rsplit(":::")
                .next()
                .unwrap_or(arn.as_str())
                .to_string();
            let candidates: Vec<&Resource> = ctx
                .managed("aws_s3_bucket")
                .filter(|b| {
                    source.is_none_or(|s| s.address != b.address) && b.mode == Mode::Managed
                })
                .filter(|b| looks_like(b, &wanted))
                .collect();
            // A destination in another stack is not judged: only when a bucket here looks intended.
            if candidates.is_empty() {
                continue;
            }
            let names: Vec<String> = candidates
                .iter()
                .map(|b| match b.attr("bucket").and_then(Value::quoted) {
                    Some(name) => format!("{} (`{name}`)", b.address),
                    None => format!("{} (generated name)", b.address),
                })
                .collect();
            let finding = out.report(
                repl,
                format!(
                    "`{}` replicates to `{arn}`, which matches no bucket of this configuration, while {} look{} like the intended destination",
                    repl.address,
                    list_names(names.iter().map(String::as_str), 3),
                    if candidates.len() == 1 { "s" } else { "" }
                ),
            );
            for b in candidates {
                finding.related(b, "likely destination");
            }
        }
    }
}

/// A bucket whose name is generated (unknown, `bucket_prefix`, an interpolation),
/// or shares a word of four letters or more with the wanted name.
fn looks_like(bucket: &Resource, wanted: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_ascii_lowercase)
            .collect()
    };
    let wanted_words = words(wanted);
    let name = bucket.attr("bucket");
    let text = match name.and_then(Value::text) {
        Some(t) => t.to_string(),
        None => bucket
            .attr("bucket_prefix")
            .and_then(Value::text)
            .unwrap_or_default()
            .to_string(),
    };
    if text.is_empty() {
        // Fully generated name: only a candidate when nothing else names it.
        return name.is_none_or(|v| !v.is_known());
    }
    // Literal parts of a partial name (`app-replica-${...}`) count as its words.
    let literal = crate::model::value::replace_interpolations(&text, " ");
    words(&literal).iter().any(|w| wanted_words.contains(w))
}
