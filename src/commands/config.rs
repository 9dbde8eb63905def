//! `tfward config`: the effective configuration and where each value comes from.

use super::{Finished, Outcome, effective_policy, find_config, stdout_error};
use crate::cli::ConfigArgs;
use crate::error::Result;
use crate::report;
use std::io::Write;

pub(crate) fn run(args: &ConfigArgs, out: &mut dyn Write) -> Result<Finished> {
    let start = args.path.clone().unwrap_or_else(|| ".".into());
    let policy_args = &args.report.policy;
    let config = find_config(policy_args, &start)?;
    let policy = effective_policy(policy_args, config.as_ref(), args.report.severity_threshold)?;
    report::config::write(&policy, config.as_ref(), out).map_err(stdout_error)?;
    Ok(Outcome::Clean.into())
}
