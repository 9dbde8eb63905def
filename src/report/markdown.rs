//! `--format markdown`: a report for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

use super::check::Report;
use crate::rules::Severity;
use std::io::{self, Write};

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### tfward\n")?;
    let verdict = if report.failed() { "failed" } else { "passed" };
    writeln!(
        out,
        "**{} finding{}** — {verdict} (threshold `{}`), {} rules checked\n",
        report.active().count(),
        if report.active().count() == 1 {
            ""
        } else {
            "s"
        },
        report.threshold,
        report.rules.len()
    )?;
    if report.active().next().is_none() {
        return Ok(());
    }
    let counts = report.counts_by_severity();
    writeln!(out, "| severity | findings |\n|---|---:|")?;
    for s in [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ] {
        if let Some(n) = counts.get(&s) {
            writeln!(out, "| {s} | {n} |")?;
        }
    }
    writeln!(
        out,
        "\n| severity | rule | resource | region | where | finding |\n|---|---|---|---|---|---|"
    )?;
    for f in report.active() {
        let place = f
            .location
            .construct_path
            .clone()
            .unwrap_or_else(|| f.location.to_string());
        writeln!(
            out,
            "| {} | `{}` | `{}` | {} | {} | {} |",
            f.severity,
            f.rule,
            cell(if f.address.is_empty() {
                "(configuration)"
            } else {
                &f.address
            }),
            cell(&f.region),
            cell(&place),
            cell(&f.message)
        )?;
    }
    Ok(())
}
