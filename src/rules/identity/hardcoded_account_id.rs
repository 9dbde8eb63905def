//! `hardcoded-account-id`: a literal account id inside an ARN where `data.aws_caller_identity` would serve.

use crate::model::value::Text;
use crate::model::{Resource, Value};
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{EVERY_TYPE, Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "hardcoded-account-id",
        family: Family::Identity,
        severity: Severity::Low,
        title: "ARN with a hardcoded account id",
        rationale: "An account id written into ARNs ties the configuration to one account: deployed to staging or a new account, it silently points at (or grants) the original account's resources. `data.aws_caller_identity.current.account_id` gives the account the configuration runs in.",
        remediation: "Build the ARN from `data.aws_caller_identity.current.account_id` (and `data.aws_partition.current.partition`), or reference the resource's own `arn`.",
        example: r#"data "aws_caller_identity" "current" {}
locals {
  role_arn = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/deploy"
}"#,
        opt_in: false,
        reads: EVERY_TYPE,
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    let own = ctx.own_account();
    let mut per_resource: Vec<(&Resource, Vec<Found>)> = Vec::new();
    for res in ctx.resources() {
        if res.mode != crate::model::Mode::Managed {
            continue;
        }
        let mut found: Vec<Found> = Vec::new();
        scan(res, &mut found);
        // Policy documents the resource uses count as its own text; a trust
        // policy's only account ids are principals.
        let mut docs: Vec<&Resource> = res
            .refs
            .iter()
            .filter(|r| !is_trust_policy(&r.attr))
            .flat_map(|r| ctx.model.lookup(&r.target))
            .collect();
        docs.dedup_by(|a, b| a.address == b.address);
        for doc in docs {
            if doc.r#type == "aws_iam_policy_document" && doc.mode == crate::model::Mode::Data {
                let mut in_doc = Vec::new();
                // Only what the document's author wrote: its computed `json` holds resolved values.
                for attr in [
                    "statement",
                    "source_policy_documents",
                    "override_policy_documents",
                ] {
                    if let Some(value) = doc
                        .attr(attr)
                        .filter(|_| !doc.derived_attrs.iter().any(|d| d == attr))
                    {
                        collect(attr, value, false, &mut in_doc);
                    }
                }
                found.extend(in_doc.into_iter().map(|f| Found {
                    path: format!("{} of `{}`", f.path, doc.address),
                    ..f
                }));
            }
        }
        per_resource.push((res, found));
    }
    // Without the caller identity, an account is evidently the configuration's
    // own when it names its resources somewhere else than where another
    // account is the point (a copy destination, a vault access policy).
    let evident: std::collections::BTreeSet<String> = per_resource
        .iter()
        .flat_map(|(_, found)| found.iter())
        .filter(|f| !f.elsewhere_by_design)
        .map(|f| f.account.as_str().to_string())
        .collect();
    for (res, mut found) in per_resource {
        // A CDK stack synthesized for an account names it in its ARNs: re-synthesized per account.
        found.retain(|f| ctx.model.account.as_deref() != Some(f.account.as_str()));
        found.retain(|f| match own.as_deref() {
            Some(own) => f.account.as_str() == own,
            None => !f.elsewhere_by_design || evident.contains(f.account.as_str()),
        });
        found.sort_by(|a, b| (&a.path, &a.account).cmp(&(&b.path, &b.account)));
        found.dedup_by(|a, b| a.account.as_str() == b.account.as_str());
        if let Some(f) = found.first() {
            report(out, res, &f.path, &f.account);
        }
    }
}

/// An account id found in an ARN, where, and whether that place names
/// another account by design.
struct Found {
    path: String,
    account: Text,
    elsewhere_by_design: bool,
}

/// `assume_role_policy`: a trust policy, whose account ids are principals.
fn is_trust_policy(attr: &str) -> bool {
    attr == "assume_role_policy"
}

/// Places where an ARN names another account by design: a backup copy's
/// destination vault, a vault access policy.
fn elsewhere_by_design(res: &Resource, attr: &str) -> bool {
    res.r#type == "aws_backup_vault_policy" || (attr == "rule" && res.r#type == "aws_backup_plan")
}

/// Literal account ids in the attributes the configuration wrote: computed
/// `arn`/`id` and (in plans) values derived from references are not literals.
fn scan(res: &Resource, found: &mut Vec<Found>) {
    for (name, value) in &res.attrs {
        if name == "arn"
            || name == "id"
            || name == "owner_id"
            || is_trust_policy(name)
            || res.derived_attrs.iter().any(|d| d == name)
        {
            continue;
        }
        let by_design = elsewhere_by_design(res, name);
        let start = found.len();
        collect(name, value, by_design, found);
        if res.r#type == "aws_backup_plan" {
            // Only a copy's destination names another account by design.
            for f in &mut found[start..] {
                f.elsewhere_by_design = f.path.contains("copy_action");
            }
        }
        if let Some(accounts) = replication_accounts(res, name, value) {
            for f in &mut found[start..] {
                f.elsewhere_by_design |= accounts.iter().any(|a| a == f.account.as_str());
            }
        }
    }
}

/// The accounts replication `destination` blocks name (`account = "…"`):
/// replication to another account names that account by design.
fn replication_accounts(res: &Resource, name: &str, value: &Value) -> Option<Vec<String>> {
    let is_replication = (res.r#type == "aws_s3_bucket_replication_configuration"
        && name == "rule")
        || (res.r#type == "aws_s3_bucket" && name == "replication_configuration");
    if !is_replication {
        return None;
    }
    let mut accounts = Vec::new();
    crate::rules::context::each_leaf(name, value, &mut |path, _, leaf| {
        if path.ends_with(".account")
            && path.contains(".destination.")
            && let Some(a) = leaf.as_str()
        {
            accounts.push(a.to_string());
        }
    });
    Some(accounts)
}

fn report(out: &mut Findings, res: &Resource, path: &str, account: &Text) {
    // `path` is an attribute path, or `<path> of `<policy document>``.
    let place = match path.split_once(" of ") {
        Some((attr, doc)) => format!("`{}` of {doc}", crate::rules::context::normalize_path(attr)),
        None => format!("`{}`", crate::rules::context::normalize_path(path)),
    };
    out.report(
        res,
        format!("`{}` writes account id `{account}` into an ARN in {place}: use `data.aws_caller_identity.current.account_id`", res.address),
    );
}

/// Literal 12-digit account ids in ARNs (`arn:aws:iam::111122223333:role/x`),
/// also inside policy JSON; one from a marked value is marked, and quoted as
/// `(sensitive)`. A policy's principals (`Principal`, `NotPrincipal`, a
/// document's `principals` blocks) name who may act, not the configuration's
/// resources: never collected.
fn collect(path: &str, value: &Value, by_design: bool, out: &mut Vec<Found>) {
    // Marks sit on the leaves (`Model::finish`): each leaf says whether it is marked.
    // The path is only quoted: its shown form, with a marked map's keys hidden.
    crate::rules::context::each_leaf(path, value, &mut |logic, shown, leaf| {
        if logic
            .split('.')
            .any(|seg| seg == "principals" || seg == "not_principals")
        {
            return;
        }
        let marked = matches!(leaf, Value::Sensitive(_));
        if let Value::String(s) | Value::Partial(s) = leaf.unmarked() {
            for account in accounts_in(&without_principals(s)) {
                out.push(Found {
                    path: shown.to_string(),
                    account: Text::new(account, marked),
                    elsewhere_by_design: by_design,
                });
            }
        }
    });
}

/// Policy JSON without its `Principal` / `NotPrincipal` values; other text as it is.
fn without_principals(text: &str) -> std::borrow::Cow<'_, str> {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.retain(|k, _| k != "Principal" && k != "NotPrincipal");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    if !text.trim_start().starts_with('{') {
        return std::borrow::Cow::Borrowed(text);
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(mut doc) => {
            strip(&mut doc);
            std::borrow::Cow::Owned(doc.to_string())
        }
        Err(_) => std::borrow::Cow::Borrowed(text),
    }
}

fn accounts_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("arn:") {
        let arn: String = text[at..]
            .chars()
            .take_while(|c| !matches!(c, '"' | '\'' | ' ' | ',' | ']' | '\n'))
            .collect();
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        if let Some(account) = parts.get(4)
            && account.len() == 12
            && account.bytes().all(|b| b.is_ascii_digit())
        {
            out.push(account.to_string());
        }
    }
    out
}
