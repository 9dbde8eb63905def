//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use tfward::model::{Model, Resource};

/// The resource at `address`, or a panic that lists what the model has.
#[allow(dead_code)] // not every test file looks resources up
pub fn resource<'m>(model: &'m Model, address: &str) -> &'m Resource {
    model
        .resources
        .iter()
        .find(|r| r.address == address)
        .unwrap_or_else(|| {
            let all: Vec<&str> = model.resources.iter().map(|r| r.address.as_str()).collect();
            panic!("no {address} in {}; have {all:?}", model.source.display())
        })
}

/// A plan of `resources` resources from `../shared/bench/gen_plan.py` (seed 1), written in `dir`.
#[allow(dead_code)] // not every test file generates plans
pub fn generate_plan(dir: &Path, resources: usize) -> PathBuf {
    let plan = dir.join("plan.json");
    let status = std::process::Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_plan.py"))
        .args([
            "--resources",
            &resources.to_string(),
            "--seed",
            "1",
            "--out",
        ])
        .arg(&plan)
        .status()
        .expect("python3");
    assert!(status.success(), "gen_plan.py failed");
    plan
}

/// Every plan of the public corpus (`../shared/corpus/plans`), sorted.
#[allow(dead_code)] // not every test file reads the corpus
pub fn corpus_plans() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/plans");
    let mut files: Vec<PathBuf> = glob::glob(&format!("{}/**/*.json", root.display()))
        .expect("glob pattern")
        .map(|p| p.expect("readable path"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 142, "MANIFEST.md lists 142 files");
    files
}

/// What a rule fixture's input form loads, and with which options: the
/// template inside a `cfn/` form, checked in the regions the case's
/// `region.txt` names (one a line, as `--region` each); the synthesized
/// `cdk.out` inside a `cdk/` form (its stacks carry their regions); any other
/// form as it is.
#[allow(dead_code)] // only the tests that walk rule fixtures
pub fn form_input(case: &Path, input: &Path) -> (PathBuf, tfward::load::LoadOptions) {
    let mut opts = tfward::load::LoadOptions::default();
    if input.is_dir() && input.file_name().is_some_and(|n| n == "cdk") {
        let out = input.join("cdk.out");
        assert!(
            out.join("manifest.json").is_file(),
            "{}: no cdk.out/manifest.json (run scripts/synth-cdk-fixtures.sh)",
            input.display()
        );
        return (out, opts);
    }
    if input.file_name().is_none_or(|n| n != "cfn") || !input.is_dir() {
        return (input.to_path_buf(), opts);
    }
    let template = ["template.yaml", "template.json"]
        .iter()
        .map(|name| input.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{}: no template.yaml or template.json", input.display()));
    if let Ok(text) = std::fs::read_to_string(case.join("region.txt")) {
        opts.template.regions = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
    }
    (template, opts)
}
