//! What `tfward check` reports: findings, the rules that ran, and the threshold.

use crate::policy::Policy;
use crate::rules::finding::Finding;
use crate::rules::meta::Severity;
use crate::rules::rule::Rule;
use crate::rules::wiring::Wire;
use std::collections::BTreeMap;

pub struct Report<'a> {
    pub findings: &'a [Finding<'a>],
    /// The rules that ran, for SARIF metadata.
    pub rules: &'a [Rule<'a>],
    pub policy: &'a Policy,
    /// The inputs, for the region map of the Markdown and HTML reports.
    pub models: &'a [crate::model::Model],
    /// The wires of each model (as `rules::run_wired` gives them), for the
    /// same map; empty for formats that draw none.
    pub wires: &'a [Vec<Wire>],
    pub threshold: Severity,
    /// List suppressed findings too (`--show-suppressed`).
    pub show_suppressed: bool,
}

impl<'a> Report<'a> {
    /// Findings that count: not suppressed.
    pub fn active(&self) -> impl Iterator<Item = &'a Finding<'a>> + '_ {
        self.findings.iter().filter(|f| f.suppressed.is_none())
    }

    /// Findings to list: the active ones, and the suppressed ones on request.
    pub fn shown(&self) -> Vec<&'a Finding<'a>> {
        self.findings
            .iter()
            .filter(|f| f.suppressed.is_none() || self.show_suppressed)
            .collect()
    }

    pub fn suppressed_count(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.suppressed.is_some())
            .count()
    }

    pub fn failed(&self) -> bool {
        self.active().any(|f| f.severity >= self.threshold)
    }

    pub fn counts_by_severity(&self) -> BTreeMap<Severity, usize> {
        let mut out = BTreeMap::new();
        for f in self.active() {
            *out.entry(f.severity).or_insert(0) += 1;
        }
        out
    }

    pub fn counts_by_rule(&self) -> BTreeMap<&'a str, usize> {
        let mut out = BTreeMap::new();
        for f in self.active() {
            *out.entry(f.rule).or_insert(0) += 1;
        }
        out
    }
}
