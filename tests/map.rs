//! `tfward map` as users run it: Mermaid, DOT and SVG on the CDKTF examples
//! and on generated multi-region plans, folding of large maps, and the
//! Markdown report that embeds the map.

mod common;

use assert_cmd::Command;
use std::path::PathBuf;
use tfward::policy::Policy;
use tfward::rules::context::Context;
use tfward::rules::wiring::{WireKind, is_rule_subject, wires};

fn tfward() -> Command {
    let mut cmd = Command::cargo_bin("tfward").expect("binary");
    cmd.env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(args: &[&str]) -> String {
    let out = tfward().args(args).output().expect("run");
    assert!(
        out.status.code() == Some(0),
        "tfward {args:?} exited {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

const CORPUS: &str = "../shared/corpus/cdktf/secure-infra-single-region";
const BACKUP_STORY: &str = "testdata/cdktf/backup-cross-region/cdktf.out";

/// The regions of gen_plan.py's providers as its plan alone tells them: the
/// backup region (eu-west-1) is `var.backup_region`, which a plan records
/// only as a reference, so it is `unknown` (tfward never guesses a region).
const GEN_REGIONS: &[&str] = &["ap-southeast-2", "eu-central-1", "us-east-1", "us-west-2"];

fn generate(resources: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let plan = common::generate_plan(dir.path(), resources);
    (dir, plan)
}

/// Mermaid node id of the node labelled `label` (its text up to a ` (` severity note).
fn mermaid_id<'a>(text: &'a str, label: &str) -> &'a str {
    let wanted = format!("[\"{label}");
    let line = text
        .lines()
        .find(|l| l.contains(&wanted))
        .unwrap_or_else(|| panic!("no node {label} in\n{text}"));
    line.trim().split('[').next().unwrap()
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn cdktf_corpus_mermaid_shows_the_region_the_keys_and_the_trail() {
    let m = run(&["map", CORPUS]);
    assert!(m.contains("\nflowchart LR\n"), "{m}");
    assert!(m.contains("subgraph R0[\"us-east-1 · 7\"]"), "{m}");
    let trail = mermaid_id(&m, "aws_cloudtrail.Main-CloudTrail");
    let key = mermaid_id(&m, "aws_kms_key.Main-KMS-Key");
    let bucket = mermaid_id(&m, "aws_s3_bucket.Log-Bucket");
    let db = mermaid_id(&m, "aws_db_instance.App-Database");
    for edge in [
        format!("{trail} -->|\"key\"| {key}"),
        format!("{trail} -->|\"logs\"| {bucket}"),
        format!("{db} -->|\"key\"| {key}"),
    ] {
        assert!(m.contains(&edge), "no {edge} in\n{m}");
    }
    // The trail and the key have findings (high): coloured so.
    assert!(m.contains(&format!("class {trail},{key} high")), "{m}");
    // One region, nothing crosses it.
    assert!(!m.contains("-.->") && !m.contains("linkStyle"), "{m}");
    // --all draws every resource (18), not only the wired ones.
    let all = run(&["map", CORPUS, "--all"]);
    assert!(all.contains("18 resources in"), "{all}");
    assert!(all.contains("aws_iam_role."), "{all}");
}

#[test]
fn backup_story_mermaid_draws_the_wiring_and_the_cross_region_selection() {
    let m = run(&["map", BACKUP_STORY, "--format", "mermaid"]);
    let sel = mermaid_id(&m, "aws_backup_selection.BackupSelection");
    let plan = mermaid_id(&m, "aws_backup_plan.BackupPlan");
    let vault = mermaid_id(&m, "aws_backup_vault.BackupVault");
    let vault_key = mermaid_id(&m, "aws_kms_key.Backup-KMS-Key");
    let db = mermaid_id(&m, "aws_db_instance.App-Database");
    assert!(m.contains("subgraph R0[\"us-east-1 · 4\"]"), "{m}");
    assert!(m.contains("subgraph R1[\"us-west-2 · 5\"]"), "{m}");
    for edge in [
        format!("{sel} -->|\"plan\"| {plan}"),
        format!("{plan} -->|\"vault\"| {vault}"),
        format!("{vault} -->|\"key\"| {vault_key}"),
        // The mistake: the selection picks data in another region.
        format!("{sel} -.->|\"selects · cross-region\"| {db}"),
    ] {
        assert!(m.contains(&edge), "no {edge} in\n{m}");
    }
    assert!(
        m.contains("linkStyle 4,5 stroke:#c026d3,stroke-width:3px"),
        "{m}"
    );
    assert!(m.contains(&format!("class {sel} high")), "{m}");
}

#[test]
fn backup_story_dot_has_a_cluster_per_region_and_dashed_crossings() {
    let d = run(&["map", BACKUP_STORY, "--format", "dot"]);
    assert!(d.starts_with("digraph tfward {"), "{d}");
    assert!(d.contains("subgraph \"cluster_us-east-1\" {"), "{d}");
    assert!(d.contains("subgraph \"cluster_us-west-2\" {"), "{d}");
    let crossing: Vec<&str> = d.lines().filter(|l| l.contains("style=dashed")).collect();
    assert_eq!(crossing.len(), 2, "{d}");
    assert!(
        crossing
            .iter()
            .all(|l| l.contains("selects · cross-region"))
    );
    assert!(d.trim_end().ends_with('}'));
}

/// The SVG parses as XML; returns its regions and node ids.
fn svg_parts(svg: &str) -> (Vec<String>, Vec<String>, usize) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let attr_of = |name: &str| -> Vec<String> {
        doc.descendants()
            .filter_map(|n| n.attribute(name).map(str::to_string))
            .collect()
    };
    let crossing = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("edge cross-region"))
        .count();
    (attr_of("data-region"), attr_of("data-id"), crossing)
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn svg_is_well_formed_with_a_panel_per_region_and_crossings_marked() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("map.svg");
    run(&[
        "map",
        BACKUP_STORY,
        "--format",
        "svg",
        "--output",
        file.to_str().unwrap(),
    ]);
    let svg = std::fs::read_to_string(&file).unwrap();
    let (regions, nodes, crossing) = svg_parts(&svg);
    assert_eq!(regions, ["us-east-1", "us-west-2"]);
    assert_eq!(nodes.len(), 9, "{nodes:?}");
    assert_eq!(crossing, 2);
    assert!(svg.contains("aws_backup_selection.BackupSelection (high)"));

    let svg = run(&["map", CORPUS, "--format", "svg"]);
    let (regions, nodes, crossing) = svg_parts(&svg);
    assert_eq!(regions, ["us-east-1"]);
    assert_eq!(nodes.len(), 7);
    assert_eq!(crossing, 0);
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn generated_plan_shows_every_region_and_the_backup_and_kms_wiring() {
    let (_dir, plan) = generate(1000);
    let plan = plan.to_str().unwrap();
    // Unfolded: each resource, each wire.
    let m = run(&["map", plan, "--no-fold"]);
    assert!(!m.contains("folded"), "{}", &m[..400]);
    for region in GEN_REGIONS {
        assert!(
            m.contains(&format!("[\"{region} · ")),
            "no cluster for {region}"
        );
    }
    let edges = |label: &str| m.lines().filter(|l| l.contains(label)).count();
    assert!(edges("|\"plan\"|") >= 10, "selection → plan");
    assert!(edges("|\"vault\"|") >= 10, "plan → vault");
    assert!(edges("|\"key\"|") >= 100, "resource → key");
    // Copies go to the backup region, whose region the plan does not say:
    // wired, but not marked as crossing a region.
    assert!(edges("|\"copy\"|") >= 1, "copy vault → vault");
    assert_eq!(
        edges("· cross-region\"|"),
        0,
        "nothing crosses into an unknown region"
    );
    assert!(
        m.contains("[\"unknown · "),
        "no cluster for the unknown region"
    );
    // A selection → plan → vault chain, by address.
    let sel = mermaid_id(
        &m,
        "module.backup_checkout_usw2_6.aws_backup_selection.this",
    );
    let plan_id = mermaid_id(&m, "module.backup_checkout_usw2_6.aws_backup_plan.this");
    let vault = mermaid_id(&m, "module.backup_checkout_usw2_6.aws_backup_vault.this");
    // Instance keys keep their quotes, as Mermaid entities.
    assert!(m.contains("module.backup_gateway_use1_11[#quot;acme#quot;].aws_backup_plan.this"));
    assert!(m.contains(&format!("{sel} -->|\"plan\"| {plan_id}")), "{m}");
    assert!(
        m.contains(&format!("{plan_id} -->|\"vault\"| {vault}")),
        "{m}"
    );

    // Folded by default (more than 300 wired resources): counts per region and type.
    let f = run(&["map", plan]);
    assert!(f.contains("folded into counts per region and type"), "{f}");
    assert!(f.contains("--no-fold shows each resource"), "{f}");
    for region in GEN_REGIONS {
        assert!(
            f.contains(&format!("[\"{region} · ")),
            "no cluster for {region}"
        );
    }
    assert!(f.contains("[\"aws_backup_selection ×"), "{f}");
    assert!(f.contains("|\"plan ×"), "{f}");
    assert!(f.contains("-->|\"copy ×"), "{f}");
    let nodes = f.lines().filter(|l| l.starts_with("    n")).count();
    assert!(nodes < 60, "{nodes} nodes after folding");

    let dot = run(&["map", plan, "--format", "dot"]);
    for region in GEN_REGIONS {
        assert!(dot.contains(&format!("subgraph \"cluster_{region}\"")));
    }
    let (regions, _, crossing) = svg_parts(&run(&["map", plan, "--format", "svg"]));
    assert_eq!(regions, [GEN_REGIONS, &["unknown"]].concat());
    assert_eq!(crossing, 0);
    // An unfolded SVG of this size would take the layout too long: folded, with a note.
    let out = tfward()
        .args(["map", plan, "--no-fold", "--format", "svg"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("folded into counts"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the SVG is folded"));
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn a_large_plan_folds_quickly_and_says_so() {
    // 10,000 resources: well past the fold threshold, still fast in a debug build.
    let (_dir, plan) = generate(10_000);
    let plan = plan.to_str().unwrap();
    for format in ["mermaid", "svg"] {
        let start = std::time::Instant::now();
        let text = run(&["map", plan, "--format", format]);
        let took = start.elapsed();
        assert!(text.contains("folded into counts per region and type"));
        assert!(took.as_secs() < 120, "{format} took {took:?}");
        if format == "svg" {
            let (regions, nodes, _) = svg_parts(&text);
            // The generated regions first; `global` holds IAM resources with findings.
            assert_eq!(&regions[..GEN_REGIONS.len()], GEN_REGIONS, "{regions:?}");
            assert!(nodes.len() < 80, "{} nodes", nodes.len());
        }
    }
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn markdown_report_embeds_the_map_and_fits_a_comment() {
    let out = tfward()
        .args(["check", "--format", "markdown", BACKUP_STORY])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("### tfward\n"), "{md}");
    assert!(
        md.contains("| `backup-selection-empty` | high | 1 |"),
        "{md}"
    );
    assert!(md.contains("**`aws_backup_selection.BackupSelection`** · us-west-2 · `testdata/cdktf/backup-cross-region/cdktf.out/stacks/TapStack/cdk.tf.json:100` · `TapStack/BackupSelection`"), "{md}");
    assert!(
        md.contains("<details><summary><b>high</b> <code>backup-selection-empty</code>"),
        "{md}"
    );
    assert!(
        md.contains("  - selected resource `aws_db_instance.App-Database` (us-east-1)"),
        "{md}"
    );
    assert!(md.contains("```mermaid\n---\ntitle:"), "{md}");
    assert!(md.contains("-.->|\"selects · cross-region\"|"), "{md}");

    // Thousands of findings: cut at GitHub's limit, with a note; the map stays, folded.
    let (_dir, plan) = generate(10_000);
    let out = tfward()
        .args(["check", "--format", "markdown", plan.to_str().unwrap()])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.chars().count() <= 65_536, "{} characters", md.len());
    assert!(
        md.contains("with findings not shown"),
        "{}",
        &md[md.len() - 2000..]
    );
    assert!(md.contains("```mermaid"), "no map");
    assert!(md.contains("folded into counts per region and type"));
}

#[test]
fn a_sensitive_region_is_drawn_but_never_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        r#"
variable "r" {
  default   = "eu-west-3"
  sensitive = true
}
provider "aws" { region = var.r }
provider "aws" {
  alias  = "use1"
  region = "us-east-1"
}
resource "aws_kms_key" "k" { provider = aws.use1 }
resource "aws_ebs_volume" "d" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = aws_kms_key.k.arn
}
"#,
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    for format in ["mermaid", "dot", "svg"] {
        let out = run(&["map", path, "--format", format]);
        assert!(
            !out.contains("eu-west-3"),
            "{format} named the region:\n{out}"
        );
        assert!(out.contains("(sensitive)"), "{format}: {out}");
    }
    let m = run(&["map", path]);
    assert!(m.contains("subgraph R1[\"(sensitive) · 1\"]"), "{m}");
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn bad_input_is_an_error_not_a_panic() {
    let out = tfward()
        .args(["map", "no/such/plan.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    let out = tfward()
        .args(["map", "--format", "png", CORPUS])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn replication_and_waf_wires_are_drawn() {
    let m = run(&[
        "map",
        "testdata/rules/s3-replication-prereqs/clean-versioned-role-granted/hcl",
    ]);
    let src = mermaid_id(&m, "aws_s3_bucket.src");
    let dst = mermaid_id(&m, "aws_s3_bucket.dst");
    assert!(
        m.contains(&format!("{src} -.->|\"replicates · cross-region\"| {dst}")),
        "{m}"
    );
    let m = run(&[
        "map",
        "testdata/rules/waf-web-acl-unassociated/fires-association-target-other-region/hcl",
    ]);
    let acl = mermaid_id(&m, "aws_wafv2_web_acl.edge");
    let lb = mermaid_id(&m, "aws_lb.eu_web");
    assert!(
        m.contains(&format!("{acl} -.->|\"waf · cross-region\"| {lb}")),
        "{m}"
    );
    assert!(m.contains(&format!("class {acl} high")), "{m}");
    // CloudFront and its web ACL are global.
    let m = run(&[
        "map",
        "testdata/rules/waf-web-acl-unassociated/clean-cloudfront-us-east-1-distribution/hcl",
    ]);
    assert!(m.contains("subgraph R0[\"global · 2\"]"), "{m}");
    let acl = mermaid_id(&m, "aws_wafv2_web_acl.cdn");
    let cdn = mermaid_id(&m, "aws_cloudfront_distribution.site");
    assert!(m.contains(&format!("{acl} -->|\"waf\"| {cdn}")), "{m}");
}

/// The wires the map draws come from the rules' own context: each names the
/// two resources it joins, by their places in the model.
#[test]
fn wires_name_the_resources_they_join() {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::write(
        dir.path().join("main.tf"),
        r#"
provider "aws" {
  region = "us-east-1"
}
resource "aws_kms_key" "k" {}
resource "aws_backup_vault" "v" {
  name        = "v"
  kms_key_arn = aws_kms_key.k.arn
}
resource "aws_backup_plan" "p" {
  name = "p"
  rule {
rule_name         = "daily"
target_vault_name = aws_backup_vault.v.name
schedule          = "cron(0 5 * * ? *)"
  }
}
resource "aws_backup_selection" "s" {
  name         = "s"
  plan_id      = aws_backup_plan.p.id
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  resources    = [aws_s3_bucket.b.arn]
}
resource "aws_s3_bucket" "b" {
  bucket = "b"
}
"#,
    )
    .expect("written");
    let models = tfward::load::load_path(dir.path(), &Default::default()).expect("loads");
    let policy = Policy::builtin();
    let ctx = Context::new(&models[0], &policy);
    let mut found: Vec<(&str, &str, WireKind)> = wires(&ctx)
        .iter()
        .map(|w| {
            let name = |i: usize| models[0].resources[i].address.as_str();
            (name(w.from), name(w.to), w.kind)
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("aws_backup_plan.p", "aws_backup_vault.v", WireKind::Vault),
            (
                "aws_backup_selection.s",
                "aws_backup_plan.p",
                WireKind::Plan
            ),
            (
                "aws_backup_selection.s",
                "aws_s3_bucket.b",
                WireKind::Selects
            ),
            ("aws_backup_vault.v", "aws_kms_key.k", WireKind::Key),
        ]
    );
    assert!(is_rule_subject("aws_kms_replica_key") && is_rule_subject("aws_cloudtrail"));
    assert!(!is_rule_subject("aws_s3_bucket"));
}
