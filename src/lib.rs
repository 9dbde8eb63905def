//! tfward: a region-aware checker for Terraform, CDKTF, CloudFormation and AWS CDK on AWS.
//!
//! Loaders (`load`) translate plans, HCL and Terraform JSON into one model
//! (`model`); the region resolver (`region`) decides where each resource
//! lands; rules (`rules`) judge it under the policy (`policy`, `config`);
//! reports (`report`) render it. `commands` puts them together, one file per
//! command; `run` picks the command.

pub mod address;
pub mod baseline;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod hcl_literal;
pub mod iam;
pub mod leaks;
pub mod load;
pub mod model;
pub mod output;
pub mod policy;
pub mod region;
pub mod report;
pub mod rules;
pub mod text;

use cli::{Cli, Command};
use commands::Finished;
use error::Result;
use report::Style;
use std::io::Write;

/// Runs a parsed command; the report goes to `out`, warnings to `err`.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write, style: Style) -> Result<Finished> {
    match &cli.command {
        Command::Check(args) => commands::check::run(args, out, err, style),
        Command::Plan(args) => commands::plan::run(args, out, err, style),
        Command::Inventory(args) => commands::inventory::run(args, out, err, style),
        Command::Map(args) => commands::map::run(args, out, err),
        Command::Rules(args) => commands::rules::list(args, out),
        Command::Explain(args) => commands::rules::explain(args, out),
        Command::Completions(args) => commands::completions::run(args, out),
        Command::Config(args) => commands::config::run(args, out),
    }
}
