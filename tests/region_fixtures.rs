//! Every region fixture in `testdata/region/` and `testdata/cdktf/` gives the
//! expected provider and region for every resource, in every input form it
//! exists in (HCL, Terraform JSON, real plan, CDKTF synth output).

use std::path::{Path, PathBuf};
use tfward::load::{CliVar, LoadOptions, load_path};
use tfward::model::Model;

fn lines(models: &[Model], with_stack: bool) -> Vec<String> {
    let mut out: Vec<String> = models
        .iter()
        .flat_map(|m| {
            m.resources.iter().map(move |r| {
                let row = format!(
                    "{}\t{}\t{}",
                    r.address, r.placement.provider, r.placement.region
                );
                if with_stack {
                    format!("{}\t{row}", m.stack.as_deref().unwrap_or("-"))
                } else {
                    row
                }
            })
        })
        .collect();
    out.sort();
    out
}

fn expected(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    out.sort();
    out
}

/// `tfward-args`: one argument per line, `--var-file PATH` (relative to the case) and `--var NAME=VALUE`.
fn options(case: &Path) -> LoadOptions {
    let mut opts = LoadOptions::default();
    let Ok(text) = std::fs::read_to_string(case.join("tfward-args")) else {
        return opts;
    };
    let args: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut i = 0;
    while i < args.len() {
        let (flag, value) = match args[i].split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, v.to_string()),
            _ => {
                i += 1;
                (
                    args[i - 1],
                    args.get(i).map(|s| s.to_string()).expect("flag value"),
                )
            }
        };
        match flag {
            "--var-file" => opts.cli_vars.push(CliVar::File(case.join(value))),
            "--var" => {
                let (name, value) =
                    tfward::load::config::vars::parse_cli_var(&value).expect("NAME=VALUE");
                opts.cli_vars.push(CliVar::Var(name, value));
            }
            other => panic!("{}: unknown tfward-args flag {other}", case.display()),
        }
        i += 1;
    }
    opts
}

fn diff(form: &str, case: &Path, want: &[String], got: &[String]) -> Option<String> {
    if want == got {
        return None;
    }
    let missing: Vec<&String> = want.iter().filter(|l| !got.contains(l)).collect();
    let extra: Vec<&String> = got.iter().filter(|l| !want.contains(l)).collect();
    Some(format!(
        "{} [{form}]\n  expected but missing:\n    {}\n  produced but not expected:\n    {}",
        case.display(),
        missing
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n    "),
        extra
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n    ")
    ))
}

fn cases(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

#[test]
fn region_fixtures_in_every_form() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in cases("testdata/region") {
        let want = expected(&case.join("expected.txt"));
        assert!(!want.is_empty(), "{}: empty expected.txt", case.display());
        let opts = options(&case);
        for form in ["hcl", "tfjson"] {
            let dir = case.join(form);
            if !dir.is_dir() {
                continue;
            }
            let models = load_path(&dir, &opts).unwrap_or_else(|e| panic!("{e}"));
            failures.extend(diff(form, &case, &want, &lines(&models, false)));
            checked += 1;
        }
        let plan = case.join("plan.json");
        if plan.is_file() {
            let plan_expected = case.join("expected-plan.txt");
            let want = if plan_expected.is_file() {
                expected(&plan_expected)
            } else {
                want.clone()
            };
            let models =
                load_path(&plan, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
            failures.extend(diff("plan", &case, &want, &lines(&models, false)));
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} fixture forms found");
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn cdktf_synth_fixtures() {
    let mut failures = Vec::new();
    let all = cases("testdata/cdktf");
    assert!(!all.is_empty());
    for case in all {
        let want = expected(&case.join("expected.txt"));
        let models = load_path(&case.join("cdktf.out"), &LoadOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        failures.extend(diff("cdktf.out", &case, &want, &lines(&models, true)));
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// Every HCL region fixture also exists as a real plan, and both forms agree.
#[test]
fn every_hcl_fixture_has_a_plan_form() {
    for case in cases("testdata/region") {
        assert!(
            case.join("plan.json").is_file(),
            "{}: no plan.json (make it with ../shared/tools/real-plan.sh)",
            case.display()
        );
    }
}
