//! Amazon RDS: instances and clusters.

use super::{Row, TAGS, flag, p};

pub const ROWS: &[Row] = &[
    Row {
        cfn: "AWS::RDS::DBInstance",
        terraform: "aws_db_instance",
        properties: &[
            flag("StorageEncrypted", "storage_encrypted"),
            p("KmsKeyId", "kms_key_id"),
            // A read replica: encryption follows its source.
            p("SourceDBInstanceIdentifier", "replicate_source_db"),
            TAGS,
        ],
    },
    Row {
        cfn: "AWS::RDS::DBCluster",
        terraform: "aws_rds_cluster",
        properties: &[
            flag("StorageEncrypted", "storage_encrypted"),
            p("KmsKeyId", "kms_key_id"),
            p("EngineMode", "engine_mode"),
            TAGS,
        ],
    },
];
