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

/// The rule blocks' inner shapes are those the replication rules read
/// (`encryption_configuration.replica_kms_key_id`, `sse_kms_encrypted_objects.status`,
/// `account`), as `aws_s3_bucket_replication_configuration` writes them.
const DESTINATION: &[Property] = &[
    p("Bucket", "bucket"),
    p("StorageClass", "storage_class"),
    p("Account", "account"),
    blocks(
        "EncryptionConfiguration",
        "encryption_configuration",
        &[p("ReplicaKmsKeyID", "replica_kms_key_id")],
    ),
    blocks(
        "AccessControlTranslation",
        "access_control_translation",
        &[p("Owner", "owner")],
    ),
];

const STATUS: &[Property] = &[p("Status", "status")];

const REPLICATION_RULE: &[Property] = &[
    p("Id", "id"),
    p("Prefix", "prefix"),
    p("Priority", "priority"),
    p("Status", "status"),
    blocks(
        "Filter",
        "filter",
        &[
            p("Prefix", "prefix"),
            blocks("TagFilter", "tag", &[p("Key", "key"), p("Value", "value")]),
        ],
    ),
    blocks("Destination", "destination", DESTINATION),
    blocks(
        "SourceSelectionCriteria",
        "source_selection_criteria",
        &[
            blocks(
                "SseKmsEncryptedObjects",
                "sse_kms_encrypted_objects",
                STATUS,
            ),
            blocks("ReplicaModifications", "replica_modifications", STATUS),
        ],
    ),
    blocks(
        "DeleteMarkerReplication",
        "delete_marker_replication",
        STATUS,
    ),
];

pub const ROWS: &[Row] = &[
    Row {
        cfn: "AWS::S3::Bucket",
        terraform: "aws_s3_bucket",
        properties: &[
            p("BucketName", "bucket"),
            blocks(
                "VersioningConfiguration",
                "versioning",
                &[Property {
                    path: "Status",
                    attr: "enabled",
                    convert: Convert::Is("Enabled"),
                }],
            ),
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
