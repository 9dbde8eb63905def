//! What a load is given besides its input: variables from the command line,
//! the environment, the workspace and the size limits.

use crate::text::bounded;
use std::path::PathBuf;

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
}
