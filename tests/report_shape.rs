//! What a newcomer sees: the JSON report's fields, suppressed findings marked
//! in every format, "did you mean" for mistyped rule ids and packs, a region
//! map whose arcs fit the picture, and SARIF whose URIs are URIs.

use assert_cmd::Command;

fn tfward() -> Command {
    let mut cmd = Command::cargo_bin("tfward").expect("binary");
    cmd.env("TFWARD_TODAY", "2026-11-23").env("NO_COLOR", "1");
    cmd
}

/// Exit code, stdout, stderr.
fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const MULTI_REGION: &str = "examples/multi-region";

// ---------------------------------------------------------------- did you mean

/// A usage error (exit 2, one line) that suggests `suggestion`.
fn assert_suggests(cmd: &mut Command, suggestion: &str) {
    let (code, out, err) = run(cmd);
    assert_eq!(code, 2, "stdout: {out}\nstderr: {err}");
    assert!(
        err.contains(&format!("did you mean `{suggestion}`?")),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
}

#[test]
fn a_mistyped_rule_id_gets_the_closest_one() {
    assert_suggests(
        tfward().args(["explain", "kms-key-rotaton"]),
        "kms-key-rotation",
    );
    assert_suggests(
        tfward().args(["check", MULTI_REGION, "--rule", "backup-vault-kmss"]),
        "backup-vault-kms",
    );
    assert_suggests(
        tfward().args(["check", MULTI_REGION, "--skip-rule", "bakup"]),
        "backup",
    );
    assert_suggests(
        tfward().args(["map", MULTI_REGION, "--rule", "cross-region-refrence"]),
        "cross-region-reference",
    );
    // Nothing close: no guess, still the usage error.
    let (code, _, err) = run(tfward().args(["explain", "zzzz-nothing-like-it"]));
    assert_eq!(code, 2);
    assert!(!err.contains("did you mean"), "{err}");
}

#[test]
fn a_mistyped_pack_or_rule_in_a_policy_gets_the_closest_one() {
    assert_suggests(
        tfward().args(["check", MULTI_REGION, "--no-config", "--policy", "strikt"]),
        "strict",
    );
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".tfward.hcl");
    std::fs::write(&config, "policies = [\"stric\"]\n").unwrap();
    assert_suggests(
        tfward()
            .args(["check", MULTI_REGION, "--config"])
            .arg(&config),
        "strict",
    );
    std::fs::write(
        &config,
        "rule \"kms-key-rotaton\" {\n  enabled = false\n}\n",
    )
    .unwrap();
    let cmd = &mut tfward();
    cmd.args(["check", MULTI_REGION, "--config"]).arg(&config);
    assert_suggests(cmd, "kms-key-rotation");
    let (_, _, err) = run(cmd);
    assert!(
        err.contains(".tfward.hcl:1"),
        "names the file and line: {err}"
    );
}
