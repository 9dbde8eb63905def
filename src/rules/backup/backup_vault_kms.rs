//! `backup-vault-kms`: a backup vault without a customer-managed KMS key.

use crate::model::Value;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "backup-vault-kms",
        family: Family::Backup,
        severity: Severity::Medium,
        title: "Backup vault has no customer-managed KMS key",
        rationale: "Without `kms_key_arn` a vault encrypts recovery points with the AWS managed `aws/backup` key, whose policy you cannot change: you cannot share copies with another account, restrict who can decrypt, or audit key use separately. Cross-account and some cross-region copy designs need a customer-managed key.",
        remediation: "Create an `aws_kms_key` in the vault's region (same provider) and set `kms_key_arn` to it.",
        example: r#"resource "aws_backup_vault" "dr" {
  provider    = aws.dr
  name        = "dr"
  kms_key_arn = aws_kms_key.dr.arn # a key created with aws.dr
}"#,
        opt_in: false,
        reads: &["aws_backup_vault", "aws_kms_key", "aws_kms_alias"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for vault in ctx.managed("aws_backup_vault") {
        if ctx.has_ref(vault, "kms_key_arn") {
            // Through `data.aws_kms_alias` / `data.aws_kms_key` for `alias/aws/backup`: still AWS managed.
            let managed = ctx.targets(vault, "kms_key_arn").into_iter().find(|t| {
                matches!(t.r#type.as_str(), "aws_kms_alias" | "aws_kms_key")
                    && t.mode == crate::model::Mode::Data
                    && ["name", "key_id"].iter().any(|a| {
                        t.attr(a)
                            .and_then(Value::as_str)
                            .is_some_and(|n| n.starts_with("alias/aws/"))
                    })
            });
            if let Some(alias) = managed {
                out.report(
                    vault,
                    format!(
                        "`{}` uses the AWS managed key `{}`, not a customer-managed key",
                        vault.address, alias.address
                    ),
                )
                .related(alias, "key");
                continue;
            }
            // An ARN built from the region and account still names an AWS
            // managed key when its alias is written out (`...:alias/aws/backup`).
            if !vault
                .attr("kms_key_arn")
                .and_then(Value::text)
                .is_some_and(names_aws_managed_alias)
            {
                continue;
            }
        }
        let marked = vault.attr("kms_key_arn").is_some_and(Value::has_sensitive);
        let message = match vault.attr("kms_key_arn").map(Value::unmarked) {
            None | Some(Value::Null) => {
                "sets no `kms_key_arn`: recovery points use the AWS managed `aws/backup` key"
                    .to_string()
            }
            Some(Value::String(s) | Value::Partial(s)) if names_aws_managed_alias(s) => {
                let key = crate::model::value::Text::new(s.as_str(), marked);
                format!("uses the AWS managed key `{key}`, not a customer-managed key")
            }
            _ => continue,
        };
        out.report(
            vault,
            format!(
                "`{}` ({}) {message}",
                vault.address,
                vault.placement.region_text_or("unknown region")
            ),
        );
    }
}

/// Whether a key ARN or alias names an `alias/aws/...` alias (only AWS managed
/// keys have those) in its literal text: parts known only after apply
/// (`${data.aws_region.current.name}`, `${AWS::AccountId}`) may stand for the
/// region and account, never for the alias.
fn names_aws_managed_alias(text: &str) -> bool {
    let mut literal = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        literal.push_str(&rest[..start]);
        // An unknown part: a character no alias contains keeps the literal
        // text on either side from joining into one.
        literal.push('\u{0}');
        rest = match rest[start..].find('}') {
            Some(end) => &rest[start + end + 1..],
            None => "",
        };
    }
    literal.push_str(rest);
    literal.contains(":alias/aws/") || literal.starts_with("alias/aws/")
}

#[cfg(test)]
mod tests {
    use super::names_aws_managed_alias;

    #[test]
    fn an_aws_managed_alias_is_read_from_the_literal_text_only() {
        assert!(names_aws_managed_alias(
            "arn:aws:kms:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:alias/aws/backup"
        ));
        assert!(names_aws_managed_alias(
            "arn:aws:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/backup"
        ));
        assert!(names_aws_managed_alias("alias/aws/backup"));
        assert!(!names_aws_managed_alias(
            "arn:aws:kms:${AWS::Region}:${AWS::AccountId}:alias/${var.alias}"
        ));
        assert!(!names_aws_managed_alias(
            "arn:aws:kms:us-east-1:111122223333:key/${aws_kms_key.x.id}"
        ));
        assert!(!names_aws_managed_alias("${var.prefix}alias/aws/backup"));
    }
}
