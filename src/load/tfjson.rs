//! Terraform JSON configuration syntax (`*.tf.json`) and CDKTF synth output
//! (`cdk.tf.json`, `cdktf.out/manifest.json`) into configuration blocks.

use super::config::{self, Body, Item, ModuleSrc, Named, ProviderBlock, Variable};
use super::hcl::{module_call, resource_block};
use super::tree::Located;
use super::{LoadOptions, line_of};
use crate::error::{Error, Result};
use crate::model::{InputKind, Location, Mode, Model};
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
    let lines = KeyLines { path, text };
    for (name, configs) in objects(top.get("provider")) {
        // `provider.aws` is an array (CDKTF always writes one) or a single object.
        for cfg in one_or_many(configs) {
            let body = json_body(cfg);
            let alias = cfg.get("alias").and_then(Json::as_str).map(str::to_string);
            let location =
                lines.locate(&["provider", name], alias.as_deref().map(|a| ("alias", a)));
            module.providers.push(ProviderBlock {
                name: name.clone(),
                alias,
                body,
                location,
            });
        }
    }
    for (key, mode) in [("resource", Mode::Managed), ("data", Mode::Data)] {
        for (r#type, by_name) in objects(top.get(key)) {
            for (name, blocks) in objects(Some(by_name)) {
                for block in one_or_many(blocks) {
                    let mut location = lines.locate(&[key, r#type, name], None);
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
            location: lines.locate(&["variable", name], None),
        });
    }
    for locals in one_or_many(top.get("locals").unwrap_or(&Json::Null)) {
        for (name, value) in locals
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(n, _)| *n != "//")
        {
            module.locals.push(Named {
                name: name.clone(),
                expr: json_expression(value),
                location: lines.locate(&["locals", name], None),
            });
        }
    }
    for (name, block) in objects(top.get("output")) {
        if let Some(value) = block.get("value") {
            module.outputs.push(Named {
                name: name.clone(),
                expr: json_expression(value),
                location: lines.locate(&["output", name], None),
            });
        }
    }
    for (name, block) in objects(top.get("module")) {
        let body = json_body(block);
        module.calls.push(module_call(
            name,
            &body,
            lines.locate(&["module", name], None),
        ));
    }
    Ok(module)
}

/// Every `${...}` string must parse as a template, as Terraform requires.
fn check_templates(path: &Path, text: &str, doc: &Json) -> Result<()> {
    match doc {
        Json::String(s) if s.contains("${") || s.contains("%{") => {
            if s.parse::<hcl::Template>().is_err() {
                // serde_json keeps no positions: find the string in the text for its line.
                let encoded = serde_json::to_string(s).unwrap_or_default();
                let line = text.find(&encoded).map(|at| line_of(text, at) as usize);
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

/// Finds the line of a JSON object key path. serde_json keeps no positions,
/// so this searches the text for each `"key":` in turn.
struct KeyLines<'a> {
    path: &'a Path,
    text: &'a str,
}

impl KeyLines<'_> {
    fn locate(&self, keys: &[&str], member: Option<(&str, &str)>) -> Location {
        let mut offset = 0;
        let mut found = true;
        for key in keys {
            match find_key(self.text, offset, key) {
                Some(at) => offset = at,
                None => {
                    found = false;
                    break;
                }
            }
        }
        if let (true, Some((key, value))) = (found, member) {
            let needle = format!("\"{key}\"");
            let quoted = format!("\"{value}\"");
            let mut from = offset;
            while let Some(at) = find_key(self.text, from, key) {
                let rest = &self.text[at + needle.len()..];
                let rest = rest.trim_start().trim_start_matches(':').trim_start();
                if rest.starts_with(&quoted) {
                    offset = at;
                    break;
                }
                from = at + 1;
            }
        }
        Location {
            file: self.path.to_path_buf(),
            line: found.then(|| line_of(self.text, offset)),
            ..Location::default()
        }
    }
}

fn find_key(text: &str, from: usize, key: &str) -> Option<usize> {
    let needle = format!("\"{key}\"");
    let mut start = from;
    while let Some(rel) = text.get(start..)?.find(&needle) {
        let at = start + rel;
        let after = text[at + needle.len()..].trim_start();
        if after.starts_with(':') {
            return Some(at);
        }
        start = at + needle.len();
    }
    None
}

/// A `cdktf.out` folder: every stack its `manifest.json` lists.
pub fn load_cdktf_out(
    dir: &Path,
    manifest_path: &Path,
    manifest: &Json,
    opts: &LoadOptions,
) -> Result<Vec<Model>> {
    let Some(stacks) = manifest.get("stacks").and_then(Json::as_object) else {
        return Err(Error::input(
            manifest_path,
            "CDKTF manifest has no `stacks` object",
        ));
    };
    // The manifest is as hostile as the rest: its stacks are read only from
    // inside the folder it describes, links resolved.
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    // The same containment as the checked tree's, with the folder as its
    // root: checked as written first, so a path outside gets the same answer
    // whether or not anything is there.
    let folder = super::tree::Tree::at(dir).map_err(|e| Error::io(dir, e))?;
    let mut models = Vec::new();
    for (name, stack) in stacks {
        let Some(rel) = stack.get("synthesizedStackPath").and_then(Json::as_str) else {
            return Err(Error::input(
                manifest_path,
                format!("stack {name:?} has no `synthesizedStackPath`"),
            ));
        };
        let file = dir.join(rel);
        let real = match folder.locate(dir, Path::new(rel)) {
            Located::Inside(real) => real,
            Located::Outside | Located::LinksOutside => {
                return Err(Error::input(
                    manifest_path,
                    format!(
                        "stack {name:?}: `synthesizedStackPath` {rel:?} leads outside the cdktf.out folder; tfward reads stacks only inside it"
                    ),
                ));
            }
            Located::Missing => {
                return Err(Error::io(&file, std::io::ErrorKind::NotFound.into()));
            }
            Located::Unresolvable(e) => return Err(Error::io(&file, e)),
        };
        // Shown as the manifest names it, unless a `..` makes that differ
        // from where it resolves.
        let file = if Path::new(rel)
            .components()
            .any(|c| c == std::path::Component::ParentDir)
        {
            real.clone()
        } else {
            file
        };
        let text = super::read_text_as(&real, &file, opts.limits.input())?;
        let doc: Json = serde_json::from_str(&text).map_err(|e| Error::json(&file, &e))?;
        let mut model = config::load_single_json_file(&file, &text, &doc, opts)?;
        model.kind = InputKind::Cdktf;
        model.stack = Some(name.clone());
        models.push(model);
    }
    Ok(models)
}
