//! `tfward rules` and `tfward explain`: the rule catalogue, built-in rules
//! and the policy's custom rules.

use super::{Finished, Outcome, policy_here, stdout_error};
use crate::cli::{ExplainArgs, RulesArgs};
use crate::error::{Error, Result};
use crate::report;
use crate::rules::all as all_rules;
use std::io::Write;

/// `tfward rules`: every rule, one line (or entry) each.
pub(crate) fn list(args: &RulesArgs, out: &mut dyn Write) -> Result<Finished> {
    let policy = policy_here(&args.policy)?;
    report::catalog::list(&all_rules(&policy), args.format, out).map_err(stdout_error)?;
    Ok(Outcome::Clean.into())
}

/// `tfward explain <id>`: one rule, why it matters and how to fix it.
pub(crate) fn explain(args: &ExplainArgs, out: &mut dyn Write) -> Result<Finished> {
    let policy = policy_here(&args.policy)?;
    let all = all_rules(&policy);
    let rule = all
        .iter()
        .copied()
        .find(|r| r.meta.id == args.rule)
        .ok_or_else(|| {
            Error::Usage(format!(
                "unknown rule `{}`{} (see `tfward rules`)",
                args.rule,
                crate::error::did_you_mean(&args.rule, all.iter().map(|r| r.meta.id))
            ))
        })?;
    report::catalog::explain(&rule, out).map_err(stdout_error)?;
    Ok(Outcome::Clean.into())
}
