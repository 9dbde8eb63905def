//! Collection functions: lists, maps and sets (lookup, merge, flatten,
//! slicing, the set operations, ...).

use super::{
    Env, Function, MANY,
    Unknowns::{Own, Top, Whole},
    int, list, map, num, prim_kind, prim_str, same, set_of, string, strings,
};
use crate::model::value::Value;
use std::collections::BTreeMap;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("alltrue", 1, 1, Own, alltrue),
    Function::new("anytrue", 1, 1, Own, anytrue),
    Function::new("chunklist", 2, 2, Top, chunklist),
    Function::new("coalesce", 1, MANY, Own, coalesce),
    Function::new("coalescelist", 1, MANY, Own, coalescelist),
    Function::new("compact", 1, 1, Whole, compact),
    Function::new("concat", 1, MANY, Top, concat).passes_partials(),
    Function::new("contains", 2, 2, Own, contains),
    Function::new("distinct", 1, 1, Top, distinct),
    Function::new("element", 2, 2, Top, element),
    Function::new("flatten", 1, 1, Top, flatten).passes_partials(),
    Function::new("index", 2, 2, Own, index),
    Function::new("keys", 1, 1, Top, keys),
    Function::new("length", 1, 1, Top, length),
    Function::new("lookup", 2, 3, Own, lookup),
    Function::new("matchkeys", 3, 3, Whole, matchkeys),
    Function::new("merge", 0, MANY, Top, merge).passes_partials(),
    Function::new("one", 1, 1, Top, one),
    Function::new("range", 1, 3, Whole, range),
    Function::new("reverse", 1, 1, Top, reverse).passes_partials(),
    Function::new("setintersection", 1, MANY, Whole, setintersection),
    // Only the shape matters for count/for_each: elements may stay unknown.
    Function::new("setproduct", 1, MANY, Top, setproduct),
    Function::new("setsubtract", 2, 2, Whole, setsubtract),
    Function::new("setunion", 1, MANY, Whole, setunion),
    Function::new("slice", 3, 3, Top, slice).passes_partials(),
    Function::new("sort", 1, 1, Whole, sort),
    Function::new("transpose", 1, 1, Whole, transpose),
    Function::new("values", 1, 1, Top, values).passes_partials(),
    Function::new("zipmap", 2, 2, Own, zipmap),
];

fn alltrue(a: &[Value], _: &Env) -> Result<Value, String> {
    bool_fold(true, &a[0])
}

fn anytrue(a: &[Value], _: &Env) -> Result<Value, String> {
    bool_fold(false, &a[0])
}

fn bool_fold(all: bool, v: &Value) -> Result<Value, String> {
    if matches!(v, Value::Unknown) {
        return Ok(Value::Unknown);
    }
    let mut unknown = false;
    for item in list(v, "argument")? {
        let b = match item {
            Value::Unknown => {
                unknown = true;
                continue;
            }
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::String(s) if s == "true" || s == "false" => s == "true",
            _ => return Err("argument must be a list of booleans".into()),
        };
        // `all` stops at the first false, `any` at the first true.
        if b != all {
            return Ok(Value::Bool(b));
        }
    }
    Ok(if unknown {
        Value::Unknown
    } else {
        Value::Bool(all)
    })
}

fn chunklist(a: &[Value], _: &Env) -> Result<Value, String> {
    let items = list(&a[0], "first argument")?;
    let size = int(&a[1], "size")?;
    if size < 0 {
        return Err("the size argument must be positive".into());
    }
    Ok(if size == 0 {
        Value::List(vec![Value::List(items.to_vec())])
    } else {
        Value::List(
            items
                .chunks(size as usize)
                .map(|c| Value::List(c.to_vec()))
                .collect(),
        )
    })
}

fn coalesce(a: &[Value], _: &Env) -> Result<Value, String> {
    for v in a {
        match v {
            Value::Unknown => return Ok(Value::Unknown),
            Value::Null => {}
            Value::String(s) if s.is_empty() => {}
            found => {
                // Terraform unifies the argument types first: mixed primitives become strings.
                let kinds: Vec<u8> = a.iter().filter_map(prim_kind).collect();
                let mixed = kinds.iter().any(|k| *k != kinds[0]);
                return Ok(match prim_str(found) {
                    Some(s) if mixed => Value::String(s),
                    _ => found.clone(),
                });
            }
        }
    }
    Err("no non-null, non-empty-string arguments".into())
}

fn coalescelist(a: &[Value], _: &Env) -> Result<Value, String> {
    for v in a {
        match v {
            Value::Unknown => return Ok(Value::Unknown),
            Value::Null => {}
            Value::List(items) if items.is_empty() => {}
            Value::List(_) => return Ok(v.clone()),
            _ => return Err("all arguments must be lists".into()),
        }
    }
    Err("no non-empty list found in arguments".into())
}

fn compact(a: &[Value], _: &Env) -> Result<Value, String> {
    let mut out = Vec::new();
    for v in list(&a[0], "argument")? {
        match v {
            Value::Null => {}
            v => match prim_str(v) {
                Some(text) if text.is_empty() => {}
                Some(text) => out.push(Value::String(text)),
                None => return Err("argument must be a list of strings".into()),
            },
        }
    }
    Ok(Value::List(out))
}

fn concat(a: &[Value], _: &Env) -> Result<Value, String> {
    let mut out = Vec::new();
    for v in a {
        out.extend_from_slice(list(v, "all arguments")?);
    }
    Ok(Value::List(out))
}

fn contains(a: &[Value], _: &Env) -> Result<Value, String> {
    if matches!(a[0], Value::Unknown) || !a[1].is_known() {
        return Ok(Value::Unknown);
    }
    let mut unknown = false;
    for v in list(&a[0], "first argument")? {
        if !v.is_known() {
            unknown = true;
        } else if same(v, &a[1]) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(if unknown {
        Value::Unknown
    } else {
        Value::Bool(false)
    })
}

fn distinct(a: &[Value], _: &Env) -> Result<Value, String> {
    let items = list(&a[0], "argument")?;
    // As Terraform: which elements an unknown one duplicates is not known.
    if !items.iter().all(Value::is_known) {
        return Ok(Value::Unknown);
    }
    let mut out: Vec<Value> = Vec::new();
    for v in items {
        if !out.iter().any(|o| same(o, v)) {
            out.push(v.clone());
        }
    }
    Ok(Value::List(out))
}

fn element(a: &[Value], _: &Env) -> Result<Value, String> {
    let items = list(&a[0], "first argument")?;
    let index = int(&a[1], "index")?;
    if items.is_empty() {
        return Err("cannot use element function with an empty list".into());
    }
    if index < 0 {
        return Err("cannot use element function with a negative index".into());
    }
    Ok(items[index as usize % items.len()].clone())
}

fn flatten(a: &[Value], _: &Env) -> Result<Value, String> {
    let mut out = Vec::new();
    if !flatten_into(list(&a[0], "argument")?, &mut out) {
        return Ok(Value::Unknown);
    }
    Ok(Value::List(out))
}

/// False when an unknown element hides whether it is itself a list: then
/// the length is unknown, and a list of another length would be wrong
/// (`count = length(flatten(...))`). Values carry no types, so an unknown
/// element is such an element even where Terraform knows it is a string;
/// a partial string with text around its `${...}` is known to be one.
fn flatten_into(items: &[Value], out: &mut Vec<Value>) -> bool {
    for v in items {
        match v {
            Value::List(inner) => {
                if !flatten_into(inner, out) {
                    return false;
                }
            }
            Value::Unknown => return false,
            bare if bare.is_bare_interpolation() => return false,
            other => out.push(other.clone()),
        }
    }
    true
}

fn index(a: &[Value], _: &Env) -> Result<Value, String> {
    if matches!(a[0], Value::Unknown) || !a[1].is_known() {
        return Ok(Value::Unknown);
    }
    for (i, v) in list(&a[0], "first argument")?.iter().enumerate() {
        if !v.is_known() {
            return Ok(Value::Unknown);
        }
        if same(v, &a[1]) {
            return Ok(Value::Number(i as f64));
        }
    }
    Err("item not found".into())
}

fn keys(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::List(
        map(&a[0], "argument")?
            .keys()
            .map(|k| k.to_string())
            .map(Value::String)
            .collect(),
    ))
}

fn length(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::Number(match &a[0] {
        Value::String(text) => text.chars().count(),
        Value::List(items) => items.len(),
        Value::Map(map) => map.len(),
        Value::Null => return Err("argument must not be null".into()),
        _ => return Err("argument must be a string or a collection".into()),
    } as f64))
}

fn lookup(a: &[Value], _: &Env) -> Result<Value, String> {
    if matches!(a[0], Value::Unknown) || matches!(a[1], Value::Unknown) {
        return Ok(Value::Unknown);
    }
    let map = map(&a[0], "first argument")?;
    let key = string(&a[1], "key")?;
    match (map.get(key.as_str()), a.get(2)) {
        (Some(found), _) => Ok(found.clone()),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(format!("key {key:?} not found and no default given")),
    }
}

fn matchkeys(a: &[Value], _: &Env) -> Result<Value, String> {
    let values = list(&a[0], "values")?;
    let keys = list(&a[1], "keys")?;
    let search = list(&a[2], "searchset")?;
    if values.len() != keys.len() {
        return Err("length of keys and values should be equal".into());
    }
    let kept = values
        .iter()
        .zip(keys)
        .filter(|(_, k)| search.iter().any(|s| same(k, s)))
        .map(|(v, _)| v.clone())
        .collect();
    Ok(Value::List(kept))
}

fn merge(a: &[Value], _: &Env) -> Result<Value, String> {
    let mut out = crate::model::value::Map::new();
    for v in a.iter().filter(|v| !v.is_null()) {
        out.extend(map(v, "all arguments")?.clone());
    }
    Ok(Value::Map(out))
}

fn one(a: &[Value], _: &Env) -> Result<Value, String> {
    let items = list(&a[0], "argument")?;
    match items {
        [] => Ok(Value::Null),
        [only] => Ok(only.clone()),
        _ => Err("must be a list with either zero or one elements".into()),
    }
}

fn range(a: &[Value], _: &Env) -> Result<Value, String> {
    let nums = a
        .iter()
        .map(|v| num(v, "argument"))
        .collect::<Result<Vec<_>, _>>()?;
    let (start, limit, step) = match nums[..] {
        [limit] => (0.0, limit, 1.0),
        [start, limit] => (start, limit, if limit < start { -1.0 } else { 1.0 }),
        [start, limit, step] => (start, limit, step),
        _ => unreachable!("arity checked"),
    };
    if step == 0.0 {
        return Err("step must not be zero".into());
    }
    if step < 0.0 && limit > start {
        return Err("limit must be less than start when step is negative".into());
    }
    if step > 0.0 && limit < start {
        return Err("limit must be greater than start when step is positive".into());
    }
    let count = ((limit - start) / step).ceil().max(0.0);
    if count > 1024.0 {
        return Err("more than 1024 values were generated".into());
    }
    Ok(Value::List(
        (0..count as usize)
            .map(|i| Value::Number(start + step * i as f64))
            .collect(),
    ))
}

fn reverse(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::List(
        list(&a[0], "argument")?.iter().rev().cloned().collect(),
    ))
}

fn setintersection(a: &[Value], _: &Env) -> Result<Value, String> {
    let first = list(&a[0], "all arguments")?;
    let others = a[1..]
        .iter()
        .map(|v| list(v, "all arguments"))
        .collect::<Result<Vec<_>, _>>()?;
    let kept = first
        .iter()
        .filter(|v| others.iter().all(|o| o.iter().any(|w| same(v, w))))
        .cloned()
        .collect();
    Ok(Value::List(set_of(kept)))
}

fn setproduct(a: &[Value], _: &Env) -> Result<Value, String> {
    let mut product: Vec<Vec<Value>> = vec![Vec::new()];
    for v in a {
        let items = list(v, "all arguments")?;
        product = product
            .into_iter()
            .flat_map(|prefix| {
                items.iter().map(move |item| {
                    let mut next = prefix.clone();
                    next.push(item.clone());
                    next
                })
            })
            .collect();
    }
    Ok(Value::List(product.into_iter().map(Value::List).collect()))
}

fn setsubtract(a: &[Value], _: &Env) -> Result<Value, String> {
    let (from, minus) = (
        list(&a[0], "first argument")?,
        list(&a[1], "second argument")?,
    );
    let kept = from
        .iter()
        .filter(|v| !minus.iter().any(|w| same(v, w)))
        .cloned()
        .collect();
    Ok(Value::List(set_of(kept)))
}

fn setunion(a: &[Value], _: &Env) -> Result<Value, String> {
    let mut all = Vec::new();
    for v in a {
        all.extend_from_slice(list(v, "all arguments")?);
    }
    Ok(Value::List(set_of(all)))
}

fn slice(a: &[Value], _: &Env) -> Result<Value, String> {
    let items = list(&a[0], "first argument")?;
    let (from, to) = (int(&a[1], "start index")?, int(&a[2], "end index")?);
    if from < 0 || to < 0 {
        return Err("indices must not be negative".into());
    }
    if from > to {
        return Err("the start index must be less than or equal to the end index".into());
    }
    if to as usize > items.len() {
        return Err("the end index must be less than or equal to the list length".into());
    }
    Ok(Value::List(items[from as usize..to as usize].to_vec()))
}

fn sort(a: &[Value], _: &Env) -> Result<Value, String> {
    let mut out = strings(list(&a[0], "argument")?)?;
    out.sort();
    Ok(Value::List(out.into_iter().map(Value::String).collect()))
}

fn transpose(a: &[Value], _: &Env) -> Result<Value, String> {
    let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (key, v) in map(&a[0], "argument")? {
        for item in strings(list(v, "every value")?)? {
            out.entry(item)
                .or_default()
                .push(Value::String(key.to_string()));
        }
    }
    Ok(Value::Map(
        out.into_iter()
            .map(|(k, v)| (k.into(), Value::List(v)))
            .collect(),
    ))
}

fn values(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::List(
        map(&a[0], "argument")?.values().cloned().collect(),
    ))
}

fn zipmap(a: &[Value], _: &Env) -> Result<Value, String> {
    if !a[0].is_known() || matches!(a[1], Value::Unknown) {
        return Ok(Value::Unknown);
    }
    let keys = strings(list(&a[0], "keys")?)?;
    let values = list(&a[1], "values")?;
    if keys.len() != values.len() {
        return Err(format!(
            "number of keys ({}) does not match number of values ({})",
            keys.len(),
            values.len()
        ));
    }
    Ok(Value::Map(
        keys.into_iter()
            .map(Into::into)
            .zip(values.iter().cloned())
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn setproduct_gives_every_combination() {
        use Value as V;
        let l = |items: &[&str]| V::List(items.iter().map(|s| V::String(s.to_string())).collect());
        let out = call(
            "setproduct",
            vec![l(&["a", "b"]), l(&["x", "y", "z"])],
            &here(),
        )
        .unwrap();
        assert_eq!(out.as_list().map(<[V]>::len), Some(6));
        assert_eq!(out.as_list().unwrap()[5], l(&["b", "z"]));
    }

    #[test]
    fn lookup_fn() {
        let tags = m(&[("env", s("prod")), ("id", U)]);
        assert_eq!(ok("lookup", vec![tags.clone(), s("env")]), s("prod"));
        assert_eq!(
            ok("lookup", vec![tags.clone(), s("x"), s("dflt")]),
            s("dflt")
        );
        assert_eq!(ok("lookup", vec![tags.clone(), s("id")]), U);
        // An unknown default does not matter when the key is present.
        assert_eq!(ok("lookup", vec![tags.clone(), s("env"), U]), s("prod"));
        assert_eq!(ok("lookup", vec![U, s("env")]), U);
        assert_eq!(ok("lookup", vec![tags.clone(), U]), U);
        assert!(err("lookup", vec![tags, s("x")]).starts_with("lookup: key \"x\" not found"));
        assert_eq!(
            err("lookup", vec![sl(&["a"]), s("x")]),
            "lookup: first argument must be a map"
        );
    }

    #[test]
    fn partly_unknown_stays_partly_known() {
        let partial = |t: &str| Value::Partial(t.to_string());
        let obj = partial("${aws_s3_bucket.x.arn}/AWSLogs/*");
        // An unknown element keeps the known ones beside it.
        assert_eq!(
            ok("concat", vec![l(vec![s("a"), obj.clone()]), sl(&["b"])]),
            l(vec![s("a"), obj.clone(), s("b")])
        );
        assert_eq!(
            ok("concat", vec![l(vec![s("a"), U]), sl(&["b"])]),
            l(vec![s("a"), U, s("b")])
        );
        // A wholly unknown argument (or a bare `${...}` standing for one): its length is unknown.
        assert_eq!(ok("concat", vec![sl(&["a"]), partial("${var.arns}")]), U);
        // flatten keeps strings with unknown parts; an element that may be a
        // list (unknown, or a bare `${...}`) leaves the length unknown.
        assert_eq!(
            ok(
                "flatten",
                vec![l(vec![l(vec![s("a"), obj.clone()]), sl(&["b"])])]
            ),
            l(vec![s("a"), obj.clone(), s("b")])
        );
        assert_eq!(
            ok("flatten", vec![l(vec![l(vec![s("a"), U]), sl(&["b"])])]),
            U
        );
        assert_eq!(
            ok(
                "flatten",
                vec![l(vec![l(vec![s("a"), partial("${x.arns}")])])]
            ),
            U
        );
        assert_eq!(ok("flatten", vec![l(vec![sl(&["a"]), U])]), U);
        assert_eq!(ok("length", vec![ok("flatten", vec![l(vec![U])])]), U);
        // merge keeps known keys beside unknown values; an unknown map is unknown.
        assert_eq!(
            ok("merge", vec![m(&[("a", n(1.0))]), m(&[("b", obj.clone())])]),
            m(&[("a", n(1.0)), ("b", obj.clone())])
        );
        assert_eq!(
            ok("merge", vec![m(&[("a", n(1.0))]), partial("${var.m}")]),
            U
        );
        assert_eq!(
            ok("tolist", vec![l(vec![obj.clone()])]),
            l(vec![obj.clone()])
        );
        // Functions that read their elements see partial strings as unknown.
        assert_eq!(ok("join", vec![s(","), l(vec![s("a"), obj.clone()])]), U);
        assert_eq!(ok("length", vec![l(vec![s("a"), obj])]), n(2.0));
    }

    #[test]
    fn concat_merge() {
        assert_eq!(
            ok("concat", vec![sl(&["a"]), sl(&["b", "c"])]),
            sl(&["a", "b", "c"])
        );
        assert_eq!(
            ok("concat", vec![sl(&["a"]), l(vec![U])]),
            l(vec![s("a"), U])
        );
        assert_eq!(ok("concat", vec![sl(&["a"]), U]), U);
        assert_eq!(
            err("concat", vec![s("a")]),
            "concat: all arguments must be a list"
        );
        assert_eq!(
            ok(
                "merge",
                vec![
                    m(&[("a", n(1.0)), ("b", n(2.0))]),
                    Value::Null,
                    m(&[("b", n(3.0))])
                ]
            ),
            m(&[("a", n(1.0)), ("b", n(3.0))])
        );
        assert_eq!(ok("merge", vec![]), m(&[]));
        assert_eq!(ok("merge", vec![m(&[("a", U)])]), m(&[("a", U)]));
        assert_eq!(ok("merge", vec![m(&[]), U]), U);
        assert!(err("merge", vec![s("x")]).contains("must be a map"));
    }

    #[test]
    fn coalesce_fns() {
        assert_eq!(
            ok("coalesce", vec![Value::Null, s(""), s("x"), s("y")]),
            s("x")
        );
        assert_eq!(ok("coalesce", vec![U, s("x")]), U);
        assert_eq!(ok("coalesce", vec![s("x"), U]), s("x"));
        assert_eq!(ok("coalesce", vec![n(1.0), s("x")]), s("1"));
        assert_eq!(ok("coalesce", vec![n(1.0), n(2.0)]), n(1.0));
        assert!(err("coalesce", vec![Value::Null, s("")]).starts_with("coalesce: no non-null"));
        assert_eq!(
            ok("coalescelist", vec![sl(&[]), sl(&["a"]), sl(&["b"])]),
            sl(&["a"])
        );
        assert_eq!(ok("coalescelist", vec![sl(&[]), U]), U);
        assert!(err("coalescelist", vec![sl(&[])]).contains("no non-empty list"));
        assert!(err("coalescelist", vec![s("a")]).contains("must be lists"));
    }

    #[test]
    fn length_fn() {
        assert_eq!(ok("length", vec![s("héllo")]), n(5.0));
        assert_eq!(ok("length", vec![l(vec![U, U])]), n(2.0));
        assert_eq!(ok("length", vec![m(&[("a", U)])]), n(1.0));
        assert_eq!(ok("length", vec![U]), U);
        assert_eq!(ok("length", vec![sens(sl(&["a"]))]), sens(n(1.0)));
        assert_eq!(
            err("length", vec![Value::Null]),
            "length: argument must not be null"
        );
        assert!(err("length", vec![n(5.0)]).starts_with("length: argument must be"));
    }

    #[test]
    fn element_index_contains() {
        let abc = sl(&["a", "b", "c"]);
        assert_eq!(ok("element", vec![abc.clone(), n(1.0)]), s("b"));
        assert_eq!(ok("element", vec![abc.clone(), n(3.0)]), s("a"));
        assert_eq!(ok("element", vec![l(vec![U]), n(0.0)]), U);
        assert_eq!(ok("element", vec![abc.clone(), U]), U);
        assert!(err("element", vec![sl(&[]), n(0.0)]).contains("empty list"));
        assert!(err("element", vec![abc.clone(), n(-1.0)]).contains("negative"));
        assert_eq!(ok("index", vec![abc.clone(), s("b")]), n(1.0));
        assert_eq!(ok("index", vec![l(vec![n(1.0), n(2.0)]), s("2")]), n(1.0));
        assert_eq!(ok("index", vec![l(vec![s("a"), U]), s("b")]), U);
        assert_eq!(ok("index", vec![l(vec![s("a"), U]), s("a")]), n(0.0));
        assert_eq!(
            err("index", vec![abc.clone(), s("z")]),
            "index: item not found"
        );
        assert_eq!(ok("contains", vec![abc.clone(), s("c")]), Value::Bool(true));
        assert_eq!(
            ok("contains", vec![abc.clone(), s("z")]),
            Value::Bool(false)
        );
        assert_eq!(
            ok("contains", vec![l(vec![U, s("c")]), s("c")]),
            Value::Bool(true)
        );
        assert_eq!(ok("contains", vec![l(vec![U, s("c")]), s("z")]), U);
        assert_eq!(ok("contains", vec![abc, U]), U);
    }

    #[test]
    fn keys_values_zipmap() {
        let mv = m(&[("b", n(2.0)), ("a", U)]);
        assert_eq!(ok("keys", vec![mv.clone()]), sl(&["a", "b"]));
        assert_eq!(ok("values", vec![mv]), l(vec![U, n(2.0)]));
        assert!(err("keys", vec![sl(&["a"])]).contains("must be a map"));
        assert_eq!(
            ok("zipmap", vec![sl(&["a", "b"]), l(vec![n(1.0), U])]),
            m(&[("a", n(1.0)), ("b", U)])
        );
        assert_eq!(ok("zipmap", vec![l(vec![U]), sl(&["x"])]), U);
        assert!(err("zipmap", vec![sl(&["a"]), sl(&[])]).contains("number of keys (1)"));
    }

    #[test]
    fn flatten_distinct_compact() {
        assert_eq!(
            ok(
                "flatten",
                vec![l(vec![
                    sl(&["a", "b"]),
                    sl(&[]),
                    l(vec![sl(&["c"])]),
                    s("d")
                ])]
            ),
            sl(&["a", "b", "c", "d"])
        );
        assert_eq!(ok("flatten", vec![l(vec![sl(&["a"]), U])]), U);
        assert_eq!(
            ok("flatten", vec![l(vec![m(&[("k", U)])])]),
            l(vec![m(&[("k", U)])])
        );
        assert_eq!(
            ok("distinct", vec![sl(&["a", "b", "a", "c"])]),
            sl(&["a", "b", "c"])
        );
        // The unknowns may be `a`, or each other: not even the length is known.
        assert_eq!(ok("distinct", vec![l(vec![U, U, s("a")])]), U);
        assert_eq!(
            ok(
                "compact",
                vec![l(vec![s("a"), s(""), Value::Null, s("b"), n(1.0)])]
            ),
            sl(&["a", "b", "1"])
        );
        assert_eq!(ok("compact", vec![l(vec![s("a"), U])]), U);
        assert!(err("compact", vec![l(vec![sl(&[])])]).contains("list of strings"));
    }

    #[test]
    fn range_fn() {
        assert_eq!(ok("range", vec![n(3.0)]), l(vec![n(0.0), n(1.0), n(2.0)]));
        assert_eq!(
            ok("range", vec![n(1.0), n(4.0)]),
            l(vec![n(1.0), n(2.0), n(3.0)])
        );
        assert_eq!(
            ok("range", vec![n(4.0), n(1.0)]),
            l(vec![n(4.0), n(3.0), n(2.0)])
        );
        assert_eq!(
            ok("range", vec![n(1.0), n(8.0), n(2.0)]),
            l(vec![n(1.0), n(3.0), n(5.0), n(7.0)])
        );
        assert_eq!(
            ok("range", vec![n(0.0), n(1.0), n(0.5)]),
            l(vec![n(0.0), n(0.5)])
        );
        assert_eq!(ok("range", vec![n(0.0)]), l(vec![]));
        assert!(err("range", vec![n(0.0), n(4.0), n(0.0)]).contains("zero"));
        assert!(err("range", vec![n(0.0), n(4.0), n(-1.0)]).contains("negative"));
        assert!(err("range", vec![n(5000.0)]).contains("1024"));
        assert_eq!(ok("range", vec![U]), U);
    }

    #[test]
    fn sort_reverse_slice() {
        assert_eq!(
            ok("sort", vec![sl(&["e", "d", "a", "x"])]),
            sl(&["a", "d", "e", "x"])
        );
        assert_eq!(ok("sort", vec![l(vec![n(10.0), n(9.0)])]), sl(&["10", "9"]));
        assert_eq!(ok("sort", vec![l(vec![s("a"), U])]), U);
        assert!(err("sort", vec![l(vec![Value::Null])]).contains("null"));
        assert_eq!(ok("reverse", vec![l(vec![n(1.0), U])]), l(vec![U, n(1.0)]));
        let abcd = sl(&["a", "b", "c", "d"]);
        assert_eq!(
            ok("slice", vec![abcd.clone(), n(1.0), n(3.0)]),
            sl(&["b", "c"])
        );
        assert_eq!(ok("slice", vec![abcd.clone(), n(4.0), n(4.0)]), sl(&[]));
        assert!(err("slice", vec![abcd.clone(), n(3.0), n(1.0)]).contains("start index"));
        assert!(err("slice", vec![abcd.clone(), n(0.0), n(5.0)]).contains("end index"));
        assert_eq!(ok("slice", vec![abcd, U, n(1.0)]), U);
    }

    #[test]
    fn one_and_chunklist() {
        assert_eq!(ok("one", vec![sl(&[])]), Value::Null);
        assert_eq!(ok("one", vec![sl(&["a"])]), s("a"));
        assert_eq!(ok("one", vec![l(vec![U])]), U);
        assert!(err("one", vec![sl(&["a", "b"])]).contains("zero or one"));
        assert_eq!(
            ok("chunklist", vec![sl(&["a", "b", "c"]), n(2.0)]),
            l(vec![sl(&["a", "b"]), sl(&["c"])])
        );
        assert_eq!(
            ok("chunklist", vec![sl(&["a"]), n(0.0)]),
            l(vec![sl(&["a"])])
        );
        assert_eq!(ok("chunklist", vec![sl(&[]), n(2.0)]), l(vec![]));
        assert!(err("chunklist", vec![sl(&["a"]), n(-1.0)]).contains("positive"));
    }

    #[test]
    fn set_fns() {
        assert_eq!(
            ok("setunion", vec![sl(&["b", "a"]), sl(&["c", "a"])]),
            sl(&["a", "b", "c"])
        );
        assert_eq!(
            ok(
                "setintersection",
                vec![sl(&["a", "b", "c"]), sl(&["c", "b", "x"])]
            ),
            sl(&["b", "c"])
        );
        assert_eq!(
            ok("setsubtract", vec![sl(&["a", "b", "c"]), sl(&["a", "c"])]),
            sl(&["b"])
        );
        assert_eq!(ok("setunion", vec![sl(&["a"]), l(vec![U])]), U);
        assert!(err("setunion", vec![s("a")]).contains("must be a list"));
    }

    #[test]
    fn alltrue_anytrue() {
        let t = Value::Bool(true);
        let f = Value::Bool(false);
        assert_eq!(ok("alltrue", vec![l(vec![t.clone(), s("true")])]), t);
        assert_eq!(ok("alltrue", vec![l(vec![])]), t);
        assert_eq!(ok("alltrue", vec![l(vec![t.clone(), f.clone()])]), f);
        assert_eq!(ok("alltrue", vec![l(vec![U, f.clone()])]), f);
        assert_eq!(ok("alltrue", vec![l(vec![U, t.clone()])]), U);
        assert_eq!(ok("anytrue", vec![l(vec![f.clone(), t.clone()])]), t);
        assert_eq!(ok("anytrue", vec![l(vec![])]), f);
        assert_eq!(ok("anytrue", vec![l(vec![U, t.clone()])]), t);
        assert_eq!(ok("anytrue", vec![l(vec![U, f])]), U);
        assert!(err("anytrue", vec![l(vec![n(1.0)])]).contains("booleans"));
    }

    #[test]
    fn transpose_matchkeys() {
        assert_eq!(
            ok(
                "transpose",
                vec![m(&[("a", sl(&["1", "2"])), ("b", sl(&["2"]))])]
            ),
            m(&[("1", sl(&["a"])), ("2", sl(&["a", "b"]))])
        );
        assert_eq!(
            ok(
                "matchkeys",
                vec![sl(&["i-1", "i-2", "i-3"]), sl(&["a", "b", "a"]), sl(&["a"])]
            ),
            sl(&["i-1", "i-3"])
        );
    }
}
