//! Hostile input never panics or hangs: truncated files, random bytes, deep
//! nesting, huge strings, odd encodings. Each either loads or is an error.

use proptest::prelude::*;
use std::path::Path;
use tfward::load::{LoadOptions, load_path};

fn load_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<usize, String> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    load_path(&path, &LoadOptions::default())
        .map(|models| models.iter().map(|m| m.resources.len()).sum())
        .map_err(|e| e.to_string())
}

fn load_module(dir: &Path, file: &str, text: &[u8]) -> Result<usize, String> {
    let module = dir.join("module");
    std::fs::create_dir_all(&module).expect("mkdir");
    std::fs::write(module.join(file), text).expect("write");
    load_path(&module, &LoadOptions::default())
        .map(|models| models.iter().map(|m| m.resources.len()).sum())
        .map_err(|e| e.to_string())
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).expect("fixture")
}

#[test]
fn truncated_inputs_are_errors_not_panics() {
    let dir = tempfile::tempdir().expect("tmp");
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        (
            "plan.json",
            fixture("testdata/region/nested-modules/plan.json"),
        ),
        (
            "cdk.tf.json",
            fixture("testdata/cdktf/backup-cross-region/cdktf.out/stacks/TapStack/cdk.tf.json"),
        ),
        ("main.tf", fixture("testdata/region/aliases/hcl/main.tf")),
    ];
    for (name, bytes) in inputs {
        let step = (bytes.len() / 97).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let result = if name.ends_with(".tf") {
                load_module(dir.path(), name, &bytes[..cut])
            } else {
                load_file(dir.path(), name, &bytes[..cut])
            };
            // A truncated JSON document is always malformed; truncated HCL may still parse.
            if name.ends_with(".json") {
                assert!(result.is_err(), "{name} cut at {cut} loaded");
            }
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().expect("tmp");
    let depth = 100_000;
    let json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(load_file(dir.path(), "deep.json", json.as_bytes()).is_err());
    let obj = format!(
        "{{\"format_version\":\"1.2\",\"x\":{}{}}}",
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    assert!(load_file(dir.path(), "deep-plan.json", obj.as_bytes()).is_err());
    let hcl = format!(
        "locals {{\n  x = {}1{}\n}}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    // Parsing or evaluating may fail; it must not overflow the stack.
    let _ = load_module(dir.path(), "deep.tf", hcl.as_bytes());
    let parens = format!(
        "locals {{\n  x = {}1{}\n}}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let _ = load_module(dir.path(), "parens.tf", parens.as_bytes());
}

#[test]
fn huge_strings_and_encodings() {
    let dir = tempfile::tempdir().expect("tmp");
    // Under the 16 MiB default limit on configuration files.
    let big = "x".repeat(15_000_000);
    let hcl = format!(
        "provider \"aws\" {{ region = \"us-east-1\" }}\nresource \"aws_s3_bucket\" \"b\" {{ bucket = \"{big}\" }}\n"
    );
    assert_eq!(load_module(dir.path(), "main.tf", hcl.as_bytes()), Ok(1));
    // UTF-8 BOM, UTF-16 LE and BE with BOM all read as the same plan.
    let plan = fixture("testdata/region/aliases/plan.json");
    let text = String::from_utf8(plan.clone()).expect("utf-8");
    let expected = load_file(dir.path(), "p0.json", &plan).expect("plain");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(&plan);
    assert_eq!(load_file(dir.path(), "p1.json", &bom), Ok(expected));
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(load_file(dir.path(), "p2.json", &le), Ok(expected));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(load_file(dir.path(), "p3.json", &be), Ok(expected));
    // Odd-length UTF-16 and invalid UTF-8 are errors.
    assert!(load_file(dir.path(), "odd.json", &[0xFF, 0xFE, 0x7B]).is_err());
    assert!(load_file(dir.path(), "bad.tf", &[b'a', 0xC3, 0x28]).is_err());
}

/// Directory walks: links that loop or lead nowhere are errors naming them
/// (never files silently left out), directory links that loop back are not
/// followed, and a module of thousands of files loads.
#[cfg(unix)]
#[test]
fn directory_walks_survive_links_and_many_files() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("root");
    std::fs::create_dir_all(root.join("sub")).expect("mkdir");
    std::fs::write(
        root.join("main.tf"),
        "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n",
    )
    .expect("write");
    // Directory links back up the tree: not configuration files, not followed.
    symlink("..", root.join("sub").join("up")).expect("symlink");
    symlink(".", root.join("here.tf")).expect("symlink");
    assert_eq!(
        load_path(&root, &LoadOptions::default())
            .map(|m| m[0].resources.len())
            .ok(),
        Some(1)
    );

    for (name, target) in [("loop.tf", "loop.tf"), ("dangling.tf", "gone.tf")] {
        let link = root.join(name);
        symlink(target, &link).expect("symlink");
        let err = load_path(&root, &LoadOptions::default())
            .expect_err("a configuration file that cannot be read is an error");
        assert!(err.to_string().contains(name), "{err}");
        std::fs::remove_file(&link).expect("rm");
    }

    let many = dir.path().join("many");
    std::fs::create_dir_all(&many).expect("mkdir");
    for i in 0..3000 {
        std::fs::write(
            many.join(format!("r{i:04}.tf")),
            format!("resource \"aws_sqs_queue\" \"q{i}\" {{\n  name = \"q{i}\"\n}}\n"),
        )
        .expect("write");
    }
    let models = load_path(&many, &LoadOptions::default()).expect("3,000 files load");
    assert_eq!(models[0].resources.len(), 3000);
}

#[test]
fn module_cycles_and_self_references_terminate() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("root");
    std::fs::create_dir_all(&root).expect("mkdir");
    // A module that calls itself, and locals that refer to each other.
    std::fs::write(
        root.join("main.tf"),
        "module \"again\" {\n  source = \"./\"\n}\nlocals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_sqs_queue\" \"q\" {\n  name = local.a\n}\n",
    )
    .expect("write");
    let result = load_path(&root, &LoadOptions::default());
    assert!(result.is_err(), "a module that calls itself is reported");
    std::fs::write(
        root.join("main.tf"),
        "locals {\n  a = local.b\n  b = local.a\n}\nprovider \"aws\" { region = local.a }\nresource \"aws_sqs_queue\" \"q\" {\n  name = local.a\n}\n",
    )
    .expect("write");
    let models =
        load_path(&root, &LoadOptions::default()).expect("a cycle of locals is only unknown");
    assert_eq!(
        models[0].resources[0].placement.region.to_string(),
        "unknown"
    );
}

fn arbitrary_plan_like() -> impl Strategy<Value = Vec<u8>> {
    let fragments = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"format_version\"",
        "\"1.2\"",
        "\"configuration\"",
        "\"root_module\"",
        "\"resources\"",
        "\"module_calls\"",
        "\"provider_config\"",
        "\"expressions\"",
        "\"references\"",
        "\"var.x\"",
        "\"module.a.b\"",
        "\"resource_changes\"",
        "\"change\"",
        "\"after\"",
        "\"after_unknown\"",
        "true",
        "null",
        "0",
        "\"address\"",
        "\"aws_kms_key.k[0]\"",
        "\"module_address\"",
        "\"module.m[\\\"a\\\"]\"",
    ]);
    prop::collection::vec(fragments, 0..80).prop_map(|parts| parts.concat().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let dir = tempfile::tempdir().expect("tmp");
        let _ = load_file(dir.path(), "input", &bytes);
        let _ = load_module(dir.path(), "main.tf", &bytes);
    }

    #[test]
    fn plan_shaped_json_never_panics(bytes in arbitrary_plan_like()) {
        let dir = tempfile::tempdir().expect("tmp");
        let _ = load_file(dir.path(), "plan.json", &bytes);
        let mut doc = b"{\"format_version\":\"1.2\",\"configuration\":".to_vec();
        doc.extend_from_slice(&bytes);
        doc.push(b'}');
        let _ = load_file(dir.path(), "plan2.json", &doc);
    }

    #[test]
    fn hcl_shaped_text_never_panics(parts in prop::collection::vec(prop::sample::select(vec![
        "resource \"aws_s3_bucket\" \"b\" {", "}", "module \"m\" {", "source = \"./\"", "count = 2", "for_each = var.x",
        "provider = aws.dr", "provider \"aws\" {", "alias = \"dr\"", "region = var.r", "variable \"r\" {", "default = null",
        "locals {", "a = local.a", "x = [for k, v in var.m : v if k != \"\"]", "y = lookup(var.m, \"k\", null)",
        "z = \"${var.r}-${count.index}\"", "dynamic \"rule\" {", "content {", "w = try(module.m.out, 1)", "\n",
    ]), 0..60)) {
        let dir = tempfile::tempdir().expect("tmp");
        let _ = load_module(dir.path(), "main.tf", parts.join("\n").as_bytes());
    }
}

/// Issue 13: values are copied, so a small file can ask for an exponential
/// amount of memory. Each budget is an error naming where it tripped.
#[test]
fn doubling_locals_hit_the_value_budget() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut text = String::from("locals {\n  a0 = \"xxxxxxxxxxxxxxxx\"\n");
    for i in 1..40 {
        text.push_str(&format!("  a{i} = [local.a{}, local.a{}]\n", i - 1, i - 1));
    }
    text.push_str("}\nresource \"aws_sqs_queue\" \"q\" {\n  tags = { x = local.a39 }\n}\n");
    let err = load_module(dir.path(), "main.tf", text.as_bytes()).expect_err("budget");
    assert!(
        err.contains(
            "main.tf:21: local.a19 is too large to evaluate (more than 1,000,000 elements)"
        ),
        "{err}"
    );
}

#[test]
fn doubling_text_hits_the_value_budget() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut text = String::from("locals {\n  s0 = \"xxxxxxxxxxxxxxxx\"\n");
    for i in 1..60 {
        text.push_str(&format!(
            "  s{i} = \"${{local.s{}}}${{local.s{}}}\"\n",
            i - 1,
            i - 1
        ));
    }
    text.push_str("}\nresource \"aws_sqs_queue\" \"q\" {\n  name = local.s59\n}\n");
    let err = load_module(dir.path(), "main.tf", text.as_bytes()).expect_err("budget");
    assert!(err.contains("is too large to evaluate"), "{err}");
}

#[test]
fn nested_for_hits_the_value_budget() {
    let dir = tempfile::tempdir().expect("tmp");
    let text = "locals {\n  big = [for i in range(1000) : [for j in range(1000) : [for k in range(1000) : k]]]\n}\nresource \"aws_sqs_queue\" \"q\" {\n  tags = { x = local.big }\n}\n";
    let err = load_module(dir.path(), "main.tf", text.as_bytes()).expect_err("budget");
    assert!(err.contains("main.tf:2: local.big is too large"), "{err}");
}

#[test]
fn huge_count_is_an_error_before_allocating() {
    let dir = tempfile::tempdir().expect("tmp");
    let text = "resource \"aws_sqs_queue\" \"q\" {\n  count = 1e12\n}\n";
    let err = load_module(dir.path(), "main.tf", text.as_bytes()).expect_err("budget");
    assert!(
        err.contains(
            "main.tf:1: aws_sqs_queue.q has `count` = 1000000000000, more than tfward expands"
        ),
        "{err}"
    );
}

/// Thirty module folders, each calling the next twice: 2^30 module instances.
#[test]
fn doubling_module_calls_hit_the_module_budget() {
    let dir = tempfile::tempdir().expect("tmp");
    for i in 0..30 {
        let m = dir.path().join(format!("m{i}"));
        std::fs::create_dir_all(&m).expect("mkdir");
        let mut text = String::from("resource \"aws_sqs_queue\" \"q\" { name = \"q\" }\n");
        if i < 29 {
            let next = i + 1;
            text.push_str(&format!(
                "module \"a\" {{ source = \"../m{next}\" }}\nmodule \"b\" {{ source = \"../m{next}\" }}\n"
            ));
        }
        std::fs::write(m.join("main.tf"), text).expect("write");
    }
    std::fs::write(
        dir.path().join("main.tf"),
        "module \"top\" { source = \"./m0\" }\n",
    )
    .expect("write");
    let err = load_path(dir.path(), &LoadOptions::default())
        .map(|_| ())
        .expect_err("budget")
        .to_string();
    assert!(
        err.contains("module calls to load; tfward stops here"),
        "{err}"
    );
}

#[test]
fn setproduct_is_measured_before_it_is_built() {
    let dir = tempfile::tempdir().expect("tmp");
    let text = "locals {\n  x = setproduct(range(1000), range(1000), range(1000))\n}\nresource \"aws_sqs_queue\" \"q\" {\n  tags = { x = local.x }\n}\n";
    let err = load_module(dir.path(), "main.tf", text.as_bytes()).expect_err("budget");
    assert!(err.contains("main.tf:2: local.x is too large"), "{err}");
}

#[test]
fn replace_and_join_are_measured_before_they_are_built() {
    let dir = tempfile::tempdir().expect("tmp");
    for expr in [
        "replace(local.s, \"a\", local.s)",
        "join(local.s, [for i in range(1000) : \"b\"])",
    ] {
        let text = format!(
            "locals {{\n  s = join(\"\", [for i in range(1000) : join(\"\", [for j in range(1000) : \"a\"])])\n  x = {expr}\n}}\nresource \"aws_sqs_queue\" \"q\" {{\n  tags = {{ x = local.x }}\n}}\n"
        );
        let err = load_module(dir.path(), "main.tf", text.as_bytes()).expect_err(expr);
        assert!(
            err.contains("main.tf:3: local.x is too large"),
            "{expr}: {err}"
        );
    }
}

/// CloudFormation: `Fn::Sub` evaluates a variable at each `${A}`, so three
/// nested `Fn::Sub`s of 2,000 uses each ask for 8·10⁹ copies from a 24 KB
/// file. The evaluation budget stops it: an error naming the file and the
/// resource, quickly.
#[test]
fn nested_sub_hits_the_evaluation_budget() {
    let dir = tempfile::tempdir().expect("tmp");
    let uses = |name: &str| format!("${{{name}}}").repeat(2000);
    let text = format!(
        "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub\n        - \"{}\"\n        - A: !Sub\n            - \"{}\"\n            - B: !Sub\n                - \"{}\"\n                - C: xxxxxxxxxxxxxxxx\n",
        uses("A"),
        uses("B"),
        uses("C")
    );
    let start = std::time::Instant::now();
    let err = load_file(dir.path(), "t.yaml", text.as_bytes()).expect_err("budget");
    assert!(
        err.contains("t.yaml") && err.contains("Topic: its values are too large to evaluate"),
        "{err}"
    );
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}
