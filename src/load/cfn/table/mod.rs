//! The CloudFormation → Terraform mapping table (RULES.md, "CloudFormation
//! and AWS CDK"): per service, which Terraform type a CloudFormation type
//! becomes and which attribute each property fills. Data only: a new type or
//! property is a row; `lower.rs` reads it. Only the attributes some rule reads
//! are mapped; anything else is simply absent from the lowered resource.
//! One file per service.

mod backup;
mod cloudfront;
mod cloudtrail;
mod cloudwatch;
mod dynamodb;
mod ec2;
mod efs;
mod iam;
mod kms;
mod lambda;
mod logs;
mod rds;
mod route53;
mod s3;
mod sns;
mod sqs;
mod wafv2;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

/// One CloudFormation type and the Terraform resource it is lowered into.
pub struct Row {
    pub cfn: &'static str,
    pub terraform: &'static str,
    pub properties: &'static [Property],
}

/// A property (path under `Properties`, dot-separated) and the attribute it fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// A list of objects (or one object) as Terraform nested blocks, each
    /// object's properties mapped by the inner rows: `BackupPlanRule[]` as
    /// `rule` blocks, `Lifecycle` as a one-block `lifecycle`.
    Blocks(&'static [Property]),
    /// `true` when the value is this text, `false` for any other known text:
    /// `VersioningConfiguration.Status: Enabled` as the legacy
    /// `versioning { enabled = true }` (`Suspended` is `false`).
    Is(&'static str),
    /// A value as the one nested block of the attribute, holding it as the
    /// named attribute: a record set's `Failover: PRIMARY` as
    /// `failover_routing_policy { type = "PRIMARY" }`.
    InBlock(&'static str),
}

pub(super) const fn p(path: &'static str, attr: &'static str) -> Property {
    Property {
        path,
        attr,
        convert: Convert::AsIs,
    }
}

pub(super) const fn flag(path: &'static str, attr: &'static str) -> Property {
    Property {
        path,
        attr,
        convert: Convert::Bool,
    }
}

pub(super) const fn policy(path: &'static str, attr: &'static str) -> Property {
    Property {
        path,
        attr,
        convert: Convert::PolicyJson,
    }
}

/// `path` as nested blocks `attr`, their properties mapped by `inner`.
pub(super) const fn blocks(
    path: &'static str,
    attr: &'static str,
    inner: &'static [Property],
) -> Property {
    Property {
        path,
        attr,
        convert: Convert::Blocks(inner),
    }
}

/// `path` as the one block `attr` holding the value as `inner`.
pub(super) const fn in_block(
    path: &'static str,
    attr: &'static str,
    inner: &'static str,
) -> Property {
    Property {
        path,
        attr,
        convert: Convert::InBlock(inner),
    }
}

pub(super) const TAGS: Property = Property {
    path: "Tags",
    attr: "tags",
    convert: Convert::Tags,
};

/// One table per service.
const TABLES: &[&[Row]] = &[
    backup::ROWS,
    kms::ROWS,
    logs::ROWS,
    ec2::ROWS,
    rds::ROWS,
    sqs::ROWS,
    iam::ROWS,
    s3::ROWS,
    cloudtrail::ROWS,
    sns::ROWS,
    dynamodb::ROWS,
    efs::ROWS,
    cloudwatch::ROWS,
    wafv2::ROWS,
    cloudfront::ROWS,
    route53::ROWS,
    lambda::ROWS,
];

/// Types one resource of which is several Terraform resources, one per
/// element of a list property: each is lowered by the type's row from the
/// element's properties over the resource's own (`RecordSets[0]` over the
/// group's `HostedZoneId`), and addressed `Group[0]`.
const ONE_PER_ELEMENT: &[(&str, &str)] = &[("AWS::Route53::RecordSetGroup", "RecordSets")];

/// SAM types whose properties default to those of a section of the
/// template's `Globals`, a resource's own winning.
const GLOBALS: &[(&str, &str)] = &[("AWS::Serverless::Function", "Function")];

/// The list property each element of which is one resource of `cfn_type`.
pub fn one_per_element(cfn_type: &str) -> Option<&'static str> {
    ONE_PER_ELEMENT
        .iter()
        .find(|(t, _)| *t == cfn_type)
        .map(|(_, list)| *list)
}

/// The `Globals` section `cfn_type`'s properties default to.
pub fn globals_section(cfn_type: &str) -> Option<&'static str> {
    GLOBALS
        .iter()
        .find(|(t, _)| *t == cfn_type)
        .map(|(_, section)| *section)
}

/// The row of a CloudFormation type, when it is lowered.
pub fn row(cfn_type: &str) -> Option<&'static Row> {
    rows().find(|r| r.cfn == cfn_type)
}

/// (attribute, CloudFormation name) pairs.
pub type Words = Arc<[(&'static str, &'static str)]>;

/// Terraform phrases a rule's message may name that a template says in its
/// own way: the data sources whose values are pseudo parameters.
const PHRASES: &[(&str, &str)] = &[
    (
        "data.aws_caller_identity.current.account_id",
        "${AWS::AccountId}",
    ),
    ("data.aws_region.current.name", "${AWS::Region}"),
];

/// What each attribute a row fills is called in CloudFormation (the last
/// part of its property path), nested blocks' too; an attribute named at
/// several depths keeps its outermost name. Then the `PHRASES`, and each
/// Terraform type of the table as its CloudFormation type (the row's own
/// first: `aws_lambda_function` is `AWS::Serverless::Function` in a SAM
/// function's message). One list per type, made once.
pub fn words(row: &'static Row) -> Words {
    static WORDS: LazyLock<HashMap<&'static str, Words>> =
        LazyLock::new(|| rows().map(|r| (r.cfn, words_of(r))).collect());
    WORDS.get(row.cfn).cloned().unwrap_or_else(|| words_of(row))
}

fn words_of(row: &'static Row) -> Words {
    let mut words: Vec<(&'static str, &'static str)> = Vec::new();
    let mut level: Vec<&'static [Property]> = vec![row.properties];
    while !level.is_empty() {
        let mut next = Vec::new();
        for props in level {
            for prop in props {
                let word = prop.path.rsplit('.').next().unwrap_or(prop.path);
                if !words.iter().any(|(a, _)| *a == prop.attr) {
                    words.push((prop.attr, word));
                }
                if let Convert::Blocks(inner) = prop.convert {
                    next.push(inner);
                }
            }
        }
        level = next;
    }
    let types = std::iter::once(row)
        .chain(rows())
        .map(|r| (r.terraform, r.cfn));
    for (terraform, cfn) in PHRASES.iter().copied().chain(types) {
        if !words.iter().any(|(a, _)| *a == terraform) {
            words.push((terraform, cfn));
        }
    }
    words.into()
}

/// Every row, in table order.
pub fn rows() -> impl Iterator<Item = &'static Row> {
    TABLES.iter().flat_map(|t| t.iter())
}

#[cfg(test)]
mod tests {
    use super::{row, words};
    use crate::model::Origin;

    fn origin(cfn_type: &str) -> Origin {
        let row = row(cfn_type).expect("a lowered type");
        Origin {
            r#type: cfn_type.to_string(),
            properties: Vec::new(),
            words: words(row),
        }
    }

    #[test]
    fn terraform_phrases_are_said_in_cloudformation_words() {
        let role = origin("AWS::IAM::Role");
        assert_eq!(
            role.speak("`Role` writes account id `111122223333` into an ARN: use `data.aws_caller_identity.current.account_id`"),
            "`Role` writes account id `111122223333` into an ARN: use `${AWS::AccountId}`"
        );
        assert_eq!(
            role.speak("in `data.aws_region.current.name`"),
            "in `${AWS::Region}`"
        );
        let selection = origin("AWS::Backup::BackupSelection");
        assert_eq!(
            selection.speak("no `aws_backup_plan` selects it; an `aws_backup_selection` does"),
            "no `AWS::Backup::BackupPlan` selects it; an `AWS::Backup::BackupSelection` does"
        );
        // A Terraform type several CloudFormation types lower into is said as
        // the resource's own type, then as the table's first.
        assert_eq!(
            origin("AWS::Serverless::Function").speak("`aws_lambda_function`"),
            "`AWS::Serverless::Function`"
        );
        assert_eq!(
            origin("AWS::IAM::Role").speak("`aws_lambda_function`"),
            "`AWS::Lambda::Function`"
        );
        // An address and prose are not phrases.
        assert_eq!(
            role.speak("`aws_backup_plan.main` uses data.aws_region.current.name"),
            "`aws_backup_plan.main` uses data.aws_region.current.name"
        );
    }
}
