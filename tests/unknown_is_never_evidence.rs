//! Unknown is never evidence (RULES.md): making any one attribute value,
//! nested block or list element of any resource unknown, down to four levels
//! (a policy document's statement, its principals, their identifiers), never
//! adds a finding, in any rule fixture, in any input form it has.
//!
//! The same holds inside a policy document given as JSON text: any part of a
//! statement (down to a principal's identifier or one ARN of a `Resource`
//! list) made `${unknown}`, as `jsonencode` writes a part known after apply,
//! never adds a finding either.
//!
//! The mutation is made on the loaded model, so it covers every form the same
//! way. `TFWARD_UNKNOWN_REPORT=FILE` writes every added finding to FILE.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tfward::load::{load_path, with_source};
use tfward::model::{Model, Value};
use tfward::policy::Policy;
use tfward::rules::{self, RULES};

/// How deep into a resource's values the mutations go.
const DEPTH: usize = 4;

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    let mut out: Vec<PathBuf> = glob::glob(&format!("{}/*/*/*", root.display()))
        .expect("pattern")
        .filter_map(Result::ok)
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            ["hcl", "plan.json", "tfjson", "cdktf", "cfn", "cdk"].contains(&name)
        })
        .collect();
    out.sort();
    out
}

/// An input's models; a case's `plan.json` beside `hcl/` also checked with
/// it as its configuration (`--source`), the merge being a form of its own.
fn load(input: &Path) -> Vec<tfward::model::Model> {
    let case = input.parent().unwrap_or(input);
    let (form, opts) = common::form_input(case, input);
    let mut models = load_path(&form, &opts).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    let source = input.with_file_name("hcl");
    if input.ends_with("plan.json") && source.is_dir() {
        models.extend(
            with_source(models.clone(), &source, &opts)
                .unwrap_or_else(|e| panic!("{} --source: {e}", input.display())),
        );
    }
    models
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every path to a map member or list element of `value`, down to `depth`.
fn paths(value: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>, depth: usize) {
    if depth == 0 {
        return;
    }
    match value {
        Value::Map(map) => {
            for (k, v) in map.iter() {
                prefix.push(Step::Key(k.to_string()));
                out.push(prefix.clone());
                paths(v, prefix, out, depth - 1);
                prefix.pop();
            }
        }
        Value::List(items) => {
            for (i, v) in items.iter().enumerate() {
                prefix.push(Step::Index(i));
                out.push(prefix.clone());
                paths(v, prefix, out, depth - 1);
                prefix.pop();
            }
        }
        Value::Sensitive(inner) => paths(inner, prefix, out, depth),
        _ => {}
    }
}

fn set_unknown(value: &mut Value, path: &[Step]) {
    replace_at(value, path, &|_| Value::Unknown);
}

/// Replaces the value at `path` with what `with` makes of it.
fn replace_at(value: &mut Value, path: &[Step], with: &dyn Fn(&Value) -> Value) {
    let Some((first, rest)) = path.split_first() else {
        *value = with(value);
        return;
    };
    match (first, value) {
        (Step::Key(k), Value::Map(map)) => {
            if let Some(v) = map.get_mut(k.as_str()) {
                replace_at(v, rest, with)
            }
        }
        (Step::Index(i), Value::List(items)) => {
            if let Some(v) = items.get_mut(*i) {
                replace_at(v, rest, with)
            }
        }
        (_, Value::Sensitive(inner)) => replace_at(inner, path, with),
        _ => {}
    }
}

fn found(model: &Model, policy: &Policy) -> BTreeSet<(String, String)> {
    rules::run(model, policy, RULES)
        .into_iter()
        .map(|f| (f.rule.to_string(), f.address.clone()))
        .collect()
}

/// Runs the rules on every fixture model, then again after each change that
/// `mutations` makes to one resource's attributes (given and returned as a
/// map value, with a label for the report). Returns how many changes were
/// tried and every finding one of them added.
fn added_findings(mutations: impl Fn(&Value) -> Vec<(String, Value)>) -> (usize, BTreeSet<String>) {
    let policy = Policy::builtin();
    let mut added = BTreeSet::new();
    let mut tried = 0;
    for input in inputs() {
        for model in &load(&input) {
            let before = found(model, &policy);
            for (r, res) in model.resources.iter().enumerate() {
                for (label, attrs) in mutations(&Value::Map(res.attrs.clone())) {
                    tried += 1;
                    let Value::Map(attrs) = attrs else {
                        unreachable!("a map stays a map")
                    };
                    let mut changed = model.clone();
                    changed.resources[r].attrs = attrs;
                    for (rule, address) in found(&changed, &policy).difference(&before) {
                        added.insert(format!(
                            "{}: {} {label} unknown adds {rule} on {address}",
                            input.display(),
                            res.address
                        ));
                    }
                }
            }
        }
    }
    (tried, added)
}

/// Fails with the first findings added, if any.
fn assert_none_added(tried: usize, added: &BTreeSet<String>) {
    assert!(
        added.is_empty(),
        "{} of {tried} mutations added a finding:\n{}",
        added.len(),
        added
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Every path to a value of `attrs`, down to `DEPTH`.
fn value_paths(attrs: &Value) -> Vec<Vec<Step>> {
    let mut all = Vec::new();
    paths(attrs, &mut Vec::new(), &mut all, DEPTH);
    all
}

#[test]
fn an_unknown_value_never_adds_a_finding() {
    let (tried, added) = added_findings(|attrs| {
        value_paths(attrs)
            .into_iter()
            .map(|path| {
                let mut changed = attrs.clone();
                set_unknown(&mut changed, &path);
                (format!("{path:?}"), changed)
            })
            .collect()
    });
    if let Ok(file) = std::env::var("TFWARD_UNKNOWN_REPORT") {
        std::fs::write(file, added.iter().cloned().collect::<Vec<_>>().join("\n"))
            .expect("report written");
    }
    assert!(tried > 10_000, "only {tried} mutations: fixtures missing?");
    assert_none_added(tried, &added);
}

/// Every path to a member or element of a JSON policy's statements, down to `depth`.
fn json_paths(
    json: &serde_json::Value,
    prefix: &mut Vec<Step>,
    out: &mut Vec<Vec<Step>>,
    depth: usize,
) {
    if depth == 0 {
        return;
    }
    match json {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                prefix.push(Step::Key(k.clone()));
                out.push(prefix.clone());
                json_paths(v, prefix, out, depth - 1);
                prefix.pop();
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                prefix.push(Step::Index(i));
                out.push(prefix.clone());
                json_paths(v, prefix, out, depth - 1);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn set_json_unknown(json: &mut serde_json::Value, path: &[Step]) {
    let Some((first, rest)) = path.split_first() else {
        *json = serde_json::Value::String("${unknown}".to_string());
        return;
    };
    let next = match (first, json) {
        (Step::Key(k), serde_json::Value::Object(map)) => map.get_mut(k),
        (Step::Index(i), serde_json::Value::Array(items)) => items.get_mut(*i),
        _ => None,
    };
    if let Some(next) = next {
        set_json_unknown(next, rest);
    }
}

fn value_at<'v>(value: &'v Value, path: &[Step]) -> Option<&'v Value> {
    let Some((first, rest)) = path.split_first() else {
        return Some(value);
    };
    let next = match (first, value.unmarked()) {
        (Step::Key(k), Value::Map(map)) => map.get(k.as_str()),
        (Step::Index(i), Value::List(items)) => items.get(*i),
        _ => None,
    }?;
    value_at(next, rest)
}

/// A policy held as JSON text: its parsed statements.
fn policy_json(value: &Value) -> Option<serde_json::Value> {
    let json: serde_json::Value = serde_json::from_str(value.text()?.trim()).ok()?;
    json.get("Statement").is_some().then_some(json)
}

#[test]
fn an_unknown_part_of_a_policy_never_adds_a_finding() {
    let (tried, added) = added_findings(|attrs| {
        let mut out = Vec::new();
        for value_path in value_paths(attrs) {
            let Some(json) = value_at(attrs, &value_path).and_then(policy_json) else {
                continue;
            };
            let mut statement_paths = Vec::new();
            json_paths(
                &json["Statement"],
                &mut vec![Step::Key("Statement".into())],
                &mut statement_paths,
                DEPTH,
            );
            for json_path in statement_paths {
                let mut mutated = json.clone();
                set_json_unknown(&mut mutated, &json_path);
                let text = mutated.to_string();
                let mut changed = attrs.clone();
                replace_at(&mut changed, &value_path, &|v| {
                    let partial = Value::Partial(text.clone());
                    if v.has_sensitive() {
                        Value::Sensitive(Box::new(partial))
                    } else {
                        partial
                    }
                });
                out.push((format!("{value_path:?} {json_path:?}"), changed));
            }
        }
        out
    });
    assert!(tried > 1_000, "only {tried} mutations: policies missing?");
    assert_none_added(tried, &added);
}
