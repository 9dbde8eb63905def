//! `.tfward.hcl`: discovery, precedence (flag > --policy > config > pack > default),
//! variable files, excludes, errors, and `tfward config`.

use assert_cmd::Command;
use std::path::Path;

fn tfward(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tfward").expect("binary");
    cmd.current_dir(dir).env_remove("TF_WORKSPACE");
    cmd
}

/// A repository with a module whose only finding is a medium one
/// (a key without rotation) and whose region comes from a variable.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("infra/prod")).unwrap();
    std::fs::write(
        dir.path().join("infra/prod/main.tf"),
        "variable \"region\" {}\nprovider \"aws\" { region = var.region }\nresource \"aws_kms_key\" \"k\" {}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("infra/prod.tfvars"),
        "region = \"eu-west-1\"\n",
    )
    .unwrap();
    dir
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn precedence_flag_over_policy_over_config_over_pack() {
    let dir = repo();
    let check = |extra: &[&str]| {
        run(tfward(dir.path())
            .args(["check", "--rule", "kms-key-rotation", "infra/prod"])
            .args(extra))
        .0
    };
    // Default: threshold high, the medium finding passes.
    assert_eq!(check(&[]), 0);
    // A config found above the checked path lowers the threshold.
    std::fs::write(
        dir.path().join(".tfward.hcl"),
        "severity_threshold = \"medium\"\n",
    )
    .unwrap();
    assert_eq!(check(&[]), 1);
    // The command-line flag wins over the config.
    assert_eq!(check(&["--severity-threshold", "high"]), 0);
    // A --policy file wins over the config.
    std::fs::write(
        dir.path().join("lenient.hcl"),
        "severity_threshold = \"critical\"\n",
    )
    .unwrap();
    assert_eq!(check(&["--policy", "lenient.hcl"]), 0);
    // The config's own settings win over the packs it lists.
    std::fs::write(
        dir.path().join(".tfward.hcl"),
        "policies = [\"strict\"]\nseverity_threshold = \"high\"\n",
    )
    .unwrap();
    assert_eq!(check(&[]), 0);
    std::fs::write(dir.path().join(".tfward.hcl"), "policies = [\"strict\"]\n").unwrap();
    assert_eq!(check(&[]), 1, "the strict pack's threshold is low");
    // --no-config ignores it.
    assert_eq!(check(&["--no-config"]), 0);
}

#[test]
fn var_files_excludes_and_the_repository_boundary() {
    let dir = repo();
    let region = |extra: &[&str]| {
        let (code, out, err) = run(tfward(dir.path())
            .args([
                "check",
                "--format",
                "json",
                "--rule",
                "region-unresolved",
                "infra/prod",
            ])
            .args(extra));
        assert!(code == 0 || code == 1, "{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["findings"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(region(&[]), 1, "no value for var.region: unresolved");
    std::fs::write(
        dir.path().join(".tfward.hcl"),
        "var_files = [\"infra/prod.tfvars\"]\n",
    )
    .unwrap();
    assert_eq!(
        region(&[]),
        0,
        "the config's variable file gives the region"
    );
    std::fs::write(dir.path().join(".tfward.hcl"), "exclude = [\"infra/*\"]\n").unwrap();
    let (code, out, err) =
        run(tfward(dir.path()).args(["check", "--format", "json", "infra/prod"]));
    assert_eq!(code, 0);
    assert!(err.contains("excluded by the configuration"), "{err}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["findings"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    // A config above the repository root (the folder with .git) is not used.
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(
        outer.path().join(".tfward.hcl"),
        "severity_threshold = \"low\"\n",
    )
    .unwrap();
    let inner = outer.path().join("repo");
    std::fs::create_dir_all(inner.join(".git")).unwrap();
    std::fs::write(
        inner.join("main.tf"),
        "provider \"aws\" { region = \"us-east-1\" }\nresource \"aws_kms_key\" \"k\" {}\n",
    )
    .unwrap();
    assert_eq!(run(tfward(&inner).args(["check", "."])).0, 0);
}

#[test]
fn broken_configuration_names_file_and_line() {
    let dir = repo();
    for (text, needle) in [
        (
            "\nseverity_threshold = \"loud\"\n",
            ".tfward.hcl:2: `severity_threshold` must be one of",
        ),
        (
            "rule \"kms-rotation\" {}\n",
            ".tfward.hcl:1: unknown rule `kms-rotation`",
        ),
        (
            "policies = \"strict\"\n",
            ".tfward.hcl:1: `policies` must be a list of strings",
        ),
        ("exclude = [\"[\"]\n", ".tfward.hcl:1: `exclude`"),
        ("severity_threshold = \n", ".tfward.hcl:1:"),
    ] {
        std::fs::write(dir.path().join(".tfward.hcl"), text).unwrap();
        let (code, _, err) = run(tfward(dir.path()).args(["check", "infra/prod"]));
        assert_eq!(code, 2, "{text}");
        assert!(
            err.lines().count() == 1 && err.contains(needle),
            "{text}: {err}"
        );
    }
}

#[test]
fn config_command_shows_sources() {
    let dir = repo();
    std::fs::write(dir.path().join(".tfward.hcl"), "policies = [\"strict\"]\nallowed_regions = [\"eu-west-1\"]\nrule \"kms-key-rotation\" {\n  severity = \"low\"\n}\n").unwrap();
    let (code, out, _) =
        run(tfward(dir.path()).args(["config", "infra/prod", "--severity-threshold", "critical"]));
    assert_eq!(code, 0);
    let line = |key: &str| {
        out.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{key} missing:\n{out}"))
            .to_string()
    };
    assert!(
        line("severity_threshold").contains("critical")
            && line("severity_threshold").contains("--severity-threshold")
    );
    assert!(
        line("allowed_regions").contains("eu-west-1")
            && line("allowed_regions").contains(".tfward.hcl")
    );
    assert!(
        line("require_cmk").contains("true") && line("require_cmk").contains("policies/strict.hcl")
    );
    assert!(line("rule \"kms-key-rotation\"").contains("severity = low"));
    assert!(
        line("backup.require_cross_region_copy").contains("default.hcl")
            || line("backup.require_cross_region_copy").contains("strict.hcl")
    );
}
