//! The human format: findings grouped by resource, coloured by severity.

use super::check::Report;
use crate::Style;
use crate::rules::{Finding, Severity};
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

fn place(f: &Finding) -> String {
    let mut text = f.location.to_string();
    if let Some(path) = &f.location.construct_path {
        text.push_str(&format!(" ({path})"));
    }
    text
}

pub fn write(report: &Report, out: &mut dyn Write, style: Style) -> io::Result<()> {
    let mut i = 0;
    let shown = report.shown();
    let findings: &[&crate::rules::Finding] = &shown;
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
            head.address.clone()
        };
        let title = if style.color {
            title.bold().to_string()
        } else {
            title
        };
        writeln!(out, "{title}  ({})  {}", head.region, place(head))?;
        for f in &findings[i..group_end] {
            let label = format!("{:<8}", f.severity.as_str().to_uppercase());
            match &f.suppressed {
                None => writeln!(
                    out,
                    "  {} {}  {}",
                    paint(&label, f.severity, style),
                    f.rule,
                    f.message
                )?,
                // Listed with `--show-suppressed`: marked, and not coloured as
                // if it counted.
                Some(s) => {
                    let tag = format!("[{}]", s.describe());
                    let tag = if style.color {
                        tag.dimmed().to_string()
                    } else {
                        tag
                    };
                    writeln!(out, "  {label} {}  {tag} {}", f.rule, f.message)?
                }
            }
            for r in &f.related {
                let related = format!("{} {} ({}) {}", r.role, r.address, r.region, r.location);
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
    let active: Vec<&crate::rules::Finding> = report.active().collect();
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
