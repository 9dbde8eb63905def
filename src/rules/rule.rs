//! A rule as the engine runs it: its metadata and its check.

use super::context::Context;
use super::finding::Findings;
use super::meta::RuleMeta;

/// A rule; `'a` is the lifetime of its texts (`'static` for a built-in rule).
#[derive(Debug, Clone, Copy)]
pub struct Rule<'a> {
    pub meta: RuleMeta<'a>,
    pub check: Check,
}

/// How a rule checks a model.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// A built-in rule's own function.
    Builtin(fn(&Context, &mut Findings)),
    /// A policy's custom rule: its place in `Policy::custom_rules`.
    Custom(usize),
}
