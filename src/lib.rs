//! tfward: a region-aware checker for Terraform and CDKTF on AWS.
//!
//! Loaders (`load`) translate plans, HCL and Terraform JSON into one model
//! (`model`); the region resolver (`region`) decides where each resource
//! lands; reports (`report`) render it.

pub mod address;
pub mod cli;
pub mod error;
pub mod iam;
pub mod load;
pub mod model;
pub mod policy;
pub mod region;
pub mod report;
pub mod rules;
pub mod wrapper;

use cli::{Cli, Command, InputArgs};
use error::Result;
use load::LoadOptions;
use model::Model;
use std::io::Write;

/// How output is styled; decided once in `main`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
}

/// What a successful run found, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Findings,
    /// An exit code decided elsewhere (terraform's own, from `tfward plan`).
    Exit(u8),
}

/// Runs a parsed command; the report goes to `out`, warnings to `err`.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write, style: Style) -> Result<Outcome> {
    let stdout_err = |e| error::Error::io("<stdout>", e);
    match &cli.command {
        Command::Inventory(args) => {
            let models = load_inputs(&args.input, err)?;
            report::inventory::write(&models, args.format, args.why, out, style)
                .map_err(stdout_err)?;
            Ok(Outcome::Clean)
        }
        Command::Check(args) => {
            let policy_and_rules = prepare(&args.report)?;
            let models = load_inputs(&args.input, err)?;
            judge(&args.report, policy_and_rules, &models, out, style)
        }
        Command::Plan(args) => wrapper::run(args, out, err, style),
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut command, "tfward", out);
            Ok(Outcome::Clean)
        }
        Command::Rules(args) => {
            report::catalog::list(args.format, out).map_err(stdout_err)?;
            Ok(Outcome::Clean)
        }
        Command::Explain(args) => {
            let rule = rules::find(&args.rule).ok_or_else(|| {
                error::Error::Usage(format!("unknown rule `{}` (see `tfward rules`)", args.rule))
            })?;
            report::catalog::explain(rule, out).map_err(stdout_err)?;
            Ok(Outcome::Clean)
        }
    }
}

/// The policy and the selected rules: checked before any input is read, so
/// a broken policy or an unknown rule id fails fast.
pub fn prepare(args: &cli::ReportArgs) -> Result<(policy::Policy, Vec<&'static rules::Rule>)> {
    let mut policy = if args.no_default_policy {
        policy::Policy::default()
    } else {
        policy::Policy::builtin()
    };
    for file in &args.policies {
        policy.load_file(file)?;
    }
    let selected = rules::select(&args.rules, &args.skip_rules, args.strict_regions)
        .map_err(error::Error::Usage)?;
    Ok((policy, selected))
}

/// Runs the rules on the models and writes the report.
pub fn judge(
    args: &cli::ReportArgs,
    (policy, selected): (policy::Policy, Vec<&'static rules::Rule>),
    models: &[Model],
    out: &mut dyn Write,
    style: Style,
) -> Result<Outcome> {
    let mut findings: Vec<rules::Finding> = models
        .iter()
        .flat_map(|m| rules::run(m, &policy, &selected))
        .collect();
    if args.changes_only {
        // Only what the plan creates, updates or replaces; findings about the
        // configuration as a whole, and inputs that are not plans, stay.
        findings.retain(|f| {
            f.address.is_empty()
                || f.actions.is_empty()
                || matches!(f.action(), Some("create" | "update" | "replace"))
        });
    }
    if let Some(path) = &args.baseline {
        apply_baseline(path, &mut findings)?;
    }
    if let Some(path) = &args.write_baseline {
        write_baseline(path, &findings)?;
    }
    rules::sort(&mut findings);
    let report = report::check::Report {
        findings: &findings,
        rules: &selected,
        policy: &policy,
        threshold: args.severity_threshold.unwrap_or(policy.severity_threshold),
        show_suppressed: args.show_suppressed,
    };
    let mut file;
    let (target, target_name): (&mut dyn Write, std::path::PathBuf) = match &args.output {
        Some(path) => {
            file = std::io::BufWriter::new(
                std::fs::File::create(path).map_err(|e| error::Error::io(path, e))?,
            );
            (&mut file, path.clone())
        }
        None => (out, "<stdout>".into()),
    };
    let style = if args.output.is_some() {
        Style { color: false }
    } else {
        style
    };
    match args.format {
        cli::CheckFormat::Human => report::human::write(&report, target, style),
        cli::CheckFormat::Json => report::json::write(&report, target),
        cli::CheckFormat::Sarif => report::sarif::write(&report, target),
        cli::CheckFormat::Github => report::github::write(&report, target),
        cli::CheckFormat::Markdown => report::markdown::write(&report, target),
    }
    .and_then(|()| target.flush())
    .map_err(|e| error::Error::io(target_name, e))?;
    Ok(if report.failed() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// A baseline: `{"version": 1, "findings": [{"rule", "address", "fingerprint"}]}`.
fn write_baseline(path: &std::path::Path, findings: &[rules::Finding]) -> Result<()> {
    let entries: Vec<serde_json::Value> = findings
        .iter()
        .filter(|f| f.suppressed.is_none())
        .map(|f| serde_json::json!({ "rule": f.rule, "address": f.address, "fingerprint": f.fingerprint }))
        .collect();
    let doc = serde_json::json!({ "version": 1, "tool": "tfward", "findings": entries });
    let text = serde_json::to_string_pretty(&doc).expect("a JSON value serializes") + "\n";
    std::fs::write(path, text).map_err(|e| error::Error::io(path, e))
}

/// Marks findings recorded in a baseline as suppressed (`external`).
fn apply_baseline(path: &std::path::Path, findings: &mut [rules::Finding]) -> Result<()> {
    let text = load::read_text(path)?;
    let doc: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| error::Error::json(path, &e))?;
    let Some(entries) = doc.get("findings").and_then(|f| f.as_array()) else {
        return Err(error::Error::input(
            path,
            "not a tfward baseline: no `findings` list",
        ));
    };
    let known: std::collections::HashSet<&str> = entries
        .iter()
        .filter_map(|e| e.get("fingerprint").and_then(|f| f.as_str()))
        .collect();
    for f in findings.iter_mut().filter(|f| f.suppressed.is_none()) {
        if known.contains(f.fingerprint.as_str()) {
            f.suppressed = Some(rules::Suppressed {
                kind: "external",
                justification: format!("in baseline {}", path.display()),
            });
        }
    }
    Ok(())
}

/// Loads every PATH; notes (skipped modules, errored plans) go to `err`.
pub fn load_inputs(input: &InputArgs, err: &mut dyn Write) -> Result<Vec<Model>> {
    let opts = LoadOptions {
        cli_vars: input.cli_vars.clone(),
        include_env: !input.no_env_vars,
        workspace: input.workspace.clone(),
    };
    let mut models = Vec::new();
    for path in &input.paths {
        for model in load::load_path(path, &opts)? {
            for note in &model.notes {
                let _ = writeln!(err, "tfward: note: {note}");
            }
            models.push(model);
        }
    }
    Ok(models)
}
