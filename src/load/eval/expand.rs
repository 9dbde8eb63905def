//! Expansion: module calls and resources become instances, one per `count`
//! index or `for_each` key, or one `[*]` instance when the keys are unknown.

use super::{
    Evaluator, Expansion, Instance, MAX_INSTANCES, MAX_MODULE_DEPTH, MAX_MODULE_INSTANCES,
    MAX_RESOURCE_INSTANCES, Refs, Scope, thousands,
};
use crate::address;
use crate::load::config::{ProviderExpr, ResourceBlock};
use crate::model::{InstanceKey, Mode, ProviderRef, Resource, Value};
use hcl::expr::Expression;
use std::sync::Arc;

/// Meta-arguments of a resource block: Terraform's, not the resource's attributes.
pub(super) const RESOURCE_META: &[&str] = &["count", "for_each", "provider", "depends_on"];
const RESOURCE_META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];

impl Evaluator<'_> {
    pub(super) fn expand_calls(&mut self, inst: usize) {
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
    pub(super) fn instance_keys(
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

    pub(super) fn expand_resource(&mut self, inst: usize, block: &ResourceBlock) -> Vec<Resource> {
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
            Some(p) => ProviderRef {
                name: p.name.clone(),
                alias: p.alias.clone(),
                scope: module_path.clone(),
                origin: format!("`provider = {}`", p.local_key()),
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
            // OpenTofu: `provider = aws.cell[each.key]` names an instance per resource instance.
            let provider = match &block.provider {
                Some(p) if p.key.is_some() => {
                    let (alias, origin) = self.provider_instance(p, &scope);
                    Arc::new(ProviderRef {
                        alias,
                        origin,
                        ..(*provider).clone()
                    })
                }
                _ => provider.clone(),
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
                provider,
                attrs,
                refs,
                depends_on,
                derived_attrs: Default::default(),
                location: block.location.clone(),
                actions: Vec::new(),
                placement: Default::default(),
                origin: None,
            });
        }
        out
    }
}

impl Evaluator<'_> {
    /// The alias of the OpenTofu `for_each` provider instance a reference
    /// names, its key evaluated in `scope`: `cell["tokyo"]`, or `cell[*]` when
    /// the key is not known (a marked key is never written into an address);
    /// and how the key was chosen.
    pub(super) fn provider_instance(
        &mut self,
        reference: &ProviderExpr,
        scope: &Scope,
    ) -> (Option<String>, String) {
        let (Some(alias), Some(key_expr)) = (&reference.alias, &reference.key) else {
            let written = format!("`provider = {}`", reference.local_key());
            return (reference.alias.clone(), written);
        };
        let mut refs = Refs::new();
        let key = match self.eval(key_expr, scope, &mut refs) {
            Ok(Value::String(s)) => InstanceKey::Str(s),
            Ok(Value::Number(n)) if n.fract() == 0.0 && n.abs() < 1e15 => {
                InstanceKey::Str(format!("{}", n as i64))
            }
            _ => InstanceKey::Unknown,
        };
        let origin = match (&key, key_expr) {
            (_, Expression::String(_)) => format!("`provider = {}{key}`", reference.local_key()),
            (InstanceKey::Str(k), _) => format!(
                "instance key `{key_expr}` is {}",
                serde_json::Value::String(k.clone())
            ),
            _ => format!("instance key `{key_expr}` is not known"),
        };
        (Some(format!("{alias}{key}")), origin)
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
