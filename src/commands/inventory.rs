//! `tfward inventory`: every resource with the provider configuration and
//! region it lands in, and why.

use super::{Finished, Outcome, load_inputs, stdout_error};
use crate::cli::InventoryArgs;
use crate::error::Result;
use crate::report::{self, Style};
use std::io::Write;

pub(crate) fn run(
    args: &InventoryArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    style: Style,
) -> Result<Finished> {
    let models = load_inputs(&args.input, None, err)?;
    report::inventory::write(&models, args.format, args.why, out, style).map_err(stdout_error)?;
    Ok(Finished {
        outcome: Outcome::Clean,
        models,
    })
}
