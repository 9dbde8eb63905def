//! `tfward config`: the effective configuration, each value with its source.

use crate::config::Config;
use crate::policy::Policy;
use std::io::{self, Write};

/// `writeln!` of one line with its text escaped (`output::escape_line`):
/// paths, rule ids and origins come from the checked tree, and stdout is
/// read by a CI runner for workflow commands.
macro_rules! esc_line {
    ($out:expr, $($arg:tt)*) => {
        writeln!($out, "{}", crate::output::escape_line(&format!($($arg)*)))
    };
}

pub fn write(policy: &Policy, config: Option<&Config>, out: &mut dyn Write) -> io::Result<()> {
    let origin = |key: &str| {
        policy
            .origins
            .get(key)
            .cloned()
            .unwrap_or_else(|| "tfward's default".to_string())
    };
    let list = |items: &[String]| {
        if items.is_empty() {
            "[] (off)".to_string()
        } else {
            format!("{items:?}")
        }
    };
    match config {
        Some(c) => esc_line!(out, "configuration file: {}", c.path.display())?,
        None => esc_line!(
            out,
            "configuration file: none (no .tfward.hcl up to the repository root)"
        )?,
    }
    let packs: Vec<String> = policy
        .sources
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    esc_line!(out, "policies loaded, in order: {}", packs.join(", "))?;
    writeln!(out)?;
    let rows = [
        ("severity_threshold", policy.severity_threshold.to_string()),
        ("required_regions", list(&policy.required_regions)),
        ("allowed_regions", list(&policy.allowed_regions)),
        ("require_cmk", policy.require_cmk.to_string()),
        (
            "require_ebs_encryption_by_default",
            policy.require_ebs_encryption_by_default.to_string(),
        ),
        (
            "backup.require_cross_region_copy",
            policy.require_cross_region_copy.to_string(),
        ),
        (
            "backup.destination_regions",
            list(&policy.backup_destination_regions),
        ),
        (
            "backup.min_retention_days",
            policy.min_retention_days.to_string(),
        ),
    ];
    for (key, value) in rows {
        esc_line!(out, "{key:<36} = {value:<28} # {}", origin(key))?;
    }
    for (id, setting) in &policy.rules {
        let mut parts = Vec::new();
        if let Some(enabled) = setting.enabled {
            parts.push(format!("enabled = {enabled}"));
        }
        if let Some(severity) = setting.severity {
            parts.push(format!("severity = {severity}"));
        }
        esc_line!(
            out,
            "rule {:<31} {:<30} # {}",
            format!("\"{id}\""),
            parts.join(", "),
            origin(&format!("rule \"{id}\""))
        )?;
    }
    if let Some(c) = config {
        let files: Vec<String> = c
            .var_files
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        esc_line!(
            out,
            "{:<36} = {:<28} # {}",
            "var_files",
            format!("{files:?}"),
            c.path.display()
        )?;
        let globs: Vec<String> = c.exclude.iter().map(|g| g.as_str().to_string()).collect();
        esc_line!(
            out,
            "{:<36} = {:<28} # {}",
            "exclude",
            format!("{globs:?}"),
            c.path.display()
        )?;
    }
    Ok(())
}
