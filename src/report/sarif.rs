//! SARIF 2.1.0: one run, rule metadata from the declarations, one result per finding.

use super::check::Report;
use crate::rules::{Finding, Rule, Severity};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::{Component, Path};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// GitHub shows `security-severity` as critical (9.0+), high (7.0+), medium (4.0+), low.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "2.0",
    }
}

/// A file's path relative to the working directory when possible, `/`-separated
/// (what GitHub annotations name), not URI-encoded.
pub fn relative_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let parts: Vec<String> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            Component::RootDir => Some(String::new()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// A relative `/`-separated URI for a file, relative to the working directory when possible.
pub fn artifact_uri(path: &Path) -> String {
    let text = relative_path(path);
    // `%` first, so the escapes added after it are not escaped again.
    let escaped = text.replace('%', "%25").replace(' ', "%20");
    match escaped.strip_prefix('/') {
        Some(absolute) => format!("file:///{absolute}"),
        None => escaped,
    }
}

fn rule_descriptor(rule: &Rule, policy_severity: Severity) -> Value {
    let m = &rule.meta;
    json!({
        "id": m.id,
        "name": m.id,
        "shortDescription": { "text": m.title },
        "fullDescription": { "text": m.rationale },
        "help": {
            "text": format!("{}\n\n{}", m.remediation, m.example),
            "markdown": format!("{}\n\n```hcl\n{}\n```", m.remediation, m.example),
        },
        "defaultConfiguration": { "level": level(policy_severity) },
        "properties": {
            "security-severity": security_severity(policy_severity),
            "tags": ["terraform", "aws", m.family.as_str()],
            "precision": "high",
        },
    })
}

fn result(f: &Finding, rule_index: usize) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": artifact_uri(&f.location.file) } });
    if let Some(line) = f.location.line {
        physical["region"] = json!({ "startLine": line });
    }
    let mut location = json!({ "physicalLocation": physical });
    if !f.address.is_empty() {
        location["logicalLocations"] =
            json!([{ "fullyQualifiedName": f.address, "kind": "resource" }]);
    }
    let related: Vec<Value> = f
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut physical =
                json!({ "artifactLocation": { "uri": artifact_uri(&r.location.file) } });
            if let Some(line) = r.location.line {
                physical["region"] = json!({ "startLine": line });
            }
            json!({
                "id": i,
                "message": { "text": format!("{} `{}` ({})", r.role, r.address, r.region) },
                "physicalLocation": physical,
                "logicalLocations": [{ "fullyQualifiedName": r.address, "kind": "resource" }],
            })
        })
        .collect();
    let mut out = json!({
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [location],
        "properties": { "severity": f.severity.as_str(), "region": f.region },
    });
    if !related.is_empty() {
        out["relatedLocations"] = Value::Array(related);
    }
    out["partialFingerprints"] = json!({ "tfward/v1": f.fingerprint });
    if let Some(s) = &f.suppressed {
        out["suppressions"] = json!([{ "kind": s.kind, "justification": s.justification }]);
    }
    if let Some(action) = f.action() {
        out["properties"]["action"] = json!(action);
    }
    if let Some(path) = &f.location.construct_path {
        out["properties"]["constructPath"] = json!(path);
    }
    out
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = report
        .rules
        .iter()
        .map(|r| {
            rule_descriptor(
                r,
                report
                    .policy
                    .effective_severity(&r.meta)
                    .unwrap_or(r.meta.severity),
            )
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            result(
                f,
                report
                    .rules
                    .iter()
                    .position(|r| r.meta.id == f.rule)
                    .unwrap_or(0),
            )
        })
        .collect();
    let doc = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "tfward",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/tfward/tfward",
                "rules": rules,
            }},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
