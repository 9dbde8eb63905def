//! What tfward writes, where a hostile input can reach it: stderr lines the
//! CI runner parses for workflow commands, the GitHub Action's log and
//! pull-request comment, the baseline it rewrites, the files it replaces, and
//! the exit code when its reader goes away.
//!
//! Needs `bash` on PATH (the Action's scripts and the file-size limit test).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const BIN: &str = env!("CARGO_BIN_EXE_tfward");
const BACKUP_STORY: &str = "testdata/cdktf/backup-cross-region/cdktf.out";

fn tfward() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env("NO_COLOR", "1");
    cmd
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A line the runner must not read as anything but text: no control
/// character, no line or paragraph separator, no bidi control, no legacy
/// `##[command]`.
fn assert_inert(line: &str) {
    let bad = line.chars().find(|&c| {
        c.is_control()
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}'
            )
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    });
    assert!(bad.is_none(), "{bad:?} in {line:?}");
    assert!(
        !line.contains("##["),
        "a legacy workflow command in {line:?}"
    );
    assert!(
        !line.trim_start().starts_with("::"),
        "a workflow command: {line:?}"
    );
}

/// A configuration whose module source and folder name carry workflow
/// commands after line breaks and other controls.
fn hostile_tree(dir: &Path) -> PathBuf {
    let tree = dir.join("infra\n::error::folder\u{1b}[31m");
    std::fs::create_dir(&tree).unwrap();
    std::fs::write(
        tree.join("main.tf"),
        "provider \"aws\" { region = \"us-east-1\" }\n\
         module \"m\" {\n  source = \"git::x\\n::add-mask::secret\\r::warning::y\\u2028z\\u202e ##[error]legacy\\t.\"\n}\n",
    )
    .unwrap();
    tree
}

#[test]
fn notes_on_stderr_are_one_line_each_with_controls_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let tree = hostile_tree(dir.path());
    let out = tfward().arg("check").arg(&tree).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one note, one line: {err:?}");
    for line in &lines {
        assert!(line.starts_with("tfward: note: "), "{line:?}");
        assert_inert(line);
    }
    // Escaped, not dropped: the reader still sees what was there.
    let note = lines[0];
    for shown in [
        r"infra\n::error::folder\u{1b}[31m",
        r"git::x\n::add-mask::secret\r::warning::y\u{2028}z\u{202e} ##\u{5b}error]legacy\t.",
    ] {
        assert!(note.contains(shown), "{shown} in {note}");
    }
}

#[test]
fn errors_on_stderr_are_one_line_with_controls_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone\n::error::planted\u{85}\u{2029}");
    let out = tfward().arg("check").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err:?}");
    assert!(lines[0].starts_with("tfward: error: "), "{err:?}");
    assert_inert(lines[0]);
    assert!(
        lines[0].contains(r"gone\n::error::planted\u{85}\u{2029}"),
        "{err:?}"
    );
}

#[test]
fn usage_errors_quoting_a_hostile_argument_are_one_line() {
    // A file name that a shell glob turned into an option.
    let out = tfward()
        .args(["check", "--x\n::add-mask::planted\u{1b}]0;title"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err:?}");
    assert_inert(lines[0]);
    assert!(
        lines[0].starts_with("error: unexpected argument"),
        "{err:?}"
    );
    assert!(lines[0].contains(r"--x\n::add-mask::planted"), "{err:?}");
    // An ordinary usage error keeps clap's layout.
    let out = tfward().args(["check", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).lines().count() > 1, "{}", stderr_of(&out));
}

/// The `github` format's workflow commands on stdout: one line each, with
/// GitHub's escapes in the message and the properties.
#[test]
fn github_annotations_escape_hostile_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("a,b:c%d");
    std::fs::create_dir(&tree).unwrap();
    std::fs::write(
        tree.join("main.tf"),
        "provider \"aws\" { region = \"us-east-1\" }\nresource \"aws_ebs_volume\" \"v\" {\n  availability_zone = \"us-east-1a\"\n  size = 1\n  encrypted = false\n}\n",
    )
    .unwrap();
    let out = tfward()
        .args(["check", "--format", "github"])
        .arg(&tree)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.is_empty());
    for line in stdout.lines() {
        let (props, _message) = line
            .strip_prefix("::")
            .and_then(|l| l.split_once(' '))
            .and_then(|(_, rest)| rest.split_once("::"))
            .unwrap_or_else(|| panic!("{line}"));
        let file = props
            .split(',')
            .find_map(|p| p.strip_prefix("file="))
            .unwrap();
        assert!(!file.contains(':') && !file.contains(','), "{line}");
        assert!(file.contains("a%2Cb%3Ac%25"), "{line}");
    }
}

// ---------------------------------------------------------------- closed stdout

/// Runs tfward with its stdout a pipe whose reader is already gone.
fn with_closed_stdout(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let mut child = tfward()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (out.status.code(), stderr_of(&out))
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn a_closed_stdout_keeps_the_exit_code_of_the_findings() {
    let dir = tempfile::tempdir().unwrap();
    // Big enough that loading it outlasts the spawn: the reader is gone before the first write.
    let plan = common::generate_plan(dir.path(), 2000);
    let verdict = tfward()
        .arg("check")
        .arg(&plan)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(verdict.code(), Some(1), "the plan has findings");
    for format in ["human", "json", "sarif", "github", "gitlab", "junit"] {
        let (code, err) = with_closed_stdout(&[
            "check".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            plan.as_os_str(),
        ]);
        assert_eq!(code, Some(1), "{format}: {err}");
        assert!(!err.contains("panicked"), "{format}: {err}");
        assert!(!err.contains("tfward: error"), "{format}: {err}");
    }
}

#[test]
fn completions_into_a_closed_pipe_end_quietly() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, err) = with_closed_stdout(&["completions".as_ref(), shell.as_ref()]);
        assert_eq!(code, Some(0), "{shell}: {err}");
        assert!(!err.contains("panicked"), "{shell}: {err}");
    }
}

// ---------------------------------------------------------------- baselines

fn ebs(name: &str) -> String {
    format!(
        "resource \"aws_ebs_volume\" \"{name}\" {{\n  availability_zone = \"us-east-1a\"\n  size = 1\n  encrypted = false\n}}\n"
    )
}

fn baseline_entries(path: &Path) -> Vec<serde_json::Value> {
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["findings"].as_array().unwrap().clone()
}

#[test]
fn updating_a_baseline_in_place_keeps_what_still_matches() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tf");
    std::fs::create_dir(&tree).unwrap();
    let provider = "provider \"aws\" { region = \"us-east-1\" }\n";
    std::fs::write(
        tree.join("main.tf"),
        format!("{provider}{}{}", ebs("a"), ebs("b")),
    )
    .unwrap();
    let baseline = dir.path().join("baseline.json");
    let run = |args: &[&str]| {
        tfward()
            .arg("check")
            .args(args)
            .arg(&tree)
            .output()
            .unwrap()
    };
    let b = baseline.to_str().unwrap();
    let first = run(&["--write-baseline", b]);
    assert_eq!(first.status.code(), Some(1));
    let recorded = baseline_entries(&baseline);
    assert_eq!(recorded.len(), 2, "{recorded:?}");

    // The usual update call: read the baseline, write it back.
    let update = run(&["--baseline", b, "--write-baseline", b]);
    assert_eq!(update.status.code(), Some(0), "{}", stderr_of(&update));
    assert_eq!(baseline_entries(&baseline), recorded);
    let err = stderr_of(&update);
    assert!(err.contains("wrote 2 entries"), "{err}");
    assert!(!err.contains("dropped"), "{err}");

    // Fix `a`: its entry goes, and stderr says so on one line.
    std::fs::write(tree.join("main.tf"), format!("{provider}{}", ebs("b"))).unwrap();
    let update = run(&["--baseline", b, "--write-baseline", b]);
    assert_eq!(update.status.code(), Some(0), "{}", stderr_of(&update));
    let now = baseline_entries(&baseline);
    assert_eq!(now.len(), 1);
    assert_eq!(now[0]["address"], "aws_ebs_volume.b");
    let err = stderr_of(&update);
    let note = err
        .lines()
        .find(|l| l.contains("dropped"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(note.starts_with("tfward: note: baseline "), "{note}");
    assert!(note.contains("dropped 1 entry"), "{note}");
    assert!(note.contains("at aws_ebs_volume.a"), "{note}");
    assert!(note.contains("wrote 1 entry"), "{note}");
}

// ---------------------------------------------------------------- replacing files

/// Runs tfward under a file-size limit of 1 KiB (SIGXFSZ ignored, so a write
/// past it fails with EFBIG): a writer that fails half-way.
fn with_size_limit(args: &[&str]) -> std::process::Output {
    Command::new("bash")
        .arg("-c")
        .arg(r#"trap "" XFSZ; ulimit -f 1; exec "$0" "$@""#)
        .arg(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("bash")
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn a_write_that_fails_half_way_leaves_the_old_file_and_no_temporary() {
    let story = Path::new(ROOT).join(BACKUP_STORY);
    let story = story.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let plans = tempfile::tempdir().unwrap();
    // Enough findings that the baseline outgrows 1 KiB too.
    let plan = common::generate_plan(plans.path(), 300);
    let old = "the previous report\n";
    let cases: [(&str, Vec<&str>); 3] = [
        (
            "report.sarif",
            vec!["check", "--format", "sarif", "--output"],
        ),
        ("map.svg", vec!["map", "--format", "svg", "--output"]),
        ("baseline.json", vec!["check", "--write-baseline"]),
    ];
    for (name, args) in cases {
        let target = dir.path().join(name);
        std::fs::write(&target, old).unwrap();
        let mut all = args.clone();
        all.push(target.to_str().unwrap());
        all.push(if name == "baseline.json" {
            plan.to_str().unwrap()
        } else {
            story
        });
        let out = with_size_limit(&all);
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains("tfward: error: "), "{name}: {err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), old, "{name}");
    }
    assert_eq!(
        entries(dir.path()),
        ["baseline.json", "map.svg", "report.sarif"],
        "no temporary file is left behind"
    );
}

#[test]
fn an_unwritable_directory_is_an_error_and_the_old_file_stays() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let target = locked.join("report.json");
    std::fs::write(&target, "old\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(locked.join("probe"), "").is_ok() {
        // Root ignores directory permissions; nothing to test here.
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: directory permissions do not bind this user (root?)");
        return;
    }
    let out = tfward()
        .args(["check", "--format", "json", "--output"])
        .arg(&target)
        .arg(Path::new(ROOT).join(BACKUP_STORY))
        .output()
        .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("report.json"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
    assert_eq!(entries(&locked), ["report.json"]);
}

#[test]
fn replaced_files_get_ordinary_permissions_and_a_symlink_is_not_followed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let story = Path::new(ROOT).join(BACKUP_STORY);
    // A new file: what the umask allows, as File::create would give (not 0600).
    let fresh = dir.path().join("fresh.json");
    let out = tfward()
        .args(["check", "--format", "json", "--output"])
        .arg(&fresh)
        .arg(&story)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
    let umask = Command::new("sh")
        .args(["-c", "umask"])
        .output()
        .unwrap()
        .stdout;
    let umask = u32::from_str_radix(String::from_utf8_lossy(&umask).trim(), 8).unwrap();
    assert_eq!(mode, 0o666 & !umask, "{mode:o}");
    // An existing file keeps its mode.
    let kept = dir.path().join("kept.json");
    std::fs::write(&kept, "old").unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = tfward()
        .args(["check", "--format", "json", "--output"])
        .arg(&kept)
        .arg(&story)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert_eq!(
        std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // A symlink at the target (one a pull request could plant) is replaced, not written through.
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let out = tfward()
        .args(["check", "--format", "json", "--output"])
        .arg(&link)
        .arg(&story)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(!std::fs::symlink_metadata(&link).unwrap().is_symlink());
}

/// The story's plan with every address starting with `::warning::`.
fn command_address_plan(dir: &Path) -> PathBuf {
    let story = Path::new(ROOT)
        .join("testdata/rules/cross-region-reference/fires-alarm-action-literal-sns-arn");
    let plan = std::fs::read_to_string(story.join("plan.json")).unwrap();
    let path = dir.join("plan.json");
    std::fs::write(
        &path,
        plan.replace("\"address\":\"", "\"address\":\"::warning::"),
    )
    .unwrap();
    path
}

/// `--output` naming a stream (the process's own stdout, `>(cmd)`) writes
/// to it, filtered like stdout: there is no file to replace.
#[test]
fn output_to_a_stream_writes_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let plan = command_address_plan(dir.path());
    // /dev/fd/1 first: on a tfward that replaces the target this fails
    // (nothing can be created in /proc/self/fd) before /dev/stdout is tried.
    for target in ["/dev/fd/1", "/proc/self/fd/1", "/dev/stdout"] {
        let out = tfward()
            .args(["check", "--output", target])
            .arg(&plan)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{target}: {}", stderr_of(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("aws_cloudwatch_metric_alarm.cpu"),
            "{target}: {text}"
        );
        assert!(
            text.lines().all(|l| !l.trim_start().starts_with("::")),
            "{target}: {text}"
        );
        assert!(
            std::fs::symlink_metadata("/dev/stdout")
                .unwrap()
                .is_symlink()
        );
    }
}

#[test]
fn output_to_a_fifo_writes_into_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let plan = command_address_plan(dir.path());
    let fifo = dir.path().join("report.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = tfward()
        .args(["check", "--format", "json", "--output"])
        .arg(&fifo)
        .arg(&plan)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    // Checked before joining: a replaced FIFO would leave the reader blocked.
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    let text = reader.join().unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(
        doc.to_string()
            .contains("::warning::aws_cloudwatch_metric_alarm.cpu")
    );
}

/// A device node the user names stays a device (as root, a rename would
/// replace it with a regular file).
#[test]
fn output_to_a_device_leaves_the_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let node = dir.path().join("null");
    let made = Command::new("mknod")
        .arg(&node)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .unwrap();
    if !made.success() {
        eprintln!("skipped: cannot mknod here (not root?)");
        return;
    }
    let story = Path::new(ROOT).join(BACKUP_STORY);
    for format in ["human", "json"] {
        let out = tfward()
            .args(["check", "--format", format, "--output"])
            .arg(&node)
            .arg(&story)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
        let kind = std::fs::symlink_metadata(&node).unwrap().file_type();
        assert!(kind.is_char_device(), "{kind:?}");
    }
    let out = tfward()
        .args(["map", "--output"])
        .arg(&node)
        .arg(&story)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        std::fs::symlink_metadata(&node)
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

/// A terraform whose plan and show quote a hostile configuration on both
/// of their streams, in colour.
const QUOTING_TERRAFORM: &str = r#"#!/usr/bin/env bash
case "$1" in
  plan)
    for a in "$@"; do case "$a" in -out=*) out="${a#-out=}";; esac; done
    echo "fake plan bytes" > "$out"
    printf '  # aws_sns_topic.t will be created\n::add-mask::secret\n    ::warning::w\n\033[1m  + name = "x ##[error]e"\033[0m\n'
    printf '::error::on stderr\n' >&2
    echo "Plan: 1 to add, 0 to change, 0 to destroy.";;
  show)
    printf '::notice::show stderr\n' >&2
    cat "$PLAN_JSON";;
  *) exit 64;;
esac
"#;

/// terraform's output, streamed to stderr by `tfward plan`, quotes the
/// configuration: its lines pass the same filter as tfward's own, colours
/// and line structure kept.
#[test]
fn terraform_output_in_tfward_plan_starts_no_command() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("terraform");
    executable(&bin, QUOTING_TERRAFORM);
    let plan =
        Path::new(ROOT).join("testdata/rules/kms-key-rotation/clean-asymmetric-and-hmac/plan.json");
    let out = tfward()
        .current_dir(dir.path())
        .env("PLAN_JSON", &plan)
        .args(["plan", "--terraform-bin"])
        .arg(&bin)
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    for line in err.split(['\n', '\r']) {
        assert!(!line.trim_start().starts_with("::"), "{line:?} in\n{err}");
        assert!(!line.contains("##["), "{line:?} in\n{err}");
    }
    for shown in [
        "  # aws_sns_topic.t will be created\n",
        "\\u{3a}:add-mask::secret\n",
        "    \\u{3a}:warning::w\n",
        "\u{1b}[1m  + name = \"x ##\\u{5b}error]e\"\u{1b}[0m\n",
        "\\u{3a}:error::on stderr\n",
        "\\u{3a}:notice::show stderr\n",
        "Plan: 1 to add",
    ] {
        assert!(err.contains(shown), "{shown:?} not in\n{err}");
    }
}

/// Every message goes through `output::message` or `output::stderr`: any
/// other way to stderr would bypass the escaping the tests above check.
#[test]
fn no_other_code_writes_to_stderr() {
    fn walk(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("output.rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    // Every way to stderr: the macros, the handle (and its
                    // lock or file descriptor), a child's inherited stream.
                    if [
                        "eprint",
                        "writeln!(err",
                        "write!(err",
                        "io::stderr",
                        "Stderr",
                        "STDERR",
                        "Stdio::inherit",
                        "from_raw_fd",
                    ]
                    .iter()
                    .any(|bad| line.contains(bad))
                    {
                        found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(&Path::new(ROOT).join("src"), &mut found);
    assert!(
        found.is_empty(),
        "use output::message:\n{}",
        found.join("\n")
    );
}

// ---------------------------------------------------------------- the GitHub Action

fn executable(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A `tfward` that prints workflow commands on stderr the way a message
/// quoting a hostile file could (an older tfward did: raw line breaks),
/// exits `code`, and writes a JSON report with no finding.
fn planting_tfward(dir: &Path, code: i32) -> PathBuf {
    let bin = dir.join("fake-tfward");
    executable(
        &bin,
        &format!(
            r#"#!/usr/bin/env bash
printf 'tfward: note: module source `x\n::add-mask::planted\n::error::planted\n  ::warning::indented\n##[error]legacy\n::stop-commands::guess\n' >&2
case " $* " in *" --format json "*) printf '{{"summary": {{"total": 0}}}}\n' ;; esac
# The reports a run writes with --output FORMAT=FILE, as the real one does.
while [ $# -gt 0 ]; do
  if [ "$1" = --output ]; then : > "${{2#*=}}"; shift; fi
  shift
done
exit {code}
"#
        ),
    );
    bin
}

/// The runner's view of a log: the lines it would run as workflow commands
/// (outside a `::stop-commands::` fence), and the fence tokens seen.
fn commands_run(log: &str) -> (Vec<String>, Vec<String>) {
    let mut active = Vec::new();
    let mut tokens = Vec::new();
    let mut stopped: Option<String> = None;
    for line in log.lines() {
        let line = line.trim_start();
        if let Some(token) = &stopped {
            if line == format!("::{token}::") {
                stopped = None;
            }
            continue;
        }
        if let Some(token) = line.strip_prefix("::stop-commands::") {
            tokens.push(token.to_string());
            stopped = Some(token.to_string());
        } else if line.starts_with("::") || line.contains("##[") {
            active.push(line.to_string());
        }
    }
    assert!(stopped.is_none(), "a fence is never closed: {log}");
    (active, tokens)
}

fn run_action_script(bin: &Path, tmp: &Path) -> std::process::Output {
    let mut cmd = Command::new("bash");
    cmd.arg(Path::new(ROOT).join("scripts/action-run.sh"))
        .current_dir(tmp);
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("INPUT_") || name.starts_with("GITHUB_") {
            cmd.env_remove(name.as_ref());
        }
    }
    cmd.env("TFWARD_BIN", bin)
        .env("RUNNER_TEMP", tmp)
        .env("INPUT_SARIF_FILE", tmp.join("out.sarif"))
        .output()
        .expect("bash")
}

#[test]
fn the_action_fences_tfwards_stderr_with_a_random_token() {
    let tmp = tempfile::tempdir().unwrap();
    let mut all_tokens = Vec::new();
    for code in [0, 2] {
        let bin = planting_tfward(tmp.path(), code);
        let out = run_action_script(&bin, tmp.path());
        assert_eq!(out.status.code(), Some(code), "{}", stderr_of(&out));
        let err = stderr_of(&out);
        assert!(err.contains("::add-mask::planted"), "still shown: {err}");
        let (active, tokens) = commands_run(&err);
        assert!(
            active.is_empty(),
            "commands the runner would run: {active:?}\n{err}"
        );
        assert!(!tokens.is_empty(), "{err}");
        for token in &tokens {
            assert!(
                token.len() >= 32 && token.chars().all(|c| c.is_ascii_hexdigit()),
                "{token}"
            );
        }
        all_tokens.extend(tokens);
        // On stdout only the action's own annotation, escaped: nothing planted runs.
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        for line in stdout.lines() {
            assert!(
                !line.contains("planted") || line.starts_with("::error title=tfward action::"),
                "{line}"
            );
        }
    }
    let mut unique = all_tokens.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all_tokens.len(), "a fresh token each time");
}

/// Runs scripts/action-comment.sh with a `gh` that answers `GET /user` with
/// `user` (or fails, as for GITHUB_TOKEN), evaluates the `--jq` filter of the
/// comment listing on `comments`, and logs every call.
fn run_comment_step(user: Option<&str>, comments: &serde_json::Value) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let log = tmp.path().join("gh.log");
    std::fs::write(tmp.path().join("comments.json"), comments.to_string()).unwrap();
    let user_answer = match user {
        Some(login) => format!("printf '%s\\n' '{login}'"),
        None => "echo 'Resource not accessible by integration' >&2; exit 1".to_string(),
    };
    executable(
        &bin.join("gh"),
        &format!(
            r#"#!/usr/bin/env bash
printf 'gh %s\n' "$*" >>'{log}'
if [[ $2 == user ]]; then {user_answer}; fi
if [[ $* == *--paginate* ]]; then
  filter=${{@: -1}}
  jq -r "$filter" '{comments}'
fi
"#,
            log = log.display(),
            comments = tmp.path().join("comments.json").display()
        ),
    );
    let report = tmp.path().join("report.md");
    std::fs::write(&report, "### tfward\n").unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let out = Command::new("bash")
        .arg(Path::new(ROOT).join("scripts/action-comment.sh"))
        .env("PATH", path)
        .env("TFWARD_REPORT", &report)
        .env("TFWARD_REPOSITORY", "octo/infra")
        .env("TFWARD_PULL_REQUEST", "7")
        .env("RUNNER_TEMP", tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    std::fs::read_to_string(&log).unwrap()
}

#[test]
fn the_comment_step_edits_only_its_own_comment() {
    let comment = |id: u64, login: &str, body: &str| serde_json::json!({"id": id, "user": {"login": login}, "body": body});
    let planted = comment(1, "mallory", "<!-- tfward -->\nclick here");
    let ours = comment(2, "github-actions[bot]", "<!-- tfward -->\n### tfward");
    let pat = comment(3, "octocat", "<!-- tfward -->\n### tfward");

    // GITHUB_TOKEN: /user is refused; the bot's comment is the one.
    let log = run_comment_step(None, &serde_json::json!([planted, ours]));
    assert!(
        log.contains("PATCH repos/octo/infra/issues/comments/2 "),
        "{log}"
    );
    assert!(!log.contains("comments/1 "), "{log}");

    // Only a planted marker: a new comment, the planted one untouched.
    let log = run_comment_step(None, &serde_json::json!([planted]));
    assert!(
        log.contains("--method POST repos/octo/infra/issues/7/comments"),
        "{log}"
    );
    assert!(!log.contains("PATCH"), "{log}");

    // A personal token: its user's comment, not the bot's.
    let log = run_comment_step(Some("octocat"), &serde_json::json!([planted, ours, pat]));
    assert!(
        log.contains("PATCH repos/octo/infra/issues/comments/3 "),
        "{log}"
    );
    assert!(
        !log.contains("comments/2 ") && !log.contains("comments/1 "),
        "{log}"
    );
}
