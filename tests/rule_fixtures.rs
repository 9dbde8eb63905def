//! Every rule against its fixtures in `testdata/rules/<rule-id>/<case>/`:
//! `fires-*` cases must produce exactly the findings in `expected.txt`
//! (`<rule-id><TAB><address>` lines), `clean-*` cases none. Each case is
//! checked in every form it has: `hcl/`, `plan.json` (a real plan of `hcl/`),
//! `tfjson/` and `cdktf/` (a `cdk.tf.json` or `cdktf.out`). Only the rule
//! under test runs; `policy.hcl` in the case is loaded on top of the default.

use std::path::{Path, PathBuf};
use tfward::load::{LoadOptions, load_path};
use tfward::policy::Policy;
use tfward::rules::{self, RULES};

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

fn expected(path: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| l.trim_end_matches(['\r', ' ']))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    lines.sort();
    Some(lines)
}

fn run(rule_id: &str, input: &Path, policy: &Policy) -> Result<Vec<String>, String> {
    let selected = rules::select(&[rule_id.to_string()], &[], false)?;
    let models = load_path(input, &LoadOptions::default()).map_err(|e| e.to_string())?;
    let mut lines: Vec<String> = models
        .iter()
        .flat_map(|m| rules::run(m, policy, &selected))
        .map(|f| format!("{}\t{}", f.rule, f.address))
        .collect();
    lines.sort();
    Ok(lines)
}

#[test]
fn rule_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in RULES {
        let id = rule.meta.id;
        for case in case_dirs(&root.join(id)) {
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
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
            let Some(want) = expected(&case.join("expected.txt")) else {
                failures.push(format!("{id}/{name}: no expected.txt"));
                continue;
            };
            if name.starts_with("clean-") && !want.is_empty() {
                failures.push(format!("{id}/{name}: a clean case expects findings"));
            }
            if name.starts_with("fires-") && want.is_empty() {
                failures.push(format!("{id}/{name}: a fires case expects no finding"));
            }
            let forms: Vec<(&str, PathBuf)> = [
                ("hcl", "hcl"),
                ("plan", "plan.json"),
                ("tfjson", "tfjson"),
                ("cdktf", "cdktf"),
            ]
            .into_iter()
            .map(|(f, p)| (f, case.join(p)))
            .filter(|(_, p)| p.exists())
            .collect();
            if forms.is_empty() {
                failures.push(format!("{id}/{name}: no input form"));
            }
            for (form, input) in forms {
                let want = match (form, expected(&case.join("expected-plan.txt"))) {
                    ("plan", Some(plan_want)) => plan_want,
                    _ => want.clone(),
                };
                checked += 1;
                match run(id, &input, &policy) {
                    Ok(got) if got == want => {}
                    Ok(got) => failures.push(format!(
                        "{id}/{name} [{form}]\n    expected: {want:?}\n    got:      {got:?}"
                    )),
                    Err(e) => failures.push(format!("{id}/{name} [{form}]: {e}")),
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} fixture runs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
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
