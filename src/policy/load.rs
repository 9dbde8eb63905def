//! Policy files (HCL) read onto a `Policy`, and the packs built into tfward.
//!
//! A `rule "<id>"` block must name a rule, and a custom rule must not take a
//! built-in rule's id: the caller gives the built-in ids, which the policy
//! does not know (the rule registry sits above it).

use super::{Policy, custom};
use crate::error::{Error, Result, did_you_mean};
use crate::hcl_literal::{SettingsFile, literal};
use crate::model::Value;
use crate::rules::meta::Severity;
use hcl::edit::Span;
use hcl::edit::structure as edit;
use std::path::Path;

pub const DEFAULT_POLICY: &str = include_str!("../../policies/default.hcl");
pub const STRICT_POLICY: &str = include_str!("../../policies/strict.hcl");

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

impl Policy {
    /// The built-in default pack (it names no rule, so it needs no rule ids).
    pub fn builtin() -> Policy {
        let mut policy = Policy::default();
        policy
            .apply(Path::new("policies/default.hcl"), DEFAULT_POLICY, &[])
            .expect("the built-in policy is valid");
        policy
    }

    /// Loads a policy file, or a built-in pack by name (`strict`);
    /// `builtin_rules` are the ids of the built-in rules.
    pub fn load_file(
        &mut self,
        path: &Path,
        limit: crate::text::bounded::Limit,
        builtin_rules: &[&str],
    ) -> Result<()> {
        if let Some((name, text)) = path.to_str().and_then(builtin_pack) {
            return self.apply(Path::new(name), text, builtin_rules);
        }
        // A missing file named like a pack (no extension; `policies = ["strikt"]`
        // in a .tfward.hcl arrives joined to its folder) was meant as one: say which.
        if let Some(word) = path
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|w| !w.contains('.') && std::fs::symlink_metadata(path).is_err())
        {
            let hint = did_you_mean(word, BUILTIN_PACKS);
            if !hint.is_empty() {
                return Err(Error::Usage(format!(
                    "no policy file or built-in pack `{word}`{hint} (packs: {})",
                    BUILTIN_PACKS.join(", ")
                )));
            }
        }
        let text = crate::text::read_text(path, limit)?;
        self.apply(path, &text, builtin_rules)
    }

    /// Reads a policy file on top of this policy: what it sets wins.
    pub fn apply(&mut self, path: &Path, text: &str, builtin_rules: &[&str]) -> Result<()> {
        self.apply_except(path, text, &[], builtin_rules)
    }

    /// Like `apply`, leaving the top-level settings in `skip` to the caller
    /// (a `.tfward.hcl` also lists packs, variable files and excludes).
    pub fn apply_except(
        &mut self,
        path: &Path,
        text: &str,
        skip: &[&str],
        builtin_rules: &[&str],
    ) -> Result<()> {
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
                            let rule = custom::parse(&file, block, builtin_rules)?;
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
                            if !builtin_rules.contains(&id)
                                && !self.custom_rules.iter().any(|r| r.id == id)
                            {
                                let known = builtin_rules
                                    .iter()
                                    .copied()
                                    .chain(self.custom_rules.iter().map(|r| r.id.as_str()));
                                return Err(file.error(
                                    line,
                                    format!(
                                        "unknown rule `{id}`{} (see `tfward rules`)",
                                        did_you_mean(id, known)
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

    /// The built-in rule ids these tests name.
    const BUILTIN: &[&str] = &[
        "backup-vault-kms",
        "kms-key-rotation",
        "kms-missing-in-region",
    ];

    #[test]
    fn builtin_policy_loads() {
        let p = Policy::builtin();
        assert_eq!(p.severity_threshold, Severity::High);
        assert!(p.require_cross_region_copy);
    }

    #[test]
    fn a_policy_file_overrides_and_extends() {
        let mut p = Policy::builtin();
        let meta = |id| crate::rules::meta::RuleMeta {
            id,
            family: crate::rules::meta::Family::Kms,
            severity: Severity::Medium,
            title: "",
            rationale: "",
            remediation: "",
            example: "",
            opt_in: false,
            reads: &[],
        };
        p.apply(
            Path::new("team.hcl"),
            "severity_threshold = \"medium\"\nallowed_regions = [\"us-east-1\"]\nrule \"kms-key-rotation\" {\n  enabled = false\n}\nrule \"backup-vault-kms\" {\n  severity = \"high\"\n}\n",
            BUILTIN,
        )
        .unwrap();
        assert_eq!(p.severity_threshold, Severity::Medium);
        assert_eq!(p.allowed_regions, ["us-east-1"]);
        assert!(
            p.require_cross_region_copy,
            "what the file does not set stays"
        );
        assert_eq!(p.effective_severity(&meta("kms-key-rotation")), None);
        assert_eq!(
            p.effective_severity(&meta("backup-vault-kms")),
            Some(Severity::High)
        );
        assert_eq!(
            p.effective_severity(&meta("kms-missing-in-region")),
            Some(Severity::Medium),
            "a rule the policy does not name keeps its own severity"
        );
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
            let err = p
                .apply(Path::new("p.hcl"), text, BUILTIN)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("p.hcl:"), "{err}");
            assert!(err.contains(needle), "{err}");
        }
        let err = p
            .apply(
                Path::new("p.hcl"),
                "\n\nrule \"no-such-rule\" {}\n",
                BUILTIN,
            )
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("p.hcl:3:"), "{err}");
        let err = p
            .apply(Path::new("p.hcl"), "rule \"kms-key-rotaton\" {}\n", BUILTIN)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("did you mean `kms-key-rotation`?"),
            "the ids given are the ones suggested: {err}"
        );
    }
}
