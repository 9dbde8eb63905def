//! `--format github`: one workflow command per finding, which GitHub shows as an annotation.

use super::check::Report;
use crate::rules::meta::Severity;
use std::io::{self, Write};

/// Message data: `%`, CR and LF must be escaped.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Property values additionally escape `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in report.shown() {
        // A suppressed finding (listed with `--show-suppressed`) was accepted:
        // a notice that says so, never an error on the pull request.
        let command = match (&f.suppressed, f.severity) {
            (Some(_), _) => "notice",
            (None, Severity::Critical | Severity::High) => "error",
            (None, Severity::Medium) => "warning",
            (None, Severity::Low) => "notice",
        };
        let mut props = Vec::new();
        // Standard input is no file of the repository: the annotation goes on the run.
        if !super::paths::is_stdin(&f.location.file) {
            props.push(format!(
                "file={}",
                escape_property(&super::paths::relative_path(&f.location.file))
            ));
            if let Some(line) = f.location.line {
                props.push(format!("line={line}"));
            }
        }
        let (title, message) = match &f.suppressed {
            Some(s) => (
                format!("tfward ({}, suppressed)", f.rule),
                format!("{}: {}", s.describe(), f.message),
            ),
            None => (format!("tfward ({})", f.rule), f.message.clone()),
        };
        props.push(format!("title={}", escape_property(&title)));
        writeln!(
            out,
            "::{command} {}::{}",
            props.join(","),
            escape_data(&message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% a\nb\r"), "50%25 a%0Ab%0D");
        assert_eq!(escape_property("tfward (x): a,b"), "tfward (x)%3A a%2Cb");
    }
}
