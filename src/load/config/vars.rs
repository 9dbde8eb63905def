//! Root module variable values in Terraform's precedence order, each with
//! where it came from: default < TF_VAR_ environment < terraform.tfvars <
//! terraform.tfvars.json < *.auto.tfvars(.json) in lexical order <
//! --var-file and --var in command-line order.

use super::tfjson::json_expression;
use crate::error::{Error, Result};
use crate::load::options::{CliVar, LoadOptions};
use crate::load::tree::Tree;
use crate::model::Value;
use hcl::Expression;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A value given for a root variable, not yet evaluated (tfvars hold literal expressions).
#[derive(Debug, Clone)]
pub struct GivenValue {
    pub expr: Expression,
    pub origin: String,
}

/// Every value given for a root variable, the last one winning.
pub fn given_values(
    root_dir: &Path,
    tree: &Tree,
    opts: &LoadOptions,
) -> Result<HashMap<String, GivenValue>> {
    let mut out = HashMap::new();
    if opts.include_env {
        for (key, value) in std::env::vars() {
            if let Some(name) = key.strip_prefix("TF_VAR_") {
                out.insert(
                    name.to_string(),
                    GivenValue {
                        expr: cli_value(&value),
                        origin: format!("environment variable {key}"),
                    },
                );
            }
        }
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for name in ["terraform.tfvars", "terraform.tfvars.json"] {
        let path = root_dir.join(name);
        // Not only regular files: a pipe or device here is an error, not
        // skipped. Links are not followed: a link out is an error below,
        // whether or not its target exists.
        if path.symlink_metadata().is_ok() {
            files.push(path);
        }
    }
    let mut auto: Vec<PathBuf> = std::fs::read_dir(root_dir)
        .map_err(|e| Error::io(root_dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.ends_with(".auto.tfvars") || n.ends_with(".auto.tfvars.json")
        })
        .collect();
    auto.sort();
    files.extend(auto);
    // These come from the checked tree, so they must stay inside it (a
    // `--var-file` the user named may be anywhere).
    let mut resolved = Vec::with_capacity(files.len());
    for file in &files {
        let name = Path::new(file.file_name().unwrap_or_default());
        match tree.file_inside(root_dir, name, file)? {
            Some(real) => resolved.push(real),
            None => return Err(Error::input(file, "a link to nothing (no such file)")),
        }
    }
    let given_files = opts.cli_vars.iter().filter_map(|v| match v {
        CliVar::File(f) => Some(f),
        CliVar::Var(..) => None,
    });
    for file in given_files.clone() {
        if !file.exists() {
            return Err(Error::input(file, "variables file does not exist"));
        }
    }
    let limit = opts.limits.file();
    let mut sources: Vec<(String, Vec<(String, Expression)>)> = Vec::new();
    for (file, real) in files.iter().zip(&resolved) {
        sources.push((display_name(file), read_var_file(file, real, limit)?));
    }
    for given in &opts.cli_vars {
        sources.push(match given {
            CliVar::File(file) => (display_name(file), read_var_file(file, file, limit)?),
            CliVar::Var(name, value) => {
                ("--var".to_string(), vec![(name.clone(), cli_value(value))])
            }
        });
    }
    // The plan was made with these values: they are the ones that count.
    if let Some(facts) = &opts.plan_facts {
        let values = facts
            .variables
            .iter()
            .filter_map(|(name, value)| Some((name.to_string(), value_expression(value)?)))
            .collect();
        sources.push(("the plan's variables".to_string(), values));
    }
    for (origin, values) in sources {
        for (name, expr) in values {
            out.insert(
                name,
                GivenValue {
                    expr,
                    origin: origin.clone(),
                },
            );
        }
    }
    Ok(out)
}

/// A known value as the literal expression that gives it; `None` when a part
/// is unknown (a plan's variables never are).
fn value_expression(value: &Value) -> Option<Expression> {
    Some(match value {
        Value::Null => Expression::Null,
        Value::Bool(b) => Expression::Bool(*b),
        Value::Number(n) => Expression::Number(hcl::Number::from_f64(*n)?),
        Value::String(s) => Expression::String(s.clone()),
        Value::List(items) => Expression::Array(
            items
                .iter()
                .map(value_expression)
                .collect::<Option<Vec<_>>>()?,
        ),
        Value::Map(map) => Expression::Object(
            map.iter()
                .map(|(k, v)| {
                    Some((
                        hcl::ObjectKey::Expression(Expression::String(k.to_string())),
                        value_expression(v)?,
                    ))
                })
                .collect::<Option<_>>()?,
        ),
        Value::Sensitive(inner) => value_expression(inner)?,
        Value::Unknown | Value::Partial(_) => return None,
    })
}

fn display_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string())
}

/// Reads a `.tfvars` (HCL attributes) or `.tfvars.json` file from `real`
/// (its resolved path), shown as `file`.
pub fn read_var_file(
    file: &Path,
    real: &Path,
    limit: crate::text::bounded::Limit,
) -> Result<Vec<(String, Expression)>> {
    let text = crate::text::read_text_as(real, file, limit)?;
    if file.to_string_lossy().ends_with(".json") {
        let doc: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| Error::json(file, &e))?;
        let Some(map) = doc.as_object() else {
            return Err(Error::input(
                file,
                "a .tfvars.json file must hold one object",
            ));
        };
        return Ok(map
            .iter()
            .map(|(k, v)| (k.clone(), json_expression(v)))
            .collect());
    }
    let body = hcl::edit::parser::parse_body(&text).map_err(|e| Error::Parse {
        path: file.to_path_buf(),
        line: Some(e.location().line()),
        column: Some(e.location().column()),
        message: format!("invalid variables file: {}", e.message()),
    })?;
    let mut out = Vec::new();
    for attr in body.attributes() {
        let expr: Expression = attr.value.clone().into();
        // Terraform allows only literal values here: no references or function calls.
        if !is_literal(&expr) {
            use hcl::edit::Span;
            return Err(Error::Parse {
                path: file.to_path_buf(),
                line: attr
                    .span()
                    .map(|s| crate::text::LineIndex::new(&text).line(s.start) as usize),
                column: None,
                message: format!(
                    "`{}`: variables files can only contain literal values",
                    attr.key.as_str()
                ),
            });
        }
        out.push((attr.key.as_str().to_string(), expr));
    }
    Ok(out)
}

fn is_literal(expr: &Expression) -> bool {
    match expr {
        Expression::Null | Expression::Bool(_) | Expression::Number(_) | Expression::String(_) => {
            true
        }
        Expression::Array(items) => items.iter().all(is_literal),
        Expression::Object(map) => map.values().all(is_literal),
        Expression::TemplateExpr(t) => {
            !t.to_string().contains("${") && !t.to_string().contains("%{")
        }
        Expression::Parenthesis(inner) => is_literal(inner),
        // A negative number parses as an operation.
        Expression::Operation(op) => {
            matches!(op.as_ref(), hcl::expr::Operation::Unary(u) if is_literal(&u.expr))
        }
        _ => false,
    }
}

/// `-var name=value`: Terraform parses the value as HCL for complex types and
/// takes it as a string otherwise.
fn cli_value(value: &str) -> Expression {
    let trimmed = value.trim_start();
    if (trimmed.starts_with('[') || trimmed.starts_with('{'))
        && let Ok(expr) = hcl::edit::parser::parse_expr(value)
    {
        return expr.into();
    }
    Expression::String(value.to_string())
}

/// Parses `name=value` from `--var`.
pub fn parse_cli_var(text: &str) -> std::result::Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.to_string()))
        }
        _ => Err(format!("expected NAME=VALUE, got `{text}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::eval::literal_value;
    use crate::model::Value;

    #[test]
    fn cli_vars_split_on_first_equals() {
        assert_eq!(parse_cli_var("a=b=c").unwrap(), ("a".into(), "b=c".into()));
        assert!(parse_cli_var("=x").is_err());
        assert!(parse_cli_var("novalue").is_err());
    }

    #[test]
    fn cli_values_parse_complex_types() {
        assert_eq!(
            literal_value(&cli_value("us-east-1")),
            Value::String("us-east-1".into())
        );
        assert_eq!(
            literal_value(&cli_value("[\"a\", \"b\"]")),
            Value::List(vec![Value::String("a".into()), Value::String("b".into())])
        );
    }
}
