//! Unknown is never evidence (RULES.md): making any one attribute value,
//! nested block or list element of any resource unknown, down to four levels
//! (a policy document's statement, its principals, their identifiers), never
//! adds a finding, in any rule fixture, in any input form it has.
//!
//! The mutation is made on the loaded model, so it covers every form the same
//! way. `TFWARD_UNKNOWN_REPORT=FILE` writes every added finding to FILE.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tfward::load::{LoadOptions, load_path};
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
            ["hcl", "plan.json", "tfjson", "cdktf"].contains(&name)
        })
        .collect();
    out.sort();
    out
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
    let Some((first, rest)) = path.split_first() else {
        *value = Value::Unknown;
        return;
    };
    match (first, value) {
        (Step::Key(k), Value::Map(map)) => {
            if let Some(v) = map.get_mut(k.as_str()) {
                set_unknown(v, rest)
            }
        }
        (Step::Index(i), Value::List(items)) => {
            if let Some(v) = items.get_mut(*i) {
                set_unknown(v, rest)
            }
        }
        (_, Value::Sensitive(inner)) => set_unknown(inner, path),
        _ => {}
    }
}

fn found(model: &Model, policy: &Policy) -> BTreeSet<(String, String)> {
    rules::run(model, policy, RULES)
        .into_iter()
        .map(|f| (f.rule.to_string(), f.address.clone()))
        .collect()
}

#[test]
fn an_unknown_value_never_adds_a_finding() {
    let policy = Policy::builtin();
    let mut added = BTreeSet::new();
    let mut mutations = 0;
    for input in inputs() {
        let models = load_path(&input, &LoadOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        for model in &models {
            let before = found(model, &policy);
            for (r, res) in model.resources.iter().enumerate() {
                let mut all = Vec::new();
                paths(
                    &Value::Map(res.attrs.clone()),
                    &mut Vec::new(),
                    &mut all,
                    DEPTH,
                );
                for path in all {
                    mutations += 1;
                    let mut changed = model.clone();
                    let mut attrs = Value::Map(std::mem::take(&mut changed.resources[r].attrs));
                    set_unknown(&mut attrs, &path);
                    let Value::Map(attrs) = attrs else {
                        unreachable!("a map stays a map")
                    };
                    changed.resources[r].attrs = attrs;
                    for (rule, address) in found(&changed, &policy).difference(&before) {
                        added.insert(format!(
                            "{}: {} {path:?} unknown adds {rule} on {address}",
                            input.display(),
                            res.address
                        ));
                    }
                }
            }
        }
    }
    if let Ok(file) = std::env::var("TFWARD_UNKNOWN_REPORT") {
        std::fs::write(file, added.iter().cloned().collect::<Vec<_>>().join("\n"))
            .expect("report written");
    }
    assert!(
        mutations > 10_000,
        "only {mutations} mutations: fixtures missing?"
    );
    assert!(
        added.is_empty(),
        "{} of {mutations} mutations added a finding:\n{}",
        added.len(),
        added
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
