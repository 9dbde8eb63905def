//! Evaluates a module tree into the model: expands module calls and
//! resources (`count` / `for_each` with known keys), evaluates attributes, and
//! records which resources each attribute references, through locals,
//! variables and module outputs. Anything not known before apply is
//! `Value::Unknown`, never guessed.

use super::LoadOptions;
use super::config::vars::{self, GivenValue};
use super::config::{Body, Item, ModuleTree, ResourceBlock};
use super::functions;
use super::tree::Tree;
use crate::address;
use crate::error::Result;
use crate::model::{
    InstanceKey, Location, Mode, Model, ModuleInfo, ProviderConfig, ProviderRef, Reference,
    Resource, Value,
};
use hcl::expr::{BinaryOperator, Expression, TraversalOperator, UnaryOperator};
use hcl::template::{Directive, Element, Template};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One instance of a counted block: its key, `count.index` and `each`.
type Expansion = (Option<InstanceKey>, Option<i64>, Option<(Value, Value)>);

/// Referenced resource address and attribute.
type Refs = Vec<(String, Option<String>)>;
type EvalResult = std::result::Result<Value, String>;

/// One instance of a module: the root, `module.a`, `module.a["x"].module.b`.
struct Instance {
    addr: String,
    module: usize,
    path: Vec<String>,
    parent: Option<usize>,
    call: Option<usize>,
    count: Option<i64>,
    each: Option<(Value, Value)>,
}

#[derive(Clone)]
struct Cached {
    value: Value,
    refs: Refs,
    trace: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Var,
    Local,
    Output,
}

/// What an expression may name besides module-level symbols.
#[derive(Clone, Default)]
struct Scope {
    inst: usize,
    count: Option<i64>,
    each: Option<(Value, Value)>,
    /// `for` expression variables and `dynamic` block iterators, innermost last.
    locals: Vec<(String, Value)>,
}

impl Scope {
    fn at(inst: usize) -> Scope {
        Scope {
            inst,
            ..Scope::default()
        }
    }
}

struct Evaluator<'t> {
    tree: &'t ModuleTree,
    root_dir: PathBuf,
    /// What `file()` and its kin may read.
    files: functions::Files,
    given: HashMap<String, GivenValue>,
    instances: Vec<Instance>,
    children: HashMap<(usize, String), Vec<usize>>,
    /// `None` while being evaluated: a cycle reads as an error, not a hang.
    cache: HashMap<(usize, Slot, String), Option<Cached>>,
    attr_cache: HashMap<(usize, String, String), Option<Value>>,
    /// Variables read while evaluating, to explain where a value came from.
    trace: Vec<String>,
    notes: Vec<String>,
    depth: usize,
    /// `terraform.workspace`: TF_WORKSPACE, else `.terraform/environment`, else `default`.
    workspace: String,
    /// Inside `jsonencode(...)`: an unknown reference keeps its text
    /// (`${aws_kms_key.k.arn}`), so policy documents stay analysable.
    keep_unknown_text: bool,
    budget: Budget,
}

/// What evaluation has spent of its budgets in one load, and where it is.
#[derive(Default)]
struct Budget {
    /// Where evaluation is (`main.tf:42`, `local.a23`): what a budget error names.
    site: Option<(Location, String)>,
    /// Elements built so far in this load (see `MAX_TOTAL_ELEMENTS`).
    built: usize,
    /// Size of the value the last `eval` returned, so containers add up as they grow.
    last_size: usize,
    module_instances: usize,
    resource_instances: usize,
    /// A budget ran out: every evaluation stops and the load is an error.
    fatal: Option<crate::error::Error>,
}

/// Budgets that bound memory and time for any input of bounded size: values
/// are copied, so 40 locals each doubling the last would need 2^40 elements.
/// Real configurations stay far below each (the largest in testdata/ and the
/// bench tree build well under 1% of these).
const MAX_VALUE_ELEMENTS: usize = 1_000_000;
/// Text counts one element per this many bytes.
const TEXT_BYTES_PER_ELEMENT: usize = 16;
const MAX_TOTAL_ELEMENTS: usize = 50_000_000;
const MAX_MODULE_INSTANCES: usize = 100_000;
const MAX_RESOURCE_INSTANCES: usize = 1_000_000;
/// Module calls nested deeper than this: Terraform sets no limit, real trees are under 10.
const MAX_MODULE_DEPTH: usize = 64;

/// More instances of one block than this are shown as one `[*]` instance.
const MAX_INSTANCES: usize = 100_000;

const RESOURCE_META: &[&str] = &["count", "for_each", "provider", "depends_on"];
const RESOURCE_META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];

pub fn evaluate(
    tree: &ModuleTree,
    root_dir: &Path,
    mut model: Model,
    opts: &LoadOptions,
) -> Result<Model> {
    // The checked tree, computed once per load (by `config::build_tree`).
    let checked = match &tree.checked {
        Some(checked) => checked.clone(),
        None => Tree::of(root_dir).map_err(|e| crate::error::Error::io(root_dir, e))?,
    };
    let given = vars::given_values(root_dir, &checked, opts)?;
    // As Terraform: `--var` for an undeclared variable is an error.
    for cli in &opts.cli_vars {
        if let super::CliVar::Var(name, _) = cli
            && !tree.modules[0].variables.iter().any(|v| &v.name == name)
        {
            return Err(crate::error::Error::Usage(format!(
                "--var {name}: the root module in {} declares no variable `{name}`",
                root_dir.display()
            )));
        }
    }
    let mut ev = Evaluator {
        tree,
        root_dir: root_dir.to_path_buf(),
        files: functions::Files::in_tree(root_dir, Some(checked.clone()), opts.limits.file()),
        given,
        instances: Vec::new(),
        children: HashMap::new(),
        cache: HashMap::new(),
        attr_cache: HashMap::new(),
        trace: Vec::new(),
        notes: Vec::new(),
        depth: 0,
        workspace: workspace(root_dir, &checked, opts)?,
        keep_unknown_text: false,
        budget: Budget::default(),
    };
    ev.instances.push(Instance {
        addr: String::new(),
        module: 0,
        path: Vec::new(),
        parent: None,
        call: None,
        count: None,
        each: None,
    });
    ev.expand_calls(0);
    if let Some(e) = ev.budget.fatal.take() {
        return Err(e);
    }

    let mut seen_paths: Vec<Vec<String>> = Vec::new();
    for inst in 0..ev.instances.len() {
        let (module_idx, path) = (ev.instances[inst].module, ev.instances[inst].path.clone());
        // Provider blocks are per module configuration (Terraform forbids them in expanded modules).
        if !seen_paths.contains(&path) {
            seen_paths.push(path.clone());
            for block in &tree.modules[module_idx].providers {
                let mut refs = Refs::new();
                ev.trace.clear();
                ev.budget.site = Some((
                    block.location.clone(),
                    format!("provider \"{}\"", block.name),
                ));
                let region = block.body.attr("region").map(|expr| {
                    let value = ev
                        .eval(expr, &Scope::at(inst), &mut refs)
                        .unwrap_or(Value::Unknown);
                    let origin = if matches!(expr, Expression::String(_)) {
                        "literal".to_string()
                    } else if ev.trace.is_empty() {
                        "an expression".to_string()
                    } else {
                        ev.trace.join(", ")
                    };
                    (value, origin)
                });
                let body = ev.eval_body(
                    &block.body,
                    &Scope::at(inst),
                    "",
                    &mut Vec::new(),
                    &["alias", "region"],
                    &[],
                );
                let default_tags = body
                    .get("default_tags")
                    .and_then(|d| d.blocks().first().and_then(|b| b.get("tags").cloned()))
                    .unwrap_or(Value::Null);
                let account_hint = account_hint(
                    &crate::model::provider_config_key(&path, &block.name, block.alias.as_deref()),
                    &[
                        (
                            "assume_role",
                            body.get("assume_role")
                                .and_then(|a| a.blocks().first().and_then(|b| b.get("role_arn"))),
                        ),
                        ("profile", body.get("profile")),
                        ("allowed_account_ids", body.get("allowed_account_ids")),
                        ("access_key", body.get("access_key")),
                    ],
                );
                let (region, region_origin) = match region {
                    Some((v, o)) => (Some(v), o),
                    None => (None, "no `region` argument".to_string()),
                };
                model.providers.push(ProviderConfig {
                    scope: path.clone(),
                    name: block.name.clone(),
                    alias: block.alias.clone(),
                    source: None,
                    region,
                    region_origin,
                    is_block: true,
                    default_tags,
                    account_hint,
                    location: Some(block.location.clone()),
                });
            }
            if let Some(parent) = ev.instances[inst].parent {
                let call = &tree.modules[ev.instances[parent].module].calls
                    [ev.instances[inst].call.unwrap_or(0)];
                model.modules.push(ModuleInfo {
                    path: path.clone(),
                    source: call.source.clone(),
                    providers: Some(call.providers.clone()),
                    location: Some(call.location.clone()),
                });
            }
        }
        for block in &tree.modules[module_idx].resources {
            let resources = ev.expand_resource(inst, block);
            model.resources.extend(resources);
            if let Some(e) = ev.budget.fatal.take() {
                return Err(e);
            }
        }
        if let Some(e) = ev.budget.fatal.take() {
            return Err(e);
        }
    }
    for module in &tree.modules {
        model
            .suppressions
            .extend(module.suppressions.iter().cloned());
    }
    model.notes.extend(tree.notes.iter().cloned());
    model.notes.extend(ev.notes);
    model.notes.extend(ev.files.take_notes());
    Ok(model.finish())
}

/// What tells a provider configuration's account apart: its `assume_role`,
/// `profile`, `allowed_account_ids` or credentials. Two configurations with the
/// same hint use the same account; one that is not known is unlike any other.
fn account_hint(key: &str, parts: &[(&str, Option<&Value>)]) -> Option<String> {
    let mut known = Vec::new();
    for (name, value) in parts {
        match value {
            None => {}
            Some(v) if v.is_null() => {}
            Some(v) if v.is_known() => known.push(format!("{name}={}", v.unmarked())),
            Some(_) => return Some(format!("not known ({key})")),
        }
    }
    (!known.is_empty()).then(|| known.join("; "))
}

/// The selected workspace, as Terraform picks it.
fn workspace(root_dir: &Path, tree: &Tree, opts: &LoadOptions) -> Result<String> {
    if let Some(name) = &opts.workspace {
        return Ok(name.clone());
    }
    if opts.include_env
        && let Ok(name) = std::env::var("TF_WORKSPACE")
        && !name.is_empty()
    {
        return Ok(name);
    }
    let rel = Path::new(".terraform/environment");
    let file = root_dir.join(rel);
    // Missing is the default workspace; anything else that cannot be read (a
    // pipe, no permission) is an error, not ignored.
    let text = match tree.file_inside(root_dir, rel, &file)? {
        Some(real) => Some(crate::text::read_text_as(&real, &file, opts.limits.file())?),
        None => None,
    };
    Ok(text
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "default".to_string()))
}

/// Value of a literal expression (tfvars, variable defaults); `Unknown` otherwise.
pub fn literal_value(expr: &Expression) -> Value {
    let tree = ModuleTree::default();
    let mut ev = Evaluator {
        tree: &tree,
        root_dir: PathBuf::new(),
        // No tree: a literal (a policy, a tfvars value) reads no file.
        files: functions::Files::none(),
        given: HashMap::new(),
        instances: Vec::new(),
        children: HashMap::new(),
        cache: HashMap::new(),
        attr_cache: HashMap::new(),
        trace: Vec::new(),
        notes: Vec::new(),
        depth: 0,
        workspace: "default".to_string(),
        keep_unknown_text: false,
        budget: Budget::default(),
    };
    ev.eval_literal(expr)
}

impl<'t> Evaluator<'t> {
    fn module_dir(&self, inst: usize) -> &Path {
        self.tree
            .modules
            .get(self.instances.get(inst).map_or(0, |i| i.module))
            .map_or(self.root_dir.as_path(), |m| m.dir.as_path())
    }

    fn eval_literal(&mut self, expr: &Expression) -> Value {
        // No instance: any symbol lookup fails, and the value is unknown.
        let mut refs = Refs::new();
        self.eval(expr, &Scope::at(usize::MAX), &mut refs)
            .unwrap_or(Value::Unknown)
    }

    // ----- expansion -------------------------------------------------------

    fn expand_calls(&mut self, inst: usize) {
        let tree = self.tree;
        let module = self.instances[inst].module;
        for (call_idx, call) in tree.modules[module].calls.iter().enumerate() {
            let Some(child_module) = call.child else {
                continue;
            };
            if self.budget.fatal.is_some() {
                return;
            }
            self.budget.site = Some((call.location.clone(), format!("module \"{}\"", call.name)));
            if self.instances[inst].path.len() >= MAX_MODULE_DEPTH {
                self.trip(format!(
                    "nests module calls more than {MAX_MODULE_DEPTH} deep"
                ));
                return;
            }
            let keys = self.instance_keys(
                inst,
                call.count.as_ref(),
                call.for_each.as_ref(),
                &format!("module.{}", call.name),
            );
            let mut kids = Vec::new();
            for (key, count, each) in keys {
                let local = match &key {
                    Some(k) => format!("module.{}{k}", call.name),
                    None => format!("module.{}", call.name),
                };
                let mut path = self.instances[inst].path.clone();
                path.push(call.name.clone());
                self.instances.push(Instance {
                    addr: address::join(&self.instances[inst].addr, &local),
                    module: child_module,
                    path,
                    parent: Some(inst),
                    call: Some(call_idx),
                    count,
                    each,
                });
                let child = self.instances.len() - 1;
                kids.push(child);
                self.budget.module_instances += 1;
                if self.budget.module_instances > MAX_MODULE_INSTANCES {
                    self.trip(format!(
                        "expands to more than {} module instances",
                        thousands(MAX_MODULE_INSTANCES)
                    ));
                    return;
                }
                self.expand_calls(child);
            }
            self.children.insert((inst, call.name.clone()), kids);
        }
    }

    /// Instance keys of a `count` / `for_each`: none, known keys, or one unknown instance.
    fn instance_keys(
        &mut self,
        inst: usize,
        count: Option<&Expression>,
        for_each: Option<&Expression>,
        what: &str,
    ) -> Vec<Expansion> {
        let mut refs = Refs::new();
        if let Some(expr) = count {
            return match self
                .eval(expr, &Scope::at(inst), &mut refs)
                .map(|v| v.as_f64())
            {
                Ok(Some(n)) if n >= 0.0 && n <= MAX_INSTANCES as f64 => (0..n as i64)
                    .map(|i| (Some(InstanceKey::Int(i)), Some(i), None))
                    .collect(),
                // Checked before any allocation: `count = 1e12` must not build a list first.
                Ok(Some(n)) if n > MAX_INSTANCES as f64 => {
                    self.trip(format!(
                        "has `count` = {n}, more than tfward expands ({} instances of one block)",
                        thousands(MAX_INSTANCES)
                    ));
                    Vec::new()
                }
                _ => {
                    self.notes.push(format!(
                        "{what}: `count` is not known before apply; shown as one instance `[*]`"
                    ));
                    vec![(Some(InstanceKey::Unknown), None, None)]
                }
            };
        }
        if let Some(expr) = for_each {
            let value = self
                .eval(expr, &Scope::at(inst), &mut refs)
                .unwrap_or(Value::Unknown);
            // Terraform rejects a marked map or a set with a marked member
            // ("the sensitive value could be exposed as a resource instance
            // key"); a map whose values alone are marked keeps its keys. Such
            // instances are shown as unknown: never a marked key in an address.
            let marked_keys = match &value {
                Value::Sensitive(_) => true,
                Value::List(items) => items.iter().any(Value::has_sensitive),
                _ => false,
            };
            if marked_keys {
                self.notes.push(format!(
                    "{what}: `for_each` over a sensitive value, which Terraform rejects; shown as one instance `[*]`"
                ));
                return vec![(
                    Some(InstanceKey::Unknown),
                    None,
                    Some((Value::Unknown, Value::Unknown)),
                )];
            }
            let pairs: Option<Vec<(String, Value)>> = match value.unmarked() {
                Value::Map(map) => Some(
                    map.iter()
                        .map(|(k, v)| (k.to_string(), v.clone()))
                        .collect(),
                ),
                Value::List(items) => items
                    .iter()
                    .map(|v| v.as_str().map(|s| (s.to_string(), v.clone())))
                    .collect(),
                Value::Null => Some(Vec::new()),
                _ => None,
            };
            if pairs.as_ref().is_some_and(|p| p.len() > MAX_INSTANCES) {
                self.trip(format!(
                    "has a `for_each` of more than {} instances, more than tfward expands",
                    thousands(MAX_INSTANCES)
                ));
                return Vec::new();
            }
            return match pairs {
                Some(mut pairs) => {
                    pairs.sort_by(|a, b| a.0.cmp(&b.0));
                    pairs.dedup_by(|a, b| a.0 == b.0);
                    pairs
                        .into_iter()
                        .map(|(k, v)| {
                            // `each.value` keeps the map value's own mark.
                            (
                                Some(InstanceKey::Str(k.clone())),
                                None,
                                Some((Value::String(k), v)),
                            )
                        })
                        .collect()
                }
                None => {
                    self.notes.push(format!(
                        "{what}: `for_each` keys are not known before apply; shown as one instance `[*]`"
                    ));
                    vec![(
                        Some(InstanceKey::Unknown),
                        None,
                        Some((Value::Unknown, Value::Unknown)),
                    )]
                }
            };
        }
        vec![(None, None, None)]
    }

    fn expand_resource(&mut self, inst: usize, block: &ResourceBlock) -> Vec<Resource> {
        let local = match block.mode {
            Mode::Data => format!("data.{}.{}", block.r#type, block.name),
            Mode::Managed => format!("{}.{}", block.r#type, block.name),
        };
        let module_addr = self.instances[inst].addr.clone();
        self.budget.site = Some((block.location.clone(), address::join(&module_addr, &local)));
        let keys = self.instance_keys(
            inst,
            block.count.as_ref(),
            block.for_each.as_ref(),
            &address::join(&module_addr, &local),
        );
        let module_path: Arc<[String]> = self.instances[inst].path.clone().into();
        let provider = Arc::new(match &block.provider {
            Some((name, alias)) => ProviderRef {
                name: name.clone(),
                alias: alias.clone(),
                scope: module_path.clone(),
                origin: format!(
                    "`provider = {}`",
                    crate::model::provider_local_key(name, alias.as_deref())
                ),
            },
            None => ProviderRef {
                // Terraform implies the provider from the type's prefix.
                name: block
                    .r#type
                    .split('_')
                    .next()
                    .unwrap_or(&block.r#type)
                    .to_string(),
                alias: None,
                scope: module_path.clone(),
                origin: "implied default".to_string(),
            },
        });
        let mut out = Vec::new();
        for (key, count, each) in keys {
            let address = match &key {
                Some(k) => address::join(&module_addr, &format!("{local}{k}")),
                None => address::join(&module_addr, &local),
            };
            self.budget.resource_instances += 1;
            if self.budget.resource_instances > MAX_RESOURCE_INSTANCES {
                self.trip(format!(
                    "expands to more than {} resource instances in all",
                    thousands(MAX_RESOURCE_INSTANCES)
                ));
            }
            if self.budget.fatal.is_some() {
                break;
            }
            self.budget.site = Some((block.location.clone(), address.clone()));
            let scope = Scope {
                inst,
                count,
                each,
                locals: Vec::new(),
            };
            let mut refs = Vec::new();
            // A policy document's unknown parts keep their text, as in `jsonencode`.
            let outer_keep = self.keep_unknown_text;
            self.keep_unknown_text = block.r#type == "aws_iam_policy_document";
            let attrs = self.eval_body(
                &block.body,
                &scope,
                "",
                &mut refs,
                RESOURCE_META,
                RESOURCE_META_BLOCKS,
            );
            self.keep_unknown_text = outer_keep;
            refs.sort();
            refs.dedup();
            let depends_on = depends_on(block, &module_addr);
            out.push(Resource {
                address,
                mode: block.mode,
                r#type: block.r#type.clone(),
                name: block.name.clone(),
                module: module_addr.clone(),
                module_path: module_path.clone(),
                index: key,
                provider: provider.clone(),
                attrs,
                refs,
                depends_on,
                derived_attrs: Default::default(),
                location: block.location.clone(),
                actions: Vec::new(),
                placement: Default::default(),
            });
        }
        out
    }

    // ----- bodies ----------------------------------------------------------

    /// Evaluates a block body: attributes, and nested blocks as lists of objects
    /// (the shape plans use). References are recorded per attribute path.
    fn eval_body(
        &mut self,
        body: &Body,
        scope: &Scope,
        prefix: &str,
        refs_out: &mut Vec<Reference>,
        skip_attrs: &[&str],
        skip_blocks: &[&str],
    ) -> crate::model::value::Map {
        let mut out: crate::model::value::Map = crate::model::value::Map::new();
        for item in &body.items {
            match item {
                Item::Attr { name, expr, .. } => {
                    if skip_attrs.contains(&name.as_str()) {
                        continue;
                    }
                    let path = join_path(prefix, name);
                    let value = self.eval_structured(expr, scope, &path, refs_out);
                    out.insert(name.as_str().into(), value);
                }
                Item::Block {
                    ident,
                    labels,
                    body,
                } => {
                    if skip_blocks.contains(&ident.as_str()) {
                        continue;
                    }
                    if ident == "dynamic" {
                        let Some(block_type) = labels.first() else {
                            continue;
                        };
                        self.eval_dynamic(block_type, body, scope, prefix, refs_out, &mut out);
                        continue;
                    }
                    let index = out
                        .get(ident.as_str())
                        .and_then(Value::as_list)
                        .map_or(0, <[Value]>::len);
                    let path = join_path(prefix, &format!("{ident}.{index}"));
                    let value = Value::Map(self.eval_body(body, scope, &path, refs_out, &[], &[]));
                    push_block(&mut out, ident, value);
                }
            }
        }
        out
    }

    fn eval_dynamic(
        &mut self,
        block_type: &str,
        body: &Body,
        scope: &Scope,
        prefix: &str,
        refs_out: &mut Vec<Reference>,
        out: &mut crate::model::value::Map,
    ) {
        let iterator = match body.attr("iterator") {
            Some(Expression::Variable(v)) => v.as_str().to_string(),
            _ => block_type.to_string(),
        };
        let Some(content) = body.blocks("content").next() else {
            return;
        };
        let mut refs = Refs::new();
        let collection = body
            .attr("for_each")
            .map(|e| self.eval(e, scope, &mut refs).unwrap_or(Value::Unknown))
            .unwrap_or(Value::Null);
        let pairs: Vec<(Value, Value)> = match collection.unmarked() {
            Value::Map(map) => map
                .iter()
                .map(|(k, v)| (Value::String(k.to_string()), v.clone()))
                .collect(),
            Value::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (Value::Number(i as f64), v.clone()))
                .collect(),
            Value::Null => Vec::new(),
            _ => {
                out.insert(block_type.into(), Value::Unknown);
                return;
            }
        };
        for (key, value) in pairs {
            let mut inner = scope.clone();
            inner.locals.push((
                iterator.clone(),
                Value::Map(crate::model::value::Map::from_iter([
                    ("key".into(), key),
                    ("value".into(), value),
                ])),
            ));
            let index = out
                .get(block_type)
                .and_then(Value::as_list)
                .map_or(0, <[Value]>::len);
            let path = join_path(prefix, &format!("{block_type}.{index}"));
            let value = Value::Map(self.eval_body(content, &inner, &path, refs_out, &[], &[]));
            push_block(out, block_type, value);
        }
    }

    /// Evaluates an attribute, descending into lists of objects (JSON-syntax
    /// blocks) so reference paths match the HCL block form.
    fn eval_structured(
        &mut self,
        expr: &Expression,
        scope: &Scope,
        path: &str,
        refs_out: &mut Vec<Reference>,
    ) -> Value {
        // A single object block (JSON syntax writes `"destination": {...}`): descend
        // when every key is a literal, so paths match the HCL block form.
        if let Expression::Object(map) = expr
            && !map.is_empty()
            && map.iter().all(|(k, _)| {
                matches!(
                    k,
                    hcl::ObjectKey::Identifier(_)
                        | hcl::ObjectKey::Expression(Expression::String(_))
                )
            })
        {
            let mut obj = crate::model::value::Map::new();
            for (k, v) in map {
                let key = object_key_literal(k);
                let value = self.eval_structured(v, scope, &join_path(path, &key), refs_out);
                obj.insert(key.into(), value);
            }
            return Value::Map(obj);
        }
        // A list of blocks: each one descends like a single block.
        if let Expression::Array(items) = expr
            && !items.is_empty()
            && items.iter().all(|i| matches!(i, Expression::Object(_)))
        {
            return Value::List(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        self.eval_structured(
                            item,
                            scope,
                            &join_path(path, &i.to_string()),
                            refs_out,
                        )
                    })
                    .collect(),
            );
        }
        let mut refs = Refs::new();
        let value = match self.eval(expr, scope, &mut refs) {
            Ok(v) => v,
            Err(_) => Value::Unknown,
        };
        for (target, target_attr) in refs {
            refs_out.push(Reference {
                attr: path.to_string(),
                target,
                target_attr,
            });
        }
        value
    }

    // ----- expressions -----------------------------------------------------

    fn eval(&mut self, expr: &Expression, scope: &Scope, refs: &mut Refs) -> EvalResult {
        if self.budget.fatal.is_some() {
            return Err(STOPPED.to_string());
        }
        self.depth += 1;
        let result = if self.depth > 200 {
            Err("expression nests too deeply".to_string())
        } else {
            self.eval_inner(expr, scope, refs)
        };
        self.depth -= 1;
        let value = result?;
        self.charge(&value)?;
        Ok(value)
    }

    /// Counts a value just built against the budgets; its size is `last_size`.
    fn charge(&mut self, value: &Value) -> std::result::Result<(), String> {
        let size = value_size(value, MAX_VALUE_ELEMENTS);
        self.budget.last_size = size;
        self.grow(0, size)?;
        self.budget.built += size;
        if self.budget.built > MAX_TOTAL_ELEMENTS {
            return Err(self.trip(format!(
                "is where evaluation went over tfward's budget ({} elements built in all)",
                thousands(MAX_TOTAL_ELEMENTS)
            )));
        }
        Ok(())
    }

    /// A container of `so_far` elements gains `more`: an error past the one-value budget.
    fn grow(&mut self, so_far: usize, more: usize) -> std::result::Result<usize, String> {
        let total = so_far.saturating_add(more);
        if total > MAX_VALUE_ELEMENTS {
            return Err(self.trip(format!(
                "is too large to evaluate (more than {} elements)",
                thousands(MAX_VALUE_ELEMENTS)
            )));
        }
        Ok(total)
    }

    /// Records the first budget error, naming where evaluation was; every
    /// evaluation after it fails at once.
    fn trip(&mut self, what: String) -> String {
        if self.budget.fatal.is_none() {
            let (path, line, name) = match &self.budget.site {
                Some((loc, name)) => (loc.file.clone(), loc.line.map(|l| l as usize), name.clone()),
                None => (self.root_dir.clone(), None, "the configuration".to_string()),
            };
            self.budget.fatal = Some(crate::error::Error::Parse {
                path,
                line,
                column: None,
                message: format!("{name} {what}; tfward stops here"),
            });
        }
        STOPPED.to_string()
    }

    fn eval_inner(&mut self, expr: &Expression, scope: &Scope, refs: &mut Refs) -> EvalResult {
        Ok(match expr {
            Expression::Null => Value::Null,
            Expression::Bool(b) => Value::Bool(*b),
            Expression::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            Expression::String(s) => Value::String(s.clone()),
            Expression::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                let mut size = 0;
                for item in items {
                    out.push(self.eval(item, scope, refs)?);
                    size = self.grow(size, self.budget.last_size)?;
                }
                Value::List(out)
            }
            Expression::Object(map) => {
                let mut out = crate::model::value::Map::new();
                let mut unknown_key = false;
                let mut size = 0;
                for (k, v) in map {
                    let key = match k {
                        hcl::ObjectKey::Identifier(id) => Value::String(id.as_str().to_string()),
                        hcl::ObjectKey::Expression(e) => self.eval(e, scope, refs)?,
                        _ => return Err("unsupported object key".to_string()),
                    };
                    let value = self.eval(v, scope, refs)?;
                    size = self.grow(size, self.budget.last_size)?;
                    match key.unmarked() {
                        Value::String(s) => {
                            out.insert(s.as_str().into(), value);
                        }
                        Value::Number(_) | Value::Bool(_) => {
                            out.insert(key.to_string().into(), value);
                        }
                        Value::Unknown => unknown_key = true,
                        _ => return Err("object key is not a string".to_string()),
                    }
                }
                if unknown_key {
                    Value::Unknown
                } else {
                    Value::Map(out)
                }
            }
            Expression::TemplateExpr(t) => {
                let template =
                    Template::from_expr(t).map_err(|e| format!("invalid template: {e}"))?;
                self.eval_template(&template, scope, refs)?
            }
            Expression::Variable(v) => {
                let name = v.as_str();
                match scope.locals.iter().rev().find(|(n, _)| n == name) {
                    Some((_, value)) => value.clone(),
                    None => return Err(format!("`{name}` cannot be used alone")),
                }
            }
            Expression::Traversal(t) => {
                match self.eval_traversal(&t.expr, &t.operators, scope, refs)? {
                    Value::Unknown if self.keep_unknown_text => {
                        Value::Partial(format!("${{{expr}}}"))
                    }
                    other => other,
                }
            }
            Expression::FuncCall(call) => self.eval_call(call, scope, refs)?,
            Expression::Parenthesis(inner) => self.eval(inner, scope, refs)?,
            Expression::Conditional(c) => {
                let cond = self.eval(&c.cond_expr, scope, refs)?;
                match cond.as_bool() {
                    Some(true) => self.eval(&c.true_expr, scope, refs)?,
                    Some(false) => self.eval(&c.false_expr, scope, refs)?,
                    None => {
                        // Either branch may be taken: keep both branches' references.
                        let _ = self.eval(&c.true_expr, scope, refs);
                        let _ = self.eval(&c.false_expr, scope, refs);
                        Value::Unknown
                    }
                }
            }
            Expression::Operation(op) => match op.as_ref() {
                hcl::expr::Operation::Unary(u) => {
                    let v = self.eval(&u.expr, scope, refs)?;
                    unary(u.operator, &v)?
                }
                hcl::expr::Operation::Binary(b) => {
                    let lhs = self.eval(&b.lhs_expr, scope, refs)?;
                    let rhs = self.eval(&b.rhs_expr, scope, refs)?;
                    binary(b.operator, &lhs, &rhs)?
                }
            },
            Expression::ForExpr(f) => self.eval_for(f, scope, refs)?,
            _ => return Err("unsupported expression".to_string()),
        })
    }

    fn eval_template(&mut self, template: &Template, scope: &Scope, refs: &mut Refs) -> EvalResult {
        let elements = template.elements();
        // A template that is one interpolation yields the value itself, not a string.
        if let [Element::Interpolation(interp)] = elements {
            return self.eval(&interp.expr, scope, refs);
        }
        let mut out = String::new();
        let mut unknown = false;
        let mut sensitive = false;
        for element in elements {
            let part = match element {
                Element::Literal(s) => Value::String(s.clone()),
                // An unknown part keeps its expression text, for policy analysis.
                Element::Interpolation(interp) => match self.eval(&interp.expr, scope, refs)? {
                    Value::Unknown => Value::Partial(format!("${{{}}}", interp.expr)),
                    other => other,
                },
                Element::Directive(d) => match d.as_ref() {
                    Directive::If(i) => match self.eval(&i.cond_expr, scope, refs)?.as_bool() {
                        Some(true) => self.eval_template(&i.true_template, scope, refs)?,
                        Some(false) => match &i.false_template {
                            Some(t) => self.eval_template(t, scope, refs)?,
                            None => Value::String(String::new()),
                        },
                        None => Value::Unknown,
                    },
                    Directive::For(f) => {
                        let collection = self.eval(&f.collection_expr, scope, refs)?;
                        let mut text = String::new();
                        let mut part_unknown = false;
                        for (k, v) in iterate(&collection).unwrap_or_default() {
                            let mut inner = scope.clone();
                            if let Some(kv) = &f.key_var {
                                inner.locals.push((kv.as_str().to_string(), k));
                            }
                            inner.locals.push((f.value_var.as_str().to_string(), v));
                            match self.eval_template(&f.template, &inner, refs)? {
                                Value::String(s) => text.push_str(&s),
                                _ => part_unknown = true,
                            }
                            self.grow(text.len() / TEXT_BYTES_PER_ELEMENT, 0)?;
                        }
                        if part_unknown || !collection.is_known() {
                            Value::Unknown
                        } else {
                            Value::String(text)
                        }
                    }
                },
            };
            if part.has_sensitive() {
                sensitive = true;
            }
            match (to_template_string(part.unmarked()), part.unmarked()) {
                (Ok(Some(s)), _) => out.push_str(&s),
                (Ok(None), Value::Partial(text)) => {
                    out.push_str(text);
                    unknown = true;
                }
                (Ok(None), _) => {
                    out.push_str("${unknown}");
                    unknown = true;
                }
                (Err(e), _) => return Err(e),
            }
            self.grow(out.len() / TEXT_BYTES_PER_ELEMENT, 0)?;
        }
        let value = if unknown {
            Value::Partial(out)
        } else {
            Value::String(out)
        };
        Ok(if sensitive {
            Value::Sensitive(Box::new(value))
        } else {
            value
        })
    }

    fn eval_for(&mut self, f: &hcl::expr::ForExpr, scope: &Scope, refs: &mut Refs) -> EvalResult {
        let collection = self.eval(&f.collection_expr, scope, refs)?;
        let Some(pairs) = iterate(&collection) else {
            return Ok(Value::Unknown);
        };
        let mut list = Vec::new();
        let mut map: crate::model::value::Map = crate::model::value::Map::new();
        let mut unknown = false;
        // As in HCL, a marked collection or a marked key marks the result:
        // a map's keys carry no mark of their own.
        let mut marked = matches!(collection, Value::Sensitive(_));
        let mut size = 0;
        for (k, v) in pairs {
            // Each step counts, even one that builds nothing: `for` over `for` is quadratic.
            size = self.grow(size, 0)?;
            self.charge(&Value::Null)?;
            let mut inner = scope.clone();
            if let Some(kv) = &f.key_var {
                inner.locals.push((kv.as_str().to_string(), k));
            }
            inner.locals.push((f.value_var.as_str().to_string(), v));
            if let Some(cond) = &f.cond_expr {
                match self.eval(cond, &inner, refs)?.as_bool() {
                    Some(true) => {}
                    Some(false) => continue,
                    None => {
                        unknown = true;
                        continue;
                    }
                }
            }
            let value = self.eval(&f.value_expr, &inner, refs)?;
            size = self.grow(size, self.budget.last_size)?;
            match &f.key_expr {
                Some(key_expr) => {
                    let key = self.eval(key_expr, &inner, refs)?;
                    marked |= key.has_sensitive();
                    let Some(key) = key
                        .as_str()
                        .map(str::to_string)
                        .or_else(|| key.as_f64().map(|n| Value::Number(n).to_string()))
                    else {
                        unknown = true;
                        continue;
                    };
                    if f.grouping {
                        match map
                            .entry(key.into())
                            .or_insert_with(|| Value::List(Vec::new()))
                        {
                            Value::List(items) => items.push(value),
                            _ => unreachable!("grouping entries are lists"),
                        }
                    } else {
                        map.insert(key.into(), value);
                    }
                }
                None => list.push(value),
            }
        }
        let value = if unknown {
            Value::Unknown
        } else if f.key_expr.is_some() {
            Value::Map(map)
        } else {
            Value::List(list)
        };
        Ok(if marked {
            Value::Sensitive(Box::new(value))
        } else {
            value
        })
    }

    fn eval_call(
        &mut self,
        call: &hcl::expr::FuncCall,
        scope: &Scope,
        refs: &mut Refs,
    ) -> EvalResult {
        let name = call.name.name.as_str();
        if !call.name.namespace.is_empty()
            && call.name.namespace.first().map(|n| n.as_str()) != Some("core")
        {
            return Err(format!("provider function `{name}` is not evaluated"));
        }
        match name {
            "try" => {
                let mut last = Err("try: no argument succeeded".to_string());
                for arg in &call.args {
                    let mut arg_refs = Refs::new();
                    match self.eval(arg, scope, &mut arg_refs) {
                        Ok(v) => {
                            refs.extend(arg_refs);
                            return Ok(v);
                        }
                        Err(e) => last = Err(e),
                    }
                }
                return last;
            }
            "can" => {
                let Some(arg) = call.args.first() else {
                    return Err("can: expected 1 argument".to_string());
                };
                let mut arg_refs = Refs::new();
                return Ok(match self.eval(arg, scope, &mut arg_refs) {
                    Ok(v) if !v.is_known() => Value::Unknown,
                    Ok(_) => Value::Bool(true),
                    Err(_) => Value::Bool(false),
                });
            }
            "templatefile" => return self.eval_templatefile(call, scope, refs),
            _ => {}
        }
        let outer_keep = self.keep_unknown_text;
        self.keep_unknown_text = name == "jsonencode";
        let mut args = Vec::with_capacity(call.args.len());
        for arg in &call.args {
            match self.eval(arg, scope, refs) {
                Ok(v) => args.push(v),
                Err(e) => {
                    self.keep_unknown_text = outer_keep;
                    return Err(e);
                }
            }
        }
        self.keep_unknown_text = outer_keep;
        // `jsonencode` of a value with unknown parts keeps its structure (key policies).
        if name == "jsonencode"
            && args.len() == 1
            && !args[0].is_known()
            && *args[0].unmarked() != Value::Unknown
        {
            let partial = Value::Partial(args[0].to_partial_json().to_string());
            return Ok(if args[0].has_sensitive() {
                Value::Sensitive(Box::new(partial))
            } else {
                partial
            });
        }
        // Functions see only known or unknown values, never partial strings.
        let mut args: Vec<Value> = args.into_iter().map(Value::without_partials).collect();
        if call.expand_final {
            match args.pop().map(|v| v.unmarked().clone()) {
                Some(Value::List(items)) => args.extend(items),
                Some(Value::Unknown) => return Ok(Value::Unknown),
                _ => return Err(format!("{name}: the expanded argument is not a list")),
            }
        }
        // The one function whose result grows as a product of its inputs:
        // measured before it is built, not after.
        if name == "setproduct" {
            let combos = args.iter().try_fold(1usize, |n, a| match a.unmarked() {
                Value::List(items) => Some(n.saturating_mul(items.len())),
                _ => Some(n),
            });
            if let Some(n) = combos {
                self.grow(n.saturating_mul(args.len()), 0)?;
            }
        }
        // Text that can grow as a product of its inputs: its largest possible
        // length, measured before it is built.
        let text = |v: &Value| v.unmarked().as_str().map_or(0, str::len);
        let bound = match (name, args.as_slice()) {
            ("replace", [s, sub, rep]) => {
                let matches = text(s) / text(sub).max(1) + 1;
                Some(text(s).saturating_add(matches.saturating_mul(text(rep))))
            }
            ("join", [sep, lists @ ..]) => {
                let (mut count, mut bytes) = (0usize, 0usize);
                for list in lists {
                    if let Value::List(items) = list.unmarked() {
                        count = count.saturating_add(items.len());
                        bytes = items.iter().fold(bytes, |b, i| b.saturating_add(text(i)));
                    }
                }
                Some(bytes.saturating_add(count.saturating_mul(text(sep))))
            }
            _ => None,
        };
        if let Some(bytes) = bound {
            self.grow(bytes / TEXT_BYTES_PER_ELEMENT, 0)?;
        }
        // `file("${path.module}/x")`: relative paths resolve from the root module, as in Terraform.
        functions::call(name, args, &self.files).inspect_err(|e| {
            if e.starts_with("unknown function")
                && !self.notes.iter().any(|n| n.ends_with(e.as_str()))
            {
                self.notes.push(format!("values using it are unknown: {e}"));
            }
        })
    }

    fn eval_templatefile(
        &mut self,
        call: &hcl::expr::FuncCall,
        scope: &Scope,
        refs: &mut Refs,
    ) -> EvalResult {
        let [path_expr, vars_expr] = call.args.as_slice() else {
            return Err("templatefile: expected 2 arguments".to_string());
        };
        let path = self.eval(path_expr, scope, refs)?;
        let vars = self.eval(vars_expr, scope, refs)?;
        let (Some(path), Some(vars)) = (path.as_str(), vars.as_map()) else {
            return Ok(Value::Unknown);
        };
        let bytes = match self.files.read(path, path) {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(unknown)) => return Ok(unknown),
            Err(e) => return Err(format!("templatefile: {e}")),
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("templatefile: {path}: not valid UTF-8"))?;
        let template: Template = text
            .parse()
            .map_err(|e| format!("templatefile: {path}: {e}"))?;
        let mut inner = Scope::at(scope.inst);
        inner.locals = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        self.eval_template(&template, &inner, refs)
    }

    fn eval_traversal(
        &mut self,
        head: &Expression,
        ops: &[TraversalOperator],
        scope: &Scope,
        refs: &mut Refs,
    ) -> EvalResult {
        let Expression::Variable(var) = head else {
            let base = self.eval(head, scope, refs)?;
            return self.apply_ops(base, ops, scope, refs);
        };
        let name = var.as_str();
        if let Some((_, value)) = scope.locals.iter().rev().find(|(n, _)| n == name) {
            let value = value.clone();
            return self.apply_ops(value, ops, scope, refs);
        }
        let attr = |i: usize| match ops.get(i) {
            Some(TraversalOperator::GetAttr(id)) => Some(id.as_str().to_string()),
            _ => None,
        };
        let Some(first) = attr(0) else {
            return Err(format!("`{name}` needs an attribute"));
        };
        if scope.inst == usize::MAX {
            return Ok(Value::Unknown);
        }
        let (value, used) = match name {
            "var" => (self.slot(scope.inst, Slot::Var, &first, refs)?, 1),
            "local" => (self.slot(scope.inst, Slot::Local, &first, refs)?, 1),
            "count" if first == "index" => (
                scope
                    .count
                    .map(|i| Value::Number(i as f64))
                    .ok_or("`count.index` outside a counted block")?,
                1,
            ),
            "each" => {
                let (key, value) = scope
                    .each
                    .clone()
                    .ok_or("`each` outside a for_each block")?;
                match first.as_str() {
                    "key" => (key, 1),
                    "value" => (value, 1),
                    _ => return Err(format!("each.{first} does not exist")),
                }
            }
            "path" => {
                // Terraform runs in the root module, so paths are relative to it.
                let dir = match first.as_str() {
                    "module" => {
                        let module_dir = self.module_dir(scope.inst);
                        match module_dir.strip_prefix(&self.root_dir) {
                            Ok(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
                            Ok(rel) => rel.to_path_buf(),
                            Err(_) => module_dir.to_path_buf(),
                        }
                    }
                    _ => PathBuf::from("."),
                };
                (Value::String(dir.display().to_string()), 1)
            }
            "terraform" => (Value::String(self.workspace.clone()), 1),
            "self" => (Value::Unknown, ops.len()),
            "module" => self
                .module_value(scope, &first, &ops[1..], refs)
                .map(|(v, n)| (v, n + 1))?,
            "data" => {
                let Some(res_name) = attr(1) else {
                    return Err("data source reference needs type and name".to_string());
                };
                self.resource_value(scope, Mode::Data, &first, &res_name, &ops[2..], refs)
                    .map(|(v, n)| (v, n + 2))?
            }
            _ => self
                .resource_value(scope, Mode::Managed, name, &first, &ops[1..], refs)
                .map(|(v, n)| (v, n + 1))?,
        };
        self.apply_ops(value, &ops[used.min(ops.len())..], scope, refs)
    }

    fn apply_ops(
        &mut self,
        mut value: Value,
        ops: &[TraversalOperator],
        scope: &Scope,
        refs: &mut Refs,
    ) -> EvalResult {
        for (i, op) in ops.iter().enumerate() {
            let sensitive = value.has_sensitive() && matches!(value, Value::Sensitive(_));
            let inner = value.unmarked().clone();
            value = match op {
                TraversalOperator::GetAttr(id) => match &inner {
                    Value::Unknown => Value::Unknown,
                    Value::Map(map) => map
                        .get(id.as_str())
                        .cloned()
                        .ok_or_else(|| format!("no attribute `{}`", id.as_str()))?,
                    Value::Null => return Err(format!("attribute `{}` of null", id.as_str())),
                    _ => {
                        return Err(format!(
                            "`{}` of a value that is not an object",
                            id.as_str()
                        ));
                    }
                },
                TraversalOperator::Index(e) => {
                    let key = self.eval(e, scope, refs)?;
                    index_value(&inner, &key)?
                }
                TraversalOperator::LegacyIndex(n) => {
                    index_value(&inner, &Value::Number(*n as f64))?
                }
                TraversalOperator::AttrSplat | TraversalOperator::FullSplat => {
                    let items = match &inner {
                        Value::Unknown => return Ok(Value::Unknown),
                        Value::List(items) => items.clone(),
                        Value::Null => Vec::new(),
                        other => vec![other.clone()],
                    };
                    let mut out = Vec::with_capacity(items.len());
                    for item in items {
                        out.push(self.apply_ops(item, &ops[i + 1..], scope, refs)?);
                    }
                    return Ok(Value::List(out));
                }
            };
            if sensitive {
                value = Value::Sensitive(Box::new(value));
            }
        }
        Ok(value)
    }

    /// `aws_kms_key.k[0].arn`: records the reference; the value is the configured
    /// attribute when it is known from the configuration, else unknown.
    fn resource_value(
        &mut self,
        scope: &Scope,
        mode: Mode,
        r#type: &str,
        name: &str,
        ops: &[TraversalOperator],
        refs: &mut Refs,
    ) -> std::result::Result<(Value, usize), String> {
        let mut used = 0;
        let mut key: Option<InstanceKey> = None;
        let mut marked_key = false;
        match ops.first() {
            Some(TraversalOperator::Index(e)) => {
                let k = self.eval(e, scope, refs)?;
                marked_key = k.has_sensitive();
                key = Some(match k.unmarked() {
                    Value::Number(n) => InstanceKey::Int(*n as i64),
                    Value::String(s) => InstanceKey::Str(s.clone()),
                    _ => InstanceKey::Unknown,
                });
                used = 1;
            }
            Some(TraversalOperator::LegacyIndex(n)) => {
                key = Some(InstanceKey::Int(*n as i64));
                used = 1;
            }
            _ => {}
        }
        let attr = match ops.get(used) {
            Some(TraversalOperator::GetAttr(id)) => Some(id.as_str().to_string()),
            _ => None,
        };
        let prefix = if mode == Mode::Data { "data." } else { "" };
        let local = match &key {
            // A reference is an address: a marked key is not written into it.
            Some(_) if marked_key => format!("{prefix}{type}.{name}"),
            Some(InstanceKey::Unknown) | None => format!("{prefix}{type}.{name}"),
            Some(k) => format!("{prefix}{type}.{name}{k}"),
        };
        let module_addr = self.instances[scope.inst].addr.clone();
        refs.push((address::join(&module_addr, &local), attr.clone()));
        let Some(attr) = attr else {
            // The whole resource: its instance keys are known even when its attributes are not.
            let value = match key {
                None => self.resource_shape(scope.inst, mode, r#type, name),
                Some(_) => Value::Unknown,
            };
            return Ok((value, used));
        };
        let value = self
            .configured_attr(scope.inst, mode, r#type, name, key.as_ref(), &attr)
            .unwrap_or(Value::Unknown);
        // Which instance a marked key picks is itself sensitive.
        let value = if marked_key && !matches!(value, Value::Sensitive(_)) {
            Value::Sensitive(Box::new(value))
        } else {
            value
        };
        Ok((value, used + 1))
    }

    /// A resource referenced as a whole: a list (count) or map (for_each) of
    /// objects known only after apply, or one such object.
    fn resource_shape(&mut self, inst: usize, mode: Mode, r#type: &str, name: &str) -> Value {
        let tree = self.tree;
        let Some(block) = tree.modules[self.instances[inst].module]
            .resources
            .iter()
            .find(|r| r.mode == mode && r.r#type == r#type && r.name == name)
        else {
            return Value::Unknown;
        };
        if block.count.is_none() && block.for_each.is_none() {
            return Value::Unknown;
        }
        let cache_key = (
            inst,
            format!("{}{}.{name}", mode.as_str(), r#type),
            "<instances>".to_string(),
        );
        if let Some(cached) = self.attr_cache.get(&cache_key) {
            return cached.clone().unwrap_or(Value::Unknown);
        }
        self.attr_cache.insert(cache_key.clone(), None);
        // The referenced resource reports its own unknown keys; no note twice.
        let notes = self.notes.len();
        let keys = self.instance_keys(inst, block.count.as_ref(), block.for_each.as_ref(), "");
        self.notes.truncate(notes);
        let value = if keys
            .iter()
            .any(|(k, _, _)| matches!(k, Some(InstanceKey::Unknown)))
        {
            Value::Unknown
        } else if block.count.is_some() {
            Value::List(vec![Value::Unknown; keys.len()])
        } else {
            Value::Map(
                keys.into_iter()
                    .filter_map(|(k, _, _)| match k {
                        Some(InstanceKey::Str(k)) => Some((k.into(), Value::Unknown)),
                        _ => None,
                    })
                    .collect(),
            )
        };
        self.attr_cache.insert(cache_key, Some(value.clone()));
        value
    }

    /// The configured value of a top-level attribute of another resource instance.
    fn configured_attr(
        &mut self,
        inst: usize,
        mode: Mode,
        r#type: &str,
        name: &str,
        key: Option<&InstanceKey>,
        attr: &str,
    ) -> Option<Value> {
        let tree = self.tree;
        let block = tree.modules[self.instances[inst].module]
            .resources
            .iter()
            .find(|r| r.mode == mode && r.r#type == r#type && r.name == name)?;
        let expr = block.body.attr(attr)?;
        if RESOURCE_META.contains(&attr) {
            return None;
        }
        let key_text = key.map(ToString::to_string).unwrap_or_default();
        let cache_key = (
            inst,
            format!("{}{}.{name}{key_text}", mode.as_str(), r#type),
            attr.to_string(),
        );
        if let Some(cached) = self.attr_cache.get(&cache_key) {
            return cached.clone();
        }
        self.attr_cache.insert(cache_key.clone(), None);
        let mut scope = Scope::at(inst);
        let counted = block.count.is_some() || block.for_each.is_some();
        let value = match (counted, key) {
            (false, None) => Some(()),
            (true, Some(InstanceKey::Int(i))) if block.count.is_some() => {
                scope.count = Some(*i);
                Some(())
            }
            (true, Some(InstanceKey::Str(k))) if block.for_each.is_some() => {
                let mut refs = Refs::new();
                let each = block
                    .for_each
                    .as_ref()
                    .and_then(|e| self.eval(e, &Scope::at(inst), &mut refs).ok());
                let value = each.as_ref().and_then(|v| match v.unmarked() {
                    Value::Map(m) => m.get(k.as_str()).cloned(),
                    Value::List(_) => Some(Value::String(k.clone())),
                    _ => None,
                });
                value.map(|v| scope.each = Some((Value::String(k.clone()), v)))
            }
            _ => None,
        }
        .and_then(|()| {
            let mut refs = Refs::new();
            self.eval(expr, &scope, &mut refs).ok()
        });
        self.attr_cache.insert(cache_key, value.clone());
        value
    }

    /// `module.m["a"].out`: evaluates the output in the child instance.
    fn module_value(
        &mut self,
        scope: &Scope,
        call: &str,
        ops: &[TraversalOperator],
        refs: &mut Refs,
    ) -> std::result::Result<(Value, usize), String> {
        let Some(kids) = self.children.get(&(scope.inst, call.to_string())).cloned() else {
            return Ok((Value::Unknown, ops.len()));
        };
        let tree = self.tree;
        let module = self.instances[scope.inst].module;
        let expanded = tree.modules[module]
            .calls
            .iter()
            .find(|c| c.name == call)
            .is_some_and(|c| c.count.is_some() || c.for_each.is_some());
        let (child, used) = match ops.first() {
            Some(TraversalOperator::Index(e)) if expanded => {
                let key = self.eval(e, scope, refs)?;
                let wanted = match key.unmarked() {
                    Value::Number(n) => format!("[{}]", *n as i64),
                    Value::String(s) => InstanceKey::Str(s.clone()).to_string(),
                    _ => return Ok((Value::Unknown, ops.len())),
                };
                let found = kids.into_iter().find(|&k| {
                    self.instances[k]
                        .addr
                        .ends_with(&format!("module.{call}{wanted}"))
                });
                (found, 1)
            }
            _ if !expanded => (kids.first().copied(), 0),
            _ => return Ok((Value::Unknown, ops.len())),
        };
        let Some(child) = child else {
            return Ok((Value::Unknown, ops.len()));
        };
        match ops.get(used) {
            Some(TraversalOperator::GetAttr(out)) => {
                let value = self.slot(child, Slot::Output, out.as_str(), refs)?;
                Ok((value, used + 1))
            }
            _ => {
                let names: Vec<String> = tree.modules[self.instances[child].module]
                    .outputs
                    .iter()
                    .map(|o| o.name.clone())
                    .collect();
                let mut map = crate::model::value::Map::new();
                for name in names {
                    let value = self.slot(child, Slot::Output, &name, refs)?;
                    map.insert(name.into(), value);
                }
                Ok((Value::Map(map), used))
            }
        }
    }

    /// A variable, local or output of a module instance, evaluated once.
    fn slot(&mut self, inst: usize, slot: Slot, name: &str, refs: &mut Refs) -> EvalResult {
        let key = (inst, slot, name.to_string());
        match self.cache.get(&key) {
            Some(Some(cached)) => {
                refs.extend(cached.refs.iter().cloned());
                self.trace.extend(cached.trace.iter().cloned());
                return Ok(cached.value.clone());
            }
            Some(None) => return Err(format!("`{name}` refers to itself")),
            None => {}
        }
        self.cache.insert(key.clone(), None);
        // Cached values are shared by every user: never partial because one user was a jsonencode.
        let outer_keep = std::mem::replace(&mut self.keep_unknown_text, false);
        let outer_trace = std::mem::take(&mut self.trace);
        let outer_site = self.budget.site.take();
        let mut own_refs = Refs::new();
        let result = match slot {
            Slot::Var => self.variable(inst, name, &mut own_refs),
            Slot::Local => {
                let tree = self.tree;
                match tree.modules[self.instances[inst].module]
                    .locals
                    .iter()
                    .find(|l| l.name == name)
                {
                    Some(local) => {
                        self.budget.site = Some((local.location.clone(), format!("local.{name}")));
                        self.eval(&local.expr, &Scope::at(inst), &mut own_refs)
                    }
                    None => Err(format!("no local `{name}`")),
                }
            }
            Slot::Output => {
                let tree = self.tree;
                match tree.modules[self.instances[inst].module]
                    .outputs
                    .iter()
                    .find(|o| o.name == name)
                {
                    Some(output) => {
                        self.budget.site =
                            Some((output.location.clone(), format!("output.{name}")));
                        self.eval(&output.expr, &Scope::at(inst), &mut own_refs)
                    }
                    None => Err(format!("no output `{name}`")),
                }
            }
        };
        let trace = std::mem::replace(&mut self.trace, outer_trace);
        self.keep_unknown_text = outer_keep;
        // A budget error keeps the innermost site: that is where the value grew.
        if self.budget.fatal.is_none() {
            self.budget.site = outer_site;
        }
        match result {
            Ok(value) => {
                refs.extend(own_refs.iter().cloned());
                self.trace.extend(trace.iter().cloned());
                self.cache.insert(
                    key,
                    Some(Cached {
                        value: value.clone(),
                        refs: own_refs,
                        trace,
                    }),
                );
                Ok(value)
            }
            Err(e) => {
                self.cache.remove(&key);
                Err(e)
            }
        }
    }

    fn variable(&mut self, inst: usize, name: &str, refs: &mut Refs) -> EvalResult {
        let tree = self.tree;
        let module = &tree.modules[self.instances[inst].module];
        let decl = module.variables.iter().find(|v| v.name == name);
        let Some(decl) = decl else {
            return Err(format!("no variable `{name}`"));
        };
        self.budget.site = Some((decl.location.clone(), format!("var.{name}")));
        let value = match self.instances[inst].parent {
            None => match self.given.get(name).cloned() {
                Some(given) => {
                    self.trace
                        .push(format!("`var.{name}` set in {}", given.origin));
                    self.eval_literal(&given.expr)
                }
                None => {
                    let value = decl.default.as_ref().map(|d| self.eval_literal(d));
                    self.trace.push(format!("`var.{name}` default"));
                    value.unwrap_or(Value::Unknown)
                }
            },
            Some(parent) => {
                let call = &tree.modules[self.instances[parent].module].calls
                    [self.instances[inst].call.unwrap_or(0)];
                let input = call.inputs.iter().find(|(n, _)| n == name).map(|(_, e)| e);
                match input {
                    Some(expr) => {
                        let scope = Scope {
                            inst: parent,
                            count: self.instances[inst].count,
                            each: self.instances[inst].each.clone(),
                            locals: Vec::new(),
                        };
                        let value = self.eval(expr, &scope, refs)?;
                        self.trace.push(format!(
                            "`var.{name}` passed by `{}`",
                            self.instances[inst].addr
                        ));
                        value
                    }
                    None => {
                        self.trace.push(format!(
                            "`var.{name}` default in `{}`",
                            self.instances[inst].addr
                        ));
                        decl.default
                            .as_ref()
                            .map(|d| self.eval_literal(d))
                            .unwrap_or(Value::Unknown)
                    }
                }
            }
        };
        let mut value = match &decl.type_expr {
            Some(ty) => convert(value, ty),
            None => value,
        };
        // `nullable = false`: null means the default.
        if value.is_null()
            && !decl.nullable
            && let Some(default) = &decl.default
        {
            let default = self.eval_literal(default);
            value = match &decl.type_expr {
                Some(ty) => convert(default, ty),
                None => default,
            };
        }
        Ok(if decl.sensitive {
            Value::Sensitive(Box::new(value))
        } else {
            value
        })
    }
}

/// What an evaluation returns once a budget has run out; never shown, the
/// budget error is.
const STOPPED: &str = "evaluation stopped";

/// Elements in a value (text counts one per `TEXT_BYTES_PER_ELEMENT` bytes),
/// counting no further than just past `limit`.
fn value_size(value: &Value, limit: usize) -> usize {
    let mut n = 0usize;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        n += 1;
        match v {
            Value::String(s) | Value::Partial(s) => n += s.len() / TEXT_BYTES_PER_ELEMENT,
            Value::List(items) => stack.extend(items),
            Value::Map(map) => stack.extend(map.values()),
            Value::Sensitive(inner) => stack.push(inner),
            _ => {}
        }
        if n > limit {
            break;
        }
    }
    n
}

/// `1000000` as `1,000,000`, as the budget errors say it.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Converts a value to a variable's type constraint, applying `optional()`
/// defaults and Terraform's primitive conversions (`"3"` → 3, `"true"` → true).
fn convert(value: Value, ty: &Expression) -> Value {
    match value {
        Value::Sensitive(inner) => return Value::Sensitive(Box::new(convert(*inner, ty))),
        Value::Unknown | Value::Partial(_) | Value::Null => return value,
        _ => {}
    }
    match ty {
        Expression::Variable(v) => match (v.as_str(), value) {
            ("string", Value::Number(n)) => Value::String(Value::Number(n).to_string()),
            ("string", Value::Bool(b)) => Value::String(b.to_string()),
            ("number", Value::String(s)) => match s.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => Value::Number(n),
                _ => Value::String(s),
            },
            ("bool", Value::String(s)) if s == "true" || s == "false" => Value::Bool(s == "true"),
            (_, value) => value,
        },
        Expression::FuncCall(f) => {
            let arg = f.args.first();
            match (f.name.name.as_str(), value, arg) {
                ("list" | "set", Value::List(items), Some(t)) => {
                    Value::List(items.into_iter().map(|v| convert(v, t)).collect())
                }
                ("map", Value::Map(map), Some(t)) => {
                    Value::Map(map.into_iter().map(|(k, v)| (k, convert(v, t))).collect())
                }
                ("object", Value::Map(mut map), Some(Expression::Object(attrs))) => {
                    let mut out = crate::model::value::Map::new();
                    for (key, attr_ty) in attrs.iter() {
                        let key = object_key_literal(key);
                        let given = map.remove(key.as_str());
                        let value = match attr_ty {
                            Expression::FuncCall(opt) if opt.name.name.as_str() == "optional" => {
                                let inner = opt.args.first().unwrap_or(attr_ty);
                                match given {
                                    Some(v) if !v.is_null() => convert(v, inner),
                                    _ => opt
                                        .args
                                        .get(1)
                                        .map(|d| convert(literal_value(d), inner))
                                        .unwrap_or(Value::Null),
                                }
                            }
                            _ => match given {
                                Some(v) => convert(v, attr_ty),
                                None => continue,
                            },
                        };
                        out.insert(key.into(), value);
                    }
                    Value::Map(out)
                }
                ("tuple", Value::List(items), Some(Expression::Array(types))) => Value::List(
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| match types.get(i) {
                            Some(t) => convert(v, t),
                            None => v,
                        })
                        .collect(),
                ),
                ("optional", value, Some(t)) => convert(value, t),
                (_, value, _) => value,
            }
        }
        _ => value,
    }
}

/// `depends_on` entries as addresses: traversals in HCL, strings in JSON syntax.
fn depends_on(block: &ResourceBlock, module_addr: &str) -> Vec<String> {
    let Some(Expression::Array(items)) = block.body.attr("depends_on") else {
        return Vec::new();
    };
    items
        .iter()
        .map(|item| match item {
            Expression::String(s) => s.clone(),
            other => other.to_string(),
        })
        .map(|text| {
            address::join(
                module_addr,
                text.trim_start_matches("${").trim_end_matches('}'),
            )
        })
        .collect()
}

fn join_path(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

fn push_block(out: &mut crate::model::value::Map, ident: &str, value: Value) {
    match out
        .entry(ident.into())
        .or_insert_with(|| Value::List(Vec::new()))
    {
        Value::List(items) => items.push(value),
        other => *other = Value::List(vec![value]),
    }
}

fn object_key_literal(key: &hcl::ObjectKey) -> String {
    match key {
        hcl::ObjectKey::Identifier(id) => id.as_str().to_string(),
        hcl::ObjectKey::Expression(Expression::String(s)) => s.clone(),
        hcl::ObjectKey::Expression(e) => format!("{e:?}"),
        _ => String::new(),
    }
}

/// (key, value) pairs of a collection: index for lists, key for maps.
fn iterate(collection: &Value) -> Option<Vec<(Value, Value)>> {
    let sensitive = matches!(collection, Value::Sensitive(_));
    let mark = |v: Value| {
        if sensitive {
            Value::Sensitive(Box::new(v))
        } else {
            v
        }
    };
    match collection.unmarked() {
        Value::List(items) => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (Value::Number(i as f64), mark(v.clone())))
                .collect(),
        ),
        Value::Map(map) => Some(
            map.iter()
                // A marked map's keys are marked with it.
                .map(|(k, v)| (mark(Value::String(k.to_string())), mark(v.clone())))
                .collect(),
        ),
        Value::Null => Some(Vec::new()),
        _ => None,
    }
}

/// Text of a known template part; `None` for a part known only after apply.
fn to_template_string(value: &Value) -> std::result::Result<Option<String>, String> {
    match value {
        Value::String(s) => Ok(Some(s.clone())),
        Value::Partial(_) => Ok(None),
        Value::Number(_) | Value::Bool(_) => Ok(Some(value.to_string())),
        Value::Unknown => Ok(None),
        Value::Null => Err("null value in a template".to_string()),
        Value::Sensitive(inner) => to_template_string(inner),
        Value::List(_) | Value::Map(_) => {
            Err("a list or object cannot be used in a template".to_string())
        }
    }
}

fn index_value(collection: &Value, key: &Value) -> EvalResult {
    if !key.is_known() {
        return Ok(Value::Unknown);
    }
    match collection {
        Value::Unknown => Ok(Value::Unknown),
        Value::List(items) => {
            let i = key.as_f64().ok_or("list index is not a number")?;
            if i < 0.0 || i.fract() != 0.0 {
                return Err("invalid list index".to_string());
            }
            items
                .get(i as usize)
                .cloned()
                .ok_or_else(|| "list index out of range".to_string())
        }
        Value::Map(map) => {
            let k = match key.unmarked() {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            map.get(k.as_str())
                .cloned()
                .ok_or_else(|| format!("no key `{k}`"))
        }
        Value::Sensitive(inner) => index_value(inner, key).map(|v| Value::Sensitive(Box::new(v))),
        _ => Err("cannot index this value".to_string()),
    }
}

fn unary(op: UnaryOperator, v: &Value) -> EvalResult {
    if !v.is_known() {
        return Ok(Value::Unknown);
    }
    Ok(match op {
        UnaryOperator::Neg => Value::Number(-v.as_f64().ok_or("`-` needs a number")?),
        UnaryOperator::Not => Value::Bool(!v.as_bool().ok_or("`!` needs a bool")?),
    })
}

fn binary(op: BinaryOperator, lhs: &Value, rhs: &Value) -> EvalResult {
    use BinaryOperator as B;
    // `false && unknown` is still false, as in Terraform.
    match (op, lhs.as_bool(), rhs.as_bool()) {
        (B::And, Some(false), _) | (B::And, _, Some(false)) => return Ok(Value::Bool(false)),
        (B::Or, Some(true), _) | (B::Or, _, Some(true)) => return Ok(Value::Bool(true)),
        _ => {}
    }
    if !lhs.is_known() || !rhs.is_known() {
        return Ok(Value::Unknown);
    }
    let sensitive = lhs.has_sensitive() || rhs.has_sensitive();
    let (l, r) = (lhs.unmarked(), rhs.unmarked());
    let num = |v: &Value| {
        v.as_f64()
            .ok_or_else(|| "arithmetic needs numbers".to_string())
    };
    let value = match op {
        B::Eq => Value::Bool(values_equal(l, r)),
        B::NotEq => Value::Bool(!values_equal(l, r)),
        B::Less => Value::Bool(num(l)? < num(r)?),
        B::LessEq => Value::Bool(num(l)? <= num(r)?),
        B::Greater => Value::Bool(num(l)? > num(r)?),
        B::GreaterEq => Value::Bool(num(l)? >= num(r)?),
        B::Plus => Value::Number(num(l)? + num(r)?),
        B::Minus => Value::Number(num(l)? - num(r)?),
        B::Mul => Value::Number(num(l)? * num(r)?),
        B::Div => {
            let d = num(r)?;
            if d == 0.0 {
                return Err("division by zero".to_string());
            }
            Value::Number(num(l)? / d)
        }
        B::Mod => {
            let d = num(r)?;
            if d == 0.0 {
                return Err("modulo by zero".to_string());
            }
            Value::Number(num(l)? % d)
        }
        B::And => Value::Bool(
            l.as_bool().ok_or("`&&` needs bools")? && r.as_bool().ok_or("`&&` needs bools")?,
        ),
        B::Or => Value::Bool(
            l.as_bool().ok_or("`||` needs bools")? || r.as_bool().ok_or("`||` needs bools")?,
        ),
    };
    Ok(if sensitive {
        Value::Sensitive(Box::new(value))
    } else {
        value
    })
}

fn values_equal(l: &Value, r: &Value) -> bool {
    match (l.unmarked(), r.unmarked()) {
        (Value::Number(a), Value::Number(b)) => a == b,
        (a, b) => a == b,
    }
}
