//! The CloudFormation → Terraform mapping table (RULES.md, "CloudFormation
//! and AWS CDK"): per service, which Terraform type a CloudFormation type
//! becomes and which attribute each property fills. Data only: a new type or
//! property is a row; `lower.rs` reads it. Only the attributes some rule reads
//! are mapped; anything else is simply absent from the lowered resource.

/// One CloudFormation type and the Terraform resource it is lowered into.
pub struct Row {
    pub cfn: &'static str,
    pub terraform: &'static str,
    pub properties: &'static [Property],
}

/// A property (path under `Properties`, dot-separated) and the attribute it fills.
pub struct Property {
    pub path: &'static str,
    pub attr: &'static str,
    pub convert: Convert,
}

/// How a property's value becomes the attribute's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convert {
    /// The value as evaluated.
    AsIs,
    /// `true` / `"true"` (any case) as a boolean, as CloudFormation accepts both.
    Bool,
    /// A policy document (an object, or JSON text) as the JSON text the IAM
    /// reader reads, as Terraform's `policy` attributes hold it.
    PolicyJson,
    /// `Tags: [{Key, Value}]` as Terraform's `tags` map.
    Tags,
    /// `AWS::IAM::Role` `Policies: [{PolicyName, PolicyDocument}]` as
    /// Terraform's `inline_policy` blocks (`name`, `policy` as JSON text).
    InlinePolicies,
}

const fn p(path: &'static str, attr: &'static str) -> Property {
    Property {
        path,
        attr,
        convert: Convert::AsIs,
    }
}

const fn flag(path: &'static str, attr: &'static str) -> Property {
    Property {
        path,
        attr,
        convert: Convert::Bool,
    }
}

const fn policy(path: &'static str, attr: &'static str) -> Property {
    Property {
        path,
        attr,
        convert: Convert::PolicyJson,
    }
}

const TAGS: Property = Property {
    path: "Tags",
    attr: "tags",
    convert: Convert::Tags,
};

const KMS: &[Row] = &[
    Row {
        cfn: "AWS::KMS::Key",
        terraform: "aws_kms_key",
        properties: &[
            flag("EnableKeyRotation", "enable_key_rotation"),
            policy("KeyPolicy", "policy"),
            p("KeySpec", "customer_master_key_spec"),
            p("KeyUsage", "key_usage"),
            flag("MultiRegion", "multi_region"),
            p("Description", "description"),
            TAGS,
        ],
    },
    Row {
        cfn: "AWS::KMS::Alias",
        terraform: "aws_kms_alias",
        properties: &[p("AliasName", "name"), p("TargetKeyId", "target_key_id")],
    },
];

const LOGS: &[Row] = &[Row {
    cfn: "AWS::Logs::LogGroup",
    terraform: "aws_cloudwatch_log_group",
    properties: &[
        p("LogGroupName", "name"),
        p("KmsKeyId", "kms_key_id"),
        p("RetentionInDays", "retention_in_days"),
        TAGS,
    ],
}];

const EC2: &[Row] = &[Row {
    cfn: "AWS::EC2::Volume",
    terraform: "aws_ebs_volume",
    properties: &[
        flag("Encrypted", "encrypted"),
        p("KmsKeyId", "kms_key_id"),
        p("AvailabilityZone", "availability_zone"),
        TAGS,
    ],
}];

const RDS: &[Row] = &[
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

const SQS: &[Row] = &[Row {
    cfn: "AWS::SQS::Queue",
    terraform: "aws_sqs_queue",
    properties: &[
        p("QueueName", "name"),
        p("KmsMasterKeyId", "kms_master_key_id"),
        TAGS,
    ],
}];

const IAM: &[Row] = &[
    Row {
        cfn: "AWS::IAM::Policy",
        terraform: "aws_iam_policy",
        properties: &[p("PolicyName", "name"), policy("PolicyDocument", "policy")],
    },
    Row {
        cfn: "AWS::IAM::ManagedPolicy",
        terraform: "aws_iam_policy",
        properties: &[
            p("ManagedPolicyName", "name"),
            policy("PolicyDocument", "policy"),
        ],
    },
    Row {
        cfn: "AWS::IAM::Role",
        terraform: "aws_iam_role",
        properties: &[
            p("RoleName", "name"),
            policy("AssumeRolePolicyDocument", "assume_role_policy"),
            Property {
                path: "Policies",
                attr: "inline_policy",
                convert: Convert::InlinePolicies,
            },
            p("ManagedPolicyArns", "managed_policy_arns"),
            TAGS,
        ],
    },
];

/// One table per service.
const TABLES: &[&[Row]] = &[KMS, LOGS, EC2, RDS, SQS, IAM];

/// The row of a CloudFormation type, when it is lowered.
pub fn row(cfn_type: &str) -> Option<&'static Row> {
    TABLES
        .iter()
        .flat_map(|t| t.iter())
        .find(|r| r.cfn == cfn_type)
}

/// Every lowered CloudFormation type, in table order (README, `--help`).
pub fn types() -> impl Iterator<Item = &'static str> {
    TABLES.iter().flat_map(|t| t.iter()).map(|r| r.cfn)
}
