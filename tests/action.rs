//! The GitHub Action and the pre-commit hooks: `action.yml` against the
//! SchemaStore schema and our rules for run steps, `scripts/action-run.sh` run
//! the way the runner runs it (env vars in, workflow commands, outputs and
//! summary out), and `.pre-commit-hooks.yaml`.
//!
//! Needs `bash` (and `xargs`) on PATH: the run script is a bash script, and a
//! missing bash fails these tests rather than skipping them.

use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use yaml_rust2::{Yaml, YamlLoader};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const BACKUP_STORY: &str = "testdata/cdktf/backup-cross-region/cdktf.out";
const BACKUP_FILE: &str =
    "testdata/cdktf/backup-cross-region/cdktf.out/stacks/TapStack/cdk.tf.json";
const CLEAN: &str = "testdata/rules/kms-key-rotation/clean-asymmetric-and-hmac/hcl";

fn root() -> &'static Path {
    Path::new(ROOT)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------- YAML, schemas

/// A YAML document as JSON (the shape a YAML 1.2 loader gives the runner).
fn yaml_to_json(node: &Yaml) -> Value {
    match node {
        Yaml::Real(text) => {
            let number: f64 = text.parse().unwrap_or_else(|_| panic!("bad float {text}"));
            json!(number)
        }
        Yaml::Integer(n) => json!(n),
        Yaml::String(s) => json!(s),
        Yaml::Boolean(b) => json!(b),
        Yaml::Null => Value::Null,
        Yaml::Array(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Hash(hash) => {
            let mut map = Map::new();
            for (key, value) in hash {
                let key = match key {
                    Yaml::String(s) => s.clone(),
                    Yaml::Integer(n) => n.to_string(),
                    Yaml::Boolean(b) => b.to_string(),
                    other => panic!("unsupported mapping key {other:?}"),
                };
                assert!(
                    map.insert(key.clone(), yaml_to_json(value)).is_none(),
                    "duplicate key {key}"
                );
            }
            Value::Object(map)
        }
        Yaml::Alias(_) | Yaml::BadValue => panic!("unsupported YAML node {node:?}"),
    }
}

fn load_yaml(relative: &str) -> Value {
    let text = read(&root().join(relative));
    let docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{relative}: {e}"));
    assert_eq!(docs.len(), 1, "{relative}: one YAML document");
    yaml_to_json(&docs[0])
}

fn schema(name: &str) -> Value {
    let path = root().join("../shared/schemas").join(name);
    serde_json::from_str(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The schema's complaints about `instance`, one line each.
fn schema_errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("schema compiles");
    validator
        .iter_errors(instance)
        .map(|e| {
            let text = e.to_string();
            let short: String = text.chars().take(300).collect();
            format!("{short} at {}", e.instance_path())
        })
        .collect()
}

// ---------------------------------------------------------------- action.yml

fn action() -> Value {
    load_yaml("action.yml")
}

fn steps(action: &Value) -> &Vec<Value> {
    action["runs"]["steps"].as_array().expect("runs.steps")
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn action_yml_validates_against_the_github_action_schema() {
    let action = action();
    let errors = schema_errors(&schema("github-action.json"), &action);
    assert!(errors.is_empty(), "action.yml:\n{}", errors.join("\n"));

    // The schema is loose about what it cannot know; check that it does reject.
    let mut broken = action.clone();
    broken["runs"]["using"] = json!("composit");
    assert!(!schema_errors(&schema("github-action.json"), &broken).is_empty());
}

#[test]
fn action_yml_has_the_documented_interface() {
    let action = action();
    assert_eq!(action["runs"]["using"], "composite");
    assert!(action["branding"]["icon"].is_string() && action["branding"]["color"].is_string());
    let inputs = action["inputs"].as_object().expect("inputs");
    let expected = [
        ("paths", "."),
        ("severity-threshold", ""),
        ("policy", ""),
        ("args", ""),
        ("sarif-file", "tfward.sarif"),
        ("fail-on-findings", "true"),
        ("pr-comment", "false"),
        ("source", "auto"),
        ("working-directory", "."),
    ];
    let mut names: Vec<&str> = inputs.keys().map(String::as_str).collect();
    names.sort_unstable();
    let mut want: Vec<&str> = expected.iter().map(|(n, _)| *n).collect();
    want.sort_unstable();
    assert_eq!(names, want);
    for (name, default) in expected {
        assert_eq!(inputs[name]["default"], json!(default), "default of {name}");
        assert!(
            inputs[name]["description"].is_string(),
            "description of {name}"
        );
    }
    let outputs = action["outputs"].as_object().expect("outputs");
    assert_eq!(
        outputs["findings"]["value"],
        "${{ steps.run.outputs.findings }}"
    );
    assert_eq!(
        outputs["sarif-file"]["value"],
        "${{ steps.run.outputs.sarif-file }}"
    );

    let steps = steps(&action);
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("an actions/cache step");
    let cached = cache["with"]["path"].as_str().expect("cache paths");
    for path in [
        "~/.cargo/registry",
        "~/.cargo/git",
        "steps.prep.outputs.target-dir",
    ] {
        assert!(cached.contains(path), "cache path {path}: {cached}");
    }
    assert!(
        cache["with"]["key"]
            .as_str()
            .unwrap()
            .contains("steps.prep.outputs.lock-hash")
    );
    let build = steps
        .iter()
        .find(|s| s["run"].as_str().is_some_and(|r| r.contains("cargo build")))
        .expect("a build step");
    assert_eq!(
        build["run"],
        "cargo build --release --locked --manifest-path \"$GITHUB_ACTION_PATH/Cargo.toml\""
    );
    for skipped in [cache, build] {
        assert_eq!(
            skipped["if"], "steps.prep.outputs.build == 'true'",
            "{skipped}"
        );
    }
    let run = steps
        .iter()
        .find(|s| s["id"] == "run")
        .expect("the run step");
    assert_eq!(
        run["run"],
        "bash \"$GITHUB_ACTION_PATH/scripts/action-run.sh\""
    );
}

/// Inputs reach scripts only through `env:`: no `${{ inputs. }}` (indeed no
/// expression at all) in a `run:` line, `shell: bash` on every run step, and
/// every input mapped to the run script's environment.
#[test]
fn run_steps_take_inputs_only_through_env() {
    let action = action();
    let steps = steps(&action);
    let mut run_steps = 0;
    for step in steps {
        let Some(run) = step.get("run") else {
            assert!(
                step["uses"].is_string(),
                "a step with neither run nor uses: {step}"
            );
            continue;
        };
        run_steps += 1;
        let run = run.as_str().expect("run is a string");
        assert!(!run.contains("${{ inputs."), "inputs in a run line: {run}");
        assert!(!run.contains("${{"), "an expression in a run line: {run}");
        assert_eq!(step["shell"], "bash", "shell of {run}");
    }
    assert!(run_steps >= 3, "prepare, build and run steps");

    let run = steps
        .iter()
        .find(|s| s["id"] == "run")
        .expect("the run step");
    let env = run["env"].as_object().expect("env of the run step");
    for name in action["inputs"].as_object().unwrap().keys() {
        let var = format!("INPUT_{}", name.to_uppercase().replace('-', "_"));
        assert_eq!(
            env[&var],
            json!(format!("${{{{ inputs.{name} }}}}")),
            "{var}"
        );
    }
    assert_eq!(env["TFWARD_BIN"], "${{ steps.prep.outputs.bin }}");
}

// ---------------------------------------------------------------- the run script

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    outputs: HashMap<String, String>,
    summary: String,
}

/// Runs scripts/action-run.sh in `cwd` with the INPUT_* variables `inputs`
/// (names as in action.yml), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY in `tmp`.
fn run_action(cwd: &Path, workspace: &Path, tmp: &Path, inputs: &[(&str, &str)]) -> Run {
    let output_file = tmp.join("github_output");
    let summary_file = tmp.join("step_summary");
    let mut cmd = Command::new("bash");
    cmd.arg(root().join("scripts/action-run.sh"))
        .current_dir(cwd);
    // Nothing of a surrounding CI run may leak in.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("INPUT_") || name.starts_with("GITHUB_") || name == "TFWARD_BIN" {
            cmd.env_remove(name.as_ref());
        }
    }
    cmd.env("TFWARD_BIN", env!("CARGO_BIN_EXE_tfward"))
        .env("GITHUB_OUTPUT", &output_file)
        .env("GITHUB_STEP_SUMMARY", &summary_file)
        .env("GITHUB_WORKSPACE", workspace)
        .env("RUNNER_TEMP", tmp)
        .env("NO_COLOR", "1");
    for (name, value) in inputs {
        // The binary itself may be replaced (a wrapper that counts its runs).
        if *name == "TFWARD_BIN" {
            cmd.env(name, value);
            continue;
        }
        cmd.env(
            format!("INPUT_{}", name.to_uppercase().replace('-', "_")),
            value,
        );
    }
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("cannot run bash ({e}): the GitHub Action's run script needs bash on PATH")
    });
    let outputs = std::fs::read_to_string(&output_file)
        .unwrap_or_default()
        .lines()
        .map(|line| {
            let (k, v) = line
                .split_once('=')
                .unwrap_or_else(|| panic!("output line {line:?}"));
            (k.to_string(), v.to_string())
        })
        .collect();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        outputs,
        summary: std::fs::read_to_string(&summary_file).unwrap_or_default(),
    }
}

/// From the crate root (= the repository root), the SARIF log in a tempdir.
fn run_in_repo(inputs: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf, Run) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let sarif = tmp.path().join("out/tfward.sarif");
    let mut all = vec![("sarif-file", sarif.to_str().expect("utf-8 tempdir"))];
    all.extend_from_slice(inputs);
    let run = run_action(root(), root(), tmp.path(), &all);
    (tmp, sarif, run)
}

/// A GitHub workflow command that annotates a file, as the runner parses it:
/// `::NAME key=value,key=value::message`. Property values escape `%`, CR,
/// LF, `:` and `,`; the message escapes `%`, CR and LF; nothing else may use `%`.
const ANNOTATION: &str = r"^::(?P<command>error|warning|notice) (?P<props>(?:file|line|endLine|col|endColumn|title)=(?:[^%,:\r\n]|%(?:25|0D|0A|3A|2C))*(?:,(?:file|line|endLine|col|endColumn|title)=(?:[^%,:\r\n]|%(?:25|0D|0A|3A|2C))*)*)::(?P<message>(?:[^%\r\n]|%(?:25|0D|0A))*)$";

fn unescape_property(value: &str) -> String {
    value
        .replace("%2C", ",")
        .replace("%3A", ":")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
}

/// The file annotations on stdout: (command, properties, message). Every
/// workflow command on stdout, the action's own messages too, must parse.
fn annotations(stdout: &str) -> Vec<(String, HashMap<String, String>, String)> {
    let re = regex::Regex::new(ANNOTATION).unwrap();
    stdout
        .lines()
        .filter(|l| l.starts_with("::"))
        .map(|line| {
            let caps = re
                .captures(line)
                .unwrap_or_else(|| panic!("not a workflow command GitHub accepts: {line}"));
            let props: HashMap<String, String> = caps["props"]
                .split(',')
                .map(|p| {
                    let (k, v) = p.split_once('=').unwrap();
                    (k.to_string(), unescape_property(v))
                })
                .collect();
            assert_eq!(
                props.len(),
                caps["props"].split(',').count(),
                "repeated property: {line}"
            );
            (
                caps["command"].to_string(),
                props,
                caps["message"].to_string(),
            )
        })
        .filter(|(_, props, _)| props.contains_key("file"))
        .collect()
}

fn assert_valid_sarif(path: &Path) -> Value {
    let sarif: Value = serde_json::from_str(&read(path)).expect("SARIF is JSON");
    let errors = schema_errors(&schema("sarif-schema-2.1.0.json"), &sarif);
    assert!(
        errors.is_empty(),
        "{}:\n{}",
        path.display(),
        errors.join("\n")
    );
    sarif
}

/// Every artifactLocation.uri of the results.
fn sarif_uris(sarif: &Value) -> Vec<String> {
    let mut uris = Vec::new();
    for result in sarif["runs"][0]["results"].as_array().expect("results") {
        for loc in result["locations"].as_array().into_iter().flatten() {
            if let Some(uri) = loc["physicalLocation"]["artifactLocation"]["uri"].as_str() {
                uris.push(uri.to_string());
            }
        }
    }
    uris
}

#[test]
fn the_workflow_command_grammar_is_strict() {
    let re = regex::Regex::new(ANNOTATION).unwrap();
    for good in [
        "::error file=a.tf,line=3,title=tfward (x)::m",
        "::notice file=a%2Cb.tf,title=t%3A x::50%25 %0A next",
        "::warning file=a.tf::message :: with colons",
    ] {
        assert!(re.is_match(good), "{good}");
    }
    for bad in [
        "::error file=a,b.tf,line=3::m",   // raw comma in a property
        "::error file=a.tf,title=a: b::m", // raw colon in a property
        "::error file=a.tf::100% sure",    // bare %
        "::error file=a.tf,colour=red::m", // unknown property
        "::fatal file=a.tf::m",            // unknown command
        "::error file=a.tf,line=3:m",      // no `::` before the message
    ] {
        assert!(!re.is_match(bad), "{bad}");
    }
}

/// A CDK cloud assembly goes through the same step: annotations on the
/// synthesized templates' lines, valid SARIF naming the CloudFormation type.
#[test]
fn a_cdk_cloud_assembly_is_annotated_and_uploaded() {
    let (_tmp, sarif, run) = run_in_repo(&[("paths", "examples/cdk-two-region/cdk.out")]);
    assert_eq!(
        run.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    let sarif = assert_valid_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(!results.is_empty());
    assert!(
        sarif_uris(&sarif)
            .iter()
            .all(|u| u.starts_with("examples/cdk-two-region/cdk.out/")
                && u.ends_with(".template.json")),
        "{:?}",
        sarif_uris(&sarif)
    );
    let annotations = annotations(&run.stdout);
    assert_eq!(annotations.len(), results.len(), "{}", run.stdout);
    for (_, props, message) in &annotations {
        assert!(props["file"].ends_with(".template.json"), "{props:?}");
        assert!(
            props["line"].parse::<u32>().is_ok_and(|l| l > 1),
            "{props:?}"
        );
        assert!(
            message.contains("Primary/") || message.contains("Dr/"),
            "{message}"
        );
    }
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn a_finding_fails_the_step_and_is_annotated_uploaded_and_summarised() {
    let (_tmp, sarif, run) = run_in_repo(&[("paths", BACKUP_STORY)]);
    assert_eq!(
        run.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );

    assert_eq!(
        run.outputs.get("findings").map(String::as_str),
        Some("1"),
        "{:?}",
        run.outputs
    );
    assert_eq!(
        run.outputs.get("sarif-file"),
        Some(&sarif.display().to_string())
    );

    let sarif = assert_valid_sarif(&sarif);
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 1);
    assert_eq!(
        sarif["runs"][0]["results"][0]["ruleId"],
        "backup-selection-empty"
    );
    assert_eq!(sarif_uris(&sarif), [BACKUP_FILE]);

    let annotations = annotations(&run.stdout);
    assert_eq!(annotations.len(), 1, "{}", run.stdout);
    let (command, props, message) = &annotations[0];
    assert_eq!(command, "error");
    assert_eq!(props["file"], BACKUP_FILE);
    assert_eq!(props["line"], "100");
    assert_eq!(props["title"], "tfward (backup-selection-empty)");
    assert!(message.contains("us-east-1"), "{message}");
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.starts_with("::error file="))
            .count(),
        1,
        "{}",
        run.stdout
    );

    assert_eq!(
        run.summary.lines().next(),
        Some("### tfward"),
        "{}",
        run.summary
    );
    assert!(
        run.summary
            .lines()
            .any(|l| l.starts_with('|') && l.contains("backup-selection-empty")),
        "no table row for the finding:\n{}",
        run.summary
    );
}

/// One `tfward check` writes every report the step needs (JSON, SARIF,
/// annotations, Markdown), whatever else the step asks tfward.
#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn the_step_checks_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (wrapper, calls) = counting_wrapper(tmp.path());
    one_check_writes_every_report(&wrapper, &calls, tmp.path());
}

/// The run step with `bin` on the backup story: one `tfward check` (as the
/// wrapper's `calls` log counts them) wrote the failing verdict, a valid SARIF
/// log, the annotation, the job summary, the human report in the log and the
/// Markdown report.
fn one_check_writes_every_report(bin: &Path, calls: &Path, runner_temp: &Path) {
    let sarif = runner_temp.join("out/tfward.sarif");
    let run = run_action(
        root(),
        root(),
        runner_temp,
        &[
            ("sarif-file", sarif.to_str().expect("utf-8")),
            ("paths", BACKUP_STORY),
            ("TFWARD_BIN", bin.to_str().expect("utf-8")),
        ],
    );
    assert_eq!(
        run.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert_eq!(checks(calls), 1);
    assert_valid_sarif(&sarif);
    assert_eq!(annotations(&run.stdout).len(), 1, "{}", run.stdout);
    assert!(run.summary.starts_with("### tfward"), "{}", run.summary);
    // The human report in the log, fenced from the runner's command parser.
    assert!(human_report_in_log(&run.stderr), "{}", run.stderr);
    assert!(Path::new(&run.outputs["markdown-file"]).is_file());
}

/// An executable `tfward` in `dir` that logs each subcommand to `calls`, then runs tfward.
fn counting_wrapper(dir: &Path) -> (PathBuf, PathBuf) {
    let calls = dir.join("calls");
    let wrapper = dir.join("tfward");
    std::fs::write(
        &wrapper,
        format!(
            "#!/usr/bin/env bash\nprintf '%s\\n' \"$1\" >> '{}'\nexec '{}' \"$@\"\n",
            calls.display(),
            env!("CARGO_BIN_EXE_tfward")
        ),
    )
    .expect("write");
    let mut perms = std::fs::metadata(&wrapper).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&wrapper, perms).expect("chmod");
    (wrapper, calls)
}

/// Whether the log (stderr) shows the human report's verdict line, inside a
/// `::stop-commands::TOKEN` ... `::TOKEN::` fence.
fn human_report_in_log(log: &str) -> bool {
    let Some(verdict) = log
        .lines()
        .position(|l| l.contains("; failed (threshold high)"))
    else {
        return false;
    };
    let lines: Vec<&str> = log.lines().collect();
    let Some(token) = lines[..verdict]
        .iter()
        .rev()
        .find_map(|l| l.strip_prefix("::stop-commands::"))
    else {
        return false;
    };
    lines[verdict..].contains(&format!("::{token}::").as_str())
}

/// How many `tfward check` runs the wrapper logged.
fn checks(calls: &Path) -> usize {
    std::fs::read_to_string(calls)
        .unwrap_or_default()
        .lines()
        .filter(|c| *c == "check")
        .count()
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn a_clean_configuration_passes() {
    let (_tmp, sarif, run) = run_in_repo(&[("paths", CLEAN)]);
    assert_eq!(
        run.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert_eq!(run.outputs["findings"], "0");
    assert_eq!(run.outputs["sarif-file"], sarif.display().to_string());
    let sarif = assert_valid_sarif(&sarif);
    assert!(sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    assert!(annotations(&run.stdout).is_empty(), "{}", run.stdout);
    assert!(run.summary.starts_with("### tfward"), "{}", run.summary);
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn fail_on_findings_false_reports_but_passes() {
    for value in ["false", "False"] {
        let (_tmp, sarif, run) =
            run_in_repo(&[("paths", BACKUP_STORY), ("fail-on-findings", value)]);
        assert_eq!(run.code, 0, "{value}: {}", run.stderr);
        assert_eq!(run.outputs["findings"], "1");
        assert_valid_sarif(&sarif);
        assert_eq!(annotations(&run.stdout).len(), 1);
        assert!(run.summary.contains("backup-selection-empty"));
    }
}

#[test]
fn findings_below_the_threshold_are_counted_but_pass() {
    let (_tmp, _sarif, run) =
        run_in_repo(&[("paths", BACKUP_STORY), ("severity-threshold", "critical")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.outputs["findings"], "1");
    assert_eq!(annotations(&run.stdout).len(), 1);
}

#[test]
fn args_and_paths_are_split_into_words_without_expansion() {
    // Quoted words, several paths, and a `$(...)` that must stay text.
    let (_tmp, _sarif, run) = run_in_repo(&[
        ("paths", &format!("'{BACKUP_STORY}'\n  {CLEAN}")),
        (
            "args",
            "--skip-rule \"backup-selection-empty\" --skip-rule kms",
        ),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.outputs["findings"], "0");

    let tmp = tempfile::tempdir().unwrap();
    let marker = tmp.path().join("expanded");
    let injected = format!("$(touch {0}) `touch {0}`", marker.display());
    let (_t, _s, run) = run_in_repo(&[("paths", BACKUP_STORY), ("args", &injected)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!marker.exists(), "args were evaluated by a shell");

    let (_t, _s, run) = run_in_repo(&[("paths", BACKUP_STORY), ("args", "--skip-rule 'kms")]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("::error title=tfward action::cannot split"),
        "{}",
        run.stdout
    );
}

#[test]
fn tfward_errors_exit_2_without_outputs() {
    let (_tmp, sarif, run) = run_in_repo(&[("paths", "testdata/no-such-dir")]);
    assert_eq!(run.code, 2);
    assert!(run.outputs.is_empty(), "{:?}", run.outputs);
    assert!(!sarif.exists());
    assert!(
        run.stdout.starts_with("::error title=tfward action::"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("no-such-dir"), "{}", run.stderr);

    for (input, value) in [
        ("fail-on-findings", "maybe"),
        ("severity-threshold", "severe"),
    ] {
        let (_tmp, _sarif, run) = run_in_repo(&[("paths", BACKUP_STORY), (input, value)]);
        assert_eq!(run.code, 2, "{input}={value}");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// With `working-directory`, tfward runs there, but annotations, SARIF URIs
/// and the sarif-file output are relative to the repository root.
#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn working_directory_reports_repository_relative_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    copy_dir(&root().join(BACKUP_STORY), &repo.join("my infra/cdktf.out"));
    let run = run_action(
        &repo,
        &repo,
        tmp.path(),
        &[("working-directory", "my infra"), ("paths", "cdktf.out")],
    );
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.outputs["findings"], "1");
    assert_eq!(run.outputs["sarif-file"], "my infra/tfward.sarif");

    let file = "my infra/cdktf.out/stacks/TapStack/cdk.tf.json";
    let annotations = annotations(&run.stdout);
    assert_eq!(annotations.len(), 1, "{}", run.stdout);
    assert_eq!(annotations[0].1["file"], file);

    let sarif = assert_valid_sarif(&repo.join("my infra/tfward.sarif"));
    let have_jq = Command::new("jq").arg("--version").output().is_ok();
    if have_jq {
        assert_eq!(
            sarif_uris(&sarif),
            ["my%20infra/cdktf.out/stacks/TapStack/cdk.tf.json"]
        );
    } else {
        // Documented fallback: the URIs stay relative to the working directory, with a warning.
        eprintln!("jq is not installed: checking the fallback of action-run.sh");
        assert_eq!(
            sarif_uris(&sarif),
            ["cdktf.out/stacks/TapStack/cdk.tf.json"]
        );
        assert!(run.stdout.contains("jq is needed"), "{}", run.stdout);
    }

    // A path that leaves the working directory and comes back is folded.
    let run = run_action(
        &repo.join("my infra"),
        &repo,
        tmp.path(),
        &[
            ("paths", "'../my infra/cdktf.out'"),
            ("sarif-file", "../out/x.sarif"),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.outputs["sarif-file"], "out/x.sarif");
    assert!(repo.join("out/x.sarif").is_file());
    assert_eq!(self::annotations(&run.stdout)[0].1["file"], file);
}

/// A plan checked where its configuration is: annotations land on the .tf
/// line (`source: auto`), and on the plan with `source: none`.
#[test]
fn a_plan_is_checked_with_the_configuration_beside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    let case = root().join("testdata/rules/backup-selection-empty/fires-story");
    copy_dir(&case.join("hcl"), &repo.join("infra"));
    std::fs::copy(case.join("plan.json"), repo.join("infra/plan.json")).unwrap();
    let expected = read(&case.join("expected.txt"));
    let run = run_action(
        &repo,
        &repo,
        tmp.path(),
        &[("working-directory", "infra"), ("paths", "plan.json")],
    );
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let found = annotations(&run.stdout);
    assert!(!found.is_empty(), "{}", run.stdout);
    for (_, props, _) in &found {
        let file = props["file"].strip_prefix("infra/").expect("in infra/");
        let place = format!(" hcl/{file}:{} ", props["line"]);
        assert!(
            expected.contains(&place),
            "{place} is not a line of {expected}"
        );
    }
    let run = run_action(
        &repo,
        &repo,
        tmp.path(),
        &[
            ("working-directory", "infra"),
            ("paths", "plan.json"),
            ("source", "none"),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        annotations(&run.stdout)
            .iter()
            .all(|(_, props, _)| props["file"] == "infra/plan.json"),
        "{}",
        run.stdout
    );
    // A configuration tfward cannot read: a notice, and the plan checked alone.
    std::fs::write(
        repo.join("infra/broken.tf"),
        "resource \"aws_sqs_queue\" {\n",
    )
    .unwrap();
    let run = run_action(
        &repo,
        &repo,
        tmp.path(),
        &[("working-directory", "infra"), ("paths", "plan.json")],
    );
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("::notice title=tfward action::")
                && l.contains("checked without --source")),
        "{}",
        run.stdout
    );
    let found = annotations(&run.stdout);
    assert!(!found.is_empty(), "{}", run.stdout);
    assert!(
        found
            .iter()
            .all(|(_, props, _)| props.get("file").map(String::as_str) == Some("infra/plan.json")),
        "{}",
        run.stdout
    );
}

// ---------------------------------------------------------------- the pull-request comment

#[test]
fn the_run_step_keeps_the_markdown_report_with_the_map_for_the_comment() {
    let (_tmp, _, run) = run_in_repo(&[("paths", BACKUP_STORY), ("pr-comment", "TRUE")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.outputs["pr-comment"], "true");
    let report = std::fs::read_to_string(&run.outputs["markdown-file"]).expect("markdown-file");
    assert!(report.starts_with("### tfward"), "{report}");
    assert!(report.contains("```mermaid"), "{report}");
    assert!(
        run.summary.contains("```mermaid"),
        "the job summary has the map"
    );

    let (_tmp, _, run) = run_in_repo(&[("paths", BACKUP_STORY), ("pr-comment", "yes")]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("pr-comment must be true or false"),
        "{}",
        run.stderr
    );
}

/// Runs scripts/action-comment.sh with a fake `gh` that answers the comment
/// listing with `existing` ids and records every call (and the body it was given).
fn run_comment(existing: &str) -> (i32, String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let log = tmp.path().join("gh.log");
    let fake = format!(
        r#"#!/usr/bin/env bash
printf 'gh %s\n' "$*" >>'{log}'
for arg in "$@"; do
  case $arg in body=@*) printf 'BODY<<\n%s\n>>BODY\n' "$(cat "${{arg#body=@}}")" >>'{log}' ;; esac
done
case "$*" in *--paginate*) printf '%s' '{existing}' ;; esac
"#,
        log = log.display()
    );
    std::fs::write(bin.join("gh"), fake).unwrap();
    std::fs::set_permissions(
        bin.join("gh"),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let report = tmp.path().join("report.md");
    std::fs::write(&report, "### tfward\n\n**1 finding**\n").unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let out = Command::new("bash")
        .arg(root().join("scripts/action-comment.sh"))
        .env("PATH", path)
        .env("TFWARD_REPORT", &report)
        .env("TFWARD_REPOSITORY", "octo/infra")
        .env("TFWARD_PULL_REQUEST", "7")
        .env("RUNNER_TEMP", tmp.path())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        std::fs::read_to_string(&log).unwrap_or_default(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_comment_step_creates_one_comment_then_updates_it() {
    let (code, log, err) = run_comment("");
    assert_eq!(code, 0, "{err}");
    assert!(
        log.contains("gh api --paginate repos/octo/infra/issues/7/comments --jq"),
        "{log}"
    );
    assert!(
        log.contains("gh api --method POST repos/octo/infra/issues/7/comments -F body=@"),
        "{log}"
    );
    assert!(
        log.contains("BODY<<\n<!-- tfward -->\n### tfward\n"),
        "{log}"
    );
    assert!(!log.contains("PATCH"), "{log}");

    let (code, log, err) = run_comment("1234\n5678\n");
    assert_eq!(code, 0, "{err}");
    assert!(
        log.contains("gh api --method PATCH repos/octo/infra/issues/comments/1234 -F body=@"),
        "{log}"
    );
    assert!(!log.contains("POST") && !log.contains("5678"), "{log}");

    let step = steps(&action())
        .iter()
        .find(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("action-comment.sh"))
        })
        .cloned()
        .expect("a comment step");
    let condition = step["if"].as_str().unwrap();
    for part in [
        "!cancelled()",
        "steps.run.outputs.pr-comment == 'true'",
        "github.event.pull_request.number",
    ] {
        assert!(condition.contains(part), "{condition}");
    }
    assert_eq!(step["env"]["GH_TOKEN"], "${{ github.token }}");
}

// ---------------------------------------------------------------- the workflow example

#[test]
fn example_workflow_uploads_the_actions_sarif() {
    let workflow = load_yaml("examples/github-workflow.yml");
    assert_eq!(workflow["permissions"]["security-events"], "write");
    let jobs = workflow["jobs"].as_object().expect("jobs");
    let mut uploads = 0;
    for (name, job) in jobs {
        let steps = job["steps"].as_array().expect("steps");
        let tfward = steps
            .iter()
            .find(|s| {
                s["uses"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("tfward/tfward@"))
            })
            .unwrap_or_else(|| panic!("job {name} uses the action"));
        let id = tfward["id"].as_str().expect("the action step has an id");
        for step in steps {
            if step["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@v3"))
            {
                uploads += 1;
                let sarif_file = step["with"]["sarif_file"].as_str().expect("sarif_file");
                assert!(
                    sarif_file.starts_with(&format!("${{{{ steps.{id}.outputs.sarif-file ")),
                    "{sarif_file}"
                );
                let condition = step["if"].as_str().expect("upload-sarif has an if");
                assert!(condition.contains("!cancelled()"), "{condition}");
            }
            if let Some(run) = step["run"].as_str() {
                assert!(!run.contains("${{"), "an expression in a run line: {run}");
            }
        }
    }
    assert_eq!(uploads, jobs.len());
}

// ---------------------------------------------------------------- the install step

/// A release folder served on a loopback port, as GitHub serves release
/// assets: `GET /<tag>/<asset>` answers the file, anything else 404. Counts
/// the requests. The thread lives as long as the test binary.
struct Releases {
    url: String,
    requests: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

fn serve(dir: &Path) -> Releases {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let requests = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (dir, counter) = (dir.to_path_buf(), requests.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            loop {
                let mut header = String::new();
                match reader.read_line(&mut header) {
                    Ok(n) if n > 2 => continue,
                    _ => break,
                }
            }
            let path = request.split(' ').nth(1).unwrap_or("/");
            let file = dir.join(path.trim_start_matches('/'));
            let body = (!path.contains(".."))
                .then(|| std::fs::read(&file).ok())
                .flatten();
            let mut stream = &stream;
            let _ = match body {
                Some(body) => stream
                    .write_all(
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        )
                        .as_bytes(),
                    )
                    .and_then(|()| stream.write_all(&body)),
                None => stream.write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                ),
            };
        }
    });
    Releases { url, requests }
}

impl Releases {
    fn requests(&self) -> usize {
        self.requests.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// The release `v<version>` of `binary` for Linux x86_64 in `dir`, made by
/// scripts/dist.sh as the release workflow makes it (archive and SHA256SUMS).
fn release_of(binary: &Path, dir: &Path) -> PathBuf {
    release_for("x86_64-unknown-linux-gnu", binary, dir)
}

/// The same for the Rust target `target` (a `.zip` holding `tfward.exe` for Windows).
fn release_for(target: &str, binary: &Path, dir: &Path) -> PathBuf {
    let tag_dir = dir.join(format!("v{}", env!("CARGO_PKG_VERSION")));
    let out = Command::new("bash")
        .arg(root().join("scripts/dist.sh"))
        .arg("--binary")
        .arg(binary)
        .args(["--target", target, "--no-npm", "--out"])
        .arg(&tag_dir)
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tag_dir
}

struct Install {
    code: i32,
    stdout: String,
    outputs: HashMap<String, String>,
}

/// Runs the action's install step (scripts/action-install.sh) on a Linux x86_64
/// runner, with the action checked out at `action_path`.
fn run_install(action_path: &Path, temp: &Path, env: &[(&str, &str)]) -> Install {
    let output_file = temp.join("install_output");
    let mut cmd = Command::new("bash");
    cmd.arg(root().join("scripts/action-install.sh"));
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("GITHUB_") || name.starts_with("TFWARD_") || name.starts_with("RUNNER_")
        {
            cmd.env_remove(name.as_ref());
        }
    }
    cmd.env("GITHUB_ACTION_PATH", action_path)
        .env("GITHUB_OUTPUT", &output_file)
        .env("RUNNER_TEMP", temp)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64");
    for (name, value) in env {
        cmd.env(name, value);
    }
    let out = cmd.output().expect("bash");
    let outputs = std::fs::read_to_string(&output_file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Install {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        outputs,
    }
}

fn release_tag() -> String {
    format!("v{}", env!("CARGO_PKG_VERSION"))
}

/// The install step of the action at the release tag of this version, its
/// releases served at `url`, with `extra` environment.
fn install_at_release_tag(runner_temp: &Path, url: &str, extra: &[(&str, &str)]) -> Install {
    let tag = release_tag();
    let mut env = vec![
        ("TFWARD_ACTION_REF", tag.as_str()),
        ("TFWARD_RELEASE_URL", url),
    ];
    env.extend_from_slice(extra);
    run_install(root(), runner_temp, &env)
}

/// The action at a release tag downloads that release's archive, checks its
/// SHA-256, and the run step runs that binary once for every report.
#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn a_release_tag_downloads_verifies_and_runs_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (wrapper, calls) = counting_wrapper(tmp.path());
    let releases = tmp.path().join("releases");
    release_of(&wrapper, &releases);
    let server = serve(&releases);
    let runner_temp = tmp.path().join("runner");
    std::fs::create_dir(&runner_temp).expect("mkdir");

    let install = install_at_release_tag(&runner_temp, &server.url, &[]);
    assert_eq!(install.code, 0, "{}", install.stdout);
    assert_eq!(install.outputs["build"], "false");
    let bin = PathBuf::from(&install.outputs["bin"]);
    assert!(bin.starts_with(&runner_temp), "{}", bin.display());
    assert!(install.stdout.contains("SHA-256"), "{}", install.stdout);
    assert_eq!(server.requests(), 2, "SHA256SUMS and the archive");
    assert_eq!(checks(&calls), 0, "nothing ran while installing");

    one_check_writes_every_report(&bin, &calls, &runner_temp);
}

/// A sums file that does not match the archive stops the step with one clear
/// error before anything runs; the archive is not unpacked.
#[test]
fn a_tampered_release_stops_before_running() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (wrapper, calls) = counting_wrapper(tmp.path());
    let releases = tmp.path().join("releases");
    let tag_dir = release_of(&wrapper, &releases);
    let sums = tag_dir.join("SHA256SUMS");
    let real = std::fs::read_to_string(&sums).expect("sums");
    let (sum, name) = real
        .lines()
        .next()
        .and_then(|l| l.split_once("  "))
        .expect("a sum line");
    let forged: String = sum.chars().rev().collect();
    std::fs::write(&sums, format!("{forged}  {name}\n")).expect("write");
    let server = serve(&releases);
    let runner_temp = tmp.path().join("runner");
    std::fs::create_dir(&runner_temp).expect("mkdir");

    let install = install_at_release_tag(&runner_temp, &server.url, &[]);
    assert_eq!(install.code, 2, "{}", install.stdout);
    assert_eq!(
        install.stdout.trim(),
        format!(
            "::error title=tfward action::SHA-256 mismatch for {name}: SHA256SUMS says {forged}, the download is {sum}; not running it"
        )
    );
    assert!(
        !install.outputs.contains_key("bin"),
        "{:?}",
        install.outputs
    );
    assert_eq!(checks(&calls), 0);
    let unpacked = walk(&runner_temp)
        .into_iter()
        .any(|p| p.ends_with("tfward"));
    assert!(!unpacked, "nothing unpacked");

    // A sums file without the archive's line is refused the same way.
    std::fs::write(&sums, format!("{sum}  some-other-file.tar.gz\n")).expect("write");
    let install = install_at_release_tag(&runner_temp, &server.url, &[]);
    assert_eq!(install.code, 2);
    assert!(
        install.stdout.contains("has no single line for"),
        "{}",
        install.stdout
    );
    assert_eq!(checks(&calls), 0);
}

/// Each runner downloads its own platform's archive: the Windows `.zip` with
/// `tfward.exe`, the macOS and Linux arm64 `.tar.gz`; a runner with no release
/// binary (Linux on 32-bit ARM) builds from source without asking.
#[test]
fn each_runner_takes_its_platforms_archive() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (wrapper, _calls) = counting_wrapper(tmp.path());
    for (os, arch, target, executable) in [
        ("Windows", "X64", "x86_64-pc-windows-msvc", "tfward.exe"),
        ("macOS", "ARM64", "aarch64-apple-darwin", "tfward"),
        ("macOS", "X64", "x86_64-apple-darwin", "tfward"),
        ("Linux", "ARM64", "aarch64-unknown-linux-gnu", "tfward"),
    ] {
        let releases = tmp.path().join(target);
        let tag_dir = release_for(target, &wrapper, &releases);
        let archive = if os == "Windows" { "zip" } else { "tar.gz" };
        let name = format!("tfward-{}-{target}", env!("CARGO_PKG_VERSION"));
        assert!(
            tag_dir.join(format!("{name}.{archive}")).is_file(),
            "{target}"
        );
        let server = serve(&releases);
        let temp = tempfile::tempdir_in(tmp.path()).expect("tempdir");
        let install = install_at_release_tag(
            temp.path(),
            &server.url,
            &[("RUNNER_OS", os), ("RUNNER_ARCH", arch)],
        );
        assert_eq!(install.code, 0, "{target}: {}", install.stdout);
        assert_eq!(install.outputs["build"], "false", "{target}");
        let bin = PathBuf::from(&install.outputs["bin"]);
        assert!(
            bin.ends_with(format!("{name}/{executable}")),
            "{}",
            bin.display()
        );
        assert_eq!(
            std::fs::read(&bin).expect("the unpacked binary"),
            std::fs::read(&wrapper).expect("the packed one"),
            "{target}"
        );
    }

    let server = serve(tmp.path());
    let temp = tempfile::tempdir_in(tmp.path()).expect("tempdir");
    let install = install_at_release_tag(temp.path(), &server.url, &[("RUNNER_ARCH", "ARM")]);
    assert_eq!(install.outputs["build"], "true", "{}", install.stdout);
    assert!(
        install.stdout.contains("No release binary for Linux/ARM"),
        "{}",
        install.stdout
    );
    assert_eq!(server.requests(), 0);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        }
        found.push(path);
    }
    found
}

/// Only a release tag downloads: a branch or commit builds from source
/// without asking the server anything; a tag with no release (404) and a
/// moving major tag are told apart; the ref is also read off the action's
/// path when the runner leaves it empty.
#[test]
fn which_refs_download_a_release() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (wrapper, _calls) = counting_wrapper(tmp.path());
    let releases = tmp.path().join("releases");
    release_of(&wrapper, &releases);
    let server = serve(&releases);
    let version = env!("CARGO_PKG_VERSION");
    let major = format!("v{}", version.split('.').next().expect("major"));

    let install = |action_path: &Path, env: &[(&str, &str)]| {
        let temp = tempfile::tempdir_in(tmp.path()).expect("tempdir");
        let mut all = vec![("TFWARD_RELEASE_URL", server.url.as_str())];
        all.extend_from_slice(env);
        let install = run_install(action_path, temp.path(), &all);
        assert_eq!(install.code, 0, "{}", install.stdout);
        (install.outputs["build"].clone(), install.stdout)
    };

    for branch in [
        "main",
        "feature/x",
        "0123456789abcdef0123456789abcdef01234567",
        "v9.9.9",
    ] {
        let before = server.requests();
        let (build, stdout) = install(root(), &[("TFWARD_ACTION_REF", branch)]);
        assert_eq!(build, "true", "{branch}: {stdout}");
        assert!(stdout.contains("building tfward from source"), "{stdout}");
        assert_eq!(server.requests(), before, "{branch} asked the server");
    }
    let (build, stdout) = install(root(), &[]);
    assert_eq!(build, "true", "a local checkout: {stdout}");

    let (build, stdout) = install(root(), &[("TFWARD_ACTION_REF", &major)]);
    assert_eq!(build, "false", "{major}: {stdout}");

    // A release tag the server has no release for: built, after one request.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    let nothing = serve(&empty);
    let temp = tempfile::tempdir_in(tmp.path()).expect("tempdir");
    let missing = install_at_release_tag(temp.path(), &nothing.url, &[]);
    assert_eq!(missing.code, 0, "{}", missing.stdout);
    assert_eq!(missing.outputs["build"], "true");
    assert!(
        missing.stdout.contains("has no release"),
        "{}",
        missing.stdout
    );
    assert_eq!(nothing.requests(), 1);

    // The runner's path for `uses: tfward/tfward@v<version>`.
    let action = tmp
        .path()
        .join(format!("_actions/tfward/tfward/{}", release_tag()));
    std::fs::create_dir_all(&action).expect("mkdir");
    for file in ["Cargo.toml", "Cargo.lock"] {
        std::fs::copy(root().join(file), action.join(file)).expect("copy");
    }
    let (build, stdout) = install(&action, &[]);
    assert_eq!(build, "false", "the ref from the action's path: {stdout}");
}

// ---------------------------------------------------------------- pre-commit

#[test]
fn pre_commit_hooks() {
    let hooks = load_yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().expect("a list of hooks");
    let hook = |id: &str| {
        hooks
            .iter()
            .find(|h| h["id"] == id)
            .unwrap_or_else(|| panic!("hook {id}"))
            .clone()
    };
    for hook in hooks {
        for key in ["id", "name", "entry", "language"] {
            assert!(hook[key].is_string(), "{key} of {hook}");
        }
        assert_eq!(hook["language"], "python");
        assert_eq!(hook["entry"], "tfward check");
    }
    // pre-commit matches `files` with Python's re.search; these patterns mean
    // the same in the regex crate.
    let matches = |hook: &Value, path: &str| {
        let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
        let excluded = hook["exclude"]
            .as_str()
            .is_some_and(|e| regex::Regex::new(e).unwrap().is_match(path));
        files.is_match(path) && !excluded
    };

    // The paths a hook's `files` takes, and those it leaves.
    let takes = |hook: &Value, yes: &[&str], no: &[&str]| {
        for path in yes {
            assert!(matches(hook, path), "{} should take {path}", hook["id"]);
        }
        for path in no {
            assert!(!matches(hook, path), "{} should leave {path}", hook["id"]);
        }
    };

    let config = hook("tfward");
    assert_eq!(config["pass_filenames"], false);
    assert_eq!(config["args"], json!(["."]));
    takes(
        &config,
        &[
            "main.tf",
            "infra/prod/network.tf.json",
            "prod.tfvars",
            "x.auto.tfvars.json",
        ],
        &[
            "plan.json",
            "main.tf.bak",
            "infra/.terraform/modules/vpc/main.tf",
            "state.tfstate",
        ],
    );

    let plan = hook("tfward-plan");
    assert_eq!(plan["pass_filenames"], true);
    takes(
        &plan,
        &["plan.json", "infra/tfplan.json"],
        &["myplan.json", "plan.json.bak", "package.json"],
    );

    let templates = hook("tfward-cloudformation");
    assert_eq!(templates["pass_filenames"], true);
    takes(
        &templates,
        &[
            "template.yaml",
            "infra/network-template.yml",
            "stacks/app.cfn.json",
            "cloudformation/vpc-cloudformation.yaml",
        ],
        &[
            ".github/workflows/ci.yml",
            "docker-compose.yaml",
            "package.json",
            "template.yaml.bak",
        ],
    );

    let cdk = hook("tfward-cdk");
    assert_eq!(cdk["pass_filenames"], false);
    assert_eq!(cdk["args"], json!(["cdk.out"]));
    takes(
        &cdk,
        &["cdk.json", "app/cdk.out/manifest.json"],
        &["package.json"],
    );

    // And tfward takes each hook's command line.
    for (args, dir) in [
        (
            vec![
                "check",
                "testdata/differential/c13-override-files/plan.json",
            ],
            root().to_path_buf(),
        ),
        (
            vec![
                "check",
                "testdata/rules/kms-key-rotation/fires-cfn-rotation-off/cfn/template.yaml",
            ],
            root().to_path_buf(),
        ),
        (
            vec!["check", "cdk.out"],
            root().join("examples/cdk-two-region"),
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_tfward"))
            .args(&args)
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
