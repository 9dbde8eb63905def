//! `backup-selection-role`: the selection's IAM role is missing, not trusted by AWS Backup, or has no backup permissions.

use crate::model::{Resource, Value};
use crate::rules::context::{Context, PolicyState};
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "backup-selection-role",
        family: Family::Backup,
        severity: Severity::Medium,
        title: "Backup selection role is missing, not assumable by AWS Backup, or lacks backup permissions",
        rationale: "AWS Backup assumes the selection's `iam_role_arn` to snapshot the selected resources. Without a role that trusts `backup.amazonaws.com` and carries the backup permissions (the managed `AWSBackupServiceRolePolicyForBackup` or an equivalent policy), every job fails with an access error.",
        remediation: "Give the selection a role whose trust policy allows `backup.amazonaws.com` to `sts:AssumeRole`, and attach `arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup`.",
        example: r#"resource "aws_iam_role" "backup" {
  name               = "backup"
  assume_role_policy = data.aws_iam_policy_document.backup_trust.json # backup.amazonaws.com
}
resource "aws_iam_role_policy_attachment" "backup" {
  role       = aws_iam_role.backup.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
}"#,
        opt_in: false,
        reads: &[
            "aws_backup_selection",
            "aws_iam_role",
            "aws_iam_policy",
            "aws_iam_role_policy",
        ],
    },
    check: Check::Builtin(check),
};

const MANAGED_POLICY: &str = "AWSBackupServiceRolePolicyForBackup";
/// Actions the managed policy grants; an inline policy granting one of them counts as equivalent.
const BACKUP_ACTIONS: &[&str] = &[
    "ec2:CreateSnapshot",
    "rds:CreateDBSnapshot",
    "dynamodb:CreateBackup",
    "elasticfilesystem:Backup",
    "backup:StartBackupJob",
];

fn check(ctx: &Context, out: &mut Findings) {
    for selection in ctx.managed("aws_backup_selection") {
        let region = selection.placement.region_text_or("unknown region");
        let role_value = selection.attr("iam_role_arn");
        let roles = ctx.targets(selection, "iam_role_arn");
        let role = roles
            .iter()
            .find(|r| r.r#type == "aws_iam_role")
            .copied()
            .or_else(|| {
                let arn = role_value?.as_str()?;
                ctx.by_attr(&["aws_iam_role"], "arn", arn)
                    .into_iter()
                    .next()
                    .or_else(|| {
                        let name = arn.rsplit('/').next()?;
                        ctx.by_attr(&["aws_iam_role"], "name", name)
                            .into_iter()
                            .next()
                    })
            });
        // An existing role (a data source) is defined elsewhere: not judged.
        if roles
            .iter()
            .any(|r| r.r#type == "aws_iam_role" && r.mode == crate::model::Mode::Data)
            || role.is_some_and(|r| r.mode == crate::model::Mode::Data)
        {
            continue;
        }
        let Some(role) = role else {
            if role_value.is_none_or(Value::is_null) && !ctx.has_ref(selection, "iam_role_arn") {
                out.report(
                    selection,
                    format!(
                        "`{}` ({region}) has no `iam_role_arn`: AWS Backup cannot run its jobs",
                        selection.address
                    ),
                );
            }
            continue;
        };
        let mut problems = Vec::new();
        match ctx.policy_doc(role, "assume_role_policy") {
            PolicyState::Known(doc) if doc.fully_known() => {
                let trusted = doc.statements.iter().any(|s| {
                    s.allow
                        && s.grants("sts:AssumeRole")
                        && s.services()
                            .any(|svc| svc == "backup.amazonaws.com" || svc.contains("${"))
                });
                if !trusted {
                    problems.push(
                        "its trust policy does not let `backup.amazonaws.com` assume it"
                            .to_string(),
                    );
                }
            }
            // Unknown is never evidence: a statement known only after apply may trust it.
            PolicyState::Known(_) | PolicyState::Unknown | PolicyState::Absent => {}
        }
        if backup_permissions(ctx, role) == Some(false) {
            problems.push(format!(
                "it has neither `{MANAGED_POLICY}` nor an equivalent policy attached"
            ));
        }
        if !problems.is_empty() {
            out.report(
                selection,
                format!(
                    "`{}` ({region}) uses role `{}`, but {}",
                    selection.address,
                    role.address,
                    problems.join(", and ")
                ),
            )
            .related(role, "role");
        }
    }
}

/// `Some(true)` when the role has backup permissions, `Some(false)` when it
/// visibly has none, `None` when an attached policy is not known.
fn backup_permissions<'m>(ctx: &Context<'m>, role: &'m Resource) -> Option<bool> {
    let mut unknown = false;
    // `arn:${data.aws_partition.current.partition}:iam::aws:policy/...` is partial, and still the managed policy.
    let is_managed = |v: &Value| v.text().is_some_and(|arn| arn.ends_with(MANAGED_POLICY));
    let managed_arns = role.attr("managed_policy_arns");
    if managed_arns
        .and_then(Value::as_list)
        .is_some_and(|l| l.iter().any(is_managed))
    {
        return Some(true);
    }
    let grants = |state: PolicyState, unknown: &mut bool| match state {
        PolicyState::Known(doc) if !doc.fully_known() => {
            *unknown = true;
            false
        }
        PolicyState::Known(doc) => doc
            .statements
            .iter()
            .any(|s| s.allow && BACKUP_ACTIONS.iter().any(|a| s.grants(a))),
        PolicyState::Unknown => {
            *unknown = true;
            false
        }
        PolicyState::Absent => false,
    };
    // `managed_policy_arns = [aws_iam_policy.x.arn]`: the policy's own grants.
    let mut judged = 0;
    for policy in ctx
        .targets(role, "managed_policy_arns")
        .into_iter()
        .filter(|p| p.r#type == "aws_iam_policy")
    {
        if grants(ctx.policy_doc(policy, "policy"), &mut unknown) {
            return Some(true);
        }
        judged += 1;
    }
    // An ARN known only after apply (beyond the policies judged above), or a
    // customer policy defined elsewhere, may grant them.
    match managed_arns.map(Value::unmarked) {
        None | Some(Value::Null) => {}
        Some(Value::List(arns)) => {
            let not_literal = arns.iter().filter(|a| a.as_str().is_none()).count();
            let elsewhere = arns
                .iter()
                .filter_map(Value::as_str)
                .any(|a| a.starts_with("arn:") && !a.contains(":aws:policy/"));
            if not_literal > judged || elsewhere {
                unknown = true;
            }
        }
        Some(_) => unknown = true,
    }
    for (user, r) in ctx.referrers(role) {
        match user.r#type.as_str() {
            "aws_iam_role_policy_attachment" if r.attr == "role" => {
                if user.attr("policy_arn").is_some_and(is_managed) {
                    return Some(true);
                }
                let policies = ctx.targets(user, "policy_arn");
                let arn_unknown = user.attr("policy_arn").is_some_and(Value::is_unknown);
                if (policies.is_empty() || arn_unknown)
                    && !user.attr("policy_arn").is_some_and(Value::is_known)
                {
                    unknown = true;
                }
                for policy in policies
                    .into_iter()
                    .filter(|p| p.r#type == "aws_iam_policy")
                {
                    if grants(ctx.policy_doc(policy, "policy"), &mut unknown) {
                        return Some(true);
                    }
                }
                if user
                    .attr("policy_arn")
                    .and_then(Value::as_str)
                    .is_some_and(|a| a.starts_with("arn:") && !a.contains(":aws:policy/"))
                {
                    unknown = true; // a customer policy defined elsewhere
                }
            }
            // `aws_iam_policy_attachment { roles = [...] }` and the exclusive attachments resource.
            "aws_iam_policy_attachment" if r.attr.starts_with("roles") => {
                if user.attr("policy_arn").is_some_and(is_managed) {
                    return Some(true);
                }
                unknown = true;
            }
            "aws_iam_role_policy_attachments_exclusive" if r.attr == "role_name" => {
                if user
                    .attr("policy_arns")
                    .and_then(Value::as_list)
                    .is_some_and(|l| l.iter().any(is_managed))
                {
                    return Some(true);
                }
                unknown = true;
            }
            "aws_iam_role_policy"
                if r.attr == "role" && grants(ctx.policy_doc(user, "policy"), &mut unknown) =>
            {
                return Some(true);
            }
            _ => {}
        }
    }
    if grants(ctx.policy_doc(role, "inline_policy.policy"), &mut unknown) {
        return Some(true);
    }
    if unknown { None } else { Some(false) }
}
