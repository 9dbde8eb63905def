//! HCL files (`*.tf`) into configuration blocks, with file and line for every block.

use super::{
    Body, Item, ModuleSrc, Named, ProviderBlock, Variable, literal_string, module_call,
    resource_block,
};
use crate::error::{Error, Result};
use crate::model::{Location, Mode};
use crate::text::LineIndex;
use hcl::Expression;
use hcl::edit::Span;
use hcl::edit::structure as edit;
use std::path::Path;

/// Parses one HCL file. hcl-edit keeps spans, which hcl's plain types lose.
pub fn parse_module_hcl(path: &Path, text: &str) -> Result<ModuleSrc> {
    let body = hcl::edit::parser::parse_body(text).map_err(|e| Error::Parse {
        path: path.to_path_buf(),
        line: Some(e.location().line()),
        column: Some(e.location().column()),
        message: format!("invalid HCL: {}", e.message()),
    })?;
    let mut module = ModuleSrc {
        dir: path.parent().unwrap_or(Path::new(".")).to_path_buf(),
        ..ModuleSrc::default()
    };
    let lines = LineIndex::new(text);
    for structure in body.into_iter() {
        let edit::Structure::Block(block) = structure else {
            continue;
        };
        let location = Location {
            file: path.to_path_buf(),
            line: block.span().map(|s| lines.line(s.start)),
            end_line: block.span().map(|s| lines.line(s.end.saturating_sub(1))),
            ..Location::default()
        };
        let labels: Vec<String> = block
            .labels
            .iter()
            .map(|l| l.as_str().to_string())
            .collect();
        let ident = block.ident.as_str().to_string();
        let bad = |what: &str| Error::Parse {
            path: path.to_path_buf(),
            line: location.line.map(|l| l as usize),
            column: None,
            message: format!("`{ident}` block {what}"),
        };
        match ident.as_str() {
            "resource" | "data" => {
                let [r#type, name] = labels.as_slice() else {
                    return Err(bad("needs two labels (type and name)"));
                };
                let body = convert_body(&block.body, &lines);
                module.resources.push(resource_block(
                    if ident == "data" {
                        Mode::Data
                    } else {
                        Mode::Managed
                    },
                    r#type,
                    name,
                    body,
                    location,
                ));
            }
            "provider" => {
                let [name] = labels.as_slice() else {
                    return Err(bad("needs one label (the provider name)"));
                };
                let body = convert_body(&block.body, &lines);
                let alias = body.attr("alias").and_then(literal_string);
                module.providers.push(ProviderBlock {
                    name: name.clone(),
                    alias,
                    for_each: body.attr("for_each").cloned(),
                    body,
                    location,
                });
            }
            "variable" => {
                let [name] = labels.as_slice() else {
                    return Err(bad("needs one label (the variable name)"));
                };
                let body = convert_body(&block.body, &lines);
                module.variables.push(Variable {
                    name: name.clone(),
                    default: body.attr("default").cloned(),
                    type_expr: body.attr("type").cloned(),
                    sensitive: matches!(body.attr("sensitive"), Some(Expression::Bool(true))),
                    nullable: !matches!(body.attr("nullable"), Some(Expression::Bool(false))),
                    location,
                });
            }
            "locals" => {
                for item in convert_body(&block.body, &lines).items {
                    if let Item::Attr { name, expr, line } = item {
                        module.locals.push(Named {
                            name,
                            expr,
                            location: Location {
                                line,
                                ..location.clone()
                            },
                        });
                    }
                }
            }
            "output" => {
                let [name] = labels.as_slice() else {
                    return Err(bad("needs one label (the output name)"));
                };
                let body = convert_body(&block.body, &lines);
                if let Some(expr) = body.attr("value") {
                    module.outputs.push(Named {
                        name: name.clone(),
                        expr: expr.clone(),
                        location,
                    });
                }
            }
            "module" => {
                let [name] = labels.as_slice() else {
                    return Err(bad("needs one label (the module name)"));
                };
                let body = convert_body(&block.body, &lines);
                module.calls.push(module_call(name, &body, location));
            }
            // terraform, moved, import, check, removed: nothing lands anywhere.
            _ => {}
        }
    }
    module.suppressions = comment_suppressions(path, text);
    Ok(module)
}

/// `# tfward:ignore:<rule-id> <reason> [exp:YYYY-MM-DD]` (or `//`) comments, by line.
pub fn comment_suppressions(path: &Path, text: &str) -> Vec<crate::model::Suppression> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(at) = line.find("tfward:ignore:") else {
            continue;
        };
        let before = line[..at].trim_end();
        if !(before.ends_with('#') || before.ends_with("//") || before.ends_with("/*")) {
            continue;
        }
        let rest = line[at + "tfward:ignore:".len()..].trim_end_matches("*/");
        out.extend(crate::model::Suppression::parse(
            rest,
            path.to_path_buf(),
            Some(i as u32 + 1),
            None,
        ));
    }
    out
}

fn convert_body(body: &edit::Body, lines: &LineIndex) -> Body {
    let mut out = Body::default();
    for structure in body.iter() {
        match structure {
            edit::Structure::Attribute(attr) => out.items.push(Item::Attr {
                name: attr.key.as_str().to_string(),
                line: attr.span().map(|s| lines.line(s.start)),
                expr: attr.value.clone().into(),
            }),
            edit::Structure::Block(block) => out.items.push(Item::Block {
                ident: block.ident.as_str().to_string(),
                labels: block
                    .labels
                    .iter()
                    .map(|l| l.as_str().to_string())
                    .collect(),
                body: convert_body(&block.body, lines),
            }),
        }
    }
    out
}
