//! The human format: findings grouped by resource, coloured by severity.

use super::Style;
use super::check::Report;
use crate::output::escape_line as esc;
use crate::rules::finding::Finding;
use crate::rules::meta::Severity;
use owo_colors::OwoColorize;
use std::io::{self, Write};

fn paint(text: &str, severity: Severity, style: Style) -> String {
    if !style.color {
        return text.to_string();
    }
    match severity {
        Severity::Critical => text.on_red().white().bold().to_string(),
        Severity::High => text.red().bold().to_string(),
        Severity::Medium => text.yellow().to_string(),
        Severity::Low => text.blue().to_string(),
    }
}

/// Every input-derived text (file names, addresses, construct paths,
/// messages) goes through `esc`: a runner reads stdout for workflow
/// commands, so none may start a line or hold `##[`.
fn place(f: &Finding) -> String {
    let mut text = f.location.to_string();
    if let Some(path) = &f.location.construct_path {
        text.push_str(&format!(" ({path})"));
    }
    esc(&text).into_owned()
}

pub fn write(report: &Report, out: &mut dyn Write, style: Style) -> io::Result<()> {
    let mut i = 0;
    let shown = report.shown();
    let findings: &[&Finding] = &shown;
    // Findings come sorted by file and line, so one resource's findings are adjacent.
    while i < findings.len() {
        let head = &findings[i];
        let group_end = findings[i..]
            .iter()
            .position(|f| f.address != head.address || f.location.file != head.location.file)
            .map_or(findings.len(), |n| i + n);
        let title = if head.address.is_empty() {
            "configuration".to_string()
        } else {
            esc(&head.address).into_owned()
        };
        let title = if style.color {
            title.bold().to_string()
        } else {
            title
        };
        writeln!(out, "{title}  ({})  {}", esc(&head.region), place(head))?;
        for f in &findings[i..group_end] {
            let label = format!("{:<8}", f.severity.as_str().to_uppercase());
            match &f.suppressed {
                None => writeln!(
                    out,
                    "  {} {}  {}",
                    paint(&label, f.severity, style),
                    esc(f.rule),
                    esc(&f.message)
                )?,
                // Listed with `--show-suppressed`: marked, and not coloured as
                // if it counted.
                Some(s) => {
                    let tag = format!("[{}]", esc(&s.describe()));
                    let tag = if style.color {
                        tag.dimmed().to_string()
                    } else {
                        tag
                    };
                    writeln!(out, "  {label} {}  {tag} {}", esc(f.rule), esc(&f.message))?
                }
            }
            for r in &f.related {
                let related = esc(&format!(
                    "{} {} ({}) {}",
                    r.role, r.address, r.region, r.location
                ))
                .into_owned();
                let related = if style.color {
                    related.dimmed().to_string()
                } else {
                    related
                };
                writeln!(out, "           ↳ {related}")?;
            }
        }
        writeln!(out)?;
        i = group_end;
    }
    let counts = report.counts_by_severity();
    let parts: Vec<String> = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ]
    .iter()
    .filter_map(|s| counts.get(s).map(|n| format!("{n} {s}")))
    .collect();
    let active: Vec<&Finding> = report.active().collect();
    let findings = &active;
    let suppressed = match report.suppressed_count() {
        0 => String::new(),
        n => format!(", {n} suppressed"),
    };
    let resources = {
        let mut addrs: Vec<&str> = findings.iter().map(|f| f.address.as_str()).collect();
        addrs.sort();
        addrs.dedup();
        addrs.len()
    };
    let verdict = if report.failed() {
        paint(
            &format!("failed (threshold {})", report.threshold),
            Severity::High,
            style,
        )
    } else {
        format!("passed (threshold {})", report.threshold)
    };
    if findings.is_empty() {
        writeln!(
            out,
            "no findings; {} rules checked; {verdict}",
            report.rules.len()
        )
    } else {
        writeln!(
            out,
            "{} finding{} ({}) in {resources} resource{}{suppressed}; {verdict}",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" },
            parts.join(", "),
            if resources == 1 { "" } else { "s" }
        )
    }
}
