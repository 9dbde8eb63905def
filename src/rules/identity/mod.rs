//! Rules from the catalogue's "Storage, identity, network" section about IAM.

pub mod hardcoded_account_id;
pub mod iam_logs_arn_without_stream_wildcard;
pub mod iam_wildcard_action;

use super::context::{Context, PolicyState};
use crate::iam::PolicyDoc;
use crate::model::Resource;

/// Where policy documents live: (type, attribute, is a KMS key policy).
const POLICY_HOLDERS: &[(&str, &str, bool)] = &[
    ("aws_iam_policy", "policy", false),
    ("aws_iam_role_policy", "policy", false),
    ("aws_iam_user_policy", "policy", false),
    ("aws_iam_group_policy", "policy", false),
    ("aws_s3_bucket_policy", "policy", false),
    ("aws_sqs_queue_policy", "policy", false),
    ("aws_sns_topic_policy", "policy", false),
    ("aws_sqs_queue", "policy", false),
    ("aws_sns_topic", "policy", false),
    ("aws_s3_bucket", "policy", false),
    ("aws_kms_key", "policy", true),
    ("aws_kms_key_policy", "policy", true),
    ("aws_kms_replica_key", "policy", true),
    ("aws_ecr_repository_policy", "policy", false),
    ("aws_secretsmanager_secret_policy", "policy", false),
];

/// Every policy document of the configuration, parsed once: the resource that
/// holds it, the attribute, whether it is a key policy, and the document.
pub fn policy_documents<'m>(ctx: &Context<'m>) -> Vec<(&'m Resource, String, bool, PolicyDoc)> {
    let mut out = Vec::new();
    for (r#type, attr, key_policy) in POLICY_HOLDERS {
        for holder in ctx.managed(r#type) {
            if let PolicyState::Known(doc) = ctx.policy_doc(holder, attr) {
                out.push((holder, attr.to_string(), *key_policy, doc));
            }
        }
    }
    for role in ctx.managed("aws_iam_role") {
        if let PolicyState::Known(doc) = ctx.policy_doc(role, "inline_policy.policy") {
            out.push((role, "inline_policy".to_string(), false, doc));
        }
    }
    out
}
