//! A plan checked with the configuration it was made from (`--source DIR`).
//!
//! The plan is authoritative for what it knows: which instances exist, their
//! known values, the data sources it read. The configuration, evaluated with
//! the plan's variables and known values (`PlanFacts`), fills in what the plan
//! leaves unknown or drops: values with apply-time parts (kept partly
//! unknown), references through locals and module outputs, regions from
//! locals and conditionals, and the `.tf` line a reviewer fixes.

use crate::model::value::Map;
use crate::model::{Mode, Model, Placement, Reference, Region, Resource, Value};
use std::collections::HashMap;
use std::sync::Arc;

use super::options::PlanFacts;

/// What the plan knows, for evaluating its configuration.
pub fn facts(plan: &Model) -> PlanFacts {
    PlanFacts {
        variables: plan.variables.clone(),
    }
}

/// The plan's resources, completed by the configuration's (`config`, loaded
/// with `facts(&plan)` and placed).
pub fn merge(mut plan: Model, config: Model) -> Model {
    let by_address: HashMap<&str, &Resource> = config
        .resources
        .iter()
        .map(|r| (r.address.as_str(), r))
        .collect();
    // Instances whose keys the configuration alone cannot know (`[*]`) stand for every plan instance.
    let patterns: Vec<(Vec<&str>, &Resource)> = config
        .resources
        .iter()
        .filter(|r| r.address.contains("[*]"))
        .map(|r| (r.address.split("[*]").collect(), r))
        .collect();
    let loaded: std::collections::HashSet<&[String]> =
        config.modules.iter().map(|m| m.path.as_slice()).collect();
    let mut matched: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut only_in_plan: Vec<String> = Vec::new();
    let mut placements: HashMap<(Arc<Placement>, Arc<Placement>), Arc<Placement>> = HashMap::new();
    for res in &mut plan.resources {
        let found = by_address.get(res.address.as_str()).copied().or_else(|| {
            patterns
                .iter()
                .find(|(parts, _)| matches_pattern(&res.address, parts))
                .map(|(_, r)| *r)
        });
        let Some(from_config) = found else {
            // A module the configuration could not read (not on disk: its
            // own note says so) is no disagreement.
            let readable = res.module_path.is_empty() || loaded.contains(&*res.module_path);
            if res.mode == Mode::Managed && readable {
                only_in_plan.push(res.address.clone());
            }
            continue;
        };
        matched.insert(from_config.address.as_str());
        complete(res, from_config, &mut placements);
    }
    let only_in_config: Vec<&str> = config
        .resources
        .iter()
        .filter(|r| r.mode == Mode::Managed && !matched.contains(r.address.as_str()))
        .map(|r| r.address.as_str())
        .collect();
    if !only_in_plan.is_empty() || !only_in_config.is_empty() {
        plan.notes
            .push(disagreement(&plan, &config, &only_in_plan, &only_in_config));
    }
    fill_providers(&mut plan, &config);
    // The configuration records what the plan does not: a module call's `providers`.
    for module in &mut plan.modules {
        if module.providers.is_none()
            && let Some(m) = config.module_at(&module.path)
        {
            module.providers = m.providers.clone();
            module.location = m.location.clone();
        }
    }
    plan.notes
        .retain(|note| !note.ends_with(super::plan::SOURCE_WOULD_TELL));
    plan.suppressions.extend(config.suppressions);
    plan.notes.extend(config.notes);
    plan
}

/// `module.m["a"].x.y["k"]` against the parts of `module.m[*].x.y[*]`.
fn matches_pattern(address: &str, parts: &[&str]) -> bool {
    let Some((first, rest)) = parts.split_first() else {
        return false;
    };
    let Some(mut tail) = address.strip_prefix(first) else {
        return false;
    };
    for part in rest {
        // One instance key: `[...]` up to its closing bracket, outside quotes.
        let Some(after) = skip_key(tail) else {
            return false;
        };
        let Some(next) = after.strip_prefix(part) else {
            return false;
        };
        tail = next;
    }
    tail.is_empty()
}

fn skip_key(text: &str) -> Option<&str> {
    let body = text.strip_prefix('[')?;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            ']' if !in_string => return Some(&body[i + 1..]),
            _ => {}
        }
    }
    None
}

/// One plan resource completed by its configuration: values the plan leaves
/// unknown, references, the source line, and the region when the plan
/// cannot tell it.
fn complete(
    res: &mut Resource,
    from_config: &Resource,
    placements: &mut HashMap<(Arc<Placement>, Arc<Placement>), Arc<Placement>>,
) {
    // A plan value derived from references is a result, not something the
    // author wrote. With the configuration at hand that is known per
    // attribute: one the configuration fills, or whose planned value is what
    // the configuration wrote, is literal where the configuration is.
    let written = |name: &str| {
        from_config.attr(name).is_some_and(|config| {
            res.attr(name)
                .is_none_or(|plan| !plan.is_known() || agrees(config, plan))
        })
    };
    if res.derived_attrs.iter().any(|d| written(d)) {
        res.derived_attrs = res
            .derived_attrs
            .iter()
            .filter(|d| !written(d))
            .cloned()
            .collect();
    }
    let attrs = std::mem::take(&mut res.attrs);
    res.attrs = fill_map(attrs, &from_config.attrs);
    res.refs = merged_refs(&res.refs, &from_config.refs);
    res.location = from_config.location.clone();
    // Resources that share both placements share the merged one.
    let key = (res.placement.clone(), from_config.placement.clone());
    let placement = placements
        .entry(key)
        .or_insert_with(|| Arc::new(decide(&res.placement, &from_config.placement)))
        .clone();
    res.placement = placement;
}

/// The plan's region when it knows one, else the configuration's; the why
/// says which decided.
fn decide(plan: &Placement, config: &Placement) -> Placement {
    let plan_knows = !matches!(plan.region, Region::Unknown);
    if plan_knows || matches!(config.region, Region::Unknown) {
        let mut placement = plan.clone();
        placement.source = format!("plan: {}", plan.source);
        return placement;
    }
    let mut placement = config.clone();
    placement.source = format!(
        "configuration (the plan leaves it unknown): {}",
        config.source
    );
    placement
}

/// Whether every part of the configuration's value is known and is what the
/// plan has there (the plan may add computed parts).
fn agrees(config: &Value, plan: &Value) -> bool {
    match (config.unmarked(), plan.unmarked()) {
        (Value::Map(config), Value::Map(plan)) => config
            .iter()
            .all(|(k, v)| plan.get(k).is_some_and(|p| agrees(v, p))),
        (Value::List(config), Value::List(plan)) => {
            config.len() == plan.len() && config.iter().zip(plan).all(|(c, p)| agrees(c, p))
        }
        (Value::Unknown | Value::Partial(_), _) => false,
        (config, plan) => config == plan,
    }
}

/// The plan's value where it is known; where it is not, the configuration's
/// (which keeps apply-time parts unknown).
fn fill(plan: Value, config: &Value) -> Value {
    if plan.is_known() {
        return plan;
    }
    match (plan, config) {
        (Value::Unknown, config) => config.clone(),
        (Value::Sensitive(inner), config) => {
            Value::Sensitive(Box::new(fill(*inner, config.unmarked())))
        }
        (Value::Map(map), Value::Map(config)) => Value::Map(fill_map(map, config)),
        (Value::List(items), Value::List(config)) if items.len() == config.len() => Value::List(
            items
                .into_iter()
                .zip(config)
                .map(|(item, config)| fill(item, config))
                .collect(),
        ),
        (plan, _) => plan,
    }
}

fn fill_map(mut plan: Map, config: &Map) -> Map {
    for (key, config_value) in config.iter() {
        match plan.get_mut(key) {
            Some(value) => {
                let taken = std::mem::replace(value, Value::Null);
                *value = fill(taken, config_value);
            }
            // A plan lists every attribute of the schema; one it lacks is an
            // attribute of an older plan format or a block it dropped.
            None => {
                plan.insert(key.clone(), config_value.clone());
            }
        }
    }
    plan
}

/// Per attribute, the configuration's references when it has any (they go
/// through locals and module outputs and keep instance keys); else the plan's.
fn merged_refs(plan: &[Reference], config: &[Reference]) -> Vec<Reference> {
    let top = |attr: &str| attr.split('.').next().unwrap_or(attr).to_string();
    let config_attrs: std::collections::HashSet<String> =
        config.iter().map(|r| top(&r.attr)).collect();
    let mut refs: Vec<Reference> = config.to_vec();
    refs.extend(
        plan.iter()
            .filter(|r| !config_attrs.contains(&top(&r.attr)))
            .cloned(),
    );
    refs.sort();
    refs.dedup();
    refs
}

/// Provider regions the plan leaves unknown, from the configuration; the
/// configuration's provider instances the plan does not list.
fn fill_providers(plan: &mut Model, config: &Model) {
    for from_config in &config.providers {
        let key = from_config.key();
        match plan.providers.iter_mut().find(|p| p.key() == key) {
            Some(p) => {
                let plan_unknown = p.region.as_ref().is_none_or(|r| !r.is_known());
                if plan_unknown && from_config.region.as_ref().is_some_and(Value::is_known) {
                    p.region = from_config.region.clone();
                    p.region_origin = format!("configuration: {}", from_config.region_origin);
                }
                if p.location.as_ref().is_none_or(|l| l.line.is_none()) {
                    p.location = from_config.location.clone();
                }
            }
            None => plan.providers.push(from_config.clone()),
        }
    }
}

/// The one note a disagreement gets: how many, and the first few of each side.
fn disagreement(
    plan: &Model,
    config: &Model,
    only_in_plan: &[String],
    only_in_config: &[&str],
) -> String {
    fn few<S: AsRef<str>>(list: &[S]) -> String {
        let shown: Vec<&str> = list.iter().take(3).map(AsRef::as_ref).collect();
        let more = list.len().saturating_sub(shown.len());
        let mut text = shown.join(", ");
        if more > 0 {
            text.push_str(&format!(" and {more} more"));
        }
        text
    }
    let mut parts = Vec::new();
    if !only_in_plan.is_empty() {
        parts.push(format!(
            "{} only in the plan ({})",
            count(only_in_plan.len()),
            few(only_in_plan)
        ));
    }
    if !only_in_config.is_empty() {
        parts.push(format!(
            "{} only in the configuration ({})",
            count(only_in_config.len()),
            few(only_in_config)
        ));
    }
    format!(
        "{} and {} disagree: {}; those are checked as the plan has them (was the plan made from this configuration?)",
        plan.source.display(),
        config.source.display(),
        parts.join("; ")
    )
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 resource".to_string()
    } else {
        format!("{n} resources")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_instance_keys_match_any_key() {
        let parts: Vec<&str> = "module.m[*].aws_s3_bucket.b[*]".split("[*]").collect();
        assert!(matches_pattern(
            r#"module.m["a]"].aws_s3_bucket.b[0]"#,
            &parts
        ));
        assert!(!matches_pattern("module.m.aws_s3_bucket.b[0]", &parts));
        assert!(!matches_pattern(
            r#"module.m["a"].aws_s3_bucket.c[0]"#,
            &parts
        ));
    }

    #[test]
    fn the_plan_wins_where_it_knows_and_the_configuration_fills_the_rest() {
        let plan = Value::Map(
            [
                ("a".into(), Value::String("plan".into())),
                ("b".into(), Value::Unknown),
                (
                    "c".into(),
                    Value::List(vec![Value::String("x".into()), Value::Unknown]),
                ),
            ]
            .into_iter()
            .collect(),
        );
        let config = Value::Map(
            [
                ("a".into(), Value::String("config".into())),
                ("b".into(), Value::Partial("${aws_kms_key.k.arn}".into())),
                (
                    "c".into(),
                    Value::List(vec![Value::String("y".into()), Value::String("z".into())]),
                ),
            ]
            .into_iter()
            .collect(),
        );
        let Value::Map(merged) = fill(plan, &config) else {
            panic!("a map stays a map");
        };
        assert_eq!(merged.get("a"), Some(&Value::String("plan".into())));
        assert_eq!(
            merged.get("b"),
            Some(&Value::Partial("${aws_kms_key.k.arn}".into()))
        );
        assert_eq!(
            merged.get("c"),
            Some(&Value::List(vec![
                Value::String("x".into()),
                Value::String("z".into())
            ]))
        );
    }
}
