//! The CI report formats, `--format gitlab` and `--format junit`, validated
//! against their published schemas (`tests/schemas/`, with their sources)
//! on the bundled examples, a corpus plan, suppressed findings, a clean run
//! and a hostile resource name; and checked against the JSON report of the
//! same run: one entry per finding, the severities mapped, the paths
//! relative, the lines right.
//!
//! The JUnit checks run `xmllint` (Debian's `libxml2-utils`); build.rs says
//! whether it is there, and under CI it must be.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn tfward() -> Command {
    let mut cmd = Command::cargo_bin("tfward").expect("binary");
    cmd.env("TFWARD_TODAY", "2026-11-23")
        .env("NO_COLOR", "1")
        .current_dir(ROOT);
    cmd
}

/// Exit code and stdout of a run that neither crashed nor failed to read its input.
fn run(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().expect("runs");
    let code = out.status.code().expect("exit code");
    assert!(
        code == 0 || code == 1,
        "exit {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (code, String::from_utf8(out.stdout).expect("UTF-8 report"))
}

/// `check` on `input` (arguments), in `format`.
fn report(dir: &Path, input: &[&str], format: &str) -> (i32, String) {
    run(tfward()
        .current_dir(dir)
        .arg("check")
        .args(input)
        .args(["--format", format]))
}

/// What the JSON report of the same run says: every finding (suppressed
/// ones too) and how many rules ran.
struct Expected {
    findings: Vec<Value>,
    rules_checked: usize,
}

fn expected(dir: &Path, input: &[&str]) -> Expected {
    let mut args = input.to_vec();
    if !args.contains(&"--show-suppressed") {
        args.push("--show-suppressed");
    }
    let (_, out) = report(dir, &args, "json");
    let doc: Value = serde_json::from_str(&out).expect("JSON report");
    Expected {
        findings: doc["findings"].as_array().expect("findings").clone(),
        rules_checked: doc["summary"]["rules_checked"].as_u64().expect("count") as usize,
    }
}

/// A file as the CI reports name it: the JSON report's, without `./`.
fn relative(file: &str) -> &str {
    file.trim_start_matches("./")
}

/// `text` as an XML parser reads it back from the JUnit report: characters
/// XML 1.0 cannot carry replaced (controls by a space, U+FFFE and U+FFFF by
/// U+FFFD), the rest as it was.
fn as_read_back(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 => ' ',
            '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

// ------------------------------------------------------------------- GitLab

fn gitlab_schema() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(Path::new(ROOT).join("tests/schemas/gitlab-codeclimate.json"))
            .expect("vendored schema");
    jsonschema::validator_for(&serde_json::from_str(&text).expect("schema is JSON"))
        .expect("valid schema")
}

/// The report parsed, each entry valid against GitLab's schema, severities
/// on GitLab's scale and fingerprints unique (GitLab keeps one entry per
/// fingerprint).
fn valid_gitlab(text: &str) -> Vec<Value> {
    let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let entries = doc.as_array().expect("a JSON array").clone();
    let schema = gitlab_schema();
    for entry in &entries {
        let errors: Vec<String> = schema.iter_errors(entry).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}: {entry}");
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&entry["severity"].as_str().unwrap()),
            "{entry}"
        );
        assert_eq!(entry["type"], "issue");
        assert!(entry["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    let mut fingerprints: Vec<&str> = entries
        .iter()
        .map(|e| e["fingerprint"].as_str().unwrap())
        .collect();
    fingerprints.sort();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), entries.len(), "unique fingerprints");
    entries
}

/// tfward's severity as the Code Quality report names it.
fn gitlab_severity(severity: &str) -> &'static str {
    match severity {
        "low" => "minor",
        "medium" => "major",
        "high" => "critical",
        "critical" => "blocker",
        other => panic!("severity {other}"),
    }
}

/// The GitLab report of `input` run in `dir`: valid, one entry per finding
/// that counts, in the same order, each saying what the JSON report says.
fn check_gitlab(dir: &Path, input: &[&str]) -> Vec<Value> {
    let (_, out) = report(dir, input, "gitlab");
    let entries = valid_gitlab(&out);
    let active: Vec<Value> = expected(dir, input)
        .findings
        .into_iter()
        .filter(|f| f["suppressed"].is_null())
        .collect();
    assert_eq!(entries.len(), active.len(), "{out}");
    for (entry, finding) in entries.iter().zip(&active) {
        assert_eq!(entry["check_name"], finding["rule"]);
        assert_eq!(entry["description"], finding["message"]);
        assert_eq!(entry["fingerprint"], finding["fingerprint"]);
        assert_eq!(
            entry["severity"],
            gitlab_severity(finding["severity"].as_str().unwrap())
        );
        let path = entry["location"]["path"].as_str().unwrap();
        assert!(!path.starts_with('/'), "relative: {path}");
        assert!(dir.join(path).is_file(), "{path} is a file from {dir:?}");
        assert_eq!(path, relative(finding["file"].as_str().unwrap()));
        // A finding with no line points at the first.
        let line = finding["line"].as_u64().unwrap_or(1);
        assert_eq!(entry["location"]["lines"]["begin"], line, "{entry}");
        let remediation = finding["remediation"].as_str().unwrap();
        assert!(
            entry["content"]["body"]
                .as_str()
                .unwrap()
                .ends_with(remediation),
            "{entry}"
        );
    }
    entries
}

// -------------------------------------------------------------------- JUnit

/// `text` valid against the Jenkins xunit plugin's `junit-10.xsd`, by xmllint.
fn assert_valid_junit(text: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("junit.xml");
    std::fs::write(&file, text).unwrap();
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(Path::new(ROOT).join("tests/schemas/junit-10.xsd"))
        .arg(&file)
        .output()
        .expect("xmllint on PATH (apt-get install libxml2-utils)");
    assert!(
        out.status.success(),
        "{}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One testcase: its suite, name, and failure or skip.
#[derive(Debug, Clone, PartialEq)]
struct Case {
    suite: String,
    name: String,
    classname: String,
    /// `failure` or `skipped` with its message and text; `None` for a pass.
    outcome: Option<(String, String, String)>,
    failure_type: Option<String>,
}

/// The testcases of a valid JUnit report, after checking every count it states.
fn junit_cases(text: &str) -> Vec<Case> {
    assert_valid_junit(text);
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let count = |node: roxmltree::Node, attr: &str| -> usize {
        node.attribute(attr)
            .unwrap_or_else(|| panic!("{attr}"))
            .parse()
            .unwrap()
    };
    let mut cases = Vec::new();
    let (mut failures, mut tests) = (0, 0);
    for suite in root.children().filter(|n| n.is_element()) {
        assert_eq!(suite.tag_name().name(), "testsuite");
        let name = suite.attribute("name").unwrap().to_string();
        let mut suite_cases = Vec::new();
        for case in suite.children().filter(|n| n.is_element()) {
            assert_eq!(case.tag_name().name(), "testcase");
            let outcome = case.children().find(|n| n.is_element());
            suite_cases.push(Case {
                suite: name.clone(),
                name: case.attribute("name").unwrap().to_string(),
                classname: case.attribute("classname").unwrap().to_string(),
                outcome: outcome.map(|o| {
                    (
                        o.tag_name().name().to_string(),
                        o.attribute("message").unwrap_or_default().to_string(),
                        o.text().unwrap_or_default().to_string(),
                    )
                }),
                failure_type: outcome.and_then(|o| o.attribute("type").map(str::to_string)),
            });
        }
        let of = |kind: &str| {
            suite_cases
                .iter()
                .filter(|c| c.outcome.as_ref().is_some_and(|o| o.0 == kind))
                .count()
        };
        assert_eq!(count(suite, "tests"), suite_cases.len(), "{name}");
        assert_eq!(count(suite, "failures"), of("failure"), "{name}");
        assert_eq!(count(suite, "skipped"), of("skipped"), "{name}");
        assert_eq!(count(suite, "errors"), 0);
        tests += suite_cases.len();
        failures += of("failure");
        cases.extend(suite_cases);
    }
    assert_eq!(count(root, "tests"), tests);
    assert_eq!(count(root, "failures"), failures);
    cases
}

/// The JUnit report of `input` run in `dir`: valid, a suite per rule that
/// ran, a testcase per finding (failed, or skipped when suppressed) and one
/// passing testcase per rule without findings.
fn check_junit(dir: &Path, input: &[&str]) -> Vec<Case> {
    let (_, out) = report(dir, input, "junit");
    let cases = junit_cases(&out);
    let expected = expected(dir, input);
    let mut by_rule: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for f in &expected.findings {
        by_rule
            .entry(f["rule"].as_str().unwrap())
            .or_default()
            .push(f);
    }
    let passing = expected.rules_checked - by_rule.len();
    assert_eq!(cases.len(), expected.findings.len() + passing, "{out}");
    let passed: Vec<&Case> = cases.iter().filter(|c| c.outcome.is_none()).collect();
    assert_eq!(passed.len(), passing);
    for case in &passed {
        assert_eq!(case.name, "no findings");
        assert!(!by_rule.contains_key(case.suite.as_str()), "{case:?}");
    }
    for (rule, findings) in &by_rule {
        let in_suite: Vec<&Case> = cases.iter().filter(|c| c.suite == *rule).collect();
        assert_eq!(in_suite.len(), findings.len(), "{rule}");
        for f in findings {
            let address = f["address"].as_str().unwrap();
            let address = if address.is_empty() {
                "configuration"
            } else {
                address
            };
            let address = as_read_back(address);
            let message = as_read_back(f["message"].as_str().unwrap());
            // A rule may find two things on one resource: the message tells them apart.
            let case = in_suite
                .iter()
                .find(|c| {
                    c.name.starts_with(&address)
                        && c.outcome.as_ref().is_some_and(|(_, m, t)| {
                            *m == message || t.starts_with(&format!("{message}\n"))
                        })
                })
                .unwrap_or_else(|| panic!("no case for {address:?} in {in_suite:?}"));
            assert_eq!(case.classname, *rule);
            if let Some(region) = f["region"].as_str().filter(|r| !r.is_empty()) {
                assert!(case.name.contains(&format!("({region})")), "{case:?}");
            }
            let (kind, shown, text) = case.outcome.clone().unwrap();
            if f["suppressed"].is_null() {
                assert_eq!(kind, "failure");
                assert_eq!(shown, message);
                assert_eq!(case.failure_type.as_deref(), f["severity"].as_str());
                let file = relative(f["file"].as_str().unwrap());
                let place = match f["line"].as_u64() {
                    Some(line) => format!("at {file}:{line}"),
                    None => format!("at {file}"),
                };
                assert!(text.contains(&place), "{place}: {text}");
                assert!(
                    text.contains(&format!(
                        "Remediation: {}",
                        f["remediation"].as_str().unwrap()
                    )),
                    "{text}"
                );
            } else {
                assert_eq!(kind, "skipped");
                let justification = f["suppressed"]["justification"].as_str().unwrap();
                assert!(shown.contains(justification), "{shown}");
            }
        }
    }
    cases
}

// -------------------------------------------------------------------- cases

#[test]
fn gitlab_reports_of_the_examples_follow_gitlabs_schema() {
    let root = Path::new(ROOT);
    let mr = check_gitlab(root, &["examples/multi-region"]);
    assert!(!mr.is_empty());
    let cfn = check_gitlab(
        root,
        &[
            "examples/cloudformation/template.yaml",
            "--region",
            "eu-central-1",
        ],
    );
    // A critical finding is a blocker.
    assert!(
        cfn.iter()
            .any(|e| e["check_name"] == "kms-cross-region-reference"
                && e["severity"] == "blocker"
                && e["categories"][0] == "Security")
    );
    let cdk = check_gitlab(root, &["examples/cdk-two-region/cdk.out"]);
    assert!(!cdk.is_empty());
}

#[test]
#[cfg_attr(not(has_xmllint), ignore = "needs xmllint on PATH (libxml2-utils)")]
fn junit_reports_of_the_examples_follow_the_xunit_schema() {
    let root = Path::new(ROOT);
    let cases = check_junit(root, &["examples/multi-region"]);
    assert!(cases.iter().any(|c| c.outcome.is_some()));
    check_junit(
        root,
        &[
            "examples/cloudformation/template.yaml",
            "--region",
            "eu-central-1",
        ],
    );
    check_junit(root, &["examples/cdk-two-region/cdk.out"]);
}

/// A plan alone: findings with no line, pointing at the plan's first line.
#[test]
#[cfg_attr(
    not(all(has_shared, has_xmllint)),
    ignore = "needs ../shared beside the repository and xmllint on PATH"
)]
fn a_plan_without_its_configuration_points_at_the_plan() {
    let root = Path::new(ROOT);
    let plan = "../shared/corpus/plans/regula/volume_encrypted.json";
    let entries = check_gitlab(root, &[plan]);
    assert_eq!(entries.len(), 4);
    for e in &entries {
        assert_eq!(e["location"]["path"], plan);
        assert_eq!(e["location"]["lines"]["begin"], 1);
    }
    let cases = check_junit(root, &[plan]);
    let failed: Vec<&Case> = cases.iter().filter(|c| c.outcome.is_some()).collect();
    assert_eq!(failed.len(), 4);
    assert!(
        failed
            .iter()
            .any(|c| c.name == "aws_ebs_volume.bad (us-east-2)"),
        "{failed:?}"
    );
}

const VOLUMES: &str = r#"provider "aws" { region = "us-east-1" }

# tfward:ignore:encryption-at-rest-disabled scratch volume, no data
resource "aws_ebs_volume" "scratch" {
  availability_zone = "us-east-1a"
  size              = 1
  encrypted         = false
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 1
  encrypted         = false
}
"#;

#[test]
#[cfg_attr(not(has_xmllint), ignore = "needs xmllint on PATH (libxml2-utils)")]
fn suppressed_findings_are_skipped_tests_and_no_code_quality_issue() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), VOLUMES).unwrap();
    let input = [".", "--rule", "encryption-at-rest-disabled"];
    for show in [false, true] {
        let mut input = input.to_vec();
        if show {
            input.push("--show-suppressed");
        }
        let entries = check_gitlab(dir.path(), &input);
        assert_eq!(entries.len(), 1, "{entries:?}");
        assert_eq!(entries[0]["location"]["path"], "main.tf");
        assert_eq!(entries[0]["location"]["lines"]["begin"], 10);
        assert_eq!(entries[0]["severity"], "critical");
        let cases = check_junit(dir.path(), &input);
        let outcome = |name: &str| {
            cases
                .iter()
                .find(|c| c.name == name)
                .and_then(|c| c.outcome.clone())
                .unwrap_or_else(|| panic!("{name}: {cases:?}"))
        };
        let (kind, message, _) = outcome("aws_ebs_volume.scratch (us-east-1)");
        assert_eq!(kind, "skipped");
        assert_eq!(message, "suppressed (comment): scratch volume, no data");
        let (kind, _, text) = outcome("aws_ebs_volume.data (us-east-1)");
        assert_eq!(kind, "failure");
        assert!(text.contains("at main.tf:10\n"), "{text}");
        assert_eq!(cases.len(), 2, "one rule, two findings: {cases:?}");
    }
}

#[test]
#[cfg_attr(not(has_xmllint), ignore = "needs xmllint on PATH (libxml2-utils)")]
fn a_clean_run_is_an_empty_array_and_every_rule_passing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        VOLUMES.replace("encrypted         = false", "encrypted         = true"),
    )
    .unwrap();
    let (code, out) = report(dir.path(), &["."], "gitlab");
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "[]\n");
    assert!(valid_gitlab(&out).is_empty());
    let (code, out) = report(dir.path(), &["."], "junit");
    assert_eq!(code, 0);
    let cases = junit_cases(&out);
    let rules = expected(dir.path(), &["."]).rules_checked;
    assert!(rules > 10);
    assert_eq!(cases.len(), rules);
    assert!(
        cases
            .iter()
            .all(|c| c.name == "no findings" && c.outcome.is_none() && c.classname == c.suite)
    );
}

/// A for_each key is a free string in a hand-made plan: markup, `]]>`, a
/// line break and characters XML 1.0 forbids even as references.
const HOSTILE_KEY: &str =
    "k]]><![CDATA[x]]></testcase>&amp;\"'\u{1}\u{1b}\u{ffff}\n::warning::w ##[error]e";

#[test]
#[cfg_attr(not(has_xmllint), ignore = "needs xmllint on PATH (libxml2-utils)")]
fn a_hostile_resource_name_makes_valid_reports_that_still_say_it() {
    let dir = tempfile::tempdir().unwrap();
    let story = Path::new(ROOT)
        .join("testdata/rules/encryption-at-rest-disabled/fires-ebs-encrypted-false");
    let plan = std::fs::read_to_string(story.join("plan.json")).unwrap();
    let address = format!("aws_ebs_volume.data[\"{HOSTILE_KEY}\"]");
    let quoted = serde_json::to_string(&address).unwrap();
    let hostile = plan.replace(
        "\"address\":\"aws_ebs_volume.data\"",
        &format!("\"address\":{quoted}"),
    );
    assert_ne!(hostile, plan);
    std::fs::write(dir.path().join("plan.json"), hostile).unwrap();
    let input = ["plan.json", "--rule", "encryption-at-rest-disabled"];

    let entries = check_gitlab(dir.path(), &input);
    assert!(
        entries
            .iter()
            .any(|e| e["description"].as_str().unwrap().contains(&address)),
        "{entries:?}"
    );

    let (_, out) = report(dir.path(), &input, "junit");
    // Nothing from the key starts a line or leaves `##[` for a runner to read.
    assert!(!out.contains("##["), "{out}");
    assert!(
        !out.lines().any(|l| l.trim_start().starts_with("::")),
        "{out}"
    );
    let cases = check_junit(dir.path(), &input);
    // What XML can carry is kept; the rest is replaced, not dropped.
    let shown = "k]]><![CDATA[x]]></testcase>&amp;\"'  \u{fffd}\n::warning::w ##[error]e";
    let case = cases
        .iter()
        .find(|c| c.name.contains(shown))
        .unwrap_or_else(|| panic!("{shown:?} in {cases:?}"));
    assert_eq!(
        case.name,
        format!("aws_ebs_volume.data[\"{shown}\"] (us-east-1)")
    );
    let (kind, message, _) = case.outcome.clone().unwrap();
    assert_eq!(kind, "failure");
    assert!(message.contains(shown), "{message}");
}

/// The README's GitLab job: one run writes the human report and both files.
#[test]
#[cfg_attr(not(has_xmllint), ignore = "needs xmllint on PATH (libxml2-utils)")]
fn one_run_writes_both_reports_beside_the_human_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), VOLUMES).unwrap();
    let (code, out) = run(tfward().current_dir(dir.path()).args([
        "check",
        ".",
        "--format",
        "human",
        "--output",
        "gitlab=gl-code-quality-report.json",
        "--output",
        "junit=tfward-junit.xml",
    ]));
    assert_eq!(code, 1);
    assert!(out.contains("aws_ebs_volume.data"), "{out}");
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    let (_, gitlab) = report(dir.path(), &["."], "gitlab");
    assert_eq!(read("gl-code-quality-report.json"), gitlab);
    valid_gitlab(&gitlab);
    let (_, junit) = report(dir.path(), &["."], "junit");
    assert_eq!(read("tfward-junit.xml"), junit);
    junit_cases(&junit);
}

#[test]
fn completions_offer_both_formats() {
    let (_, out) = run(tfward().args(["completions", "bash"]));
    for format in ["gitlab", "junit"] {
        assert!(out.contains(format), "{format}");
    }
}
