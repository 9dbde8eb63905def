//! Lines that users see: every block of a large `.tf` file and every resource
//! of a Terraform JSON file is on the line it starts on.

mod common;

use std::path::Path;
use tfward::load::{LoadOptions, load_path};

fn line_of(models: &[tfward::model::Model], address: &str) -> Option<u32> {
    let model = models.first().expect("one model");
    common::resource(model, address).location.line
}

/// Line numbers come from one index per file: the 2,000th block of one file
/// is numbered from that file's own text, and right.
#[test]
fn every_block_of_a_large_file_is_on_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::new();
    for i in 0..2000 {
        text.push_str(&format!(
            "resource \"aws_sqs_queue\" \"q{i}\" {{\n  name = \"q{i}\"\n}}\n\n"
        ));
    }
    std::fs::write(dir.path().join("main.tf"), text).expect("write");
    let models = load_path(dir.path(), &LoadOptions::default()).expect("loads");
    for i in [0, 1, 999, 1999] {
        assert_eq!(
            line_of(&models, &format!("aws_sqs_queue.q{i}")),
            Some(4 * i + 1)
        );
    }
}

/// A tag named like a later resource (`"b"` inside `aws_s3_bucket.a`) does not
/// move `aws_s3_bucket.b` onto the tag's line.
#[test]
fn a_nested_key_named_like_a_resource_keeps_the_resource_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = r#"{
  "resource": {
    "aws_s3_bucket": {
      "a": {
        "bucket": "a",
        "tags": {
          "a": "x",
          "b": "y"
        }
      },
      "b": {
        "bucket": "b"
      },
      "c": [
        {"bucket": "c0"}
      ]
    }
  }
}
"#;
    std::fs::write(dir.path().join("main.tf.json"), text).expect("write");
    let models = load_path(dir.path(), &LoadOptions::default()).expect("loads");
    assert_eq!(line_of(&models, "aws_s3_bucket.a"), Some(4));
    assert_eq!(line_of(&models, "aws_s3_bucket.b"), Some(11));
    assert_eq!(line_of(&models, "aws_s3_bucket.c"), Some(15));
}

/// The same through the command users run.
#[test]
fn inventory_reports_the_json_resource_line() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/positions/tag-named-like-resource");
    let out = assert_cmd::Command::cargo_bin("tfward")
        .expect("binary")
        .args(["inventory", "--format", "json"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let lines: Vec<(String, u64)> = doc["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .map(|r| {
            (
                r["address"].as_str().unwrap_or_default().to_string(),
                r["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("aws_s3_bucket.a".to_string(), 4),
            ("aws_s3_bucket.b".to_string(), 11)
        ]
    );
}
