//! CloudFormation templates (YAML with the short-form tags, or JSON) read into
//! a `Template`: parameters, mappings, conditions, resources with the line of
//! each logical ID, outputs, and SAM's `Transform` and `Globals`. Values keep
//! their intrinsic functions (`value.rs`); `eval.rs` resolves them where they
//! are decidable. Every file is treated as hostile: aliases, nesting and
//! duplicate keys are bounded or refused, never a panic.
//!
//! `lower.rs` turns the resources into the one model through the per-service
//! mapping table in `table.rs` (docs/architecture.md); `load` recognises a
//! template with `looks_like_template`, and a CDK cloud assembly (`cdk.out`)
//! through `assembly.rs`.

pub mod assembly;
pub mod eval;
mod json;
pub mod lower;
mod node;
pub mod parameter_file;
pub mod stackset;
pub mod table;
pub mod value;
mod yaml;

use crate::error::{Error, Result};
use node::{Kind, Node};
use std::collections::BTreeMap;
use std::path::Path;
pub use value::CfnValue;

/// SAM's transform: a template naming it may use `AWS::Serverless::*` and `Globals`.
pub const SAM_TRANSFORM: &str = "AWS::Serverless-2016-10-31";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Template {
    pub format_version: Option<String>,
    pub description: Option<String>,
    pub parameters: BTreeMap<String, Parameter>,
    pub mappings: BTreeMap<String, CfnValue>,
    pub conditions: BTreeMap<String, CfnValue>,
    /// In document order.
    pub resources: Vec<Resource>,
    pub outputs: BTreeMap<String, Output>,
    /// `Transform`: one name or several.
    pub transform: Vec<String>,
    /// SAM `Globals`.
    pub globals: Option<CfnValue>,
    /// `Fn::ForEach::*` collections (the `AWS::LanguageExtensions` transform)
    /// in `Resources`, `Conditions` or `Outputs`: not expanded, named so nothing is silently lost.
    pub unexpanded: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub r#type: String,
    pub default: Option<CfnValue>,
    pub allowed_values: Vec<CfnValue>,
    pub no_echo: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub logical_id: String,
    pub r#type: String,
    /// A mapping, or an `Fn::If` choosing between mappings (or `AWS::NoValue`).
    pub properties: CfnValue,
    pub condition: Option<String>,
    pub depends_on: Vec<String>,
    pub metadata: Option<CfnValue>,
    /// The line of the logical ID's key (1-based).
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub value: CfnValue,
    pub export_name: Option<CfnValue>,
    pub condition: Option<String>,
}

impl Resource {
    /// A property as written, when `Properties` is a plain mapping.
    pub fn property(&self, name: &str) -> Option<&CfnValue> {
        self.properties.as_map()?.get(name)
    }
}

impl Template {
    pub fn resource(&self, logical_id: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.logical_id == logical_id)
    }

    pub fn is_sam(&self) -> bool {
        self.transform.iter().any(|t| t == SAM_TRANSFORM)
    }
}

/// Reads a template; `path` names the file in errors.
pub fn parse(path: &Path, text: &str) -> Result<Template> {
    let fail = |(line, message): (u32, String)| Error::Parse {
        path: path.to_path_buf(),
        line: Some(line as usize).filter(|&l| l > 0),
        column: None,
        message,
    };
    let root = read(text).map_err(fail)?;
    if !is_template(&root) {
        return Err(fail((
            0,
            "not a CloudFormation template (no AWSTemplateFormatVersion, no Resources with a Type)"
                .to_string(),
        )));
    }
    template(&root).map_err(fail)
}

/// Whether `text` is a CloudFormation template: a mapping with
/// `AWSTemplateFormatVersion`, SAM's `Transform`, or `Resources` whose entries
/// have a `Type` like `AWS::S3::Bucket`. Terraform JSON (`resource`), plans
/// (`format_version`), Kubernetes manifests and workflows have none of these.
pub fn looks_like_template(text: &str) -> bool {
    read(text).is_ok_and(|root| is_template(&root))
}

fn read(text: &str) -> std::result::Result<Node, (u32, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with(['{', '[']) {
        json::read(text)
    } else {
        yaml::read(text)
    }
}

fn is_template(root: &Node) -> bool {
    if root.entries().is_none() {
        return false;
    }
    if root.get("AWSTemplateFormatVersion").is_some() {
        return true;
    }
    let sam = match root.get("Transform").map(|t| &t.kind) {
        Some(Kind::String(s)) => s == SAM_TRANSFORM,
        Some(Kind::List(items)) => items.iter().any(|t| t.as_str() == Some(SAM_TRANSFORM)),
        _ => false,
    };
    let typed_resources = root
        .get("Resources")
        .and_then(Node::entries)
        .is_some_and(|entries| {
            !entries.is_empty()
                && entries.iter().filter(|e| !is_for_each(&e.key)).all(|e| {
                    e.value
                        .get("Type")
                        .and_then(Node::as_str)
                        .is_some_and(|t| t.contains("::"))
                })
        });
    sam || typed_resources
}

type Failure = (u32, String);

fn is_for_each(key: &str) -> bool {
    key.starts_with("Fn::ForEach::")
}

fn template(root: &Node) -> std::result::Result<Template, Failure> {
    let mut t = Template::default();
    let section = |name: &str| root.entry(name);
    if let Some(v) = section("AWSTemplateFormatVersion") {
        t.format_version = Some(text_of(&v.value, v.line, "AWSTemplateFormatVersion")?);
    }
    if let Some(v) = section("Description") {
        t.description = v.value.as_str().map(str::to_string);
    }
    if let Some(v) = section("Transform") {
        t.transform = match &v.value.kind {
            Kind::String(s) => vec![s.clone()],
            // A `{Name, Parameters}` macro call names its macro.
            Kind::List(items) => items
                .iter()
                .filter_map(|i| i.as_str().or_else(|| i.get("Name").and_then(Node::as_str)))
                .map(str::to_string)
                .collect(),
            Kind::Map(_) => v
                .value
                .get("Name")
                .and_then(Node::as_str)
                .map(str::to_string)
                .into_iter()
                .collect(),
            _ => {
                return Err((
                    v.line,
                    "Transform: expected a name or a list of names".into(),
                ));
            }
        };
    }
    if let Some(v) = section("Globals") {
        t.globals = Some(value::convert(&v.value, v.line)?);
    }
    for entry in members(root, "Parameters")? {
        let at = |what: &str| format!("parameter {}: {what}", entry.key);
        let p = &entry.value;
        if p.entries().is_none() {
            return Err((entry.line, at("expected a mapping")));
        }
        let r#type = match p.get("Type") {
            Some(n) => text_of(n, entry.line, &at("Type"))?,
            None => return Err((entry.line, at("no Type"))),
        };
        let default = p
            .get("Default")
            .map(|d| value::convert(d, entry.line))
            .transpose()?;
        let allowed_values = match p
            .get("AllowedValues")
            .map(|a| value::convert(a, entry.line))
            .transpose()?
        {
            Some(CfnValue::List(items)) => items,
            Some(_) => return Err((entry.line, at("AllowedValues: expected a list"))),
            None => Vec::new(),
        };
        let no_echo = matches!(p.get("NoEcho").map(|n| &n.kind), Some(Kind::Bool(true)))
            || p.get("NoEcho")
                .and_then(Node::as_str)
                .is_some_and(|s| s.eq_ignore_ascii_case("true"));
        t.parameters.insert(
            entry.key.clone(),
            Parameter {
                r#type,
                default,
                allowed_values,
                no_echo,
            },
        );
    }
    for entry in members(root, "Mappings")? {
        t.mappings
            .insert(entry.key.clone(), value::convert(&entry.value, entry.line)?);
    }
    for entry in members(root, "Conditions")? {
        if is_for_each(&entry.key) {
            t.unexpanded.push(entry.key.clone());
            continue;
        }
        t.conditions
            .insert(entry.key.clone(), value::convert(&entry.value, entry.line)?);
    }
    for entry in members(root, "Resources")? {
        let id = &entry.key;
        if is_for_each(id) {
            t.unexpanded.push(id.clone());
            continue;
        }
        let r = &entry.value;
        let fail =
            |line: u32, what: String| (line.max(entry.line), format!("resource {id}: {what}"));
        if r.entries().is_none() {
            return Err(fail(entry.line, "expected a mapping".into()));
        }
        let r#type = match r.get("Type") {
            Some(n) => n
                .as_str()
                .ok_or_else(|| fail(n.line, "Type: expected a string".into()))?
                .to_string(),
            None => return Err(fail(entry.line, "no Type".into())),
        };
        let properties = match r.get("Properties") {
            None
            | Some(Node {
                kind: Kind::Null, ..
            }) => CfnValue::Map(BTreeMap::new()),
            Some(n) => match value::convert(n, entry.line).map_err(|(l, m)| fail(l, m))? {
                map @ CfnValue::Map(_) => map,
                CfnValue::Intrinsic { name, arg } if name == "Fn::If" => {
                    CfnValue::Intrinsic { name, arg }
                }
                _ => return Err(fail(n.line, "Properties: expected a mapping".into())),
            },
        };
        let condition = r
            .get("Condition")
            .map(|c| {
                c.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| fail(c.line, "Condition: expected a condition name".into()))
            })
            .transpose()?;
        let depends_on = match r.get("DependsOn").map(|d| &d.kind) {
            None => Vec::new(),
            Some(Kind::String(s)) => vec![s.clone()],
            Some(Kind::List(items)) => items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| fail(i.line, "DependsOn: expected logical IDs".into()))
                })
                .collect::<std::result::Result<_, _>>()?,
            Some(_) => {
                return Err(fail(
                    entry.line,
                    "DependsOn: expected a logical ID or a list of them".into(),
                ));
            }
        };
        let metadata = r
            .get("Metadata")
            .map(|m| value::convert(m, entry.line).map_err(|(l, m)| fail(l, m)))
            .transpose()?;
        t.resources.push(Resource {
            logical_id: id.clone(),
            r#type,
            properties,
            condition,
            depends_on,
            metadata,
            line: entry.line,
        });
    }
    for entry in members(root, "Outputs")? {
        if is_for_each(&entry.key) {
            t.unexpanded.push(entry.key.clone());
            continue;
        }
        let at = |what: &str| (entry.line, format!("output {}: {what}", entry.key));
        let o = &entry.value;
        let Some(value) = o.get("Value") else {
            return Err(at("no Value"));
        };
        let value = value::convert(value, entry.line)?;
        let export_name = o
            .get("Export")
            .and_then(|e| e.get("Name"))
            .map(|n| value::convert(n, entry.line))
            .transpose()?;
        let condition = o
            .get("Condition")
            .and_then(Node::as_str)
            .map(str::to_string);
        t.outputs.insert(
            entry.key.clone(),
            Output {
                value,
                export_name,
                condition,
            },
        );
    }
    Ok(t)
}

/// The entries of a top-level section; an absent or empty one has none.
fn members<'n>(root: &'n Node, name: &str) -> std::result::Result<&'n [node::Entry], Failure> {
    match root.entry(name) {
        None => Ok(&[]),
        Some(e) => match &e.value.kind {
            Kind::Null => Ok(&[]),
            Kind::Map(entries) if e.value.tag.is_none() => Ok(entries),
            _ => Err((e.line, format!("{name}: expected a mapping"))),
        },
    }
}

/// A scalar section value as text (`AWSTemplateFormatVersion: 2010-09-09`
/// unquoted is text; a number is printed).
fn text_of(node: &Node, line: u32, what: &str) -> std::result::Result<String, Failure> {
    match &node.kind {
        Kind::String(s) if node.tag.is_none() => Ok(s.clone()),
        Kind::Number(n) => Ok(n.to_string()),
        _ => Err((node.line.max(line), format!("{what}: expected a string"))),
    }
}

#[cfg(test)]
mod tests;
