//! Type conversion functions (`tolist`, `toset`, `tomap`, `tostring`,
//! `tonumber`, `tobool`) and the sensitivity marks (`sensitive`,
//! `nonsensitive`, `issensitive`) and `ephemeralasnull`.

use super::{
    Env, Function, Marks,
    Unknowns::{Own, Top, Whole},
    parse_num, prim_str, set_of, unify,
};
use crate::model::value::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    // tfward reads no ephemeral values (ephemeral resources are unknown), so
    // every value it holds is kept as it is.
    Function::new("ephemeralasnull", 1, 1, Own, same_value),
    Function::new("issensitive", 1, 1, Own, issensitive).marks(Marks::Drop),
    Function::new("nonsensitive", 1, 1, Own, same_value).marks(Marks::Drop),
    Function::new("sensitive", 1, 1, Own, same_value).marks(Marks::Add),
    Function::new("tobool", 1, 1, Whole, tobool),
    Function::new("tolist", 1, 1, Top, tolist).passes_partials(),
    Function::new("tomap", 1, 1, Top, tomap),
    Function::new("tonumber", 1, 1, Whole, tonumber),
    Function::new("toset", 1, 1, Top, toset),
    Function::new("tostring", 1, 1, Whole, tostring),
];

/// `sensitive` and `nonsensitive` change only the marks (see `Marks`).
fn same_value(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(a[0].clone())
}

/// Whether the value itself is marked (a sensitive element of a list does
/// not count, as in Terraform); unknown when it is not but may yet be.
fn issensitive(a: &[Value], env: &Env) -> Result<Value, String> {
    Ok(if env.first_marked {
        Value::Bool(true)
    } else if matches!(a[0], Value::Unknown) {
        Value::Unknown
    } else {
        Value::Bool(false)
    })
}

fn tobool(a: &[Value], _: &Env) -> Result<Value, String> {
    match &a[0] {
        Value::Null => Ok(Value::Null),
        Value::Bool(b) => Ok(Value::Bool(*b)),
        Value::String(text) if text == "true" || text == "false" => Ok(Value::Bool(text == "true")),
        _ => Err("cannot convert to a bool".into()),
    }
}

fn tolist(a: &[Value], _: &Env) -> Result<Value, String> {
    to_list(&a[0], unify)
}

fn toset(a: &[Value], _: &Env) -> Result<Value, String> {
    // Unknown elements may equal each other or a known one: the set's size,
    // and so `length` or a `for_each` over it, is not known (as in Terraform).
    if let Value::List(items) = &a[0]
        && !items.iter().all(Value::is_known)
    {
        return Ok(Value::Unknown);
    }
    to_list(&a[0], set_of)
}

/// A list or set from a list, its elements made alike by `convert`.
fn to_list(value: &Value, convert: fn(Vec<Value>) -> Vec<Value>) -> Result<Value, String> {
    match value {
        Value::Null => Ok(Value::Null),
        Value::List(items) => Ok(Value::List(convert(items.clone()))),
        Value::Map(_) => Err("cannot convert a map to a list".into()),
        _ => Err("cannot convert a primitive value to a list".into()),
    }
}

fn tomap(a: &[Value], _: &Env) -> Result<Value, String> {
    match &a[0] {
        Value::Null => Ok(Value::Null),
        Value::Map(map) => {
            let keys: Vec<crate::model::value::Key> = map.keys().cloned().collect();
            Ok(Value::Map(
                keys.into_iter()
                    .zip(unify(map.values().cloned().collect()))
                    .collect(),
            ))
        }
        _ => Err("cannot convert to a map".into()),
    }
}

fn tonumber(a: &[Value], _: &Env) -> Result<Value, String> {
    match &a[0] {
        Value::Null => Ok(Value::Null),
        Value::Number(n) => Ok(Value::Number(*n)),
        Value::String(text) => {
            Ok(Value::Number(parse_num(text).ok_or_else(|| {
                format!("cannot convert {text:?} to a number")
            })?))
        }
        _ => Err("cannot convert to a number".into()),
    }
}

fn tostring(a: &[Value], _: &Env) -> Result<Value, String> {
    match &a[0] {
        Value::Null => Ok(Value::Null),
        v => Ok(Value::String(
            prim_str(v).ok_or("cannot convert a collection to a string")?,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn marks_and_ephemerals() {
        // Terraform 1.11: only the value's own mark counts.
        assert_eq!(ok("issensitive", vec![sens(s("a"))]), Value::Bool(true));
        assert_eq!(
            ok("issensitive", vec![l(vec![s("a"), sens(s("b"))])]),
            Value::Bool(false)
        );
        assert_eq!(ok("issensitive", vec![s("a")]), Value::Bool(false));
        assert_eq!(ok("issensitive", vec![Value::Null]), Value::Bool(false));
        assert_eq!(ok("issensitive", vec![sens(U)]), Value::Bool(true));
        assert_eq!(ok("issensitive", vec![U]), U);
        assert_eq!(ok("ephemeralasnull", vec![s("a")]), s("a"));
        assert_eq!(ok("ephemeralasnull", vec![sens(s("a"))]), sens(s("a")));
        assert_eq!(ok("ephemeralasnull", vec![l(vec![U])]), l(vec![U]));
    }

    #[test]
    fn conversions() {
        assert_eq!(ok("tolist", vec![l(vec![s("a"), n(1.0)])]), sl(&["a", "1"]));
        assert_eq!(
            ok("tolist", vec![l(vec![n(1.0), n(2.0)])]),
            l(vec![n(1.0), n(2.0)])
        );
        assert_eq!(ok("tolist", vec![Value::Null]), Value::Null);
        assert!(err("tolist", vec![m(&[])]).starts_with("tolist: cannot convert"));
        assert_eq!(
            ok("toset", vec![sl(&["c", "a", "c", "b"])]),
            sl(&["a", "b", "c"])
        );
        assert_eq!(
            ok("toset", vec![l(vec![n(10.0), n(9.0), n(10.0)])]),
            l(vec![n(9.0), n(10.0)])
        );
        // `length(toset([a, unknown]))` is not known: the unknown may be `a`.
        assert_eq!(ok("toset", vec![l(vec![U, s("b"), s("a")])]), U);
        assert_eq!(ok("toset", vec![U]), U);
        assert_eq!(
            ok("tomap", vec![m(&[("a", s("x")), ("b", n(1.0))])]),
            m(&[("a", s("x")), ("b", s("1"))])
        );
        assert!(err("tomap", vec![sl(&[])]).starts_with("tomap: cannot convert"));
        assert_eq!(ok("tostring", vec![n(30.0)]), s("30"));
        assert_eq!(ok("tostring", vec![n(1.5)]), s("1.5"));
        assert_eq!(ok("tostring", vec![Value::Bool(true)]), s("true"));
        assert_eq!(ok("tostring", vec![Value::Null]), Value::Null);
        assert!(err("tostring", vec![sl(&[])]).starts_with("tostring: cannot convert"));
        assert_eq!(ok("tonumber", vec![s("42")]), n(42.0));
        assert_eq!(ok("tonumber", vec![s("1e3")]), n(1000.0));
        assert!(err("tonumber", vec![s("inf")]).contains("cannot convert"));
        assert!(err("tonumber", vec![s("no")]).contains("cannot convert"));
        assert!(err("tonumber", vec![Value::Bool(true)]).contains("cannot convert"));
        assert_eq!(ok("tobool", vec![s("true")]), Value::Bool(true));
        assert_eq!(ok("tobool", vec![Value::Bool(false)]), Value::Bool(false));
        assert!(err("tobool", vec![n(1.0)]).contains("cannot convert"));
        assert_eq!(ok("tonumber", vec![U]), U);
    }
}
