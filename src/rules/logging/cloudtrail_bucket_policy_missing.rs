//! `cloudtrail-bucket-policy-missing`: the trail's bucket has no policy letting CloudTrail deliver.

use super::trail_bucket;
use crate::iam::Statement;
use crate::model::{Mode, Resource, Value};
use crate::rules::context::{Context, PolicyState, path_matches};
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "cloudtrail-bucket-policy-missing",
        family: Family::Logging,
        severity: Severity::High,
        title: "CloudTrail bucket has no policy that lets the trail deliver logs",
        rationale: "CloudTrail writes to the bucket as `cloudtrail.amazonaws.com`: the bucket policy must allow it `s3:GetBucketAcl` on the bucket and `s3:PutObject` on `AWSLogs/<account>/*`. Without it, creating the trail fails (InsufficientS3BucketPolicyException) and no audit log is ever delivered. The trail must also be created after the policy (`depends_on`).",
        remediation: "Add an `aws_s3_bucket_policy` on the trail's bucket allowing `cloudtrail.amazonaws.com` `s3:GetBucketAcl` on the bucket ARN and `s3:PutObject` on `<bucket ARN>/AWSLogs/<account>/*` (with `s3:x-amz-acl = bucket-owner-full-control`), and make the trail `depends_on` it.",
        example: r#"data "aws_iam_policy_document" "trail" {
  statement {
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.trail.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
  statement {
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.trail.arn}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}
resource "aws_s3_bucket_policy" "trail" {
  bucket = aws_s3_bucket.trail.id
  policy = data.aws_iam_policy_document.trail.json
}
resource "aws_cloudtrail" "main" {
  # ...
  depends_on = [aws_s3_bucket_policy.trail]
}"#,
        opt_in: false,
        reads: &["aws_cloudtrail", "aws_s3_bucket", "aws_s3_bucket_policy"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for trail in ctx.managed("aws_cloudtrail") {
        // A bucket of another stack is not judged, nor one read by a data
        // source: it is managed elsewhere, and its policy is not ours to see.
        let Some(bucket) = trail_bucket(ctx, trail).filter(|b| b.mode == Mode::Managed) else {
            continue;
        };
        let policies = bucket_policies(ctx, bucket);
        let mut docs = Vec::new();
        let mut unknown = false;
        for (holder, attr) in &policies {
            match ctx.policy_doc(holder, attr) {
                PolicyState::Known(doc) if doc.fully_known() => docs.push(doc),
                PolicyState::Known(_) | PolicyState::Unknown => unknown = true,
                PolicyState::Absent => {}
            }
        }
        if unknown {
            continue;
        }
        let statements: Vec<&Statement> = docs.iter().flat_map(|d| d.statements.iter()).collect();
        // Statements name the bucket by its name: unknown, they cannot be matched.
        if bucket.attr("bucket").is_some_and(Value::is_unknown) {
            continue;
        }
        let name = bucket_name(bucket);
        let acl = statements.iter().any(|s| {
            allows(s, "s3:GetBucketAcl")
                && s.resources.iter().any(|r| is_bucket_arn(r.as_str(), &name))
        });
        let put = statements.iter().any(|s| {
            allows(s, "s3:PutObject")
                && s.resources.iter().any(|r| is_object_arn(r.as_str(), &name))
        });
        if acl && put {
            continue;
        }
        let missing: Vec<&str> = [
            (!acl).then_some("`s3:GetBucketAcl` on the bucket"),
            (!put).then_some("`s3:PutObject` on its objects"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let policy_holders: Vec<&Resource> = policies
            .iter()
            .map(|(h, _)| *h)
            .filter(|h| h.address != bucket.address)
            .collect();
        let what = if policies.is_empty() {
            "has no bucket policy".to_string()
        } else {
            format!(
                "has a bucket policy that does not allow `cloudtrail.amazonaws.com` {}",
                missing.join(" and ")
            )
        };
        let ordering = match policy_holders.first() {
            Some(p)
                if !trail
                    .depends_on
                    .iter()
                    .any(|d| d == &p.address || d == &p.base_address())
                    && !trail.refs.iter().any(|r| r.target == p.address) =>
            {
                format!(
                    "; the trail also does not `depends_on` `{}`, so even a fixed policy may be created after the trail",
                    p.address
                )
            }
            _ => String::new(),
        };
        let finding = out.report(
            trail,
            format!("`{}` delivers to `{}`, which {what}: the trail cannot be created or deliver logs{ordering}", trail.address, bucket.address),
        );
        finding.related(bucket, "bucket");
        for p in policy_holders {
            finding.related(p, "bucket policy");
        }
    }
}

/// Policies that apply to a bucket: `aws_s3_bucket_policy` on it (by reference
/// or name), or the bucket's own legacy `policy` argument.
fn bucket_policies<'m>(
    ctx: &Context<'m>,
    bucket: &'m Resource,
) -> Vec<(&'m Resource, &'static str)> {
    let mut out: Vec<(&Resource, &'static str)> = ctx
        .referrers(bucket)
        .into_iter()
        .filter(|(p, r)| p.r#type == "aws_s3_bucket_policy" && path_matches(&r.attr, "bucket"))
        .map(|(p, _)| (p, "policy"))
        .collect();
    if let Some(name) = bucket.attr("bucket").and_then(Value::as_str) {
        for p in ctx.by_attr(&["aws_s3_bucket_policy"], "bucket", name) {
            if !out.iter().any(|(o, _)| o.address == p.address) {
                out.push((p, "policy"));
            }
        }
    }
    if bucket.attr("policy").is_some_and(|v| !v.is_null()) {
        out.push((bucket, "policy"));
    }
    out
}

fn bucket_name(bucket: &Resource) -> String {
    bucket
        .attr("bucket")
        .and_then(Value::text)
        .unwrap_or_default()
        .to_string()
}

fn allows(s: &Statement, action: &str) -> bool {
    s.allow
        && s.grants(action)
        && s.principals.iter().any(|(_, id)| {
            *id == "*" || id.as_str().eq_ignore_ascii_case("cloudtrail.amazonaws.com")
        })
}

/// The bucket's ARN: literal, wildcard, or built from an expression (`${aws_s3_bucket.x.arn}`).
fn is_bucket_arn(resource: &str, name: &str) -> bool {
    resource == "*"
        || (resource.contains("${") && !resource.contains('/'))
        || (!name.is_empty()
            && crate::iam::wildcard_match(resource, &format!("arn:aws:s3:::{name}")))
        || resource
            .trim_start_matches("arn:aws:s3:::")
            .trim_start_matches("arn:${data.aws_partition.current.partition}:s3:::")
            == name
}

/// An ARN known only after apply that may be any ARN: a value that is one
/// `${...}` (an element of a `concat` or a `for` known after apply), unless
/// it is a bucket's own attribute (`${aws_s3_bucket.x.arn}`), whose ARN
/// names the bucket and never its objects.
fn unknown_arn(resource: &str) -> bool {
    crate::model::value::is_bare_interpolation(resource)
        && !resource.starts_with("${aws_s3_bucket.")
        && !resource.starts_with("${data.aws_s3_bucket.")
}

/// An object ARN of the bucket, possibly prefix-scoped (`<arn>/prefix/AWSLogs/<account>/*`).
fn is_object_arn(resource: &str, name: &str) -> bool {
    if resource == "*" || unknown_arn(resource) {
        return true;
    }
    let Some((head, _)) = resource.split_once('/') else {
        return false;
    };
    head.contains("${")
        || (!name.is_empty() && (head.ends_with(&format!(":::{name}")) || head == name))
}
