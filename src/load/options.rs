//! What a load is given besides its input: variables from the command line,
//! the environment, the workspace and the size limits.

use crate::model::value::Map;
use crate::text::bounded;
use std::path::PathBuf;
use std::sync::Arc;

/// A `--var-file` or `--var` given on the command line.
#[derive(Debug, Clone, PartialEq)]
pub enum CliVar {
    File(PathBuf),
    Var(String, String),
}

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// `--var-file` and `--var` in command-line order: as in Terraform, the later wins.
    pub cli_vars: Vec<CliVar>,
    /// Read `TF_VAR_*` and `TF_WORKSPACE` environment variables.
    pub include_env: bool,
    /// `terraform.workspace`, when given (`--workspace`); else TF_WORKSPACE or `.terraform/environment`.
    pub workspace: Option<String>,
    /// How much tfward reads of each input and configuration file.
    pub limits: bounded::Limits,
    /// Evaluating the configuration a plan was made from (`--source`): what the plan knows.
    pub plan_facts: Option<Arc<PlanFacts>>,
    /// CloudFormation templates given by themselves: `--region` and `--parameter`.
    pub template: TemplateOptions,
}

/// What a CloudFormation template is checked with.
#[derive(Debug, Clone, Default)]
pub struct TemplateOptions {
    /// `--region`: the template is checked once per region, as pipelines and
    /// StackSets deploy it; none leaves the region unknown.
    pub regions: Vec<String>,
    /// `--parameter NAME=VALUE`, over the parameters' defaults (the later wins).
    pub parameters: std::collections::BTreeMap<String, String>,
}

/// What a plan knows that the evaluation of its configuration takes as given:
/// the variable values it was made with. The values it knows of resources and
/// data sources are not put into expressions (an account id read from
/// `data.aws_caller_identity` would then read as a literal one): the plan's
/// own values win when the two are merged (`load::source`).
#[derive(Debug, Clone, Default)]
pub struct PlanFacts {
    pub variables: Map,
}
