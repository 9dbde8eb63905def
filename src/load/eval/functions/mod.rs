//! Terraform built-in functions over tfward values.
//!
//! Values carry no static types, so Terraform's type unification is
//! approximated: a collection mixing primitive kinds becomes all strings, as
//! Terraform's `list(string)` / `set(string)` conversion would make it.

use crate::model::value::Value;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use regex::Regex;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};

use crate::load::tree::{Located, Tree};
use crate::text::bounded::{self, Limit};

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

const MANY: usize = usize::MAX;

/// Arity and unknown handling of every function tfward knows.
fn spec(name: &str) -> Option<(usize, usize, Unknowns)> {
    use Unknowns::{Own, Top, Whole};
    Some(match name {
        "timestamp" | "plantimestamp" | "uuid" => (0, 0, Own),
        "bcrypt" => (1, 2, Own),
        "sensitive" | "nonsensitive" => (1, 1, Own),
        "lookup" => (2, 3, Own),
        "format" => (1, MANY, Whole),
        "formatlist" => (1, MANY, Own),
        "join" => (2, MANY, Whole),
        "split" | "trim" | "trimprefix" | "trimsuffix" | "regex" | "regexall" | "startswith"
        | "endswith" | "strcontains" | "indent" | "pow" | "log" | "parseint" | "cidrhost" => {
            (2, 2, Whole)
        }
        "concat" => (1, MANY, Top),
        "merge" => (0, MANY, Top),
        "jsonencode" | "jsondecode" | "yamldecode" | "lower" | "upper" | "title" | "trimspace"
        | "tostring" | "tonumber" | "tobool" | "compact" | "abs" | "ceil" | "floor" | "signum"
        | "sort" | "sum" | "file" | "fileexists" | "filebase64" | "basename" | "dirname"
        | "base64encode" | "base64decode" | "cidrnetmask" | "chomp" | "strrev" | "urlencode"
        | "transpose" => (1, 1, Whole),
        "coalesce" | "coalescelist" => (1, MANY, Own),
        "replace" | "substr" | "cidrsubnet" | "matchkeys" => (3, 3, Whole),
        "length" | "keys" | "values" | "tolist" | "toset" | "tomap" | "flatten" | "distinct"
        | "reverse" | "one" => (1, 1, Top),
        "element" | "chunklist" => (2, 2, Top),
        "slice" => (3, 3, Top),
        "index" | "contains" | "zipmap" => (2, 2, Own),
        "range" => (1, 3, Whole),
        "min" | "max" | "setunion" | "setintersection" => (1, MANY, Whole),
        // Only the shape matters for count/for_each: elements may stay unknown.
        "setproduct" => (1, MANY, Top),
        "setsubtract" => (2, 2, Whole),
        "alltrue" | "anytrue" => (1, 1, Own),
        _ => return None,
    })
}

/// Padding and indentation beyond this are refused (unknown), not allocated.
const MAX_PAD: usize = 10_000;

/// What the file functions (`file`, `filebase64`, `fileexists`,
/// `templatefile`) may read: regular files inside the checked tree, links
/// resolved, each within the file size limit. The checked tree is hostile: a
/// `file("/proc/self/environ")` would otherwise put the runner's secrets in
/// a public report. A refused read is unknown, and noted once per file.
#[derive(Debug)]
pub struct Files {
    /// Relative paths resolve from the root module, as in Terraform (canonical).
    dir: PathBuf,
    /// The checked tree (`tree::Tree::of`); `None` when it cannot be resolved.
    tree: Option<Tree>,
    limit: Limit,
    notes: RefCell<Vec<String>>,
}

/// Where a file function's path leads.
enum Found {
    Missing,
    /// Inside the tree, links resolved.
    File(PathBuf),
}

impl Files {
    pub fn new(root_dir: &Path, limit: Limit) -> Files {
        Files::in_tree(root_dir, Tree::of(root_dir).ok(), limit)
    }

    /// Files of the root module in `root_dir`, whose tree is already known.
    pub fn in_tree(root_dir: &Path, tree: Option<Tree>, limit: Limit) -> Files {
        Files {
            dir: std::fs::canonicalize(root_dir).unwrap_or_else(|_| root_dir.to_path_buf()),
            tree,
            limit,
            notes: RefCell::new(Vec::new()),
        }
    }

    /// Reads nothing: for literals (policies, variable files), which name no tree.
    pub fn none() -> Files {
        Files {
            dir: PathBuf::new(),
            tree: None,
            limit: bounded::Limits::default().file(),
            notes: RefCell::new(Vec::new()),
        }
    }

    /// The notes about refused files, each once.
    pub fn take_notes(&self) -> Vec<String> {
        self.notes.take()
    }

    /// Notes a refused read (`shown` is the path as written) and gives the
    /// value that stands for it: unknown.
    fn refuse(&self, shown: &str, why: &str) -> Value {
        let note = format!("file {shown:?} was not read: {why}; values that use it are unknown");
        let mut notes = self.notes.borrow_mut();
        if !notes.contains(&note) {
            notes.push(note);
        }
        Value::Unknown
    }

    /// Resolves `name` inside the tree, or says why not.
    fn find(&self, name: &str) -> Result<Found, String> {
        let Some(tree) = &self.tree else {
            return Err("no checked directory to read it from".to_string());
        };
        let outside = "outside the checked tree (tfward reads files only inside the repository, the current directory or the root module)";
        let real = match tree.locate(&self.dir, Path::new(name)) {
            Located::Inside(real) => real,
            Located::Missing => return Ok(Found::Missing),
            Located::Outside => return Err(format!("it is {outside}")),
            Located::LinksOutside => return Err(format!("it links to a file that is {outside}")),
            Located::Unresolvable(e) => return Err(format!("it cannot be resolved ({e})")),
        };
        Ok(Found::File(real))
    }

    /// The bytes of the file `name`: `Ok(Err(unknown))` when refused (noted),
    /// `Err` when it is simply missing, as Terraform would fail.
    pub fn read(&self, name: &str, shown: &str) -> Result<Result<Vec<u8>, Value>, String> {
        let real = match self.find(name) {
            Err(why) => return Ok(Err(self.refuse(shown, &why))),
            Ok(Found::Missing) => return Err(format!("no file exists at {shown}")),
            Ok(Found::File(real)) => real,
        };
        // One check before opening (a pipe is never opened), one of the file
        // opened (`bounded::open`).
        match bounded::read(&real, self.limit) {
            Ok(bytes) => Ok(Ok(bytes)),
            Err(crate::error::Error::Input { message, .. }) => {
                Ok(Err(self.refuse(shown, &format!("it is {message}"))))
            }
            Err(_) => Ok(Err(self.refuse(shown, "it cannot be read"))),
        }
    }

    /// `fileexists`: unknown outside the tree, where a known answer would
    /// tell whether a host file exists.
    fn exists(&self, name: &str, shown: &str) -> Result<Value, String> {
        match self.find(name) {
            Err(why) => Ok(self.refuse(shown, &why)),
            Ok(Found::Missing) => Ok(Value::Bool(false)),
            Ok(Found::File(real)) => match std::fs::metadata(&real) {
                Ok(meta) if meta.is_dir() => Err(format!("{shown} is a directory, not a file")),
                Ok(meta) if !meta.is_file() => Ok(self.refuse(
                    shown,
                    "it is not a regular file; tfward reads only regular files",
                )),
                Ok(_) => Ok(Value::Bool(true)),
                Err(e) => Ok(self.refuse(shown, &format!("it cannot be read ({e})"))),
            },
        }
    }
}

/// Calls the Terraform function `name` with evaluated `args`.
/// `files` is what the file functions may read; relative paths resolve from the root module directory, as Terraform resolves them from where it runs (tfward never touches the network).
/// Ok(value) on success. Any argument that is `Value::Unknown` (or contains unknowns where the function needs the whole value) makes the result `Value::Unknown`, following Terraform (e.g. `coalesce(unknown, "x")` is unknown, `length` of a list with unknown elements is known).
/// If any argument is `Value::Sensitive`, the result is wrapped in `Value::Sensitive` (Terraform propagates sensitivity), except `nonsensitive` which unwraps and `sensitive` which wraps.
/// Err(message) when the function is not known to tfward or the arguments are invalid (wrong count/type): the caller turns that into Unknown plus a note, so messages should be short and name the function, e.g. "lookup: expected 2 or 3 arguments".
pub fn call(name: &str, args: Vec<Value>, files: &Files) -> Result<Value, String> {
    let name = name.strip_prefix("core::").unwrap_or(name);
    let Some((min, max, unknowns)) = spec(name) else {
        return Err(format!("unknown function {name}"));
    };
    if args.len() < min || args.len() > max {
        return Err(format!("{name}: {}", arity(min, max)));
    }
    // Marks are removed deeply and the whole result re-marked: coarser than
    // Terraform's per-element marks, but never lets a secret out unmarked.
    let mut marked = false;
    let mut args: Vec<Value> = args.into_iter().map(|a| unmark(a, &mut marked)).collect();
    match name {
        "sensitive" => return Ok(Value::Sensitive(Box::new(args.swap_remove(0)))),
        "nonsensitive" => return Ok(args.swap_remove(0)),
        _ => {}
    }
    let unknown = match unknowns {
        Unknowns::Whole => args.iter().any(|a| !a.is_known()),
        Unknowns::Top => args.iter().any(|a| matches!(a, Value::Unknown)),
        Unknowns::Own => false,
    };
    let result = if unknown {
        Value::Unknown
    } else {
        dispatch(name, &args, files, marked).map_err(|e| format!("{name}: {e}"))?
    };
    Ok(if marked {
        Value::Sensitive(Box::new(result))
    } else {
        result
    })
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

fn dispatch(name: &str, a: &[Value], files: &Files, marked: bool) -> Result<Value, String> {
    use Value as V;
    let s = |i: usize| string(&a[i], "argument");
    // A path made from a sensitive value is not repeated in a note.
    let shown = |path: &str| {
        if marked {
            "(a path from a sensitive value)".to_string()
        } else {
            path.to_string()
        }
    };
    Ok(match name {
        "timestamp" | "plantimestamp" | "uuid" | "bcrypt" => V::Unknown,
        "lookup" => lookup(a)?,
        "format" => V::String(format_values(&string(&a[0], "format")?, &a[1..])?),
        "formatlist" => formatlist(a)?,
        "join" => join(a)?,
        "split" => split(&s(0)?, &s(1)?),
        "concat" => {
            let mut out = Vec::new();
            for v in a {
                out.extend_from_slice(list(v, "all arguments")?);
            }
            V::List(out)
        }
        "merge" => {
            let mut out = crate::model::value::Map::new();
            for v in a.iter().filter(|v| !v.is_null()) {
                out.extend(map(v, "all arguments")?.clone());
            }
            V::Map(out)
        }
        "jsonencode" => {
            let mut out = String::new();
            json_encode(&a[0], &mut out);
            V::String(out)
        }
        "yamldecode" => {
            let docs = yaml_rust2::YamlLoader::load_from_str(&s(0)?)
                .map_err(|e| format!("invalid YAML: {e}"))?;
            match docs.as_slice() {
                [doc] => yaml_value(doc)?,
                [] => V::Null,
                _ => return Err("a string with several YAML documents".to_string()),
            }
        }
        "jsondecode" => {
            let json: serde_json::Value =
                serde_json::from_str(&s(0)?).map_err(|e| format!("invalid JSON: {e}"))?;
            V::from_json(&json)
        }
        "coalesce" => coalesce(a)?,
        "coalescelist" => coalescelist(a)?,
        "lower" => V::String(s(0)?.to_lowercase()),
        "upper" => V::String(s(0)?.to_uppercase()),
        "title" => V::String(title(&s(0)?)),
        "trimspace" => V::String(s(0)?.trim().to_string()),
        "trim" => {
            let cut = s(1)?;
            V::String(s(0)?.trim_matches(|c| cut.contains(c)).to_string())
        }
        "trimprefix" => {
            let (text, prefix) = (s(0)?, s(1)?);
            V::String(text.strip_prefix(&*prefix).unwrap_or(&text).to_string())
        }
        "trimsuffix" => {
            let (text, suffix) = (s(0)?, s(1)?);
            V::String(text.strip_suffix(&*suffix).unwrap_or(&text).to_string())
        }
        "replace" => replace(&s(0)?, &s(1)?, &s(2)?)?,
        "regex" | "regexall" => regex_fn(name == "regexall", &s(0)?, &s(1)?)?,
        "substr" => substr(&s(0)?, int(&a[1], "offset")?, int(&a[2], "length")?),
        "length" => V::Number(match &a[0] {
            V::String(text) => text.chars().count(),
            V::List(items) => items.len(),
            V::Map(map) => map.len(),
            V::Null => return Err("argument must not be null".into()),
            _ => return Err("argument must be a string or a collection".into()),
        } as f64),
        "element" => {
            let items = list(&a[0], "first argument")?;
            let index = int(&a[1], "index")?;
            if items.is_empty() {
                return Err("cannot use element function with an empty list".into());
            }
            if index < 0 {
                return Err("cannot use element function with a negative index".into());
            }
            items[index as usize % items.len()].clone()
        }
        "index" => index(a)?,
        "contains" => contains(a)?,
        "keys" => V::List(
            map(&a[0], "argument")?
                .keys()
                .map(|k| k.to_string())
                .map(V::String)
                .collect(),
        ),
        "values" => V::List(map(&a[0], "argument")?.values().cloned().collect()),
        "tolist" | "toset" => match &a[0] {
            V::Null => V::Null,
            V::List(items) if name == "toset" => V::List(set_of(items.clone())),
            V::List(items) => V::List(unify(items.clone())),
            V::Map(_) => return Err("cannot convert a map to a list".into()),
            _ => return Err("cannot convert a primitive value to a list".into()),
        },
        "tomap" => match &a[0] {
            V::Null => V::Null,
            V::Map(map) => {
                let keys: Vec<crate::model::value::Key> = map.keys().cloned().collect();
                V::Map(
                    keys.into_iter()
                        .zip(unify(map.values().cloned().collect()))
                        .collect(),
                )
            }
            _ => return Err("cannot convert to a map".into()),
        },
        "tostring" => match &a[0] {
            V::Null => V::Null,
            v => V::String(prim_str(v).ok_or("cannot convert a collection to a string")?),
        },
        "tonumber" => match &a[0] {
            V::Null => V::Null,
            V::Number(n) => V::Number(*n),
            V::String(text) => V::Number(
                parse_num(text).ok_or_else(|| format!("cannot convert {text:?} to a number"))?,
            ),
            _ => return Err("cannot convert to a number".into()),
        },
        "tobool" => match &a[0] {
            V::Null => V::Null,
            V::Bool(b) => V::Bool(*b),
            V::String(text) if text == "true" || text == "false" => V::Bool(text == "true"),
            _ => return Err("cannot convert to a bool".into()),
        },
        "flatten" => {
            let mut out = Vec::new();
            if !flatten_into(list(&a[0], "argument")?, &mut out) {
                return Ok(V::Unknown);
            }
            V::List(out)
        }
        "distinct" => {
            let mut out: Vec<Value> = Vec::new();
            for v in list(&a[0], "argument")? {
                if !v.is_known() || !out.iter().any(|o| o.is_known() && same(o, v)) {
                    out.push(v.clone());
                }
            }
            V::List(out)
        }
        "compact" => {
            let mut out = Vec::new();
            for v in list(&a[0], "argument")? {
                match v {
                    V::Null => {}
                    v => match prim_str(v) {
                        Some(text) if text.is_empty() => {}
                        Some(text) => out.push(V::String(text)),
                        None => return Err("argument must be a list of strings".into()),
                    },
                }
            }
            V::List(out)
        }
        "zipmap" => zipmap(a)?,
        "range" => range(a)?,
        "min" | "max" => {
            let mut best = num(&a[0], "argument")?;
            for v in &a[1..] {
                let n = num(v, "argument")?;
                best = if name == "min" {
                    best.min(n)
                } else {
                    best.max(n)
                };
            }
            V::Number(best)
        }
        "abs" => V::Number(num(&a[0], "argument")?.abs()),
        "ceil" => V::Number(num(&a[0], "argument")?.ceil()),
        "floor" => V::Number(num(&a[0], "argument")?.floor()),
        "signum" => {
            let n = num(&a[0], "argument")?;
            V::Number(if n == 0.0 { 0.0 } else { n.signum() })
        }
        "pow" => V::Number(num(&a[0], "argument")?.powf(num(&a[1], "argument")?)),
        "log" => V::Number(num(&a[0], "argument")?.ln() / num(&a[1], "argument")?.ln()),
        "parseint" => parseint(&s(0)?, int(&a[1], "base")?)?,
        "sort" => {
            let mut out = strings(list(&a[0], "argument")?)?;
            out.sort();
            V::List(out.into_iter().map(V::String).collect())
        }
        "reverse" => V::List(list(&a[0], "argument")?.iter().rev().cloned().collect()),
        "slice" => {
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
            V::List(items[from as usize..to as usize].to_vec())
        }
        "startswith" => V::Bool(s(0)?.starts_with(&*s(1)?)),
        "endswith" => V::Bool(s(0)?.ends_with(&*s(1)?)),
        "strcontains" => V::Bool(s(0)?.contains(&*s(1)?)),
        "one" => {
            let items = list(&a[0], "argument")?;
            match items {
                [] => V::Null,
                [only] => only.clone(),
                _ => return Err("must be a list with either zero or one elements".into()),
            }
        }
        "sum" => {
            let items = list(&a[0], "argument")?;
            if items.is_empty() {
                return Err("cannot sum an empty list".into());
            }
            let mut total = 0.0;
            for v in items {
                total += num(v, "every element")?;
            }
            V::Number(total)
        }
        "chunklist" => {
            let items = list(&a[0], "first argument")?;
            let size = int(&a[1], "size")?;
            if size < 0 {
                return Err("the size argument must be positive".into());
            }
            if size == 0 {
                V::List(vec![V::List(items.to_vec())])
            } else {
                V::List(
                    items
                        .chunks(size as usize)
                        .map(|c| V::List(c.to_vec()))
                        .collect(),
                )
            }
        }
        "setproduct" => {
            let mut product: Vec<Vec<V>> = vec![Vec::new()];
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
            V::List(product.into_iter().map(V::List).collect())
        }
        "setunion" => {
            let mut all = Vec::new();
            for v in a {
                all.extend_from_slice(list(v, "all arguments")?);
            }
            V::List(set_of(all))
        }
        "setintersection" => {
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
            V::List(set_of(kept))
        }
        "setsubtract" => {
            let (from, minus) = (
                list(&a[0], "first argument")?,
                list(&a[1], "second argument")?,
            );
            let kept = from
                .iter()
                .filter(|v| !minus.iter().any(|w| same(v, w)))
                .cloned()
                .collect();
            V::List(set_of(kept))
        }
        "alltrue" | "anytrue" => bool_fold(name == "alltrue", &a[0])?,
        "file" | "filebase64" => {
            let path = s(0)?;
            let shown = shown(&path);
            let bytes = match files.read(&path, &shown)? {
                Ok(bytes) => bytes,
                Err(unknown) => return Ok(unknown),
            };
            if name == "filebase64" {
                V::String(BASE64.encode(bytes))
            } else {
                V::String(String::from_utf8(bytes).map_err(|_| {
                    format!("contents of {shown} are not valid UTF-8; use filebase64")
                })?)
            }
        }
        "fileexists" => {
            let path = s(0)?;
            files.exists(&path, &shown(&path))?
        }
        "basename" => V::String(go_base(&s(0)?)),
        "dirname" => V::String(go_dir(&s(0)?)),
        "base64encode" => V::String(BASE64.encode(s(0)?)),
        "base64decode" => {
            let bytes = BASE64
                .decode(s(0)?)
                .map_err(|e| format!("failed to decode base64 data: {e}"))?;
            V::String(
                String::from_utf8(bytes)
                    .map_err(|_| "the decoded bytes are not valid UTF-8".to_string())?,
            )
        }
        "cidrsubnet" => cidrsubnet(&s(0)?, int(&a[1], "newbits")?, int(&a[2], "netnum")?)?,
        "cidrhost" => cidrhost(&s(0)?, int(&a[1], "hostnum")?)?,
        "cidrnetmask" => {
            let net = parse_cidr(&s(0)?)?;
            if net.v6 {
                return Err("only IPv4 networks are supported".into());
            }
            V::String(render_ip(!host_mask(net.prefix, 32) & 0xffff_ffff, false))
        }
        "chomp" => V::String(s(0)?.trim_end_matches(['\n', '\r']).to_string()),
        "strrev" => V::String(s(0)?.chars().rev().collect()),
        "indent" => {
            let spaces = int(&a[0], "spaces")?.max(0) as usize;
            if spaces > MAX_PAD {
                return Err(format!("{spaces} spaces is more than tfward evaluates"));
            }
            V::String(s(1)?.replace('\n', &format!("\n{}", " ".repeat(spaces))))
        }
        "urlencode" => V::String(urlencode(&s(0)?)),
        "transpose" => {
            let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
            for (key, v) in map(&a[0], "argument")? {
                for item in strings(list(v, "every value")?)? {
                    out.entry(item)
                        .or_default()
                        .push(V::String(key.to_string()));
                }
            }
            V::Map(
                out.into_iter()
                    .map(|(k, v)| (k.into(), V::List(v)))
                    .collect(),
            )
        }
        "matchkeys" => {
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
            V::List(kept)
        }
        _ => return Err("not implemented".into()),
    })
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
    let all_prim = items
        .iter()
        .all(|v| prim_kind(v).is_some() || matches!(v, Value::Null | Value::Unknown));
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

// ---- collection functions ---------------------------------------------------

fn lookup(a: &[Value]) -> Result<Value, String> {
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

fn coalesce(a: &[Value]) -> Result<Value, String> {
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

fn coalescelist(a: &[Value]) -> Result<Value, String> {
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

fn index(a: &[Value]) -> Result<Value, String> {
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

fn contains(a: &[Value]) -> Result<Value, String> {
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

fn zipmap(a: &[Value]) -> Result<Value, String> {
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

/// False when an unknown element hides whether it is itself a list.
fn flatten_into(items: &[Value], out: &mut Vec<Value>) -> bool {
    for v in items {
        match v {
            Value::List(inner) => {
                if !flatten_into(inner, out) {
                    return false;
                }
            }
            Value::Unknown => return false,
            other => out.push(other.clone()),
        }
    }
    true
}

fn range(a: &[Value]) -> Result<Value, String> {
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

// ---- string functions -------------------------------------------------------

fn join(a: &[Value]) -> Result<Value, String> {
    let sep = string(&a[0], "separator")?;
    let mut parts = Vec::new();
    for v in &a[1..] {
        for item in list(v, "lists")? {
            if item.is_null() {
                return Err("cannot join a null element".into());
            }
            parts.push(string(item, "every element")?);
        }
    }
    Ok(Value::String(parts.join(&sep)))
}

fn split(sep: &str, text: &str) -> Value {
    // Go's strings.Split: an empty separator splits into characters.
    let parts: Vec<String> = if sep.is_empty() {
        text.chars().map(String::from).collect()
    } else {
        text.split(sep).map(String::from).collect()
    };
    Value::List(parts.into_iter().map(Value::String).collect())
}

/// Go's strings.Title, which Terraform's `title` uses.
fn title(text: &str) -> String {
    let separator = |c: char| {
        if c.is_ascii() {
            !(c.is_ascii_alphanumeric() || c == '_')
        } else {
            !c.is_alphanumeric() && c.is_whitespace()
        }
    };
    let mut prev = ' ';
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if separator(prev) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev = c;
    }
    out
}

fn replace(text: &str, search: &str, with: &str) -> Result<Value, String> {
    if search.len() > 1 && search.starts_with('/') && search.ends_with('/') {
        let re = Regex::new(&search[1..search.len() - 1])
            .map_err(|e| format!("invalid regexp pattern: {e}"))?;
        return Ok(Value::String(re.replace_all(text, with).into_owned()));
    }
    Ok(Value::String(text.replace(search, with)))
}

fn regex_fn(all: bool, pattern: &str, text: &str) -> Result<Value, String> {
    let re = Regex::new(pattern).map_err(|e| format!("invalid regexp pattern: {e}"))?;
    let names: Vec<Option<&str>> = re.capture_names().skip(1).collect();
    let named = names.iter().filter(|n| n.is_some()).count();
    if named > 0 && named < names.len() {
        return Err(
            "invalid regexp pattern: cannot mix both named and unnamed capture groups".into(),
        );
    }
    let text_of = |m: Option<regex::Match>| {
        m.map(|m| Value::String(m.as_str().to_string()))
            .unwrap_or(Value::Null)
    };
    let result = |caps: regex::Captures| {
        if names.is_empty() {
            text_of(caps.get(0))
        } else if named > 0 {
            Value::Map(
                names
                    .iter()
                    .flatten()
                    .map(|n| (n.to_string().into(), text_of(caps.name(n))))
                    .collect(),
            )
        } else {
            Value::List(caps.iter().skip(1).map(text_of).collect())
        }
    };
    if all {
        return Ok(Value::List(re.captures_iter(text).map(result).collect()));
    }
    re.captures(text)
        .map(result)
        .ok_or_else(|| "pattern did not match any part of the given string".into())
}

fn substr(text: &str, offset: i64, length: i64) -> Value {
    let chars: Vec<char> = text.chars().collect();
    let total = chars.len() as i64;
    let start = if offset < 0 {
        (total + offset).max(0)
    } else {
        offset
    };
    if start >= total || length == 0 {
        return Value::String(String::new());
    }
    let end = if length < 0 {
        total
    } else {
        (start + length).min(total)
    };
    Value::String(chars[start as usize..end as usize].iter().collect())
}

fn parseint(text: &str, base: i64) -> Result<Value, String> {
    if !(2..=62).contains(&base) {
        return Err("base must be a whole number between 2 and 62 inclusive".into());
    }
    let bad = || format!("cannot parse {text:?} as a base {base} integer");
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if digits.is_empty() {
        return Err(bad());
    }
    let mut value = 0.0_f64;
    for c in digits.chars() {
        // Go's big.Int: above base 36, upper case letters are digits 36..61.
        let d = match c {
            '0'..='9' => c as i64 - '0' as i64,
            'a'..='z' => c as i64 - 'a' as i64 + 10,
            'A'..='Z' if base <= 36 => c as i64 - 'A' as i64 + 10,
            'A'..='Z' => c as i64 - 'A' as i64 + 36,
            _ => return Err(bad()),
        };
        if d >= base {
            return Err(bad());
        }
        value = value * base as f64 + d as f64;
    }
    Ok(Value::Number(if negative { -value } else { value }))
}

/// Go's url.QueryEscape, which Terraform's `urlencode` uses.
fn urlencode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

// ---- format -----------------------------------------------------------------

#[derive(Default)]
struct Verb {
    minus: bool,
    plus: bool,
    space: bool,
    sharp: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

fn formatlist(a: &[Value]) -> Result<Value, String> {
    if a.iter().any(|v| matches!(v, Value::Unknown)) {
        return Ok(Value::Unknown);
    }
    let fmt = string(&a[0], "format")?;
    let rest = &a[1..];
    let mut len: Option<(usize, usize)> = None;
    for (i, v) in rest.iter().enumerate() {
        if let Value::List(items) = v {
            match len {
                None => len = Some((items.len(), i)),
                Some((l, j)) if l != items.len() => {
                    return Err(format!(
                        "argument {} has length {}, which is inconsistent with argument {} of length {l}",
                        i + 1,
                        items.len(),
                        j + 1
                    ));
                }
                Some(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    for i in 0..len.map_or(1, |(l, _)| l) {
        let call_args: Vec<Value> = rest
            .iter()
            .map(|v| match v {
                Value::List(items) => items[i].clone(),
                other => other.clone(),
            })
            .collect();
        if call_args.iter().any(|v| !v.is_known()) {
            out.push(Value::Unknown);
            continue;
        }
        let text = format_values(&fmt, &call_args)
            .map_err(|e| format!("error on format iteration {i}: {e}"))?;
        out.push(Value::String(text));
    }
    Ok(Value::List(out))
}

/// Terraform's `format`: Go-like verbs over tfward values (go-cty semantics).
fn format_values(fmt: &str, args: &[Value]) -> Result<String, String> {
    let cs: Vec<(usize, char)> = fmt.char_indices().collect();
    let peek = |i: usize| cs.get(i).map(|&(_, c)| c);
    let digits = |i: &mut usize| {
        let mut n: Option<usize> = None;
        while let Some(d) = peek(*i).and_then(|c| c.to_digit(10)) {
            n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(d as usize));
            *i += 1;
        }
        n
    };
    let mut out = String::new();
    let (mut i, mut next, mut highest) = (0, 0, 0);
    while i < cs.len() {
        let (offset, c) = cs[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        if peek(i) == Some('%') {
            out.push('%');
            i += 1;
            continue;
        }
        let invalid = || format!("invalid format string at offset {offset}");
        let mut verb = Verb::default();
        while let Some(flag) = peek(i) {
            match flag {
                '-' => verb.minus = true,
                '+' => verb.plus = true,
                ' ' => verb.space = true,
                '#' => verb.sharp = true,
                '0' => verb.zero = true,
                _ => break,
            }
            i += 1;
        }
        verb.width = digits(&mut i);
        if peek(i) == Some('.') {
            i += 1;
            verb.prec = Some(digits(&mut i).ok_or_else(invalid)?);
        }
        // Hostile widths would allocate gigabytes.
        if verb.width.unwrap_or(0) > MAX_PAD || verb.prec.unwrap_or(0) > MAX_PAD {
            return Err("a width or precision larger than tfward evaluates".to_string());
        }
        if peek(i) == Some('[') {
            i += 1;
            let n = digits(&mut i).filter(|n| *n > 0).ok_or_else(invalid)?;
            if peek(i) != Some(']') {
                return Err(invalid());
            }
            i += 1;
            next = n - 1;
        }
        let mode = peek(i).ok_or_else(invalid)?;
        i += 1;
        let end = cs.get(i).map_or(fmt.len(), |&(o, _)| o);
        let raw = &fmt[offset..end];
        let Some(arg) = args.get(next) else {
            return Err(format!(
                "not enough arguments for {raw:?} at {offset}: need index {} but have {} total",
                next + 1,
                args.len()
            ));
        };
        next += 1;
        highest = highest.max(next);
        out.push_str(&format_one(&verb, mode, arg, raw, offset)?);
    }
    if highest < args.len() {
        return Err(if highest == 0 {
            "too many arguments; no verbs in format string".to_string()
        } else {
            format!("too many arguments; only {highest} used by format string")
        });
    }
    Ok(out)
}

fn format_one(
    verb: &Verb,
    mode: char,
    arg: &Value,
    raw: &str,
    offset: usize,
) -> Result<String, String> {
    let unsupported = |why: &str| format!("unsupported value for {raw:?} at {offset}: {why}");
    if mode != 'v' && arg.is_null() {
        return Err(unsupported("null value cannot be formatted"));
    }
    match mode {
        'v' => Ok(pad_width(
            verb,
            match arg {
                Value::String(s) if !verb.sharp => s.clone(),
                Value::Number(n) if !verb.sharp => go_g(n.abs(), None, false, n.is_sign_negative()),
                other => {
                    let mut json = String::new();
                    json_encode(other, &mut json);
                    json
                }
            },
        )),
        // go-cty does not pad booleans.
        't' => match arg {
            Value::Bool(b) => Ok(b.to_string()),
            Value::String(s) if s == "true" || s == "false" => Ok(s.clone()),
            _ => Err(unsupported("bool required")),
        },
        'b' | 'd' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'g' | 'G' => {
            let n = match arg {
                Value::Number(n) => *n,
                Value::String(s) => parse_num(s).ok_or_else(|| unsupported("number required"))?,
                _ => return Err(unsupported("number required")),
            };
            format_number(verb, mode, n).ok_or_else(|| unsupported("an integer is required"))
        }
        's' | 'q' => {
            let mut s = prim_str(arg).ok_or_else(|| unsupported("string required"))?;
            if let Some(p) = verb.prec.filter(|p| *p > 0) {
                s = s.chars().take(p).collect();
            }
            if mode == 'q' {
                let mut quoted = String::new();
                json_quote(&s, &mut quoted);
                s = quoted;
            }
            Ok(pad_width(verb, s))
        }
        _ => Err(format!(
            "unsupported format verb {mode:?} in {raw:?} at offset {offset}"
        )),
    }
}

/// go-cty's padding for strings and `%v`: the pad character goes outside any sign.
fn pad_width(verb: &Verb, s: String) -> String {
    let len = s.chars().count();
    let Some(pad) = verb
        .width
        .and_then(|w| w.checked_sub(len))
        .filter(|p| *p > 0)
    else {
        return s;
    };
    let pads = (if verb.zero { "0" } else { " " }).repeat(pad);
    if verb.minus { s + &pads } else { pads + &s }
}

/// Go's fmt for numbers: the sign comes before zero padding. None if an
/// integer verb gets a fraction.
fn format_number(verb: &Verb, mode: char, n: f64) -> Option<String> {
    let negative = n < 0.0;
    let x = n.abs();
    let (prefix, body) = match mode {
        'b' | 'd' | 'o' | 'x' | 'X' => {
            if x.fract() != 0.0 || !x.is_finite() {
                return None;
            }
            let body = if x < 1.0e38 {
                let v = x as u128;
                match mode {
                    'b' => format!("{v:b}"),
                    'o' => format!("{v:o}"),
                    'x' => format!("{v:x}"),
                    'X' => format!("{v:X}"),
                    _ => v.to_string(),
                }
            } else {
                format!("{x:.0}")
            };
            let body = match verb.prec {
                Some(p) if body.len() < p => "0".repeat(p - body.len()) + &body,
                _ => body,
            };
            let prefix = match (verb.sharp, mode) {
                (true, 'b') => "0b",
                (true, 'o') => "0",
                (true, 'x') => "0x",
                (true, 'X') => "0X",
                _ => "",
            };
            (prefix, body)
        }
        'e' | 'E' => ("", go_e(x, verb.prec.unwrap_or(6), mode == 'E')),
        'f' => ("", format!("{x:.*}", verb.prec.unwrap_or(6))),
        _ => ("", go_g(x, verb.prec, mode == 'G', false)),
    };
    let sign = match () {
        _ if negative => "-",
        _ if verb.plus => "+",
        _ if verb.space => " ",
        _ => "",
    };
    let len = sign.len() + prefix.len() + body.chars().count();
    let pad = verb.width.unwrap_or(0).saturating_sub(len);
    Some(if pad == 0 {
        format!("{sign}{prefix}{body}")
    } else if verb.minus {
        format!("{sign}{prefix}{body}{}", " ".repeat(pad))
    } else if verb.zero {
        format!("{sign}{prefix}{}{body}", "0".repeat(pad))
    } else {
        format!("{}{sign}{prefix}{body}", " ".repeat(pad))
    })
}

/// Go's `%e`: at least two exponent digits, always signed.
fn go_e(x: f64, prec: usize, upper: bool) -> String {
    let s = format!("{x:.prec$e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let e = if upper { 'E' } else { 'e' };
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mantissa}{e}{sign}{:02}", exp.abs())
}

/// Go's big.Float `%g` (shortest when `prec` is None), as go-cty's `%v` of
/// a number uses: `1e+06` for a million, as Terraform prints it.
fn go_g(x: f64, prec: Option<usize>, upper: bool, negative: bool) -> String {
    let sign = if negative && x != 0.0 { "-" } else { "" };
    if x == 0.0 {
        return "0".to_string();
    }
    let s = match prec {
        None => format!("{x:e}"),
        Some(p) => format!("{x:.*e}", p.max(1) - 1),
    };
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let all: String = mantissa.chars().filter(|c| *c != '.').collect();
    let digits = all.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let nd = digits.len() as i32;
    let eprec = match prec {
        None => 6,
        Some(p) => {
            let p = p.max(1) as i32;
            if p > nd && nd > exp { nd } else { p }
        }
    };
    if exp < -4 || exp >= eprec {
        let mut m = digits[..1].to_string();
        if nd > 1 {
            m.push('.');
            m.push_str(&digits[1..]);
        }
        let e = if upper { 'E' } else { 'e' };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}{e}{esign}{:02}", exp.abs())
    } else {
        let fprec = (nd - (exp + 1)).max(0) as usize;
        format!("{sign}{x:.fprec$}")
    }
}

// ---- JSON -------------------------------------------------------------------

/// A YAML node as a value; map keys become strings, as in Terraform's `yamldecode`.
fn yaml_value(node: &yaml_rust2::Yaml) -> Result<Value, String> {
    use yaml_rust2::Yaml;
    Ok(match node {
        Yaml::Null => Value::Null,
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Integer(i) => Value::Number(*i as f64),
        Yaml::Real(r) => Value::Number(r.parse().map_err(|_| format!("invalid YAML number {r}"))?),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Array(items) => Value::List(items.iter().map(yaml_value).collect::<Result<_, _>>()?),
        Yaml::Hash(map) => Value::Map(
            map.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) | Yaml::Real(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        _ => return Err("unsupported YAML map key".to_string()),
                    };
                    Ok((key.into(), yaml_value(v)?))
                })
                .collect::<Result<_, _>>()?,
        ),
        Yaml::Alias(_) | Yaml::BadValue => return Err("unsupported YAML value".to_string()),
    })
}

/// Terraform's `jsonencode`: compact, keys sorted, Go's HTML-safe escaping.
fn json_encode(v: &Value, out: &mut String) {
    match v {
        Value::Null | Value::Unknown | Value::Partial(_) => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) if n.is_finite() => out.push_str(&num_str(*n)),
        Value::Number(_) => out.push_str("null"),
        Value::String(s) => json_quote(s, out),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_encode(item, out);
            }
            out.push(']');
        }
        Value::Map(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_quote(k, out);
                out.push(':');
                json_encode(item, out);
            }
            out.push('}');
        }
        Value::Sensitive(inner) => json_encode(inner, out),
    }
}

fn json_quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' | '\0'..='\u{1f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

// ---- paths --------------------------------------------------------------------

/// Go's path/filepath.Clean for `/`-separated paths.
fn go_clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|l| *l != "..") => {
                parts.pop();
            }
            ".." if rooted => {}
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// Go's filepath.Base.
fn go_base(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".to_string();
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed).to_string()
}

/// Go's filepath.Dir.
fn go_dir(path: &str) -> String {
    go_clean(path.rfind('/').map_or("", |i| &path[..=i]))
}

// ---- CIDR -----------------------------------------------------------------------

struct Net {
    addr: u128,
    prefix: u32,
    bits: u32,
    v6: bool,
}

fn parse_cidr(text: &str) -> Result<Net, String> {
    let bad = || format!("invalid CIDR expression {text:?}");
    let (ip, len) = text.split_once('/').ok_or_else(bad)?;
    let ip: IpAddr = ip.parse().map_err(|_| bad())?;
    let prefix: u32 = len.parse().map_err(|_| bad())?;
    let (addr, bits, v6) = match ip {
        IpAddr::V4(a) => (u128::from(u32::from(a)), 32, false),
        IpAddr::V6(a) => (u128::from(a), 128, true),
    };
    if prefix > bits {
        return Err(bad());
    }
    // Like Go's ParseCIDR, keep only the network part.
    Ok(Net {
        addr: addr & !host_mask(prefix, bits),
        prefix,
        bits,
        v6,
    })
}

/// Mask of the host bits below a prefix of `prefix` out of `bits`.
fn host_mask(prefix: u32, bits: u32) -> u128 {
    1u128
        .checked_shl(bits - prefix)
        .map_or(u128::MAX, |v| v - 1)
}

fn render_ip(addr: u128, v6: bool) -> String {
    if v6 {
        Ipv6Addr::from(addr).to_string()
    } else {
        Ipv4Addr::from(addr as u32).to_string()
    }
}

fn cidrsubnet(prefix: &str, newbits: i64, netnum: i64) -> Result<Value, String> {
    let net = parse_cidr(prefix)?;
    if newbits < 0 {
        return Err("newbits must not be negative".into());
    }
    let new_prefix = net.prefix as i64 + newbits;
    if new_prefix > net.bits as i64 {
        return Err(format!(
            "insufficient address space to extend prefix of {} by {newbits}",
            net.prefix
        ));
    }
    let new_prefix = new_prefix as u32;
    let capacity = host_mask(net.bits - newbits as u32, net.bits);
    if netnum < 0 || netnum as u128 > capacity {
        return Err(format!(
            "prefix extension of {newbits} does not accommodate a subnet numbered {netnum}"
        ));
    }
    let shifted = (netnum as u128)
        .checked_shl(net.bits - new_prefix)
        .unwrap_or(0);
    Ok(Value::String(format!(
        "{}/{new_prefix}",
        render_ip(net.addr | shifted, net.v6)
    )))
}

fn cidrhost(prefix: &str, hostnum: i64) -> Result<Value, String> {
    let net = parse_cidr(prefix)?;
    let max = host_mask(net.prefix, net.bits);
    // Negative numbers count back from the last address, as in go-cidr.
    let host = if hostnum < 0 {
        max.checked_sub(hostnum.unsigned_abs() as u128 - 1)
    } else {
        Some(hostnum as u128).filter(|h| *h <= max)
    };
    let host = host.ok_or_else(|| {
        format!(
            "prefix of {} bits cannot accommodate a host numbered {hostnum}",
            net.prefix
        )
    })?;
    Ok(Value::String(render_ip(net.addr | host, net.v6)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Value {
        Value::String(x.to_string())
    }
    fn n(x: f64) -> Value {
        Value::Number(x)
    }
    fn l(items: Vec<Value>) -> Value {
        Value::List(items)
    }
    fn sl(items: &[&str]) -> Value {
        l(items.iter().map(|x| s(x)).collect())
    }
    fn m(pairs: &[(&str, Value)]) -> Value {
        Value::Map(
            pairs
                .iter()
                .map(|(k, v)| ((*k).into(), v.clone()))
                .collect(),
        )
    }
    fn sens(v: Value) -> Value {
        Value::Sensitive(Box::new(v))
    }
    fn ok(name: &str, args: Vec<Value>) -> Value {
        call(name, args, &here()).unwrap_or_else(|e| panic!("{name} failed: {e}"))
    }
    fn err(name: &str, args: Vec<Value>) -> String {
        match call(name, args, &here()) {
            Ok(v) => panic!("{name} unexpectedly returned {v:?}"),
            Err(e) => e,
        }
    }
    fn fmt(f: &str, args: Vec<Value>) -> String {
        let mut all = vec![s(f)];
        all.extend(args);
        match ok("format", all) {
            Value::String(x) => x,
            other => panic!("format returned {other:?}"),
        }
    }
    const U: Value = Value::Unknown;
    fn here() -> Files {
        Files::new(
            Path::new("."),
            crate::text::bounded::Limits::default().file(),
        )
    }

    #[test]
    fn yamldecode_reads_maps_lists_and_scalars() {
        let out = call(
            "yamldecode",
            vec![Value::String(
                "dr:\n  region: us-west-1\n  zones: [a, b]\n  enabled: true\n".into(),
            )],
            &here(),
        )
        .unwrap();
        let dr = out.get("dr").unwrap();
        assert_eq!(dr.get("region"), Some(&Value::String("us-west-1".into())));
        assert_eq!(dr.get("enabled"), Some(&Value::Bool(true)));
        assert_eq!(
            dr.get("zones").and_then(Value::as_list).map(<[Value]>::len),
            Some(2)
        );
        assert!(call("yamldecode", vec![Value::String("a: [".into())], &here()).is_err());
    }

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
    fn format_basic_verbs() {
        assert_eq!(fmt("Hello, %s!", vec![s("Ander")]), "Hello, Ander!");
        assert_eq!(fmt("%d items", vec![n(3.0)]), "3 items");
        assert_eq!(fmt("%d", vec![s("42")]), "42");
        assert_eq!(fmt("%f", vec![n(3.5)]), "3.500000");
        assert_eq!(fmt("%.2f", vec![n(1.23456)]), "1.23");
        assert_eq!(
            fmt("%v %v %v", vec![s("a"), n(2.0), Value::Bool(true)]),
            "a 2 true"
        );
        assert_eq!(fmt("%v", vec![n(1.5)]), "1.5");
        assert_eq!(fmt("%v", vec![n(1000000.0)]), "1e+06");
        assert_eq!(fmt("%v", vec![n(-7.0)]), "-7");
        assert_eq!(fmt("%v", vec![sl(&["a", "b"])]), r#"["a","b"]"#);
        assert_eq!(fmt("%v", vec![Value::Null]), "null");
        assert_eq!(fmt("%#v", vec![s("a")]), r#""a""#);
        assert_eq!(fmt("%q", vec![s("a\"b")]), r#""a\"b""#);
        assert_eq!(fmt("%t", vec![Value::Bool(false)]), "false");
        assert_eq!(fmt("100%%", vec![]), "100%");
        assert_eq!(
            fmt("%x %X %o %b", vec![n(255.0), n(255.0), n(8.0), n(5.0)]),
            "ff FF 10 101"
        );
        assert_eq!(fmt("%#x", vec![n(255.0)]), "0xff");
        assert_eq!(fmt("%e", vec![n(1234.5678)]), "1.234568e+03");
        assert_eq!(fmt("%g", vec![n(0.00001)]), "1e-05");
        assert_eq!(fmt("%g", vec![n(123.0)]), "123");
        assert_eq!(fmt("%.3g", vec![n(1.23456)]), "1.23");
    }

    #[test]
    fn format_width_and_flags() {
        assert_eq!(fmt("%05d", vec![n(42.0)]), "00042");
        assert_eq!(fmt("%05d", vec![n(-42.0)]), "-0042");
        assert_eq!(fmt("%5d|", vec![n(42.0)]), "   42|");
        assert_eq!(fmt("%-5d|", vec![n(42.0)]), "42   |");
        assert_eq!(fmt("%+d", vec![n(5.0)]), "+5");
        assert_eq!(fmt("% d", vec![n(5.0)]), " 5");
        assert_eq!(fmt("%-10s|", vec![s("abc")]), "abc       |");
        assert_eq!(fmt("%10s|", vec![s("abc")]), "       abc|");
        assert_eq!(fmt("%.2s", vec![s("abcdef")]), "ab");
        assert_eq!(fmt("%8.3f|", vec![n(1.23456)]), "   1.235|");
        assert_eq!(fmt("%s and %[1]s", vec![s("x")]), "x and x");
        assert_eq!(fmt("%[2]s %[1]s", vec![s("a"), s("b")]), "b a");
    }

    #[test]
    fn format_errors_and_unknowns() {
        assert!(err("format", vec![s("%d"), n(1.5)]).contains("an integer is required"));
        assert!(err("format", vec![s("%d"), s("x")]).contains("number required"));
        assert!(err("format", vec![s("%s"), sl(&["a"])]).contains("string required"));
        assert!(
            err("format", vec![s("%s"), Value::Null]).contains("null value cannot be formatted")
        );
        assert!(err("format", vec![s("%s %s"), s("a")]).contains("not enough arguments"));
        assert_eq!(
            err("format", vec![s("hi"), s("a")]),
            "format: too many arguments; no verbs in format string"
        );
        assert_eq!(
            err("format", vec![s("%s"), s("a"), s("b")]),
            "format: too many arguments; only 1 used by format string"
        );
        assert!(err("format", vec![s("%z"), s("a")]).contains("unsupported format verb"));
        assert!(err("format", vec![s("abc %")]).contains("invalid format string"));
        assert_eq!(ok("format", vec![s("%s"), U]), U);
        assert_eq!(ok("format", vec![s("%v"), l(vec![U])]), U);
        assert_eq!(ok("format", vec![s("%s"), sens(s("pw"))]), sens(s("pw")));
    }

    #[test]
    fn formatlist_fn() {
        assert_eq!(
            ok(
                "formatlist",
                vec![s("Hello, %s!"), sl(&["Valentina", "Ander"])]
            ),
            sl(&["Hello, Valentina!", "Hello, Ander!"])
        );
        assert_eq!(
            ok("formatlist", vec![s("%s-%s"), s("x"), sl(&["a", "b"])]),
            sl(&["x-a", "x-b"])
        );
        assert_eq!(ok("formatlist", vec![s("%s"), s("x")]), sl(&["x"]));
        assert_eq!(
            ok("formatlist", vec![s("%s"), l(vec![s("a"), U])]),
            l(vec![s("a"), U])
        );
        assert_eq!(ok("formatlist", vec![s("%s"), U]), U);
        assert!(
            err("formatlist", vec![s("%s%s"), sl(&["a"]), sl(&["a", "b"])])
                .contains("inconsistent")
        );
    }

    #[test]
    fn join_split() {
        assert_eq!(ok("join", vec![s(", "), sl(&["a", "b"])]), s("a, b"));
        assert_eq!(
            ok("join", vec![s("-"), sl(&["a"]), l(vec![n(1.0)])]),
            s("a-1")
        );
        assert_eq!(ok("join", vec![s(","), l(vec![s("a"), U])]), U);
        assert!(err("join", vec![s(","), l(vec![Value::Null])]).contains("null"));
        assert_eq!(
            err("join", vec![s(",")]),
            "join: expected at least 2 arguments"
        );
        assert_eq!(
            ok("split", vec![s(","), s("a,b,,c")]),
            sl(&["a", "b", "", "c"])
        );
        assert_eq!(ok("split", vec![s(","), s("")]), sl(&[""]));
        assert_eq!(ok("split", vec![s(""), s("ab")]), sl(&["a", "b"]));
        assert_eq!(ok("split", vec![s(","), U]), U);
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
    fn json_functions() {
        let v = m(&[
            ("b", l(vec![n(1.0), n(2.5), Value::Bool(true), Value::Null])),
            ("a", s("<x&y>")),
        ]);
        assert_eq!(
            ok("jsonencode", vec![v]),
            s(r#"{"a":"\u003cx\u0026y\u003e","b":[1,2.5,true,null]}"#)
        );
        assert_eq!(
            ok("jsonencode", vec![s("line\nnext\t\"q\"")]),
            s(r#""line\nnext\t\"q\"""#)
        );
        assert_eq!(ok("jsonencode", vec![n(1e21)]), s("1000000000000000000000"));
        assert_eq!(ok("jsonencode", vec![l(vec![U])]), U);
        assert_eq!(
            ok("jsonencode", vec![m(&[("k", sens(s("v")))])]),
            sens(s(r#"{"k":"v"}"#))
        );
        assert_eq!(
            ok("jsondecode", vec![s(r#"{"a":[1,"x",null],"b":true}"#)]),
            m(&[
                ("a", l(vec![n(1.0), s("x"), Value::Null])),
                ("b", Value::Bool(true))
            ])
        );
        assert!(err("jsondecode", vec![s("{")]).starts_with("jsondecode: invalid JSON"));
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
    fn case_and_trim() {
        assert_eq!(ok("lower", vec![s("HeLLo")]), s("hello"));
        assert_eq!(ok("upper", vec![s("héllo")]), s("HÉLLO"));
        assert_eq!(ok("upper", vec![n(5.0)]), s("5"));
        assert_eq!(
            ok("title", vec![s("hello world-wide foo_bar")]),
            s("Hello World-Wide Foo_bar")
        );
        assert_eq!(ok("trimspace", vec![s("  \n hi \t")]), s("hi"));
        assert_eq!(ok("trim", vec![s("?!hello?!"), s("!?")]), s("hello"));
        assert_eq!(
            ok("trimprefix", vec![s("helloworld"), s("hello")]),
            s("world")
        );
        assert_eq!(
            ok("trimprefix", vec![s("helloworld"), s("x")]),
            s("helloworld")
        );
        assert_eq!(
            ok("trimsuffix", vec![s("helloworld"), s("world")]),
            s("hello")
        );
        assert_eq!(ok("lower", vec![U]), U);
        assert_eq!(
            err("lower", vec![sl(&["a"])]),
            "lower: argument must be a string"
        );
        assert_eq!(
            err("lower", vec![Value::Null]),
            "lower: argument must not be null"
        );
    }

    #[test]
    fn replace_and_regex() {
        assert_eq!(
            ok("replace", vec![s("1 + 2 + 3"), s("+"), s("-")]),
            s("1 - 2 - 3")
        );
        assert_eq!(
            ok(
                "replace",
                vec![s("hello world"), s("/w.*d/"), s("everybody")]
            ),
            s("hello everybody")
        );
        assert_eq!(
            ok("replace", vec![s("a-b"), s("/(a)-(b)/"), s("$2-$1")]),
            s("b-a")
        );
        assert!(err("replace", vec![s("a"), s("/(/"), s("b")]).contains("invalid regexp"));
        assert_eq!(ok("regex", vec![s("[a-z]+"), s("53454is5352")]), s("is"));
        assert_eq!(
            ok("regex", vec![s(r"(\d\d\d\d)-(\d\d)"), s("2019-02-01")]),
            sl(&["2019", "02"])
        );
        assert_eq!(
            ok(
                "regex",
                vec![s(r"^(?P<user>[^@]+)@(?P<domain>.+)$"), s("me@example.com")]
            ),
            m(&[("domain", s("example.com")), ("user", s("me"))])
        );
        assert_eq!(
            ok("regex", vec![s("(a)|(b)"), s("b")]),
            l(vec![Value::Null, s("b")])
        );
        assert!(err("regex", vec![s("x"), s("abc")]).contains("did not match"));
        assert!(err("regex", vec![s("(?P<a>x)(y)"), s("xy")]).contains("cannot mix"));
        assert_eq!(
            ok("regexall", vec![s("[a-z]+"), s("1234abcd5678efgh9")]),
            sl(&["abcd", "efgh"])
        );
        assert_eq!(ok("regexall", vec![s("z"), s("abc")]), sl(&[]));
        assert_eq!(ok("regex", vec![U, s("abc")]), U);
    }

    #[test]
    fn substr_fn() {
        assert_eq!(
            ok("substr", vec![s("hello world"), n(1.0), n(4.0)]),
            s("ello")
        );
        assert_eq!(ok("substr", vec![s("🤔🤷"), n(0.0), n(1.0)]), s("🤔"));
        assert_eq!(
            ok("substr", vec![s("hello world"), n(-5.0), n(3.0)]),
            s("wor")
        );
        assert_eq!(ok("substr", vec![s("hello"), n(2.0), n(-1.0)]), s("llo"));
        assert_eq!(ok("substr", vec![s("hello"), n(10.0), n(1.0)]), s(""));
        assert_eq!(ok("substr", vec![s("hello"), n(3.0), n(10.0)]), s("lo"));
        assert!(err("substr", vec![s("hello"), n(1.5), n(1.0)]).contains("whole number"));
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
        assert_eq!(
            ok("toset", vec![l(vec![U, s("b"), s("a")])]),
            l(vec![s("a"), s("b"), U])
        );
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
        assert_eq!(
            ok("distinct", vec![l(vec![U, U, s("a")])]),
            l(vec![U, U, s("a")])
        );
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
    fn numeric_fns() {
        assert_eq!(ok("min", vec![n(12.0), n(54.0), n(3.0)]), n(3.0));
        assert_eq!(ok("max", vec![n(12.0), s("54"), n(3.0)]), n(54.0));
        assert_eq!(ok("max", vec![n(1.0), U]), U);
        assert!(err("min", vec![s("x")]).contains("cannot convert"));
        assert_eq!(ok("abs", vec![n(-12.4)]), n(12.4));
        assert_eq!(ok("ceil", vec![n(5.1)]), n(6.0));
        assert_eq!(ok("floor", vec![n(-5.1)]), n(-6.0));
        assert_eq!(ok("signum", vec![n(-3.0)]), n(-1.0));
        assert_eq!(ok("pow", vec![n(3.0), n(2.0)]), n(9.0));
        assert_eq!(ok("log", vec![n(16.0), n(2.0)]), n(4.0));
        assert_eq!(ok("parseint", vec![s("FF"), n(16.0)]), n(255.0));
        assert_eq!(ok("parseint", vec![s("-1010"), n(2.0)]), n(-10.0));
        assert!(err("parseint", vec![s("12"), n(2.0)]).contains("cannot parse"));
        assert_eq!(ok("sum", vec![l(vec![n(10.0), n(2.5), s("1")])]), n(13.5));
        assert!(err("sum", vec![sl(&[])]).contains("empty"));
        assert_eq!(ok("sum", vec![l(vec![n(1.0), U])]), U);
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
    fn string_predicates() {
        assert_eq!(
            ok("startswith", vec![s("hello"), s("he")]),
            Value::Bool(true)
        );
        assert_eq!(
            ok("startswith", vec![s("hello"), s("lo")]),
            Value::Bool(false)
        );
        assert_eq!(ok("endswith", vec![s("hello"), s("lo")]), Value::Bool(true));
        assert_eq!(
            ok("strcontains", vec![s("hello"), s("ell")]),
            Value::Bool(true)
        );
        assert_eq!(
            ok("strcontains", vec![s("hello"), s("x")]),
            Value::Bool(false)
        );
        assert_eq!(ok("startswith", vec![U, s("x")]), U);
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
    fn file_fns() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("module");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("hello.txt"), "hi there\n").unwrap();
        std::fs::write(dir.join("bin"), [0xffu8, 0x00]).unwrap();
        std::fs::write(tmp.path().join("secret"), "s3cret").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret"), dir.join("link")).unwrap();
        std::fs::write(dir.join("big"), [b'x'; 100]).unwrap();
        let limit = crate::text::bounded::Limits {
            input: 1 << 20,
            file: 99,
        }
        .file();
        let files = Files::new(&dir, limit);
        let c = |name: &str, p: &str| call(name, vec![s(p)], &files);
        assert_eq!(c("file", "hello.txt"), Ok(s("hi there\n")));
        assert_eq!(c("file", "./sub/../hello.txt"), Ok(s("hi there\n")));
        assert!(
            c("file", "missing.txt")
                .unwrap_err()
                .starts_with("file: no file exists")
        );
        assert!(c("file", "bin").unwrap_err().contains("not valid UTF-8"));
        assert_eq!(c("filebase64", "bin"), Ok(s("/wA=")));
        assert_eq!(c("fileexists", "hello.txt"), Ok(Value::Bool(true)));
        assert_eq!(c("fileexists", "nope"), Ok(Value::Bool(false)));
        assert!(c("fileexists", "sub").unwrap_err().contains("directory"));
        assert_eq!(call("file", vec![U], &files), Ok(U));
        assert!(files.take_notes().is_empty());
        // Refused: unknown, with one note each.
        assert_eq!(c("file", "../secret"), Ok(U));
        assert_eq!(c("filebase64", "../secret"), Ok(U));
        assert_eq!(c("fileexists", "../secret"), Ok(U));
        assert_eq!(c("file", "/etc/hostname"), Ok(U));
        assert_eq!(c("file", "link"), Ok(U));
        assert_eq!(c("file", "sub"), Ok(U));
        assert_eq!(c("file", "big"), Ok(U));
        assert_eq!(
            call("file", vec![sens(s("../secret"))], &files),
            Ok(sens(U))
        );
        let notes = files.take_notes();
        assert_eq!(notes.len(), 6, "{notes:#?}");
        assert!(
            notes[0].starts_with("file \"../secret\" was not read: it is outside the checked tree")
        );
        assert!(
            notes[2].contains("links to a file that is outside"),
            "{}",
            notes[2]
        );
        assert!(
            notes[3].contains("not a regular file (a directory)"),
            "{}",
            notes[3]
        );
        assert!(
            notes[4].contains("larger than the 99 bytes file limit"),
            "{}",
            notes[4]
        );
        assert!(
            notes[5].starts_with("file \"(a path from a sensitive value)\""),
            "{}",
            notes[5]
        );
        assert!(notes.iter().all(|n| !n.contains("s3cret")));
    }

    #[test]
    fn file_fns_read_the_whole_repository() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
        let dir = tmp.path().join("infra/prod");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(tmp.path().join("region.txt"), "eu-west-1").unwrap();
        let files = Files::new(&dir, crate::text::bounded::Limits::default().file());
        let got = call("file", vec![s("../../region.txt")], &files);
        assert_eq!(got, Ok(s("eu-west-1")));
        assert_eq!(call("file", vec![s("../../../x")], &files), Ok(U));
    }

    #[test]
    fn path_fns() {
        assert_eq!(ok("basename", vec![s("foo/bar/baz.txt")]), s("baz.txt"));
        assert_eq!(ok("basename", vec![s("foo/bar/")]), s("bar"));
        assert_eq!(ok("basename", vec![s("/")]), s("/"));
        assert_eq!(ok("basename", vec![s("")]), s("."));
        assert_eq!(ok("dirname", vec![s("foo/bar/baz.txt")]), s("foo/bar"));
        assert_eq!(ok("dirname", vec![s("baz.txt")]), s("."));
        assert_eq!(ok("dirname", vec![s("/baz.txt")]), s("/"));
        assert_eq!(ok("dirname", vec![s("a/./b/../c/d")]), s("a/c"));
    }

    #[test]
    fn base64_fns() {
        assert_eq!(
            ok("base64encode", vec![s("Hello World")]),
            s("SGVsbG8gV29ybGQ=")
        );
        assert_eq!(
            ok("base64decode", vec![s("SGVsbG8gV29ybGQ=")]),
            s("Hello World")
        );
        assert!(err("base64decode", vec![s("!!!")]).contains("failed to decode"));
        assert!(err("base64decode", vec![s("/w==")]).contains("UTF-8"));
        assert_eq!(ok("base64encode", vec![sens(s("pw"))]), sens(s("cHc=")));
    }

    #[test]
    fn cidr_fns() {
        assert_eq!(
            ok("cidrsubnet", vec![s("172.16.0.0/12"), n(4.0), n(2.0)]),
            s("172.18.0.0/16")
        );
        assert_eq!(
            ok("cidrsubnet", vec![s("10.1.2.0/24"), n(4.0), n(15.0)]),
            s("10.1.2.240/28")
        );
        assert_eq!(
            ok("cidrsubnet", vec![s("10.1.2.3/16"), n(8.0), n(3.0)]),
            s("10.1.3.0/24")
        );
        assert_eq!(
            ok(
                "cidrsubnet",
                vec![s("fd00:fd12:3456:7890::/56"), n(16.0), n(162.0)]
            ),
            s("fd00:fd12:3456:7800:a200::/72")
        );
        assert!(err("cidrsubnet", vec![s("10.0.0.0/24"), n(2.0), n(4.0)]).contains("accommodate"));
        assert!(err("cidrsubnet", vec![s("10.0.0.0/30"), n(4.0), n(0.0)]).contains("insufficient"));
        assert!(err("cidrsubnet", vec![s("nope"), n(4.0), n(0.0)]).contains("invalid CIDR"));
        assert_eq!(
            ok("cidrhost", vec![s("10.12.112.0/20"), n(16.0)]),
            s("10.12.112.16")
        );
        assert_eq!(
            ok("cidrhost", vec![s("10.12.112.0/20"), n(268.0)]),
            s("10.12.113.12")
        );
        assert_eq!(
            ok("cidrhost", vec![s("10.0.0.0/24"), n(-1.0)]),
            s("10.0.0.255")
        );
        assert_eq!(
            ok(
                "cidrhost",
                vec![s("fd00:fd12:3456:7890:00a2::/72"), n(34.0)]
            ),
            s("fd00:fd12:3456:7890::22")
        );
        assert!(err("cidrhost", vec![s("10.0.0.0/24"), n(256.0)]).contains("cannot accommodate"));
        assert!(err("cidrhost", vec![s("10.0.0.0/24"), n(-257.0)]).contains("cannot accommodate"));
        assert_eq!(
            ok("cidrnetmask", vec![s("172.16.0.0/12")]),
            s("255.240.0.0")
        );
        assert_eq!(ok("cidrhost", vec![U, n(1.0)]), U);
    }

    #[test]
    fn misc_string_fns() {
        assert_eq!(ok("chomp", vec![s("hello\r\n\n")]), s("hello"));
        assert_eq!(ok("strrev", vec![s("abc")]), s("cba"));
        assert_eq!(ok("indent", vec![n(2.0), s("a\nb")]), s("a\n  b"));
        assert_eq!(ok("urlencode", vec![s("a b&c/é")]), s("a+b%26c%2F%C3%A9"));
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

    #[test]
    fn unknowable_fns() {
        assert_eq!(ok("timestamp", vec![]), U);
        assert_eq!(ok("plantimestamp", vec![]), U);
        assert_eq!(ok("uuid", vec![]), U);
        assert_eq!(ok("bcrypt", vec![s("pw"), n(10.0)]), U);
    }
}
