//! Custom rules in HCL: every assertion kind, a connection rule across
//! regions, errors that point at the file and line, and the rules showing in
//! `rules`, `explain`, SARIF and JSON like the built-in ones.

use assert_cmd::Command;
use std::path::Path;

const POLICY: &str = r#"
custom_rule "acme-bucket-owner" {
  severity    = "high"
  title       = "Buckets carry an Owner tag"
  message     = "buckets need an owner"
  remediation = "Add tags.Owner"
  select {
    type = "aws_s3_bucket"
  }
  assert {
    attribute = "tags.Owner"
    exists    = true
  }
}

custom_rule "acme-bucket-naming" {
  select {
    type = "aws_s3_*"
  }
  assert {
    attribute = "bucket"
    matches   = "^acme-"
  }
}

custom_rule "acme-env-tag" {
  select {
    type = "aws_s3_bucket"
  }
  assert {
    attribute = "tags.Env"
    one_of    = ["prod", "dev"]
  }
}

custom_rule "acme-log-retention" {
  select {
    type   = "aws_cloudwatch_log_group"
    region = ["eu-west-1"]
  }
  assert {
    attribute        = "retention_in_days"
    greater_or_equal = 30
  }
}

custom_rule "acme-versioned" {
  select {
    type = "aws_s3_bucket_versioning"
  }
  assert {
    attribute = "versioning_configuration.status"
    equals    = "Enabled"
  }
}

custom_rule "acme-eu-only" {
  select {
    type = "aws_*"
  }
  assert {
    region_in = ["eu-west-1", "eu-central-1"]
  }
}

custom_rule "acme-queue-key-same-region" {
  severity = "critical"
  select {
    type = "aws_sqs_queue"
  }
  assert {
    must_reference = "aws_kms_key"
    same_region    = true
  }
}

custom_rule "acme-key-used" {
  select {
    type = "aws_kms_key"
  }
  assert {
    must_be_referenced_by = "aws_sqs_queue"
  }
}
"#;

const CONFIG: &str = r#"
provider "aws" { region = "eu-west-1" }
provider "aws" {
  alias  = "us"
  region = "us-east-1"
}
resource "aws_s3_bucket" "good" {
  bucket = "acme-data"
  tags   = { Owner = "team-a", Env = "prod" }
}
resource "aws_s3_bucket" "bad" {
  bucket = "random-data"
  tags   = { Env = "staging" }
}
resource "aws_s3_bucket_versioning" "bad" {
  bucket = "acme-data"
  versioning_configuration {
    status = "Suspended"
  }
}
resource "aws_cloudwatch_log_group" "short" {
  name              = "short"
  retention_in_days = 7
}
resource "aws_cloudwatch_log_group" "us_short" {
  provider          = aws.us
  name              = "us-short"
  retention_in_days = 7
}
resource "aws_kms_key" "eu" {}
resource "aws_kms_key" "us" {
  provider = aws.us
}
resource "aws_sqs_queue" "same" {
  kms_master_key_id = aws_kms_key.eu.arn
}
resource "aws_sqs_queue" "cross" {
  kms_master_key_id = aws_kms_key.us.arn
}
"#;

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("team.hcl"), POLICY).unwrap();
    std::fs::create_dir_all(dir.path().join("infra")).unwrap();
    std::fs::write(dir.path().join("infra/main.tf"), CONFIG).unwrap();
    dir
}

fn findings(dir: &Path, rule: &str) -> Vec<String> {
    let out = Command::cargo_bin("tfward")
        .unwrap()
        .current_dir(dir)
        .args([
            "check", "--format", "json", "--policy", "team.hcl", "--rule", rule, "infra",
        ])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let mut v: Vec<String> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["address"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn every_assertion_kind() {
    let dir = setup();
    let d = dir.path();
    assert_eq!(findings(d, "acme-bucket-owner"), ["aws_s3_bucket.bad"]);
    assert_eq!(
        findings(d, "acme-bucket-naming"),
        ["aws_s3_bucket.bad"],
        "the versioning resource has no `bucket` match problem"
    );
    assert_eq!(findings(d, "acme-env-tag"), ["aws_s3_bucket.bad"]);
    assert_eq!(
        findings(d, "acme-log-retention"),
        ["aws_cloudwatch_log_group.short"],
        "selection by region"
    );
    assert_eq!(
        findings(d, "acme-versioned"),
        ["aws_s3_bucket_versioning.bad"]
    );
    assert_eq!(
        findings(d, "acme-eu-only"),
        ["aws_cloudwatch_log_group.us_short", "aws_kms_key.us"],
        "region membership uses the resolver's regions"
    );
    // Connection rules across regions.
    assert_eq!(
        findings(d, "acme-queue-key-same-region"),
        ["aws_sqs_queue.cross"]
    );
    assert_eq!(findings(d, "acme-key-used"), Vec::<String>::new());
}

#[test]
fn custom_rules_appear_like_built_ins() {
    let dir = setup();
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("tfward")
            .unwrap()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (_, list) = run(&["rules", "--policy", "team.hcl"]);
    assert!(
        list.contains("acme-queue-key-same-region") && list.contains("critical"),
        "{list}"
    );
    let (code, explain) = run(&["explain", "acme-bucket-owner", "--policy", "team.hcl"]);
    assert_eq!(code, 0);
    assert!(
        explain.contains("Buckets carry an Owner tag")
            && explain.contains("Add tags.Owner")
            && explain.contains("team.hcl:2"),
        "{explain}"
    );
    let (code, sarif) = run(&[
        "check", "--format", "sarif", "--policy", "team.hcl", "--rule", "custom", "infra",
    ]);
    assert_eq!(code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let rules: Vec<&str> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules.len(),
        8,
        "the family `custom` selects the team's rules: {rules:?}"
    );
    let (_, json) = run(&[
        "check",
        "--format",
        "json",
        "--policy",
        "team.hcl",
        "--rule",
        "acme-bucket-owner",
        "infra",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["findings"][0]["severity"], "high");
    assert_eq!(json["findings"][0]["title"], "Buckets carry an Owner tag");
}

#[test]
fn errors_point_at_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "provider \"aws\" { region = \"eu-west-1\" }\n",
    )
    .unwrap();
    for (text, needle) in [
        (
            "custom_rule \"x\" {\n  select {\n    type = \"aws_s3_bucket\"\n  }\n}\n",
            "p.hcl:1: custom rule `x` needs at least one `assert` block",
        ),
        (
            "\ncustom_rule \"Bad_Id\" {}\n",
            "p.hcl:2: custom rule id `Bad_Id` must be kebab-case",
        ),
        (
            "custom_rule \"x\" {\n  select {\n    type = \"a\"\n  }\n  assert {\n    attribute = \"b\"\n    matches = \"(\"\n  }\n}\n",
            "p.hcl:7: `matches`",
        ),
        (
            "custom_rule \"x\" {\n  select {\n    type = \"a\"\n  }\n  assert {\n    exists = true\n  }\n}\n",
            "p.hcl:5: `exists` needs `attribute",
        ),
        (
            "custom_rule \"kms-key-rotation\" {}\n",
            "has the id of a built-in rule",
        ),
        (
            "custom_rule \"x\" {\n  colour = \"red\"\n}\n",
            "p.hcl:2: unknown custom rule setting `colour`",
        ),
    ] {
        std::fs::write(dir.path().join("p.hcl"), text).unwrap();
        let out = Command::cargo_bin("tfward")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--policy", "p.hcl", "."])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(err.contains(needle), "{text}\n{err}");
    }
}
