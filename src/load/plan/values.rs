//! Planned values with their marks: `after` merged with `after_unknown` and
//! `*_sensitive`, so unknown and sensitive parts stay marked in the model.

use super::*;

/// Whether a parsed marks shape holds only true/false, in objects and lists.
pub(super) fn marks_only(marks: &Value) -> bool {
    match marks {
        Value::Bool(_) => true,
        Value::List(items) => items.iter().all(marks_only),
        Value::Map(map) => map.values().all(marks_only),
        _ => false,
    }
}

/// Merges `after` with `after_unknown` / `after_sensitive` markers into one value.
/// Marks unknown and sensitive parts of planned values, from the plan's
/// `after_unknown` / `*_sensitive` shapes.
/// `configured`: the resource's configured arguments, when the plan has them.
/// An attribute only `after_unknown` names is computed by the provider; one
/// that is not configured is of no use to a rule (and `instance` drops it),
/// so it is not added.
pub(super) fn merge_values(
    vals: Option<Value>,
    unknown: Option<&Value>,
    sensitive: Option<&Value>,
    configured: Option<&Map<String, Json>>,
) -> Value {
    let keep_added = |name: &str| configured.is_none_or(|c| c.contains_key(name));
    fn merge(
        val: Option<Value>,
        unknown: Option<&Value>,
        sensitive: Option<&Value>,
        keep_added: &dyn Fn(&str) -> bool,
    ) -> Value {
        if unknown == Some(&Value::Bool(true)) {
            return Value::Unknown;
        }
        // Marks that do not mirror the value (an object's for a list, a
        // container's for a string) are read as "sensitive": of the two
        // readings, the one that cannot print a sensitive value.
        let mismatched = match (&val, sensitive) {
            (Some(Value::Map(_)), Some(Value::List(_)))
            | (Some(Value::List(_)), Some(Value::Map(_))) => true,
            (Some(Value::Map(_) | Value::List(_) | Value::Null) | None, _) => false,
            (Some(_), Some(Value::Map(marks))) => !marks.is_empty(),
            (Some(_), Some(Value::List(marks))) => !marks.is_empty(),
            _ => false,
        };
        let value = match val {
            Some(Value::Map(map)) => {
                // Keys only `after_unknown` has are added; the map is built once, at its size.
                let added: Vec<(&crate::model::value::Key, &Value)> = match unknown {
                    Some(Value::Map(u)) => u
                        .iter()
                        .filter(|(k, flag)| {
                            keep_added(k) && !map.contains_key(*k) && is_unknown_marker(flag)
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let mut entries: Vec<(crate::model::value::Key, Value)> =
                    Vec::with_capacity(map.len() + added.len());
                for (k, v) in map {
                    let merged = merge(
                        Some(v),
                        unknown.and_then(|u| field(u, &k)),
                        sensitive.and_then(|s| field(s, &k)),
                        &|_| true,
                    );
                    entries.push((k, merged));
                }
                for (k, flag) in added {
                    let merged = merge(
                        None,
                        Some(flag),
                        sensitive.and_then(|s| field(s, k)),
                        &|_| true,
                    );
                    entries.push((k.clone(), merged));
                }
                Value::Map(crate::model::value::map_from_entries(entries))
            }
            Some(Value::List(items)) => Value::List(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| {
                        merge(
                            Some(v),
                            unknown.and_then(|u| item(u, i)),
                            sensitive.and_then(|s| item(s, i)),
                            &|_| true,
                        )
                    })
                    .collect(),
            ),
            Some(other) => other,
            None => match unknown {
                Some(Value::Map(_)) | Some(Value::List(_)) => {
                    merge(Some(empty_like(unknown)), unknown, sensitive, &|_| true)
                }
                _ => Value::Null,
            },
        };
        if sensitive == Some(&Value::Bool(true)) || mismatched {
            Value::Sensitive(Box::new(value))
        } else {
            value
        }
    }
    merge(
        vals.filter(|v| *v != Value::Null),
        unknown,
        sensitive,
        &keep_added,
    )
}

pub(super) fn configured_names(config: Option<&Json>) -> Option<&Map<String, Json>> {
    config
        .and_then(|c| c.get("expressions"))
        .and_then(Json::as_object)
}

pub(super) fn empty_like(shape: Option<&Value>) -> Value {
    match shape {
        Some(Value::List(items)) => Value::List(vec![Value::Null; items.len()]),
        _ => Value::Map(Default::default()),
    }
}

pub(super) fn is_unknown_marker(flag: &Value) -> bool {
    match flag {
        Value::Bool(b) => *b,
        Value::List(items) => items.iter().any(is_unknown_marker),
        Value::Map(map) => map.values().any(is_unknown_marker),
        _ => false,
    }
}

/// A key of an `after_unknown` / `*_sensitive` shape.
pub(super) fn field<'v>(shape: &'v Value, key: &str) -> Option<&'v Value> {
    match shape {
        Value::Map(map) => map.get(key),
        _ => None,
    }
}

/// An element of an `after_unknown` / `*_sensitive` shape.
pub(super) fn item(shape: &Value, index: usize) -> Option<&Value> {
    match shape {
        Value::List(items) => items.get(index),
        _ => None,
    }
}
