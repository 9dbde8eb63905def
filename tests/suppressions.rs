//! Suppressions (inline comments with expiry, tags, CDKTF metadata),
//! fingerprints that survive line moves, and baselines.

use assert_cmd::Command;
use std::path::Path;

fn tfward() -> Command {
    let mut cmd = Command::cargo_bin("tfward").expect("binary");
    cmd.env("TFWARD_TODAY", "2026-11-23");
    cmd
}

fn check(dir: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let out = tfward()
        .args([
            "check",
            "--format",
            "json",
            "--rule",
            "encryption-at-rest-disabled",
        ])
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    let doc = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), doc)
}

fn addresses(doc: &serde_json::Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["address"].as_str().unwrap().to_string())
        .collect()
}

const VOLUMES: &str = r#"provider "aws" { region = "us-east-1" }

# tfward:ignore:encryption-at-rest-disabled scratch volume, no data exp:2027-01-31
resource "aws_ebs_volume" "above" {
  availability_zone = "us-east-1a"
  size              = 1
  encrypted         = false
}

resource "aws_ebs_volume" "inside" {
  availability_zone = "us-east-1a"
  size              = 1
  // tfward:ignore:encryption-at-rest-disabled migrated next sprint
  encrypted = false
}

# tfward:ignore:encryption-at-rest-disabled was allowed until summer exp:2026-06-30
resource "aws_ebs_volume" "expired" {
  availability_zone = "us-east-1a"
  size              = 1
  encrypted         = false
}

# tfward:ignore:kms-key-rotation another rule: does not apply here
resource "aws_ebs_volume" "other_rule" {
  availability_zone = "us-east-1a"
  size              = 1
  encrypted         = false
}

resource "aws_ebs_volume" "tagged" {
  availability_zone = "us-east-1a"
  size              = 1
  encrypted         = false
  tags = { "tfward:ignore:encryption-at-rest-disabled" = "restored from a legacy snapshot" }
}
"#;

#[test]
fn comment_tag_and_expiry_forms() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), VOLUMES).unwrap();
    let (code, doc) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        addresses(&doc),
        ["aws_ebs_volume.expired", "aws_ebs_volume.other_rule"]
    );
    assert_eq!(doc["summary"]["suppressed"], 3);
    let expired = &doc["findings"][0];
    assert!(
        expired["message"]
            .as_str()
            .unwrap()
            .contains("expired on 2026-06-30"),
        "{expired}"
    );
    // Listed on request, with their reasons; they never count for the exit code.
    let (_, all) = check(dir.path(), &["--show-suppressed"]);
    let reasons: Vec<&str> = all["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["suppressed"]["justification"].as_str())
        .collect();
    assert_eq!(reasons.len(), 3);
    assert!(
        reasons.contains(&"scratch volume, no data")
            && reasons.contains(&"restored from a legacy snapshot"),
        "{reasons:?}"
    );
    // Before the expiry date the expired one still applies.
    let out = tfward()
        .env("TFWARD_TODAY", "2026-06-01")
        .args([
            "check",
            "--format",
            "json",
            "--rule",
            "encryption-at-rest-disabled",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(addresses(&doc), ["aws_ebs_volume.other_rule"]);
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn sarif_carries_suppressions_and_fingerprints() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), VOLUMES).unwrap();
    let out = tfward()
        .args(["check", "--format", "sarif"])
        .arg(dir.path())
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let suppressed = results
        .iter()
        .filter(|r| r["suppressions"][0]["kind"] == "inSource")
        .count();
    assert_eq!(suppressed, 3);
    assert!(results.iter().all(|r| {
        r["partialFingerprints"]["tfward/v1"]
            .as_str()
            .is_some_and(|f| f.len() == 32)
    }));
}

#[test]
fn cdktf_metadata_suppresses() {
    let dir = tempfile::tempdir().unwrap();
    let stack = r#"{
      "//": {"metadata": {"stackName": "s", "version": "0.21.0"}},
      "provider": {"aws": [{"region": "us-east-1"}]},
      "resource": {"aws_ebs_volume": {
        "Scratch": {"//": {"metadata": {"path": "s/Scratch", "uniqueId": "Scratch"},
                           "tfward_ignore": ["encryption-at-rest-disabled scratch space"]},
                    "availability_zone": "us-east-1a", "size": 1, "encrypted": false},
        "Data": {"//": {"metadata": {"path": "s/Data", "uniqueId": "Data"}},
                 "availability_zone": "us-east-1a", "size": 1, "encrypted": false}}}
    }"#;
    std::fs::write(dir.path().join("cdk.tf.json"), stack).unwrap();
    let (_, doc) = check(&dir.path().join("cdk.tf.json"), &[]);
    assert_eq!(addresses(&doc), ["aws_ebs_volume.Data"]);
}

#[test]
fn fingerprints_and_baselines_survive_moving_code() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.tf");
    let body = "provider \"aws\" { region = \"us-east-1\" }\nresource \"aws_ebs_volume\" \"a\" {\n  availability_zone = \"us-east-1a\"\n  size = 1\n  encrypted = false\n}\n";
    std::fs::write(&main, body).unwrap();
    let baseline = dir.path().join("baseline.json");
    let (code, before) = check(
        dir.path(),
        &["--write-baseline", baseline.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(recorded["findings"][0]["address"], "aws_ebs_volume.a");
    // Move the code: the fingerprint stays, the line changes.
    std::fs::write(&main, format!("\n\n\n# moved down\n{body}")).unwrap();
    let (_, moved) = check(dir.path(), &[]);
    assert_eq!(
        moved["findings"][0]["fingerprint"],
        before["findings"][0]["fingerprint"]
    );
    assert_ne!(moved["findings"][0]["line"], before["findings"][0]["line"]);
    let (code, after) = check(dir.path(), &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 0, "the known finding is in the baseline");
    assert!(addresses(&after).is_empty());
    // A new finding is reported.
    std::fs::write(&main, format!("{body}resource \"aws_ebs_volume\" \"b\" {{\n  availability_zone = \"us-east-1a\"\n  size = 1\n  encrypted = false\n}}\n")).unwrap();
    let (code, new) = check(dir.path(), &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(addresses(&new), ["aws_ebs_volume.b"]);
    // A broken baseline is an error naming the file.
    std::fs::write(&baseline, "{\"nope\": 1}").unwrap();
    let out = tfward()
        .args(["check", "--baseline", baseline.to_str().unwrap()])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a tfward baseline"));
}

/// A plan checked with its configuration (`--source`) honours the comments in
/// the `.tf` files: the finding is placed on the `.tf` line the comment names.
#[test]
fn inline_comments_in_the_source_apply_to_the_plan() {
    let case = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/rules/backup-selection-empty/fires-story");
    let tmp = tempfile::tempdir().unwrap();
    let main = std::fs::read_to_string(case.join("hcl/main.tf")).unwrap();
    let block = r#"resource "aws_backup_selection" "tagged" {"#;
    assert!(main.contains(block));
    let commented = main.replace(
        block,
        &format!("# tfward:ignore:backup-selection-empty the DR team owns this\n{block}"),
    );
    std::fs::write(tmp.path().join("main.tf"), commented).unwrap();
    let run = |source: Option<&Path>| -> serde_json::Value {
        let mut cmd = tfward();
        cmd.args([
            "check",
            "--format",
            "json",
            "--rule",
            "backup-selection-empty",
        ])
        .arg(case.join("plan.json"));
        if let Some(dir) = source {
            cmd.arg("--source").arg(dir);
        }
        let out = cmd.output().unwrap();
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
    };
    let alone = run(None);
    assert_eq!(addresses(&alone), ["aws_backup_selection.tagged"]);
    assert_eq!(alone["summary"]["suppressed"], 0);
    let with_source = run(Some(tmp.path()));
    assert!(addresses(&with_source).is_empty(), "{with_source}");
    assert_eq!(with_source["summary"]["suppressed"], 1);
}
