//! The rule engine: one declaration per rule (id, severity, title, rationale,
//! remediation, check), a registry, and the run that applies the policy.

pub mod backup;
pub mod compute;
pub mod context;
pub mod custom;
pub mod identity;
pub mod kms;
pub mod logging;
pub mod network;
pub mod region;
#[doc(hidden)]
pub mod sensitive;
pub mod storage;

pub use context::Context;

use crate::model::{Location, Model, Region, Resource};
use crate::policy::Policy;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            "critical" => Some(Severity::Critical),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Rule families follow the sections of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Backup,
    Kms,
    Region,
    Logging,
    Storage,
    Identity,
    Network,
    Compute,
    /// Rules a team declares in its policy.
    Custom,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Backup => "backup",
            Family::Kms => "kms",
            Family::Region => "region",
            Family::Logging => "logging",
            Family::Storage => "storage",
            Family::Identity => "identity",
            Family::Network => "network",
            Family::Compute => "compute",
            Family::Custom => "custom",
        }
    }
}

/// What a rule is, for docs, `explain`, SARIF and JSON.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    pub id: &'static str,
    pub family: Family,
    /// Default; a policy may override it.
    pub severity: Severity,
    /// What it finds (never changes with the finding).
    pub title: &'static str,
    /// Why it matters.
    pub rationale: &'static str,
    /// How to fix it.
    pub remediation: &'static str,
    /// The fix in HCL.
    pub example: &'static str,
    /// Only runs when asked for (`region-unresolved` with `--strict-regions`).
    #[serde(skip)]
    pub opt_in: bool,
}

pub struct Rule {
    pub meta: RuleMeta,
    pub check: fn(&Context, &mut Findings),
}

/// Every rule, sorted by id.
pub static RULES: &[&Rule] = &[
    &region::availability_zone_region_mismatch::RULE,
    &backup::backup_copy_same_region::RULE,
    &backup::backup_lifecycle_invalid::RULE,
    &backup::backup_no_cross_region_copy::RULE,
    &backup::backup_plan_unselected::RULE,
    &backup::backup_plan_vault_missing::RULE,
    &backup::backup_rule_schedule_invalid::RULE,
    &backup::backup_selection_empty::RULE,
    &backup::backup_selection_plan_missing::RULE,
    &backup::backup_selection_role::RULE,
    &backup::backup_vault_kms::RULE,
    &logging::cloudtrail_bucket_policy_missing::RULE,
    &logging::cloudtrail_log_validation::RULE,
    &logging::cloudtrail_not_encrypted::RULE,
    &logging::cloudtrail_not_multi_region::RULE,
    &region::cross_region_reference::RULE,
    &storage::encryption_at_rest_disabled::RULE,
    &identity::hardcoded_account_id::RULE,
    &identity::iam_logs_arn_without_stream_wildcard::RULE,
    &identity::iam_wildcard_action::RULE,
    &kms::kms_cross_region_reference::RULE,
    &kms::kms_key_policy_service_grant::RULE,
    &kms::kms_key_rotation::RULE,
    &kms::kms_missing_in_region::RULE,
    &compute::lambda_runtime_deprecated::RULE,
    &network::nacl_allow_all_ingress::RULE,
    &kms::rds_cross_region_replica_kms::RULE,
    &region::region_not_allowed::RULE,
    &region::region_required_missing::RULE,
    &region::region_unresolved::RULE,
    &network::route53_failover_without_health_check::RULE,
    &network::route53_public_zone_placeholder::RULE,
    &storage::s3_replication_destination_unknown::RULE,
    &storage::s3_replication_prereqs::RULE,
    &network::waf_web_acl_unassociated::RULE,
];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.meta.id == id)
}

/// A resource a finding was compared with: the vault, key, role or bucket.
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub address: String,
    pub region: String,
    pub role: &'static str,
    #[serde(skip)]
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub message: String,
    pub address: String,
    pub r#type: String,
    pub region: String,
    pub location: Location,
    pub related: Vec<Related>,
    /// Planned actions of the resource (plan input).
    pub actions: Vec<String>,
    /// Stable across runs and line moves: the rule, the resource, its region and
    /// what it was compared with (for baselines and code scanning).
    pub fingerprint: String,
    /// Why the finding is suppressed, when it is.
    pub suppressed: Option<Suppressed>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Suppressed {
    /// `inSource` (a comment, tag or metadata) or `external` (a baseline), as SARIF names them.
    pub kind: &'static str,
    /// What suppressed it: `comment`, `tag`, `metadata` (CDKTF) or `baseline`.
    pub source: &'static str,
    pub justification: String,
    /// `YYYY-MM-DD`: the day after which the suppression stops applying.
    pub expires: Option<String>,
}

impl Suppressed {
    /// How a report names it: `suppressed (comment): reason`.
    pub fn describe(&self) -> String {
        let until = self
            .expires
            .as_deref()
            .map_or(String::new(), |d| format!(", until {d}"));
        format!(
            "suppressed ({}{until}): {}",
            self.source, self.justification
        )
    }
}

/// Collects one rule's findings.
pub struct Findings<'a> {
    meta: &'a RuleMeta,
    severity: Severity,
    out: Vec<Finding>,
}

impl<'a> Findings<'a> {
    pub fn new(meta: &'a RuleMeta, severity: Severity) -> Findings<'a> {
        Findings {
            meta,
            severity,
            out: Vec::new(),
        }
    }

    /// Reports `message` against `res`; related resources are added on the result.
    pub fn report(&mut self, res: &Resource, message: impl Into<String>) -> &mut Finding {
        self.out.push(Finding {
            rule: self.meta.id,
            severity: self.severity,
            title: self.meta.title,
            message: message.into(),
            address: res.address.clone(),
            r#type: res.r#type.clone(),
            region: res.placement.region_text().to_string(),
            location: res.location.clone(),
            related: Vec::new(),
            actions: res.actions.clone(),
            fingerprint: String::new(),
            suppressed: None,
        });
        self.out.last_mut().expect("just pushed")
    }

    /// A finding about the configuration as a whole, anchored to its source.
    pub fn report_config(
        &mut self,
        model: &Model,
        region: &Region,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.out.push(Finding {
            rule: self.meta.id,
            severity: self.severity,
            title: self.meta.title,
            message: message.into(),
            address: String::new(),
            r#type: String::new(),
            region: region.to_string(),
            location: Location {
                file: model.source.clone(),
                ..Location::default()
            },
            related: Vec::new(),
            actions: Vec::new(),
            fingerprint: String::new(),
            suppressed: None,
        });
        self.out.last_mut().expect("just pushed")
    }

    /// The id of the rule these findings belong to.
    pub fn rule_id(&self) -> &str {
        self.meta.id
    }

    pub fn into_vec(self) -> Vec<Finding> {
        self.out
    }
}

impl Finding {
    /// The planned action of the finding's resource, as one word (plan input).
    pub fn action(&self) -> Option<&'static str> {
        let has = |a: &str| self.actions.iter().any(|x| x == a);
        match (
            has("create"),
            has("delete"),
            has("update"),
            has("read"),
            has("no-op"),
        ) {
            (true, true, _, _, _) => Some("replace"),
            (true, false, _, _, _) => Some("create"),
            (false, true, _, _, _) => Some("delete"),
            (_, _, true, _, _) => Some("update"),
            (_, _, _, true, _) => Some("read"),
            (_, _, _, _, true) => Some("no-op"),
            _ => None,
        }
    }

    pub fn related(&mut self, res: &Resource, role: &'static str) -> &mut Finding {
        if !self
            .related
            .iter()
            .any(|r| r.address == res.address && r.role == role)
        {
            self.related.push(Related {
                address: res.address.clone(),
                region: res.placement.region_text().to_string(),
                role,
                location: res.location.clone(),
            });
        }
        self
    }
}

/// Runs the selected rules on one model; findings come back sorted
/// (file, line, rule, address) for every reporter.
pub fn run(model: &Model, policy: &Policy, selected: &[&'static Rule]) -> Vec<Finding> {
    run_with(model, policy, selected, true)
}

/// `run` without the final mask of marked values: for the test that each rule
/// carries the marks itself (the mask is the second line of defence).
#[doc(hidden)]
pub fn run_unmasked(model: &Model, policy: &Policy, selected: &[&'static Rule]) -> Vec<Finding> {
    run_with(model, policy, selected, false)
}

fn run_with(
    model: &Model,
    policy: &Policy,
    selected: &[&'static Rule],
    mask: bool,
) -> Vec<Finding> {
    use rayon::prelude::*;
    let ctx = Context::new(model, policy);
    // Rules read the model and the context's shared indexes only: they run on
    // every core, and the per-rule results keep the rules' order.
    let per_rule: Vec<Vec<Finding>> = selected
        .par_iter()
        .filter_map(|rule| {
            let severity = policy.effective_severity(&rule.meta)?;
            let mut findings = Findings::new(&rule.meta, severity);
            (rule.check)(&ctx, &mut findings);
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
    all
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

/// Today as `YYYY-MM-DD` (`TFWARD_TODAY` overrides it, for tests).
fn today() -> String {
    std::env::var("TFWARD_TODAY").unwrap_or_else(|_| {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        time::OffsetDateTime::now_utc()
            .date()
            .format(&format)
            .unwrap_or_default()
    })
}

/// Marks findings suppressed by a `tfward:ignore` comment on or above their
/// block (or inside it), a `tfward:ignore:<rule>` tag, or CDKTF metadata. An
/// expired suppression no longer applies, and the finding says so.
fn apply_suppressions(ctx: &Context, findings: &mut [Finding]) {
    let today = today();
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

/// `--rule` / `--skip-rule` take ids or family names.
pub fn select(
    only: &[String],
    skip: &[String],
    strict_regions: bool,
) -> Result<Vec<&'static Rule>, String> {
    select_from(RULES, only, skip, strict_regions)
}

/// Selection among the built-in rules and a policy's custom ones.
pub fn select_from(
    all: &[&'static Rule],
    only: &[String],
    skip: &[String],
    strict_regions: bool,
) -> Result<Vec<&'static Rule>, String> {
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
        .copied()
        .filter(|r| only.is_empty() || only.iter().any(|s| matches(s, r)))
        .filter(|r| !skip.iter().any(|s| matches(s, r)))
        .filter(|r| !r.meta.opt_in || strict_regions || only.iter().any(|s| s == r.meta.id))
        .collect())
}

/// `; did you mean `x`?` naming the known names closest to a mistyped one
/// (a few edits away), or nothing when none is close: a typo in a rule id
/// must not read as "this rule does not exist".
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let word = word.to_lowercase();
    // Up to a third of the word may be wrong, and always one or two letters.
    let limit = (word.chars().count() / 3).max(2);
    let mut best: Vec<&str> = Vec::new();
    let mut best_distance = usize::MAX;
    for name in known {
        let distance = strsim::levenshtein(&word, &name.to_lowercase());
        if distance > limit || distance > best_distance {
            continue;
        }
        if distance < best_distance {
            best.clear();
            best_distance = distance;
        }
        if !best.contains(&name) {
            best.push(name);
        }
    }
    best.truncate(3);
    match best.as_slice() {
        [] => String::new(),
        names => format!(
            "; did you mean {}?",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
