//! Every region fixture in `testdata/region/` and `testdata/cdktf/` gives the
//! expected provider and region for every resource (`address<TAB>provider<TAB>region`
//! lines, sorted), in every input form it exists in (HCL, Terraform JSON, real
//! plan, CDKTF synth output).
//!
//! All forms of a region case must agree: `expected.txt` holds the HCL form's
//! lines, and the Terraform JSON form and the plan checked with its
//! configuration (`--source`) are compared with it. The plan alone may know
//! less (a region it does not record is `unknown`, never another region); an
//! `expected-plan.txt` (with a `#` line saying why) pins what it knows.
//! `make bless` (`TFWARD_BLESS=1`) rewrites `expected.txt` and an existing
//! `expected-plan.txt`; forms that disagree still fail, as that needs a decision.

mod golden;

use golden::Outcome;
use std::path::{Path, PathBuf};
use tfward::load::{CliVar, LoadOptions, load_path, with_source};
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

/// The address of a `lines` row.
fn address(row: &str) -> &str {
    row.split('\t').next().unwrap_or(row)
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

/// `more` places the same resources as `less`, each in the same region, or
/// in a known one where `less` says `unknown`.
fn knows_no_less(label: &str, less: &[String], more: &[String]) -> Vec<String> {
    let mut failures = Vec::new();
    if less.len() != more.len() {
        failures.push(format!(
            "{label}: {} resources, against {}",
            more.len(),
            less.len()
        ));
    }
    let expected: Vec<String> = less
        .iter()
        .zip(more)
        .map(|(l, m)| {
            if l.ends_with("\tunknown") && address(l) == address(m) {
                m.clone()
            } else {
                l.clone()
            }
        })
        .collect();
    failures.extend(agree(label, &expected, more));
    failures
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
            checked += 2;
            let plain = LoadOptions::default();
            let models = load_path(&plan, &plain).unwrap_or_else(|e| panic!("{e}"));
            let alone = lines(&models, false);
            let with_source =
                with_source(models, &case.join("hcl"), &plain).unwrap_or_else(|e| panic!("{e}"));
            let got = lines(&with_source, false);
            // With its configuration, the plan places every resource as the
            // configuration does, or knows more (variables given to the plan).
            failures.extend(knows_no_less(
                &format!("{label} [plan --source]"),
                &want,
                &got,
            ));
            // Alone, what the plan knows may be pinned (with a `#` line saying why).
            let plan_expected = case.join("expected-plan.txt");
            if plan_expected.is_file() {
                let label = format!("testdata/region/{name}/expected-plan.txt");
                compared(golden::check(&plan_expected, &label, &alone), &mut failures);
            }
            // Alone, the plan may not know a region its configuration gives,
            // and then says `unknown`: never another region.
            failures.extend(knows_no_less(
                &format!("{label} [plan alone]"),
                &alone,
                &got,
            ));
        }
    }
    assert!(checked >= 20, "only {checked} fixture forms found");
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// The bar of `--source`: a real plan whose provider regions come from locals,
/// a conditional and a function resolves every region with its configuration,
/// and says `unknown` for each without it.
#[test]
fn a_plan_with_regions_from_locals_needs_its_source() {
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/region/plan-locals");
    let opts = LoadOptions::default();
    let alone = load_path(&case.join("plan.json"), &opts).unwrap_or_else(|e| panic!("{e}"));
    let rows = lines(&alone, false);
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r.ends_with("\tunknown")), "{rows:#?}");
    assert!(
        alone[0].notes.iter().any(|n| n.contains("--source DIR")),
        "{:?}",
        alone[0].notes
    );
    let merged = with_source(alone, &case.join("hcl"), &opts).unwrap_or_else(|e| panic!("{e}"));
    assert!(merged[0].notes.iter().all(|n| !n.contains("--source DIR")));
    let regions: Vec<String> = lines(&merged, false)
        .iter()
        .map(|r| r.rsplit('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(
        regions,
        [
            "ap-northeast-1",
            "us-east-2",
            "eu-central-1",
            "eu-west-1",
            "eu-west-1"
        ]
    );
    for res in &merged[0].resources {
        assert!(res.location.file.ends_with("main.tf") && res.location.line.is_some());
        assert!(
            res.placement.source.starts_with("configuration"),
            "{}",
            res.placement.source
        );
    }
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
