//! SARIF 2.1.0: one run, rule metadata from the declarations, one result per finding.

use super::check::Report;
use super::paths::is_stdin;
use crate::rules::finding::Finding;
use crate::rules::meta::Severity;
use crate::rules::rule::Rule;
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::Path;

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

/// `stdin` is a valid relative URI reference (`<stdin>` is not): code
/// scanning needs a URI for every result, and shows this one as a file it
/// does not know rather than rejecting the upload.
const STDIN_URI: &str = "stdin";

/// A path as a URI path: every byte but RFC 3986 unreserved characters and the
/// few sub-delimiters that are safe in any segment is percent-encoded (spaces,
/// `#`, `?`, `%`, `:`, non-ASCII), so a folder name cannot turn into a fragment,
/// a query or a scheme.
fn encode_path(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            b'/' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
            | b'@' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A relative `/`-separated URI for a file, relative to the working directory
/// when possible; `file:///...` when the file lies outside it.
pub fn artifact_uri(path: &Path) -> String {
    if is_stdin(path) {
        return STDIN_URI.to_string();
    }
    let text = super::paths::relative_path(path);
    match text.strip_prefix('/') {
        Some(absolute) => format!("file:///{}", encode_path(absolute)),
        None => encode_path(&text),
    }
}

/// An artifact location; standard input says what it is.
fn artifact_location(path: &Path) -> Value {
    let mut location = json!({ "uri": artifact_uri(path) });
    if is_stdin(path) {
        location["description"] = json!({ "text": "standard input" });
    }
    location
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
    let mut physical = json!({ "artifactLocation": artifact_location(&f.location.file) });
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
            let mut physical = json!({ "artifactLocation": artifact_location(&r.location.file) });
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
        let mut suppression = json!({
            "kind": s.kind,
            "justification": s.justification,
            "properties": { "source": s.source },
        });
        if let Some(expires) = &s.expires {
            suppression["properties"]["expires"] = json!(expires);
        }
        out["suppressions"] = json!([suppression]);
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
    let text = serde_json::to_string_pretty(&doc).map_err(io::Error::other)?;
    out.write_all(crate::output::escape_json(text).as_bytes())?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::paths::STDIN;

    #[test]
    fn uris_encode_what_is_not_a_path_character() {
        assert_eq!(
            artifact_uri(Path::new("a b/c#d/e%f/é/x:y?.json")),
            "a%20b/c%23d/e%25f/%C3%A9/x%3Ay%3F.json"
        );
        assert_eq!(artifact_uri(Path::new("/abs/a b")), "file:///abs/a%20b");
        assert_eq!(artifact_uri(Path::new(STDIN)), "stdin");
    }
}
