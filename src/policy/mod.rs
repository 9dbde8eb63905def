//! Policies: severity threshold, rule enablement and severities, the
//! parameters rules read, and a team's custom rules. This is the data;
//! `load` reads it from HCL (`policies/default.hcl` is built in), `custom`
//! reads `custom_rule` blocks.

pub mod custom;
pub mod load;

use crate::rules::meta::{RuleMeta, Severity};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleSetting {
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
}

#[derive(Debug, Clone)]
pub struct Policy {
    pub severity_threshold: Severity,
    pub required_regions: Vec<String>,
    pub allowed_regions: Vec<String>,
    pub require_cmk: bool,
    /// `encryption-at-rest-disabled`: every region with EBS volumes needs `aws_ebs_encryption_by_default`.
    pub require_ebs_encryption_by_default: bool,
    pub require_cross_region_copy: bool,
    pub backup_destination_regions: Vec<String>,
    pub min_retention_days: f64,
    pub rules: BTreeMap<String, RuleSetting>,
    /// The files this policy was read from, in order.
    pub sources: Vec<PathBuf>,
    /// Setting → the file that set it last (`tfward config`).
    pub origins: BTreeMap<String, String>,
    /// `custom_rule` blocks, in the order read; a later one with the same id replaces it.
    pub custom_rules: Vec<custom::CustomRule>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            severity_threshold: Severity::High,
            required_regions: Vec::new(),
            allowed_regions: Vec::new(),
            require_cmk: false,
            require_ebs_encryption_by_default: false,
            require_cross_region_copy: true,
            backup_destination_regions: Vec::new(),
            min_retention_days: 0.0,
            rules: BTreeMap::new(),
            sources: Vec::new(),
            origins: BTreeMap::new(),
            custom_rules: Vec::new(),
        }
    }
}

impl Policy {
    /// The severity a rule reports with, or `None` when the policy disables it.
    pub fn effective_severity(&self, meta: &RuleMeta) -> Option<Severity> {
        let setting = self.rules.get(meta.id);
        if setting.and_then(|s| s.enabled) == Some(false) {
            return None;
        }
        Some(setting.and_then(|s| s.severity).unwrap_or(meta.severity))
    }
}
