//! Rules from the catalogue's "Storage, identity, network" section about IAM.

pub mod hardcoded_account_id;
pub mod iam_logs_arn_without_stream_wildcard;
pub mod iam_wildcard_action;

use super::context::{Context, PolicyState};
use crate::iam::PolicyDoc;
use crate::model::Resource;

/// Where policy documents live: (type, attribute, is a KMS key policy).
/// The types holding policy documents in `policy` (a role: in its
/// `inline_policy` blocks): what the identity rules read.
pub const POLICY_HOLDER_TYPES: &[&str] = &[
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
    "aws_s3_bucket_policy",
    "aws_sqs_queue_policy",
    "aws_sns_topic_policy",
    "aws_sqs_queue",
    "aws_sns_topic",
    "aws_s3_bucket",
    "aws_kms_key",
    "aws_kms_key_policy",
    "aws_kms_replica_key",
    "aws_ecr_repository_policy",
    "aws_secretsmanager_secret_policy",
    "aws_iam_role",
];

/// Every policy document of the configuration, parsed once: the resource that
/// holds it, the attribute, whether it is a key policy, and the document.
pub fn policy_documents<'m>(ctx: &Context<'m>) -> Vec<(&'m Resource, String, bool, PolicyDoc)> {
    let mut out = Vec::new();
    for r#type in POLICY_HOLDER_TYPES {
        let (attr, shown) = if *r#type == "aws_iam_role" {
            ("inline_policy.policy", "inline_policy")
        } else {
            ("policy", "policy")
        };
        let key_policy = r#type.starts_with("aws_kms_");
        for holder in ctx.managed(r#type) {
            if let PolicyState::Known(doc) = ctx.policy_doc(holder, attr) {
                out.push((holder, shown.to_string(), key_policy, doc));
            }
        }
    }
    out
}
