//! `.tfward.hcl`: a team's configuration under version control. It is a
//! policy file (threshold, rules, parameters) that may also list policy
//! packs, variable files and path excludes. Found from the checked path upward
//! to the repository root, or given with `--config`.

use crate::error::Result;
use crate::hcl_literal::{SettingsFile, literal};
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

pub fn load(path: &Path, limit: crate::text::bounded::Limit) -> Result<Config> {
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
