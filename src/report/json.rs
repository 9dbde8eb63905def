//! The JSON format: tfward's own schema, `"version": 1`. An API: only add to
//! it (a field that changes meaning or goes away bumps `version`).
//!
//! ```text
//! {
//!   "version": 1, "tool": "tfward", "tool_version": "0.1.0",
//!   "findings": [{
//!     "rule", "severity", "title", "message",
//!     "address", "type", "region",            // the resource ("" for the configuration)
//!     "file", "line", "construct_path",       // line and construct_path may be null
//!     "related": [{"address", "region", "role"}],
//!     "action",        // plan input: create | update | replace | delete | read | no-op, else null
//!     "remediation",   // what to do: the rule's fix, as `tfward explain` gives it
//!     "fingerprint",   // the baseline's id of the finding (SARIF partialFingerprints "tfward/v1")
//!     "suppressed"     // null, or {"kind": "inSource" | "external",
//!                      //   "source": "comment" | "tag" | "metadata" | "baseline",
//!                      //   "justification", "expires": "YYYY-MM-DD" | null}
//!   }],
//!   "summary": {"total", "by_severity", "by_rule", "threshold", "failed",
//!               "rules_checked", "suppressed"}
//! }
//! ```
//!
//! `findings` lists the findings that count; with `--show-suppressed` the
//! suppressed ones too, each with its `suppressed` object. `summary` counts
//! only the ones that count, and `suppressed` how many were suppressed.

use super::check::Report;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: &'static str,
    tool_version: &'static str,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary<'a>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    title: &'a str,
    message: &'a str,
    address: &'a str,
    #[serde(rename = "type")]
    r#type: &'a str,
    region: &'a str,
    file: String,
    line: Option<u32>,
    construct_path: Option<&'a str>,
    related: &'a [crate::rules::finding::Related],
    /// Planned action of the resource (`create`, `update`, `replace`, ...), plan input only.
    action: Option<&'static str>,
    /// How to fix it: the rule's remediation.
    remediation: &'a str,
    /// Stable across runs and line moves.
    fingerprint: &'a str,
    /// Why the finding is suppressed (listed only with `--show-suppressed`).
    suppressed: Option<&'a crate::rules::finding::Suppressed>,
}

#[derive(Serialize)]
struct Summary<'a> {
    total: usize,
    by_severity: BTreeMap<&'static str, usize>,
    by_rule: BTreeMap<&'a str, usize>,
    threshold: &'static str,
    failed: bool,
    rules_checked: usize,
    suppressed: usize,
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let doc = Doc {
        version: 1,
        tool: "tfward",
        tool_version: env!("CARGO_PKG_VERSION"),
        findings: report
            .shown()
            .into_iter()
            .map(|f| JsonFinding {
                rule: f.rule,
                severity: f.severity.as_str(),
                title: f.title,
                message: &f.message,
                address: &f.address,
                r#type: &f.r#type,
                region: &f.region,
                file: f.location.file.display().to_string(),
                line: f.location.line,
                construct_path: f.location.construct_path.as_deref(),
                related: &f.related,
                action: f.action(),
                remediation: report
                    .rules
                    .iter()
                    .find(|r| r.meta.id == f.rule)
                    .map_or("", |r| r.meta.remediation),
                fingerprint: &f.fingerprint,
                suppressed: f.suppressed.as_ref(),
            })
            .collect(),
        summary: Summary {
            total: report.active().count(),
            by_severity: report
                .counts_by_severity()
                .into_iter()
                .map(|(s, n)| (s.as_str(), n))
                .collect(),
            by_rule: report.counts_by_rule(),
            threshold: report.threshold.as_str(),
            failed: report.failed(),
            rules_checked: report.rules.len(),
            suppressed: report.suppressed_count(),
        },
    };
    let text = serde_json::to_string_pretty(&doc).map_err(io::Error::other)?;
    out.write_all(crate::output::escape_json(text).as_bytes())?;
    writeln!(out)
}
