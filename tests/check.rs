//! `tfward check` as users run it: formats, exit codes, selection, and the
//! catalogued stories on real input.

use assert_cmd::Command;
use std::path::Path;

fn tfward() -> Command {
    let mut cmd = Command::cargo_bin("tfward").expect("binary");
    cmd.env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const BACKUP_STORY: &str = "testdata/cdktf/backup-cross-region/cdktf.out";
const SINGLE_REGION: &str = "../shared/corpus/cdktf/secure-infra-single-region/cdk.tf.json";

fn json_findings(args: &[&str]) -> (i32, serde_json::Value) {
    let (code, out, err) = run(tfward().args(["check", "--format", "json"]).args(args));
    assert!(code == 0 || code == 1, "{err}");
    (code, serde_json::from_str(&out).expect("json report"))
}

#[test]
fn backup_story_reports_the_root_cause_once() {
    // Vault, plan and selection on the backup provider; the tagged data in the primary region.
    let (code, doc) = json_findings(&[BACKUP_STORY]);
    assert_eq!(code, 1);
    let findings = doc["findings"].as_array().expect("findings");
    let backup: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("backup-"))
        .collect();
    assert_eq!(backup.len(), 1, "{backup:#?}");
    let f = backup[0];
    assert_eq!(f["rule"], "backup-selection-empty");
    assert_eq!(f["address"], "aws_backup_selection.BackupSelection");
    assert_eq!(f["region"], "us-west-2");
    assert_eq!(f["construct_path"], "TapStack/BackupSelection");
    let message = f["message"].as_str().unwrap();
    for part in [
        "us-west-2",
        "us-east-1",
        "aws_ebs_volume.App-Data-Volume",
        "aws_db_instance.App-Database",
        "no backup and no cross-region copy",
    ] {
        assert!(message.contains(part), "`{part}` missing from: {message}");
    }
    let related: Vec<&str> = f["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["address"].as_str().unwrap())
        .collect();
    assert!(related.contains(&"aws_backup_plan.BackupPlan"));
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn single_region_story_reports_both_missing_key_grants() {
    let (_, doc) = json_findings(&["--rule", "kms", SINGLE_REGION]);
    let grants: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "kms-key-policy-service-grant")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(grants.len(), 2, "{grants:#?}");
    assert!(
        grants
            .iter()
            .any(|m| m.contains("logs.us-east-1.amazonaws.com"))
    );
    assert!(
        grants
            .iter()
            .any(|m| m.contains("cloudtrail.amazonaws.com"))
    );
    // DEFECTS.md: the same-region key of the database is not a finding.
    assert!(
        !doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "kms-cross-region-reference")
    );
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn sarif_validates_against_the_official_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json"),
        )
        .expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    for input in [
        BACKUP_STORY,
        SINGLE_REGION,
        "testdata/region/nested-modules/plan.json",
        "examples/multi-region",
    ] {
        let (_, out, err) = run(tfward().args(["check", "--format", "sarif", input]));
        let sarif: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{input}: {e}: {err}"));
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{input}: {errors:#?}");
        let run = &sarif["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(
            rules.len(),
            tfward::rules::RULES.len() - 1,
            "every rule but the opt-in one"
        );
        for result in run["results"].as_array().unwrap() {
            let id = result["ruleId"].as_str().unwrap();
            assert_eq!(
                rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
                id
            );
            let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(!uri.starts_with('/'), "relative URI expected: {uri}");
            assert!(
                result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].is_string()
            );
        }
    }
}

#[test]
fn sarif_levels_follow_severity_and_metadata_comes_from_the_declarations() {
    let (_, out, _) = run(tfward().args(["check", "--format", "sarif", BACKUP_STORY]));
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let empty = rules
        .iter()
        .find(|r| r["id"] == "backup-selection-empty")
        .unwrap();
    let meta = tfward::rules::find("backup-selection-empty").unwrap();
    assert_eq!(empty["shortDescription"]["text"], meta.meta.title);
    assert_eq!(empty["fullDescription"]["text"], meta.meta.rationale);
    assert_eq!(empty["properties"]["security-severity"], "8.0");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["level"], "error");
}

#[test]
fn exit_codes_follow_the_threshold() {
    // The backup story's worst finding is high.
    let (code, doc) = json_findings(&[BACKUP_STORY]);
    assert_eq!(code, 1);
    assert_eq!(doc["summary"]["failed"], true);
    assert_eq!(doc["summary"]["threshold"], "high");
    let (code, doc) = json_findings(&["--severity-threshold", "critical", BACKUP_STORY]);
    assert_eq!(code, 0, "no critical finding");
    assert_eq!(doc["summary"]["failed"], false);
    let (code, _) = json_findings(&["--skip-rule", "backup-selection-empty", BACKUP_STORY]);
    assert_eq!(code, 0);
    let (code, _, err) = run(tfward().args(["check", "--rule", "no-such-rule", BACKUP_STORY]));
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown rule or family `no-such-rule`"),
        "{err}"
    );
}

#[test]
fn json_findings_have_the_documented_fields() {
    let (_, doc) = json_findings(&[BACKUP_STORY]);
    assert_eq!(doc["version"], 1);
    let f = &doc["findings"][0];
    for key in [
        "rule",
        "severity",
        "title",
        "message",
        "address",
        "type",
        "region",
        "file",
        "line",
        "construct_path",
        "related",
    ] {
        assert!(f.get(key).is_some(), "missing {key}");
    }
    for key in ["address", "region", "role"] {
        assert!(f["related"][0].get(key).is_some(), "related lacks {key}");
    }
    assert!(doc["summary"]["by_severity"].is_object() && doc["summary"]["by_rule"].is_object());
}

#[test]
fn policy_files_change_severities_and_parameters() {
    let dir = tempfile::tempdir().expect("tmp");
    let policy = dir.path().join("team.hcl");
    std::fs::write(
        &policy,
        "allowed_regions = [\"us-east-1\"]\nrule \"backup-selection-empty\" {\n  severity = \"low\"\n}\n",
    )
    .unwrap();
    let (code, doc) = json_findings(&["--policy", policy.to_str().unwrap(), BACKUP_STORY]);
    let findings = doc["findings"].as_array().unwrap();
    let empty = findings
        .iter()
        .find(|f| f["rule"] == "backup-selection-empty")
        .unwrap();
    assert_eq!(empty["severity"], "low");
    let not_allowed: Vec<&str> = findings
        .iter()
        .filter(|f| f["rule"] == "region-not-allowed")
        .map(|f| f["address"].as_str().unwrap())
        .collect();
    assert!(
        not_allowed.contains(&"aws_backup_vault.BackupVault"),
        "{not_allowed:?}"
    );
    assert_eq!(code, 1, "region-not-allowed is high");
    std::fs::write(&policy, "rule \"nope\" {}\n").unwrap();
    let (code, _, err) =
        run(tfward().args(["check", "--policy", policy.to_str().unwrap(), BACKUP_STORY]));
    assert_eq!(code, 2);
    assert!(err.contains("team.hcl:1: unknown rule `nope`"), "{err}");
}

#[test]
fn rules_and_explain_come_from_the_declarations() {
    let (code, out, _) = run(tfward().args(["rules"]));
    assert_eq!(code, 0);
    for rule in tfward::rules::RULES {
        assert!(out.contains(rule.meta.id), "{} not listed", rule.meta.id);
    }
    let (code, out, _) = run(tfward().args(["explain", "kms-cross-region-reference"]));
    assert_eq!(code, 0);
    let meta = &tfward::rules::find("kms-cross-region-reference")
        .unwrap()
        .meta;
    assert!(
        out.contains(meta.rationale)
            && out.contains(meta.remediation)
            && out.contains("provider    = aws.dr")
    );
    let (code, _, err) = run(tfward().args(["explain", "nope"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule `nope`"));
    let (_, json, _) = run(tfward().args(["rules", "--format", "json"]));
    let list: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(list.as_array().unwrap().len(), tfward::rules::RULES.len());
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn generated_plan_planted_region_mistakes_are_found_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tmp");
    let plan = dir.path().join("plan.json");
    let manifest = dir.path().join("manifest.json");
    let status = std::process::Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_plan.py"))
        .args(["--resources", "10000", "--seed", "1", "--out"])
        .arg(&plan)
        .arg("--manifest")
        .arg(&manifest)
        .status()
        .expect("python3");
    assert!(status.success());
    let (_, doc) = json_findings(&[
        "--rule",
        "kms-cross-region-reference",
        "--rule",
        "availability-zone-region-mismatch",
        plan.to_str().unwrap(),
    ]);
    let planted: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    let rule_of = |kind: &str| match kind {
        "kms_cross_region" => Some("kms-cross-region-reference"),
        "az_outside_region" => Some("availability-zone-region-mismatch"),
        _ => None,
    };
    // `aws.backup`'s region is `var.backup_region` in the configuration; the
    // plan records only that the expression uses the variable, so without
    // the configuration (`--source`) that region is unknown and never judged.
    let generated: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    let unrecorded = generated["variables"]["backup_region"]["value"].clone();
    assert!(unrecorded.is_string());
    let mut want: Vec<(String, String)> = planted["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["resource_region"] != unrecorded && p["key_region"] != unrecorded)
        .filter_map(|p| {
            Some((
                rule_of(p["kind"].as_str()?)?.to_string(),
                p["address"].as_str()?.to_string(),
            ))
        })
        .collect();
    want.sort();
    let mut got: Vec<(String, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["address"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    assert!(want.len() > 100, "the generator planted {}", want.len());
    assert_eq!(got, want);
}

#[test]
fn the_rule_docs_are_up_to_date() {
    let mut generated = Vec::new();
    tfward::report::catalog::markdown(&mut generated).unwrap();
    let committed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
            .unwrap_or_default();
    assert!(
        committed == String::from_utf8(generated).unwrap(),
        "docs/rules.md is out of date: run `make docs`"
    );
}

#[test]
fn sensitive_values_never_appear_in_any_format() {
    let dir = tempfile::tempdir().expect("tmp");
    // A vault named by a sensitive variable that a plan targets by a literal, misspelled name,
    // and an EBS volume in a zone of another region given by a sensitive variable.
    std::fs::write(
        dir.path().join("main.tf"),
        r#"
variable "vault" {
  default   = "hunter2-vault"
  sensitive = true
}
variable "zone" {
  default   = "eu-west-1a"
  sensitive = true
}
provider "aws" { region = "us-east-1" }
resource "aws_backup_vault" "v" { name = var.vault }
resource "aws_backup_plan" "p" {
  name = "p"
  rule {
    rule_name         = "daily"
    target_vault_name = "hunter2-vault-typo"
    schedule          = "cron(0 5 * * ? *)"
  }
}
resource "aws_ebs_volume" "d" {
  availability_zone = var.zone
  size              = 10
}
"#,
    )
    .unwrap();
    for format in [
        "human", "json", "sarif", "github", "markdown", "html", "gitlab", "junit",
    ] {
        let (code, out, err) = run(tfward().args(["check", "--format", format]).arg(dir.path()));
        assert_eq!(code, 1, "{format}: {err}");
        assert!(
            out.contains("availability-zone-region-mismatch"),
            "{format}: the zone finding still fires"
        );
        for secret in ["hunter2", "eu-west-1a"] {
            assert!(
                !out.contains(secret) && !err.contains(secret),
                "{format} printed {secret}:\n{out}"
            );
        }
    }
    for format in ["mermaid", "dot", "svg"] {
        let (code, out, err) = run(tfward()
            .args(["map", "--all", "--format", format])
            .arg(dir.path()));
        assert_eq!(code, 0, "{format}: {err}");
        assert!(out.contains("aws_ebs_volume.d"), "{format}: {out}");
        for secret in ["hunter2", "eu-west-1a"] {
            assert!(
                !out.contains(secret),
                "map {format} printed {secret}:\n{out}"
            );
        }
    }
}

#[test]
fn github_annotations_and_markdown() {
    let (code, out, _) = run(tfward().args(["check", "--format", "github", BACKUP_STORY]));
    assert_eq!(code, 1);
    let line = out.lines().next().expect("one annotation");
    let re = regex::Regex::new(r"^::(error|warning|notice) file=[^,:]+,line=\d+,title=tfward \(backup-selection-empty\)::[^\r\n]+$").unwrap();
    assert!(re.is_match(line), "{line}");
    let (_, md, _) = run(tfward().args(["check", "--format", "markdown", BACKUP_STORY]));
    assert!(md.starts_with("### tfward"), "{md}");
    assert!(
        md.contains("| `backup-selection-empty` | high | 1 |"),
        "{md}"
    );
    assert!(
        md.contains("**`aws_backup_selection.BackupSelection`** · us-west-2 · "),
        "{md}"
    );
}

#[test]
fn shell_completions() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, _) = run(tfward().args(["completions", shell]));
        assert_eq!(code, 0);
        assert!(
            out.contains("inventory") && out.contains("severity-threshold"),
            "{shell}"
        );
    }
}

#[test]
fn the_day_of_the_check_comes_from_tfward_today() {
    // nodejs20.x is deprecated on 2026-04-30.
    let case = "testdata/rules/lambda-runtime-deprecated/fires-deprecated-on-the-day/hcl";
    let args = [
        "check",
        "--format",
        "json",
        "--rule",
        "lambda-runtime-deprecated",
        case,
    ];
    let count = |day: &str| {
        let (code, out, err) = run(tfward().env("TFWARD_TODAY", day).args(args));
        assert_eq!(code, 0, "{err}");
        let doc: serde_json::Value = serde_json::from_str(&out).expect("json report");
        doc["findings"].as_array().expect("findings").len()
    };
    assert_eq!(count("2026-04-30"), 1);
    assert_eq!(count("2026-04-29"), 0);
    for bad in ["2026-4-30", "2026-02-30", "tomorrow"] {
        let (code, out, err) = run(tfward().env("TFWARD_TODAY", bad).args(args));
        assert_eq!(code, 2, "{bad}: {out}");
        assert!(err.contains("TFWARD_TODAY") && err.contains(bad), "{err}");
    }
}

/// `--source`: a plan and a configuration that disagree say so once, and the
/// resources in dispute are checked as the plan has them; a source that is
/// not a configuration is an error naming it.
#[test]
fn a_plan_and_a_configuration_that_disagree_say_so_once() {
    let case = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/rules/backup-selection-empty/fires-story");
    let tmp = tempfile::tempdir().unwrap();
    let main = std::fs::read_to_string(case.join("hcl/main.tf")).unwrap();
    // The selection is renamed in the configuration: one resource only in
    // each; a new queue only in the configuration.
    let edited = main.replace(
        r#"resource "aws_backup_selection" "tagged""#,
        r#"resource "aws_backup_selection" "renamed""#,
    ) + "\nresource \"aws_sqs_queue\" \"later\" {\n  name = \"later\"\n}\n";
    std::fs::write(tmp.path().join("main.tf"), edited).unwrap();
    let plan = case.join("plan.json");
    let (code, out, err) = run(tfward().args([
        "check",
        "--format",
        "json",
        plan.to_str().unwrap(),
        "--source",
        tmp.path().to_str().unwrap(),
    ]));
    assert_eq!(code, 1, "{err}");
    let notes: Vec<&str> = err.lines().filter(|l| l.contains("disagree")).collect();
    assert_eq!(notes.len(), 1, "{err}");
    assert!(
        notes[0].contains("1 resource only in the plan (aws_backup_selection.tagged)")
            && notes[0].contains("2 resources only in the configuration (aws_backup_selection.renamed, aws_sqs_queue.later)"),
        "{}",
        notes[0]
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let selection = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["address"] == "aws_backup_selection.tagged")
        .expect("the plan's selection is still checked");
    assert_eq!(
        selection["file"],
        plan.to_str().unwrap(),
        "the plan alone places it"
    );
    // The others are placed by the configuration.
    let (_, out, _) = run(tfward().args([
        "inventory",
        "--format",
        "json",
        plan.to_str().unwrap(),
        "--source",
        tmp.path().to_str().unwrap(),
    ]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    for res in doc["resources"].as_array().unwrap() {
        let in_source = res["file"].as_str().unwrap().ends_with("main.tf");
        assert_eq!(
            in_source,
            res["address"] != "aws_backup_selection.tagged",
            "{res}"
        );
    }

    let (code, _, err) = run(tfward().args([
        "check",
        plan.to_str().unwrap(),
        "--source",
        case.join("expected.txt").to_str().unwrap(),
    ]));
    assert_eq!(code, 2);
    assert!(
        err.contains("expected.txt") && err.contains("--source"),
        "{err}"
    );
}
