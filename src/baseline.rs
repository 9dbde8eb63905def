//! Baselines (`--baseline`, `--write-baseline`): the fingerprints of findings
//! a team has accepted, so a check reports only what is new.
//!
//! A baseline is `{"version": 1, "findings": [{"rule", "address", "fingerprint"}]}`.

use crate::error::{Error, Result};
use crate::output;
use crate::rules::finding::{Finding, Suppressed};
use crate::text::bounded::Limit;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The baseline `--baseline` applied: the fingerprints it holds, and each
/// entry's rule and address to name the ones that stop matching.
pub struct Baseline {
    path: PathBuf,
    /// (rule, address, fingerprint)
    entries: Vec<(String, String, String)>,
}

/// Marks findings recorded in the baseline at `path` as suppressed (`external`).
pub fn apply(path: &Path, limit: Limit, findings: &mut [Finding]) -> Result<Baseline> {
    let text = crate::text::read_text(path, limit)?;
    let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| Error::json(path, &e))?;
    let Some(entries) = doc.get("findings").and_then(|f| f.as_array()) else {
        return Err(Error::input(
            path,
            "not a tfward baseline: no `findings` list",
        ));
    };
    let field = |e: &serde_json::Value, name: &str| {
        e.get(name)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let old = Baseline {
        path: path.to_path_buf(),
        entries: entries
            .iter()
            .filter(|e| e.get("fingerprint").is_some_and(|f| f.is_string()))
            .map(|e| {
                (
                    field(e, "rule"),
                    field(e, "address"),
                    field(e, "fingerprint"),
                )
            })
            .collect(),
    };
    let known: HashSet<&str> = old.entries.iter().map(|(_, _, f)| f.as_str()).collect();
    for f in findings.iter_mut().filter(|f| f.suppressed.is_none()) {
        if known.contains(f.fingerprint.as_str()) {
            f.suppressed = Some(Suppressed {
                kind: "external",
                source: "baseline",
                expires: None,
                justification: format!("in baseline {}", path.display()),
            });
        }
    }
    Ok(old)
}

/// Writes a baseline of `findings` to `path`.
///
/// It records every current finding that is not suppressed in the source or
/// configuration; findings the old baseline matched are current too, so
/// `--baseline F --write-baseline F` keeps them. A note on `err` says how
/// many entries were written and which old ones were dropped.
pub fn write(
    path: &Path,
    findings: &[Finding],
    old: Option<&Baseline>,
    err: &mut dyn Write,
) -> Result<()> {
    // `external` is the kind only a baseline gives (see `apply`).
    let kept: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.suppressed.as_ref().is_none_or(|s| s.kind == "external"))
        .collect();
    let entries: Vec<serde_json::Value> = kept
        .iter()
        .map(|f| serde_json::json!({ "rule": f.rule, "address": f.address, "fingerprint": f.fingerprint }))
        .collect();
    let doc = serde_json::json!({ "version": 1, "tool": "tfward", "findings": entries });
    let text = serde_json::to_string_pretty(&doc).expect("a JSON value serializes") + "\n";
    output::write_output(path, Some(output::Escapes::Json), |w| {
        w.write_all(text.as_bytes())
    })?;

    let plural = |n: usize| if n == 1 { "entry" } else { "entries" };
    let mut note = format!(
        "tfward: note: baseline {}: wrote {} {}",
        path.display(),
        kept.len(),
        plural(kept.len())
    );
    if let Some(old) = old {
        let current: HashSet<&str> = kept.iter().map(|f| f.fingerprint.as_str()).collect();
        let dropped: Vec<String> = old
            .entries
            .iter()
            .filter(|(_, _, fingerprint)| !current.contains(fingerprint.as_str()))
            .map(|(rule, address, _)| format!("{rule} at {address}"))
            .collect();
        if !dropped.is_empty() {
            const SHOWN: usize = 10;
            let of = if old.path == path {
                String::new()
            } else {
                format!(" of {}", old.path.display())
            };
            let _ = write!(
                note,
                "; dropped {} {}{of} no longer found (fixed, or suppressed in the source): {}",
                dropped.len(),
                plural(dropped.len()),
                dropped[..dropped.len().min(SHOWN)].join(", ")
            );
            if dropped.len() > SHOWN {
                let _ = write!(note, ", and {} more", dropped.len() - SHOWN);
            }
        }
    }
    output::message(err, format_args!("{note}"));
    Ok(())
}
