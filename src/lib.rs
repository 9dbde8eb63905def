//! tfward: a region-aware checker for Terraform and CDKTF on AWS.
//!
//! Loaders (`load`) translate plans, HCL and Terraform JSON into one model
//! (`model`); the region resolver (`region`) decides where each resource
//! lands; reports (`report`) render it.

pub mod address;
pub mod cli;
pub mod config;
pub mod error;
pub mod hcl_literal;
pub mod iam;
pub mod load;
pub mod model;
pub mod output;
pub mod policy;
pub mod region;
pub mod report;
pub mod rules;
pub mod text;
pub mod wrapper;

use cli::{Cli, Command, InputArgs};
use error::Result;
use load::LoadOptions;
use model::Model;
use std::fmt::Write as _;
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
            let models = load_inputs(&args.input, None, err)?;
            report::inventory::write(&models, args.format, args.why, out, style)
                .map_err(stdout_err)?;
            Ok(Outcome::Clean)
        }
        Command::Check(args) => {
            let (policy_and_rules, models) = prepare_inputs(&args.input, &args.report, err)?;
            let outcome = judge(&args.report, policy_and_rules, &models, out, err, style);
            // The run ends here: the system takes a large model back at once,
            // faster than freeing it one allocation at a time.
            std::mem::forget(models);
            outcome
        }
        Command::Map(args) => draw_map(args, out, err),
        Command::Config(args) => {
            let start = args.path.clone().unwrap_or_else(|| ".".into());
            let (mut policy, config) = effective_policy(&args.report.policy, &start)?;
            if let Some(threshold) = args.report.severity_threshold {
                policy.severity_threshold = threshold;
                policy.origins.insert(
                    "severity_threshold".to_string(),
                    "--severity-threshold".to_string(),
                );
            }
            report::config::write(&policy, config.as_ref(), out).map_err(stdout_err)?;
            Ok(Outcome::Clean)
        }
        Command::Plan(args) => wrapper::run(args, out, err, style),
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            // clap_complete panics when its writer fails (a closed pipe): it
            // writes to memory, and the write to stdout is ours to handle.
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut command, "tfward", &mut script);
            out.write_all(&script).map_err(stdout_err)?;
            Ok(Outcome::Clean)
        }
        Command::Rules(args) => {
            let (policy, _) = effective_policy(&args.policy, std::path::Path::new("."))?;
            report::catalog::list(&rules::all(&policy), args.format, out).map_err(stdout_err)?;
            Ok(Outcome::Clean)
        }
        Command::Explain(args) => {
            let (policy, _) = effective_policy(&args.policy, std::path::Path::new("."))?;
            let all = rules::all(&policy);
            let rule = all.iter().find(|r| r.meta.id == args.rule).ok_or_else(|| {
                error::Error::Usage(format!(
                    "unknown rule `{}`{} (see `tfward rules`)",
                    args.rule,
                    error::did_you_mean(&args.rule, all.iter().map(|r| r.meta.id))
                ))
            })?;
            report::catalog::explain(rule, out).map_err(stdout_err)?;
            Ok(Outcome::Clean)
        }
    }
}

/// The policy and the selected rules: checked before any input is read, so
/// a broken policy or an unknown rule id fails fast.
pub fn prepare(
    args: &cli::ReportArgs,
    start: &std::path::Path,
) -> Result<(policy::Policy, rules::Selection)> {
    let (mut policy, _) = effective_policy(&args.policy, start)?;
    if let Some(threshold) = args.severity_threshold {
        policy.severity_threshold = threshold;
        policy.origins.insert(
            "severity_threshold".to_string(),
            "--severity-threshold".to_string(),
        );
    }
    // An opt-in rule runs when the policy enables it (the strict pack does).
    let enabled = |id: &str| policy.rules.get(id).and_then(|r| r.enabled) == Some(true);
    let strict_regions = args.strict_regions || enabled("region-unresolved");
    let selected = rules::select_from(&policy, &args.rules, &args.skip_rules, strict_regions)
        .map_err(error::Error::Usage)?;
    Ok((policy, selected))
}

/// The configuration file in force: `--config`, else the nearest `.tfward.hcl`.
pub fn config_file(
    args: &cli::PolicyArgs,
    start: &std::path::Path,
) -> Result<Option<config::Config>> {
    if args.no_config {
        return Ok(None);
    }
    match args.config.clone().or_else(|| config::discover(start)) {
        Some(path) => config::load(&path, args.limits.file()).map(Some),
        None => Ok(None),
    }
}

/// Precedence, lowest first: the built-in default pack, the packs a
/// `.tfward.hcl` lists, its own settings, `--policy` files; command-line flags
/// (`--severity-threshold`, `--rule`, `--skip-rule`) win over all of them.
pub fn effective_policy(
    args: &cli::PolicyArgs,
    start: &std::path::Path,
) -> Result<(policy::Policy, Option<config::Config>)> {
    let mut policy = if args.no_default_policy {
        policy::Policy::default()
    } else {
        policy::Policy::builtin()
    };
    let config = config_file(args, start)?;
    let builtin_rules = rules::builtin_ids();
    if let Some(config) = &config {
        for pack in &config.packs {
            policy.load_file(pack, args.limits.file(), &builtin_rules)?;
        }
        policy.apply_except(
            &config.path,
            &config.text,
            &["policies", "var_files", "exclude"],
            &builtin_rules,
        )?;
    }
    for file in &args.policies {
        policy.load_file(file, args.limits.file(), &builtin_rules)?;
    }
    Ok((policy, config))
}

/// `tfward map`: the region map of the inputs, coloured by their findings.
fn draw_map(args: &cli::MapArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome> {
    let stdout_err = |e| error::Error::io("<stdout>", e);
    let report_args = cli::ReportArgs {
        policy: cli::PolicyArgs {
            policies: args.policy.policies.clone(),
            no_default_policy: args.policy.no_default_policy,
            config: args.policy.config.clone(),
            no_config: args.policy.no_config,
            limits: args.policy.limits,
        },
        format: cli::CheckFormat::Human,
        output: None,
        severity_threshold: None,
        rules: args.rules.clone(),
        skip_rules: args.skip_rules.clone(),
        strict_regions: args.strict_regions,
        changes_only: false,
        show_suppressed: false,
        baseline: None,
        write_baseline: None,
    };
    // The same policy, rules and loading as `check`, so findings colour the map.
    let ((policy, selection), models) = prepare_inputs(&args.input, &report_args, err)?;
    let selected = selection.rules(&policy);
    let (findings, wires) = run_rules(&report_args, &policy, &selected, &models, true, err)?;
    let opts = report::graph::Options {
        all: args.all,
        fold: if args.no_fold {
            report::graph::Fold::Never
        } else {
            report::graph::Fold::Auto
        },
    };
    let mut graph = report::graph::build(&models, &wires, &findings, opts);
    if args.format == cli::MapFormat::Svg
        && !graph.folded
        && graph.nodes.len() > report::map::SVG_LAYOUT_LIMIT
    {
        output::message(
            err,
            format_args!(
                "tfward: note: laying out {} nodes would take too long (layout time grows steeply); the SVG is folded (--format dot or mermaid draw every resource)",
                graph.nodes.len()
            ),
        );
        graph = report::graph::fold_graph(graph);
    }
    let text = match args.format {
        cli::MapFormat::Mermaid => report::map::mermaid(&graph),
        cli::MapFormat::Dot => report::map::dot(&graph),
        cli::MapFormat::Svg => report::map::svg(&graph),
    };
    match &args.output {
        Some(path) => output::write_output(path, Some(output::map_escapes(args.format)), |w| {
            w.write_all(text.as_bytes())
        })?,
        None => out.write_all(text.as_bytes()).map_err(stdout_err)?,
    }
    Ok(Outcome::Clean)
}

/// What `check` and `map` share: the policy and rules found from the first
/// input's directory, then the inputs loaded with its configuration file.
#[allow(clippy::type_complexity)]
fn prepare_inputs(
    input: &cli::InputArgs,
    report: &cli::ReportArgs,
    err: &mut dyn Write,
) -> Result<((policy::Policy, rules::Selection), Vec<Model>)> {
    let start = input.paths.first().cloned().unwrap_or_else(|| ".".into());
    let policy_and_rules = prepare(report, &start)?;
    let config = config_file(&report.policy, &start)?;
    let models = load_inputs(input, config.as_ref(), err)?;
    Ok((policy_and_rules, models))
}

/// Runs the rules on the models: findings sorted, baseline applied; and,
/// when `wired`, each model's wires for the region map.
pub fn run_rules<'r>(
    args: &cli::ReportArgs,
    policy: &policy::Policy,
    selected: &[rules::rule::Rule<'r>],
    models: &[Model],
    wired: bool,
    err: &mut dyn Write,
) -> Result<(
    Vec<rules::finding::Finding<'r>>,
    Vec<Vec<rules::wiring::Wire>>,
)> {
    // Each model is judged on its own core; `sort` below restores one order.
    use rayon::prelude::*;
    let runs: Vec<rules::Run> = models
        .par_iter()
        .map(|m| rules::run_wired(m, policy, selected, wired))
        .collect();
    let mut findings = Vec::new();
    let mut wires = Vec::with_capacity(runs.len());
    for run in runs {
        findings.extend(run.findings);
        wires.push(run.wires);
    }
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
        Some(path) => Some(apply_baseline(
            path,
            args.policy.limits.input(),
            &mut findings,
        )?),
        None => None,
    };
    if let Some(path) = &args.write_baseline {
        write_baseline(path, &findings, old_baseline.as_ref(), err)?;
    }
    rules::sort(&mut findings);
    Ok((findings, wires))
}

/// Runs the rules on the models and writes the report.
///
/// The verdict is decided before the report is written: a reader that goes
/// away (`tfward check | head`) cuts the report short but not the exit code.
pub fn judge(
    args: &cli::ReportArgs,
    (policy, selection): (policy::Policy, rules::Selection),
    models: &[Model],
    out: &mut dyn Write,
    err: &mut dyn Write,
    style: Style,
) -> Result<Outcome> {
    let selected = selection.rules(&policy);
    // Only the formats that draw the region map need its wires.
    let wired = matches!(
        args.format,
        cli::CheckFormat::Markdown | cli::CheckFormat::Html
    );
    let (findings, wires) = run_rules(args, &policy, &selected, models, wired, err)?;
    let report = report::check::Report {
        findings: &findings,
        rules: &selected,
        policy: &policy,
        models,
        wires: &wires,
        threshold: args.severity_threshold.unwrap_or(policy.severity_threshold),
        show_suppressed: args.show_suppressed,
    };
    let outcome = if report.failed() {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    let write = |target: &mut dyn Write, style: Style| {
        match args.format {
            cli::CheckFormat::Human => report::human::write(&report, target, style),
            cli::CheckFormat::Json => report::json::write(&report, target),
            cli::CheckFormat::Sarif => report::sarif::write(&report, target),
            cli::CheckFormat::Github => report::github::write(&report, target),
            cli::CheckFormat::Markdown => report::markdown::write(&report, target),
            cli::CheckFormat::Html => report::html::write(&report, target),
        }
        .and_then(|()| target.flush())
    };
    match &args.output {
        Some(path) => output::write_output(path, output::check_escapes(args.format), |file| {
            write(file, Style { color: false })
        })?,
        None => match write(out, style) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            Err(e) => return Err(error::Error::io("<stdout>", e)),
        },
    }
    Ok(outcome)
}

/// The baseline `--baseline` applied: the fingerprints it holds, and each
/// entry's rule and address to name the ones that stop matching.
struct OldBaseline {
    path: std::path::PathBuf,
    entries: Vec<(String, String, String)>,
}

/// A baseline: `{"version": 1, "findings": [{"rule", "address", "fingerprint"}]}`.
///
/// It records every current finding that is not suppressed in the source or
/// configuration; findings the old baseline matched are current too, so
/// `--baseline F --write-baseline F` keeps them. A note on `err` says how
/// many entries were written and which old ones were dropped.
fn write_baseline(
    path: &std::path::Path,
    findings: &[rules::finding::Finding],
    old: Option<&OldBaseline>,
    err: &mut dyn Write,
) -> Result<()> {
    // `external` is the kind only a baseline gives (see `apply_baseline`).
    let kept: Vec<&rules::finding::Finding> = findings
        .iter()
        .filter(|f| f.suppressed.as_ref().is_none_or(|s| s.kind == "external"))
        .collect();
    let entries: Vec<serde_json::Value> = kept
        .iter()
        .map(|f| serde_json::json!({ "rule": f.rule, "address": f.address, "fingerprint": f.fingerprint }))
        .collect();
    let doc = serde_json::json!({ "version": 1, "tool": "tfward", "findings": entries });
    let text = serde_json::to_string_pretty(&doc).expect("a JSON value serializes") + "\n";
    output::write_output(path, Some(output::Escapes::Json), |w| {
        w.write_all(text.as_bytes())
    })?;

    let plural = |n: usize| if n == 1 { "entry" } else { "entries" };
    let mut note = format!(
        "tfward: note: baseline {}: wrote {} {}",
        path.display(),
        kept.len(),
        plural(kept.len())
    );
    if let Some(old) = old {
        let current: std::collections::HashSet<&str> =
            kept.iter().map(|f| f.fingerprint.as_str()).collect();
        let dropped: Vec<String> = old
            .entries
            .iter()
            .filter(|(_, _, fingerprint)| !current.contains(fingerprint.as_str()))
            .map(|(rule, address, _)| format!("{rule} at {address}"))
            .collect();
        if !dropped.is_empty() {
            const SHOWN: usize = 10;
            let of = if old.path == path {
                String::new()
            } else {
                format!(" of {}", old.path.display())
            };
            let _ = write!(
                note,
                "; dropped {} {}{of} no longer found (fixed, or suppressed in the source): {}",
                dropped.len(),
                plural(dropped.len()),
                dropped[..dropped.len().min(SHOWN)].join(", ")
            );
            if dropped.len() > SHOWN {
                let _ = write!(note, ", and {} more", dropped.len() - SHOWN);
            }
        }
    }
    output::message(err, format_args!("{note}"));
    Ok(())
}

/// Marks findings recorded in a baseline as suppressed (`external`).
fn apply_baseline(
    path: &std::path::Path,
    limit: crate::text::bounded::Limit,
    findings: &mut [rules::finding::Finding],
) -> Result<OldBaseline> {
    let text = crate::text::read_text(path, limit)?;
    let doc: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| error::Error::json(path, &e))?;
    let Some(entries) = doc.get("findings").and_then(|f| f.as_array()) else {
        return Err(error::Error::input(
            path,
            "not a tfward baseline: no `findings` list",
        ));
    };
    let field = |e: &serde_json::Value, name: &str| {
        e.get(name)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let old = OldBaseline {
        path: path.to_path_buf(),
        entries: entries
            .iter()
            .filter(|e| e.get("fingerprint").is_some_and(|f| f.is_string()))
            .map(|e| {
                (
                    field(e, "rule"),
                    field(e, "address"),
                    field(e, "fingerprint"),
                )
            })
            .collect(),
    };
    let known: std::collections::HashSet<&str> =
        old.entries.iter().map(|(_, _, f)| f.as_str()).collect();
    for f in findings.iter_mut().filter(|f| f.suppressed.is_none()) {
        if known.contains(f.fingerprint.as_str()) {
            f.suppressed = Some(rules::finding::Suppressed {
                kind: "external",
                source: "baseline",
                expires: None,
                justification: format!("in baseline {}", path.display()),
            });
        }
    }
    Ok(old)
}

/// Loads every PATH; notes (skipped modules, errored plans) go to `err`.
pub fn load_inputs(
    input: &InputArgs,
    config: Option<&config::Config>,
    err: &mut dyn Write,
) -> Result<Vec<Model>> {
    // The configuration's variable files come first: command-line ones win.
    let mut cli_vars: Vec<load::CliVar> = config
        .map(|c| {
            c.var_files
                .iter()
                .cloned()
                .map(load::CliVar::File)
                .collect()
        })
        .unwrap_or_default();
    cli_vars.extend(input.cli_vars.iter().cloned());
    let opts = LoadOptions {
        cli_vars,
        include_env: !input.no_env_vars,
        workspace: input.workspace.clone(),
        limits: input.limits,
    };
    let wanted: Vec<&std::path::PathBuf> = input
        .paths
        .iter()
        .filter(|path| {
            let excluded = config.is_some_and(|c| c.excludes(path));
            if excluded {
                output::message(
                    err,
                    format_args!(
                        "tfward: note: {} is excluded by the configuration",
                        path.display()
                    ),
                );
            }
            !excluded
        })
        .collect();
    // Inputs load on every core; results keep the command-line order.
    use rayon::prelude::*;
    let loaded: Vec<Result<Vec<Model>>> = wanted
        .par_iter()
        .map(|path| load::load_path(path, &opts))
        .collect();
    let mut models = Vec::new();
    for result in loaded {
        for model in result? {
            for note in &model.notes {
                output::message(err, format_args!("tfward: note: {note}"));
            }
            models.push(model);
        }
    }
    Ok(models)
}
