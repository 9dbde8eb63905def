//! `--format junit`: JUnit XML for Jenkins, Azure DevOps, CircleCI and
//! GitLab's test reports, in the shape the Jenkins xunit plugin's
//! `junit-10.xsd` accepts (`tests/schemas/junit-10.xsd`).
//!
//! One `<testsuite>` per rule that ran, one `<testcase>` per finding in it
//! (named by the resource and its region) with a `<failure>`, or a
//! `<skipped>` when the finding is suppressed (always listed, as in SARIF:
//! JUnit has a state for it). A rule with no finding has one passing
//! testcase, `no findings`, as checkov and trivy list passed checks, so a
//! CI's test history shows the rule ran.
//!
//! Written by hand rather than through an XML crate: the structure is three
//! elements deep, and what needs care is the text, which `escape::xml`
//! (shared with the HTML and SVG reports) writes for XML 1.0: markup
//! characters and line breaks as references, characters XML 1.0 forbids
//! replaced, and no `##[` for a runner to read.

use super::check::Report;
use super::escape::xml as esc;
use super::paths::shown_path;
use crate::rules::finding::Finding;
use std::collections::HashMap;
use std::io::{self, Write};

/// The testcase of a rule that found nothing.
pub const PASSED: &str = "no findings";

/// A finding's testcase name: the resource and its region (`configuration`
/// for a finding about the configuration as a whole).
fn case_name(f: &Finding) -> String {
    let address = if f.address.is_empty() {
        "configuration"
    } else {
        &f.address
    };
    if f.region.is_empty() {
        address.to_string()
    } else {
        format!("{address} ({})", f.region)
    }
}

/// `file:line`, relative to the working directory as the other reports put it.
fn place(f: &Finding) -> String {
    let file = shown_path(&f.location.file);
    let mut text = match f.location.line {
        Some(line) => format!("{file}:{line}"),
        None => file,
    };
    if let Some(path) = &f.location.construct_path {
        text.push_str(&format!(" ({path})"));
    }
    text
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut by_rule: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in report.findings {
        by_rule.entry(f.rule).or_default().push(f);
    }
    let tests: usize = report
        .rules
        .iter()
        .map(|r| by_rule.get(r.meta.id).map_or(1, Vec::len))
        .sum();
    let failures: usize = report
        .rules
        .iter()
        .filter_map(|r| by_rule.get(r.meta.id))
        .flatten()
        .filter(|f| f.suppressed.is_none())
        .count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="tfward" tests="{tests}" failures="{failures}" errors="0">"#
    )?;
    for rule in report.rules {
        let id = esc(rule.meta.id);
        let findings = by_rule.get(rule.meta.id).map_or(&[][..], Vec::as_slice);
        let skipped = findings.iter().filter(|f| f.suppressed.is_some()).count();
        writeln!(
            out,
            r#"  <testsuite name="{id}" tests="{}" failures="{}" errors="0" skipped="{skipped}">"#,
            findings.len().max(1),
            findings.len() - skipped,
        )?;
        if findings.is_empty() {
            writeln!(out, r#"    <testcase name="{PASSED}" classname="{id}"/>"#)?;
        }
        // A second finding of the rule on one resource (another problem, or
        // the same resource in another input) gets `#2`, and so on: test
        // reports merge cases that share a name.
        let mut names: HashMap<String, usize> = HashMap::new();
        for f in findings {
            let mut name = case_name(f);
            let n = names.entry(name.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                name.push_str(&format!(" #{n}"));
            }
            writeln!(
                out,
                r#"    <testcase name="{}" classname="{id}">"#,
                esc(&name)
            )?;
            match &f.suppressed {
                Some(s) => writeln!(
                    out,
                    "      <skipped message=\"{}\">{}\nat {}</skipped>",
                    esc(&s.describe()),
                    esc(&f.message),
                    esc(&place(f)),
                )?,
                // Each line of the text starts with tfward's own words, never the input's.
                None => writeln!(
                    out,
                    "      <failure message=\"{}\" type=\"{}\">[{}] {}: {}\nat {}\nRemediation: {}</failure>",
                    esc(&f.message),
                    f.severity.as_str(),
                    f.severity.as_str(),
                    esc(f.title),
                    esc(&f.message),
                    esc(&place(f)),
                    esc(rule.meta.remediation),
                )?,
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
