//! Amazon S3: buckets (versioning, default encryption and replication kept
//! inline, as the legacy `aws_s3_bucket` blocks) and bucket policies.

use super::{Convert, Property, Row, TAGS, blocks, flag, p, policy};

const DEFAULT_ENCRYPTION: &[Property] = &[
    p("SSEAlgorithm", "sse_algorithm"),
    p("KMSMasterKeyID", "kms_master_key_id"),
];

const ENCRYPTION_RULE: &[Property] = &[
    blocks(
        "ServerSideEncryptionByDefault",
        "apply_server_side_encryption_by_default",
        DEFAULT_ENCRYPTION,
    ),
    flag("BucketKeyEnabled", "bucket_key_enabled"),
];

/// `Status: Enabled` as the legacy blocks' `enabled = true` (`Suspended`,
/// `Disabled` are `false`).
const ENABLED: Property = Property {
    path: "Status",
    attr: "enabled",
    convert: Convert::Is("Enabled"),
};

/// The replication rule blocks take the shape of the legacy inline
/// `replication_configuration` block (AWS provider < 4) they sit in, as a
/// Terraform user of that block writes them: `destination { replica_kms_key_id,
/// account_id }` and `sse_kms_encrypted_objects { enabled = true }`. The rules
/// read this shape for the inline block and the newer one for
/// `aws_s3_bucket_replication_configuration`, so a template lowers into one
/// consistent, real Terraform block rather than a mix of the two.
const DESTINATION: &[Property] = &[
    p("Bucket", "bucket"),
    p("StorageClass", "storage_class"),
    p("Account", "account_id"),
    p(
        "EncryptionConfiguration.ReplicaKmsKeyID",
        "replica_kms_key_id",
    ),
    blocks(
        "AccessControlTranslation",
        "access_control_translation",
        &[p("Owner", "owner")],
    ),
];

const REPLICATION_RULE: &[Property] = &[
    p("Id", "id"),
    p("Prefix", "prefix"),
    p("Priority", "priority"),
    p("Status", "status"),
    blocks("Filter", "filter", &[p("Prefix", "prefix")]),
    blocks("Destination", "destination", DESTINATION),
    blocks(
        "SourceSelectionCriteria",
        "source_selection_criteria",
        &[blocks(
            "SseKmsEncryptedObjects",
            "sse_kms_encrypted_objects",
            &[ENABLED],
        )],
    ),
    p(
        "DeleteMarkerReplication.Status",
        "delete_marker_replication_status",
    ),
];

pub const ROWS: &[Row] = &[
    Row {
        cfn: "AWS::S3::Bucket",
        terraform: "aws_s3_bucket",
        properties: &[
            p("BucketName", "bucket"),
            blocks("VersioningConfiguration", "versioning", &[ENABLED]),
            blocks(
                "BucketEncryption",
                "server_side_encryption_configuration",
                &[blocks(
                    "ServerSideEncryptionConfiguration",
                    "rule",
                    ENCRYPTION_RULE,
                )],
            ),
            blocks(
                "ReplicationConfiguration",
                "replication_configuration",
                &[
                    p("Role", "role"),
                    blocks("Rules", "rules", REPLICATION_RULE),
                ],
            ),
            TAGS,
        ],
    },
    Row {
        cfn: "AWS::S3::BucketPolicy",
        terraform: "aws_s3_bucket_policy",
        properties: &[p("Bucket", "bucket"), policy("PolicyDocument", "policy")],
    },
];
