//! The public plan corpus in `../shared/corpus/plans/`: every file loads, and
//! the reference cases of its FORMAT.md resolve as Terraform would.

mod common;

use std::path::{Path, PathBuf};
use tfward::load::{LoadOptions, load_path};
use tfward::model::{InputKind, Model, Region, Resource, Value};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/plans")
}

fn load(rel: &str) -> Model {
    let mut models =
        load_path(&corpus().join(rel), &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(models.len(), 1);
    models.remove(0)
}

fn res<'m>(model: &'m Model, address: &str) -> &'m Resource {
    common::resource(model, address)
}

fn placed(model: &Model, address: &str) -> (String, String) {
    let r = res(model, address);
    (r.placement.provider.clone(), r.placement.region.to_string())
}

fn pair(provider: &str, region: &str) -> (String, String) {
    (provider.to_string(), region.to_string())
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn every_corpus_file_loads() {
    let files = common::corpus_plans();
    let mut failures = Vec::new();
    let mut resources = 0;
    for file in &files {
        match load_path(file, &LoadOptions::default()) {
            Ok(models) => resources += models.iter().map(|m| m.resources.len()).sum::<usize>(),
            Err(e) => failures.push(e.to_string()),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // 467 (470 planned instances, 3 of them only deleted by their plans, so not
    // in the model); a loader that drops resources shows here.
    assert!(
        resources >= 467,
        "only {resources} resources across the corpus"
    );
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn utf16_plans_load_with_their_resources() {
    for rel in [
        "checkov/plan_encodings-win_utf16.json",
        "checkov/plan_with_utf_16_encoding.json",
    ] {
        let bytes = std::fs::read(corpus().join(rel)).expect("fixture");
        assert_eq!(&bytes[..2], &[0xFF, 0xFE], "{rel} is UTF-16 LE with BOM");
        let model = load(rel);
        assert!(
            model.resources.iter().any(|r| r.r#type == "aws_s3_bucket"),
            "{rel}"
        );
    }
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn passed_aliases_resolve_to_root_configurations() {
    // module.child gets `test.second = test.backup`, module.sibling `test.second = test`.
    // The `test` provider has no AWS regions: its configurations' `region`
    // ("elsewhere", "somewhere") does not apply, and the chain shows in the key.
    let m = load("opentofu/provider-aliasing.json");
    assert_eq!(
        placed(&m, "module.child.test_instance.test_secondary"),
        pair("test.backup", "n/a")
    );
    assert_eq!(
        placed(
            &m,
            "module.child.module.grandchild.test_instance.test_alternate"
        ),
        pair("test.backup", "n/a")
    );
    assert_eq!(
        placed(&m, "module.sibling.test_instance.test_secondary"),
        pair("test", "n/a")
    );
    assert_eq!(
        placed(
            &m,
            "module.sibling.module.grandchild.test_instance.test_alternate"
        ),
        pair("test", "n/a")
    );
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn passed_default_slot_reaches_grandchildren() {
    let m = load("opentofu/provider-aliasing-default.json");
    let child: Vec<&Resource> = m
        .resources
        .iter()
        .filter(|r| r.module.starts_with("module.child"))
        .collect();
    assert!(child.len() >= 3);
    for r in child {
        assert_eq!(r.placement.provider, "test.backup", "{}", r.address);
    }
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn broken_chain_walks_up_to_the_inherited_root_default() {
    // Keys `module.s3_module.module.inner_s3_module:aws` stay unresolved in the JSON.
    let m = load("checkov/plan_and_tf_combine_graph.json");
    let inner =
        "module.s3_module.module.inner_s3_module.aws_s3_bucket_public_access_block.var_bucket";
    assert_eq!(placed(&m, inner), pair("aws", "us-west-2"));
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn same_local_name_from_another_source_is_not_inherited() {
    let m = load("opentofu/provider-aliasing-conflict.json");
    assert_eq!(
        placed(&m, "module.child.test_instance.test"),
        pair("module.child:test", "n/a")
    );
    assert_eq!(placed(&m, "test_instance.test"), pair("test", "n/a"));
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn a_region_from_a_variable_in_the_plan_is_not_guessed() {
    // `region = var.region`: the plan records only that the expression uses
    // the variable (us-west-2 in its variables), not the expression.
    let m = load("checkov/plan_with_hcl_for_enrichment.json");
    let r = res(&m, "aws_s3_bucket.test-bucket1");
    assert_eq!(r.placement.region, Region::Unknown);
    assert_eq!(r.placement.provider, "aws.current_region");
    assert!(
        r.placement.source.contains("var.region")
            && r.placement.source.contains("\"us-west-2\"")
            && r.placement.source.contains("--source DIR"),
        "{}",
        r.placement.source
    );
    assert_eq!(placed(&m, "aws_iam_policy.policy").1, "global");
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn pre_1_2_module_keys_resolve_by_position() {
    // Resources of module.child1.module.grandchild1 say `grandchild1:aws`, an entry that does not exist.
    let m = load("regula/resource_view_06_tf_v1_0.json");
    assert_eq!(
        placed(&m, "module.child1.module.grandchild1.aws_vpc.grandchild"),
        pair("aws", "us-east-2")
    );
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn dangling_default_key_with_only_an_alias_declared() {
    let m = load("checkov/plan_root_module_resources_no_values-route53.json");
    assert_eq!(
        placed(&m, "aws_cloudwatch_log_group.aws_route53_example_com"),
        pair("aws.us-east-1", "us-east-1")
    );
    assert_eq!(placed(&m, "aws_route53_zone.example_com").1, "global");
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn references_with_and_without_attribute_expansion() {
    // Terraform 1.0 lists `aws_kms_key.cloudwatch.key_id`; 0.13 only the object.
    let new = load("regula/resource_view_05_tf_v1_0.json");
    let old = load("regula/resource_view_05_tf_v0_13.json");
    for (model, attr) in [(&new, Some("key_id")), (&old, None)] {
        let group = model
            .resources
            .iter()
            .find(|r| r.r#type == "aws_cloudwatch_log_group")
            .expect("log group");
        let kms: Vec<_> = group
            .refs
            .iter()
            .filter(|r| r.attr == "kms_key_id")
            .collect();
        assert_eq!(kms.len(), 1, "{:?}", group.refs);
        assert_eq!(kms[0].target, "aws_kms_key.cloudwatch");
        assert_eq!(kms[0].target_attr.as_deref(), attr);
        assert_eq!(model.lookup(&kms[0].target).count(), 1);
        // kms_key_id is unknown until apply; the reference says which key it will be.
        assert_eq!(group.attr("kms_key_id"), Some(&Value::Unknown));
    }
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn references_through_module_outputs() {
    let m = load("opentofu/equivalence-data_read.json");
    let with_module_ref: Vec<_> = m
        .resources
        .iter()
        .flat_map(|r| r.refs.iter())
        .filter(|r| r.target.starts_with("module.create."))
        .collect();
    assert!(
        !with_module_ref.is_empty(),
        "module.create.id should resolve into the module"
    );
    for r in with_module_ref {
        assert!(
            m.lookup(&r.target).next().is_some(),
            "dangling {}",
            r.target
        );
    }
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn sensitive_values_are_marked() {
    let m = load("opentofu/sensitive-values.json");
    let r = m
        .resources
        .iter()
        .find(|r| r.attr("ami").is_some())
        .expect("resource with ami");
    assert!(matches!(r.attr("ami"), Some(Value::Sensitive(_))));
    assert_eq!(
        r.attr("ami").map(ToString::to_string).as_deref(),
        Some("(sensitive)")
    );
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn state_documents_are_read_as_state() {
    let m = load("opentofu/state-basic.json");
    assert_eq!(m.kind, InputKind::State);
    assert!(!m.resources.is_empty());
    let empty = load("opentofu/state-empty.json");
    assert!(empty.resources.is_empty());
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn errored_plans_say_so() {
    let m = load("opentofu/plan-error.json");
    assert!(
        m.notes.iter().any(|n| n.contains("errored")),
        "{:?}",
        m.notes
    );
}

/// The error loading `bytes` (named `name`) gives, as text; `why` says why it must fail.
fn load_error(name: &str, bytes: &[u8], why: &str) -> String {
    match tfward::load::load_bytes(Path::new(name), bytes, &LoadOptions::default()) {
        Ok(_) => panic!("{why}"),
        Err(e) => e.to_string(),
    }
}

/// The plan loader reads sections on their own (plan.rs): a section of the
/// wrong shape is an error naming it, and `planned_values` still supplies
/// what `resource_changes` leaves out, without repeating what it has.
#[test]
fn plan_sections_are_read_on_their_own() {
    let bad = br#"{"format_version": "1.2", "resource_changes": "nope"}"#;
    let text = load_error(
        "bad.json",
        bad,
        "a string where resource_changes belongs is an error",
    );
    assert!(
        text.contains("bad.json") && text.contains("resource_changes"),
        "{text}"
    );

    let plan = br#"{
      "format_version": "1.2",
      "planned_values": {"root_module": {"resources": [
        {"address": "aws_kms_key.a", "mode": "managed", "type": "aws_kms_key", "name": "a",
         "values": {"description": "from planned_values"}},
        {"address": "aws_kms_key.b", "mode": "managed", "type": "aws_kms_key", "name": "b",
         "values": {"description": "only in planned_values"}}
      ]}},
      "resource_changes": [
        {"address": "aws_kms_key.a", "mode": "managed", "type": "aws_kms_key", "name": "a",
         "change": {"actions": ["create"], "before": null,
                    "after": {"description": "from resource_changes"},
                    "after_unknown": {"arn": true}, "after_sensitive": {}}}
      ]
    }"#;
    let models =
        tfward::load::load_bytes(Path::new("p.json"), plan, &LoadOptions::default()).unwrap();
    let m = &models[0];
    assert_eq!(m.resources.len(), 2, "{:?}", m.resources);
    let description = |addr: &str| res(m, addr).attr("description").and_then(Value::as_str);
    assert_eq!(description("aws_kms_key.a"), Some("from resource_changes"));
    assert_eq!(description("aws_kms_key.b"), Some("only in planned_values"));
    assert_eq!(res(m, "aws_kms_key.a").actions, vec!["create".to_string()]);
}

/// `resource_changes` entries are parsed in parallel batches: the error is
/// still the first bad entry in document order, and a module tree of the
/// wrong shape is an error naming its section.
#[test]
fn plan_errors_name_the_first_bad_entry_and_the_section() {
    let good = r#"{"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k", "change": {"actions": ["create"], "after": {}}}"#;
    let mut entries: Vec<String> = (0..3000)
        .map(|i| good.replace("aws_kms_key.k", &format!("aws_kms_key.k{i}")))
        .collect();
    entries[1500] = r#"{"change": 5}"#.to_string();
    entries[2500] = r#"{"change": "no"}"#.to_string();
    let plan = format!(
        r#"{{"format_version": "1.2", "resource_changes": [{}]}}"#,
        entries.join(",")
    );
    let text = load_error("p.json", plan.as_bytes(), "a bad entry is an error");
    assert!(text.contains("resource_changes[1500]"), "{text}");

    let bad_tree = br#"{"format_version": "1.2", "planned_values": {"root_module": {"child_modules": [{"resources": {"a": 1}}]}}}"#;
    let text = load_error(
        "q.json",
        bad_tree,
        "an object where resources belong is an error",
    );
    assert!(
        text.starts_with("q.json: planned_values.root_module.child_modules[0].resources: ")
            && text.ends_with("(at byte 93)"),
        "{text}"
    );
}

/// A plan of 4 MiB or more is memory-mapped and its pages handed back as they
/// are read (load/pages.rs): it must load exactly as the same bytes in memory.
#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn mapped_plans_load_as_read_ones() {
    let dir = tempfile::tempdir().unwrap();
    let plan = common::generate_plan(dir.path(), 5000);
    let bytes = std::fs::read(&plan).unwrap();
    assert!(
        bytes.len() >= 4 << 20,
        "the plan must be large enough to be mapped"
    );
    let mapped = load_path(&plan, &LoadOptions::default()).unwrap();
    let read = tfward::load::load_bytes(&plan, &bytes, &LoadOptions::default()).unwrap();
    assert_eq!(mapped.len(), read.len());
    let (a, b) = (&mapped[0], &read[0]);
    assert_eq!(a.resources.len(), b.resources.len());
    assert!(a.resources.len() >= 5000, "{}", a.resources.len());
    for (x, y) in a.resources.iter().zip(&b.resources) {
        assert_eq!(x.address, y.address);
        assert_eq!(x.attrs, y.attrs, "{}", x.address);
        assert_eq!(x.refs, y.refs, "{}", x.address);
        assert_eq!(x.placement, y.placement, "{}", x.address);
    }
}

/// `--source` on third-party plans, with the `.tf` files they were made from
/// (testdata/corpus-sources/README.md).
#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn plans_with_their_checkov_sources() {
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/corpus-sources");
    let with = |plan: &str, dir: &str| -> Model {
        let plan = corpus().join(plan);
        let opts = LoadOptions::default();
        let models = load_path(&plan, &opts).unwrap_or_else(|e| panic!("{e}"));
        let mut merged = tfward::load::with_source(models, &sources.join(dir), &opts)
            .unwrap_or_else(|e| panic!("{dir}: {e}"));
        assert_eq!(merged.len(), 1);
        merged.remove(0)
    };
    let place = |m: &Model, address: &str| -> String {
        let r = res(m, address);
        let file = r
            .location
            .file
            .strip_prefix(&sources)
            .unwrap_or(&r.location.file);
        format!("{}:{}", file.display(), r.location.line.unwrap_or(0))
    };
    let disagreements = |m: &Model| m.notes.iter().filter(|n| n.contains("disagree")).count();

    let m = with(
        "checkov/plan_and_tf_combine_graph.json",
        "plan_and_tf_combine_graph/source",
    );
    assert_eq!(
        place(&m, "aws_s3_bucket.example"),
        "plan_and_tf_combine_graph/source/main.tf:12"
    );
    let note: Vec<&String> = m.notes.iter().filter(|n| n.contains("disagree")).collect();
    assert_eq!(note.len(), 1, "{:?}", m.notes);
    assert!(
        note[0].contains("2 resources only in the configuration")
            && note[0].contains("aws_s3_bucket.example3")
            && !note[0].contains("only in the plan"),
        "{}",
        note[0]
    );

    let m = with(
        "checkov/plan_with_for_each_for_enrichment.json",
        "plan_with_for_each_for_enrichment/original",
    );
    assert_eq!(disagreements(&m), 0, "{:?}", m.notes);
    assert!(m.notes.iter().any(|n| n.contains("is not on disk")));
    assert_eq!(
        place(&m, "aws_route53_zone.example[\"example.com\"]"),
        "plan_with_for_each_for_enrichment/original/main.tf:8"
    );
    // The module that is not here: as the plan has it.
    assert!(
        res(&m, "module.sg[\"bad_example\"].aws_security_group.bad")
            .location
            .line
            .is_none()
    );

    let m = with(
        "checkov/plan_with_tf_modules_for_enrichment.json",
        "plan_with_tf_modules_for_enrichment",
    );
    assert_eq!(disagreements(&m), 0, "{:?}", m.notes);
    assert_eq!(
        place(
            &m,
            "module.log_group_local.aws_cloudwatch_log_group.not_encrypted"
        ),
        "plan_with_tf_modules_for_enrichment/log_group/main.tf:1"
    );

    let m = with(
        "checkov/plan_with_hcl_for_enrichment.json",
        "plan_with_hcl_for_enrichment",
    );
    assert_eq!(disagreements(&m), 0, "{:?}", m.notes);
    assert_eq!(
        place(&m, "aws_iam_policy.policy"),
        "plan_with_hcl_for_enrichment/iam.tf:1"
    );
    // No provider block in these files: the region stays unknown, not guessed.
    assert_eq!(
        res(&m, "aws_s3_bucket.test-bucket1").placement.region,
        Region::Unknown
    );

    let m = with(
        "checkov/plan_module_skip_for_enrichment.json",
        "plan_module_skip_for_enrichment/tf",
    );
    assert_eq!(disagreements(&m), 0, "{:?}", m.notes);
    assert_eq!(
        place(&m, "module.m.aws_s3_bucket.b1"),
        "plan_module_skip_for_enrichment/mod_ref/main.tf:1"
    );
}
