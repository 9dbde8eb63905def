//! Terraform JSON configuration syntax (`*.tf.json`) and CDKTF synth output
//! (`cdk.tf.json`, `cdktf.out/manifest.json`) into configuration blocks.

use super::{Body, Item, ModuleSrc, Named, ProviderBlock, Variable, module_call, resource_block};
use crate::error::{Error, Result};
use crate::model::{Location, Mode};
use crate::text::json::{JsonPositions, Step};
use hcl::Expression;
use hcl::expr::TemplateExpr;
use serde_json::Value as Json;
use std::path::Path;

/// Parses one Terraform JSON document into module blocks.
pub fn parse_module_json(path: &Path, text: &str, doc: &Json) -> Result<ModuleSrc> {
    let Some(top) = doc.as_object() else {
        return Err(Error::input(
            path,
            "a Terraform JSON configuration must be an object",
        ));
    };
    check_templates(path, text, doc)?;
    let mut module = ModuleSrc {
        dir: path.parent().unwrap_or(Path::new(".")).to_path_buf(),
        ..ModuleSrc::default()
    };
    let positions = JsonPositions::new(text);
    let locate = |steps: &[Step]| Location {
        file: path.to_path_buf(),
        line: positions.line(steps),
        ..Location::default()
    };
    for (name, configs) in objects(top.get("provider")) {
        // `provider.aws` is an array (CDKTF always writes one) or a single object.
        for (i, cfg) in one_or_many(configs).into_iter().enumerate() {
            let body = json_body(cfg);
            let alias = cfg.get("alias").and_then(Json::as_str).map(str::to_string);
            let location = locate(&[Step::Key("provider"), Step::Key(name), Step::Index(i)]);
            module.providers.push(ProviderBlock {
                name: name.clone(),
                alias,
                for_each: body.attr("for_each").cloned(),
                body,
                location,
            });
        }
    }
    for (key, mode) in [("resource", Mode::Managed), ("data", Mode::Data)] {
        for (r#type, by_name) in objects(top.get(key)) {
            for (name, blocks) in objects(Some(by_name)) {
                for (i, block) in one_or_many(blocks).into_iter().enumerate() {
                    let mut location = locate(&[
                        Step::Key(key),
                        Step::Key(r#type),
                        Step::Key(name),
                        Step::Index(i),
                    ]);
                    location.construct_path = block
                        .pointer("/~1~1/metadata/path")
                        .and_then(Json::as_str)
                        .map(str::to_string);
                    // CDKTF: `resource.addOverride("//.tfward_ignore", ["<rule-id> <reason>"])`.
                    let local = if mode == Mode::Data {
                        format!("data.{type}.{name}")
                    } else {
                        format!("{type}.{name}")
                    };
                    for entry in block
                        .pointer("/~1~1/tfward_ignore")
                        .and_then(Json::as_array)
                        .into_iter()
                        .flatten()
                    {
                        if let Some(text) = entry.as_str() {
                            module.suppressions.extend(crate::model::Suppression::parse(
                                text,
                                path.to_path_buf(),
                                None,
                                Some(local.clone()),
                            ));
                        }
                    }
                    module.resources.push(resource_block(
                        mode,
                        r#type,
                        name,
                        json_body(block),
                        location,
                    ));
                }
            }
        }
    }
    for (name, block) in objects(top.get("variable")) {
        if name == "//" {
            continue;
        }
        module.variables.push(Variable {
            name: name.clone(),
            default: block.get("default").map(json_expression),
            // JSON syntax writes the type as a string: `"map(object({a = string}))"`.
            type_expr: block
                .get("type")
                .and_then(Json::as_str)
                .and_then(|t| hcl::edit::parser::parse_expr(t).ok())
                .map(Into::into),
            sensitive: block.get("sensitive").and_then(Json::as_bool) == Some(true),
            nullable: block.get("nullable").and_then(Json::as_bool) != Some(false),
            location: locate(&[Step::Key("variable"), Step::Key(name)]),
        });
    }
    for (i, locals) in one_or_many(top.get("locals").unwrap_or(&Json::Null))
        .into_iter()
        .enumerate()
    {
        for (name, value) in locals
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(n, _)| *n != "//")
        {
            module.locals.push(Named {
                name: name.clone(),
                expr: json_expression(value),
                location: locate(&[Step::Key("locals"), Step::Index(i), Step::Key(name)]),
            });
        }
    }
    for (name, block) in objects(top.get("output")) {
        if let Some(value) = block.get("value") {
            module.outputs.push(Named {
                name: name.clone(),
                expr: json_expression(value),
                location: locate(&[Step::Key("output"), Step::Key(name)]),
            });
        }
    }
    for (name, block) in objects(top.get("module")) {
        let body = json_body(block);
        module.calls.push(module_call(
            name,
            &body,
            locate(&[Step::Key("module"), Step::Key(name)]),
        ));
    }
    Ok(module)
}

/// Every `${...}` string must parse as a template, as Terraform requires.
fn check_templates(path: &Path, text: &str, doc: &Json) -> Result<()> {
    match doc {
        Json::String(s) if s.contains("${") || s.contains("%{") => {
            if s.parse::<hcl::Template>().is_err() {
                let encoded = serde_json::to_string(s).unwrap_or_default();
                let line = JsonPositions::new(text)
                    .strings()
                    .into_iter()
                    .find(|(value, _)| value == s)
                    .map(|(_, line)| line as usize);
                return Err(Error::Parse {
                    path: path.to_path_buf(),
                    line,
                    column: None,
                    message: format!(
                        "invalid template {encoded}: an unterminated or malformed `${{...}}`"
                    ),
                });
            }
            Ok(())
        }
        Json::Array(items) => items
            .iter()
            .try_for_each(|i| check_templates(path, text, i)),
        Json::Object(map) => map
            .values()
            .try_for_each(|v| check_templates(path, text, v)),
        _ => Ok(()),
    }
}

fn objects(value: Option<&Json>) -> impl Iterator<Item = (&String, &Json)> {
    value.and_then(Json::as_object).into_iter().flatten()
}

fn one_or_many(value: &Json) -> Vec<&Json> {
    match value {
        Json::Array(items) => items.iter().collect(),
        Json::Null => Vec::new(),
        other => vec![other],
    }
}

/// A resource object's keys become attributes; nested blocks stay values
/// (lists of objects), which evaluate to the same shape as HCL blocks.
fn json_body(block: &Json) -> Body {
    let mut body = Body::default();
    for (name, value) in block.as_object().into_iter().flatten() {
        if name == "//" {
            continue;
        }
        if name == "dynamic" {
            body.items.extend(json_dynamic_blocks(value));
            continue;
        }
        body.items.push(Item::Attr {
            name: name.clone(),
            expr: json_expression(value),
            line: None,
        });
    }
    body
}

/// `"dynamic": {"rule": {"for_each": ..., "iterator": ..., "content": {...}}}`,
/// as the HCL `dynamic "rule" { ... }` block the evaluator expands.
fn json_dynamic_blocks(value: &Json) -> Vec<Item> {
    let mut out = Vec::new();
    for (block_type, specs) in value.as_object().into_iter().flatten() {
        for spec in one_or_many(specs) {
            let mut body = Body::default();
            for (key, v) in spec.as_object().into_iter().flatten() {
                match key.as_str() {
                    "content" => body.items.push(Item::Block {
                        ident: "content".to_string(),
                        labels: Vec::new(),
                        body: json_body(v),
                    }),
                    "iterator" => {
                        if let Some(name) = v.as_str() {
                            body.items.push(Item::Attr {
                                name: "iterator".to_string(),
                                expr: Expression::Variable(hcl::expr::Variable::unchecked(name)),
                                line: None,
                            });
                        }
                    }
                    _ => body.items.push(Item::Attr {
                        name: key.clone(),
                        expr: json_expression(v),
                        line: None,
                    }),
                }
            }
            out.push(Item::Block {
                ident: "dynamic".to_string(),
                labels: vec![block_type.clone()],
                body,
            });
        }
    }
    out
}

/// A JSON value as an expression: strings with `${...}` are templates.
pub fn json_expression(value: &Json) -> Expression {
    match value {
        Json::Null => Expression::Null,
        Json::Bool(b) => Expression::Bool(*b),
        Json::Number(n) => n
            .as_f64()
            .and_then(hcl::Number::from_f64)
            .map(Expression::Number)
            .unwrap_or(Expression::Null),
        Json::String(s) if s.contains("${") || s.contains("%{") => {
            // A quoted template is stored unescaped, which is what JSON gives us.
            Expression::TemplateExpr(Box::new(TemplateExpr::QuotedString(s.clone())))
        }
        Json::String(s) => Expression::String(s.clone()),
        Json::Array(items) => Expression::Array(items.iter().map(json_expression).collect()),
        Json::Object(map) => Expression::Object(
            map.iter()
                .map(|(k, v)| {
                    (
                        hcl::ObjectKey::Expression(Expression::String(k.clone())),
                        json_expression(v),
                    )
                })
                .collect(),
        ),
    }
}
