//! Attribute values as tfward sees them: known, unknown until apply, or sensitive.

use std::collections::BTreeMap;
use std::fmt;

/// A value of a resource attribute, variable, local or output.
///
/// `Unknown` and `Sensitive` are kept distinct from `Null`: a rule must never
/// report a missing value that is merely unknown until apply, and never print
/// a sensitive one.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    Map(BTreeMap<String, Value>),
    /// Known only after apply (`after_unknown`, a reference to a computed attribute).
    Unknown,
    /// A string with parts known only after apply, each kept as its `${expression}`
    /// text (`logs.${data.aws_region.current.name}.amazonaws.com`, a `jsonencode`
    /// with references). Never a literal; policy analysis reads its structure.
    Partial(String),
    /// Marked sensitive by the plan or the configuration; usable by rules, never printed.
    Sensitive(Box<Value>),
}

impl Value {
    pub fn is_known(&self) -> bool {
        match self {
            Value::Unknown | Value::Partial(_) => false,
            Value::Sensitive(inner) => inner.is_known(),
            Value::List(items) => items.iter().all(Value::is_known),
            Value::Map(map) => map.values().all(Value::is_known),
            _ => true,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.unmarked(), Value::Null)
    }

    /// The value with any sensitive marker removed, for logic (never for display).
    pub fn unmarked(&self) -> &Value {
        match self {
            Value::Sensitive(inner) => inner.unmarked(),
            other => other,
        }
    }

    /// The string, when the value is one (numbers and bools are not converted).
    pub fn as_str(&self) -> Option<&str> {
        match self.unmarked() {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A boolean as Terraform converts it: `"true"` and `"false"` are booleans.
    pub fn as_bool(&self) -> Option<bool> {
        match self.unmarked() {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s == "true" => Some(true),
            Value::String(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    /// A number as Terraform converts it: `"30"` is 30.
    pub fn as_f64(&self) -> Option<f64> {
        match self.unmarked() {
            Value::Number(n) => Some(*n),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self.unmarked() {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&BTreeMap<String, Value>> {
        match self.unmarked() {
            Value::Map(map) => Some(map),
            _ => None,
        }
    }

    /// The text of a string, with unknown parts as `${...}` when it is partial.
    pub fn text(&self) -> Option<&str> {
        match self.unmarked() {
            Value::String(s) | Value::Partial(s) => Some(s),
            _ => None,
        }
    }

    /// The value with every partial string turned unknown (what functions see).
    pub fn without_partials(self) -> Value {
        match self {
            Value::Partial(_) => Value::Unknown,
            Value::List(items) => {
                Value::List(items.into_iter().map(Value::without_partials).collect())
            }
            Value::Map(map) => Value::Map(
                map.into_iter()
                    .map(|(k, v)| (k, v.without_partials()))
                    .collect(),
            ),
            Value::Sensitive(inner) => Value::Sensitive(Box::new(inner.without_partials())),
            other => other,
        }
    }

    /// JSON text of a value with unknown parts, for `jsonencode`: partial strings
    /// keep their text, unknown values become `"${unknown}"`.
    pub fn to_partial_json(&self) -> serde_json::Value {
        match self {
            Value::Unknown => serde_json::Value::String("${unknown}".to_string()),
            Value::Partial(s) => serde_json::Value::String(s.clone()),
            Value::Sensitive(inner) => inner.to_partial_json(),
            Value::List(items) => {
                serde_json::Value::Array(items.iter().map(Value::to_partial_json).collect())
            }
            Value::Map(map) => serde_json::Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), v.to_partial_json()))
                    .collect(),
            ),
            other => other.to_json().unwrap_or(serde_json::Value::Null),
        }
    }

    /// Nested-block items: a list of objects, or a single object (CDKTF and
    /// plugin-framework resources write single blocks as objects).
    pub fn blocks(&self) -> Vec<&BTreeMap<String, Value>> {
        match self.unmarked() {
            Value::List(items) => items.iter().filter_map(Value::as_map).collect(),
            Value::Map(map) => vec![map],
            _ => Vec::new(),
        }
    }

    /// Member of a map value by key.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_map().and_then(|m| m.get(key))
    }

    /// Converts a JSON value (plan `after`, `constant_value`, tfvars.json).
    pub fn from_json(json: &serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Array(items) => {
                Value::List(items.iter().map(Value::from_json).collect())
            }
            serde_json::Value::Object(map) => Value::Map(
                map.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// Converts to JSON for `jsonencode`; `None` when any part is unknown.
    /// Sensitive parts are encoded as their value: callers keep the result marked.
    pub fn to_json(&self) -> Option<serde_json::Value> {
        Some(match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => number_to_json(*n),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::List(items) => serde_json::Value::Array(
                items
                    .iter()
                    .map(Value::to_json)
                    .collect::<Option<Vec<_>>>()?,
            ),
            Value::Map(map) => serde_json::Value::Object(
                map.iter()
                    .map(|(k, v)| Some((k.clone(), v.to_json()?)))
                    .collect::<Option<serde_json::Map<_, _>>>()?,
            ),
            Value::Unknown | Value::Partial(_) => return None,
            Value::Sensitive(inner) => inner.to_json()?,
        })
    }

    /// Whether any part of the value is marked sensitive.
    pub fn has_sensitive(&self) -> bool {
        match self {
            Value::Sensitive(_) => true,
            Value::List(items) => items.iter().any(Value::has_sensitive),
            Value::Map(map) => map.values().any(Value::has_sensitive),
            _ => false,
        }
    }
}

fn number_to_json(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null)
    }
}

/// Display never reveals a sensitive value.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{}", number_to_json(*n)),
            Value::String(s) => f.write_str(s),
            Value::Unknown | Value::Partial(_) => f.write_str("(known after apply)"),
            Value::Sensitive(_) => f.write_str("(sensitive)"),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Value::Map(map) => {
                f.write_str("{")?;
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k} = {v}")?;
                }
                f.write_str("}")
            }
        }
    }
}
