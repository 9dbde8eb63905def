//! The `tfward` binary as users run it: exit codes, output shapes, errors.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn tfward() -> Command {
    let mut cmd = Command::cargo_bin("tfward").expect("binary");
    cmd.env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn write(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, text).expect("write");
    path
}

/// Runs and returns (exit code, stdout, stderr).
fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `tfward check --format json`, for further arguments.
fn check_json() -> Command {
    let mut cmd = tfward();
    cmd.args(["check", "--format", "json"]);
    cmd
}

/// Runs a `check --format json`: (exit code, its findings, stderr).
fn findings(cmd: &mut Command) -> (i32, Vec<serde_json::Value>, String) {
    let (code, out, err) = run(cmd);
    let doc: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("json ({e}): {out}\n{err}"));
    let found = doc["findings"].as_array().expect("findings").clone();
    (code, found, err)
}

/// `tfward inventory --format json` on `path`, which must succeed: its
/// resource rows, and the whole output for messages.
fn inventory_rows(path: impl AsRef<std::ffi::OsStr>) -> (Vec<serde_json::Value>, String) {
    let (code, out, err) = run(tfward().args(["inventory", "--format", "json"]).arg(path));
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let rows = doc["resources"].as_array().expect("resources").clone();
    (rows, out)
}

#[test]
fn inventory_json_has_the_documented_fields() {
    let (code, out, _) = run(tfward().args([
        "inventory",
        "--format",
        "json",
        "testdata/region/nested-modules/hcl",
    ]));
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let rows = doc["resources"].as_array().expect("resources");
    assert!(rows.len() > 10);
    for row in rows {
        let mut keys: Vec<&str> = row
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "address",
                "file",
                "line",
                "mode",
                "provider",
                "region",
                "region_source",
                "type"
            ]
        );
    }
    let inner = rows
        .iter()
        .find(|r| {
            r["provider"] == "aws.dr"
                && r["address"]
                    .as_str()
                    .unwrap()
                    .starts_with("module.backup.module.inner")
        })
        .expect("a resource in the inner module on aws.dr");
    assert_eq!(inner["region"], "us-west-2");
    assert!(inner["line"].as_u64().is_some());
    assert!(inner["file"].as_str().unwrap().ends_with(".tf"));
}

#[test]
fn plan_from_stdin() {
    let plan = std::fs::read("testdata/region/aliases/plan.json").expect("fixture");
    let (code, out, _) = run(tfward()
        .args(["inventory", "--format", "json", "-"])
        .write_stdin(plan));
    assert_eq!(code, 0);
    assert!(out.contains("\"aws.west\""));
}

#[test]
fn human_output_is_plain_when_piped_and_coloured_on_request() {
    let (code, out, _) = run(tfward().args(["inventory", "testdata/region/aliases/hcl"]));
    assert_eq!(code, 0);
    assert!(
        !out.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    assert!(out.contains("ADDRESS") && out.contains("us-west-2"));
    let (_, coloured, _) = run(tfward().args([
        "--color",
        "always",
        "inventory",
        "testdata/region/aliases/hcl",
    ]));
    assert!(coloured.contains('\u{1b}'));
    let (_, why, _) = run(tfward().args(["inventory", "--why", "testdata/region/aliases/hcl"]));
    assert!(
        why.contains("WHY") && why.contains("var.eu_region"),
        "{why}"
    );
}

fn assert_one_line_error(stderr: &str, needle: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected: {stderr}");
    assert!(lines[0].starts_with("tfward: error: "), "{stderr}");
    assert!(lines[0].contains(needle), "`{needle}` not in: {stderr}");
}

#[test]
fn malformed_json_names_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tmp");
    let bad = write(
        dir.path(),
        "plan.json",
        b"{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {,\n}",
    );
    let (code, _, err) = run(tfward().args(["inventory"]).arg(&bad));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &format!("{}:3:22", bad.display()));
}

#[test]
fn malformed_hcl_names_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "main.tf", b"provider \"aws\" {\n  region = \"us-east-1\"\n}\n\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \n}\n");
    let (code, _, err) = run(tfward().args(["inventory"]).arg(dir.path()));
    assert_eq!(code, 2);
    assert_one_line_error(
        &err,
        &format!("{}:6:12", dir.path().join("main.tf").display()),
    );
}

#[test]
fn inputs_that_are_not_terraform_are_clear_errors() {
    let dir = tempfile::tempdir().expect("tmp");
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            write(dir.path(), "terraform.tfstate", br#"{"version": 4, "terraform_version": "1.9.0", "serial": 3, "lineage": "x", "resources": []}"#),
            "raw Terraform state",
        ),
        (write(dir.path(), "empty.json", b""), "empty file"),
        (write(dir.path(), "other.json", br#"{"name": "package", "version": "1.0.0"}"#), "not a Terraform plan"),
        (write(dir.path(), "list.json", b"[1, 2]"), "not an object"),
        (write(dir.path(), "binary.bin", &[0x00, 0xff, 0xfe, 0x41, 0x80]), "not UTF-8"),
        (write(dir.path(), "notes.txt", b"this is { not hcl"), "invalid HCL"),
        (dir.path().join("missing.json"), "missing.json: no such file or directory"),
        (write(dir.path(), "cdk/manifest.json", br#"{"version": "0.21.0", "stacks": {"s": {"synthesizedStackPath": "stacks/s/cdk.tf.json"}}}"#), "cdk.tf.json"),
        // YAML that is no template, and broken YAML: said as YAML, not as HCL.
        (write(dir.path(), "ci.yml", b"name: ci\non: push\njobs: {}\n"), "ci.yml: not a CloudFormation template"),
        (write(dir.path(), "bad.yaml", b"Resources:\n  A:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: !GetAZs !Ref X\n"), "bad.yaml:5: invalid YAML"),
        (write(dir.path(), "tag.template", b"Resources:\n  A:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: !Frob x\n"), "tag.template:5: resource A: unknown tag !Frob"),
    ];
    for (path, needle) in cases {
        let (code, out, err) = run(tfward().args(["inventory"]).arg(&path));
        assert_eq!(code, 2, "{}: {err}", path.display());
        assert!(out.is_empty(), "nothing on stdout for {}", path.display());
        assert_one_line_error(&err, needle);
        assert!(
            !err.contains("os error"),
            "Rust's error code is no help to a user: {err}"
        );
    }
    let empty_dir = tempfile::tempdir().expect("tmp");
    let (code, _, err) = run(tfward().args(["inventory"]).arg(empty_dir.path()));
    assert_eq!(code, 2);
    assert_one_line_error(&err, "no Terraform configuration");
    // A synth output without its manifest, given itself or its parent.
    let project = tempfile::tempdir().expect("tmp");
    write(
        project.path(),
        "cdktf.out/stacks/s/cdk.tf.json",
        br#"{"resource": {}}"#,
    );
    for path in [
        project.path().join("cdktf.out"),
        project.path().to_path_buf(),
    ] {
        let (code, _, err) = run(tfward().args(["inventory"]).arg(&path));
        assert_eq!(code, 2, "{}: {err}", path.display());
        assert_one_line_error(&err, "a cdktf.out folder without manifest.json");
    }
}

/// `--parameter-file`: the CloudFormation CLI's list and CodePipeline's
/// template configuration, on check, inventory and map; later files win,
/// `--parameter` wins over files; a bad file is a one-line error naming it.
#[test]
fn parameter_files_set_template_parameters() {
    let dir = tempfile::tempdir().expect("tmp");
    let template = write(
        dir.path(),
        "template.yaml",
        b"Parameters:\n  Rotate:\n    Type: String\n    Default: 'true'\n  Env:\n    Type: String\n    Default: dev\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: !Ref Rotate\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Condition: IsProd\n",
    );
    let cli = write(
        dir.path(),
        "params.json",
        br#"[{"ParameterKey": "Rotate", "ParameterValue": "false"},
            {"ParameterKey": "Env", "UsePreviousValue": true}]"#,
    );
    let pipeline = write(
        dir.path(),
        "config.json",
        br#"{"Parameters": {"Rotate": "true", "Env": "prod"}, "Tags": {"team": "ops"}}"#,
    );
    let rotation_findings = |extra: &[&str]| -> usize {
        let (code, found, err) = findings(
            check_json()
                .args(["--rule", "kms-key-rotation"])
                .args(extra)
                .arg(&template),
        );
        assert_eq!(code, 0, "{extra:?}: {err}");
        found.len()
    };
    let file = |p: &Path| p.to_string_lossy().into_owned();
    assert_eq!(rotation_findings(&[]), 0);
    assert_eq!(rotation_findings(&["--parameter-file", &file(&cli)]), 1);
    // The later file wins; `--parameter` wins over both, wherever it is written.
    let both = [
        "--parameter-file",
        &file(&cli),
        "--parameter-file",
        &file(&pipeline),
    ];
    assert_eq!(rotation_findings(&both), 0);
    let both_reversed = [
        "--parameter-file",
        &file(&pipeline),
        "--parameter-file",
        &file(&cli),
    ];
    assert_eq!(rotation_findings(&both_reversed), 1);
    let overridden = [
        "--parameter",
        "Rotate=false",
        "--parameter-file",
        &file(&pipeline),
    ];
    assert_eq!(rotation_findings(&overridden), 1);
    // Inventory and map read it too: the log group exists where Env is prod.
    for command in [
        &["inventory", "--format", "json"][..],
        &["map", "--format", "dot", "--all"][..],
    ] {
        let listed = |extra: &[&str]| {
            let (code, out, err) = run(tfward().args(command).args(extra).arg(&template));
            assert_eq!(code, 0, "{command:?}: {err}");
            out.contains("Logs")
        };
        assert!(!listed(&[]), "{command:?}");
        assert!(
            listed(&["--parameter-file", &file(&pipeline)]),
            "{command:?}"
        );
    }
    // Bad files: one line naming the file, exit 2.
    for (name, text, says) in [
        ("missing.json", None, "no such file"),
        ("broken.json", Some(&b"[{"[..]), "invalid JSON"),
        (
            "shape.json",
            Some(&br#"{"Env": "prod"}"#[..]),
            "no \"Parameters\"",
        ),
        (
            "key.json",
            Some(&br#"[{"ParameterValue": "x"}]"#[..]),
            "no \"ParameterKey\"",
        ),
    ] {
        let path = dir.path().join(name);
        if let Some(text) = text {
            std::fs::write(&path, text).expect("write");
        }
        let (code, _, err) = run(tfward()
            .args(["check", "--parameter-file"])
            .arg(&path)
            .arg(&template));
        assert_eq!(code, 2, "{name}: {err}");
        assert_one_line_error(&err, says);
        assert!(err.contains(name), "{err}");
    }
}

/// A stack set's instances are checked in the regions of its
/// `StackInstancesGroup`, here given by a parameters file; an S3 template is a note.
#[test]
fn stack_set_instances_are_checked_in_their_regions() {
    let dir = tempfile::tempdir().expect("tmp");
    let template = write(
        dir.path(),
        "template.yaml",
        b"Parameters:\n  Regions: {Type: CommaDelimitedList, Default: eu-west-1}\nResources:\n  Baseline:\n    Type: AWS::CloudFormation::StackSet\n    Properties:\n      TemplateBody: '{\"Resources\": {\"Queue\": {\"Type\": \"AWS::SQS::Queue\"}}}'\n      StackInstancesGroup:\n        - Regions: !Ref Regions\n  Remote:\n    Type: AWS::CloudFormation::StackSet\n    Properties:\n      TemplateURL: https://s3.amazonaws.com/bucket/baseline.yaml\n      StackInstancesGroup: [{Regions: [eu-west-1]}]\n",
    );
    let policy = write(
        dir.path(),
        "policy.hcl",
        b"allowed_regions = [\"eu-west-1\"]\n",
    );
    let params = write(
        dir.path(),
        "params.json",
        br#"[{"ParameterKey": "Regions", "ParameterValue": "eu-west-1,us-east-2"}]"#,
    );
    let check = |extra: &[&str]| {
        let (code, found, err) = findings(
            check_json()
                .args(["--rule", "region-not-allowed", "--policy"])
                .arg(&policy)
                .args(extra)
                .arg(&template),
        );
        let found: Vec<String> = found
            .iter()
            .map(|f| format!("{} {}", f["address"].as_str().unwrap_or(""), f["region"]))
            .collect();
        (code, found, err)
    };
    let (code, found, err) = check(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(found.is_empty(), "{found:?}");
    assert!(
        err.contains("Remote: the stack set's template https://s3.amazonaws.com/bucket/baseline.yaml is not read"),
        "{err}"
    );
    let file = params.to_string_lossy().into_owned();
    let (code, found, err) = check(&["--parameter-file", &file]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(found, ["Baseline@us-east-2/Queue \"us-east-2\""]);
}

#[test]
fn cloudformation_templates_are_checked() {
    let dir = tempfile::tempdir().expect("tmp");
    let yaml = write(
        dir.path(),
        "template.yaml",
        b"AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Rotate:\n    Type: String\n    Default: 'true'\nResources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: !Ref Rotate\n",
    );
    let json = write(
        dir.path(),
        "template.json",
        br#"{"Resources": {"Key": {"Type": "AWS::KMS::Key"}}}"#,
    );
    let rotation = |path: &Path, extra: &[&str]| -> Vec<serde_json::Value> {
        let (code, found, err) = findings(
            check_json()
                .args(["--rule", "kms-key-rotation"])
                .args(extra)
                .arg(path),
        );
        assert_eq!(code, 0, "{}: {err}", path.display());
        found
    };
    // The parameter's default turns rotation on; `--parameter` turns it off.
    assert!(rotation(&yaml, &[]).is_empty());
    let found = rotation(&yaml, &["--parameter", "Rotate=false"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["address"], "Key");
    assert_eq!(found[0]["type"], "AWS::KMS::Key");
    assert_eq!(found[0]["line"], 7);
    // One model per `--region`, in command-line order: the finding once per region.
    let found = rotation(&json, &["--region", "us-east-1", "--region", "eu-west-1"]);
    let regions: Vec<&str> = found.iter().filter_map(|f| f["region"].as_str()).collect();
    assert_eq!(regions, ["us-east-1", "eu-west-1"], "{found:?}");
    // YAML that is no template is said so.
    let workflow = write(dir.path(), "ci.yml", b"on: push\njobs: {}\n");
    let (code, _, err) = run(tfward().args(["check"]).arg(&workflow));
    assert_eq!(code, 2);
    assert_one_line_error(&err, "not a CloudFormation template");
    // A template the reader refuses is an error at its line.
    let broken = write(
        dir.path(),
        "broken.yaml",
        b"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Key:\n    Properties: {}\n",
    );
    let (code, _, err) = run(tfward().args(["check"]).arg(&broken));
    assert_eq!(code, 2);
    assert_one_line_error(&err, "resource Key: no Type");
}

/// Files of a case, its extra arguments, and the expected error text.
type InvalidCase<'a> = (Vec<(&'a str, &'a str)>, Vec<&'a str>, &'a str);

#[test]
fn configurations_terraform_rejects_are_errors() {
    let cases: Vec<InvalidCase> = vec![
        (
            vec![
                ("a.tf", "resource \"aws_sqs_queue\" \"q\" {}\n"),
                ("b.tf", "\n\nresource \"aws_sqs_queue\" \"q\" {}\n"),
            ],
            vec![],
            "b.tf:3: duplicate resource \"aws_sqs_queue\" \"q\"; first defined at",
        ),
        (
            vec![("main.tf", "locals {\n  a = 1\n}\nlocals {\n  a = 2\n}\n")],
            vec![],
            "duplicate local value `a`",
        ),
        (
            vec![
                ("main.tf", "variable \"r\" {}\n"),
                ("x.tfvars", "r = var.other\n"),
            ],
            vec!["--var-file", "x.tfvars"],
            "x.tfvars:1: `r`: variables files can only contain literal values",
        ),
        (
            vec![("main.tf", "variable \"r\" {}\n")],
            vec!["--var", "nope=1"],
            "declares no variable `nope`",
        ),
        (
            vec![(
                "main.tf.json",
                "{\n  \"provider\": {\"aws\": [{\"region\": \"${var.r\"}]}\n}\n",
            )],
            vec![],
            "main.tf.json:2: invalid template",
        ),
    ];
    for (files, args, needle) in cases {
        let dir = tempfile::tempdir().expect("tmp");
        for (name, text) in &files {
            write(dir.path(), name, text.as_bytes());
        }
        let args: Vec<String> = args
            .iter()
            .map(|a| {
                if a.ends_with(".tfvars") {
                    dir.path().join(a).display().to_string()
                } else {
                    a.to_string()
                }
            })
            .collect();
        let (code, _, err) = run(tfward().arg("inventory").arg(dir.path()).args(&args));
        assert_eq!(code, 2, "{needle}: {err}");
        assert_one_line_error(&err, needle);
    }
}

#[test]
fn missing_var_file_is_an_error() {
    let (code, _, err) = run(tfward().args([
        "inventory",
        "testdata/region/aliases/hcl",
        "--var-file",
        "nope.tfvars",
    ]));
    assert_eq!(code, 2);
    assert_one_line_error(&err, "nope.tfvars: variables file does not exist");
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, _) = run(tfward().args(["inventory"]));
    assert_eq!(code, 2);
    let (code, _, _) = run(tfward().args(["inventory", "x", "--var", "novalue"]));
    assert_eq!(code, 2);
    let (code, _, _) = run(tfward().args(["frobnicate"]));
    assert_eq!(code, 2);
}

#[test]
fn var_and_var_file_apply_in_command_line_order() {
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "main.tf", b"variable \"r\" {}\nprovider \"aws\" { region = var.r }\nresource \"aws_sqs_queue\" \"q\" {}\n");
    let file = write(dir.path(), "x.tfvars", b"r = \"eu-west-1\"\n");
    let region = |args: &[&str]| {
        let (code, out, err) = run(tfward()
            .args(["inventory", "--format", "json"])
            .arg(dir.path())
            .args(args));
        assert_eq!(code, 0, "{err}");
        let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
        doc["resources"][0]["region"].as_str().unwrap().to_string()
    };
    let f = file.to_str().unwrap();
    assert_eq!(
        region(&["--var", "r=us-east-2", "--var-file", f]),
        "eu-west-1"
    );
    assert_eq!(
        region(&["--var-file", f, "--var", "r=us-east-2"]),
        "us-east-2"
    );
}

#[test]
fn sensitive_values_are_never_printed() {
    let dir = tempfile::tempdir().expect("tmp");
    // A plan whose provider region comes from a sensitive variable, with a sensitive attribute.
    let plan = br#"{
      "format_version": "1.2",
      "variables": {"region": {"value": "ap-secret-9"}, "token": {"value": "hunter2-token"}},
      "resource_changes": [{
        "address": "aws_ssm_parameter.p", "mode": "managed", "type": "aws_ssm_parameter", "name": "p",
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {"actions": ["create"], "before": null,
                   "after": {"name": "p", "value": "hunter2-token"},
                   "after_unknown": {"arn": true}, "before_sensitive": false,
                   "after_sensitive": {"value": true}}
      }],
      "configuration": {
        "provider_config": {"aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws",
                                     "expressions": {"region": {"references": ["var.region"]}}}},
        "root_module": {
          "resources": [{"address": "aws_ssm_parameter.p", "mode": "managed", "type": "aws_ssm_parameter",
                         "name": "p", "provider_config_key": "aws",
                         "expressions": {"value": {"references": ["var.token"]}}}],
          "variables": {"region": {"sensitive": true}, "token": {"sensitive": true}}
        }
      }
    }"#;
    let path = write(dir.path(), "plan.json", plan);
    // The configuration it was made from: with it the region is known, and marked.
    let source = dir.path().join("src");
    std::fs::create_dir(&source).unwrap();
    write(
        &source,
        "main.tf",
        br#"variable "region" {
  type      = string
  sensitive = true
}
variable "token" {
  type      = string
  sensitive = true
}
provider "aws" {
  region = var.region
}
resource "aws_ssm_parameter" "p" {
  name  = "p"
  value = var.token
}
"#,
    );
    let with_source = ["--source", source.to_str().unwrap()];
    for args in [
        vec!["--format", "json"],
        vec!["--why"],
        vec![],
        [&["--format", "json"][..], &with_source].concat(),
        [&["--why"][..], &with_source].concat(),
        with_source.to_vec(),
    ] {
        let (code, out, err) = run(tfward().arg("inventory").args(&args).arg(&path));
        assert_eq!(code, 0, "{err}");
        for secret in ["ap-secret-9", "hunter2"] {
            assert!(
                !out.contains(secret) && !err.contains(secret),
                "{secret} printed with {args:?}:\n{out}{err}"
            );
        }
        // Alone, the plan does not know the region (only that it uses the variable).
        if args.contains(&"--source") || args.contains(&"--why") {
            assert!(out.contains("(sensitive)"), "{args:?}: {out}");
        }
    }
}

#[test]
fn help_shows_examples() {
    let (code, out, _) = run(tfward().arg("--help"));
    assert_eq!(code, 0);
    assert!(out.contains("Examples:") && out.contains("tfward inventory"));
}

#[test]
fn a_newer_plan_format_warns_and_continues() {
    let dir = tempfile::tempdir().expect("tmp");
    let plan = std::fs::read_to_string("testdata/region/aliases/plan.json").expect("fixture");
    let newer = plan.replacen(
        "\"format_version\":\"1.2\"",
        "\"format_version\":\"2.0\"",
        1,
    );
    assert_ne!(newer, plan, "the fixture names its format version");
    let path = write(dir.path(), "plan.json", newer.as_bytes());
    let (code, out, err) = run(tfward().args(["inventory", "--format", "json"]).arg(&path));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("format_version 2.0 is newer than tfward knows"),
        "{err}"
    );
    assert!(out.contains("\"aws.west\""));
}

#[test]
fn cdk_cloud_assembly_places_each_stack_in_its_environment() {
    let (rows, out) = inventory_rows("examples/cdk-two-region/cdk.out");
    let region_of = |address: &str| {
        rows.iter()
            .find(|r| r["address"] == address)
            .unwrap_or_else(|| panic!("no {address} in {out}"))["region"]
            .clone()
    };
    assert_eq!(region_of("Primary/LogsKeyA6AB43B2"), "eu-central-1");
    let dr_keys: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| {
            r["address"].as_str().is_some_and(|a| a.starts_with("Dr/"))
                && r["type"] == "AWS::KMS::Key"
        })
        .collect();
    assert!(!dr_keys.is_empty(), "{out}");
    assert!(dr_keys.iter().all(|r| r["region"] == "us-east-1"), "{out}");
    // IAM is global whatever the stack's region.
    assert_eq!(region_of("Primary/OpsBreakGlassPolicy187C32E3"), "global");
}

/// `--output FORMAT=FILE` (repeatable) writes each report as its own run
/// would, the `--format` one still to standard output; two reports to one
/// file, or two plain files, are usage errors.
#[test]
fn one_check_writes_every_report() {
    let dir = tempfile::tempdir().expect("tmp");
    let example = "examples/cloudformation/template.yaml";
    let file = |name: &str| dir.path().join(name);
    let (code, human, err) = run(tfward()
        .args([
            "check",
            "--color",
            "never",
            example,
            "--region",
            "eu-central-1",
        ])
        .arg("--output")
        .arg(format!("sarif={}", file("r.sarif").display()))
        .arg("-o")
        .arg(format!("markdown={}", file("r.md").display()))
        .arg("-o")
        .arg(format!("json={}", file("r.json").display())));
    assert_eq!(code, 1, "{err}");
    for (format, name) in [
        ("human", None),
        ("sarif", Some("r.sarif")),
        ("markdown", Some("r.md")),
        ("json", Some("r.json")),
    ] {
        let (_, alone, _) = run(tfward().args([
            "check",
            "--color",
            "never",
            "--format",
            format,
            example,
            "--region",
            "eu-central-1",
        ]));
        let written = match name {
            Some(name) => std::fs::read_to_string(file(name)).expect("written"),
            None => human.clone(),
        };
        assert_eq!(written, alone, "{format}");
    }
    for bad in [
        vec!["-o", "a.txt", "-o", "b.txt"],
        vec![
            "--format",
            "json",
            "-o",
            "same.json",
            "-o",
            "sarif=same.json",
        ],
    ] {
        let (code, _, err) = run(tfward()
            .current_dir(dir.path())
            .args(["check"])
            .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(example))
            .args(&bad));
        assert_eq!(code, 2, "{bad:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}

/// examples/cloudformation finds exactly what its README lists.
#[test]
fn the_cloudformation_example_finds_its_marked_mistakes() {
    let (code, found, err) = findings(check_json().args([
        "examples/cloudformation/template.yaml",
        "--region",
        "eu-central-1",
    ]));
    assert_eq!(code, 1, "{err}");
    let mut found: Vec<(String, String)> = found
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["address"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    found.sort();
    let expected = [
        ("backup-copy-same-region", "Plan"),
        ("backup-no-cross-region-copy", "Plan"),
        ("cloudtrail-not-multi-region", "Trail"),
        ("hardcoded-account-id", "AppLogs"),
        ("iam-wildcard-action", "OpsPolicy"),
        ("kms-cross-region-reference", "AppLogs"),
        ("kms-key-policy-service-grant", "DataKey"),
        ("kms-key-policy-service-grant", "DataKey"),
        ("route53-public-zone-placeholder", "ApiRecord"),
        ("s3-replication-destination-unknown", "DataBucket"),
        ("waf-web-acl-unassociated", "WebAcl"),
    ]
    .map(|(r, a)| (r.to_string(), a.to_string()));
    assert_eq!(found, expected);
}

/// A template checked in several regions is one deployment: a region the
/// policy requires is missing only when no region's check places anything
/// there, and it is said once.
#[test]
fn a_template_checked_in_several_regions_covers_them_all() {
    let dir = tempfile::tempdir().expect("tmp");
    let template = write(
        dir.path(),
        "template.yaml",
        b"Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n",
    );
    let policy = write(
        dir.path(),
        "policy.hcl",
        b"required_regions = [\"us-east-1\", \"us-west-2\", \"eu-west-1\"]\n",
    );
    let (code, found, err) = findings(
        check_json()
            .args(["--rule", "region-required-missing", "--policy"])
            .arg(&policy)
            .arg(&template)
            .args(["--region", "us-east-1", "--region", "us-west-2"]),
    );
    assert_eq!(code, 1, "{err}");
    let regions: Vec<&str> = found.iter().filter_map(|f| f["region"].as_str()).collect();
    assert_eq!(regions, ["eu-west-1"], "{found:?}");
}

#[test]
fn cdk_cloud_assembly_findings_name_stack_logical_id_and_construct_path() {
    let (code, out, err) = run(tfward().args([
        "check",
        "--format",
        "json",
        "examples/cdk-two-region/cdk.out",
    ]));
    assert_eq!(code, 1, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let findings = doc["findings"].as_array().expect("findings");
    let found = |rule: &str, address: &str| {
        findings
            .iter()
            .find(|f| f["rule"] == rule && f["address"] == address)
            .unwrap_or_else(|| panic!("no {rule} on {address} in {out}"))
            .clone()
    };
    let key = found("kms-key-policy-service-grant", "Primary/LogsKeyA6AB43B2");
    assert_eq!(key["construct_path"], "Primary/LogsKey/Resource", "{key}");
    // The account in CDK's ARNs is the stack environment's: the stack's own.
    assert!(
        findings.iter().all(|f| f["rule"] != "hardcoded-account-id"),
        "{out}"
    );
    let (_, alone, _) = run(tfward().args([
        "check",
        "--format",
        "json",
        "examples/cdk-two-region/cdk.out/Dr.template.json",
    ]));
    assert!(alone.contains("\"hardcoded-account-id\""), "{alone}");
    // The queue's key comes through CDK's crossRegionReferences (an SSM
    // parameter the reader reads back): followed to the key in Primary.
    let queue = found("kms-cross-region-reference", "Dr/JobsQueue86ED6666");
    assert_eq!(queue["construct_path"], "Dr/JobsQueue/Resource", "{queue}");
    assert!(
        queue["message"]
            .as_str()
            .is_some_and(|m| m.contains("`Primary/DataKey17AFBB84` (eu-central-1)")),
        "{queue}"
    );
    let policy = found("iam-wildcard-action", "Primary/OpsBreakGlassPolicy187C32E3");
    assert_eq!(
        policy["construct_path"], "Primary/OpsBreakGlassPolicy/Resource",
        "{policy}"
    );
    // Exactly what examples/cdk-two-region/README.md lists: the mistakes
    // marked in bin/app.ts, and the consequence of the same-region copy.
    let mut all: Vec<(String, String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["address"].as_str().unwrap_or_default().to_string(),
                f["construct_path"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    all.sort();
    let expected = [
        (
            "backup-copy-same-region",
            "Primary/PlanDAF4E53A",
            "Primary/Plan/Resource",
        ),
        (
            "backup-no-cross-region-copy",
            "Primary/PlanDAF4E53A",
            "Primary/Plan/Resource",
        ),
        (
            "iam-wildcard-action",
            "Primary/OpsBreakGlassPolicy187C32E3",
            "Primary/OpsBreakGlassPolicy/Resource",
        ),
        (
            "kms-cross-region-reference",
            "Dr/JobsQueue86ED6666",
            "Dr/JobsQueue/Resource",
        ),
        (
            "kms-key-policy-service-grant",
            "Primary/LogsKeyA6AB43B2",
            "Primary/LogsKey/Resource",
        ),
        (
            "s3-replication-destination-unknown",
            "Primary/DataBucketE3889A50",
            "Primary/DataBucket/Resource",
        ),
    ]
    .map(|(r, a, c)| (r.to_string(), a.to_string(), c.to_string()));
    assert_eq!(all, expected, "{out}");
}

/// A cloud assembly manifest of one stack `id` in `environment`, whose
/// template is `template_file`.
fn stack_manifest(id: &str, environment: &str, template_file: &str) -> String {
    format!(
        r#"{{"version": "55.0.0", "artifacts": {{"{id}": {{"type": "aws:cloudformation:stack",
            "environment": "{environment}",
            "properties": {{"templateFile": "{template_file}"}}}}}}}}"#
    )
}

#[test]
fn cdk_app_folder_reads_as_its_cdk_out() {
    let dir = tempfile::tempdir().expect("tmp");
    write(
        dir.path(),
        "cdk.json",
        br#"{"app": "npx ts-node bin/app.ts"}"#,
    );
    write(
        dir.path(),
        "cdk.out/manifest.json",
        br#"{"version": "55.0.0", "artifacts": {"Stage": {"type": "cdk:cloud-assembly",
            "properties": {"directoryName": "assembly-Stage"}}}}"#,
    );
    write(
        dir.path(),
        "cdk.out/assembly-Stage/manifest.json",
        stack_manifest(
            "StageApp",
            "aws://unknown-account/unknown-region",
            "StageApp.template.json",
        )
        .as_bytes(),
    );
    write(
        dir.path(),
        "cdk.out/assembly-Stage/StageApp.template.json",
        br#"{"Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {}}}}"#,
    );
    let (rows, out) = inventory_rows(dir.path());
    assert_eq!(rows.len(), 1, "{out}");
    assert_eq!(rows[0]["address"], "StageApp/Logs");
    assert_eq!(rows[0]["region"], "unknown");
}

/// `cdk.json` may name another output folder (`"output": "build/cdk.out"`):
/// that one is read; one not synthesized yet, or outside the project, is a
/// one-line error (exit 2).
#[test]
fn cdk_app_folder_reads_the_output_its_cdk_json_names() {
    let dir = tempfile::tempdir().expect("tmp");
    write(
        dir.path(),
        "cdk.json",
        br#"{"app": "npx ts-node bin/app.ts", "output": "build/cdk.out"}"#,
    );
    let (code, _, err) = run(tfward().args(["inventory"]).arg(dir.path()));
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("\"build/cdk.out\" is not there: run `cdk synth`"),
        "{err}"
    );
    // A stale cdk.out beside it is not what the app synthesizes now.
    write(
        dir.path(),
        "cdk.out/manifest.json",
        br#"{"version": "55.0.0", "artifacts": {}}"#,
    );
    write(
        dir.path(),
        "build/cdk.out/manifest.json",
        stack_manifest("App", "aws://111122223333/eu-west-1", "App.template.json").as_bytes(),
    );
    write(
        dir.path(),
        "build/cdk.out/App.template.json",
        br#"{"Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {}}}}"#,
    );
    let (rows, out) = inventory_rows(dir.path());
    assert_eq!(rows.len(), 1, "{out}");
    assert_eq!(rows[0]["address"], "App/Logs");
    assert_eq!(rows[0]["region"], "eu-west-1");
    for outside in ["../elsewhere", "/tmp", "."] {
        let json = format!(r#"{{"output": "{outside}"}}"#);
        write(dir.path(), "cdk.json", json.as_bytes());
        let (code, _, err) = run(tfward().args(["inventory"]).arg(dir.path()));
        assert_eq!(code, 2, "{outside}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains("is outside the CDK project's folder"), "{err}");
    }
}

#[test]
fn cdk_manifest_naming_a_template_outside_its_folder_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "outside.template.json", b"{\"Resources\": {}}");
    let manifest = write(
        dir.path(),
        "cdk.out/manifest.json",
        stack_manifest(
            "Evil",
            "aws://111122223333/eu-west-1",
            "../outside.template.json",
        )
        .as_bytes(),
    );
    let (code, out, err) = run(tfward().arg("check").arg(dir.path().join("cdk.out")));
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(&manifest.display().to_string()), "{err}");
    assert!(err.contains("Evil"), "{err}");
}
