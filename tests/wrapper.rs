//! `tfward plan` end to end, with a stand-in `terraform` that records its
//! arguments and replays a recorded plan JSON: exit codes, argument passing,
//! interruption and clean-up.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const FINDINGS_PLAN: &str = "testdata/rules/backup-selection-empty/fires-story/plan.json";
const CLEAN_PLAN: &str = "testdata/rules/kms-key-rotation/clean-asymmetric-and-hmac/plan.json";

/// A stand-in terraform: `plan` writes the -out file and exits $STANDIN_PLAN_EXIT
/// (or sleeps until interrupted when $STANDIN_SLEEP is set); `show -json` prints $STANDIN_JSON.
const STANDIN: &str = r#"#!/usr/bin/env bash
echo "$@" >> "$STANDIN_LOG"
case "$1" in
  plan)
    for a in "$@"; do case "$a" in -out=*) out="${a#-out=}";; esac; done
    echo "fake plan bytes" > "$out"
    echo "Plan: 1 to add, 0 to change, 0 to destroy."
    if [ -n "$STANDIN_SLEEP" ]; then
      trap 'echo interrupted >> "$STANDIN_LOG"; exit 130' INT TERM
      for _ in $(seq 100); do sleep 0.1; done
      exit 0
    fi
    exit "${STANDIN_PLAN_EXIT:-0}";;
  show) cat "$STANDIN_JSON";;
  *) exit 64;;
esac
"#;

struct Standin {
    dir: tempfile::TempDir,
}

impl Standin {
    fn new() -> Standin {
        let dir = tempfile::tempdir().expect("tmp");
        let bin = dir.path().join("terraform");
        std::fs::write(&bin, STANDIN).expect("write");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        Standin { dir }
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("calls.log")
    }

    fn calls(&self) -> Vec<String> {
        std::fs::read_to_string(self.log())
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn command(&self, json: &str, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tfward"));
        let path = format!(
            "{}:{}",
            self.dir.path().display(),
            std::env::var("PATH").unwrap_or_default()
        );
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("PATH", path)
            .env("STANDIN_LOG", self.log())
            .env(
                "STANDIN_JSON",
                Path::new(env!("CARGO_MANIFEST_DIR")).join(json),
            )
            .env_remove("STANDIN_SLEEP")
            .env_remove("STANDIN_PLAN_EXIT")
            .arg("plan")
            .args(args);
        cmd
    }

    /// The `-out=` path terraform was given.
    fn plan_file(&self) -> PathBuf {
        let call = self
            .calls()
            .into_iter()
            .find(|c| c.starts_with("plan"))
            .expect("plan was called");
        let out = call
            .split(' ')
            .find_map(|a| a.strip_prefix("-out="))
            .expect("-out=");
        PathBuf::from(out)
    }
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

#[test]
fn clean_plan_exits_0_and_passes_arguments() {
    let t = Standin::new();
    let out = t
        .command(
            CLEAN_PLAN,
            &["--format", "json", "--", "-var", "x=1", "-lock=false"],
        )
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let calls = t.calls();
    assert!(
        calls[0].starts_with("plan -out=") && calls[0].ends_with("-var x=1 -lock=false"),
        "{calls:?}"
    );
    assert!(calls[1].starts_with("show -json "), "{calls:?}");
    // terraform's output is streamed to stderr; stdout holds only the report.
    assert!(String::from_utf8_lossy(&out.stderr).contains("Plan: 1 to add"));
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is the JSON report");
    assert_eq!(report["summary"]["failed"], false);
    assert!(!t.plan_file().exists(), "the temporary plan is removed");
}

#[test]
fn findings_exit_1() {
    let t = Standin::new();
    let out = t
        .command(FINDINGS_PLAN, &["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"backup-selection-empty"), "{rules:?}");
    assert!(
        report["findings"][0]["action"] == "create",
        "the planned action is reported"
    );
    assert!(!t.plan_file().exists());
}

#[test]
fn failed_plan_exits_with_terraforms_code_and_checks_nothing() {
    let t = Standin::new();
    let out = t
        .command(FINDINGS_PLAN, &[])
        .env("STANDIN_PLAN_EXIT", "3")
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    assert!(out.stdout.is_empty(), "no report");
    assert_eq!(
        t.calls().len(),
        1,
        "show -json is not run after a failed plan"
    );
    assert!(!t.plan_file().exists());
}

#[test]
fn detailed_exitcode_keeps_changes_present() {
    let t = Standin::new();
    let out = t
        .command(CLEAN_PLAN, &["--", "-detailed-exitcode"])
        .env("STANDIN_PLAN_EXIT", "2")
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "changes present, no finding");
    let out = t
        .command(FINDINGS_PLAN, &["--", "-detailed-exitcode"])
        .env("STANDIN_PLAN_EXIT", "2")
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "findings win over changes present");
}

#[test]
fn changes_only_skips_resources_the_plan_does_not_change() {
    let t = Standin::new();
    // The same plan with every change turned into a no-op.
    let mut plan: serde_json::Value =
        serde_json::from_slice(&std::fs::read(FINDINGS_PLAN).unwrap()).unwrap();
    for rc in plan["resource_changes"].as_array_mut().unwrap() {
        rc["change"]["actions"] = serde_json::json!(["no-op"]);
    }
    let noop = t.dir.path().join("noop.json");
    std::fs::write(&noop, serde_json::to_vec(&plan).unwrap()).unwrap();
    let out = t
        .command(
            noop.to_str().unwrap(),
            &["--changes-only", "--format", "json"],
        )
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    let out = t
        .command(noop.to_str().unwrap(), &["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        code(&out),
        1,
        "without --changes-only the unchanged resources are judged"
    );
    let out = t
        .command(FINDINGS_PLAN, &["--changes-only", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "created resources are judged");
}

#[test]
fn keep_plan_keeps_the_plan_where_asked() {
    let t = Standin::new();
    let kept = t.dir.path().join("kept.tfplan");
    let out = t
        .command(CLEAN_PLAN, &["--keep-plan", kept.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0);
    assert_eq!(t.plan_file(), kept);
    assert!(kept.exists());
}

#[test]
fn terraform_bin_and_missing_binary() {
    let t = Standin::new();
    let bin = t.dir.path().join("terraform");
    let out = Command::new(env!("CARGO_BIN_EXE_tfward"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("STANDIN_LOG", t.log())
        .env(
            "STANDIN_JSON",
            Path::new(env!("CARGO_MANIFEST_DIR")).join(CLEAN_PLAN),
        )
        .args(["plan", "--terraform-bin"])
        .arg(&bin)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let out = Command::new(env!("CARGO_BIN_EXE_tfward"))
        .args(["plan", "--terraform-bin", "/nonexistent/terraform"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot run `/nonexistent/terraform`"));
}

#[test]
fn interrupt_stops_terraform_and_leaves_no_plan() {
    let t = Standin::new();
    let child = t
        .command(CLEAN_PLAN, &[])
        .env("STANDIN_SLEEP", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until terraform is running, then interrupt tfward alone (as a CI runner would).
    let start = Instant::now();
    while !t.calls().iter().any(|c| c.starts_with("plan")) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "stand-in never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    // SAFETY: kill(2) on the child we spawned.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 130, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        t.calls().iter().any(|c| c == "interrupted"),
        "terraform received the interrupt: {:?}",
        t.calls()
    );
    assert!(
        !t.calls().iter().any(|c| c.starts_with("show")),
        "nothing is checked after an interrupt"
    );
    assert!(!t.plan_file().exists(), "no plan file left behind");
    assert!(
        start.elapsed() < Duration::from_secs(8),
        "tfward stopped promptly"
    );
}

#[test]
fn the_configuration_planned_is_the_source_of_findings_lines() {
    let t = Standin::new();
    let case = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/rules/backup-selection-empty/fires-story");
    let out = t
        .command(FINDINGS_PLAN, &["--format", "json"])
        .current_dir(case.join("hcl"))
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "backup-selection-empty")
        .expect("the finding");
    // The HCL form's place of the same finding: `hcl/main.tf:<line>`.
    let place = format!(
        "hcl/{}:{}",
        finding["file"].as_str().unwrap().trim_start_matches("./"),
        finding["line"]
    );
    assert!(
        expected
            .lines()
            .any(|l| l.starts_with(&format!("high backup-selection-empty {place} "))),
        "{place} not in:\n{expected}"
    );
}

#[test]
fn a_configuration_tfward_cannot_read_leaves_the_plan_checked_alone() {
    let t = Standin::new();
    let dir = tempfile::tempdir().unwrap();
    // terraform would reject this too; the stand-in does not read it.
    std::fs::write(dir.path().join("main.tf"), "resource \"aws_sqs_queue\" {\n").unwrap();
    let out = t
        .command(FINDINGS_PLAN, &["--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the configuration here is not used") && stderr.contains("main.tf"),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!report["findings"].as_array().unwrap().is_empty());
}
