//! HCL settings files (`.tfward.hcl`, policies, custom rules): literal values
//! and the lines they are on. Settings are data, not configuration: no
//! references and no functions, so hcl-rs evaluates them with an empty context.

use crate::error::{Error, Result};
use crate::model::Value;
use crate::model::value::Key;
use crate::text::LineIndex;
use hcl::edit::structure::Body;
use hcl::eval::{Context, Evaluate};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One parsed settings file: where it is, for errors that name a line.
pub struct SettingsFile {
    path: PathBuf,
    lines: LineIndex,
}

impl SettingsFile {
    /// Parses `text` (read from `path`); `what` names the file in a syntax
    /// error ("invalid policy: ...").
    pub fn parse(path: &Path, text: &str, what: &str) -> Result<(SettingsFile, Body)> {
        let body = hcl::edit::parser::parse_body(text).map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            line: Some(e.location().line()),
            column: Some(e.location().column()),
            message: format!("invalid {what}: {}", e.message()),
        })?;
        let file = SettingsFile {
            path: path.to_path_buf(),
            lines: LineIndex::new(text),
        };
        Ok((file, body))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 1-based line of a parsed item's span.
    pub fn line(&self, span: Option<Range<usize>>) -> Option<usize> {
        span.map(|s| self.lines.line(s.start) as usize)
    }

    /// An error at `line` of this file.
    pub fn error(&self, line: Option<usize>, message: String) -> Error {
        Error::Parse {
            path: self.path.clone(),
            line,
            column: None,
            message,
        }
    }
}

/// The value of a literal expression; `Unknown` for anything that needs a
/// reference or a function.
pub fn literal(expr: &hcl::Expression) -> Value {
    match expr.evaluate(&Context::new()) {
        Ok(value) => from_hcl(value),
        Err(_) => Value::Unknown,
    }
}

fn from_hcl(value: hcl::Value) -> Value {
    match value {
        hcl::Value::Null => Value::Null,
        hcl::Value::Bool(b) => Value::Bool(b),
        hcl::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
        hcl::Value::String(s) => Value::String(s),
        hcl::Value::Array(items) => Value::List(items.into_iter().map(from_hcl).collect()),
        hcl::Value::Object(map) => Value::Map(
            map.into_iter()
                .map(|(k, v)| (Key::from(k.as_str()), from_hcl(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of(src: &str) -> Value {
        let body = hcl::edit::parser::parse_body(&format!("v = {src}\n")).expect("parses");
        let attr = body.attributes().next().expect("one attribute");
        literal(&attr.value.clone().into())
    }

    #[test]
    fn literals_become_values() {
        assert_eq!(value_of("-3"), Value::Number(-3.0));
        assert_eq!(value_of("\"a${1}\""), Value::String("a1".into()));
        assert_eq!(
            value_of("<<-EOT\n    x\n    EOT"),
            Value::String("x\n".into())
        );
        assert_eq!(
            value_of("[\"a\", null, true]"),
            Value::List(vec![
                Value::String("a".into()),
                Value::Null,
                Value::Bool(true)
            ])
        );
        let Value::Map(map) = value_of("{ a = { b = 1 } }") else {
            panic!("a map")
        };
        assert_eq!(
            map.get("a").and_then(|a| a.get("b")),
            Some(&Value::Number(1.0))
        );
    }

    #[test]
    fn references_and_functions_are_unknown() {
        assert_eq!(value_of("var.x"), Value::Unknown);
        assert_eq!(value_of("upper(\"x\")"), Value::Unknown);
        assert_eq!(value_of("[\"a\", local.b]"), Value::Unknown);
    }
}
