//! Amazon EFS: file systems.

use super::{Convert, Property, Row, flag, p};

pub const ROWS: &[Row] = &[Row {
    cfn: "AWS::EFS::FileSystem",
    terraform: "aws_efs_file_system",
    properties: &[
        flag("Encrypted", "encrypted"),
        p("KmsKeyId", "kms_key_id"),
        // EFS names its `[{Key, Value}]` tags `FileSystemTags`.
        Property {
            path: "FileSystemTags",
            attr: "tags",
            convert: Convert::Tags,
        },
    ],
}];
