//! Type constraints: a variable's value converted to its declared type, with
//! `optional()` defaults and Terraform's primitive conversions.

use super::body::object_key_literal;
use super::literal_value;
use crate::model::Value;
use hcl::expr::Expression;

/// Converts a value to a variable's type constraint, applying `optional()`
/// defaults and Terraform's primitive conversions (`"3"` → 3, `"true"` → true).
pub(super) fn convert(value: Value, ty: &Expression) -> Value {
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
