//! Plan fields of the wrong type: an error naming the field and its byte
//! position, never a silent change of the findings (issue 13, item 6).

mod common;

use rayon::prelude::*;
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;
use tfward::load::{LoadOptions, load_bytes};

/// (rule id, address) of every finding, or the load error's text.
fn findings(bytes: &[u8]) -> Result<BTreeSet<(String, String)>, String> {
    let models = load_bytes(Path::new("plan.json"), bytes, &LoadOptions::default())
        .map_err(|e| e.to_string())?;
    static POLICY: LazyLock<tfward::policy::Policy> =
        LazyLock::new(tfward::policy::Policy::builtin);
    let policy = &*POLICY;
    let mut out = BTreeSet::new();
    for model in &models {
        for f in tfward::rules::run(model, policy, tfward::rules::RULES) {
            out.insert((f.rule.to_string(), f.address));
        }
    }
    Ok(out)
}

/// A small plan with one provider configuration, one module call and a
/// bucket whose region the configuration sets: its findings are known.
fn base_plan() -> Json {
    serde_json::json!({
        "format_version": "1.2",
        "terraform_version": "1.9.0",
        "variables": {"region": {"value": "us-east-1"}},
        "planned_values": {"root_module": {"resources": [{
            "address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket",
            "name": "logs", "provider_name": "registry.terraform.io/hashicorp/aws",
            "values": {"bucket": "logs"}, "sensitive_values": {}
        }]}},
        "resource_changes": [{
            "address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket",
            "name": "logs", "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["create"], "before": null,
                "after": {"bucket": "logs"}, "after_unknown": {"arn": true},
                "before_sensitive": false, "after_sensitive": {}}
        }],
        "configuration": {
            "provider_config": {"aws": {"name": "aws",
                "full_name": "registry.terraform.io/hashicorp/aws",
                "expressions": {"region": {"constant_value": "us-east-1"}}}},
            "root_module": {
                "resources": [{
                    "address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket",
                    "name": "logs", "provider_config_key": "aws",
                    "expressions": {"bucket": {"constant_value": "logs"},
                        "tags": {"references": ["var.region"]}}
                }],
                "module_calls": {"net": {"source": "./net", "module": {}}}
            }
        }
    })
}

fn to_bytes(doc: &Json) -> Vec<u8> {
    serde_json::to_vec_pretty(doc).expect("serializes")
}

/// The load error for `doc`, which must not load.
fn load_error(doc: &Json) -> String {
    match findings(&to_bytes(doc)) {
        Err(e) => e,
        Ok(f) => panic!("loaded with findings {f:?}; expected an error"),
    }
}

/// The error names the field path and the byte where its value starts.
fn assert_names(err: &str, field: &str, bytes: &[u8], needle: &str) {
    assert!(err.contains(field), "{err}");
    let at = find(bytes, needle);
    assert!(
        err.contains(&format!("(at byte {at})")),
        "{err}: expected byte {at}"
    );
    assert!(!err.contains("invalid type"), "serde's words: {err}");
}

/// Where the value of `needle` (`"key": value...`, unique in the plan) starts.
fn find(bytes: &[u8], needle: &str) -> usize {
    let text = std::str::from_utf8(bytes).expect("utf8");
    let at = text.find(needle).expect("needle in the plan");
    assert_eq!(text.matches(needle).count(), 1, "{needle} is not unique");
    let after = at + needle.find(':').expect("a key and colon") + 1;
    after
        + text[after..]
            .find(|c: char| !c.is_whitespace())
            .expect("value")
}

#[test]
fn the_base_plan_loads() {
    findings(&to_bytes(&base_plan())).expect("the intact plan loads");
}

#[test]
fn provider_region_as_a_number_is_an_error() {
    let mut doc = base_plan();
    doc["configuration"]["provider_config"]["aws"]["expressions"]["region"] = 5.into();
    let err = load_error(&doc);
    let bytes = to_bytes(&doc);
    assert_names(
        &err,
        "configuration.provider_config.aws.expressions.region: expected",
        &bytes,
        "\"region\": 5",
    );
    assert!(err.contains("found a number"), "{err}");
    assert!(err.starts_with("plan.json: "), "{err}");
}

#[test]
fn root_module_resources_as_an_object_is_an_error() {
    let mut doc = base_plan();
    doc["configuration"]["root_module"]["resources"] = serde_json::json!({});
    let err = load_error(&doc);
    let bytes = to_bytes(&doc);
    assert_names(
        &err,
        "configuration.root_module.resources: expected a list, found an object",
        &bytes,
        "\"resources\": {",
    );
}

#[test]
fn a_module_call_that_is_a_string_is_an_error() {
    let mut doc = base_plan();
    doc["configuration"]["root_module"]["module_calls"]["net"] = "./net".into();
    let err = load_error(&doc);
    let bytes = to_bytes(&doc);
    assert_names(
        &err,
        "configuration.root_module.module_calls.net: expected an object, found a string",
        &bytes,
        "\"net\": ",
    );
}

#[test]
fn expression_references_as_a_string_is_an_error() {
    let mut doc = base_plan();
    doc["configuration"]["root_module"]["resources"][0]["expressions"]["tags"]["references"] =
        "var.region".into();
    let err = load_error(&doc);
    let bytes = to_bytes(&doc);
    assert_names(
        &err,
        "configuration.root_module.resources[0].expressions.tags.references: expected a list",
        &bytes,
        "\"references\": ",
    );
}

#[test]
fn a_wrong_type_in_a_streamed_section_names_the_field_and_its_byte() {
    let mut doc = base_plan();
    doc["planned_values"]["root_module"]["resources"] = "none".into();
    let err = load_error(&doc);
    let bytes = to_bytes(&doc);
    assert_names(
        &err,
        "planned_values.root_module.resources: expected a list, found a string",
        &bytes,
        "\"resources\": \"none\"",
    );
    // The string's text (hostile input) is not repeated.
    assert!(!err.contains("none"), "{err}");
}

#[test]
fn a_sensitive_shape_of_the_wrong_type_is_an_error() {
    let mut doc = base_plan();
    doc["resource_changes"][0]["change"]["after_sensitive"] = "bucket".into();
    let err = load_error(&doc);
    assert!(
        err.contains("resource_changes[0].change.after_sensitive: expected"),
        "{err}"
    );
}

#[test]
fn json_that_is_not_a_plan_says_so() {
    for text in [
        r#"{"foo": 1}"#,
        r#"{"name": "app", "version": "1.0.0", "dependencies": {}}"#,
        // JSON that is not an object, in a .json file: not "invalid HCL".
        "5",
        r#""a string""#,
    ] {
        let err = load_bytes(
            Path::new("x.json"),
            text.as_bytes(),
            &LoadOptions::default(),
        )
        .expect_err("not a plan")
        .to_string();
        assert!(err.starts_with("x.json: not a Terraform plan"), "{err}");
        assert!(!err.contains("HCL"), "{err}");
    }
}

// --- the mutation test over the corpus -------------------------------------

#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

/// Every path of the document, in document order (the root excluded).
fn paths(v: &Json, at: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    match v {
        Json::Object(map) => {
            for (k, child) in map {
                at.push(Seg::Key(k.clone()));
                out.push(at.clone());
                paths(child, at, out);
                at.pop();
            }
        }
        Json::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(Seg::Index(i));
                out.push(at.clone());
                paths(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn get_mut<'a>(v: &'a mut Json, path: &[Seg]) -> &'a mut Json {
    path.iter().fold(v, |v, seg| match seg {
        Seg::Key(k) => &mut v[k.as_str()],
        Seg::Index(i) => &mut v[*i],
    })
}

/// A value of another JSON type; None for null (nothing to mutate into).
fn mutation(v: &Json) -> Option<Json> {
    Some(match v {
        Json::Object(_) => 7.into(),
        Json::Array(_) => "mutated".into(),
        Json::String(_) => 7.into(),
        Json::Number(_) => "7".into(),
        Json::Bool(_) => "true".into(),
        Json::Null => return None,
    })
}

/// Paths of free-form values: any JSON is a valid value there, so a
/// mutation may change the findings (a region string made a number is
/// another region) without being a type error. Exempt are the contents of a
/// resource's attributes (`before`, `after`, a module-tree resource's
/// `values`: the object itself has a type the loader checks), and an
/// expression's `constant_value`, a root variable's `value` and a
/// configuration variable's `default`, whole (any JSON value is one).
/// Everything else must keep the findings or be an error naming it.
fn free_form(path: &[Seg]) -> bool {
    let key = |i: usize| match path.get(i) {
        Some(Seg::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    let last = path.len() - 1;
    (0..path.len()).any(|i| match key(i) {
        Some("before" | "after") => i < last && i >= 2 && key(i - 1) == Some("change"),
        // `prior_state.values` / a state's `values` hold the module tree.
        Some("values") => i < last && key(i + 1) != Some("root_module"),
        Some("constant_value") => true,
        Some("value") => i == 2 && key(0) == Some("variables"),
        Some("default") => i >= 2 && key(i - 2) == Some("variables"),
        _ => false,
    })
}

/// Deletions that leave a valid plan which knows less, not a malformed one:
/// `configuration` only explains where values came from, so a missing
/// provider `region` or resource `expressions` makes a region unknown, and
/// unknown is never evidence: fewer findings is the right answer. The same
/// for a module-tree resource without its `values` object: its attributes
/// are then not known.
fn says_less(path: &[Seg]) -> bool {
    matches!(path.first(), Some(Seg::Key(k)) if k == "configuration")
        || matches!(path.last(), Some(Seg::Key(k)) if k == "values")
}

/// Mutations of one plan at most: every path outside free-form values,
/// and as many free-form ones, evenly spaced, as fit. The four largest plans
/// have thousands of attribute values, which the loader copies without
/// looking at their types; the cap keeps the test near a minute in debug.
const PER_PLAN: usize = 400;

/// The paths to mutate, in document order.
fn chosen(all: Vec<Vec<Seg>>) -> Vec<Vec<Seg>> {
    let (free, typed): (Vec<_>, Vec<_>) = all.into_iter().partition(|p| free_form(p));
    let room = PER_PLAN.saturating_sub(typed.len()).min(free.len());
    let step = free.len() as f64 / room.max(1) as f64;
    let mut picked = typed;
    picked.extend((0..room).map(|i| free[(i as f64 * step) as usize].clone()));
    picked
}

fn render(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// N of "(at byte N)" in an error.
fn byte_named(err: &str) -> Option<usize> {
    let rest = &err[err.rfind("(at byte ")? + "(at byte ".len()..];
    rest[..rest.find(')')?].parse().ok()
}

fn last_segment(path: &[Seg]) -> String {
    match path.last().expect("non-empty") {
        Seg::Key(k) => k.clone(),
        Seg::Index(i) => format!("[{i}]"),
    }
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn every_wrong_type_in_the_corpus_keeps_the_findings_or_is_named() {
    let files = common::corpus_plans();
    let (mut mutations, mut kept, mut errored, mut free_changed) = (0, 0, 0, 0);
    let mut silent = Vec::new();
    for file in &files {
        let raw = std::fs::read(file).expect("fixture");
        let text = tfward::text::decode_text(file, &raw).expect("text");
        let doc: Json = serde_json::from_str(&text).expect("JSON");
        // The baseline is the re-serialized document, as every mutation is.
        let base = findings(&serde_json::to_vec(&doc).expect("serializes"))
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let mut all = Vec::new();
        paths(&doc, &mut Vec::new(), &mut all);
        let all = chosen(all);
        // Loaded on every core.
        let outcomes: Vec<_> = all
            .par_iter()
            .filter_map(|path| {
                let mut mutated = doc.clone();
                let slot = get_mut(&mut mutated, path);
                let new = mutation(slot)?;
                *slot = new.clone();
                let bytes = serde_json::to_vec(&mutated).expect("serializes");
                let outcome = findings(&bytes).map_err(|e| {
                    // Whether the byte named is where the mutated value is.
                    let at = byte_named(&e);
                    let there = at.and_then(|at| bytes.get(at..)).unwrap_or_default();
                    let value = serde_json::to_vec(&new).expect("serializes");
                    (e, there.starts_with(&value))
                });
                Some((path, outcome))
            })
            .collect();
        for (path, outcome) in outcomes {
            mutations += 1;
            match outcome {
                Ok(f) if f == base => kept += 1,
                Ok(_) if free_form(path) => free_changed += 1,
                Ok(f) => silent.push(format!(
                    "{}: {}: findings changed without an error: {:?} -> {:?}",
                    file.display(),
                    render(path),
                    base.symmetric_difference(&f).collect::<Vec<_>>(),
                    f.len()
                )),
                Err((e, true)) if e.contains(&last_segment(path)) => errored += 1,
                Err((e, _)) => silent.push(format!(
                    "{}: {}: the error does not name the field and the byte of its value: {e}",
                    file.display(),
                    render(path)
                )),
            }
        }
    }
    println!(
        "plans {}, mutations {mutations}, kept {kept}, errored {errored}, \
         changed inside free-form values {free_changed}, failures {}",
        files.len(),
        silent.len()
    );
    assert!(
        silent.is_empty(),
        "{} of {mutations} mutations:\n{}",
        silent.len(),
        silent.join("\n")
    );
}

#[test]
fn the_byte_is_the_files_own_after_a_bom_and_in_utf16() {
    let mut doc = base_plan();
    doc["configuration"]["root_module"]["module_calls"]["net"]["source"] = 3.into();
    // Before it in the document: characters of several bytes and UTF-16 units.
    doc["configuration"]["provider_config"]["aws"]["version_constraint"] = "~> 5 — ü 東 𝄞".into();
    let text = String::from_utf8(to_bytes(&doc)).expect("utf8");
    let at = find(text.as_bytes(), "\"source\": 3");
    assert!(text.find('𝄞').is_some_and(|c| c < at));
    let with_bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
    let err = findings(&with_bom).expect_err("a number where the source belongs");
    assert!(err.ends_with(&format!("(at byte {})", at + 3)), "{err}");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let err = findings(&utf16).expect_err("a number where the source belongs");
    let units = text[..at].encode_utf16().count();
    assert!(
        err.ends_with(&format!("(at byte {})", 2 + 2 * units)),
        "{err}"
    );
    assert!(
        err.contains(
            "configuration.root_module.module_calls.net.source: expected a string, found a number"
        ),
        "{err}"
    );
}

/// Removes the key at `path` (an object member), or sets it to null.
fn deleted(doc: &Json, path: &[Seg], to_null: bool) -> Option<Json> {
    let (Seg::Key(last), parent) = path.split_last()? else {
        return None;
    };
    let mut out = doc.clone();
    let map = get_mut(&mut out, parent).as_object_mut()?;
    if to_null {
        if map.get(last)?.is_null() {
            return None;
        }
        map.insert(last.clone(), Json::Null);
    } else {
        map.remove(last)?;
    }
    Some(out)
}

/// Issue 13: a field missing (or null) keeps the findings or is an error
/// naming it; it never silently drops what the plan says.
#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn every_missing_field_in_the_corpus_keeps_the_findings_or_is_named() {
    let files = common::corpus_plans();
    let (mut mutations, mut kept, mut errored, mut free_changed) = (0, 0, 0, 0);
    let (mut gained, mut said_less) = (0, 0);
    let mut silent = Vec::new();
    for file in &files {
        let raw = std::fs::read(file).expect("fixture");
        let text = tfward::text::decode_text(file, &raw).expect("text");
        let doc: Json = serde_json::from_str(&text).expect("JSON");
        let base = findings(&serde_json::to_vec(&doc).expect("serializes"))
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let mut all = Vec::new();
        paths(&doc, &mut Vec::new(), &mut all);
        let all = chosen(all);
        let outcomes: Vec<_> = all
            .par_iter()
            .flat_map_iter(|path| {
                let doc = &doc;
                [false, true].into_iter().filter_map(move |to_null| {
                    let mutated = deleted(doc, path, to_null)?;
                    let bytes = serde_json::to_vec(&mutated).expect("serializes");
                    Some((path, to_null, findings(&bytes)))
                })
            })
            .collect();
        for (path, to_null, outcome) in outcomes {
            mutations += 1;
            let how = if to_null { "set to null" } else { "deleted" };
            match outcome {
                Ok(f) if f == base => kept += 1,
                Ok(_) if free_form(path) => free_changed += 1,
                Ok(_) if says_less(path) => said_less += 1,
                // A plan that says less may warrant more findings (a provider
                // without `region` is unresolved); losing one is the silent pass.
                Ok(f) if f.is_superset(&base) => gained += 1,
                Ok(f) => silent.push(format!(
                    "{}: {} {how}: findings lost without an error: {:?}",
                    file.display(),
                    render(path),
                    base.difference(&f).collect::<Vec<_>>(),
                )),
                Err(e) if e.contains(&last_segment(path)) => errored += 1,
                Err(e) => silent.push(format!(
                    "{}: {} {how}: the error does not name the field: {e}",
                    file.display(),
                    render(path)
                )),
            }
        }
    }
    println!(
        "plans {}, deletions {mutations}, kept {kept}, more findings {gained}, errored {errored}, \
         changed inside free-form values {free_changed}, configuration that says less \
         {said_less}, failures {}",
        files.len(),
        silent.len()
    );
    assert!(
        silent.is_empty(),
        "{} of {mutations} deletions:\n{}",
        silent.len(),
        silent
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn c09() -> Json {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/differential/c09-global-services/plan.json");
    serde_json::from_slice(&std::fs::read(path).expect("fixture")).expect("JSON")
}

#[test]
fn a_change_entry_without_its_change_is_an_error() {
    let base = c09();
    assert_eq!(findings(&to_bytes(&base)).expect("loads").len(), 5);
    let mut doc = base.clone();
    for rc in doc["resource_changes"].as_array_mut().expect("list") {
        rc.as_object_mut().expect("object").remove("change");
    }
    let err = load_error(&doc);
    assert!(
        err.contains("resource_changes[0] (aws_acm_certificate.cf): no \"change\" (at byte "),
        "{err}"
    );
}

#[test]
fn after_null_on_a_create_is_an_error() {
    let mut doc = c09();
    for rc in doc["resource_changes"].as_array_mut().expect("list") {
        rc["change"]["after"] = Json::Null;
    }
    let err = load_error(&doc);
    assert!(
        err.contains("\"change.after\" is null, but \"change.actions\" is [\"create\"]"),
        "{err}"
    );
}

#[test]
fn a_configuration_resource_without_its_address_is_an_error() {
    let mut doc = base_plan();
    let resources = doc["configuration"]["root_module"]["resources"]
        .as_array_mut()
        .expect("list");
    resources[0]
        .as_object_mut()
        .expect("object")
        .remove("address");
    let err = load_error(&doc);
    assert!(
        err.contains("configuration.root_module.resources[0].address: expected a string, found nothing (at byte "),
        "{err}"
    );
}
