//! `iam-wildcard-action`: an Allow statement grants every action, or every action of a service on every resource.

use super::policy_documents;
use crate::iam::Statement;
use crate::model::value::Text;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "iam-wildcard-action",
        family: Family::Identity,
        severity: Severity::High,
        title: "Policy grants every action (`*` or `<service>:*` on every resource)",
        rationale: "`\"Action\": \"*\"` (or `s3:*` on `\"*\"`) grants every present and future action: deleting trails and keys, changing policies, reading every secret. Least privilege is the only defence when the role, user or resource policy is misused. (In a KMS key policy `Resource: \"*\"` means that key alone, so `kms:*` for the account's own principals is the standard administrator statement and not a finding.)",
        remediation: "List the actions the principal needs, on the resources it needs them on.",
        example: r#"statement {
  actions   = ["s3:GetObject", "s3:PutObject"]
  resources = ["${aws_s3_bucket.data.arn}/*"]
}"#,
        opt_in: false,
        reads: super::POLICY_HOLDER_TYPES,
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    let account = ctx.own_account();
    for (holder, attr, key_policy, doc) in policy_documents(ctx) {
        // The key's own account, from the policy's `:root` principal when the input does not say.
        let roots: Vec<String> = doc
            .statements
            .iter()
            .flat_map(|s| s.principals.iter())
            .filter_map(|(_, id)| {
                id.as_str()
                    .strip_suffix(":root")
                    .and_then(|a| a.rsplit(':').next())
                    .map(str::to_string)
            })
            .collect();
        let account = account.clone().or_else(|| roots.first().cloned());
        // No account given, and the root principal that would name it may be
        // in a part known only after apply: any AWS principal may be the key's own.
        let account_unknown = account.is_none() && !doc.fully_known();
        let mut what: Vec<String> = Vec::new();
        // In a key policy, a statement with parts known only after apply may
        // be the exempt one (its own account's root): not judged.
        for s in doc
            .statements
            .iter()
            .filter(|s| s.allow && !(key_policy && s.unknown))
        {
            if let Some(grant) = wildcard_grant(s)
                && !(key_policy && same_account_kms(s, &grant, account.as_deref(), account_unknown))
            {
                let sid = s
                    .sid
                    .as_ref()
                    .map(|sid| format!(" (statement `{sid}`)"))
                    .unwrap_or_default();
                what.push(format!("`{grant}` on {}{sid}", resources_text(s)));
            }
        }
        what.dedup();
        if what.is_empty() {
            continue;
        }
        let place = if attr == "policy" {
            String::new()
        } else {
            format!(" in `{attr}`")
        };
        out.report(
            holder,
            format!("`{}`{place} allows {}", holder.address, what.join(", ")),
        );
    }
}

/// `*`, or `service:*` on every resource (`Resource: "*"` or none).
fn wildcard_grant(s: &Statement) -> Option<Text> {
    if let Some(all) = s.actions.iter().find(|a| *a == "*") {
        return Some(all.clone());
    }
    let all_resources = s.resources.is_empty() || s.resources.iter().any(|r| r == "*");
    s.actions
        .iter()
        .find(|a| all_resources && a.as_str().ends_with(":*") && !a.as_str().contains("${"))
        .cloned()
}

fn resources_text(s: &Statement) -> String {
    if s.resources.is_empty() || s.resources.iter().any(|r| r == "*") {
        "every resource".to_string()
    } else {
        s.resources
            .iter()
            .map(|r| format!("`{r}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `kms:*` (or `*`) in a key policy for principals of the key's own account
/// (or, when that account is not known, of any account that may be it).
fn same_account_kms(
    s: &Statement,
    grant: &Text,
    account: Option<&str>,
    account_unknown: bool,
) -> bool {
    if grant != "kms:*" && grant != "*" {
        return false;
    }
    !s.principals.is_empty()
        && s.principals.iter().all(|(kind, id)| {
            let id = id.as_str();
            kind == "AWS"
                && (id.contains("${") // the account from data.aws_caller_identity
                    || account_unknown
                    || account.is_some_and(|a| id == a || id.contains(&format!(":{a}:")))
                    || (account.is_none() && id.ends_with(":root")))
        })
}
