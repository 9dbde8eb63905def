//! Issue 13: a checked tree is hostile. tfward reads only regular files inside
//! the checked tree, bounds every read, and never follows a CDKTF manifest out
//! of its folder. Each case runs the binary with a timeout and an address-space
//! limit, so a regression fails the test instead of hanging or eating memory.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::Duration;

const MARKER: &str = "tfward-secret-marker-6f1c";

/// The binary, `limited`, killed after a timeout.
fn tfward() -> Command {
    let mut cmd = Command::from_std(limited());
    cmd.env("NO_COLOR", "1").timeout(TIMEOUT);
    cmd
}

const TIMEOUT: Duration = Duration::from_secs(20);

/// The binary with at most 8 GiB of address space (mimalloc reserves
/// address space generously; a 1 GiB read needs more than 4): a regression that reads
/// /dev/zero fails instead of taking the machine's memory.
fn limited() -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("tfward"));
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 8 << 30,
                rlim_max: 8 << 30,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd
}

/// Runs `tfward ARGS` with /dev/zero as standard input (assert_cmd replaces
/// the standard input it is given, and its `pipe_stdin` would read all of
/// /dev/zero into the test first); killed after the timeout.
fn run_on_dev_zero(args: &[&str]) -> (i32, String, String) {
    use std::io::Read;
    let mut child = limited()
        .args(args)
        .stdin(std::fs::File::open("/dev/zero").expect("/dev/zero"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        // Reading the whole default limit of zeros takes a few seconds.
        if start.elapsed() > 3 * TIMEOUT {
            child.kill().expect("kill");
            break child.wait().expect("wait");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (mut out, mut err) = (String::new(), String::new());
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut out)
        .expect("read");
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read");
    (status.code().unwrap_or(-1), out, err)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, text).expect("write");
    path
}

/// Runs and returns (exit code, stdout, stderr); -1 when killed (timeout, signal).
fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A module whose provider region is `expr`, and one resource that lands there.
fn module_with_region(expr: &str) -> String {
    format!(
        "provider \"aws\" {{\n  region = {expr}\n}}\n\nresource \"aws_s3_bucket\" \"b\" {{\n  bucket = \"logs\"\n}}\n\nresource \"aws_sqs_queue\" \"q\" {{\n  name = {expr}\n}}\n"
    )
}

/// A repository (with `.git`) holding a module at `infra/prod`, and a secret
/// beside the repository, outside it. Returns (tempdir, repo, module dir).
fn repo_with_module(expr: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    write(tmp.path(), "secret", &format!("{MARKER}\n"));
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).expect("mkdir .git");
    let module = repo.join("infra/prod");
    write(&module, "main.tf", &module_with_region(expr));
    (tmp, repo, module)
}

const FORMATS: &[&str] = &["human", "json", "sarif", "github", "markdown", "html"];

/// Every report format and the inventory: the marker appears nowhere, a note
/// names the refused file, and the run ends normally (0 or 1, not 2).
fn assert_refused(module: &Path, envs: &[(&str, &str)], named: &str) {
    // Only eu-west-1 is allowed: a region read from the file would be quoted
    // in a `region-not-allowed` finding of every format.
    let policy_dir = tempfile::tempdir().expect("tmp");
    let policy = write(
        policy_dir.path(),
        "policy.hcl",
        "allowed_regions = [\"eu-west-1\"]\n",
    );
    for format in FORMATS {
        let (code, out, err) = run(tfward()
            .args(["check", "--format", format, "--policy"])
            .arg(&policy)
            .arg(module)
            .envs(envs.iter().copied()));
        assert!(code == 0 || code == 1, "{format}: exit {code}: {err}");
        assert!(!out.contains(MARKER), "{format}: marker in stdout:\n{out}");
        assert!(!err.contains(MARKER), "{format}: marker in stderr:\n{err}");
        let notes: Vec<&str> = err
            .lines()
            .filter(|l| l.starts_with("tfward: note:") && l.contains(named))
            .collect();
        assert_eq!(notes.len(), 1, "{format}: one note naming {named}:\n{err}");
        assert!(
            notes[0].contains("outside") || notes[0].contains("not a regular file"),
            "{format}: the note says why: {}",
            notes[0]
        );
    }
    let (code, out, err) = run(tfward()
        .args(["inventory", "--format", "json"])
        .arg(module)
        .envs(envs.iter().copied()));
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains(MARKER), "marker in inventory:\n{out}");
    assert!(!err.contains(MARKER), "marker in inventory stderr:\n{err}");
}

#[test]
fn file_of_proc_self_environ_is_refused() {
    let (_tmp, _repo, module) = repo_with_module("file(\"/proc/self/environ\")");
    assert_refused(
        &module,
        &[("TFWARD_TEST_MARKER", MARKER)],
        "/proc/self/environ",
    );
}

#[test]
fn file_above_the_repository_is_refused() {
    // infra/prod/../../../secret is the secret beside the repository.
    let (_tmp, _repo, module) = repo_with_module("file(\"../../../secret\")");
    assert_refused(&module, &[], "../../../secret");
}

#[test]
fn file_above_the_module_without_a_repository_is_refused() {
    // No `.git`: the checked module directory itself is the tree.
    let tmp = tempfile::tempdir().expect("tmp");
    write(tmp.path(), "secret", MARKER);
    let module = tmp.path().join("a/b");
    write(
        &module,
        "main.tf",
        &module_with_region("file(\"../../secret\")"),
    );
    assert_refused(&module, &[], "../../secret");
}

#[test]
fn file_of_an_absolute_path_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let secret = write(tmp.path(), "secret", MARKER);
    let expr = format!("file(\"{}\")", secret.display());
    let (_tmp, _repo, module) = repo_with_module(&expr);
    assert_refused(&module, &[], &secret.display().to_string());
}

#[test]
fn templatefile_above_the_repository_is_refused() {
    let (_tmp, _repo, module) = repo_with_module("templatefile(\"../../../secret\", {})");
    assert_refused(&module, &[], "../../../secret");
}

#[test]
fn a_symlink_out_of_the_tree_is_refused() {
    let (tmp, _repo, module) = repo_with_module("file(\"region.txt\")");
    std::os::unix::fs::symlink(tmp.path().join("secret"), module.join("region.txt"))
        .expect("symlink");
    assert_refused(&module, &[], "region.txt");
}

#[test]
fn fileexists_outside_the_tree_is_unknown() {
    // A known answer would tell whether a host file exists.
    let (_tmp, _repo, module) =
        repo_with_module("fileexists(\"/etc/passwd\") ? \"eu-west-1\" : \"us-east-1\"");
    let (code, out, err) = run(tfward()
        .args(["inventory", "--format", "json"])
        .arg(&module));
    assert_eq!(code, 0, "{err}");
    assert!(
        !out.contains("eu-west-1") && !out.contains("us-east-1"),
        "the region stays unknown:\n{out}"
    );
    assert!(
        err.contains("/etc/passwd") && err.contains("outside"),
        "a note names the refused file:\n{err}"
    );
}

/// The region of every resource in `tfward inventory --format json` output.
fn regions(out: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(out).expect("inventory JSON");
    doc["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .map(|r| r["region"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Makes a named pipe at `path`.
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

#[test]
fn file_of_dev_zero_is_unknown_with_a_note() {
    let (_tmp, _repo, module) = repo_with_module("file(\"/dev/zero\")");
    let (code, out, err) = run(tfward()
        .args(["inventory", "--format", "json"])
        .arg(&module));
    assert_eq!(code, 0, "{err}");
    assert_eq!(regions(&out), ["unknown", "unknown"], "{out}");
    assert!(
        err.contains("tfward: note: file \"/dev/zero\" was not read")
            && err.contains("values that use it are unknown"),
        "{err}"
    );
}

#[test]
fn a_fifo_inside_the_tree_is_refused_by_file_without_blocking() {
    let (_tmp, _repo, module) = repo_with_module("file(\"pipe\")");
    mkfifo(&module.join("pipe"));
    // The test's timeout kills a run that waits on the pipe.
    let (code, out, err) = run(tfward()
        .args(["inventory", "--format", "json"])
        .arg(&module));
    assert_eq!(code, 0, "{err}");
    assert_eq!(regions(&out), ["unknown", "unknown"], "{out}");
    assert!(
        err.contains("tfward: note: file \"pipe\" was not read")
            && err.contains("not a regular file (a named pipe)"),
        "{err}"
    );
}

#[test]
fn file_over_the_file_size_limit_is_unknown() {
    let (_tmp, _repo, module) = repo_with_module("file(\"big.txt\")");
    write(&module, "big.txt", &"eu-west-1\n".repeat(300));
    let (code, out, err) = run(tfward()
        .args(["inventory", "--format", "json", "--max-file-size", "2KiB"])
        .arg(&module));
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("eu-west-1"), "{out}");
    assert!(
        err.contains("big.txt") && err.contains("--max-file-size"),
        "{err}"
    );
}

#[test]
fn file_inside_the_tree_still_resolves() {
    let (_tmp, repo, module) = repo_with_module("trimspace(file(\"${path.module}/region.txt\"))");
    write(&module, "region.txt", "eu-west-1\n");
    // And from elsewhere in the repository, through `..`.
    write(&repo, "infra/shared/other.txt", "eu-central-1\n");
    write(
        &module,
        "other.tf",
        "provider \"aws\" {\n  alias  = \"other\"\n  region = trimspace(file(\"../shared/other.txt\"))\n}\n\nresource \"aws_sns_topic\" \"t\" {\n  provider = aws.other\n  name     = \"t\"\n}\n",
    );
    let (code, out, err) = run(tfward()
        .args(["inventory", "--format", "json"])
        .arg(&module));
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let region = |address: &str| {
        doc["resources"]
            .as_array()
            .expect("resources")
            .iter()
            .find(|r| r["address"] == address)
            .unwrap_or_else(|| panic!("no {address} in {out}"))["region"]
            .clone()
    };
    assert_eq!(region("aws_s3_bucket.b"), "eu-west-1");
    assert_eq!(region("aws_sns_topic.t"), "eu-central-1");
    assert!(!err.contains("tfward: note:"), "no note: {err}");
}

/// Exit 2 with one error line containing every one of `needles`.
fn assert_error(cmd: &mut Command, needles: &[&str]) {
    let (code, out, err) = run(cmd);
    assert_eq!(code, 2, "exit {code}\nstdout: {out}\nstderr: {err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {err}");
    assert!(lines[0].starts_with("tfward: error: "), "{err}");
    for needle in needles {
        assert!(lines[0].contains(needle), "{needle:?} in {err}");
    }
}

#[test]
fn input_dev_zero_is_an_error() {
    assert_error(
        tfward().args(["check", "/dev/zero"]),
        &["/dev/zero", "not a regular file"],
    );
}

/// Exit 2 with one error line naming standard input and the limit.
fn assert_stdin_refused(args: &[&str], limit: &str) {
    let (code, out, err) = run_on_dev_zero(args);
    assert_eq!(code, 2, "exit {code}\nstdout: {out}\nstderr: {err}");
    assert_eq!(
        err.trim_end(),
        format!(
            "tfward: error: <stdin>: standard input is larger than the {limit} input limit (use --max-input-size to raise it)"
        )
    );
}

#[test]
fn stdin_over_the_input_limit_is_an_error() {
    assert_stdin_refused(&["check", "--max-input-size", "1MiB", "-"], "1 MiB");
}

#[test]
fn stdin_of_dev_zero_stops_at_the_default_limit() {
    assert_stdin_refused(&["inventory", "-"], "1 GiB");
}

#[test]
fn input_over_the_input_limit_is_an_error() {
    let tmp = tempfile::tempdir().expect("tmp");
    let plan = write(
        tmp.path(),
        "plan.json",
        &format!(
            "{{\"format_version\": \"1.2\", \"pad\": \"{}\"}}",
            "x".repeat(2048)
        ),
    );
    assert_error(
        tfward()
            .args(["check", "--max-input-size", "1KiB"])
            .arg(&plan),
        &["plan.json", "larger than the 1 KiB", "--max-input-size"],
    );
}

#[test]
fn a_fifo_input_is_an_error_without_blocking() {
    let tmp = tempfile::tempdir().expect("tmp");
    let fifo = tmp.path().join("plan.json");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    assert_error(
        tfward().args(["check"]).arg(&fifo),
        &["plan.json", "not a regular file"],
    );
}

#[test]
fn a_fifo_auto_tfvars_is_an_error_without_blocking() {
    let (_tmp, _repo, module) = repo_with_module("\"eu-west-1\"");
    let status = std::process::Command::new("mkfifo")
        .arg(module.join("x.auto.tfvars"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    assert_error(
        tfward().args(["check"]).arg(&module),
        &["x.auto.tfvars", "not a regular file"],
    );
}

#[test]
fn policy_dev_zero_is_an_error() {
    let (_tmp, _repo, module) = repo_with_module("\"eu-west-1\"");
    assert_error(
        tfward()
            .args(["check", "--policy", "/dev/zero"])
            .arg(&module),
        &["/dev/zero", "not a regular file"],
    );
}

#[test]
fn config_dev_zero_is_an_error() {
    let (_tmp, _repo, module) = repo_with_module("\"eu-west-1\"");
    assert_error(
        tfward()
            .args(["check", "--config", "/dev/zero"])
            .arg(&module),
        &["/dev/zero", "not a regular file"],
    );
}

#[test]
fn var_file_dev_zero_is_an_error() {
    let (_tmp, _repo, module) = repo_with_module("\"eu-west-1\"");
    assert_error(
        tfward()
            .args(["check", "--var-file", "/dev/zero"])
            .arg(&module),
        &["/dev/zero", "not a regular file"],
    );
}

#[test]
fn hcl_over_the_file_limit_is_an_error() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut text = module_with_region("\"eu-west-1\"");
    text.push_str(&format!("# {}\n", "x".repeat(4096)));
    write(tmp.path(), "main.tf", &text);
    assert_error(
        tfward()
            .args(["check", "--max-file-size", "2KiB"])
            .arg(tmp.path()),
        &["main.tf", "larger than the 2 KiB", "--max-file-size"],
    );
}

#[test]
fn size_flags_reject_nonsense() {
    let (code, _, err) = run(tfward().args(["check", "--max-input-size", "lots", "x.json"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--max-input-size"), "{err}");
}

/// A cdktf.out folder whose one stack is at `stack_path`.
fn cdktf_out(stack_path: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let stack = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata/cdktf/multi-stack-regions/cdktf.out/stacks/app-use1/cdk.tf.json"),
    )
    .expect("fixture");
    write(tmp.path(), "outside.json", &stack);
    let out = tmp.path().join("cdktf.out");
    write(&out, "stacks/app/cdk.tf.json", &stack);
    let manifest = serde_json::json!({
        "version": "0.21.0",
        "stacks": { "app": { "name": "app", "synthesizedStackPath": stack_path } }
    });
    write(&out, "manifest.json", &manifest.to_string());
    (tmp, out)
}

#[test]
fn cdktf_stack_inside_the_folder_still_loads() {
    let (_tmp, out) = cdktf_out("stacks/app/cdk.tf.json");
    let (code, _, err) = run(tfward().args(["inventory"]).arg(&out));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn cdktf_stack_path_above_the_folder_is_an_error() {
    let (_tmp, out) = cdktf_out("../outside.json");
    assert_error(
        tfward().args(["inventory"]).arg(&out),
        &["manifest.json", "app", "synthesizedStackPath", "outside"],
    );
}

#[test]
fn cdktf_stack_path_absolute_is_an_error() {
    let (_tmp, out) = cdktf_out("/etc/passwd");
    assert_error(
        tfward().args(["inventory"]).arg(&out),
        &["manifest.json", "app", "synthesizedStackPath", "outside"],
    );
}

#[test]
fn cdktf_stack_linked_to_dev_zero_is_an_error() {
    let (_tmp, out) = cdktf_out("stacks/app/zero.json");
    std::os::unix::fs::symlink("/dev/zero", out.join("stacks/app/zero.json")).expect("symlink");
    assert_error(
        tfward().args(["inventory"]).arg(&out),
        &["manifest.json", "app", "synthesizedStackPath"],
    );
}

#[test]
fn cdktf_stack_of_dev_zero_is_an_error() {
    let (_tmp, out) = cdktf_out("/dev/zero");
    assert_error(
        tfward().args(["inventory"]).arg(&out),
        &["manifest.json", "app", "synthesizedStackPath"],
    );
}

// ----- the checked tree: configuration files and module sources -----------

/// A module whose resource is named by the marker: loading it would put the
/// marker in every report and in the inventory.
fn marker_module() -> String {
    format!("resource \"aws_sqs_queue\" \"{MARKER}\" {{\n  name = \"{MARKER}\"\n}}\n")
}

/// A repository module calling module `x` from `source`, and the marker
/// module at `<tmp>/outside`, beside the repository.
fn repo_calling(source: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (tmp, repo, module) = repo_with_module("\"eu-west-1\"");
    write(
        &module,
        "modules.tf",
        &format!("module \"x\" {{\n  source = \"{source}\"\n}}\n"),
    );
    write(&tmp.path().join("outside"), "main.tf", &marker_module());
    (tmp, repo, module)
}

#[test]
fn a_root_module_file_linked_out_of_the_tree_is_an_error() {
    let (tmp, _repo, module) = repo_with_module("\"eu-west-1\"");
    let outside = write(tmp.path(), "outside.tf", &marker_module());
    std::os::unix::fs::symlink(&outside, module.join("extra.tf")).expect("symlink");
    for format in FORMATS {
        let (code, out, err) = run(tfward().args(["check", "--format", format]).arg(&module));
        assert_eq!(code, 2, "{format}: {err}");
        assert!(!out.contains(MARKER) && !err.contains(MARKER), "{out}{err}");
        assert!(
            err.starts_with("tfward: error: ")
                && err.contains("extra.tf: a link to a file outside the checked tree"),
            "{err}"
        );
    }
    let (code, out, err) = run(tfward()
        .args(["inventory", "--format", "json"])
        .arg(&module));
    assert_eq!(code, 2, "{err}");
    assert!(!out.contains(MARKER) && !err.contains(MARKER), "{out}{err}");
}

#[test]
fn a_variable_file_linked_out_of_the_tree_is_an_error() {
    for name in ["terraform.tfvars", "prod.auto.tfvars"] {
        let (tmp, _repo, module) = repo_with_module("var.region");
        write(
            &module,
            "vars.tf",
            "variable \"region\" {\n  type = string\n}\n",
        );
        let outside = write(
            tmp.path(),
            "outside.tfvars",
            &format!("region = \"{MARKER}\"\n"),
        );
        std::os::unix::fs::symlink(&outside, module.join(name)).expect("symlink");
        let (code, out, err) = run(tfward()
            .args(["inventory", "--format", "json"])
            .arg(&module));
        assert_eq!(code, 2, "{name}: {err}");
        assert!(!out.contains(MARKER) && !err.contains(MARKER), "{out}{err}");
        assert!(
            err.contains(&format!("{name}: a link to a file outside")),
            "{err}"
        );
    }
}

#[test]
fn a_var_file_named_on_the_command_line_may_be_anywhere() {
    let (tmp, _repo, module) = repo_with_module("var.region");
    write(
        &module,
        "vars.tf",
        "variable \"region\" {\n  type = string\n}\n",
    );
    let given = write(tmp.path(), "given.tfvars", "region = \"eu-north-1\"\n");
    let (code, out, err) = run(tfward()
        .args(["inventory", "--format", "json", "--var-file"])
        .arg(&given)
        .arg(&module));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("eu-north-1"), "{out}");
}

#[test]
fn a_local_module_above_the_repository_is_skipped_with_a_note() {
    let (_tmp, _repo, module) = repo_calling("../../../outside");
    assert_refused(&module, &[], "../../../outside");
    let (_, _, err) = run(tfward().args(["inventory"]).arg(&module));
    assert!(
        err.contains("module `x` (source `../../../outside`) is outside the checked tree"),
        "{err}"
    );
}

#[test]
fn a_local_module_linked_out_of_the_tree_is_skipped_with_a_note() {
    let (tmp, repo, module) = repo_calling("../../modules/x");
    std::fs::create_dir_all(repo.join("modules")).expect("mkdir");
    std::os::unix::fs::symlink(tmp.path().join("outside"), repo.join("modules/x"))
        .expect("symlink");
    assert_refused(&module, &[], "../../modules/x");
}

#[test]
fn a_module_file_linked_out_of_the_tree_skips_the_module() {
    let (tmp, repo, module) = repo_calling("../../modules/x");
    write(
        &repo,
        "modules/x/main.tf",
        "resource \"aws_sns_topic\" \"t\" {}\n",
    );
    std::os::unix::fs::symlink(
        tmp.path().join("outside/main.tf"),
        repo.join("modules/x/extra.tf"),
    )
    .expect("symlink");
    // The note names the call and the file, not the link's target.
    assert_refused(&module, &[], "extra.tf");
}

/// A remote module call `x` whose `modules.json` directory is `dir`.
fn repo_with_installed(dir: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (tmp, repo, module) = repo_calling("example/x/aws");
    let manifest = serde_json::json!({
        "Modules": [
            { "Key": "", "Source": "", "Dir": "." },
            { "Key": "x", "Source": "registry.terraform.io/example/x/aws", "Dir": dir }
        ]
    });
    write(
        &module,
        ".terraform/modules/modules.json",
        &manifest.to_string(),
    );
    (tmp, repo, module)
}

#[test]
fn a_modules_json_directory_outside_the_tree_is_skipped_with_a_note() {
    let tmp = tempfile::tempdir().expect("tmp");
    let absolute = tmp.path().join("outside");
    write(&absolute, "main.tf", &marker_module());
    let (_tmp, _repo, module) = repo_with_installed(&absolute.display().to_string());
    assert_refused(&module, &[], "modules.json");
    let (_tmp, _repo, module) = repo_with_installed("../../../outside");
    assert_refused(&module, &[], "modules.json");
}

#[test]
fn an_installed_module_linked_out_of_the_tree_is_skipped_with_a_note() {
    // `terraform init` links a module with an absolute source into
    // .terraform/modules: the link leads outside.
    let (tmp, _repo, module) = repo_with_installed(".terraform/modules/x");
    std::os::unix::fs::symlink(
        tmp.path().join("outside"),
        module.join(".terraform/modules/x"),
    )
    .expect("symlink");
    assert_refused(&module, &[], "modules.json");
}

#[test]
fn a_modules_json_directory_inside_the_tree_still_loads() {
    let (_tmp, _repo, module) = repo_with_installed(".terraform/modules/x");
    write(
        &module,
        ".terraform/modules/x/main.tf",
        "resource \"aws_sns_topic\" \"installed\" {}\n",
    );
    let (code, out, err) = run(tfward()
        .args(["inventory", "--format", "json"])
        .arg(&module));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("module.x.aws_sns_topic.installed"), "{out}");
    assert!(!err.contains("tfward: note:"), "{err}");
}

/// A monorepo without git metadata: `live/prod` calls `../../modules/vpc`
/// and reads `../../shared/region.txt`.
fn monorepo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tmp");
    write(
        &tmp.path().join("live/prod"),
        "main.tf",
        "provider \"aws\" {\n  region = trimspace(file(\"../../shared/region.txt\"))\n}\n\nmodule \"vpc\" {\n  source = \"../../modules/vpc\"\n}\n",
    );
    write(tmp.path(), "shared/region.txt", "eu-west-3\n");
    write(
        &tmp.path().join("modules/vpc"),
        "main.tf",
        "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n",
    );
    tmp
}

#[test]
fn without_git_the_current_directory_is_the_tree() {
    let tmp = monorepo();
    let (code, out, err) =
        run(tfward()
            .current_dir(tmp.path())
            .args(["inventory", "--format", "json", "live/prod"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("module.vpc.aws_vpc.main"), "{out}");
    assert!(
        out.contains("eu-west-3"),
        "file() read the shared file: {out}"
    );
    assert!(!err.contains("tfward: note:"), "no note: {err}");
}

#[test]
fn without_git_or_the_current_directory_the_root_module_is_the_tree() {
    // Run from elsewhere: only live/prod is checked, so what lies beside it
    // is outside.
    let tmp = monorepo();
    let elsewhere = tempfile::tempdir().expect("tmp");
    let (code, out, err) = run(tfward()
        .current_dir(elsewhere.path())
        .args(["inventory", "--format", "json"])
        .arg(tmp.path().join("live/prod")));
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("aws_vpc"), "{out}");
    assert!(
        err.contains("module `vpc` (source `../../modules/vpc`) is outside the checked tree"),
        "{err}"
    );
}

#[test]
fn with_git_a_module_beside_the_root_module_loads() {
    let tmp = monorepo();
    std::fs::create_dir(tmp.path().join(".git")).expect("mkdir .git");
    let (code, out, err) = run(tfward()
        .args(["inventory", "--format", "json"])
        .arg(tmp.path().join("live/prod")));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("module.vpc.aws_vpc.main"), "{out}");
    assert!(out.contains("eu-west-3"), "{out}");
    assert!(!err.contains("tfward: note:"), "no note: {err}");
}

#[test]
fn a_workspace_file_linked_out_of_the_tree_is_an_error() {
    let (tmp, _repo, module) = repo_with_module("terraform.workspace");
    let outside = write(tmp.path(), "environment", MARKER);
    std::fs::create_dir_all(module.join(".terraform")).expect("mkdir");
    std::os::unix::fs::symlink(&outside, module.join(".terraform/environment")).expect("symlink");
    let (code, out, err) = run(tfward()
        .args(["inventory", "--format", "json"])
        .arg(&module));
    assert_eq!(code, 2, "{err}");
    assert!(!out.contains(MARKER) && !err.contains(MARKER), "{out}{err}");
    assert!(
        err.contains("environment: a link to a file outside the checked tree"),
        "{err}"
    );
}

#[test]
fn a_modules_json_linked_out_of_the_tree_is_an_error() {
    let (tmp, _repo, module) = repo_calling("example/x/aws");
    let manifest = serde_json::json!({
        "Modules": [{ "Key": "x", "Source": "example/x/aws", "Dir": "../../../outside" }]
    });
    let outside = write(tmp.path(), "modules.json", &manifest.to_string());
    std::fs::create_dir_all(module.join(".terraform/modules")).expect("mkdir");
    std::os::unix::fs::symlink(&outside, module.join(".terraform/modules/modules.json"))
        .expect("symlink");
    let (code, out, err) = run(tfward()
        .args(["inventory", "--format", "json"])
        .arg(&module));
    assert_eq!(code, 2, "{err}");
    assert!(!out.contains(MARKER) && !err.contains(MARKER), "{out}{err}");
    assert!(
        err.contains("modules.json: a link to a file outside the checked tree"),
        "{err}"
    );
}

#[test]
fn the_home_directory_is_never_the_tree() {
    // A dotfiles repository in $HOME, or a run from ~ on a copy without
    // .git, must not open ~/.aws to the checked files.
    let tmp = monorepo();
    std::fs::create_dir(tmp.path().join(".git")).expect("mkdir .git");
    for cwd in [tmp.path().to_path_buf(), tmp.path().join("live")] {
        let (code, out, err) = run(tfward()
            .env("HOME", tmp.path())
            .current_dir(&cwd)
            .args(["inventory", "--format", "json"])
            .arg(tmp.path().join("live/prod")));
        assert_eq!(code, 0, "{err}");
        assert!(
            !out.contains("eu-west-3"),
            "file() read above the root module: {out}"
        );
        assert!(
            err.contains("module `vpc` (source `../../modules/vpc`) is outside the checked tree"),
            "{err}"
        );
    }
}

// ----- links followed as the kernel follows them ----------------------------

#[test]
fn fileexists_under_a_link_to_a_host_folder_does_not_probe_it() {
    // `d` links to the folder beside the repository, which holds `secret`:
    // whether `d/secret` exists must not change the answer.
    let mut seen = Vec::new();
    for name in ["secret", "nonexistent-zz"] {
        for expr in [
            format!("fileexists(\"d/{name}\") ? \"eu-west-1\" : \"us-east-1\""),
            format!("file(\"d/{name}\")"),
        ] {
            let (tmp, _repo, module) = repo_with_module(&expr);
            std::os::unix::fs::symlink(tmp.path(), module.join("d")).expect("symlink");
            let (code, out, err) = run(tfward()
                .args(["inventory", "--format", "json"])
                .arg(&module));
            assert_eq!(code, 0, "{expr}: {err}");
            assert_eq!(regions(&out), ["unknown", "unknown"], "{expr}: {out}");
            assert!(
                err.contains(&format!("file \"d/{name}\" was not read"))
                    && err.contains("links to a file that is outside the checked tree"),
                "{expr}: {err}"
            );
            assert!(!out.contains(MARKER) && !err.contains(MARKER));
            seen.push(err.replace(name, "NAME"));
        }
    }
    assert_eq!(seen[0], seen[2], "fileexists answers alike");
    assert_eq!(seen[1], seen[3], "file answers alike");
}

#[test]
fn dotdot_after_a_link_leaves_the_folder_the_link_leads_to() {
    // `./lnk/../evil`: as written `<module>/evil`, which exists; the kernel
    // reads `<outside>/evil`, since `lnk` leads to `<outside>/exists`.
    for outside_exists in [true, false] {
        let (tmp, _repo, module) = repo_calling("./lnk/../evil");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(outside.join("exists")).expect("mkdir");
        if outside_exists {
            write(
                &outside.join("evil"),
                &format!("{MARKER}.tf"),
                &marker_module(),
            );
        }
        write(&module.join("evil"), "main.tf", "");
        std::os::unix::fs::symlink(outside.join("exists"), module.join("lnk")).expect("symlink");
        let (code, out, err) = run(tfward()
            .args(["inventory", "--format", "json"])
            .arg(&module));
        assert_eq!(code, 0, "{err}");
        assert!(!out.contains(MARKER) && !err.contains(MARKER), "{out}{err}");
        assert!(
            err.contains("module `x` (source `./lnk/../evil`) is outside the checked tree"),
            "{err}"
        );
    }
}

#[test]
fn cdktf_stack_paths_outside_get_one_answer_whether_or_not_they_exist() {
    for path in [
        "/etc/passwd",
        "/etc/nonexistent-zz",
        "link/outside.json",
        "link/nonexistent-zz",
    ] {
        let (tmp, out) = cdktf_out(path);
        std::os::unix::fs::symlink(tmp.path(), out.join("link")).expect("symlink");
        assert_error(
            tfward().args(["inventory"]).arg(&out),
            &[
                "manifest.json",
                "app",
                "synthesizedStackPath",
                "leads outside the cdktf.out folder",
            ],
        );
    }
}

#[test]
fn a_config_file_that_is_a_pipe_is_an_error_without_blocking() {
    // In the root module and in a child module: never silently left out.
    let (_tmp, _repo, module) = repo_with_module("\"eu-west-1\"");
    mkfifo(&module.join("f.tf"));
    assert_error(
        tfward().args(["inventory"]).arg(&module),
        &["f.tf", "not a regular file (a named pipe)"],
    );
    let (_tmp, _repo, module) = repo_with_module("\"eu-west-1\"");
    write(&module, "m.tf", "module \"m\" {\n  source = \"./m\"\n}\n");
    write(&module.join("m"), "main.tf", "");
    mkfifo(&module.join("m/f.tf"));
    assert_error(
        tfward().args(["inventory"]).arg(&module),
        &["m/f.tf", "not a regular file (a named pipe)"],
    );
}

#[test]
fn terraform_files_that_are_pipes_are_errors_without_blocking() {
    for rel in [".terraform/modules/modules.json", ".terraform/environment"] {
        let (_tmp, _repo, module) = repo_with_module("\"eu-west-1\"");
        std::fs::create_dir_all(module.join(".terraform/modules")).expect("mkdir");
        mkfifo(&module.join(rel));
        assert_error(
            tfward().args(["inventory"]).arg(&module),
            &[rel, "not a regular file (a named pipe)"],
        );
    }
}
