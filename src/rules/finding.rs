//! What rules report: findings, the resources they were compared with, why a
//! finding is suppressed, and the collector a rule's check writes into.

use super::meta::{RuleMeta, Severity};
use crate::model::{Location, Model, Region, Resource};
use serde::Serialize;

/// A resource a finding was compared with: the vault, key, role or bucket.
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub address: String,
    pub region: String,
    pub role: &'static str,
    #[serde(skip)]
    pub location: Location,
}

/// One finding; `'r` is the lifetime of its rule's texts (`'static` for a
/// built-in rule, the policy's for a custom one).
#[derive(Debug, Clone)]
pub struct Finding<'r> {
    pub rule: &'r str,
    pub severity: Severity,
    pub title: &'r str,
    pub message: String,
    pub address: String,
    pub r#type: String,
    pub region: String,
    pub location: Location,
    pub related: Vec<Related>,
    /// Planned actions of the resource (plan input).
    pub actions: Vec<String>,
    /// Stable across runs and line moves: the rule, the resource, its region and
    /// what it was compared with (for baselines and code scanning).
    pub fingerprint: String,
    /// Why the finding is suppressed, when it is.
    pub suppressed: Option<Suppressed>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Suppressed {
    /// `inSource` (a comment, tag or metadata) or `external` (a baseline), as SARIF names them.
    pub kind: &'static str,
    /// What suppressed it: `comment`, `tag`, `metadata` (CDKTF) or `baseline`.
    pub source: &'static str,
    pub justification: String,
    /// `YYYY-MM-DD`: the day after which the suppression stops applying.
    pub expires: Option<String>,
}

impl Suppressed {
    /// How a report names it: `suppressed (comment): reason`.
    pub fn describe(&self) -> String {
        let until = self
            .expires
            .as_deref()
            .map_or(String::new(), |d| format!(", until {d}"));
        format!(
            "suppressed ({}{until}): {}",
            self.source, self.justification
        )
    }
}

/// Collects one rule's findings.
pub struct Findings<'r> {
    meta: RuleMeta<'r>,
    severity: Severity,
    out: Vec<Finding<'r>>,
}

impl<'r> Findings<'r> {
    pub fn new(meta: RuleMeta<'r>, severity: Severity) -> Findings<'r> {
        Findings {
            meta,
            severity,
            out: Vec::new(),
        }
    }

    /// Reports `message` against `res`; related resources are added on the result.
    pub fn report(&mut self, res: &Resource, message: impl Into<String>) -> &mut Finding<'r> {
        let message = message.into();
        // Rules speak Terraform; a lowered resource's finding speaks its own language.
        let message = match &res.origin {
            Some(origin) => origin.speak(&message),
            None => message,
        };
        self.out.push(Finding {
            rule: self.meta.id,
            severity: self.severity,
            title: self.meta.title,
            message,
            address: res.address.clone(),
            r#type: res.shown_type().to_string(),
            region: res.placement.region_text().to_string(),
            location: res.location.clone(),
            related: Vec::new(),
            actions: res.actions.clone(),
            fingerprint: String::new(),
            suppressed: None,
        });
        self.out.last_mut().expect("just pushed")
    }

    /// A finding about the configuration as a whole, anchored to its source.
    pub fn report_config(
        &mut self,
        model: &Model,
        region: &Region,
        message: impl Into<String>,
    ) -> &mut Finding<'r> {
        self.out.push(Finding {
            rule: self.meta.id,
            severity: self.severity,
            title: self.meta.title,
            message: message.into(),
            address: String::new(),
            r#type: String::new(),
            region: region.to_string(),
            location: Location {
                file: model.source.clone(),
                ..Location::default()
            },
            related: Vec::new(),
            actions: Vec::new(),
            fingerprint: String::new(),
            suppressed: None,
        });
        self.out.last_mut().expect("just pushed")
    }

    pub fn into_vec(self) -> Vec<Finding<'r>> {
        self.out
    }
}

impl Finding<'_> {
    /// The planned action of the finding's resource, as one word (plan input).
    pub fn action(&self) -> Option<&'static str> {
        let has = |a: &str| self.actions.iter().any(|x| x == a);
        match (
            has("create"),
            has("delete"),
            has("update"),
            has("read"),
            has("no-op"),
        ) {
            (true, true, _, _, _) => Some("replace"),
            (true, false, _, _, _) => Some("create"),
            (false, true, _, _, _) => Some("delete"),
            (_, _, true, _, _) => Some("update"),
            (_, _, _, true, _) => Some("read"),
            (_, _, _, _, true) => Some("no-op"),
            _ => None,
        }
    }

    pub fn related(&mut self, res: &Resource, role: &'static str) -> &mut Self {
        if !self
            .related
            .iter()
            .any(|r| r.address == res.address && r.role == role)
        {
            self.related.push(Related {
                address: res.address.clone(),
                region: res.placement.region_text().to_string(),
                role,
                location: res.location.clone(),
            });
        }
        self
    }
}
