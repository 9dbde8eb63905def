//! `tfward check`: runs the rules on plans and configurations and writes the
//! report; exit 1 on findings at or above the threshold.

use super::{Finished, Inputs, Outcome, Rulebook, stdout_error};
use crate::cli::{CheckArgs, ReportArgs};
use crate::error::Result;
use crate::model::Model;
use crate::report::{self, CheckFormat, Style};
use crate::rules::finding::Finding;
use crate::rules::rule::Rule;
use crate::rules::wiring::Wire;
use crate::{baseline, output};
use std::io::Write;

pub(crate) fn run(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    style: Style,
) -> Result<Finished> {
    let report = &args.report;
    let Inputs { rulebook, models } = Inputs::prepare(
        &args.input,
        &report.policy,
        report.severity_threshold,
        &report.selection,
        err,
    )?;
    let outcome = check_and_report(report, &rulebook, &models, out, err, style)?;
    Ok(Finished { outcome, models })
}

/// Runs the rules on the models and writes the report (`check` and `plan`).
///
/// The verdict is decided before the report is written: a reader that goes
/// away (`tfward check | head`) cuts the report short but not the exit code.
pub(super) fn check_and_report(
    args: &ReportArgs,
    rulebook: &Rulebook,
    models: &[Model],
    out: &mut dyn Write,
    err: &mut dyn Write,
    style: Style,
) -> Result<Outcome> {
    let targets = targets(args)?;
    // Only the formats that draw the region map need its wires.
    let wired = targets
        .iter()
        .any(|(f, _)| matches!(f, CheckFormat::Markdown | CheckFormat::Html));
    let rules = rulebook.rules();
    let (findings, wires) = findings(args, rulebook, &rules, models, wired, err)?;
    let report = report::check::Report {
        findings: &findings,
        rules: &rules,
        policy: &rulebook.policy,
        models,
        wires: &wires,
        threshold: rulebook.policy.severity_threshold,
        show_suppressed: args.show_suppressed,
    };
    let outcome = if report.failed() {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    let write = |format: CheckFormat, target: &mut dyn Write, style: Style| {
        match format {
            CheckFormat::Human => report::human::write(&report, target, style),
            CheckFormat::Json => report::json::write(&report, target),
            CheckFormat::Sarif => report::sarif::write(&report, target),
            CheckFormat::Github => report::github::write(&report, target),
            CheckFormat::Markdown => report::markdown::write(&report, target),
            CheckFormat::Html => report::html::write(&report, target),
            CheckFormat::Gitlab => report::gitlab::write(&report, target),
            CheckFormat::Junit => report::junit::write(&report, target),
        }
        .and_then(|()| target.flush())
    };
    // Files first: a reader of standard output that goes away cuts only that short.
    for (format, path) in targets.iter().rev() {
        match path {
            Some(path) => output::write_output(path, format.escapes(), |file| {
                write(*format, file, Style { color: false })
            })?,
            None => match write(*format, out, style) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) => return Err(stdout_error(e)),
            },
        }
    }
    Ok(outcome)
}

/// Where each report goes: the `--format` one to its plain `--output` file or
/// standard output, first; then each `--output FORMAT=FILE`.
fn targets(args: &ReportArgs) -> Result<Vec<(CheckFormat, Option<&std::path::Path>)>> {
    let plain: Vec<&std::path::Path> = args
        .output
        .iter()
        .filter(|o| o.format.is_none())
        .map(|o| o.path.as_path())
        .collect();
    if plain.len() > 1 {
        return Err(crate::error::Error::Usage(
            "--output FILE given twice: name the other reports' formats (--output sarif=FILE)"
                .to_string(),
        ));
    }
    let mut targets = vec![(args.format, plain.first().copied())];
    for o in &args.output {
        if let Some(format) = o.format {
            if targets.iter().any(|(_, p)| *p == Some(o.path.as_path())) {
                return Err(crate::error::Error::Usage(format!(
                    "--output: {} is named twice",
                    o.path.display()
                )));
            }
            targets.push((format, Some(o.path.as_path())));
        }
    }
    Ok(targets)
}

/// The findings to report: only changes with `--changes-only`, the baseline
/// applied (and written), sorted; and the wires when `wired`.
fn findings<'r>(
    args: &ReportArgs,
    rulebook: &Rulebook,
    rules: &[Rule<'r>],
    models: &[Model],
    wired: bool,
    err: &mut dyn Write,
) -> Result<(Vec<Finding<'r>>, Vec<Vec<Wire>>)> {
    let (mut findings, wires) = rulebook.run(rules, models, wired);
    if args.changes_only {
        // Only what the plan creates, updates or replaces; findings about the
        // configuration as a whole, and inputs that are not plans, stay.
        findings.retain(|f| {
            f.address.is_empty()
                || f.actions.is_empty()
                || matches!(f.action(), Some("create" | "update" | "replace"))
        });
    }
    let old_baseline = match &args.baseline {
        Some(path) => Some(baseline::apply(
            path,
            args.policy.limits.input(),
            &mut findings,
        )?),
        None => None,
    };
    if let Some(path) = &args.write_baseline {
        baseline::write(path, &findings, old_baseline.as_ref(), err)?;
    }
    crate::rules::sort(&mut findings);
    Ok((findings, wires))
}
