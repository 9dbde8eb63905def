//! `hardcoded-account-id`: a literal account id inside an ARN where `data.aws_caller_identity` would serve.

use crate::model::value::Text;
use crate::model::{Resource, Value};
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
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
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    // The account the configuration runs in, when the input knows it (plans read the caller identity).
    let own = ctx.of_type("aws_caller_identity").find_map(|c| {
        c.attr("account_id")
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    for res in ctx.resources() {
        if res.mode != crate::model::Mode::Managed {
            continue;
        }
        let mut found: Vec<(String, Text)> = Vec::new();
        scan(res, &mut found);
        // Policy documents the resource uses count as its own text.
        let mut docs: Vec<&Resource> = res
            .refs
            .iter()
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
                        collect(attr, value, &mut in_doc);
                    }
                }
                found.extend(
                    in_doc
                        .into_iter()
                        .map(|(path, acct)| (format!("{path} of `{}`", doc.address), acct)),
                );
            }
        }
        found.retain(|(_, account)| own.as_deref().is_none_or(|o| account.as_str() == o));
        found.sort();
        found.dedup_by(|a, b| a.1.as_str() == b.1.as_str());
        if let Some((path, account)) = found.first() {
            report(out, res, path, account);
        }
    }
}

/// Literal account ids in the attributes the configuration wrote: computed
/// `arn`/`id` and (in plans) values derived from references are not literals.
fn scan(res: &Resource, found: &mut Vec<(String, Text)>) {
    for (name, value) in &res.attrs {
        if name == "arn"
            || name == "id"
            || name == "owner_id"
            || res.derived_attrs.iter().any(|d| d == name)
        {
            continue;
        }
        collect(name, value, found);
    }
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
/// also inside policy JSON; one from a marked value is marked, and quoted as `(sensitive)`.
fn collect(path: &str, value: &Value, out: &mut Vec<(String, Text)>) {
    // Marks sit on the leaves (`Model::finish`): each leaf says whether it is marked.
    // The path is only quoted: its shown form, with a marked map's keys hidden.
    crate::rules::context::each_leaf(path, value, &mut |_, shown, leaf| {
        let marked = matches!(leaf, Value::Sensitive(_));
        if let Value::String(s) | Value::Partial(s) = leaf.unmarked() {
            for account in accounts_in(s) {
                out.push((shown.to_string(), Text::new(account, marked)));
            }
        }
    });
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
