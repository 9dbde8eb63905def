//! tfward: a region-aware checker for Terraform and CDKTF on AWS.
//!
//! Loaders (`load`) translate plans, HCL and Terraform JSON into one model
//! (`model`); the region resolver (`region`) decides where each resource
//! lands; reports (`report`) render it.

pub mod address;
pub mod cli;
pub mod error;
pub mod load;
pub mod model;
pub mod region;
pub mod report;

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
}

/// Runs a parsed command; the report goes to `out`, warnings to `err`.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write, style: Style) -> Result<Outcome> {
    match &cli.command {
        Command::Inventory(args) => {
            let models = load_inputs(&args.input, err)?;
            report::inventory::write(&models, args.format, args.why, out, style)
                .map_err(|e| error::Error::io("<stdout>", e))?;
            Ok(Outcome::Clean)
        }
    }
}

/// Loads every PATH; notes (skipped modules, errored plans) go to `err`.
pub fn load_inputs(input: &InputArgs, err: &mut dyn Write) -> Result<Vec<Model>> {
    let opts = LoadOptions {
        cli_vars: input.cli_vars.clone(),
        include_env: !input.no_env_vars,
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
