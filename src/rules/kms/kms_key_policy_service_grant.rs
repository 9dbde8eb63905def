//! `kms-key-policy-service-grant`: a key used by a service whose principal its key policy does not allow.

use crate::iam::PolicyDoc;
use crate::model::value::Text;
use crate::model::{Region, Resource};
use crate::rules::context::{Context, KEY_TYPES, KMS, PolicyState, list_names, path_matches};
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "kms-key-policy-service-grant",
        family: Family::Kms,
        severity: Severity::High,
        title: "KMS key policy does not allow a service that uses the key",
        rationale: "Some services encrypt with a customer-managed key as themselves, not as the caller: CloudWatch Logs (`logs.<region>.amazonaws.com`) for encrypted log groups, CloudTrail (`cloudtrail.amazonaws.com`) for encrypted trails. Unless the key policy has an Allow statement for that service principal with the actions it needs, creating the log group or trail fails, or logs stop being delivered. The default key policy (account root only) does not grant them.",
        remediation: "Add a key policy statement allowing the service principal the actions it needs (CloudWatch Logs: kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*; CloudTrail: kms:GenerateDataKey*, kms:DescribeKey), ideally with the encryption-context condition AWS documents.",
        example: r#"statement {
  sid       = "AllowCloudWatchLogs"
  actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
  resources = ["*"]
  principals {
    type        = "Service"
    identifiers = ["logs.${data.aws_region.current.name}.amazonaws.com"]
  }
}"#,
        opt_in: false,
        reads: &[
            "aws_kms_key",
            "aws_kms_replica_key",
            "aws_kms_alias",
            "aws_cloudwatch_log_group",
            "aws_cloudtrail",
        ],
    },
    check: Check::Builtin(check),
};

/// Services that use a key as themselves: (resource type, principal for a region, actions).
fn service_of(r#type: &str, region: &str) -> Option<(String, &'static [&'static str])> {
    match r#type {
        "aws_cloudwatch_log_group" => Some((
            format!("logs.{region}.amazonaws.com"),
            &["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
        )),
        "aws_cloudtrail" => Some((
            "cloudtrail.amazonaws.com".to_string(),
            &["kms:GenerateDataKey"],
        )),
        _ => None,
    }
}

fn check(ctx: &Context, out: &mut Findings) {
    for key in KEY_TYPES.iter().flat_map(|t| ctx.managed(t)) {
        // (principal, actions, users)
        let mut needs: Vec<(Text, &[&str], Vec<&Resource>)> = Vec::new();
        for user in users_of(ctx, key) {
            let Region::Known(region) = &user.placement.region else {
                continue;
            };
            let Some((principal, actions)) = service_of(&user.r#type, region) else {
                continue;
            };
            // Named after the user's region: as marked as that region.
            let principal = Text::new(principal, user.placement.sensitive);
            match needs.iter_mut().find(|(p, _, _)| *p == principal) {
                Some((_, _, users)) => users.push(user),
                None => needs.push((principal, actions, vec![user])),
            }
        }
        if needs.is_empty() {
            continue;
        }
        let (policy, via) = key_policy(ctx, key);
        let doc = match policy {
            // A statement known only after apply may make the grant.
            PolicyState::Known(doc) if !doc.fully_known() => continue,
            PolicyState::Known(doc) => doc,
            PolicyState::Absent => PolicyDoc::default(),
            PolicyState::Unknown => continue,
        };
        for (principal, actions, users) in needs {
            let missing: Vec<&str> = actions
                .iter()
                .copied()
                .filter(|action| {
                    !doc.statements.iter().any(|s| {
                        s.allow
                            && s.grants(action)
                            && (s.principals.iter().any(|(_, id)| id == "*")
                                || s.services().any(|svc| {
                                    principal_matches(ctx, key, svc, principal.as_str())
                                }))
                    })
                })
                .collect();
            if missing.is_empty() {
                continue;
            }
            let policy_text = match &via {
                Some(p) => format!("its key policy (`{}`)", p.address),
                None if matches!(doc.statements.len(), 0) => "the default key policy".to_string(),
                None => "its key policy".to_string(),
            };
            let finding = out.report(
                key,
                format!(
                    "`{}` ({}) is used by {}, but {policy_text} has no Allow statement for `{principal}` with {}",
                    key.address,
                    key.placement.region_text_or("unknown region"),
                    list_names(users.iter().map(|u| u.address.as_str()), 3),
                    missing.join(", ")
                ),
            );
            for u in users {
                finding.related(u, "user");
            }
            if let Some(p) = via {
                finding.related(p, "key policy");
            }
        }
    }
}

/// Resources that encrypt with `key` through a KMS attribute, directly or through an alias.
fn users_of<'m>(ctx: &Context<'m>, key: &'m Resource) -> Vec<&'m Resource> {
    let mut out: Vec<&Resource> = Vec::new();
    let mut seen: foldhash::HashSet<&str> = foldhash::HashSet::default();
    let mut targets = vec![key];
    targets.extend(
        ctx.referrers(key)
            .into_iter()
            .filter(|(a, r)| a.r#type == "aws_kms_alias" && path_matches(&r.attr, "target_key_id"))
            .map(|(a, _)| a),
    );
    for target in targets {
        for (user, r) in ctx.referrers(target) {
            let is_key_attr = KMS
                .resources
                .get(user.r#type.as_str())
                .is_some_and(|attrs| attrs.iter().any(|a| path_matches(&r.attr, a)));
            if is_key_attr && seen.insert(user.address.as_str()) {
                out.push(user);
            }
        }
    }
    out
}

/// The key's policy: an `aws_kms_key_policy` for it wins over the inline `policy`.
fn key_policy<'m>(ctx: &Context<'m>, key: &'m Resource) -> (PolicyState, Option<&'m Resource>) {
    let attached = ctx
        .referrers(key)
        .into_iter()
        .find(|(p, r)| p.r#type == "aws_kms_key_policy" && path_matches(&r.attr, "key_id"));
    match attached {
        Some((p, _)) => (ctx.policy_doc(p, "policy"), Some(p)),
        None => (ctx.policy_doc(key, "policy"), None),
    }
}

/// Whether a policy's service principal is `wanted`; a principal built from an
/// expression (`logs.${data.aws_region.current.name}.amazonaws.com`) matches
/// when its region data source is in the wanted region, or cannot be resolved.
fn principal_matches(ctx: &Context, key: &Resource, principal: &str, wanted: &str) -> bool {
    if principal.eq_ignore_ascii_case(wanted) {
        return true;
    }
    // Several interpolations (`logs.${region}.${dns_suffix}`): every `${...}` may be anything.
    if principal.matches("${").count() > 1 {
        let pattern = crate::model::value::replace_interpolations(principal, "*");
        return crate::iam::wildcard_match(&pattern, wanted);
    }
    let Some(start) = principal.find("${") else {
        return false;
    };
    let Some(end) = principal[start..].find('}').map(|e| start + e) else {
        return false;
    };
    let (prefix, suffix) = (&principal[..start], &principal[end + 1..]);
    if !wanted.starts_with(prefix)
        || !wanted.ends_with(suffix)
        || wanted.len() < prefix.len() + suffix.len()
    {
        return false;
    }
    let wanted_middle = &wanted[prefix.len()..wanted.len() - suffix.len()];
    let expr = &principal[start + 2..end];
    // `data.aws_region.NAME.name|id|region`, relative to the key's module.
    let segs: Vec<&str> = expr.split('.').collect();
    if segs.len() >= 3 && segs[0] == "data" && segs[1] == "aws_region" {
        let address = crate::address::join(&key.module, &format!("data.aws_region.{}", segs[2]));
        if let Some(region_ds) = ctx.model.lookup(&address).next() {
            return match &region_ds.placement.region {
                Region::Known(r) => r == wanted_middle,
                _ => true,
            };
        }
    }
    true
}
