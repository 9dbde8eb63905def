//! Terraform built-in functions over tfward values: the function table,
//! `call` (arity, unknown arguments, sensitive marks) and the argument
//! conversions every family shares. Each family declares its functions once,
//! as data, in its own file, grouped as Terraform's `lang/funcs` groups them.
//!
//! Values carry no static types, so Terraform's type unification is
//! approximated: a collection mixing primitive kinds becomes all strings, as
//! Terraform's `list(string)` / `set(string)` conversion would make it.

mod apply_time;
mod collections;
mod conversion;
mod crypto;
mod datetime;
mod encoding;
pub mod filesystem;
mod format;
mod network;
mod numeric;
mod strings;

use crate::model::value::Value;
use filesystem::Files;
use std::collections::HashMap;
use std::sync::LazyLock;

/// How a function treats unknown arguments before it runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unknowns {
    /// Any unknown anywhere in any argument makes the result unknown.
    Whole,
    /// Only a wholly unknown argument does; unknown elements pass through.
    Top,
    /// The function decides (it can often answer despite unknowns).
    Own,
}

/// Whether a function's result is sensitive.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Marks {
    /// When any argument is, as Terraform propagates sensitivity.
    Keep,
    /// Always (`sensitive`).
    Add,
    /// Never (`nonsensitive`).
    Drop,
}

const MANY: usize = usize::MAX;

/// What a function body sees besides its arguments.
struct Env<'a> {
    /// What the file functions may read.
    files: &'a Files,
    /// Some argument was sensitive (its marks are removed before the body runs).
    marked: bool,
    /// The first argument itself, not only a part of it, was sensitive.
    first_marked: bool,
}

/// A function body: arguments unmarked, arity checked, unknowns handled as
/// its `Unknowns` says. Errors need not name the function: `call` adds it.
type Body = fn(&[Value], &Env) -> Result<Value, String>;

/// One function tfward knows, declared once in its family's `FUNCTIONS`.
struct Function {
    name: &'static str,
    min: usize,
    max: usize,
    unknowns: Unknowns,
    marks: Marks,
    /// Moves elements without reading them (`concat`, `flatten`, `merge`):
    /// an element that is a partial string passes through as itself, so
    /// `jsonencode` and policy documents keep its `${...}` text.
    passes_partials: bool,
    body: Body,
}

impl Function {
    const fn new(
        name: &'static str,
        min: usize,
        max: usize,
        unknowns: Unknowns,
        body: Body,
    ) -> Self {
        Function {
            name,
            min,
            max,
            unknowns,
            marks: Marks::Keep,
            passes_partials: false,
            body,
        }
    }

    const fn marks(self, marks: Marks) -> Self {
        Function { marks, ..self }
    }

    const fn passes_partials(self) -> Self {
        Function {
            passes_partials: true,
            ..self
        }
    }
}

/// Every family's functions.
const FAMILIES: &[&[Function]] = &[
    apply_time::FUNCTIONS,
    collections::FUNCTIONS,
    conversion::FUNCTIONS,
    crypto::FUNCTIONS,
    datetime::FUNCTIONS,
    encoding::FUNCTIONS,
    filesystem::FUNCTIONS,
    format::FUNCTIONS,
    network::FUNCTIONS,
    numeric::FUNCTIONS,
    strings::FUNCTIONS,
];

/// The functions by name, built on first use.
static TABLE: LazyLock<HashMap<&'static str, &'static Function>> = LazyLock::new(|| {
    FAMILIES
        .iter()
        .flat_map(|family| family.iter())
        .map(|function| (function.name, function))
        .collect()
});

/// Terraform 1.11 built-ins that tfward knows but does not evaluate, and
/// why: a call is unknown, with a note naming the reason. (`try`, `can`,
/// `templatefile` and `templatestring` are special forms, in `call.rs`.)
const NOT_EVALUATED: &[(&str, &str)] = &[
    // A gzip stream is only as Terraform's if it comes from Go's own
    // compressor, byte for byte; another compressor's valid stream would
    // show a value Terraform never plans.
    (
        "base64gzip",
        "its bytes are those of Go's compressor, which tfward does not reproduce",
    ),
    // go-yaml's emitter decides quoting, block scalars and folding at 80
    // columns; an approximation would show text Terraform never plans.
    (
        "yamlencode",
        "its text is go-yaml's emitter's, which tfward does not reproduce yet",
    ),
    // A special form (its template is a value parsed at run time), not yet
    // written beside `templatefile` in call.rs.
    ("templatestring", "not yet evaluated"),
];

/// Padding and indentation beyond this are refused (unknown), not allocated.
const MAX_PAD: usize = 10_000;

/// Calls the Terraform function `name` with evaluated `args`.
///
/// `files` is what the file functions may read; relative paths resolve from
/// the root module directory, as Terraform resolves them from where it runs
/// (tfward never touches the network).
///
/// An unknown argument makes the result unknown as the function's
/// `Unknowns` says, following Terraform: `coalesce(unknown, "x")` is
/// unknown, `length` of a list with unknown elements is known. A sensitive
/// argument makes the result sensitive, except for `nonsensitive`.
///
/// `Err` when the function is unknown to tfward or its arguments are
/// invalid: the caller turns that into an unknown value and a note, so each
/// message is short and names the function ("lookup: expected 2 or 3 arguments").
pub fn call(name: &str, args: Vec<Value>, files: &Files) -> Result<Value, String> {
    let name = name.strip_prefix("core::").unwrap_or(name);
    let Some(function) = TABLE.get(name) else {
        let why = NOT_EVALUATED
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, why)| format!(" (tfward does not evaluate it: {why})"));
        return Err(format!(
            "unknown function {name}{}",
            why.unwrap_or_default()
        ));
    };
    let (min, max) = (function.min, function.max);
    if args.len() < min || args.len() > max {
        return Err(format!("{name}: {}", arity(min, max)));
    }
    // Marks are removed deeply and the whole result re-marked: coarser than
    // Terraform's per-element marks, but never lets a secret out unmarked.
    let mut marked = false;
    let first_marked = matches!(args.first(), Some(Value::Sensitive(_)));
    let args: Vec<Value> = args.into_iter().map(|a| unmark(a, &mut marked)).collect();
    // Functions see partial strings only as elements they move; an argument
    // that is one is of a type not known yet (`${aws_s3_bucket.x.arns}` may
    // be a list): unknown, as any value a function would read.
    let args: Vec<Value> = if function.passes_partials {
        args.into_iter().map(Value::partial_as_unknown).collect()
    } else {
        args.into_iter().map(Value::without_partials).collect()
    };
    let unknown = match function.unknowns {
        Unknowns::Whole => args.iter().any(|a| !a.is_known()),
        Unknowns::Top => args.iter().any(|a| matches!(a, Value::Unknown)),
        Unknowns::Own => false,
    };
    let result = if unknown {
        Value::Unknown
    } else {
        (function.body)(
            &args,
            &Env {
                files,
                marked,
                first_marked,
            },
        )
        .map_err(|e| format!("{name}: {e}"))?
    };
    let marked = match function.marks {
        Marks::Keep => marked,
        Marks::Add => true,
        Marks::Drop => false,
    };
    Ok(if marked {
        Value::Sensitive(Box::new(result))
    } else {
        result
    })
}

/// Whether `name` passes partial elements through: its arguments may keep
/// the `${...}` text of unknown parts where the caller keeps it.
pub fn passes_partials(name: &str) -> bool {
    let name = name.strip_prefix("core::").unwrap_or(name);
    TABLE.get(name).is_some_and(|f| f.passes_partials)
}

fn arity(min: usize, max: usize) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if max == 0 {
        "expected no arguments".to_string()
    } else if min == max {
        format!("expected {min} argument{}", plural(min))
    } else if max == MANY {
        format!("expected at least {min} argument{}", plural(min))
    } else if max == min + 1 {
        format!("expected {min} or {max} arguments")
    } else {
        format!("expected {min} to {max} arguments")
    }
}

fn unmark(value: Value, marked: &mut bool) -> Value {
    match value {
        Value::Sensitive(inner) => {
            *marked = true;
            unmark(*inner, marked)
        }
        Value::List(items) => Value::List(items.into_iter().map(|v| unmark(v, marked)).collect()),
        Value::Map(map) => Value::Map(
            map.into_iter()
                .map(|(k, v)| (k, unmark(v, marked)))
                .collect(),
        ),
        other => other,
    }
}

// ---- argument conversions -------------------------------------------------

/// A number as Terraform prints it: no exponent, no trailing `.0`.
fn num_str(n: f64) -> String {
    if n == 0.0 {
        "0".to_string()
    } else if n.is_infinite() {
        if n > 0.0 { "+Inf" } else { "-Inf" }.to_string()
    } else {
        format!("{n}")
    }
}

/// A primitive converted to a string, as Terraform converts it.
fn prim_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(num_str(*n)),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Terraform's string-to-number conversion: decimal only, no `inf`/`nan`.
fn parse_num(s: &str) -> Option<f64> {
    let plausible = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E'));
    plausible
        .then(|| s.parse::<f64>().ok())
        .flatten()
        .filter(|n| n.is_finite())
}

fn string(v: &Value, what: &str) -> Result<String, String> {
    match v {
        Value::Null => Err(format!("{what} must not be null")),
        v => prim_str(v).ok_or_else(|| format!("{what} must be a string")),
    }
}

/// Argument `i` as a string, named as most functions name it.
fn string_arg(a: &[Value], i: usize) -> Result<String, String> {
    string(&a[i], "argument")
}

fn num(v: &Value, what: &str) -> Result<f64, String> {
    match v {
        Value::Number(n) => Ok(*n),
        Value::String(s) => parse_num(s).ok_or_else(|| format!("cannot convert {s:?} to a number")),
        Value::Null => Err(format!("{what} must not be null")),
        _ => Err(format!("{what} must be a number")),
    }
}

fn int(v: &Value, what: &str) -> Result<i64, String> {
    let n = num(v, what)?;
    if n.fract() != 0.0 || n.abs() > 9.0e15 {
        return Err(format!("{what} must be a whole number"));
    }
    Ok(n as i64)
}

fn list<'a>(v: &'a Value, what: &str) -> Result<&'a [Value], String> {
    match v {
        Value::List(items) => Ok(items),
        Value::Null => Err(format!("{what} must not be null")),
        _ => Err(format!("{what} must be a list")),
    }
}

fn map<'a>(v: &'a Value, what: &str) -> Result<&'a crate::model::value::Map, String> {
    match v {
        Value::Map(map) => Ok(map),
        Value::Null => Err(format!("{what} must not be null")),
        _ => Err(format!("{what} must be a map")),
    }
}

fn strings(items: &[Value]) -> Result<Vec<String>, String> {
    items.iter().map(|v| string(v, "every element")).collect()
}

fn prim_kind(v: &Value) -> Option<u8> {
    match v {
        Value::Bool(_) => Some(0),
        Value::Number(_) => Some(1),
        Value::String(_) => Some(2),
        _ => None,
    }
}

/// Mixed primitive kinds become strings, as Terraform's type unification does.
fn unify(items: Vec<Value>) -> Vec<Value> {
    let mut kinds = items.iter().filter_map(prim_kind);
    let first = kinds.next();
    let mixed = kinds.any(|k| Some(k) != first);
    let all_prim = items.iter().all(|v| {
        prim_kind(v).is_some() || matches!(v, Value::Null | Value::Unknown | Value::Partial(_))
    });
    if !(mixed && all_prim) {
        return items;
    }
    items
        .into_iter()
        .map(|v| prim_str(&v).map(Value::String).unwrap_or(v))
        .collect()
}

/// Terraform equality, allowing a string to match the primitive it converts from.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
        }
        (Value::Null, Value::Null) => true,
        (Value::String(_), _) | (_, Value::String(_)) => match (prim_str(a), prim_str(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        _ => false,
    }
}

/// A set as Terraform iterates it: deduplicated, primitives in sorted order.
/// Elements with unknowns cannot be compared, so they are kept, last.
fn set_of(items: Vec<Value>) -> Vec<Value> {
    let mut known: Vec<Value> = Vec::new();
    let mut unknown = Vec::new();
    for v in unify(items) {
        if !v.is_known() {
            unknown.push(v);
        } else if !known.iter().any(|k| same(k, &v)) {
            known.push(v);
        }
    }
    let kinds: Vec<Option<u8>> = known.iter().map(prim_kind).collect();
    if kinds.first().is_some_and(|k| k.is_some()) && kinds.iter().all(|k| *k == kinds[0]) {
        known.sort_by(|a, b| match (a, b) {
            (Value::String(x), Value::String(y)) => x.cmp(y),
            (Value::Number(x), Value::Number(y)) => x.total_cmp(y),
            (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
            _ => std::cmp::Ordering::Equal,
        });
    }
    known.extend(unknown);
    known
}

#[cfg(test)]
mod testing {
    //! Shorthands the families' tests share.

    pub(super) use super::call;
    pub(super) use crate::model::value::Value;

    pub(super) fn s(x: &str) -> Value {
        Value::String(x.to_string())
    }
    pub(super) fn n(x: f64) -> Value {
        Value::Number(x)
    }
    pub(super) fn l(items: Vec<Value>) -> Value {
        Value::List(items)
    }
    pub(super) fn sl(items: &[&str]) -> Value {
        l(items.iter().map(|x| s(x)).collect())
    }
    pub(super) fn m(pairs: &[(&str, Value)]) -> Value {
        Value::Map(
            pairs
                .iter()
                .map(|(k, v)| ((*k).into(), v.clone()))
                .collect(),
        )
    }
    pub(super) fn sens(v: Value) -> Value {
        Value::Sensitive(Box::new(v))
    }
    pub(super) fn ok(name: &str, args: Vec<Value>) -> Value {
        call(name, args, &here()).unwrap_or_else(|e| panic!("{name} failed: {e}"))
    }
    pub(super) fn err(name: &str, args: Vec<Value>) -> String {
        match call(name, args, &here()) {
            Ok(v) => panic!("{name} unexpectedly returned {v:?}"),
            Err(e) => e,
        }
    }
    pub(super) const U: Value = Value::Unknown;
    pub(super) fn here() -> super::Files {
        super::Files::new(
            std::path::Path::new("."),
            crate::text::bounded::Limits::default().file(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::{FAMILIES, TABLE};

    #[test]
    fn every_function_is_declared_once() {
        let declared: usize = FAMILIES.iter().map(|family| family.len()).sum();
        assert_eq!(TABLE.len(), declared);
    }

    /// Terraform 1.11's built-ins (`terraform metadata functions -json`,
    /// saved so tests never run terraform): each is evaluated, a special
    /// form of call.rs, or listed in `NOT_EVALUATED` with its reason.
    #[test]
    fn every_terraform_function_is_known() {
        const SPECIAL_FORMS: &[&str] = &["can", "templatefile", "try"];
        let text = include_str!("../../../../testdata/terraform-functions-1.11.json");
        let json: serde_json::Value = serde_json::from_str(text).unwrap();
        let names: Vec<&str> = json["function_signatures"]
            .as_object()
            .unwrap()
            .keys()
            .map(|name| name.strip_prefix("core::").unwrap_or(name))
            .collect();
        assert!(names.len() > 100, "{} names", names.len());
        let not_evaluated = |name: &str| super::NOT_EVALUATED.iter().any(|(n, _)| *n == name);
        let missing: Vec<&&str> = names
            .iter()
            .filter(|n| !TABLE.contains_key(**n) && !SPECIAL_FORMS.contains(n) && !not_evaluated(n))
            .collect();
        assert!(
            missing.is_empty(),
            "neither evaluated nor listed: {missing:?}"
        );
        for (name, _) in super::NOT_EVALUATED {
            assert!(!TABLE.contains_key(name), "{name} is evaluated and listed");
            assert!(names.contains(name), "{name} is no Terraform function");
        }
        assert!(err("base64gzip", vec![s("x")]).starts_with(
            "unknown function base64gzip (tfward does not evaluate it: its bytes are those of Go's"
        ));
    }

    #[test]
    fn unknown_and_core_prefix() {
        assert_eq!(err("nosuch", vec![]), "unknown function nosuch");
        assert_eq!(
            err("provider::terraform::x", vec![]),
            "unknown function provider::terraform::x"
        );
        assert_eq!(ok("core::upper", vec![s("a")]), s("A"));
    }

    #[test]
    fn arity_errors() {
        assert_eq!(
            err("lookup", vec![s("x")]),
            "lookup: expected 2 or 3 arguments"
        );
        assert_eq!(err("upper", vec![]), "upper: expected 1 argument");
        assert_eq!(err("substr", vec![s("a")]), "substr: expected 3 arguments");
        assert_eq!(err("min", vec![]), "min: expected at least 1 argument");
        assert_eq!(
            err("timestamp", vec![s("a")]),
            "timestamp: expected no arguments"
        );
        assert_eq!(err("range", vec![]), "range: expected 1 to 3 arguments");
        // Arity is checked even when arguments are unknown.
        assert_eq!(err("upper", vec![U, U]), "upper: expected 1 argument");
    }

    #[test]
    fn sensitivity() {
        assert_eq!(ok("sensitive", vec![s("x")]), sens(s("x")));
        assert_eq!(ok("sensitive", vec![sens(s("x"))]), sens(s("x")));
        assert_eq!(ok("nonsensitive", vec![sens(s("x"))]), s("x"));
        assert_eq!(ok("nonsensitive", vec![l(vec![sens(s("x"))])]), sl(&["x"]));
        assert_eq!(ok("nonsensitive", vec![s("x")]), s("x"));
        assert_eq!(ok("upper", vec![sens(s("x"))]), sens(s("X")));
        assert_eq!(
            ok("join", vec![s(","), l(vec![sens(s("a")), s("b")])]),
            sens(s("a,b"))
        );
        assert_eq!(ok("upper", vec![sens(U)]), sens(U));
        assert_eq!(
            ok("lookup", vec![m(&[("k", sens(s("v")))]), s("k")]),
            sens(s("v"))
        );
        assert_eq!(ok("sensitive", vec![U]), sens(U));
        assert_eq!(ok("bcrypt", vec![sens(s("pw"))]), sens(U));
        // Errors still surface for sensitive arguments.
        assert!(err("upper", vec![sens(sl(&[]))]).starts_with("upper:"));
    }
}
