//! The rule engine: the registry of built-in rules, the selection a
//! command makes (with a policy's custom rules), and the run that applies the
//! policy. A rule's declaration lives in its own file (`meta`, `rule`,
//! `finding` hold the types it uses), next to its family's shared helpers.

pub mod backup;
pub mod compute;
pub mod context;
pub mod custom;
pub mod finding;
pub mod identity;
pub mod kms;
pub mod logging;
pub mod meta;
pub mod network;
pub mod region;
pub mod rule;
#[doc(hidden)]
pub mod sensitive;
pub mod storage;
pub mod wiring;

use crate::error::did_you_mean;
use crate::model::Model;
use crate::policy::Policy;
use context::Context;
use finding::{Finding, Suppressed};
use rule::{Check, Rule};
use wiring::Wire;

/// Every rule, sorted by id.
pub static RULES: &[Rule] = &[
    region::availability_zone_region_mismatch::RULE,
    backup::backup_copy_same_region::RULE,
    backup::backup_lifecycle_invalid::RULE,
    backup::backup_no_cross_region_copy::RULE,
    backup::backup_plan_unselected::RULE,
    backup::backup_plan_vault_missing::RULE,
    backup::backup_rule_schedule_invalid::RULE,
    backup::backup_selection_empty::RULE,
    backup::backup_selection_plan_missing::RULE,
    backup::backup_selection_role::RULE,
    backup::backup_vault_kms::RULE,
    logging::cloudtrail_bucket_policy_missing::RULE,
    logging::cloudtrail_log_validation::RULE,
    logging::cloudtrail_not_encrypted::RULE,
    logging::cloudtrail_not_multi_region::RULE,
    region::cross_region_reference::RULE,
    storage::encryption_at_rest_disabled::RULE,
    identity::hardcoded_account_id::RULE,
    identity::iam_logs_arn_without_stream_wildcard::RULE,
    identity::iam_wildcard_action::RULE,
    kms::kms_cross_region_reference::RULE,
    kms::kms_key_policy_service_grant::RULE,
    kms::kms_key_rotation::RULE,
    kms::kms_missing_in_region::RULE,
    compute::lambda_runtime_deprecated::RULE,
    network::nacl_allow_all_ingress::RULE,
    kms::rds_cross_region_replica_kms::RULE,
    region::region_not_allowed::RULE,
    region::region_required_missing::RULE,
    region::region_unresolved::RULE,
    network::route53_failover_without_health_check::RULE,
    network::route53_public_zone_placeholder::RULE,
    storage::s3_replication_destination_unknown::RULE,
    storage::s3_replication_prereqs::RULE,
    network::waf_web_acl_unassociated::RULE,
];

pub fn find(id: &str) -> Option<&'static Rule<'static>> {
    RULES.iter().find(|r| r.meta.id == id)
}

/// The ids of the built-in rules, which a policy's `rule` blocks may name
/// and its custom rules may not take.
pub fn builtin_ids() -> Vec<&'static str> {
    RULES.iter().map(|r| r.meta.id).collect()
}

/// The built-in rules, then the policy's custom rules.
pub fn all(policy: &Policy) -> Vec<Rule<'_>> {
    let mut all = RULES.to_vec();
    all.extend(
        policy
            .custom_rules
            .iter()
            .enumerate()
            .map(|(i, c)| custom::rule(i, c)),
    );
    all
}

/// The rules a command runs, chosen before any input is read: their places
/// in `all(policy)`, so that it borrows nothing from the policy it was
/// chosen with (the caller keeps both).
#[derive(Debug, Clone)]
pub struct Selection(Vec<usize>);

impl Selection {
    /// The chosen rules, read from the policy they were chosen with.
    pub fn rules<'p>(&self, policy: &'p Policy) -> Vec<Rule<'p>> {
        let all = all(policy);
        self.0.iter().filter_map(|&i| all.get(i).copied()).collect()
    }
}

/// One model's run: its findings, sorted, and the wires a map draws of it
/// (empty unless asked for).
pub struct Run<'r> {
    pub findings: Vec<Finding<'r>>,
    pub wires: Vec<Wire>,
}

/// Runs the selected rules on one model; findings come back sorted
/// (file, line, rule, address) for every reporter.
pub fn run<'r>(model: &Model, policy: &Policy, selected: &[Rule<'r>]) -> Vec<Finding<'r>> {
    run_with(model, policy, selected, true, false).findings
}

/// `run`, and, when `wired`, the model's wires worked out on the same
/// context, for the outputs that draw the region map.
pub fn run_wired<'r>(
    model: &Model,
    policy: &Policy,
    selected: &[Rule<'r>],
    wired: bool,
) -> Run<'r> {
    run_with(model, policy, selected, true, wired)
}

/// `run` without the final mask of marked values: for the test that each rule
/// carries the marks itself (the mask is the second line of defence).
#[doc(hidden)]
pub fn run_unmasked<'r>(model: &Model, policy: &Policy, selected: &[Rule<'r>]) -> Vec<Finding<'r>> {
    run_with(model, policy, selected, false, false).findings
}

fn run_with<'r>(
    model: &Model,
    policy: &Policy,
    selected: &[Rule<'r>],
    mask: bool,
    wired: bool,
) -> Run<'r> {
    use rayon::prelude::*;
    let ctx = Context::new(model, policy);
    // Rules read the model and the context's shared indexes only: they run on
    // every core, and the per-rule results keep the rules' order.
    let per_rule: Vec<Vec<Finding>> = selected
        .par_iter()
        .filter_map(|rule| {
            let severity = policy.effective_severity(&rule.meta)?;
            let mut findings = finding::Findings::new(rule.meta, severity);
            match rule.check {
                Check::Builtin(check) => check(&ctx, &mut findings),
                Check::Custom(index) => custom::check(&ctx, index, &mut findings),
            }
            Some(findings.into_vec())
        })
        .collect();
    let mut all: Vec<Finding> = per_rule.into_iter().flatten().collect();
    for f in &mut all {
        f.fingerprint = fingerprint(f);
    }
    apply_suppressions(&ctx, &mut all);
    // Last, so that nothing written into a finding after it can show a marked value.
    if mask {
        sensitive::mask(model, &mut all);
    }
    sort(&mut all);
    // After the rules, whose lookups built the context's indexes it reuses.
    let wires = if wired {
        wiring::wires(&ctx)
    } else {
        Vec::new()
    };
    Run {
        findings: all,
        wires,
    }
}

/// What makes two findings the same: rule, resource, region and related
/// resources (the fingerprint), place and message.
pub type Sameness = (String, std::path::PathBuf, Option<u32>, String);

/// Whether `f` repeats a finding `seen` already holds (and notes it if not).
/// The models of one CloudFormation template checked in several regions hold
/// the same global resources: their findings are reported once.
pub fn is_repeat(seen: &mut std::collections::HashSet<Sameness>, f: &Finding) -> bool {
    !seen.insert((
        f.fingerprint.clone(),
        f.location.file.clone(),
        f.location.line,
        f.message.clone(),
    ))
}

/// A hash of what identifies a finding, not where it is: line moves keep it.
fn fingerprint(f: &Finding) -> String {
    use sha2::{Digest, Sha256};
    let mut related: Vec<&str> = f.related.iter().map(|r| r.address.as_str()).collect();
    related.sort();
    let mut hasher = Sha256::new();
    for part in [
        f.rule,
        f.address.as_str(),
        f.region.as_str(),
        &related.join(","),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Marks findings suppressed by a `tfward:ignore` comment on or above their
/// block (or inside it), a `tfward:ignore:<rule>` tag, or CDKTF metadata. An
/// expired suppression no longer applies, and the finding says so.
fn apply_suppressions(ctx: &Context, findings: &mut [Finding]) {
    let today = &ctx.policy.today;
    for f in findings.iter_mut().filter(|f| !f.address.is_empty()) {
        let Some(res) = ctx.model.lookup(&f.address).next() else {
            continue;
        };
        let mut candidates: Vec<(crate::model::Suppression, &'static str)> = ctx
            .model
            .suppressions
            .iter()
            .filter(|s| s.rule == f.rule)
            .filter(|s| match (s.line, &s.address) {
                (Some(line), _) => {
                    let start = res.location.line.unwrap_or(0);
                    let end = res.location.end_line.unwrap_or(start);
                    s.file == res.location.file && line + 1 >= start && line <= end
                }
                (None, Some(address)) => *address == res.base_address() || *address == res.address,
                (None, None) => false,
            })
            .map(|s| {
                // A comment has a line; CDKTF metadata names its resource.
                let source = if s.line.is_some() {
                    "comment"
                } else {
                    "metadata"
                };
                (s.clone(), source)
            })
            .collect();
        let tag_key = format!("tfward:ignore:{}", f.rule);
        // A marked tag still suppresses; its reason and date show as `(sensitive)`.
        let mut marked = false;
        if let Some(reason) = ctx.tags(res).get(&tag_key) {
            marked = ctx.tag_marked(res, &tag_key);
            candidates.extend(
                crate::model::Suppression::parse(
                    &format!("{} {reason}", f.rule),
                    res.location.file.clone(),
                    None,
                    None,
                )
                .map(|s| (s, "tag")),
            );
        }
        let hidden = |source: &str| marked && source == "tag";
        let (live, expired): (Vec<_>, Vec<_>) = candidates
            .into_iter()
            .partition(|(s, _)| s.expires.as_deref().is_none_or(|d| d >= today.as_str()));
        if let Some((s, source)) = live.first() {
            let reason = if hidden(source) {
                "(sensitive)".to_string()
            } else if s.reason.is_empty() {
                "no reason given".to_string()
            } else {
                s.reason.clone()
            };
            f.suppressed = Some(Suppressed {
                kind: "inSource",
                source,
                justification: reason,
                // A date is all or nothing in the reports' shape: a marked one is left out.
                expires: s.expires.clone().filter(|_| !hidden(source)),
            });
        } else if let Some((s, source)) = expired.first() {
            let date = if hidden(source) {
                "(sensitive)"
            } else {
                s.expires.as_deref().unwrap_or_default()
            };
            f.message.push_str(&format!(
                " (a `tfward:ignore:{}` for it expired on {date})",
                f.rule
            ));
        }
    }
}

pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (
            &a.location.file,
            a.location.line,
            a.rule,
            &a.address,
            &a.message,
        )
            .cmp(&(
                &b.location.file,
                b.location.line,
                b.rule,
                &b.address,
                &b.message,
            ))
    });
}

/// `--rule` / `--skip-rule` take ids or family names; the built-in rules only.
pub fn select(
    only: &[String],
    skip: &[String],
    strict_regions: bool,
) -> Result<Vec<Rule<'static>>, String> {
    let chosen = choose(RULES, only, skip, strict_regions)?;
    Ok(chosen.into_iter().map(|i| RULES[i]).collect())
}

/// Selection among the built-in rules and the policy's custom ones.
pub fn select_from(
    policy: &Policy,
    only: &[String],
    skip: &[String],
    strict_regions: bool,
) -> Result<Selection, String> {
    choose(&all(policy), only, skip, strict_regions).map(Selection)
}

/// The places in `all` of the rules `only` and `skip` leave.
fn choose(
    all: &[Rule],
    only: &[String],
    skip: &[String],
    strict_regions: bool,
) -> Result<Vec<usize>, String> {
    let matches = |sel: &str, rule: &Rule| sel == rule.meta.id || sel == rule.meta.family.as_str();
    for sel in only.iter().chain(skip) {
        if !all.iter().any(|r| matches(sel, r)) {
            let known = all.iter().flat_map(|r| [r.meta.id, r.meta.family.as_str()]);
            return Err(format!(
                "unknown rule or family `{sel}`{} (see `tfward rules`)",
                did_you_mean(sel, known)
            ));
        }
    }
    Ok(all
        .iter()
        .enumerate()
        .filter(|(_, r)| only.is_empty() || only.iter().any(|s| matches(s, r)))
        .filter(|(_, r)| !skip.iter().any(|s| matches(s, r)))
        .filter(|(_, r)| !r.meta.opt_in || strict_regions || only.iter().any(|s| s == r.meta.id))
        .map(|(i, _)| i)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use meta::Family;

    #[test]
    fn registry_is_sorted_unique_and_documented() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.meta.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted, "RULES must be sorted by id with no duplicates");
        for rule in RULES {
            let m = &rule.meta;
            assert!(
                m.id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{} is not kebab-case",
                m.id
            );
            for (field, text) in [
                ("title", m.title),
                ("rationale", m.rationale),
                ("remediation", m.remediation),
                ("example", m.example),
            ] {
                assert!(!text.trim().is_empty(), "{}: empty {field}", m.id);
            }
            assert!(
                !m.title.ends_with('.'),
                "{}: titles have no final period",
                m.id
            );
        }
    }

    #[test]
    fn every_catalogue_id_is_registered() {
        // The ids of ../shared/RULES.md; tests/catalogue_ids.rs keeps this copy equal to it.
        let ids: Vec<&str> = include_str!("../../testdata/catalogue-ids.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        assert_eq!(
            ids.len(),
            RULES.len(),
            "RULES.md and the registry list the same rules"
        );
        for id in ids {
            assert!(find(id).is_some(), "{id} is in RULES.md but not registered");
        }
    }

    #[test]
    fn selection_by_id_and_family() {
        let backup = select(&["backup".into()], &[], false).unwrap();
        assert!(backup.iter().all(|r| r.meta.family == Family::Backup));
        assert_eq!(
            backup.len(),
            RULES
                .iter()
                .filter(|r| r.meta.family == Family::Backup)
                .count()
        );
        let without = select(&[], &["kms-key-rotation".into()], false).unwrap();
        assert!(without.iter().all(|r| r.meta.id != "kms-key-rotation"));
        assert!(
            without.iter().all(|r| r.meta.id != "region-unresolved"),
            "opt-in rule stays off"
        );
        assert!(
            select(&[], &[], true)
                .unwrap()
                .iter()
                .any(|r| r.meta.id == "region-unresolved")
        );
        assert!(select(&["nope".into()], &[], false).is_err());
    }

    #[test]
    fn custom_rules_are_chosen_by_their_place_in_the_policy() {
        let rule = |id: &str| {
            format!(
                "custom_rule \"{id}\" {{\n  title = \"{id} title\"\n  select {{\n    type = \"aws_s3_bucket\"\n  }}\n  assert {{\n    attribute = \"bucket\"\n    exists    = true\n  }}\n}}\n"
            )
        };
        let mut policy = Policy::default();
        let text = rule("acme-first") + &rule("acme-second");
        policy
            .apply(std::path::Path::new("team.hcl"), &text, &builtin_ids())
            .unwrap();
        let all = all(&policy);
        assert_eq!(all.len(), RULES.len() + 2);
        for (i, id) in ["acme-first", "acme-second"].into_iter().enumerate() {
            let custom = all[RULES.len() + i];
            assert_eq!((custom.meta.id, custom.meta.family), (id, Family::Custom));
            assert!(matches!(custom.check, Check::Custom(at) if at == i));
        }
        let selection = select_from(&policy, &["acme-second".into()], &[], false).unwrap();
        let chosen = selection.rules(&policy);
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].meta.title, "acme-second title");
    }

    #[test]
    fn suggestions_name_the_closest_ids_only() {
        let ids = RULES.iter().map(|r| r.meta.id);
        assert_eq!(
            did_you_mean("kms-key-rotaton", ids.clone()),
            "; did you mean `kms-key-rotation`?"
        );
        assert_eq!(
            did_you_mean("KMS-KEY-ROTATION", ids.clone()),
            "; did you mean `kms-key-rotation`?"
        );
        assert_eq!(did_you_mean("unrelated-words", ids), "");
        assert_eq!(
            select(&["bakup".into()], &[], false).err().unwrap(),
            "unknown rule or family `bakup`; did you mean `backup`? (see `tfward rules`)"
        );
    }
}
