//! Stdout under hostile input. GitHub's runner parses a job's stdout for
//! workflow commands too (`::cmd::` at the start of a line, the legacy
//! `##[cmd]` anywhere in one), and every report carries file names,
//! addresses and messages from the checked files. Each format tfward can
//! print must keep those inert: no input string starts a line, none holds
//! `##[`, and what it said is still shown.

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const BIN: &str = env!("CARGO_BIN_EXE_tfward");
/// An alarm in us-east-1 notifying a topic in eu-west-1: two findings.
const STORY: &str = "testdata/rules/cross-region-reference/fires-alarm-action-literal-sns-arn";
const DIR: &str = "infra\n::add-mask::x ##[warning]w";
/// A for_each key is a free string; a hand-made plan can put anything in it.
const KEY: &str = "k\r\n::error::key ##[error]k\u{2028}\u{202e}";

/// The story's plan and configuration in a folder named `DIR`, the plan's
/// resource renamed to a `KEY` instance.
fn hostile_tree(dir: &Path) -> PathBuf {
    let tree = dir.join(DIR);
    std::fs::create_dir(&tree).unwrap();
    let story = Path::new(ROOT).join(STORY);
    let plan = std::fs::read_to_string(story.join("plan.json")).unwrap();
    let address = format!("aws_cloudwatch_metric_alarm.cpu[\"{KEY}\"]");
    // The address as a JSON string body.
    let quoted = serde_json::to_string(&address).unwrap();
    let plan = plan.replace(
        "\"address\":\"aws_cloudwatch_metric_alarm.cpu\"",
        &format!("\"address\":{quoted}"),
    );
    assert!(plan.contains(&quoted[1..quoted.len() - 1]));
    std::fs::write(tree.join("plan.json"), plan).unwrap();
    // A message quotes the topic ARN as written.
    let hcl = std::fs::read_to_string(story.join("hcl/main.tf")).unwrap();
    let hcl = hcl.replace(
        "111122223333:alerts\"]",
        "111122223333:alerts\\n::warning::arn ##[group]g\"]",
    );
    assert!(hcl.contains("::warning::arn"));
    std::fs::write(tree.join("main.tf"), hcl).unwrap();
    tree
}

/// A CDKTF synth whose construct path carries a command after a line break.
fn hostile_synth(dir: &Path) -> PathBuf {
    let from = Path::new(ROOT).join("testdata/cdktf/backup-cross-region/cdktf.out");
    let out = dir.join("cdktf.out");
    std::fs::create_dir_all(out.join("stacks/TapStack")).unwrap();
    std::fs::copy(from.join("manifest.json"), out.join("manifest.json")).unwrap();
    let stack = std::fs::read_to_string(from.join("stacks/TapStack/cdk.tf.json")).unwrap();
    let stack = stack.replace(
        "\"TapStack/BackupSelection\"",
        "\"TapStack/Backup\\n::add-mask::construct ##[error]c\"",
    );
    assert!(stack.contains("add-mask::construct"));
    std::fs::write(out.join("stacks/TapStack/cdk.tf.json"), stack).unwrap();
    out
}

fn run(args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(BIN)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// No line the runner could read as a command.
fn assert_no_command(what: &str, text: &str) {
    for line in text.split(['\n', '\r']) {
        assert!(
            !line.trim_start().starts_with("::"),
            "{what}: a workflow command: {line:?}\n{text}"
        );
        assert!(
            !line.contains("##["),
            "{what}: a legacy workflow command in {line:?}\n{text}"
        );
    }
}

/// Also no control character (but tab) or separator: a text report shows
/// input strings escaped, one line each.
fn assert_plain(what: &str, text: &str) {
    assert_no_command(what, text);
    let bad = text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202e}')
    });
    assert!(bad.is_none(), "{what}: {bad:?} in\n{text}");
}

struct Inputs {
    _dir: tempfile::TempDir,
    tree: PathBuf,
    plan: PathBuf,
}

fn inputs() -> Inputs {
    let dir = tempfile::tempdir().unwrap();
    let tree = hostile_tree(dir.path());
    let plan = tree.join("plan.json");
    Inputs {
        _dir: dir,
        tree,
        plan,
    }
}

#[test]
fn human_check_escapes_folder_names_and_addresses() {
    let i = inputs();
    for input in [&i.tree, &i.plan] {
        let text = run(&["check".as_ref(), input.as_os_str()]);
        assert_plain("check --format human", &text);
        assert!(
            text.contains(r"infra\n::add-mask::x ##\u{5b}warning]w"),
            "{text}"
        );
        assert!(text.contains("HIGH     cross-region-reference"), "{text}");
    }
    let text = run(&["check".as_ref(), i.tree.as_os_str()]);
    assert!(
        text.contains(r"alerts\n::warning::arn ##\u{5b}group]g` (eu-west-1)"),
        "{text}"
    );
    let text = run(&["check".as_ref(), i.plan.as_os_str()]);
    assert!(
        text.contains(r#"cpu["k\r\n::error::key ##\u{5b}error]k\u{2028}\u{202e}"]"#),
        "{text}"
    );
}

#[test]
fn markdown_check_escapes_folder_names_and_addresses() {
    let i = inputs();
    for input in [&i.tree, &i.plan] {
        let text = run(&[
            "check".as_ref(),
            input.as_os_str(),
            "--format".as_ref(),
            "markdown".as_ref(),
        ]);
        assert_plain("check --format markdown", &text);
        assert!(text.contains("add-mask::x"), "{text}");
        assert!(text.contains("cross-region-reference"), "{text}");
    }
}

#[test]
fn json_sarif_and_gitlab_keep_values_and_hide_legacy_commands() {
    let i = inputs();
    for format in ["json", "sarif", "gitlab"] {
        let text = run(&[
            "check".as_ref(),
            i.plan.as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
        ]);
        assert_no_command(format, &text);
        // The same values, escaped only in the JSON text.
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let all = doc.to_string();
        assert!(
            all.contains(r"k\r\n::error::key ##[error]k"),
            "{format}: {all}"
        );
    }
    let text = run(&[
        "inventory".as_ref(),
        i.plan.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_no_command("inventory --format json", &text);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        doc["resources"][0]["address"],
        format!("aws_cloudwatch_metric_alarm.cpu[\"{KEY}\"]")
    );
    assert!(doc["resources"][0]["file"].as_str().unwrap().contains(DIR));
}

#[test]
fn html_and_junit_checks_are_inert() {
    let i = inputs();
    for format in ["html", "junit"] {
        for input in [&i.tree, &i.plan] {
            let text = run(&[
                "check".as_ref(),
                input.as_os_str(),
                "--format".as_ref(),
                format.as_ref(),
            ]);
            assert_no_command(format, &text);
            assert!(
                text.contains("infra&#10;::add-mask::x ##&#91;warning]w"),
                "{format}: {text}"
            );
        }
    }
}

/// The github format is workflow commands by design: each line is one of
/// tfward's annotations (a line the runner parses as such is not parsed
/// again for `##[`), with the input's line breaks percent-encoded.
#[test]
fn github_check_is_tfwards_annotations_only() {
    let i = inputs();
    for input in [&i.tree, &i.plan] {
        let text = run(&[
            "check".as_ref(),
            input.as_os_str(),
            "--format".as_ref(),
            "github".as_ref(),
        ]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        for line in lines {
            assert!(
                line.starts_with("::error file=") || line.starts_with("::notice file="),
                "{line:?}"
            );
            assert!(line.contains("infra%0A%3A%3Aadd-mask%3A%3Ax"), "{line:?}");
        }
    }
}

#[test]
fn human_inventory_escapes_every_cell() {
    let i = inputs();
    for input in [&i.tree, &i.plan] {
        for why in [false, true] {
            let mut args = vec!["inventory".as_ref(), input.as_os_str()];
            if why {
                args.push("--why".as_ref());
            }
            let text = run(&args);
            assert_plain("inventory", &text);
            assert!(
                text.contains(r"infra\n::add-mask::x ##\u{5b}warning]w"),
                "{text}"
            );
            assert!(text.contains("us-east-1"), "{text}");
        }
    }
    let text = run(&["inventory".as_ref(), i.plan.as_os_str()]);
    assert!(text.contains(r"::error::key ##\u{5b}error]k"), "{text}");
}

#[test]
fn maps_are_inert() {
    let i = inputs();
    for format in ["mermaid", "dot", "svg"] {
        for input in [&i.tree, &i.plan] {
            let text = run(&[
                "map".as_ref(),
                input.as_os_str(),
                "--format".as_ref(),
                format.as_ref(),
            ]);
            assert_no_command(format, &text);
            assert!(text.contains("us-east-1"), "{format}: {text}");
        }
    }
}

#[test]
fn construct_paths_are_escaped_in_every_text_report() {
    let dir = tempfile::tempdir().unwrap();
    let synth = hostile_synth(dir.path());
    let shown = r"TapStack/Backup\n::add-mask::construct ##\u{5b}error]c";
    let text = run(&["check".as_ref(), synth.as_os_str()]);
    assert_plain("check", &text);
    assert!(text.contains(shown), "{text}");
    let text = run(&["inventory".as_ref(), synth.as_os_str()]);
    assert_plain("inventory", &text);
    assert!(text.contains(shown), "{text}");
    let text = run(&[
        "check".as_ref(),
        synth.as_os_str(),
        "--format".as_ref(),
        "markdown".as_ref(),
    ]);
    assert_plain("markdown", &text);
    assert!(text.contains(shown), "{text}");
    for format in ["json", "sarif", "html", "gitlab", "junit"] {
        let text = run(&[
            "check".as_ref(),
            synth.as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
        ]);
        assert_no_command(format, &text);
    }
}

/// A custom rule brings its title, message and remediation from a policy
/// file of the checked tree.
const POLICY: &str = r#"
custom_rule "acme-owner" {
  severity    = "high"
  title       = "Owner\n::add-mask::title ##[error]t"
  message     = "needs owner\n::warning::msg ##[group]m"
  remediation = "fix\r\n::error::rem"
  select {
    type = "aws_s3_bucket"
  }
  assert {
    attribute = "tags.Owner"
    exists    = true
  }
}
"#;

#[test]
fn custom_rule_texts_are_escaped_in_rules_explain_check_and_config() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join(DIR);
    std::fs::create_dir(&tree).unwrap();
    let policy = tree.join("policy.hcl");
    std::fs::write(&policy, POLICY).unwrap();
    std::fs::write(
        tree.join("main.tf"),
        "provider \"aws\" { region = \"eu-west-1\" }\nresource \"aws_s3_bucket\" \"b\" { bucket = \"x\" }\n",
    )
    .unwrap();
    let p = ["--policy".as_ref(), policy.as_os_str()];
    let with = |args: &[&std::ffi::OsStr]| run(&[args, &p[..]].concat());

    let text = with(&["rules".as_ref()]);
    assert_plain("rules", &text);
    assert!(
        text.contains(r"Owner\n::add-mask::title ##\u{5b}error]t"),
        "{text}"
    );
    let text = with(&["rules".as_ref(), "--format".as_ref(), "json".as_ref()]);
    assert_no_command("rules --format json", &text);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let custom = doc
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "acme-owner")
        .unwrap();
    assert_eq!(custom["title"], "Owner\n::add-mask::title ##[error]t");

    let text = with(&["explain".as_ref(), "acme-owner".as_ref()]);
    assert_plain("explain", &text);
    assert!(
        text.contains(r"needs owner\n::warning::msg ##\u{5b}group]m"),
        "{text}"
    );
    assert!(text.contains(r"fix\r\n::error::rem"), "{text}");

    let text = with(&["check".as_ref(), tree.as_os_str()]);
    assert_plain("check", &text);
    assert!(text.contains(r"needs owner\n::warning::msg"), "{text}");
    let text = with(&[
        "check".as_ref(),
        tree.as_os_str(),
        "--format".as_ref(),
        "markdown".as_ref(),
    ]);
    assert_plain("check --format markdown", &text);

    let text = with(&["config".as_ref()]);
    assert_plain("config", &text);
    assert!(
        text.contains(r"infra\n::add-mask::x ##\u{5b}warning]w"),
        "{text}"
    );
}

/// The story's plan with every address prefixed by `prefix`: an address is
/// a free string in a hand-made plan.
fn command_addresses(dir: &Path, prefix: &str) -> PathBuf {
    let plan = std::fs::read_to_string(Path::new(ROOT).join(STORY).join("plan.json")).unwrap();
    let hostile = plan.replace("\"address\":\"", &format!("\"address\":\"{prefix}"));
    assert_ne!(hostile, plan);
    let path = dir.join("plan.json");
    std::fs::write(&path, hostile).unwrap();
    path
}

fn run_both(args: &[&str]) -> (String, String) {
    let out = Command::new(BIN)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {stderr}"
    );
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

/// An address that starts with `::` starts a table row, a cell, a list
/// item...: whatever tfward prints, no line may start with it, and the
/// address is still shown.
#[test]
fn addresses_starting_with_a_command_start_no_line() {
    let dir = tempfile::tempdir().unwrap();
    for (n, prefix) in [
        "::warning::",
        " ::notice::",
        "::add-mask::",
        "\u{3000}::error::",
    ]
    .into_iter()
    .enumerate()
    {
        let sub = dir.path().join(n.to_string());
        std::fs::create_dir(&sub).unwrap();
        let plan = command_addresses(&sub, prefix);
        let plan = plan.to_str().unwrap();
        let mut runs: Vec<Vec<&str>> = Vec::new();
        for format in [
            "human", "json", "sarif", "markdown", "html", "gitlab", "junit",
        ] {
            runs.push(vec!["check", plan, "--format", format]);
        }
        for format in ["mermaid", "dot", "svg"] {
            runs.push(vec!["map", plan, "--format", format]);
        }
        runs.push(vec!["inventory", plan]);
        runs.push(vec!["inventory", plan, "--why"]);
        runs.push(vec!["inventory", plan, "--format", "json"]);
        for args in runs {
            let (stdout, stderr) = run_both(&args);
            let what = format!("{args:?}");
            assert_no_command(&what, &stdout);
            assert_no_command(&what, &stderr);
            assert!(
                stdout.contains("aws_cloudwatch_metric_alarm.cpu"),
                "{what}: {stdout}"
            );
            if args[0] != "inventory" {
                assert!(stdout.contains("us-east-1"), "{what}: {stdout}");
            }
        }
        // JSON still says what the plan said.
        let (json, _) = run_both(&["check", plan, "--format", "json"]);
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(doc.to_string().contains(&format!(
            "{}aws_cloudwatch_metric_alarm.cpu",
            serde_json::to_string(prefix).unwrap().trim_matches('"')
        )));
        // The github format is tfward's own commands, one a line, the
        // address in one's message (line breaks in it percent-encoded).
        let (github, stderr) = run_both(&["check", plan, "--format", "github"]);
        assert_no_command("github stderr", &stderr);
        for line in github.lines() {
            assert!(
                line.starts_with("::error file=") || line.starts_with("::notice file="),
                "{line:?}"
            );
            // The message is the rest of the line: a `::` in it is text.
            assert!(line.contains("aws_cloudwatch_metric_alarm.cpu"), "{line:?}");
        }
    }
}
