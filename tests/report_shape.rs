//! What a newcomer sees: the JSON report's fields, suppressed findings marked
//! in every format, "did you mean" for mistyped rule ids and packs, a region
//! map whose arcs fit the picture, and SARIF whose URIs are URIs.

use assert_cmd::Command;
use std::path::Path;

fn tfward() -> Command {
    let mut cmd = Command::cargo_bin("tfward").expect("binary");
    cmd.env("TFWARD_TODAY", "2026-11-23").env("NO_COLOR", "1");
    cmd
}

/// Exit code, stdout, stderr.
fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const MULTI_REGION: &str = "examples/multi-region";

// ---------------------------------------------------------------- did you mean

/// A usage error (exit 2, one line) that suggests `suggestion`.
fn assert_suggests(cmd: &mut Command, suggestion: &str) {
    let (code, out, err) = run(cmd);
    assert_eq!(code, 2, "stdout: {out}\nstderr: {err}");
    assert!(
        err.contains(&format!("did you mean `{suggestion}`?")),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
}

#[test]
fn a_mistyped_rule_id_gets_the_closest_one() {
    assert_suggests(
        tfward().args(["explain", "kms-key-rotaton"]),
        "kms-key-rotation",
    );
    assert_suggests(
        tfward().args(["check", MULTI_REGION, "--rule", "backup-vault-kmss"]),
        "backup-vault-kms",
    );
    assert_suggests(
        tfward().args(["check", MULTI_REGION, "--skip-rule", "bakup"]),
        "backup",
    );
    assert_suggests(
        tfward().args(["map", MULTI_REGION, "--rule", "cross-region-refrence"]),
        "cross-region-reference",
    );
    // Nothing close: no guess, still the usage error.
    let (code, _, err) = run(tfward().args(["explain", "zzzz-nothing-like-it"]));
    assert_eq!(code, 2);
    assert!(!err.contains("did you mean"), "{err}");
}

#[test]
fn a_mistyped_pack_or_rule_in_a_policy_gets_the_closest_one() {
    assert_suggests(
        tfward().args(["check", MULTI_REGION, "--no-config", "--policy", "strikt"]),
        "strict",
    );
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".tfward.hcl");
    std::fs::write(&config, "policies = [\"stric\"]\n").unwrap();
    assert_suggests(
        tfward()
            .args(["check", MULTI_REGION, "--config"])
            .arg(&config),
        "strict",
    );
    std::fs::write(
        &config,
        "rule \"kms-key-rotaton\" {\n  enabled = false\n}\n",
    )
    .unwrap();
    let cmd = &mut tfward();
    cmd.args(["check", MULTI_REGION, "--config"]).arg(&config);
    assert_suggests(cmd, "kms-key-rotation");
    let (_, _, err) = run(cmd);
    assert!(
        err.contains(".tfward.hcl:1"),
        "names the file and line: {err}"
    );
}

// ---------------------------------------------------------------- SARIF URIs

const PLAN: &str = "testdata/rules/backup-selection-empty/fires-for-each-other-region/plan.json";

fn sarif_validator() -> jsonschema::Validator {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("../shared/schemas/sarif-schema-2.1.0.json"))
            .expect("schema"),
    )
    .expect("schema json");
    // Formats too: `artifactLocation.uri` is a `uri-reference`.
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("valid schema")
}

/// RFC 3986 `relative-ref` or `URI` with a path only: unreserved, sub-delims,
/// `:@/` and `%XX`; a relative path's first segment has no `:`.
fn is_uri_reference(uri: &str) -> bool {
    let bytes = uri.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                if !(i + 2 < bytes.len()
                    && bytes[i + 1].is_ascii_hexdigit()
                    && bytes[i + 2].is_ascii_hexdigit())
                {
                    return false;
                }
                i += 2;
            }
            b if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b) => {}
            _ => return false,
        }
        i += 1;
    }
    let first = uri.split('/').next().unwrap_or_default();
    uri.starts_with("file:///") || !first.contains(':')
}

fn percent_decode(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&uri[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Every `artifactLocation.uri` of a SARIF log, checked against the schema.
fn sarif_uris(out: &str, err: &str) -> Vec<String> {
    let sarif: serde_json::Value =
        serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {err}"));
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut uris = Vec::new();
    fn walk(v: &serde_json::Value, uris: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(uri) = map.get("artifactLocation").and_then(|a| a["uri"].as_str()) {
                    uris.push(uri.to_string());
                }
                map.values().for_each(|v| walk(v, uris));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, uris)),
            _ => {}
        }
    }
    walk(&sarif, &mut uris);
    assert!(!uris.is_empty(), "no locations: {out}");
    uris
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn sarif_of_standard_input_has_valid_uris() {
    let plan = std::fs::read(PLAN).unwrap();
    let (_, out, err) = run(tfward()
        .args(["check", "-", "--format", "sarif"])
        .write_stdin(plan));
    for uri in sarif_uris(&out, &err) {
        assert!(is_uri_reference(&uri), "{uri}");
        assert_eq!(uri, "stdin");
    }
    // Annotations name no file for standard input (it is none of the repository's).
    let plan = std::fs::read(PLAN).unwrap();
    let (_, out, _) = run(tfward()
        .args(["check", "-", "--format", "github"])
        .write_stdin(plan));
    assert!(out.starts_with("::"), "{out}");
    assert!(!out.contains("file="), "{out}");
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn sarif_uris_of_awkward_folder_names_are_percent_encoded() {
    let dir = tempfile::tempdir().unwrap();
    let folder = "a b#c%d?é[x]:y";
    std::fs::create_dir(dir.path().join(folder)).unwrap();
    std::fs::copy(PLAN, dir.path().join(folder).join("plan.json")).unwrap();
    // Relative to the working directory, and absolute outside it.
    let relative = format!("{folder}/plan.json");
    let absolute = dir.path().join(&relative);
    let elsewhere = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (cwd, input, want) in [
        (dir.path(), relative.clone(), relative.clone()),
        (
            elsewhere,
            absolute.display().to_string(),
            format!("file://{}", absolute.display()),
        ),
    ] {
        let (_, out, err) = run(tfward()
            .current_dir(cwd)
            .args(["check", "--format", "sarif", &input]));
        for uri in sarif_uris(&out, &err) {
            assert!(is_uri_reference(&uri), "{uri}");
            assert_eq!(percent_decode(&uri), want);
        }
    }
}

// ------------------------------------------------- JSON shape, --show-suppressed

const VOLUMES: &str = r#"provider "aws" { region = "us-east-1" }

# tfward:ignore:encryption-at-rest-disabled scratch volume, no data exp:2027-01-31
resource "aws_ebs_volume" "above" {
  availability_zone = "us-east-1a"
  size              = 1
  encrypted         = false
}

resource "aws_ebs_volume" "tagged" {
  availability_zone = "us-east-1a"
  size              = 1
  encrypted         = false
  tags              = { "tfward:ignore:encryption-at-rest-disabled" = "test fixture" }
}

resource "aws_ebs_volume" "open" {
  availability_zone = "us-east-1a"
  size              = 1
  encrypted         = false
}
"#;

const FRESH: &str = r#"
resource "aws_ebs_volume" "fresh" {
  availability_zone = "us-east-1a"
  size              = 1
  encrypted         = false
}
"#;

const RULE: &str = "encryption-at-rest-disabled";

/// A module with a finding suppressed by a comment (with an expiry), one by a
/// tag, one recorded in `baseline.json`, and one new: `check` on it takes `extra`.
struct Suppressions {
    dir: tempfile::TempDir,
}

impl Suppressions {
    fn new() -> Suppressions {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("main.tf"), VOLUMES).unwrap();
        let (code, _, err) = run(tfward().current_dir(dir.path()).args([
            "check",
            ".",
            "--rule",
            RULE,
            "--write-baseline",
            "baseline.json",
        ]));
        assert_eq!(code, 1, "{err}");
        std::fs::write(dir.path().join("main.tf"), format!("{VOLUMES}{FRESH}")).unwrap();
        Suppressions { dir }
    }

    fn check(&self, extra: &[&str]) -> String {
        let (code, out, err) = run(tfward()
            .current_dir(self.dir.path())
            .args(["check", ".", "--rule", RULE, "--baseline", "baseline.json"])
            .args(extra));
        assert_eq!(code, 1, "the new finding fails the run: {err}");
        out
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// Address → the finding of the JSON report.
fn by_address(doc: &serde_json::Value) -> std::collections::BTreeMap<String, serde_json::Value> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["address"].as_str().unwrap().to_string(), f.clone()))
        .collect()
}

#[test]
fn json_findings_say_what_to_do_their_fingerprint_and_how_they_are_suppressed() {
    let s = Suppressions::new();
    let doc = json(&s.check(&["--format", "json", "--show-suppressed"]));
    assert_eq!(doc["version"], 1);
    let findings = by_address(&doc);
    let names = |a: &str| format!("aws_ebs_volume.{a}");
    assert_eq!(
        findings.keys().cloned().collect::<Vec<_>>(),
        ["above", "fresh", "open", "tagged"].map(names)
    );
    let remediation = tfward::rules::find(RULE).unwrap().meta.remediation;
    for f in findings.values() {
        assert_eq!(f["remediation"], remediation, "{f}");
        assert!(f.get("action").is_some(), "{f}");
    }
    assert_eq!(
        findings[&names("above")]["suppressed"],
        serde_json::json!({
            "kind": "inSource", "source": "comment",
            "justification": "scratch volume, no data", "expires": "2027-01-31",
        })
    );
    assert_eq!(
        findings[&names("tagged")]["suppressed"],
        serde_json::json!({
            "kind": "inSource", "source": "tag",
            "justification": "test fixture", "expires": null,
        })
    );
    let baseline = &findings[&names("open")]["suppressed"];
    assert_eq!(baseline["kind"], "external");
    assert_eq!(baseline["source"], "baseline");
    assert!(
        baseline["justification"]
            .as_str()
            .unwrap()
            .contains("baseline.json")
    );
    assert!(findings[&names("fresh")]["suppressed"].is_null());
    assert_eq!(doc["summary"]["total"], 1);
    assert_eq!(doc["summary"]["suppressed"], 3);

    // One fingerprint: the baseline's and SARIF's are the JSON's.
    let recorded = json(&std::fs::read_to_string(s.dir.path().join("baseline.json")).unwrap());
    let entry = recorded["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["address"] == names("open"))
        .expect("open is in the baseline");
    assert_eq!(
        entry["fingerprint"],
        findings[&names("open")]["fingerprint"]
    );
    let sarif = json(&s.check(&["--format", "sarif"]));
    for result in sarif["runs"][0]["results"].as_array().unwrap() {
        let address = result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
            .as_str()
            .unwrap();
        assert_eq!(
            result["partialFingerprints"]["tfward/v1"],
            findings[address]["fingerprint"]
        );
    }

    // Plan input: the planned action.
    let (_, out, _) = run(tfward().args(["check", "--format", "json", PLAN]));
    let doc = json(&out);
    let first = &doc["findings"][0];
    assert_eq!(first["action"], "create", "{first}");
}

#[test]
fn show_suppressed_marks_them_in_every_format() {
    let s = Suppressions::new();
    let shown = |format: &str| s.check(&["--format", format, "--show-suppressed"]);

    let human = shown("human");
    let line = |address: &str| {
        human
            .lines()
            .skip_while(|l| !l.starts_with(address))
            .nth(1)
            .unwrap_or_else(|| panic!("no {address}: {human}"))
            .to_string()
    };
    assert!(
        line("aws_ebs_volume.above")
            .contains("[suppressed (comment, until 2027-01-31): scratch volume, no data]"),
        "{human}"
    );
    assert!(line("aws_ebs_volume.tagged").contains("[suppressed (tag): test fixture]"));
    assert!(line("aws_ebs_volume.open").contains("[suppressed (baseline): in baseline"));
    assert!(!line("aws_ebs_volume.fresh").contains("suppressed"));
    assert!(
        human.contains("1 finding (1 high) in 1 resource, 3 suppressed"),
        "{human}"
    );

    let markdown = shown("markdown");
    assert!(
        markdown
            .contains("**1 finding** — failed (threshold `high`), 1 rules checked, 3 suppressed"),
        "{markdown}"
    );
    assert!(
        markdown.contains("_suppressed (tag): test fixture_: `aws_ebs_volume.tagged`"),
        "{markdown}"
    );
    assert!(markdown.contains("_suppressed (baseline): in baseline"));
    assert!(markdown.contains("- **high** `encryption-at-rest-disabled`: `aws_ebs_volume.fresh`"));

    let html = shown("html");
    let table = html
        .split("<table id=\"suppressed\">")
        .nth(1)
        .unwrap_or_else(|| panic!("no suppressed table: {html}"));
    assert_eq!(
        table
            .split("</table>")
            .next()
            .unwrap()
            .matches("<tr class=\"finding\"")
            .count(),
        3
    );
    assert!(table.contains("suppressed (comment, until 2027-01-31): scratch volume, no data"));

    // Annotations: an accepted finding is a notice that says so, never an error.
    let github = shown("github");
    let notices: Vec<&str> = github
        .lines()
        .filter(|l| l.contains("suppressed"))
        .collect();
    assert_eq!(notices.len(), 3, "{github}");
    assert!(
        notices.iter().all(|l| l.starts_with("::notice ")),
        "{github}"
    );
    assert!(
        github
            .lines()
            .any(|l| l.starts_with("::error ") && l.contains("fresh"))
    );

    let sarif = json(&shown("sarif"));
    let sources: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["suppressions"][0]["properties"]["source"].as_str())
        .collect();
    assert_eq!(sources, ["comment", "tag", "baseline"]);

    // Without the flag none of them is listed.
    for format in ["human", "markdown", "github", "json"] {
        let out = s.check(&["--format", format]);
        assert!(!out.contains("aws_ebs_volume.tagged"), "{format}: {out}");
    }
}

// ---------------------------------------------------------------- map arcs

/// Numbers of an SVG path's `d`, as points.
fn path_points(d: &str) -> Vec<(f64, f64)> {
    let numbers: Vec<f64> = d
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().unwrap_or_else(|e| panic!("{t}: {e}")))
        .collect();
    numbers.chunks(2).map(|p| (p[0], p[1])).collect()
}

/// A cubic curve's middle (t = ½), where a `textPath` at 50% puts its label
/// (arc length and t agree for the symmetric curves drawn).
fn middle(p: &[(f64, f64)]) -> (f64, f64) {
    (
        (p[0].0 + 3. * p[1].0 + 3. * p[2].0 + p[3].0) / 8.,
        (p[0].1 + 3. * p[1].1 + 3. * p[2].1 + p[3].1) / 8.,
    )
}

/// Every wire between region panels (`<g class="edge...">`) lies inside the
/// view box, and no two of their labels (about 0.6 em a character) overlap.
fn assert_arcs_fit(svg: &str, what: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    let view: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .expect("viewBox")
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    let inside = |(x, y): (f64, f64)| {
        x >= view[0] && y >= view[1] && x <= view[0] + view[2] && y <= view[1] + view[3]
    };
    let paths: std::collections::HashMap<&str, Vec<(f64, f64)>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path"))
        .filter_map(|n| Some((n.attribute("id")?, path_points(n.attribute("d")?))))
        .collect();
    let mut labels: Vec<(String, [f64; 4])> = Vec::new();
    let mut wires = 0;
    for g in doc.descendants().filter(|n| {
        n.has_tag_name("g")
            && n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == "edge"))
    }) {
        wires += 1;
        let path = g
            .descendants()
            .find(|n| n.has_tag_name("path"))
            .expect("a wire has a path");
        let points = path_points(path.attribute("d").unwrap());
        assert_eq!(points.len(), 4, "{what}: one cubic curve");
        for p in &points {
            assert!(inside(*p), "{what}: {p:?} outside the view box {view:?}");
        }
        // The label: a text in the group, or (as layout-rs draws wires) a
        // textPath right after it.
        let text = g
            .descendants()
            .find(|n| n.has_tag_name("text"))
            .or_else(|| g.next_sibling_element().filter(|n| n.has_tag_name("text")))
            .unwrap_or_else(|| panic!("{what}: a wire has a label"));
        let content: String = text
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        let size: f64 = text
            .attribute("font-size")
            .map_or(11., |s| s.parse().unwrap());
        let (x, y) = match (text.attribute("x"), text.attribute("y")) {
            (Some(x), Some(y)) => (x.parse().unwrap(), y.parse().unwrap()),
            _ => {
                let href = text
                    .descendants()
                    .find_map(|n| n.attribute("href"))
                    .expect("textPath");
                let (mx, my) = middle(&paths[href.trim_start_matches('#')]);
                (mx, my)
            }
        };
        let width = content.chars().count() as f64 * size * 0.6;
        let label = [x - width / 2., y - size, x + width / 2., y];
        assert!(
            inside((label[0], label[1])) && inside((label[2], label[3])),
            "{what}: label {content} at {label:?} outside {view:?}"
        );
        labels.push((content, label));
    }
    assert!(wires >= 2, "{what}: several wires to check, got {wires}");
    for (i, (a, ra)) in labels.iter().enumerate() {
        for (b, rb) in &labels[i + 1..] {
            let overlap = ra[0] < rb[2] && rb[0] < ra[2] && ra[1] < rb[3] && rb[1] < ra[3];
            assert!(!overlap, "{what}: labels {a} {ra:?} and {b} {rb:?} overlap");
        }
    }
}

/// Volumes in two regions, each encrypted with the one key of the other:
/// seven wires cross between the same two panels.
fn crossing_keys() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "provider \"aws\" {\n  region = \"us-east-1\"\n}\nprovider \"aws\" {\n  alias  = \"west\"\n  region = \"us-west-2\"\n}\n\
         resource \"aws_kms_key\" \"west\" {\n  provider            = aws.west\n  enable_key_rotation = true\n}\n\
         resource \"aws_kms_key\" \"east\" {\n  enable_key_rotation = true\n}\n",
    );
    for i in 0..4 {
        text.push_str(&format!(
            "resource \"aws_ebs_volume\" \"v{i}\" {{\n  availability_zone = \"us-east-1a\"\n  size = 1\n  encrypted = true\n  kms_key_id = aws_kms_key.west.arn\n}}\n"
        ));
    }
    for i in 0..3 {
        text.push_str(&format!(
            "resource \"aws_ebs_volume\" \"w{i}\" {{\n  provider = aws.west\n  availability_zone = \"us-west-2a\"\n  size = 1\n  encrypted = true\n  kms_key_id = aws_kms_key.east.arn\n}}\n"
        ));
    }
    std::fs::write(dir.path().join("main.tf"), text).unwrap();
    dir
}

fn html_svg(html: &str) -> String {
    let start = html.find("<svg").expect("an inline map");
    let end = html.find("</svg>").expect("the map ends") + "</svg>".len();
    html[start..end].to_string()
}

#[test]
fn map_arcs_stay_inside_the_picture_and_their_labels_apart() {
    let keys = crossing_keys();
    let keys = keys.path().to_str().unwrap();
    for input in ["testdata/cdktf/backup-cross-region/cdktf.out", keys] {
        let (_, svg, err) = run(tfward().args(["map", input, "--format", "svg"]));
        assert_arcs_fit(&svg, &format!("{input} svg: {err}"));
        let (_, html, err) = run(tfward().args(["check", input, "--format", "html"]));
        assert_arcs_fit(&html_svg(&html), &format!("{input} html: {err}"));
    }
}
