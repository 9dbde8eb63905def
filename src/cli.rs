//! Command-line interface (clap derive).

use crate::report::{CheckFormat, InventoryFormat, MapFormat, RulesFormat};
use crate::rules::meta::Severity;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Arg, ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  terraform show -json plan.out > plan.json && tfward check plan.json
  tfward check ./infra --format sarif --output tfward.sarif
  tfward check cdktf.out --severity-threshold medium --skip-rule kms-key-rotation
  cdk synth && tfward check cdk.out
  tfward check template.yaml --region us-east-1 --region eu-west-1 --parameter-file params.json
  tfward plan -- -var-file=prod.tfvars      # terraform plan, then check the saved plan
  tfward explain backup-selection-empty
  tfward inventory plan.json
  tfward map plan.json --format svg --output map.svg
  tfward check plan.json --format html --output report.html
  tfward inventory ./infra --var-file prod.tfvars
  tfward inventory cdktf.out --format json
  terraform show -json plan.out | tfward inventory -";

#[derive(Debug, Parser)]
#[command(
    name = "tfward",
    version,
    about = "Region-aware checker for Terraform, CDKTF, CloudFormation and AWS CDK on AWS",
    after_help = EXAMPLES
)]
pub struct Cli {
    /// When to colour output: auto (a terminal, and NO_COLOR unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// The largest plan, JSON input, standard input or CDKTF stack tfward reads: 1GiB, 512MiB, 4096.
    #[arg(long, value_name = "SIZE", global = true, default_value = "1GiB",
          value_parser = crate::text::bounded::parse_size)]
    pub max_input_size: u64,
    /// The largest configuration file tfward reads: .tf, variable files, policies, .tfward.hcl,
    /// and each file that file() or templatefile() reads.
    #[arg(long, value_name = "SIZE", global = true, default_value = "16MiB",
          value_parser = crate::text::bounded::parse_size)]
    pub max_file_size: u64,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check plans and configurations against the rules; exit 1 on findings at or above the threshold.
    Check(CheckArgs),
    /// Run `terraform plan` (or `tofu plan`), then check the saved plan.
    Plan(PlanArgs),
    /// List every resource with the provider configuration and region it lands in, and why.
    Inventory(InventoryArgs),
    /// Draw the region map: a cluster per region, the wiring between resources, cross-region wires marked.
    Map(MapArgs),
    /// List the rules.
    Rules(RulesArgs),
    /// Explain a rule: why it matters and how to fix it.
    Explain(ExplainArgs),
    /// Print shell completions: `tfward completions bash > /etc/bash_completion.d/tfward`.
    Completions(CompletionsArgs),
    /// Print the effective configuration and where each value comes from.
    Config(ConfigArgs),
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Where to look for .tfward.hcl (default: the current directory).
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// How `check` and `plan` judge and report.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Output format (human on a terminal).
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Write the report to FILE instead of standard output; or, as
    /// FORMAT=FILE (`sarif=tfward.sarif`), write one more report in FORMAT,
    /// the --format one still going to standard output (repeatable: every
    /// report a CI job needs from one run).
    #[arg(long, short = 'o', value_name = "[FORMAT=]FILE", value_parser = output_target)]
    pub output: Vec<OutputTarget>,
    /// Exit 1 when a finding is at or above this severity (default: the policy's, `high`).
    #[arg(long, value_parser = severity_parser())]
    pub severity_threshold: Option<Severity>,
    #[command(flatten)]
    pub selection: RuleSelectionArgs,
    /// Plan input: report only resources the plan creates, updates or replaces.
    #[arg(long)]
    pub changes_only: bool,
    /// List suppressed findings too (they never count for the exit code).
    #[arg(long)]
    pub show_suppressed: bool,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE, for `--baseline`.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

/// Which rules run (`check`, `plan`, `config` and `map`; `map` words two of
/// the flags its own way, see `map_selection_help`).
#[derive(Debug, Args)]
pub struct RuleSelectionArgs {
    /// Run only these rules or families (repeatable): `kms-key-rotation`, `backup`.
    #[arg(long = "rule", value_name = "RULE")]
    pub rules: Vec<String>,
    /// Skip these rules or families (repeatable).
    #[arg(long = "skip-rule", value_name = "RULE")]
    pub skip_rules: Vec<String>,
    /// Report every resource whose region stays unknown (`region-unresolved`).
    #[arg(long)]
    pub strict_regions: bool,
}

/// Where the policy comes from.
#[derive(Debug, Args, Default)]
pub struct PolicyArgs {
    /// A policy file (HCL), or a built-in pack (`strict`), on top of the default (repeatable, later wins).
    #[arg(long = "policy", value_name = "FILE")]
    pub policies: Vec<PathBuf>,
    /// Start from an empty policy instead of policies/default.hcl.
    #[arg(long)]
    pub no_default_policy: bool,
    /// The configuration file (default: the nearest .tfward.hcl up to the repository root).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore .tfward.hcl files.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// `--max-input-size` and `--max-file-size` (filled by `cli::parse_from`).
    #[arg(skip)]
    pub limits: crate::text::bounded::Limits,
}

/// `tfward plan [OPTIONS] -- [TERRAFORM PLAN ARGS]`
#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub report: ReportArgs,
    /// Run `tofu` instead of `terraform`.
    #[arg(long, conflicts_with = "terraform_bin")]
    pub tofu: bool,
    /// The terraform (or tofu) executable to run.
    #[arg(long, value_name = "PATH")]
    pub terraform_bin: Option<PathBuf>,
    /// Keep the saved plan at FILE (it is removed otherwise).
    #[arg(long, value_name = "FILE")]
    pub keep_plan: Option<PathBuf>,
    /// Arguments for `terraform plan`, after `--`.
    #[arg(last = true, value_name = "TERRAFORM ARGS")]
    pub terraform_args: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
    /// Policies and configuration, for their custom rules.
    #[command(flatten)]
    pub policy: PolicyArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id, as `tfward rules` lists them.
    pub rule: String,
    /// Policies and configuration, for their custom rules.
    #[command(flatten)]
    pub policy: PolicyArgs,
}

/// Inputs every command reads.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Plan JSON (`terraform show -json`), `-` for stdin, a directory of .tf/.tf.json files,
    /// a cdk.tf.json, a cdktf.out folder, a CloudFormation or SAM template (YAML or JSON),
    /// or an AWS CDK cloud assembly (cdk.out, or the CDK app folder holding cdk.json).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A variables file for HCL/JSON configurations, applied after terraform.tfvars and
    /// *.auto.tfvars; with --var, the later one wins, as in Terraform (repeatable).
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_files: Vec<PathBuf>,
    /// A variable for HCL/JSON configurations, NAME=VALUE (repeatable).
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = crate::load::config::vars::parse_cli_var)]
    pub vars: Vec<(String, String)>,
    /// --var-file and --var merged in command-line order (filled by `cli::parse`).
    #[arg(skip)]
    pub cli_vars: Vec<crate::load::CliVar>,
    /// Ignore TF_VAR_* and TF_WORKSPACE environment variables.
    #[arg(long)]
    pub no_env_vars: bool,
    /// The root module the plan PATH was made from: the plan stays authoritative for what it
    /// knows, the configuration fills in locals, regions and apply-time values, and findings
    /// point at the .tf line.
    #[arg(long, value_name = "DIR")]
    pub source: Option<PathBuf>,
    /// The value of `terraform.workspace` (default: TF_WORKSPACE, then .terraform/environment, then `default`).
    #[arg(long, value_name = "NAME")]
    pub workspace: Option<String>,
    /// CloudFormation templates only: check the template as deployed in REGION (`AWS::Region`);
    /// repeat to check it once per region. Without it the region stays unknown.
    #[arg(long = "region", value_name = "REGION")]
    pub regions: Vec<String>,
    /// CloudFormation templates only: a template parameter's value, NAME=VALUE (repeatable),
    /// over its default.
    #[arg(long = "parameter", value_name = "NAME=VALUE", value_parser = crate::load::config::vars::parse_cli_var)]
    pub parameters: Vec<(String, String)>,
    /// CloudFormation templates only: parameter values from a file, as `aws cloudformation
    /// create-stack --parameters file://FILE` reads it (`[{"ParameterKey", "ParameterValue"}]`)
    /// or a CodePipeline template configuration (`{"Parameters": {...}}`); later files win,
    /// --parameter wins over files (repeatable).
    #[arg(long = "parameter-file", value_name = "FILE")]
    pub parameter_files: Vec<PathBuf>,
    /// `--max-input-size` and `--max-file-size` (filled by `cli::parse_from`).
    #[arg(skip)]
    pub limits: crate::text::bounded::Limits,
}

#[derive(Debug, Args)]
pub struct InventoryArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = InventoryFormat::Human)]
    pub format: InventoryFormat,
    /// Show why each region was decided (the human table's last column).
    #[arg(long)]
    pub why: bool,
}

#[derive(Debug, Args)]
#[command(mut_args(map_selection_help))]
pub struct MapArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Output format: Mermaid (`flowchart`), Graphviz DOT, or SVG.
    #[arg(long, value_enum, default_value_t = MapFormat::Mermaid)]
    pub format: MapFormat,
    /// Write the map to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Draw every resource, not only the ones the region rules wire together.
    #[arg(long)]
    pub all: bool,
    /// Never fold a large map into counts per region and type.
    #[arg(long)]
    pub no_fold: bool,
    #[command(flatten)]
    pub selection: RuleSelectionArgs,
}

/// `map` runs the rules to colour the map: two of the selection flags say so.
fn map_selection_help(arg: Arg) -> Arg {
    match arg.get_id().as_str() {
        "rules" => arg.help("Colour by these rules or families only (repeatable)"),
        "strict_regions" => arg.help("Also run `region-unresolved`"),
        _ => arg,
    }
}

/// The values of a severity flag, as `Severity::parse` reads them (listed in `--help`).
/// One `--output`: a file, with the format to write there when it says one.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputTarget {
    /// `None`: the `--format` report.
    pub format: Option<CheckFormat>,
    pub path: PathBuf,
}

/// `FORMAT=FILE` when the part before `=` is a format's name, else a file
/// (`./json=x` for a file of that name).
fn output_target(text: &str) -> Result<OutputTarget, String> {
    if let Some((name, path)) = text.split_once('=')
        && let Ok(format) = CheckFormat::from_str(name, false)
    {
        if path.is_empty() {
            return Err(format!("{name}=: no file after the format"));
        }
        return Ok(OutputTarget {
            format: Some(format),
            path: PathBuf::from(path),
        });
    }
    if text.is_empty() {
        return Err("an empty file name".to_string());
    }
    Ok(OutputTarget {
        format: None,
        path: PathBuf::from(text),
    })
}

fn severity_parser() -> impl TypedValueParser<Value = Severity> {
    PossibleValuesParser::new(Severity::ALL.map(Severity::as_str))
        .try_map(|text| Severity::parse(&text).ok_or(format!("unknown severity `{text}`")))
}

/// Parses arguments, keeping the relative order of `--var-file` and `--var`
/// (Terraform applies them in command-line order; clap's derive loses it).
pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let matches = Cli::command().try_get_matches_from(args)?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    let limits = crate::text::bounded::Limits {
        input: cli.max_input_size,
        file: cli.max_file_size,
    };
    // The limits are global flags; what reads files finds them beside its other options.
    match &mut cli.command {
        Command::Check(a) => {
            a.input.limits = limits;
            a.report.policy.limits = limits;
        }
        Command::Inventory(a) => a.input.limits = limits,
        Command::Map(a) => {
            a.input.limits = limits;
            a.policy.limits = limits;
        }
        Command::Plan(a) => a.report.policy.limits = limits,
        Command::Rules(a) => a.policy.limits = limits,
        Command::Explain(a) => a.policy.limits = limits,
        Command::Config(a) => a.report.policy.limits = limits,
        Command::Completions(_) => {}
    }
    if let Some((_, sub)) = matches.subcommand() {
        let input = match &mut cli.command {
            Command::Inventory(a) => Some(&mut a.input),
            Command::Check(a) => Some(&mut a.input),
            Command::Map(a) => Some(&mut a.input),
            Command::Rules(_)
            | Command::Explain(_)
            | Command::Plan(_)
            | Command::Completions(_)
            | Command::Config(_) => None,
        };
        if let Some(input) = input {
            input.cli_vars = ordered_vars(sub, input);
        }
    }
    Ok(cli)
}

fn ordered_vars(matches: &ArgMatches, input: &InputArgs) -> Vec<crate::load::CliVar> {
    use crate::load::CliVar;
    let mut all: Vec<(usize, CliVar)> = Vec::new();
    if let Some(indices) = matches.indices_of("var_files") {
        all.extend(
            indices
                .zip(&input.var_files)
                .map(|(i, f)| (i, CliVar::File(f.clone()))),
        );
    }
    if let Some(indices) = matches.indices_of("vars") {
        all.extend(
            indices
                .zip(&input.vars)
                .map(|(i, (n, v))| (i, CliVar::Var(n.clone(), v.clone()))),
        );
    }
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, v)| v).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(command: &str, arg: &str) -> String {
        let cli = Cli::command();
        let sub = cli.find_subcommand(command).expect("a subcommand");
        let arg = sub
            .get_arguments()
            .find(|a| a.get_id() == arg)
            .expect("an argument");
        arg.get_help().map(ToString::to_string).unwrap_or_default()
    }

    #[test]
    fn map_words_two_selection_flags_its_own_way() {
        assert_eq!(
            help("map", "rules"),
            "Colour by these rules or families only (repeatable)"
        );
        assert_eq!(
            help("map", "strict_regions"),
            "Also run `region-unresolved`"
        );
        assert_eq!(help("map", "skip_rules"), help("check", "skip_rules"));
        assert_eq!(
            help("check", "rules"),
            "Run only these rules or families (repeatable): `kms-key-rotation`, `backup`"
        );
    }

    #[test]
    fn the_severity_threshold_takes_each_severity_by_name() {
        for name in ["low", "medium", "high", "critical"] {
            let cli = parse_from(["tfward", "config", "--severity-threshold", name])
                .expect("a severity parses");
            let Command::Config(args) = cli.command else {
                panic!("not the config command");
            };
            assert_eq!(
                args.report.severity_threshold.map(Severity::as_str),
                Some(name)
            );
        }
        assert!(parse_from(["tfward", "config", "--severity-threshold", "High"]).is_err());
        let cli = Cli::command();
        let listed: Vec<String> = cli
            .find_subcommand("check")
            .and_then(|c| {
                c.get_arguments()
                    .find(|a| a.get_id() == "severity_threshold")
            })
            .expect("the flag")
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect();
        assert_eq!(listed, ["low", "medium", "high", "critical"]);
    }
}
