//! The configuration form shared by HCL and Terraform JSON: both parse into
//! these blocks, and one evaluator (`load::eval`) turns them into the model.

pub mod cdktf;
pub mod hcl;
pub mod module_dir;
pub mod tfjson;
pub mod vars;

use super::tree::Tree;
use crate::error::{Error, Result};
use crate::model::{Location, Mode};
use ::hcl::Expression;
use std::collections::HashMap;
use std::path::PathBuf;

/// A block body: attributes and nested blocks, in source order.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone)]
pub enum Item {
    Attr {
        name: String,
        expr: Expression,
        line: Option<u32>,
    },
    Block {
        ident: String,
        labels: Vec<String>,
        body: Body,
    },
}

impl Body {
    pub fn attr(&self, name: &str) -> Option<&Expression> {
        self.items.iter().find_map(|item| match item {
            Item::Attr { name: n, expr, .. } if n == name => Some(expr),
            _ => None,
        })
    }

    pub fn blocks<'a>(&'a self, ident: &'a str) -> impl Iterator<Item = &'a Body> + 'a {
        self.items.iter().filter_map(move |item| match item {
            Item::Block { ident: i, body, .. } if i == ident => Some(body),
            _ => None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Variable {
    pub name: String,
    pub default: Option<Expression>,
    /// The `type` constraint: values are converted to it (`optional()` defaults, `"3"` → 3).
    pub type_expr: Option<Expression>,
    pub sensitive: bool,
    /// `nullable = false`: a null value means the default.
    pub nullable: bool,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Named {
    pub name: String,
    pub expr: Expression,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct ProviderBlock {
    pub name: String,
    pub alias: Option<String>,
    /// OpenTofu (1.9+): one configuration per key, `aws.cell["tokyo"]`.
    pub for_each: Option<Expression>,
    pub body: Body,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct ResourceBlock {
    pub mode: Mode,
    pub r#type: String,
    pub name: String,
    pub count: Option<Expression>,
    pub for_each: Option<Expression>,
    /// The `provider` meta-argument.
    pub provider: Option<ProviderExpr>,
    pub body: Body,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct ModuleCall {
    pub name: String,
    pub source: String,
    pub count: Option<Expression>,
    pub for_each: Option<Expression>,
    /// `providers = { aws = aws.dr }` as (child key, parent reference).
    pub providers: Vec<(String, ProviderExpr)>,
    pub inputs: Vec<(String, Expression)>,
    pub location: Location,
    /// Index of the called module in the tree, when its source is on disk.
    pub child: Option<usize>,
    /// The block as written, for override files.
    pub body: Body,
}

/// One module's blocks, from all its files.
#[derive(Debug, Clone, Default)]
pub struct ModuleSrc {
    pub dir: PathBuf,
    pub variables: Vec<Variable>,
    pub locals: Vec<Named>,
    pub outputs: Vec<Named>,
    pub providers: Vec<ProviderBlock>,
    pub resources: Vec<ResourceBlock>,
    pub calls: Vec<ModuleCall>,
    /// `tfward:ignore` comments and metadata of the module's files.
    pub suppressions: Vec<crate::model::Suppression>,
}

impl ModuleSrc {
    /// Adds the blocks of one file (HCL or JSON syntax); `check_unique` then
    /// finds blocks defined twice.
    pub fn merge(&mut self, other: ModuleSrc) {
        self.variables.extend(other.variables);
        self.locals.extend(other.locals);
        self.outputs.extend(other.outputs);
        self.providers.extend(other.providers);
        self.resources.extend(other.resources);
        self.calls.extend(other.calls);
        self.suppressions.extend(other.suppressions);
    }

    /// A block defined twice in a module's files is an error naming both
    /// places, as Terraform reports it. One pass with a set per kind of
    /// block: a module of thousands of files is not compared pairwise.
    pub fn check_unique(&self) -> Result<()> {
        first_duplicate(
            &self.variables,
            |v| v.name.as_str(),
            |v| (&v.location, format!("variable \"{}\"", v.name)),
        )?;
        first_duplicate(
            &self.locals,
            |l| l.name.as_str(),
            |l| (&l.location, format!("local value `{}`", l.name)),
        )?;
        first_duplicate(
            &self.outputs,
            |o| o.name.as_str(),
            |o| (&o.location, format!("output \"{}\"", o.name)),
        )?;
        first_duplicate(
            &self.providers,
            |p| (p.name.as_str(), p.alias.as_deref()),
            |p| {
                let key = crate::model::provider_local_key(&p.name, p.alias.as_deref());
                (&p.location, format!("provider configuration `{key}`"))
            },
        )?;
        first_duplicate(
            &self.resources,
            |r| (r.mode, r.r#type.as_str(), r.name.as_str()),
            |r| {
                let kind = if r.mode == Mode::Data {
                    "data source"
                } else {
                    "resource"
                };
                (
                    &r.location,
                    format!("{kind} \"{}\" \"{}\"", r.r#type, r.name),
                )
            },
        )?;
        first_duplicate(
            &self.calls,
            |c| c.name.as_str(),
            |c| (&c.location, format!("module call \"{}\"", c.name)),
        )
    }

    /// Applies an override file (`override.tf`, `*_override.tf`) as Terraform
    /// merges it: attributes replace attributes, and a nested block type in the
    /// override replaces every block of that type.
    pub fn apply_override(&mut self, over: ModuleSrc) {
        for v in over.variables {
            match self.variables.iter_mut().find(|x| x.name == v.name) {
                Some(base) => {
                    if v.default.is_some() {
                        base.default = v.default;
                    }
                    if v.type_expr.is_some() {
                        base.type_expr = v.type_expr;
                    }
                    base.sensitive |= v.sensitive;
                    base.nullable &= v.nullable;
                }
                None => self.variables.push(v),
            }
        }
        for l in over.locals {
            match self.locals.iter_mut().find(|x| x.name == l.name) {
                Some(base) => *base = l,
                None => self.locals.push(l),
            }
        }
        for o in over.outputs {
            match self.outputs.iter_mut().find(|x| x.name == o.name) {
                Some(base) => base.expr = o.expr,
                None => self.outputs.push(o),
            }
        }
        for p in over.providers {
            match self
                .providers
                .iter_mut()
                .find(|x| x.name == p.name && x.alias == p.alias)
            {
                Some(base) => merge_body(&mut base.body, p.body),
                None => self.providers.push(p),
            }
        }
        for r in over.resources {
            match self
                .resources
                .iter_mut()
                .find(|x| x.mode == r.mode && x.r#type == r.r#type && x.name == r.name)
            {
                Some(base) => {
                    let mut body = std::mem::take(&mut base.body);
                    merge_body(&mut body, r.body);
                    *base = resource_block(
                        base.mode,
                        &base.r#type,
                        &base.name,
                        body,
                        base.location.clone(),
                    );
                }
                None => self.resources.push(r),
            }
        }
        for c in over.calls {
            match self.calls.iter_mut().find(|x| x.name == c.name) {
                Some(base) => {
                    let mut body = std::mem::take(&mut base.body);
                    merge_body(&mut body, c.body);
                    *base = module_call(&base.name, &body, base.location.clone());
                }
                None => self.calls.push(c),
            }
        }
    }
}

/// Terraform's override merge of one block body into another.
fn merge_body(base: &mut Body, over: Body) {
    let replaced: Vec<String> = over
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Block { ident, .. } => Some(ident.clone()),
            Item::Attr { .. } => None,
        })
        .collect();
    base.items
        .retain(|i| !matches!(i, Item::Block { ident, .. } if replaced.contains(ident)));
    for item in over.items {
        let existing = match &item {
            Item::Attr { name, .. } => base
                .items
                .iter()
                .position(|i| matches!(i, Item::Attr { name: n, .. } if n == name)),
            Item::Block { .. } => None,
        };
        match existing {
            Some(at) => base.items[at] = item,
            None => base.items.push(item),
        }
    }
}

/// The root module and every local module it calls, recursively.
#[derive(Debug, Default)]
pub struct ModuleTree {
    pub modules: Vec<ModuleSrc>,
    pub notes: Vec<String>,
    /// The checked tree, computed once per load (`None` only for literals).
    pub checked: Option<Tree>,
}

pub(super) fn literal_string(expr: &Expression) -> Option<String> {
    match expr {
        Expression::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// A provider reference as written: `aws`, `aws.dr`, or an instance of an
/// OpenTofu `for_each` configuration, `aws.cell["tokyo"]` / `aws.cell[each.key]`.
#[derive(Debug, Clone)]
pub struct ProviderExpr {
    pub name: String,
    pub alias: Option<String>,
    /// The instance key expression, evaluated where the reference is used.
    pub key: Option<Expression>,
}

impl ProviderExpr {
    /// `aws.cell` (without the instance key).
    pub fn local_key(&self) -> String {
        crate::model::provider_local_key(&self.name, self.alias.as_deref())
    }
}

/// A provider reference written as a traversal (`aws.dr`, `aws.cell[each.key]`)
/// or, in JSON syntax, a string, which OpenTofu reads as an expression.
pub fn provider_ref_of(expr: &Expression) -> Option<ProviderExpr> {
    let text = match expr {
        Expression::String(s) => s.clone(),
        Expression::Variable(v) => v.as_str().to_string(),
        Expression::Traversal(t) => {
            let Expression::Variable(head) = &t.expr else {
                return None;
            };
            let mut text = head.as_str().to_string();
            let mut key = None;
            for (i, op) in t.operators.iter().enumerate() {
                match op {
                    ::hcl::TraversalOperator::GetAttr(id) if key.is_none() => {
                        text.push('.');
                        text.push_str(id.as_str());
                    }
                    ::hcl::TraversalOperator::Index(k) if i + 1 == t.operators.len() => {
                        key = Some(k.clone());
                    }
                    _ => return None,
                }
            }
            let mut parsed = split_provider_text(&text);
            parsed.key = key;
            return Some(parsed);
        }
        Expression::TemplateExpr(t) => t
            .to_string()
            .trim_start_matches("${")
            .trim_end_matches('}')
            .to_string(),
        _ => return None,
    };
    // JSON syntax: `"aws.cell[each.key]"` is read as the expression it spells.
    if text.contains('[') {
        let parsed: Expression = ::hcl::edit::parser::parse_expr(&text).ok()?.into();
        return match parsed {
            Expression::Traversal(_) => provider_ref_of(&parsed),
            _ => None,
        };
    }
    Some(split_provider_text(&text))
}

fn split_provider_text(text: &str) -> ProviderExpr {
    let (name, alias) = match text.split_once('.') {
        Some((name, alias)) => (name.to_string(), Some(alias.to_string())),
        None => (text.to_string(), None),
    };
    ProviderExpr {
        name,
        alias,
        key: None,
    }
}

pub fn resource_block(
    mode: Mode,
    r#type: &str,
    name: &str,
    body: Body,
    location: Location,
) -> ResourceBlock {
    ResourceBlock {
        mode,
        r#type: r#type.to_string(),
        name: name.to_string(),
        count: body.attr("count").cloned(),
        for_each: body.attr("for_each").cloned(),
        provider: body.attr("provider").and_then(provider_ref_of),
        body,
        location,
    }
}

pub fn module_call(name: &str, body: &Body, location: Location) -> ModuleCall {
    const META: &[&str] = &[
        "source",
        "version",
        "count",
        "for_each",
        "providers",
        "depends_on",
    ];
    let providers = match body.attr("providers") {
        Some(Expression::Object(map)) => map
            .iter()
            .filter_map(|(key, value)| {
                let child = match key {
                    ::hcl::ObjectKey::Identifier(id) => id.as_str().to_string(),
                    ::hcl::ObjectKey::Expression(e) => provider_ref_of(e)?.local_key(),
                    _ => return None,
                };
                Some((child, provider_ref_of(value)?))
            })
            .collect(),
        _ => Vec::new(),
    };
    ModuleCall {
        name: name.to_string(),
        source: body
            .attr("source")
            .and_then(literal_string)
            .unwrap_or_default(),
        count: body.attr("count").cloned(),
        for_each: body.attr("for_each").cloned(),
        providers,
        inputs: body
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Attr { name, expr, .. } if !META.contains(&name.as_str()) => {
                    Some((name.clone(), expr.clone()))
                }
                _ => None,
            })
            .collect(),
        location,
        child: None,
        body: body.clone(),
    }
}

/// The first block whose key an earlier block has: an error naming both places.
fn first_duplicate<'a, T, K: std::hash::Hash + Eq>(
    blocks: &'a [T],
    key: impl Fn(&'a T) -> K,
    describe: impl Fn(&T) -> (&Location, String),
) -> Result<()> {
    let mut first: HashMap<K, &T> = HashMap::with_capacity(blocks.len());
    for block in blocks {
        if let Some(earlier) = first.get(&key(block)) {
            let (location, what) = describe(block);
            let (first_location, _) = describe(earlier);
            return Err(Error::Parse {
                path: location.file.clone(),
                line: location.line.map(|l| l as usize),
                column: None,
                message: format!("duplicate {what}; first defined at {first_location}"),
            });
        }
        first.insert(key(block), block);
    }
    Ok(())
}
