//! Every rule against its fixtures in `testdata/rules/<rule-id>/<case>/`, in
//! every input form the case has, each form with its own expected file:
//!
//! | form                                        | expected file         |
//! |---------------------------------------------|-----------------------|
//! | `hcl/`                                      | `expected.txt`        |
//! | `plan.json` (a real plan of `hcl/`)         | `expected-plan.txt`   |
//! | `tfjson/`                                   | `expected-tfjson.txt` |
//! | `cdktf/` (a `cdk.tf.json` or `cdktf.out`)   | `expected-cdktf.txt`  |
//! | `cfn/` (a `template.yaml` or `template.json`) | `expected-cfn.txt`  |
//! | `cdk/` (`app.ts` and its synth, `cdk.out/`)  | `expected-cdk.txt`    |
//!
//! A CloudFormation template is checked in the regions `region.txt` in the
//! case names (one a line, as `--region` each), else with its region unknown.
//! An AWS CDK case is checked as its committed `cdk/cdk.out` (one app, every
//! stack in its environment's region), which `scripts/synth-cdk-fixtures.sh`
//! writes from `cdk/app.ts`: the tests never run npm.
//!
//! Only the rule under test runs; `policy.hcl` in the case is loaded on top of
//! the default. `today.txt` in the case (one `YYYY-MM-DD` line) fixes the day of
//! the check, as `TFWARD_TODAY` does for the command, so a rule reading dated
//! data (`lambda-runtime-deprecated`) keeps its meaning as time passes. An expected file pins what a user sees of each finding, one
//! finding per line in the order the reports sort them (file, line, rule,
//! address), each related resource on an indented line below it, as
//! `tfward check` prints them:
//!
//! ```text
//! <severity> <rule-id> <file>[:<line>][ (<construct path>)] <address>: <message>
//!     ↳ <role> <address> (<region>) <file>[:<line>]
//! ```
//!
//! Files are relative to the case folder (`hcl/main.tf:12`, `plan.json`,
//! `cdktf/cdktf.out/stacks/main/cdk.tf.json:40 (main/Backup/Plain)`); a finding
//! about the whole configuration has the address `configuration`; a suppressed
//! one ends with `[suppressed (<source>): <reason>]`.
//!
//! `make bless` (`TFWARD_BLESS=1`) writes the files instead of comparing and
//! removes those of forms a case no longer has; it keeps each file's leading
//! `#` lines. `clean-*` cases expect no finding and `fires-*` cases some, in
//! every form, unless that form's file says why not in a `#` line.

mod common;
mod golden;

use golden::Outcome;
use std::path::{Path, PathBuf};
use tfward::load::{load_path, with_source};
use tfward::output::escape_line;
use tfward::policy::Policy;
use tfward::rules::finding::Finding;
use tfward::rules::{self, RULES};

/// The input forms: (name, input path in the case, expected file).
const FORMS: [(&str, &str, &str); 6] = [
    ("hcl", "hcl", "expected.txt"),
    ("plan", "plan.json", "expected-plan.txt"),
    ("tfjson", "tfjson", "expected-tfjson.txt"),
    ("cdktf", "cdktf", "expected-cdktf.txt"),
    ("cfn", "cfn", "expected-cfn.txt"),
    ("cdk", "cdk", "expected-cdk.txt"),
];

fn case_dirs(rule_dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(rule_dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Every case of every rule, with the rule's id, in registry then name order.
fn all_cases() -> Vec<(&'static str, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    RULES
        .iter()
        .flat_map(|rule| {
            let id = rule.meta.id;
            case_dirs(&root.join(id))
                .into_iter()
                .map(move |case| (id, case))
        })
        .collect()
}

/// `path` relative to the case folder, so expected files hold no machine's paths.
fn shown(path: &Path, case: &Path) -> String {
    path.strip_prefix(case)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A finding as the lines of an expected file.
fn finding_lines(f: &Finding, case: &Path) -> Vec<String> {
    let mut place = shown(&f.location.file, case);
    if let Some(line) = f.location.line {
        place.push_str(&format!(":{line}"));
    }
    if let Some(path) = &f.location.construct_path {
        place.push_str(&format!(" ({path})"));
    }
    let address = if f.address.is_empty() {
        "configuration"
    } else {
        &f.address
    };
    let suppressed = f
        .suppressed
        .as_ref()
        .map_or(String::new(), |s| format!(" [{}]", s.describe()));
    let mut lines = vec![format!(
        "{} {} {place} {address}: {}{suppressed}",
        f.severity, f.rule, f.message
    )];
    for r in &f.related {
        let mut place = shown(&r.location.file, case);
        if let Some(line) = r.location.line {
            place.push_str(&format!(":{line}"));
        }
        lines.push(format!(
            "    ↳ {} {} ({}) {place}",
            r.role, r.address, r.region
        ));
    }
    lines
        .iter()
        .map(|l| escape_line(l.trim_end()).into_owned())
        .collect()
}

fn run(rule_id: &str, case: &Path, input: &Path, policy: &Policy) -> Result<Vec<String>, String> {
    run_with(rule_id, case, input, None, policy)
}

/// `run`, the plan `input` checked with its configuration `source` when given.
fn run_with(
    rule_id: &str,
    case: &Path,
    input: &Path,
    source: Option<&Path>,
    policy: &Policy,
) -> Result<Vec<String>, String> {
    let selected = rules::select(&[rule_id.to_string()], &[], false)?;
    let (input, opts) = common::form_input(case, input);
    let mut models = load_path(&input, &opts).map_err(|e| e.to_string())?;
    if let Some(dir) = source {
        models = with_source(models, dir, &opts).map_err(|e| e.to_string())?;
    }
    // A template checked in several regions: a finding repeated is kept once, as `check` does.
    let mut seen = std::collections::HashSet::new();
    let mut findings: Vec<Finding> = Vec::new();
    for m in &models {
        let cfn = m.kind == tfward::model::InputKind::CloudFormation;
        findings.extend(
            rules::run(m, policy, &selected)
                .into_iter()
                .filter(|f| !(cfn && rules::is_repeat(&mut seen, f))),
        );
    }
    // One model per CDKTF stack: the report sorts them together.
    rules::sort(&mut findings);
    Ok(findings
        .iter()
        .flat_map(|f| finding_lines(f, case))
        .collect())
}

fn policy(case: &Path) -> Policy {
    let mut policy = Policy::builtin();
    let policy_file = case.join("policy.hcl");
    if policy_file.is_file() {
        policy
            .load_file(
                &policy_file,
                tfward::text::bounded::Limits::default().file(),
                &rules::builtin_ids(),
            )
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let today_file = case.join("today.txt");
    if today_file.is_file() {
        let text = std::fs::read_to_string(&today_file).expect("today.txt");
        policy.today = tfward::policy::parse_day(text.trim())
            .unwrap_or_else(|| panic!("{}: not a YYYY-MM-DD day", today_file.display()));
    }
    policy
}

/// `expected*` files of a case that belong to no form (a typo would never be compared).
fn unknown_expected_files(case: &Path) -> impl Iterator<Item = String> {
    let names: Vec<String> = std::fs::read_dir(case)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names
        .into_iter()
        .filter(|n| n.starts_with("expected") && !FORMS.iter().any(|(_, _, file)| file == n))
}

#[test]
fn rule_fixtures() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (id, case) in all_cases() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let policy = policy(&case);
        let mut forms = 0;
        for (form, input, expected_file) in FORMS {
            let label = format!("{id}/{name}/{expected_file}");
            let expected_path = case.join(expected_file);
            let input = case.join(input);
            if !input.exists() {
                failures.extend(golden::check_absent(&expected_path, &label));
                continue;
            }
            forms += 1;
            checked += 1;
            let got = match run(id, &case, &input, &policy) {
                Ok(got) => got,
                Err(e) => {
                    failures.push(format!("{label} [{form}]: {e}"));
                    continue;
                }
            };
            failures.extend(
                got.iter()
                    .filter(|line| has_empty_list(line))
                    .map(|line| format!("{label} [{form}]: an empty list in `{line}`")),
            );
            let expected = match golden::check(&expected_path, &label, &got) {
                Outcome::Same(e) | Outcome::Written(e) => e,
                Outcome::Failed(why) => {
                    failures.push(why);
                    continue;
                }
            };
            // A form may differ from what the case's name promises only with a note saying why.
            if expected.header.is_empty() {
                if name.starts_with("clean-") && !expected.lines.is_empty() {
                    failures.push(format!("{label}: a clean case expects findings"));
                }
                if name.starts_with("fires-") && expected.lines.is_empty() {
                    failures.push(format!("{label}: a fires case expects no finding"));
                }
            }
        }
        if forms == 0 {
            failures.push(format!("{id}/{name}: no input form"));
        }
        failures.extend(
            unknown_expected_files(&case)
                .map(|f| format!("{id}/{name}/{f}: not the expected file of an input form")),
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} fixture runs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A message that prints an empty list: `()`, `( )`, `(, `, `, )`.
fn has_empty_list(line: &str) -> bool {
    ["()", "( )", "(, ", ", )"].iter().any(|p| line.contains(p))
}

#[test]
fn empty_lists_are_seen() {
    assert!(has_empty_list("lives in us-east-1 (): x"));
    assert!(has_empty_list("uses (`a`, )"));
    assert!(!has_empty_list("lives in us-east-1 (`a`, `b`): x"));
}

/// Every rule has fixtures that must fire and that must not; every fixture folder names a rule.
#[test]
fn every_rule_has_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    let mut problems = Vec::new();
    for rule in RULES {
        let cases = case_dirs(&root.join(rule.meta.id));
        let names: Vec<String> = cases
            .iter()
            .map(|c| c.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        if !names.iter().any(|n| n.starts_with("fires-")) {
            problems.push(format!("{}: no fires-* case", rule.meta.id));
        }
        if !names.iter().any(|n| n.starts_with("clean-")) {
            problems.push(format!("{}: no clean-* case", rule.meta.id));
        }
        for n in &names {
            if !(n.starts_with("fires-") || n.starts_with("clean-") || n.starts_with("regression-"))
            {
                problems.push(format!(
                    "{}/{n}: case names start with fires-, clean- or regression-",
                    rule.meta.id
                ));
            }
        }
    }
    for entry in std::fs::read_dir(&root).expect("testdata/rules") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if rules::find(&name).is_none() {
            problems.push(format!("testdata/rules/{name}: not a rule id"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What identifies a finding across forms: rule, address and place (`file:line`).
fn identity(line: &str) -> Option<(String, String, String)> {
    if line.starts_with(' ') || line.starts_with('#') {
        return None;
    }
    let mut words = line.split(' ');
    let (_severity, rule, place) = (words.next()?, words.next()?, words.next()?);
    // A construct path in parentheses follows the place in CDKTF form only.
    let address = words.next()?.trim_end_matches(':');
    // A finding about the whole configuration is placed at the input given.
    let place = if address == "configuration" {
        ""
    } else {
        place
    };
    Some((rule.to_string(), address.to_string(), place.to_string()))
}

/// The plan checked with the configuration it was made from reports what the
/// configuration alone reports, at the same `.tf` line; the plan alone
/// reports nothing the configuration does not (it may know less, and say so).
#[test]
fn plans_with_their_source_report_what_the_configuration_does() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (id, case) in all_cases() {
        let (plan, hcl) = (case.join("plan.json"), case.join("hcl"));
        if !plan.is_file() || !hcl.is_dir() {
            continue;
        }
        checked += 1;
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let policy = policy(&case);
        let ids = |lines: &[String]| -> Vec<(String, String, String)> {
            let mut ids: Vec<_> = lines.iter().filter_map(|l| identity(l)).collect();
            ids.sort();
            ids
        };
        let Ok(from_hcl) = run(id, &case, &hcl, &policy) else {
            continue;
        };
        let from_hcl = ids(&from_hcl);
        // A case where the plan knows more than the configuration alone
        // (variables given on terraform's command line) says so.
        let plan_knows_more = std::fs::read_to_string(case.join("expected-plan.txt"))
            .is_ok_and(|t| t.lines().any(|l| l.starts_with("# with --source:")));
        match run_with(id, &case, &plan, Some(&hcl), &policy) {
            Err(e) => failures.push(format!("{id}/{name} [plan --source]: {e}")),
            Ok(got) => {
                let got = ids(&got);
                if got != from_hcl && !plan_knows_more {
                    failures.push(format!(
                        "{id}/{name} [plan --source]: {got:?}\n    the configuration alone: {from_hcl:?}"
                    ));
                }
            }
        }
        // Without its source, a plan reports no (rule, address) the configuration does not.
        if let Ok(alone) = run(id, &case, &plan, &policy) {
            let known: Vec<(String, String)> = from_hcl
                .iter()
                .map(|(r, a, _)| (r.clone(), a.clone()))
                .collect();
            for (rule, address, _) in ids(&alone) {
                // Knowing less than the configuration is what region-unresolved reports.
                if rule != "region-unresolved" && !known.contains(&(rule.clone(), address.clone()))
                {
                    failures.push(format!(
                        "{id}/{name} [plan alone]: {rule} {address}, which the configuration does not report"
                    ));
                }
            }
        }
    }
    assert!(
        checked > 200,
        "only {checked} cases have a plan and its configuration"
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} plans disagree with their configuration:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A case written both as Terraform (`hcl/`) and as its CloudFormation
/// rendering (`cfn/`, the same resources in one template, in the region its
/// `region.txt` names) gets the same verdict: its rule reports as many
/// findings, suppressed ones too, on each. The expected files the main test
/// checks against real runs are what is compared.
#[test]
fn cloudformation_renderings_give_the_terraform_verdict() {
    let count = |case: &Path, file: &str, id: &str| -> Option<usize> {
        let text = std::fs::read_to_string(case.join(file)).ok()?;
        Some(
            text.lines()
                .filter(|l| l.split(' ').nth(1) == Some(id))
                .count(),
        )
    };
    let mut pairs = Vec::new();
    let mut failures = Vec::new();
    for (id, case) in all_cases() {
        if !case.join("hcl").is_dir() || !case.join("cfn").is_dir() {
            continue;
        }
        let name = case.file_name().unwrap_or_default().to_string_lossy();
        pairs.push(format!("{id}/{name}"));
        let terraform = count(&case, "expected.txt", id);
        let cloudformation = count(&case, "expected-cfn.txt", id);
        if terraform != cloudformation {
            failures.push(format!(
                "{id}/{name}: {terraform:?} findings from hcl/, {cloudformation:?} from cfn/"
            ));
        }
    }
    assert!(
        pairs.len() >= 5,
        "only {} cases have a CloudFormation rendering: {pairs:?}",
        pairs.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
