//! Provider configurations of a plan: each `provider_config` entry with its
//! region (a constant, or a variable followed to the plan's values), and the
//! configuration a resource uses.

use super::*;

/// Module path of a `provider_config` entry: `module.a.module.b`, or 0.12's bare `a.b`.
pub(super) fn entry_scope(entry: &Json) -> Vec<String> {
    entry
        .get("module_address")
        .and_then(Json::as_str)
        .map(address::module_config_path)
        .unwrap_or_default()
}

pub(super) fn provider_entry(plan: &Plan, path: &Path, key: &str, entry: &Json) -> ProviderConfig {
    let scope = entry_scope(entry);
    let local = key.rsplit(':').next().unwrap_or(key);
    let name = entry
        .get("name")
        .and_then(Json::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| local.split('.').next().unwrap_or(local).to_string());
    let alias = entry
        .get("alias")
        .and_then(Json::as_str)
        .map(str::to_string);
    let expressions = entry.get("expressions").and_then(Json::as_object);
    // OpenTofu (1.9+) records a `for_each` provider block as this one entry,
    // without its `for_each` or instances; `each` is valid in nothing else a
    // provider block holds, so an expression using it marks the block.
    let uses_each = |expr: &Json| {
        expr.get("references")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .filter_map(Json::as_str)
            .any(|r| r == "each" || r.starts_with("each."))
    };
    let instanced = expressions.is_some_and(|e| e.values().any(uses_each));
    let (region, region_origin) = match expressions.and_then(|e| e.get("region")) {
        None => (None, "no `region` argument".to_string()),
        Some(expr) if uses_each(expr) => (
            Some(Value::Unknown),
            "set per instance of an OpenTofu provider `for_each`: the plan records neither the instances nor which one a resource uses".to_string(),
        ),
        Some(expr) => {
            let (value, origin) = expression_value(plan, &scope, expr, 0);
            // A plan records only which variables an expression uses, so
            // `"${var.geo}-west-2"` and `var.region` look alike. Take the
            // variable's value as the region only when it is a region name.
            let via_reference = expr
                .get("references")
                .and_then(Json::as_array)
                .is_some_and(|r| !r.is_empty());
            match value.as_str() {
                Some(text) if via_reference && !crate::region::looks_like_region(text) => (
                    Some(Value::Unknown),
                    format!(
                        "{origin}, which is not a region name: the plan does not record the rest of the expression"
                    ),
                ),
                // `var.home == "x" ? "a" : "b"` is recorded the same way:
                // a region name from a variable is a guess, and a guess is
                // not evidence. The configuration (`--source`) tells.
                Some(text) if via_reference => {
                    let shown = if value.has_sensitive() {
                        "(sensitive)".to_string()
                    } else {
                        format!("{text:?}")
                    };
                    (
                        Some(Value::Unknown),
                        format!(
                            "{origin} is {shown}, but the plan records only that the expression uses it, not the expression: check the plan with --source DIR, the configuration it was made from"
                        ),
                    )
                }
                _ => (Some(value), origin),
            }
        }
    };
    let default_tags = expressions
        .and_then(|e| e.get("default_tags"))
        .and_then(Json::as_array)
        .and_then(|blocks| blocks.first())
        .and_then(|block| block.get("tags"))
        .and_then(|tags| tags.get("constant_value"))
        .map(Value::from_json)
        .unwrap_or(Value::Null);
    // What tells the configuration's account apart (see `load::eval::account_hint`):
    // constants and the references that build them identify it.
    let hint_parts: Vec<String> = [
        (
            "assume_role",
            expressions
                .and_then(|e| e.get("assume_role"))
                .and_then(Json::as_array)
                .and_then(|b| b.first())
                .and_then(|b| b.get("role_arn")),
        ),
        ("profile", expressions.and_then(|e| e.get("profile"))),
        (
            "allowed_account_ids",
            expressions.and_then(|e| e.get("allowed_account_ids")),
        ),
        ("access_key", expressions.and_then(|e| e.get("access_key"))),
    ]
    .into_iter()
    .filter_map(|(name, expr)| {
        let expr = expr?;
        let text = expr
            .get("constant_value")
            .or(expr.get("references"))
            .map(Json::to_string)
            .unwrap_or_else(|| format!("not known ({key})"));
        Some(format!("{name}={text}"))
    })
    .collect();
    let account_hint = (!hint_parts.is_empty()).then(|| hint_parts.join("; "));
    ProviderConfig {
        account_hint,
        // A module entry without arguments is a requirement, a proxy block (0.12) or a
        // passed configuration: not a configuration of its own.
        is_block: scope.is_empty() || expressions.is_some_and(|e| !e.is_empty()),
        source: entry
            .get("full_name")
            .and_then(Json::as_str)
            .map(str::to_string),
        scope,
        name,
        alias,
        region,
        region_origin,
        default_tags,
        unexpanded_instances: instanced,
        location: Some(Location {
            file: path.to_path_buf(),
            ..Location::default()
        }),
    }
}

/// Value of a configuration expression: a constant, or a bare `var.x` followed
/// to the plan's root `variables` or the module call's input.
pub(super) fn expression_value(
    plan: &Plan,
    scope: &[String],
    expr: &Json,
    depth: usize,
) -> (Value, String) {
    // Plans of `.tf.json` configurations carry the raw `"${var.x}"` as a
    // constant beside its references: the references are what counts.
    let has_refs = expr
        .get("references")
        .and_then(Json::as_array)
        .is_some_and(|r| !r.is_empty());
    if let (Some(constant), false) = (expr.get("constant_value"), has_refs) {
        return (Value::from_json(constant), "literal".to_string());
    }
    let refs: Vec<&str> = expr
        .get("references")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(Json::as_str)
        .collect();
    let Some(first) = refs.first() else {
        return (
            Value::Unknown,
            "an expression the plan does not record (function call)".to_string(),
        );
    };
    let distinct: BTreeSet<&str> = refs.iter().copied().collect();
    if distinct.len() != 1 || depth > 16 {
        return (
            Value::Unknown,
            format!("an expression of {}", refs.join(", ")),
        );
    }
    let Some(var) = first.strip_prefix("var.") else {
        let why = if first.starts_with("local.") {
            format!("`{first}`: locals are not in plan JSON")
        } else {
            format!("`{first}`")
        };
        return (Value::Unknown, why);
    };
    if scope.is_empty() {
        match plan
            .variables
            .and_then(|v| v.get(var))
            .and_then(|v| v.get("value"))
        {
            Some(value) => {
                let value = Value::from_json(value);
                let sensitive = plan
                    .modules
                    .get(scope)
                    .and_then(|m| m.json.pointer(&format!("/variables/{var}/sensitive")))
                    .and_then(Json::as_bool)
                    == Some(true);
                let value = if sensitive {
                    Value::Sensitive(Box::new(value))
                } else {
                    value
                };
                (value, format!("`var.{var}` (plan variables)"))
            }
            None => (
                Value::Unknown,
                format!("`var.{var}`, not in the plan's variables"),
            ),
        }
    } else {
        let parent = &scope[..scope.len() - 1];
        let call = plan
            .modules
            .get(parent)
            .and_then(|m| m.calls.get(&scope[scope.len() - 1]));
        match call
            .and_then(|c| c.get("expressions"))
            .and_then(|e| e.get(var))
        {
            Some(input) => {
                let (value, origin) = expression_value(plan, parent, input, depth + 1);
                (
                    value,
                    format!(
                        "`var.{var}` from {} input, {origin}",
                        crate::model::module_config_address(scope)
                    ),
                )
            }
            None => {
                let default = plan
                    .modules
                    .get(scope)
                    .and_then(|m| m.json.pointer(&format!("/variables/{var}/default")));
                match default {
                    Some(d) => (Value::from_json(d), format!("`var.{var}` default")),
                    None => (Value::Unknown, format!("`var.{var}`, not set")),
                }
            }
        }
    }
}

pub(super) fn provider_ref(
    plan: &Plan,
    obj: &Json,
    config: Option<&Json>,
    module_path: &[String],
) -> ProviderRef {
    let split_local = |local: &str| -> (String, Option<String>) {
        match local.split_once('.') {
            Some((name, alias)) => (name.to_string(), Some(alias.to_string())),
            None => (local.to_string(), None),
        }
    };
    if let Some(key) = config
        .and_then(|c| c.get("provider_config_key"))
        .and_then(Json::as_str)
    {
        let (prefix, local) = match key.rsplit_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, key),
        };
        let (name, alias) = split_local(local);
        let (scope, origin) = match prefix {
            None => (
                // Before 1.2 a bare key inside a module is the module's own default.
                if plan.keys_resolved {
                    Vec::new()
                } else {
                    module_path.to_vec()
                },
                format!("plan provider_config_key `{key}`"),
            ),
            Some(p) if plan.keys_resolved => (
                address::module_config_path(p),
                format!("plan provider_config_key `{key}`"),
            ),
            // Older plans name the enclosing call only (`child1:aws`): resolve by position.
            Some(_) => (
                module_path.to_vec(),
                format!(
                    "plan provider_config_key `{key}` (pre-1.2 form, resolved by module position)"
                ),
            ),
        };
        return ProviderRef {
            name,
            alias,
            scope: scope.into(),
            origin,
        };
    }
    // No configuration: 0.12 wrote the local name with alias, later versions the source address.
    let provider_name = obj
        .get("provider_name")
        .and_then(Json::as_str)
        .unwrap_or("aws");
    let local = if provider_name.contains('/') {
        provider_name.rsplit('/').next().unwrap_or(provider_name)
    } else {
        provider_name
    };
    let (name, alias) = split_local(local);
    ProviderRef {
        name,
        alias,
        scope: module_path.into(),
        origin: "no configuration in the input: the module's default provider".to_string(),
    }
}
