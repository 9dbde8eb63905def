//! `.tfward.hcl`: a team's configuration under version control. It is a
//! policy file (threshold, rules, parameters) that may also list policy
//! packs, variable files and path excludes. Found from the checked path upward
//! to the repository root, or given with `--config`. Also the effective
//! policy: the configuration on top of the policy packs, under the flags.

use crate::error::Result;
use crate::hcl_literal::{SettingsFile, literal};
use crate::policy::Policy;
use crate::rules::meta::Severity;
use crate::text::bounded::Limit;
use hcl::edit::Span;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = ".tfward.hcl";

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub path: PathBuf,
    pub text: String,
    /// Policy packs to load before the file's own settings: built-in names or files.
    pub packs: Vec<PathBuf>,
    /// Variable files for HCL inputs, before any `--var-file`.
    pub var_files: Vec<PathBuf>,
    /// Glob patterns of input paths to skip.
    pub exclude: Vec<glob::Pattern>,
}

/// The nearest `.tfward.hcl` from `start` up to the repository root (a folder with `.git`).
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() {
        start.parent()?
    } else {
        start
    };
    let mut dir = std::fs::canonicalize(start).ok()?;
    loop {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() || !dir.pop() {
            return None;
        }
    }
}

/// The configuration file in force: `given` (`--config`), else the nearest
/// `.tfward.hcl` from `start`.
pub fn find(given: Option<&Path>, start: &Path, limit: Limit) -> Result<Option<Config>> {
    match given.map(Path::to_path_buf).or_else(|| discover(start)) {
        Some(path) => load(&path, limit).map(Some),
        None => Ok(None),
    }
}

/// The policy in force. Precedence, lowest first: `base` (the built-in default
/// pack, or an empty policy), the packs `config` lists, its own settings,
/// the `policies` files (`--policy`), then `threshold` (`--severity-threshold`);
/// `--rule` and `--skip-rule` win over all of them when rules are selected.
pub fn effective_policy(
    base: Policy,
    config: Option<&Config>,
    policies: &[PathBuf],
    threshold: Option<Severity>,
    limit: Limit,
) -> Result<Policy> {
    let mut policy = base;
    let builtin_rules = crate::rules::builtin_ids();
    if let Some(config) = config {
        for pack in &config.packs {
            policy.load_file(pack, limit, &builtin_rules)?;
        }
        policy.apply_except(
            &config.path,
            &config.text,
            &["policies", "var_files", "exclude"],
            &builtin_rules,
        )?;
    }
    for file in policies {
        policy.load_file(file, limit, &builtin_rules)?;
    }
    if let Some(threshold) = threshold {
        policy.severity_threshold = threshold;
        policy.origins.insert(
            "severity_threshold".to_string(),
            "--severity-threshold".to_string(),
        );
    }
    Ok(policy)
}

pub fn load(path: &Path, limit: Limit) -> Result<Config> {
    let text = crate::text::read_text(path, limit)?;
    let (file, body) = SettingsFile::parse(path, &text, "configuration")?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut config = Config {
        path: path.to_path_buf(),
        text: text.clone(),
        ..Config::default()
    };
    for attr in body.attributes() {
        let line = file.line(attr.span());
        let fail = |message: String| file.error(line, message);
        let key = attr.key.as_str();
        if !["policies", "var_files", "exclude"].contains(&key) {
            continue;
        }
        let value = literal(&attr.value.clone().into());
        let items: Vec<String> = value
            .as_list()
            .and_then(|l| {
                l.iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
            })
            .ok_or_else(|| fail(format!("`{key}` must be a list of strings")))?;
        match key {
            "policies" => {
                config.packs = items
                    .into_iter()
                    .map(|p| {
                        if crate::policy::load::builtin_pack(&p).is_some() {
                            PathBuf::from(p)
                        } else {
                            dir.join(p)
                        }
                    })
                    .collect()
            }
            "var_files" => config.var_files = items.into_iter().map(|p| dir.join(p)).collect(),
            _ => {
                config.exclude = items
                    .iter()
                    .map(|p| {
                        glob::Pattern::new(p).map_err(|e| fail(format!("`exclude`: {p}: {e}")))
                    })
                    .collect::<Result<_>>()?
            }
        }
    }
    Ok(config)
}

impl Config {
    /// Whether an input path is excluded (patterns match the path as given, or relative to the config).
    pub fn excludes(&self, path: &Path) -> bool {
        let relative = self.path.parent().and_then(|dir| {
            std::fs::canonicalize(path).ok().and_then(|p| {
                p.strip_prefix(std::fs::canonicalize(dir).ok()?)
                    .ok()
                    .map(Path::to_path_buf)
            })
        });
        self.exclude
            .iter()
            .any(|g| g.matches_path(path) || relative.as_deref().is_some_and(|r| g.matches_path(r)))
    }
}
