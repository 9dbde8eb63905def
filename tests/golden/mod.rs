//! Golden files: a fixture test compares what the tool produced with a checked-in
//! expected file, or, under `TFWARD_BLESS=1` (`make bless`), rewrites the file for
//! review with `git diff`.
//!
//! An expected file is a header of `#` lines (notes on the case; bless keeps them)
//! followed by one expected line each; blank lines and other `#` lines are not compared.

use std::io::Write;
use std::path::{Path, PathBuf};

/// `TFWARD_BLESS=1`: write expected files instead of comparing.
pub fn blessing() -> bool {
    std::env::var_os("TFWARD_BLESS").is_some_and(|v| v == "1")
}

/// An expected file as read: its leading `#` header and the lines compared.
pub struct Expected {
    pub header: Vec<String>,
    pub lines: Vec<String>,
}

pub fn read(path: &Path) -> Option<Expected> {
    let text = std::fs::read_to_string(path).ok()?;
    let all: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let header_len = all.iter().take_while(|l| l.starts_with('#')).count();
    Some(Expected {
        header: all[..header_len].iter().map(|l| l.to_string()).collect(),
        lines: all[header_len..]
            .iter()
            .map(|l| l.trim_end())
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect(),
    })
}

/// What one golden file holds after `check`.
pub enum Outcome {
    Same(Expected),
    /// Bless rewrote it (or created it).
    Written(Expected),
    /// Not blessing and the file differs or is missing: why, for the failure list.
    Failed(String),
}

/// Compares `got` with the file at `path`, or writes it when blessing (keeping
/// the file's `#` header). `name` is how failures name the file.
pub fn check(path: &Path, name: &str, got: &[String]) -> Outcome {
    let old = read(path);
    if let Some(old) = old.as_ref().filter(|old| old.lines == got) {
        return Outcome::Same(Expected {
            header: old.header.clone(),
            lines: old.lines.clone(),
        });
    }
    if blessing() {
        let header = old.map(|o| o.header).unwrap_or_default();
        let mut text = String::new();
        for line in header.iter().chain(got) {
            text.push_str(line);
            text.push('\n');
        }
        if let Err(e) = std::fs::write(path, text) {
            return Outcome::Failed(format!("{name}: cannot write: {e}"));
        }
        announce("blessed", path);
        return Outcome::Written(Expected {
            header,
            lines: got.to_vec(),
        });
    }
    let Some(old) = old else {
        return Outcome::Failed(format!("{name}: missing (run `make bless`)"));
    };
    Outcome::Failed(format!("{name}:\n{}", diff(&old.lines, got)))
}

/// Removes a stale expected file when blessing; otherwise its presence is a failure.
#[allow(dead_code)] // the region fixtures have no per-form files to remove
pub fn check_absent(path: &Path, name: &str) -> Option<String> {
    if !path.exists() {
        return None;
    }
    if blessing() {
        return match std::fs::remove_file(path) {
            Ok(()) => {
                announce("removed", path);
                None
            }
            Err(e) => Some(format!("{name}: cannot remove: {e}")),
        };
    }
    Some(format!(
        "{name}: no input form of its own (run `make bless` to remove it)"
    ))
}

/// Lines only in one side, or a note that only the order differs.
pub fn diff(want: &[String], got: &[String]) -> String {
    let missing: Vec<&str> = want
        .iter()
        .filter(|l| !got.contains(l))
        .map(String::as_str)
        .collect();
    let extra: Vec<&str> = got
        .iter()
        .filter(|l| !want.contains(l))
        .map(String::as_str)
        .collect();
    if missing.is_empty() && extra.is_empty() {
        return format!(
            "  same lines in another order; produced:\n    {}",
            got.join("\n    ")
        );
    }
    let mut out = Vec::new();
    for (title, lines) in [
        ("expected but missing", missing),
        ("produced but not expected", extra),
    ] {
        if !lines.is_empty() {
            out.push(format!("  {title}:\n    {}", lines.join("\n    ")));
        }
    }
    out.join("\n")
}

/// Says which file bless touched. Straight to the process's stderr, past the
/// test harness's capture: a passing test's printed output is not shown.
fn announce(what: &str, path: &Path) {
    let shown = relative(path);
    let _ = writeln!(std::io::stderr(), "{what} {}", shown.display());
}

fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}
