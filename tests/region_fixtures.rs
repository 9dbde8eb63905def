//! Every region fixture in `testdata/region/` and `testdata/cdktf/` gives the
//! expected provider and region for every resource (`address<TAB>provider<TAB>region`
//! lines, sorted), in every input form it exists in (HCL, Terraform JSON, real
//! plan, CDKTF synth output).
//!
//! All forms of a region case must agree: `expected.txt` holds the HCL form's
//! lines, and the Terraform JSON and plan forms are compared with it, except that
//! a hand-made `expected-plan.txt` (with a `#` line saying why) holds the plan's.
//! `make bless` (`TFWARD_BLESS=1`) rewrites `expected.txt` and an existing
//! `expected-plan.txt`; forms that disagree still fail, as that needs a decision.

mod golden;

use golden::Outcome;
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

/// Compares `got` with the lines `want` of another form's file (never blessed:
/// a disagreement between forms needs a decision, not a rewrite).
fn agree(label: &str, want: &[String], got: &[String]) -> Option<String> {
    (want != got).then(|| format!("{label}\n{}", golden::diff(want, got)))
}

/// The expected lines after a golden check, or the failure recorded.
fn compared(outcome: Outcome, failures: &mut Vec<String>) -> Option<Vec<String>> {
    match outcome {
        Outcome::Same(e) | Outcome::Written(e) => Some(e.lines),
        Outcome::Failed(why) => {
            failures.push(why);
            None
        }
    }
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
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let opts = options(&case);
        let load = |form: &str| {
            let models = load_path(&case.join(form), &opts).unwrap_or_else(|e| panic!("{e}"));
            lines(&models, false)
        };
        checked += 1;
        let label = format!("testdata/region/{name}/expected.txt");
        let outcome = golden::check(&case.join("expected.txt"), &label, &load("hcl"));
        let Some(want) = compared(outcome, &mut failures) else {
            continue;
        };
        assert!(!want.is_empty(), "{label}: empty");
        if case.join("tfjson").is_dir() {
            checked += 1;
            failures.extend(agree(&format!("{label} [tfjson]"), &want, &load("tfjson")));
        }
        let plan = case.join("plan.json");
        if plan.is_file() {
            checked += 1;
            let models =
                load_path(&plan, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
            let got = lines(&models, false);
            let plan_expected = case.join("expected-plan.txt");
            if plan_expected.is_file() {
                let label = format!("testdata/region/{name}/expected-plan.txt");
                compared(golden::check(&plan_expected, &label, &got), &mut failures);
            } else {
                failures.extend(agree(&format!("{label} [plan]"), &want, &got));
            }
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
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let models = load_path(&case.join("cdktf.out"), &LoadOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let label = format!("testdata/cdktf/{name}/expected.txt");
        let outcome = golden::check(&case.join("expected.txt"), &label, &lines(&models, true));
        if let Some(want) = compared(outcome, &mut failures) {
            assert!(!want.is_empty(), "{label}: empty");
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// Every HCL region fixture also exists as a real plan, and both forms agree
/// (`opentofu-provider-for-each`: an OpenTofu-shaped one, as its README says).
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

/// OpenTofu provider `for_each`: the rule fixture's module instances each land
/// in their own provider instance's region, all three resolved.
#[test]
fn provider_for_each_instances_resolve_per_module_instance() {
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "testdata/rules/kms-cross-region-reference/fires-provider-for-each-key-from-other-instance/hcl",
    );
    let models = load_path(&case, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        lines(&models, false),
        [
            "aws_kms_key.shared\taws.cell[\"tokyo\"]\tap-northeast-1",
            "module.cell[\"oregon\"].aws_cloudwatch_log_group.this\taws.cell[\"oregon\"]\tus-west-2",
            "module.cell[\"paris\"].aws_cloudwatch_log_group.this\taws.cell[\"paris\"]\teu-west-3",
            "module.cell[\"tokyo\"].aws_cloudwatch_log_group.this\taws.cell[\"tokyo\"]\tap-northeast-1",
        ]
    );
}
