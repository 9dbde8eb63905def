//! What `tfward check` reports: findings, the rules that ran, and the threshold.

use crate::policy::Policy;
use crate::rules::{Finding, Rule, Severity};
use std::collections::BTreeMap;

pub struct Report<'a> {
    pub findings: &'a [Finding],
    /// The rules that ran, for SARIF metadata.
    pub rules: &'a [&'static Rule],
    pub policy: &'a Policy,
    pub threshold: Severity,
}

impl Report<'_> {
    pub fn failed(&self) -> bool {
        self.findings.iter().any(|f| f.severity >= self.threshold)
    }

    pub fn counts_by_severity(&self) -> BTreeMap<Severity, usize> {
        let mut out = BTreeMap::new();
        for f in self.findings {
            *out.entry(f.severity).or_insert(0) += 1;
        }
        out
    }

    pub fn counts_by_rule(&self) -> BTreeMap<&'static str, usize> {
        let mut out = BTreeMap::new();
        for f in self.findings {
            *out.entry(f.rule).or_insert(0) += 1;
        }
        out
    }
}
