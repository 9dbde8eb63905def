//! `tfward completions <shell>`: the shell completion script.

use super::{Finished, Outcome, stdout_error};
use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;
use std::io::Write;

pub(crate) fn run(args: &CompletionsArgs, out: &mut dyn Write) -> Result<Finished> {
    let mut command = <Cli as clap::CommandFactory>::command();
    // clap_complete panics when its writer fails (a closed pipe): it
    // writes to memory, and the write to stdout is ours to handle.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "tfward", &mut script);
    out.write_all(&script).map_err(stdout_error)?;
    Ok(Outcome::Clean.into())
}
