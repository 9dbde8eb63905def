//! Evaluates a module tree into the model: expands module calls and
//! resources (`count` / `for_each` with known keys), evaluates attributes, and
//! records which resources each attribute references, through locals,
//! variables and module outputs. Anything not known before apply is
//! `Value::Unknown`, never guessed.
//!
//! This file holds the `Evaluator`, its entry points (`evaluate`,
//! `literal_value`) and its budgets; the work is split by concern:
//! `expand` (module calls, `count`, `for_each`), `body` (blocks and
//! attributes), `expr` (expressions), `template`, `call` (function calls,
//! with the functions themselves in `functions/`), `refs` (references to
//! resources and modules), `symbols` (variables, locals, outputs) and
//! `convert` (type constraints).

mod body;
mod call;
mod convert;
mod expand;
mod expr;
pub mod functions;
mod refs;
mod symbols;
mod template;

use super::config::vars::{self, GivenValue};
use super::config::{ModuleTree, ProviderBlock};
use super::options::LoadOptions;
use super::tree::Tree;
use crate::error::Result;
use crate::model::{
    InstanceKey, Location, Model, ModuleInfo, ProviderConfig, ProviderPassing, Value,
};
use functions::filesystem::Files;
use hcl::expr::Expression;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

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
    files: Files,
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
        if let super::options::CliVar::Var(name, _) = cli
            && !tree.modules[0].variables.iter().any(|v| &v.name == name)
        {
            return Err(crate::error::Error::Usage(format!(
                "--var {name}: the root module in {} declares no variable `{name}`",
                root_dir.display()
            )));
        }
    }
    let mut ev = Evaluator::new(
        tree,
        root_dir.to_path_buf(),
        Files::in_tree(root_dir, Some(checked.clone()), opts.limits.file()),
        given,
        workspace(root_dir, &checked, opts)?,
    );
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
    // OpenTofu passing that names a provider instance per module instance.
    let mut instance_passing: HashMap<Vec<String>, BTreeMap<String, ProviderPassing>> =
        HashMap::new();
    for inst in 0..ev.instances.len() {
        let (module_idx, path) = (ev.instances[inst].module, ev.instances[inst].path.clone());
        // Provider blocks are per module configuration (Terraform forbids them in expanded modules).
        if !seen_paths.contains(&path) {
            seen_paths.push(path.clone());
            for block in &tree.modules[module_idx].providers {
                ev.budget.site = Some((
                    block.location.clone(),
                    format!("provider \"{}\"", block.name),
                ));
                for instance in ev.provider_instances(inst, block) {
                    model
                        .providers
                        .push(ev.provider_config(inst, &path, block, instance));
                }
            }
            if let Some(parent) = ev.instances[inst].parent {
                let call = &tree.modules[ev.instances[parent].module].calls
                    [ev.instances[inst].call.unwrap_or(0)];
                model.modules.push(ModuleInfo {
                    path: path.clone(),
                    source: call.source.clone(),
                    providers: Some(
                        call.providers
                            .iter()
                            .map(|(child, parent)| {
                                // Stands for an instance key that each module instance evaluates.
                                let unknown = if parent.key.is_some() { "[*]" } else { "" };
                                (child.clone(), format!("{}{unknown}", parent.local_key()))
                            })
                            .collect(),
                    ),
                    instance_providers: BTreeMap::new(),
                    location: Some(call.location.clone()),
                });
            }
        }
        if let Some(parent) = ev.instances[inst].parent {
            let call = &tree.modules[ev.instances[parent].module].calls
                [ev.instances[inst].call.unwrap_or(0)];
            if call.providers.iter().any(|(_, p)| p.key.is_some()) {
                let scope = Scope {
                    inst: parent,
                    count: ev.instances[inst].count,
                    each: ev.instances[inst].each.clone(),
                    locals: Vec::new(),
                };
                let passing = call
                    .providers
                    .iter()
                    .map(|(child, p)| {
                        let (alias, _) = ev.provider_instance(p, &scope);
                        let parent = crate::model::provider_local_key(&p.name, alias.as_deref());
                        (child.clone(), parent)
                    })
                    .collect();
                instance_passing
                    .entry(path.clone())
                    .or_default()
                    .insert(ev.instances[inst].addr.clone(), passing);
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
    for info in &mut model.modules {
        if let Some(passing) = instance_passing.remove(&info.path) {
            info.instance_providers = passing;
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

/// One configuration of a provider block: its alias (with the instance key
/// for an OpenTofu `for_each` block), `each`, and for an unexpanded set, that.
struct ProviderInstance {
    alias: Option<String>,
    each: Option<(Value, Value)>,
    /// Where the `for_each` came from (`var.regions` default), to explain regions.
    over: Vec<String>,
    unexpanded: bool,
}

impl Evaluator<'_> {
    /// The configurations a provider block makes: one, or (OpenTofu 1.9+) one
    /// per `for_each` key, `aws.cell["tokyo"]`; keys tfward cannot evaluate
    /// make one `aws.cell[*]` whose region is not known (with a note).
    fn provider_instances(&mut self, inst: usize, block: &ProviderBlock) -> Vec<ProviderInstance> {
        let (Some(alias), Some(for_each)) = (&block.alias, &block.for_each) else {
            // OpenTofu requires an alias beside `for_each`: without one it is not a set.
            return vec![ProviderInstance {
                alias: block.alias.clone(),
                each: None,
                over: Vec::new(),
                unexpanded: false,
            }];
        };
        self.trace.clear();
        let what = format!(
            "provider `{}`",
            crate::model::provider_local_key(&block.name, Some(alias))
        );
        let keys = self.instance_keys(inst, None, Some(for_each), &what);
        let over = std::mem::take(&mut self.trace);
        keys.into_iter()
            .map(|(key, _, each)| {
                let key = key.unwrap_or(InstanceKey::Unknown);
                ProviderInstance {
                    alias: Some(format!("{alias}{key}")),
                    unexpanded: key == InstanceKey::Unknown,
                    each,
                    over: over.clone(),
                }
            })
            .collect()
    }

    /// The model's configuration for one instance of a provider block.
    fn provider_config(
        &mut self,
        inst: usize,
        path: &[String],
        block: &ProviderBlock,
        instance: ProviderInstance,
    ) -> ProviderConfig {
        let scope = Scope {
            inst,
            each: instance.each.clone(),
            ..Scope::default()
        };
        let mut refs = Refs::new();
        self.trace.clear();
        let region = block.body.attr("region").map(|expr| {
            let value = self.eval(expr, &scope, &mut refs).unwrap_or(Value::Unknown);
            let origin = if matches!(expr, Expression::String(_)) {
                "literal".to_string()
            } else if let (Some(alias), true) = (&instance.alias, block.for_each.is_some()) {
                let key = alias.find('[').map_or("", |at| &alias[at..]);
                let mut origin = if instance.unexpanded {
                    format!("`{expr}` per instance of the provider's `for_each` (keys not known)")
                } else {
                    format!("`{expr}` for instance {key} of the provider's `for_each`")
                };
                if !instance.over.is_empty() {
                    origin.push_str(&format!(" over {}", instance.over.join(", ")));
                }
                if !self.trace.is_empty() {
                    origin.push_str(&format!("; {}", self.trace.join(", ")));
                }
                origin
            } else if self.trace.is_empty() {
                "an expression".to_string()
            } else {
                self.trace.join(", ")
            };
            (value, origin)
        });
        let body = self.eval_body(
            &block.body,
            &scope,
            "",
            &mut Vec::new(),
            &["alias", "region", "for_each"],
            &[],
        );
        let default_tags = body
            .get("default_tags")
            .and_then(|d| d.blocks().first().and_then(|b| b.get("tags").cloned()))
            .unwrap_or(Value::Null);
        let account_hint = account_hint(
            &crate::model::provider_config_key(path, &block.name, instance.alias.as_deref()),
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
        ProviderConfig {
            scope: path.to_vec(),
            name: block.name.clone(),
            alias: instance.alias,
            source: None,
            region,
            region_origin,
            is_block: true,
            default_tags,
            unexpanded_instances: instance.unexpanded,
            account_hint,
            location: Some(block.location.clone()),
        }
    }
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
    // No tree: a literal (a tfvars value, a variable default) reads no file.
    let mut ev = Evaluator::new(
        &tree,
        PathBuf::new(),
        Files::none(),
        HashMap::new(),
        "default".to_string(),
    );
    ev.eval_literal(expr)
}

impl<'t> Evaluator<'t> {
    /// An evaluator that has evaluated nothing yet.
    fn new(
        tree: &'t ModuleTree,
        root_dir: PathBuf,
        files: Files,
        given: HashMap<String, GivenValue>,
        workspace: String,
    ) -> Evaluator<'t> {
        Evaluator {
            tree,
            root_dir,
            files,
            given,
            instances: Vec::new(),
            children: HashMap::new(),
            cache: HashMap::new(),
            attr_cache: HashMap::new(),
            trace: Vec::new(),
            notes: Vec::new(),
            depth: 0,
            workspace,
            keep_unknown_text: false,
            budget: Budget::default(),
        }
    }

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
