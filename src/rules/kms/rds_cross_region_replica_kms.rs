//! `rds-cross-region-replica-kms`: an encrypted cross-region RDS replica without a key in its own region.

use crate::model::value::Text;
use crate::model::{Region, Value};
use crate::region;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "rds-cross-region-replica-kms",
        family: Family::Kms,
        severity: Severity::High,
        title: "Encrypted cross-region RDS read replica sets no KMS key in its own region",
        rationale: "A read replica in another region cannot use the source database's key (KMS keys are regional). For an encrypted source, AWS requires `kms_key_id` to name a key in the replica's region; without it the replica fails to create.",
        remediation: "Set `kms_key_id` on the replica to a key created with the replica's provider.",
        example: r#"resource "aws_db_instance" "replica" {
  provider            = aws.dr
  replicate_source_db = aws_db_instance.primary.arn
  kms_key_id          = aws_kms_key.dr.arn # key in the replica's region
}"#,
        opt_in: false,
        reads: &["aws_db_instance"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for replica in ctx.managed("aws_db_instance") {
        let Region::Known(here) = &replica.placement.region else {
            continue;
        };
        let source = ctx
            .targets(replica, "replicate_source_db")
            .into_iter()
            .find(|s| s.r#type == "aws_db_instance");
        // A source not defined here is named by its ARN.
        let arn = replica
            .attr("replicate_source_db")
            .and_then(|v| Some(Text::new(v.as_str()?, v.has_sensitive())));
        let (source_region, there_text) = region::of_target(source, arn.as_ref());
        let Region::Known(there) = &source_region else {
            continue;
        };
        if there == here {
            continue;
        }
        let encrypted = replica.attr("storage_encrypted").and_then(Value::as_bool) == Some(true)
            || source.is_some_and(|s| {
                s.attr("storage_encrypted").and_then(Value::as_bool) == Some(true)
                    || s.attr("kms_key_id").is_some_and(|k| !k.is_null())
                    || ctx.has_ref(s, "kms_key_id")
            });
        let has_key = ctx.has_ref(replica, "kms_key_id")
            || replica.attr("kms_key_id").is_some_and(|k| !k.is_null());
        if encrypted && !has_key {
            let (here, there) = (replica.placement.region_text(), there_text);
            let source_name =
                source.map_or_else(|| "its source".to_string(), |s| format!("`{}`", s.address));
            let finding = out.report(
                replica,
                format!(
                    "`{}` ({here}) replicates encrypted {source_name} ({there}) but sets no `kms_key_id` in {here}: the replica cannot be created",
                    replica.address
                ),
            );
            if let Some(s) = source {
                finding.related(s, "source database");
            }
        }
    }
}
