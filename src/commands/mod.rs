//! The commands behind `tfward <command>`, one file each, and what they
//! share: the configuration read once, the policy and rules in force, the
//! inputs loaded, the rules run.

pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod config;
pub(crate) mod inventory;
pub(crate) mod map;
pub(crate) mod plan;
pub(crate) mod rules;

use crate::cli::{InputArgs, PolicyArgs, RuleSelectionArgs};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::load::{self, LoadOptions};
use crate::model::Model;
use crate::output;
use crate::policy::Policy;
use crate::rules::finding::Finding;
use crate::rules::meta::Severity;
use crate::rules::rule::Rule;
use crate::rules::wiring::Wire;
use crate::rules::{Run, Selection};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a successful run found, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Findings,
    /// An exit code decided elsewhere (terraform's own, from `tfward plan`).
    Exit(u8),
}

/// How a command ended: its outcome, and the models it loaded, handed back
/// so the caller decides how they go (`main` forgets them: the process ends
/// next, and the system takes a large model back faster at exit than it is
/// freed one allocation at a time).
pub struct Finished {
    pub outcome: Outcome,
    pub models: Vec<Model>,
}

impl From<Outcome> for Finished {
    fn from(outcome: Outcome) -> Finished {
        Finished {
            outcome,
            models: Vec::new(),
        }
    }
}

/// The policy in force and the rules it selects: settled before any input
/// is read, so a broken policy or an unknown rule id fails fast. Custom rules
/// borrow the policy, so the selection is kept as places in `rules::all`.
struct Rulebook {
    policy: Policy,
    selection: Selection,
}

impl Rulebook {
    /// The policy of `config` under the command line's `policy` flags and
    /// `threshold`, and the rules `selection` picks from it.
    fn new(
        policy: &PolicyArgs,
        config: Option<&Config>,
        threshold: Option<Severity>,
        selection: &RuleSelectionArgs,
    ) -> Result<Rulebook> {
        let policy = effective_policy(policy, config, threshold)?;
        // An opt-in rule runs when the policy enables it (the strict pack does).
        let enabled = |id: &str| policy.rules.get(id).and_then(|r| r.enabled) == Some(true);
        let strict_regions = selection.strict_regions || enabled("region-unresolved");
        let selection = crate::rules::select_from(
            &policy,
            &selection.rules,
            &selection.skip_rules,
            strict_regions,
        )
        .map_err(Error::Usage)?;
        Ok(Rulebook { policy, selection })
    }

    /// The selected rules, read from the policy (custom rules borrow it).
    fn rules(&self) -> Vec<Rule<'_>> {
        self.selection.rules(&self.policy)
    }

    /// Runs `rules` (from `rules()`) on the models, each model on its own
    /// core: the findings in model order, unsorted, and, when `wired`, each
    /// model's wires for the region map (worked out on the rules' own context).
    fn run<'r>(
        &self,
        rules: &[Rule<'r>],
        models: &[Model],
        wired: bool,
    ) -> (Vec<Finding<'r>>, Vec<Vec<Wire>>) {
        use rayon::prelude::*;
        let runs: Vec<Run> = models
            .par_iter()
            .map(|m| crate::rules::run_wired(m, &self.policy, rules, wired))
            .collect();
        let mut findings = Vec::new();
        let mut wires = Vec::with_capacity(runs.len());
        let mut seen = std::collections::HashSet::new();
        let mut seen_whole = std::collections::HashSet::new();
        // One template checked in several regions is one deployment: a finding
        // about the configuration as a whole (a required region with nothing
        // in it) stands only when every region's check makes it.
        let whole = |f: &Finding, source: &std::path::Path| {
            let siblings: Vec<&Run> = runs
                .iter()
                .zip(models)
                .filter(|(_, m)| {
                    m.kind == crate::model::InputKind::CloudFormation && m.source == source
                })
                .map(|(r, _)| r)
                .collect();
            siblings.len() < 2
                || siblings.iter().all(|r| {
                    r.findings
                        .iter()
                        .any(|g| g.address.is_empty() && g.rule == f.rule && g.region == f.region)
                })
        };
        let kept: Vec<Vec<bool>> = runs
            .iter()
            .zip(models)
            .map(|(run, model)| {
                run.findings
                    .iter()
                    .map(|f| {
                        model.kind != crate::model::InputKind::CloudFormation
                            || !f.address.is_empty()
                            || whole(f, &model.source)
                    })
                    .collect()
            })
            .collect();
        for ((run, model), kept) in runs.into_iter().zip(models).zip(kept) {
            if model.kind == crate::model::InputKind::CloudFormation {
                let fresh = run
                    .findings
                    .into_iter()
                    .zip(kept)
                    .filter(|(_, keep)| *keep)
                    .map(|(f, _)| f)
                    // Said once for the template, not once per region.
                    .filter(|f| {
                        !f.address.is_empty()
                            || seen_whole.insert((f.rule, f.region.clone(), model.source.clone()))
                    })
                    .filter(|f| !crate::rules::is_repeat(&mut seen, f));
                findings.extend(fresh);
            } else {
                findings.extend(run.findings);
            }
            wires.push(run.wires);
        }
        (findings, wires)
    }
}

/// What `check` and `map` work on: the rulebook and the models, from the
/// configuration found at the first input's directory.
struct Inputs {
    rulebook: Rulebook,
    models: Vec<Model>,
}

impl Inputs {
    /// Reads the configuration once, settles the rulebook, then loads the inputs.
    fn prepare(
        input: &InputArgs,
        policy: &PolicyArgs,
        threshold: Option<Severity>,
        selection: &RuleSelectionArgs,
        err: &mut dyn Write,
    ) -> Result<Inputs> {
        let start = input.paths.first().cloned().unwrap_or_else(|| ".".into());
        let config = find_config(policy, &start)?;
        let rulebook = Rulebook::new(policy, config.as_ref(), threshold, selection)?;
        let models = load_inputs(input, config.as_ref(), err)?;
        Ok(Inputs { rulebook, models })
    }
}

/// The configuration file in force: `--config`, else the nearest
/// `.tfward.hcl` from `start`; none with `--no-config`.
fn find_config(args: &PolicyArgs, start: &Path) -> Result<Option<Config>> {
    if args.no_config {
        return Ok(None);
    }
    crate::config::find(args.config.as_deref(), start, args.limits.file())
}

/// The policy in force (see [`crate::config::effective_policy`]):
/// `threshold` is `--severity-threshold`, on the commands that have it.
fn effective_policy(
    args: &PolicyArgs,
    config: Option<&Config>,
    threshold: Option<Severity>,
) -> Result<Policy> {
    let base = if args.no_default_policy {
        Policy::default()
    } else {
        Policy::builtin()
    };
    let mut policy = crate::config::effective_policy(
        base,
        config,
        &args.policies,
        threshold,
        args.limits.file(),
    )?;
    if let Some(day) = day_of_check()? {
        policy.today = day;
    }
    Ok(policy)
}

/// `TFWARD_TODAY=YYYY-MM-DD`: the day the check is made as of (dated rules,
/// suppression expiry), read once here so tests can pin it; empty is unset.
fn day_of_check() -> Result<Option<String>> {
    let Some(value) = std::env::var_os("TFWARD_TODAY").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    value
        .to_str()
        .and_then(crate::policy::parse_day)
        .map(Some)
        .ok_or_else(|| {
            Error::Usage(format!(
                "TFWARD_TODAY must be a date written YYYY-MM-DD, not `{}`",
                value.to_string_lossy()
            ))
        })
}

/// The policy `tfward rules` and `tfward explain` describe: found from the
/// current directory.
fn policy_here(args: &PolicyArgs) -> Result<Policy> {
    let config = find_config(args, Path::new("."))?;
    effective_policy(args, config.as_ref(), None)
}

/// Loads every PATH; notes (skipped modules, errored plans) go to `err`.
fn load_inputs(
    input: &InputArgs,
    config: Option<&Config>,
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
    // Files in command-line order, the later winning; `--parameter` over them all.
    let mut parameters = std::collections::BTreeMap::new();
    for file in &input.parameter_files {
        parameters.extend(load::cfn::parameter_file::read(file, input.limits.file())?);
    }
    parameters.extend(input.parameters.iter().cloned());
    let opts = LoadOptions {
        cli_vars,
        include_env: !input.no_env_vars,
        workspace: input.workspace.clone(),
        limits: input.limits,
        plan_facts: None,
        template: load::options::TemplateOptions {
            regions: input.regions.clone(),
            parameters,
        },
    };
    let wanted: Vec<&PathBuf> = input
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
        .map(|path| {
            let models = load::load_path(path, &opts)?;
            match &input.source {
                Some(dir) => load::with_source(models, dir, &opts),
                None => Ok(models),
            }
        })
        .collect();
    let mut models = Vec::new();
    for result in loaded {
        models.extend(with_notes(result?, err));
    }
    Ok(models)
}

/// Passes each model's notes to `err` as it goes.
fn with_notes(models: Vec<Model>, err: &mut dyn Write) -> Vec<Model> {
    for model in &models {
        for note in &model.notes {
            output::message(err, format_args!("tfward: note: {note}"));
        }
    }
    models
}

/// Maps a failed write to standard output to an error.
fn stdout_error(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}
