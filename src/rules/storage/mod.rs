//! Rules from the catalogue's "Storage, identity, network" section about data at rest.

pub mod encryption_at_rest_disabled;
pub mod s3_replication_destination_unknown;
pub mod s3_replication_prereqs;

use super::context::Context;
use crate::model::{Mode, Resource, Value};

/// A replication rule's destination: a bucket of this configuration, a literal
/// ARN that matches none, or not known.
pub enum Destination<'m> {
    Bucket(&'m Resource),
    Unmatched(crate::model::value::Text),
    Unknown,
}

/// Replication configurations: the resource and its `rule` blocks' destination
/// attribute path (`aws_s3_bucket_replication_configuration` or the legacy inline block).
pub fn replications<'m>(ctx: &Context<'m>) -> Vec<(&'m Resource, &'static str)> {
    let mut out: Vec<(&Resource, &'static str)> = ctx
        .managed("aws_s3_bucket_replication_configuration")
        .map(|r| (r, "rule"))
        .collect();
    out.extend(
        ctx.managed("aws_s3_bucket")
            .filter(|b| {
                b.attr("replication_configuration")
                    .is_some_and(|v| !v.blocks().is_empty())
            })
            .map(|b| (b, "replication_configuration.rules")),
    );
    out
}

/// Every rule's destination of a replication configuration, with the rule index.
pub fn destinations<'m>(
    ctx: &Context<'m>,
    repl: &'m Resource,
    rules_path: &str,
) -> Vec<(usize, Destination<'m>)> {
    let rules = ctx
        .values(repl, rules_path)
        .into_iter()
        .flat_map(|v| v.blocks())
        .collect::<Vec<_>>();
    let mut out = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let attr_prefix = format!("{}.{i}.destination", rules_path.replace('.', ".0."));
        let by_ref: Vec<&Resource> = repl
            .refs
            .iter()
            .filter(|r| {
                crate::rules::context::normalize_path(&r.attr)
                    == format!("{}.destination.bucket", rules_path)
                    && r.attr.starts_with(&attr_prefix)
            })
            .flat_map(|r| ctx.model.lookup(&r.target))
            .filter(|t| t.r#type == "aws_s3_bucket")
            .collect();
        let dest = match (
            by_ref.first(),
            rule.get("destination")
                .map(Value::blocks)
                .unwrap_or_default()
                .first()
                .and_then(|d| d.get("bucket")),
        ) {
            (Some(b), _) => Destination::Bucket(b),
            (None, Some(v)) => match v.quoted().filter(|_| v.as_str().is_some()) {
                Some(quoted) => {
                    let arn = quoted.as_str();
                    let name = arn
                        .trim_start_matches("arn:aws:s3:::")
                        .trim_start_matches("arn:aws-us-gov:s3:::")
                        .trim_start_matches("arn:aws-cn:s3:::");
                    match ctx
                        .by_attr(&["aws_s3_bucket"], "bucket", name)
                        .into_iter()
                        .next()
                    {
                        Some(b) => Destination::Bucket(b),
                        // A bucket whose name is known only after apply may be this one.
                        None if ctx.may_have_attr(&["aws_s3_bucket"], "bucket", name) => {
                            Destination::Unknown
                        }
                        None => Destination::Unmatched(quoted.clone()),
                    }
                }
                None => Destination::Unknown,
            },
            (None, None) => Destination::Unknown,
        };
        out.push((i, dest));
    }
    out
}

/// The source bucket of a replication configuration.
pub fn source_bucket<'m>(ctx: &Context<'m>, repl: &'m Resource) -> Option<&'m Resource> {
    if repl.r#type == "aws_s3_bucket" {
        return Some(repl);
    }
    ctx.targets(repl, "bucket")
        .into_iter()
        .find(|b| b.r#type == "aws_s3_bucket")
        .or_else(|| {
            let name = repl.attr("bucket").and_then(Value::as_str)?;
            ctx.by_attr(&["aws_s3_bucket"], "bucket", name)
                .into_iter()
                .find(|b| b.mode == Mode::Managed)
        })
}

/// Resources of `r#type` that configure `bucket` (by reference or by name).
pub fn bucket_configs<'m>(
    ctx: &Context<'m>,
    bucket: &'m Resource,
    r#type: &str,
) -> Vec<&'m Resource> {
    let name = bucket.attr("bucket").and_then(Value::as_str);
    let mut out: Vec<&Resource> = ctx
        .referrers(bucket)
        .into_iter()
        .filter(|(c, r)| {
            c.r#type == r#type && crate::rules::context::path_matches(&r.attr, "bucket")
        })
        // A plan records `aws_s3_bucket.dest[each.key]` as every instance of
        // `aws_s3_bucket.dest`: a configuration whose known bucket name is
        // another instance's configures that one, not this.
        .filter(|(c, r)| {
            r.target == bucket.address
                || !matches!(
                    (c.attr("bucket").and_then(Value::as_str), name),
                    (Some(theirs), Some(ours)) if theirs != ours
                )
        })
        .map(|(c, _)| c)
        .collect();
    if let Some(name) = name {
        for c in ctx.by_attr(&[r#type], "bucket", name) {
            if !out.iter().any(|o| o.address == c.address) {
                out.push(c);
            }
        }
    }
    out
}

/// `Some(true)` versioning enabled, `Some(false)` visibly not, `None` unknown.
pub fn versioning_enabled<'m>(ctx: &Context<'m>, bucket: &'m Resource) -> Option<bool> {
    let mut unknown = false;
    for v in bucket_configs(ctx, bucket, "aws_s3_bucket_versioning") {
        for status in ctx.values(v, "versioning_configuration.status") {
            match status.as_str() {
                Some("Enabled") => return Some(true),
                Some(_) => {}
                None => unknown = true,
            }
        }
    }
    for enabled in ctx.values(bucket, "versioning.enabled") {
        match enabled.as_bool() {
            Some(true) => return Some(true),
            Some(false) => {}
            None => unknown = true,
        }
    }
    // A bucket read by a data source is configured elsewhere: its versioning
    // is not ours to see unless a versioning resource here enables it.
    if unknown || bucket.mode == Mode::Data {
        None
    } else {
        Some(false)
    }
}
