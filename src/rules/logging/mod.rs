//! Rules from the catalogue's "Logging and audit" section.

pub mod cloudtrail_bucket_policy_missing;
pub mod cloudtrail_log_validation;
pub mod cloudtrail_not_encrypted;
pub mod cloudtrail_not_multi_region;

use super::context::Context;
use crate::model::{Mode, Resource, Value};

/// The `aws_s3_bucket` a trail delivers to: by reference, or by its literal name.
pub fn trail_bucket<'m>(ctx: &Context<'m>, trail: &'m Resource) -> Option<&'m Resource> {
    if let Some(bucket) = ctx
        .targets(trail, "s3_bucket_name")
        .into_iter()
        .find(|b| b.r#type == "aws_s3_bucket")
    {
        return Some(bucket);
    }
    let name = trail.attr("s3_bucket_name").and_then(Value::as_str)?;
    ctx.by_attr(&["aws_s3_bucket"], "bucket", name)
        .into_iter()
        .find(|b| b.mode == Mode::Managed)
}

/// Whether `value` is set to `true` (unknown values count as set: never judged).
pub fn is_true_or_unknown(value: Option<&Value>) -> bool {
    match value {
        Some(v) if !v.is_known() => true,
        Some(v) => v.as_bool() == Some(true),
        None => false,
    }
}
