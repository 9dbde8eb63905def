//! Policy files (HCL): severity threshold, rule enablement and severities,
//! and the parameters rules read. `policies/default.hcl` is built in.

use crate::error::{Error, Result};
use crate::hcl_literal::{SettingsFile, literal};
use crate::model::Value;
use crate::rules::{RuleMeta, Severity};
use hcl::edit::Span;
use hcl::edit::structure as edit;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const DEFAULT_POLICY: &str = include_str!("../policies/default.hcl");
pub const STRICT_POLICY: &str = include_str!("../policies/strict.hcl");

/// The names `builtin_pack` knows.
pub const BUILTIN_PACKS: [&str; 2] = ["default", "strict"];

/// The policy packs built into tfward, by name (`--policy strict`).
pub fn builtin_pack(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "default" => Some(("policies/default.hcl", DEFAULT_POLICY)),
        "strict" => Some(("policies/strict.hcl", STRICT_POLICY)),
        _ => None,
    }
}

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
    pub custom_rules: Vec<crate::rules::custom::CustomRule>,
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
    /// The built-in default pack.
    pub fn builtin() -> Policy {
        let mut policy = Policy::default();
        policy
            .apply(Path::new("policies/default.hcl"), DEFAULT_POLICY)
            .expect("the built-in policy is valid");
        policy
    }

    /// The severity a rule reports with, or `None` when the policy disables it.
    pub fn effective_severity(&self, meta: &RuleMeta) -> Option<Severity> {
        let setting = self.rules.get(meta.id);
        if setting.and_then(|s| s.enabled) == Some(false) {
            return None;
        }
        Some(setting.and_then(|s| s.severity).unwrap_or(meta.severity))
    }

    /// Loads a policy file, or a built-in pack by name (`strict`).
    pub fn load_file(&mut self, path: &Path, limit: crate::text::bounded::Limit) -> Result<()> {
        if let Some((name, text)) = path.to_str().and_then(builtin_pack) {
            return self.apply(Path::new(name), text);
        }
        // A missing file named like a pack (no extension; `policies = ["strikt"]`
        // in a .tfward.hcl arrives joined to its folder) was meant as one: say which.
        if let Some(word) = path
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|w| !w.contains('.') && std::fs::symlink_metadata(path).is_err())
        {
            let hint = crate::rules::did_you_mean(word, BUILTIN_PACKS);
            if !hint.is_empty() {
                return Err(Error::Usage(format!(
                    "no policy file or built-in pack `{word}`{hint} (packs: {})",
                    BUILTIN_PACKS.join(", ")
                )));
            }
        }
        let text = crate::text::read_text(path, limit)?;
        self.apply(path, &text)
    }

    /// Reads a policy file on top of this policy: what it sets wins.
    pub fn apply(&mut self, path: &Path, text: &str) -> Result<()> {
        self.apply_except(path, text, &[])
    }

    /// Like `apply`, leaving the top-level settings in `skip` to the caller
    /// (a `.tfward.hcl` also lists packs, variable files and excludes).
    pub fn apply_except(&mut self, path: &Path, text: &str, skip: &[&str]) -> Result<()> {
        let (file, body) = SettingsFile::parse(path, text, "policy")?;
        for structure in body.iter() {
            match structure {
                edit::Structure::Attribute(attr) => {
                    let line = file.line(attr.span());
                    let value = literal(&attr.value.clone().into());
                    let key = attr.key.as_str();
                    if skip.contains(&key) {
                        continue;
                    }
                    self.origins
                        .insert(key.to_string(), path.display().to_string());
                    match key {
                        "severity_threshold" => {
                            self.severity_threshold = severity(&value)
                                .ok_or_else(|| file.error(line, bad_severity(key)))?
                        }
                        "required_regions" => {
                            self.required_regions = strings(&value).ok_or_else(|| {
                                file.error(line, format!("`{key}` must be a list of region names"))
                            })?
                        }
                        "allowed_regions" => {
                            self.allowed_regions = strings(&value).ok_or_else(|| {
                                file.error(line, format!("`{key}` must be a list of region names"))
                            })?
                        }
                        "require_cmk" => {
                            self.require_cmk = value.as_bool().ok_or_else(|| {
                                file.error(line, format!("`{key}` must be true or false"))
                            })?
                        }
                        "require_ebs_encryption_by_default" => {
                            self.require_ebs_encryption_by_default =
                                value.as_bool().ok_or_else(|| {
                                    file.error(line, format!("`{key}` must be true or false"))
                                })?
                        }
                        _ => {
                            return Err(file.error(line, format!("unknown policy setting `{key}`")));
                        }
                    }
                }
                edit::Structure::Block(block) => {
                    let line = file.line(block.span());
                    match block.ident.as_str() {
                        "custom_rule" => {
                            let rule = crate::rules::custom::parse(&file, block)?;
                            self.custom_rules.retain(|r| r.id != rule.id);
                            self.custom_rules.push(rule);
                        }
                        "backup" => {
                            for attr in block.body.attributes() {
                                self.origins.insert(
                                    format!("backup.{}", attr.key.as_str()),
                                    path.display().to_string(),
                                );
                            }
                            self.apply_backup(&block.body, &file)?
                        }
                        "rule" => {
                            let [label] = block.labels.as_slice() else {
                                return Err(file.error(
                                    line,
                                    "`rule` needs one label: the rule id".to_string(),
                                ));
                            };
                            let id = label.as_str();
                            if crate::rules::find(id).is_none()
                                && !self.custom_rules.iter().any(|r| r.id == id)
                            {
                                let known = crate::rules::RULES
                                    .iter()
                                    .map(|r| r.meta.id)
                                    .chain(self.custom_rules.iter().map(|r| r.id.as_str()));
                                return Err(file.error(
                                    line,
                                    format!(
                                        "unknown rule `{id}`{} (see `tfward rules`)",
                                        crate::rules::did_you_mean(id, known)
                                    ),
                                ));
                            }
                            self.origins
                                .insert(format!("rule \"{id}\""), path.display().to_string());
                            let setting = self.rules.entry(id.to_string()).or_default();
                            for attr in block.body.attributes() {
                                let line = file.line(attr.span());
                                let value = literal(&attr.value.clone().into());
                                match attr.key.as_str() {
                                    "enabled" => {
                                        setting.enabled =
                                            Some(value.as_bool().ok_or_else(|| {
                                                file.error(
                                                    line,
                                                    "`enabled` must be true or false".to_string(),
                                                )
                                            })?)
                                    }
                                    "severity" => {
                                        setting.severity =
                                            Some(severity(&value).ok_or_else(|| {
                                                file.error(line, bad_severity("severity"))
                                            })?)
                                    }
                                    other => {
                                        return Err(file.error(
                                            line,
                                            format!("unknown rule setting `{other}`"),
                                        ));
                                    }
                                }
                            }
                        }
                        other => {
                            return Err(file.error(line, format!("unknown policy block `{other}`")));
                        }
                    }
                }
            }
        }
        self.sources.push(path.to_path_buf());
        Ok(())
    }

    fn apply_backup(&mut self, body: &edit::Body, file: &SettingsFile) -> Result<()> {
        for attr in body.attributes() {
            let line = file.line(attr.span());
            let value = literal(&attr.value.clone().into());
            let key = attr.key.as_str();
            match key {
                "require_cross_region_copy" => {
                    self.require_cross_region_copy = value
                        .as_bool()
                        .ok_or_else(|| file.error(line, format!("`{key}` must be true or false")))?
                }
                "destination_regions" => {
                    self.backup_destination_regions = strings(&value).ok_or_else(|| {
                        file.error(line, format!("`{key}` must be a list of region names"))
                    })?
                }
                "min_retention_days" => {
                    self.min_retention_days =
                        value.as_f64().filter(|d| *d >= 0.0).ok_or_else(|| {
                            file.error(line, format!("`{key}` must be a number of days"))
                        })?
                }
                _ => return Err(file.error(line, format!("unknown backup setting `{key}`"))),
            }
        }
        Ok(())
    }
}

fn bad_severity(key: &str) -> String {
    format!("`{key}` must be one of low, medium, high, critical")
}

fn severity(value: &Value) -> Option<Severity> {
    value.as_str().and_then(Severity::parse)
}

fn strings(value: &Value) -> Option<Vec<String>> {
    value
        .as_list()?
        .iter()
        .map(|v| {
            v.as_str()
                .filter(|s| crate::region::looks_like_region(s))
                .map(str::to_string)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_policy_loads() {
        let p = Policy::builtin();
        assert_eq!(p.severity_threshold, Severity::High);
        assert!(p.require_cross_region_copy);
    }

    #[test]
    fn a_policy_file_overrides_and_extends() {
        let mut p = Policy::builtin();
        p.apply(
            Path::new("team.hcl"),
            "severity_threshold = \"medium\"\nallowed_regions = [\"us-east-1\"]\nrule \"kms-key-rotation\" {\n  enabled = false\n}\nrule \"backup-vault-kms\" {\n  severity = \"high\"\n}\n",
        )
        .unwrap();
        assert_eq!(p.severity_threshold, Severity::Medium);
        assert_eq!(p.allowed_regions, ["us-east-1"]);
        assert!(
            p.require_cross_region_copy,
            "what the file does not set stays"
        );
        let rotation = crate::rules::find("kms-key-rotation").unwrap();
        assert_eq!(p.effective_severity(&rotation.meta), None);
        let vault = crate::rules::find("backup-vault-kms").unwrap();
        assert_eq!(p.effective_severity(&vault.meta), Some(Severity::High));
    }

    #[test]
    fn errors_name_the_line() {
        let mut p = Policy::default();
        let cases = [
            ("x = 1\n", "2:", "unknown policy setting"),
            (
                "\n\nrule \"no-such-rule\" {}\n",
                ":3:",
                "unknown rule `no-such-rule`",
            ),
            ("severity_threshold = \"huge\"\n", ":1:", "must be one of"),
            ("allowed_regions = [\"mars-1\"]\n", ":1:", "region names"),
            (
                "backup {\n  min_retention_days = -1\n}\n",
                ":2:",
                "number of days",
            ),
            ("rule \"kms-key-rotation\" {\n", ":", "invalid policy"),
        ];
        for (text, _, needle) in cases {
            let err = p.apply(Path::new("p.hcl"), text).unwrap_err().to_string();
            assert!(err.starts_with("p.hcl:"), "{err}");
            assert!(err.contains(needle), "{err}");
        }
        let err = p
            .apply(Path::new("p.hcl"), "\n\nrule \"no-such-rule\" {}\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("p.hcl:3:"), "{err}");
    }
}
