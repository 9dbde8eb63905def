//! References: traversals from `var`, `local`, `each`, `path`, resources
//! and modules, recorded as they are read; a resource attribute is its
//! configured value when the configuration knows it, else unknown.

use super::expand::RESOURCE_META;
use super::expr::index_value;
use super::{EvalResult, Evaluator, Refs, Scope, Slot};
use crate::address;
use crate::model::{InstanceKey, Mode, Value};
use hcl::expr::{Expression, TraversalOperator};
use std::path::PathBuf;

impl Evaluator<'_> {
    pub(super) fn eval_traversal(
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
}
