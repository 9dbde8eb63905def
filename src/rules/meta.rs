//! What a rule is, apart from its check: id, family, default severity and the
//! texts docs, `explain`, SARIF and JSON show. Policies read these types too,
//! so they depend on nothing else of the rule engine.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// Every severity, lowest first.
    pub const ALL: [Severity; 4] = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Rule families follow the sections of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Backup,
    Kms,
    Region,
    Logging,
    Storage,
    Identity,
    Network,
    Compute,
    /// Rules a team declares in its policy.
    Custom,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Backup => "backup",
            Family::Kms => "kms",
            Family::Region => "region",
            Family::Logging => "logging",
            Family::Storage => "storage",
            Family::Identity => "identity",
            Family::Network => "network",
            Family::Compute => "compute",
            Family::Custom => "custom",
        }
    }
}

/// What a rule is, for docs, `explain`, SARIF and JSON. A built-in rule's
/// texts are `'static`; a custom rule's are borrowed from its policy.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleMeta<'a> {
    pub id: &'a str,
    pub family: Family,
    /// Default; a policy may override it.
    pub severity: Severity,
    /// What it finds (never changes with the finding).
    pub title: &'a str,
    /// Why it matters.
    pub rationale: &'a str,
    /// How to fix it.
    pub remediation: &'a str,
    /// The fix in HCL.
    pub example: &'a str,
    /// Only runs when asked for (`region-unresolved` with `--strict-regions`).
    #[serde(skip)]
    pub opt_in: bool,
    /// The Terraform types it judges or follows (`EVERY_TYPE`: any). Other
    /// languages' types are found through their mapping to these
    /// (`docs/rules.md` lists the CloudFormation ones).
    #[serde(skip)]
    pub reads: &'a [&'a str],
}

/// `reads` of a rule that looks at every resource (regions, references, ARNs).
pub const EVERY_TYPE: &[&str] = &["*"];
