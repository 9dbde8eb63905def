//! References in a plan's configuration expressions: which resources each
//! attribute names, followed through module inputs and outputs.

use super::*;

/// Walks a resource's configuration expressions and records what each attribute references.
pub(super) fn collect_refs(
    plan: &Plan,
    module: &str,
    module_path: &[String],
    exprs: &Map<String, Json>,
    prefix: &str,
    out: &mut Vec<Reference>,
) {
    for (key, expr) in exprs {
        let attr = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match expr {
            // list/set blocks: one expression map per block
            Json::Array(blocks) => {
                for (i, block) in blocks.iter().enumerate() {
                    if let Some(map) = block.as_object() {
                        collect_refs(plan, module, module_path, map, &format!("{attr}.{i}"), out);
                    }
                }
            }
            Json::Object(map) if is_expression(map) => {
                let mut found: Vec<Reference> = Vec::new();
                for r in map
                    .get("references")
                    .and_then(Json::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(text) = r.as_str() {
                        for (target, target_attr) in
                            resolve_reference(plan, module, module_path, text, 0)
                        {
                            found.push(Reference {
                                attr: attr.clone(),
                                target,
                                target_attr,
                            });
                        }
                    }
                }
                // The writer lists `aws_backup_plan.this["daily"]` and then
                // `aws_backup_plan.this`: the expression names that instance
                // only, not every instance of the resource.
                let instances: HashSet<&str> = found
                    .iter()
                    .filter_map(|r| without_last_key(&r.target))
                    .collect();
                let whole: Vec<bool> = found
                    .iter()
                    .map(|r| instances.contains(r.target.as_str()))
                    .collect();
                out.extend(
                    found
                        .into_iter()
                        .zip(whole)
                        .filter(|(_, whole)| !whole)
                        .map(|(r, _)| r),
                );
            }
            // single blocks (one map) and map blocks (label → map)
            Json::Object(map) => {
                if map
                    .values()
                    .all(|v| v.as_object().is_some_and(|m| !is_expression(m)))
                    && !map.is_empty()
                {
                    for (label, block) in map {
                        if let Some(inner) = block.as_object() {
                            collect_refs(
                                plan,
                                module,
                                module_path,
                                inner,
                                &format!("{attr}.{label}"),
                                out,
                            );
                        }
                    }
                } else {
                    collect_refs(plan, module, module_path, map, &attr, out);
                }
            }
            _ => {}
        }
    }
    // The writer lists `aws_kms_key.k.arn` and then `aws_kms_key.k`: keep the precise one.
    let precise: HashSet<(String, String)> = out
        .iter()
        .filter(|r| r.target_attr.is_some())
        .map(|r| (r.attr.clone(), r.target.clone()))
        .collect();
    out.retain(|r| {
        r.target_attr.is_some() || !precise.contains(&(r.attr.clone(), r.target.clone()))
    });
}

/// `aws_backup_plan.this` of `aws_backup_plan.this["daily"]`; `None` for an
/// address that ends in no instance key.
fn without_last_key(address: &str) -> Option<&str> {
    address
        .strip_suffix(']')
        .and_then(|rest| rest.rfind('[').map(|open| &address[..open]))
}

pub(super) fn is_expression(map: &Map<String, Json>) -> bool {
    map.is_empty()
        || map
            .keys()
            .all(|k| k == "constant_value" || k == "references")
}

/// Resources a reference string names, followed through `var.*` inputs and module outputs.
/// Set-typed nested blocks (a backup plan's `rule`) come back from the plan in
/// the provider's order, while references are recorded by configuration index:
/// reorder the planned blocks to the configuration's, matching their constants.
pub(super) fn align_blocks_with_configuration(
    attrs: &mut crate::model::value::Map,
    exprs: &Map<String, Json>,
) {
    for (name, expr) in exprs {
        let Some(config_blocks) = expr.as_array() else {
            continue;
        };
        let Some(Value::List(items)) = attrs.get_mut(name.as_str()) else {
            continue;
        };
        if items.len() != config_blocks.len() || items.len() < 2 {
            continue;
        }
        let constants = |block: &Json| -> Vec<(String, Value)> {
            block
                .as_object()
                .into_iter()
                .flatten()
                .filter_map(|(k, e)| Some((k.clone(), Value::from_json(e.get("constant_value")?))))
                .filter(|(_, v)| !matches!(v, Value::List(_) | Value::Map(_)))
                .collect()
        };
        let mut remaining: Vec<Option<Value>> = items.drain(..).map(Some).collect();
        let mut ordered = Vec::with_capacity(remaining.len());
        for block in config_blocks {
            let wanted = constants(block);
            let best = (0..remaining.len())
                .filter(|&i| remaining[i].is_some())
                .max_by_key(|&i| {
                    let item = remaining[i].as_ref().expect("filtered");
                    wanted
                        .iter()
                        .filter(|(k, v)| item.get(k) == Some(v))
                        .count()
                })
                .expect("as many planned blocks as configured ones");
            ordered.push(remaining[best].take().expect("unused"));
        }
        *items = ordered;
    }
}

/// Whether an expression depends only on constants and variables whose values
/// the plan knows (through module inputs, up to the root `variables`).
pub(super) fn inputs_known_at_plan_time(
    plan: &Plan,
    module_path: &[String],
    expr: &Json,
    depth: usize,
) -> bool {
    if depth > 16 || !expr.is_object() {
        return false;
    }
    let refs: Vec<&str> = expression_refs(Some(expr)).collect();
    if refs.is_empty() {
        return expr.get("constant_value").is_some();
    }
    refs.iter().all(|r| {
        let Some(var) = r.strip_prefix("var.") else {
            return false;
        };
        let var = var.split(['.', '[']).next().unwrap_or(var);
        if module_path.is_empty() {
            return plan
                .variables
                .and_then(|v| v.get(var))
                .and_then(|v| v.get("value"))
                .is_some();
        }
        let parent = &module_path[..module_path.len() - 1];
        let input = plan
            .modules
            .get(parent)
            .and_then(|m| m.calls.get(&module_path[module_path.len() - 1]))
            .and_then(|c| c.get("expressions"))
            .and_then(|e| e.get(var));
        match input {
            Some(input) => inputs_known_at_plan_time(plan, parent, input, depth + 1),
            // Not passed: the module's default, a constant.
            None => true,
        }
    })
}

pub(super) fn resolve_reference(
    plan: &Plan,
    module: &str,
    module_path: &[String],
    text: &str,
    depth: usize,
) -> Vec<(String, Option<String>)> {
    if depth > 32 {
        return Vec::new();
    }
    let Some(segs) = address::segments(text) else {
        return Vec::new();
    };
    let name = |i: usize| match segs.get(i) {
        Some(Segment::Name(n)) => Some(n.as_str()),
        _ => None,
    };
    match name(0) {
        Some("var") => {
            let (Some(var), false) = (name(1), module_path.is_empty()) else {
                return Vec::new();
            };
            let parent_path = &module_path[..module_path.len() - 1];
            let parent = address::parent_module_address(module);
            let input = plan
                .modules
                .get(parent_path)
                .and_then(|m| m.calls.get(&module_path[module_path.len() - 1]))
                .and_then(|c| c.get("expressions"))
                .and_then(|e| e.get(var));
            expression_refs(input)
                .flat_map(|r| resolve_reference(plan, &parent, parent_path, r, depth + 1))
                .collect()
        }
        Some("module") => {
            let Some(call) = name(1) else {
                return Vec::new();
            };
            let (instance, output_at) = match segs.get(2) {
                Some(Segment::Index(key)) => (format!("module.{call}[{key}]"), 3),
                _ => (format!("module.{call}"), 2),
            };
            let Some(output) = name(output_at) else {
                return Vec::new();
            };
            let child_module = address::join(module, &instance);
            let mut child_path = module_path.to_vec();
            child_path.push(call.to_string());
            let expr = plan
                .modules
                .get(&child_path)
                .and_then(|m| m.json.get("outputs"))
                .and_then(|o| o.get(output))
                .and_then(|o| o.get("expression"));
            expression_refs(expr)
                .flat_map(|r| resolve_reference(plan, &child_module, &child_path, r, depth + 1))
                .collect()
        }
        Some("local" | "each" | "count" | "path" | "self" | "terraform") | None => Vec::new(),
        Some(first) => {
            let (type_at, prefix) = if first == "data" {
                (1, "data.")
            } else {
                (0, "")
            };
            let (Some(r#type), Some(res_name)) = (name(type_at), name(type_at + 1)) else {
                return Vec::new();
            };
            let mut target = format!("{prefix}{type}.{res_name}");
            let mut next = type_at + 2;
            if let Some(Segment::Index(key)) = segs.get(next) {
                target.push_str(&format!("[{key}]"));
                next += 1;
            }
            vec![(
                address::join(module, &target),
                name(next).map(str::to_string),
            )]
        }
    }
}

pub(super) fn expression_refs(expr: Option<&Json>) -> impl Iterator<Item = &str> {
    expr.and_then(|e| e.get("references"))
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(Json::as_str)
}
