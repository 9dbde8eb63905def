//! Block bodies: attributes, nested and `dynamic` blocks as lists of
//! objects (the shape plans use), with references recorded per attribute path.

use super::{Evaluator, Refs, Scope};
use crate::load::config::{Body, Item};
use crate::model::{Reference, Value};
use hcl::expr::Expression;

impl Evaluator<'_> {
    /// Evaluates a block body: attributes, and nested blocks as lists of objects
    /// (the shape plans use). References are recorded per attribute path.
    pub(super) fn eval_body(
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

pub(super) fn object_key_literal(key: &hcl::ObjectKey) -> String {
    match key {
        hcl::ObjectKey::Identifier(id) => id.as_str().to_string(),
        hcl::ObjectKey::Expression(Expression::String(s)) => s.clone(),
        hcl::ObjectKey::Expression(e) => format!("{e:?}"),
        _ => String::new(),
    }
}
