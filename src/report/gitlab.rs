//! `--format gitlab`: GitLab's Code Quality report, the subset of the Code
//! Climate issue format that GitLab shows in the merge-request widget (a
//! JSON array, read from `artifacts: reports: codequality:`).
//!
//! GitLab validates each entry against its own schema
//! (`tests/schemas/gitlab-codeclimate.json`) and keys entries by
//! `fingerprint`, dropping all but one of any that share it; so each
//! fingerprint is made unique. It has no notion of a suppressed issue:
//! suppressed findings are left out, whatever `--show-suppressed` says.

use super::check::Report;
use super::paths::shown_path;
use crate::rules::meta::{Family, Severity};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Write};

/// GitLab's scale is info, minor, major, critical, blocker; tfward's four
/// levels take the top four, so a critical finding is a blocker and a low
/// one still more than information.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Low => "minor",
        Severity::Medium => "major",
        Severity::High => "critical",
        Severity::Critical => "blocker",
    }
}

/// A Code Climate category: rules that keep a deployment working (backups,
/// regions, runtimes) are bug risks, the rest security.
fn category(family: Family) -> &'static str {
    match family {
        Family::Backup | Family::Region | Family::Compute => "Bug Risk",
        Family::Kms
        | Family::Logging
        | Family::Storage
        | Family::Identity
        | Family::Network
        | Family::Custom => "Security",
    }
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let issues: Vec<Value> = report
        .active()
        .map(|f| {
            let meta = report
                .rules
                .iter()
                .find(|r| r.meta.id == f.rule)
                .map(|r| &r.meta);
            // The second finding with a fingerprint gets `-2`, and so on:
            // findings come sorted, so the suffixes are stable between runs.
            let n = seen.entry(f.fingerprint.as_str()).or_insert(0);
            *n += 1;
            let fingerprint = match *n {
                1 => f.fingerprint.clone(),
                n => format!("{}-{n}", f.fingerprint),
            };
            let mut issue = json!({
                "type": "issue",
                "check_name": f.rule,
                "description": f.message,
                "fingerprint": fingerprint,
                "severity": severity(f.severity),
                // A finding with no line (a plan resource without its
                // configuration) points at the file's first line: GitLab
                // needs a line to show it.
                "location": {
                    // Relative to the working directory, the job's checkout.
                    "path": shown_path(&f.location.file),
                    "lines": { "begin": f.location.line.unwrap_or(1) },
                },
            });
            if let Some(meta) = meta {
                issue["categories"] = json!([category(meta.family)]);
                issue["content"] = json!({
                    "body": format!("{}\n\n{}\n\n{}", meta.title, meta.rationale, meta.remediation),
                });
            }
            issue
        })
        .collect();
    let text = serde_json::to_string_pretty(&issues).map_err(io::Error::other)?;
    out.write_all(crate::output::escape_json(text).as_bytes())?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_are_gitlabs_and_keep_their_order() {
        let mapped: Vec<&str> = Severity::ALL.iter().map(|s| severity(*s)).collect();
        assert_eq!(mapped, ["minor", "major", "critical", "blocker"]);
    }
}
