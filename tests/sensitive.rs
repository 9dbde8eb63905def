//! No value Terraform marks sensitive reaches any output: not a finding's
//! message, not any other field, in no format (human, JSON, SARIF, GitHub,
//! Markdown, HTML, GitLab Code Quality, JUnit, the maps, the inventory).

mod common;

use std::path::{Path, PathBuf};
use tfward::leaks::{Look, check_models, leaks, render_all};
use tfward::load::{LoadOptions, load_bytes, load_path, with_source};
use tfward::model::{Model, Value};
use tfward::policy::Policy;
use tfward::rules::finding::Finding;
use tfward::rules::rule::Rule;
use tfward::rules::{self, RULES};

/// Every rule's `fires-*` fixture, in every form it has, and its plan with
/// its configuration (the input is then the case folder itself).
fn firing_fixtures() -> Vec<(&'static str, PathBuf, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    let mut out = Vec::new();
    for rule in RULES {
        let Ok(dir) = std::fs::read_dir(root.join(rule.meta.id)) else {
            continue;
        };
        let mut cases: Vec<PathBuf> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("fires-"))
            })
            .collect();
        cases.sort();
        for case in cases {
            for form in ["hcl", "plan.json", "tfjson", "cdktf", "cfn", "cdk"] {
                if case.join(form).exists() {
                    out.push((rule.meta.id, case.clone(), case.join(form)));
                }
            }
            // The plan with its configuration (`--source`): named by the plan's folder.
            if case.join("plan.json").is_file() && case.join("hcl").is_dir() {
                out.push((rule.meta.id, case.clone(), case.clone()));
            }
        }
    }
    out
}

/// The model as if every value in it were marked sensitive: each attribute of
/// each resource, each provider's region and default tags.
fn all_marked(model: &Model) -> Model {
    let mark = |v: &mut Value| {
        if !matches!(v, Value::Sensitive(_)) {
            *v = Value::Sensitive(Box::new(std::mem::replace(v, Value::Null)));
        }
    };
    let mut model = model.clone();
    for res in &mut model.resources {
        for (_, v) in res.attrs.iter_mut() {
            mark(v);
        }
    }
    for p in &mut model.providers {
        if let Some(region) = &mut p.region {
            mark(region);
        }
        mark(&mut p.default_tags);
    }
    // Placements again: a region from a marked value is itself marked.
    let mut model = model.finish();
    tfward::region::place_all(&mut model);
    model
}

#[test]
fn every_rule_fires_on_marked_fixtures_and_leaks_nothing() {
    marked_fixtures_leak_nothing(rules::run);
}

/// The same, without the mask `rules::run` applies last: each rule keeps the
/// marks on what it quotes by itself.
#[test]
fn every_rule_carries_the_marks_itself() {
    marked_fixtures_leak_nothing(rules::run_unmasked);
}

type Runner = fn(&Model, &Policy, &[Rule<'static>]) -> Vec<Finding<'static>>;

fn marked_fixtures_leak_nothing(run: Runner) {
    let mut failures = Vec::new();
    let mut exercised = std::collections::BTreeSet::new();
    let mut secrets_checked = 0;
    for (id, case, input) in firing_fixtures() {
        let mut policy = Policy::builtin();
        if case.join("policy.hcl").is_file() {
            policy
                .load_file(
                    &case.join("policy.hcl"),
                    tfward::text::bounded::Limits::default().file(),
                    &rules::builtin_ids(),
                )
                .unwrap();
        }
        let selected = rules::select(&[id.to_string()], &[], false).unwrap();
        let opts = LoadOptions::default();
        let loaded = if input == case {
            load_path(&case.join("plan.json"), &opts)
                .and_then(|plans| with_source(plans, &case.join("hcl"), &opts))
        } else {
            let (input, opts) = common::form_input(&case, &input);
            load_path(&input, &opts)
        };
        let plain = match loaded {
            Ok(models) => models,
            Err(e) => {
                failures.push(format!("{}: {e}", input.display()));
                continue;
            }
        };
        let models: Vec<Model> = plain.iter().map(all_marked).collect();
        let findings: Vec<_> = models
            .iter()
            .flat_map(|m| run(m, &policy, &selected))
            .collect();
        // Rules decide through the marks: the same findings, marked or not.
        let found = |findings: &[Finding]| {
            let mut found: Vec<String> = findings
                .iter()
                .map(|f| format!("{}\t{}", f.rule, f.address))
                .collect();
            found.sort();
            found
        };
        let unmarked: Vec<_> = plain
            .iter()
            .flat_map(|m| rules::run(m, &policy, &selected))
            .collect();
        if found(&findings) != found(&unmarked) {
            failures.push(format!(
                "{id} {}: marked {:?}, unmarked {:?}",
                input.display(),
                found(&findings),
                found(&unmarked)
            ));
        }
        if findings.is_empty() {
            continue;
        }
        exercised.insert(id);
        secrets_checked += tfward::leaks::secrets(&models, Look::FIXTURES).len();
        for leak in leaks(&models, &findings, &policy, &selected, Look::FIXTURES) {
            failures.push(format!(
                "{id} {}: `{}` in {}",
                input.display(),
                leak.secret,
                leak.format
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        secrets_checked > 100,
        "only {secrets_checked} marked texts looked for"
    );
    let quiet: Vec<&str> = RULES
        .iter()
        .map(|r| r.meta.id)
        .filter(|id| !exercised.contains(id))
        .collect();
    // Every rule fires on its marked fixtures as on the plain ones.
    assert!(
        exercised.len() == RULES.len(),
        "rules that never fired on marked fixtures: {quiet:?}"
    );
}

/// The outputs of `models` (every rule) and the findings, for the direct cases.
fn outputs(models: &[Model]) -> (Vec<Finding<'static>>, Vec<(&'static str, String)>) {
    let policy = Policy::builtin();
    let findings: Vec<_> = models
        .iter()
        .flat_map(|m| rules::run(m, &policy, RULES))
        .collect();
    let rendered = render_all(models, &findings, &policy, RULES);
    (findings, rendered)
}

fn assert_hidden(models: &[Model], markers: &[&str]) {
    let (findings, rendered) = outputs(models);
    let wildcard: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "iam-wildcard-action")
        .collect();
    assert_eq!(wildcard.len(), 1, "{findings:#?}");
    assert!(
        wildcard[0].message.contains("(sensitive)"),
        "{}",
        wildcard[0].message
    );
    for (format, text) in &rendered {
        for marker in markers {
            assert!(!text.contains(marker), "{format} shows `{marker}`:\n{text}");
        }
    }
    let leaks = check_models(models, &Policy::builtin(), RULES, Look::FIXTURES);
    assert!(leaks.is_empty(), "{leaks:?}");
}

const POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"MarkedSid7q","Effect":"Allow","Action":"*","Resource":["arn:aws:s3:::marked-bucket-7q","arn:aws:s3:::marked-bucket-7q/*"]}]}"#;

#[test]
fn plan_after_sensitive_policy_is_not_quoted() {
    let plan = serde_json::json!({
        "format_version": "1.2",
        "terraform_version": "1.9.0",
        "resource_changes": [{
            "address": "aws_iam_policy.p",
            "mode": "managed",
            "type": "aws_iam_policy",
            "name": "p",
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {
                "actions": ["create"],
                "before": null,
                "after": { "name": "p", "policy": POLICY },
                "after_unknown": {},
                "before_sensitive": false,
                "after_sensitive": { "policy": true }
            }
        }],
        "configuration": {
            "provider_config": { "aws": { "name": "aws", "expressions": { "region": { "constant_value": "us-east-1" } } } },
            "root_module": { "resources": [] }
        }
    });
    let models = load_bytes(
        Path::new("plan.json"),
        plan.to_string().as_bytes(),
        &LoadOptions::default(),
    )
    .unwrap();
    assert_hidden(&models, &["MarkedSid7q", "marked-bucket-7q"]);
}

fn hcl_module(main: &str) -> (tempfile::TempDir, Vec<Model>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        format!("provider \"aws\" {{\n  region = \"us-east-1\"\n}}\n{main}"),
    )
    .unwrap();
    let models = load_path(dir.path(), &LoadOptions::default()).unwrap();
    (dir, models)
}

#[test]
fn hcl_sensitive_variable_policy_is_not_quoted() {
    let (_dir, models) = hcl_module(&format!(
        r#"
variable "p" {{
  type      = string
  sensitive = true
  default   = {}
}}
resource "aws_iam_policy" "p" {{
  name   = "p"
  policy = var.p
}}
"#,
        serde_json::Value::String(POLICY.to_string())
    ));
    assert_hidden(&models, &["MarkedSid7q", "marked-bucket-7q"]);
}

#[test]
fn hcl_sensitive_function_policy_is_not_quoted() {
    let (_dir, models) = hcl_module(
        r#"
resource "aws_iam_policy" "p" {
  name = "p"
  policy = sensitive(jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "MarkedSid7q"
      Effect   = "Allow"
      Action   = "*"
      Resource = ["arn:aws:s3:::marked-bucket-7q"]
    }]
  }))
}
"#,
    );
    assert_hidden(&models, &["MarkedSid7q", "marked-bucket-7q"]);
}

#[test]
fn hcl_jsonencode_with_a_sensitive_value_is_not_quoted() {
    let (_dir, models) = hcl_module(
        r#"
variable "bucket_arn" {
  type      = string
  sensitive = true
  default   = "arn:aws:s3:::marked-bucket-7q"
}
resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "PlainSid"
      Effect   = "Allow"
      Action   = "*"
      Resource = [var.bucket_arn]
    }]
  })
}
"#,
    );
    assert_hidden(&models, &["marked-bucket-7q"]);
}

/// A policy document data source: the marked value alone is hidden, the
/// statement's plain Sid is still shown.
#[test]
fn policy_document_hides_only_the_marked_values() {
    let (_dir, models) = hcl_module(
        r#"
variable "bucket_arn" {
  type      = string
  sensitive = true
  default   = "arn:aws:s3:::marked-bucket-7q"
}
data "aws_iam_policy_document" "d" {
  statement {
    sid       = "PlainSid"
    actions   = ["*"]
    resources = [var.bucket_arn]
  }
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.d.json
}
"#,
    );
    assert_hidden(&models, &["marked-bucket-7q"]);
    let (findings, _) = outputs(&models);
    let f = findings
        .iter()
        .find(|f| f.rule == "iam-wildcard-action")
        .unwrap();
    assert!(f.message.contains("PlainSid"), "{}", f.message);
}

/// A suppression reason taken from a marked tag is shown as `(sensitive)`.
#[test]
fn suppression_reason_from_a_marked_tag_is_not_shown() {
    let (_dir, models) = hcl_module(
        r#"
variable "reason" {
  type      = string
  sensitive = true
  default   = "MarkedReason7q ticket"
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::111122223333:role/f"
  runtime       = "python3.7"
  handler       = "index.handler"
  filename      = "f.zip"
  tags = {
    "tfward:ignore:lambda-runtime-deprecated" = var.reason
  }
}
"#,
    );
    let (findings, rendered) = outputs(&models);
    let f = findings
        .iter()
        .find(|f| f.rule == "lambda-runtime-deprecated")
        .expect("the rule fires");
    let reason = &f
        .suppressed
        .as_ref()
        .expect("suppressed by its tag")
        .justification;
    assert!(reason.contains("(sensitive)"), "{reason}");
    for (format, text) in &rendered {
        assert!(
            !text.contains("MarkedReason7q"),
            "{format} shows the reason:\n{text}"
        );
    }
}

/// A rule that quotes a name taken from a marked ARN (not the ARN itself)
/// still shows `(sensitive)`: the check looks for the ARN's parts too.
#[test]
fn names_inside_a_marked_arn_are_not_shown() {
    let (_dir, models) = hcl_module(
        r#"
variable "key_arn" {
  type      = string
  sensitive = true
  default   = "arn:aws:kms:eu-west-1:444455556666:key/marked-key-7q"
}
resource "aws_sns_topic" "t" {
  name              = "t"
  kms_master_key_id = var.key_arn
}
"#,
    );
    let (findings, rendered) = outputs(&models);
    let f = findings
        .iter()
        .find(|f| f.rule == "kms-cross-region-reference")
        .expect("the key is in another region");
    assert!(f.message.contains("`(sensitive)`"), "{}", f.message);
    for (format, text) in &rendered {
        for secret in ["marked-key-7q", "444455556666"] {
            assert!(!text.contains(secret), "{format} shows {secret}:\n{text}");
        }
    }
    assert!(check_models(&models, &Policy::builtin(), RULES, Look::FIXTURES).is_empty());
}

/// A reason that quotes a part of a marked value (a cron field) hides it too:
/// the whole-value mask could not, since the part alone is not marked.
#[test]
fn parts_of_a_marked_schedule_are_not_shown() {
    let (_dir, models) = hcl_module(
        r#"
resource "aws_backup_plan" "b" {
  name = "b"
  rule {
    rule_name         = "daily"
    target_vault_name = "Default"
    schedule          = sensitive("cron(0 5 ? * MARKEDDAY7 *)")
  }
}
"#,
    );
    let (findings, rendered) = outputs(&models);
    let f = findings
        .iter()
        .find(|f| f.rule == "backup-rule-schedule-invalid")
        .expect("the schedule is invalid");
    assert!(f.message.contains("`(sensitive)`"), "{}", f.message);
    for (format, text) in &rendered {
        assert!(
            !text.contains("MARKEDDAY7"),
            "{format} shows the field:\n{text}"
        );
    }
}

/// Every plan of the public corpus, as it is and with every value marked:
/// whatever the rules find, no output shows a marked value.
#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn corpus_plans_leak_nothing() {
    let files = common::corpus_plans();
    let policy = Policy::builtin();
    let mut failures = Vec::new();
    let mut with_findings = 0;
    for file in &files {
        // Files the loader rejects are the corpus tests' concern.
        let Ok(models) = load_path(file, &LoadOptions::default()) else {
            continue;
        };
        let marked: Vec<Model> = models.iter().map(all_marked).collect();
        for models in [models, marked] {
            let findings: Vec<_> = models
                .iter()
                .flat_map(|m| rules::run(m, &policy, RULES))
                .collect();
            with_findings += usize::from(!findings.is_empty());
            for leak in leaks(&models, &findings, &policy, RULES, Look::FIXTURES) {
                failures.push(format!(
                    "{}: `{}` in {}",
                    file.display(),
                    leak.secret,
                    leak.format
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        with_findings > 20,
        "only {with_findings} runs found anything"
    );
}

/// `after_sensitive: true` marks a whole resource: its attributes are still
/// read (no false "rotation off"), and a finding on them shows `(sensitive)`.
#[test]
fn a_wholly_marked_plan_resource_keeps_its_attributes() {
    let change = |r#type: &str, after: serde_json::Value| {
        serde_json::json!({
            "address": format!("{}.x", r#type), "mode": "managed", "type": r#type, "name": "x",
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": { "actions": ["create"], "before": null, "after": after,
                        "after_unknown": {}, "before_sensitive": false, "after_sensitive": true }
        })
    };
    let plan = serde_json::json!({
        "format_version": "1.2",
        "terraform_version": "1.9.0",
        "resource_changes": [
            change("aws_kms_key", serde_json::json!({ "enable_key_rotation": true, "description": "k" })),
            change("aws_iam_policy", serde_json::json!({ "name": "p", "policy": POLICY })),
        ],
        "configuration": {
            "provider_config": { "aws": { "name": "aws", "expressions": { "region": { "constant_value": "us-east-1" } } } },
            "root_module": { "resources": [] }
        }
    });
    let models = load_bytes(
        Path::new("plan.json"),
        plan.to_string().as_bytes(),
        &LoadOptions::default(),
    )
    .unwrap();
    let (findings, _) = outputs(&models);
    assert!(
        !findings.iter().any(|f| f.rule == "kms-key-rotation"),
        "{findings:#?}"
    );
    assert_hidden(&models, &["MarkedSid7q", "marked-bucket-7q"]);
}

/// The region of a marked ARN is part of the marked value: the rule still
/// judges by it (the finding stays) but shows `(sensitive)` where it would
/// name it. A region the provider names unmarked is public, even where a
/// marked ARN holds the same text.
#[test]
fn region_of_a_marked_arn_is_not_shown() {
    let (_dir, models) = hcl_module(
        r#"
provider "aws" {
  alias  = "ca"
  region = "ca-central-1"
}
variable "key_arn" {
  type      = string
  sensitive = true
  default   = "arn:aws:kms:ap-southeast-2:444455556666:key/marked-key-8q"
}
variable "other_key_arn" {
  type      = string
  sensitive = true
  default   = "arn:aws:kms:ca-central-1:444455556666:key/marked-key-9q"
}
resource "aws_sns_topic" "t" {
  name              = "t"
  kms_master_key_id = var.key_arn
}
resource "aws_sqs_queue" "q" {
  provider          = aws.ca
  name              = "q"
  kms_master_key_id = var.other_key_arn
}
"#,
    );
    // The checker counts the marked region as a secret, not the public one.
    let secrets = tfward::leaks::secrets(&models, Look::FIXTURES);
    assert!(secrets.iter().any(|s| s == "ap-southeast-2"), "{secrets:?}");
    assert!(!secrets.iter().any(|s| s == "ca-central-1"), "{secrets:?}");
    let (findings, rendered) = outputs(&models);
    let f = findings
        .iter()
        .find(|f| f.rule == "kms-cross-region-reference")
        .expect("the key is in another region");
    assert!(f.message.contains("(us-east-1)"), "{}", f.message);
    for (format, text) in &rendered {
        assert!(
            !text.contains("ap-southeast-2"),
            "{format} shows the key's region:\n{text}"
        );
    }
    // Without the mask too: the rule carries the mark itself.
    let unmasked: Vec<_> = models
        .iter()
        .flat_map(|m| rules::run_unmasked(m, &Policy::builtin(), RULES))
        .collect();
    for f in &unmasked {
        assert!(!f.message.contains("ap-southeast-2"), "{}", f.message);
    }
    assert!(check_models(&models, &Policy::builtin(), RULES, Look::FIXTURES).is_empty());
}

/// Marking a map marks its keys too: a rule that names the path of a value
/// inside a marked map shows `(sensitive)` for the map's keys, and still
/// finds what it finds there.
#[test]
fn keys_of_a_marked_map_are_not_shown() {
    let (_dir, models) = hcl_module(
        r#"
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = aws_iam_role.r.arn
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "f.zip"
  environment {
    variables = sensitive({
      MarkedKey7q = "arn:aws:sns:us-east-1:444455556666:topic-x"
      Empty8q     = {}
    })
  }
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{}"
}
"#,
    );
    let secrets = tfward::leaks::secrets(&models, Look::FIXTURES);
    for key in ["MarkedKey7q", "Empty8q"] {
        assert!(secrets.iter().any(|s| s == key), "{key} not in {secrets:?}");
    }
    let (findings, rendered) = outputs(&models);
    let f = findings
        .iter()
        .find(|f| f.rule == "hardcoded-account-id")
        .expect("the marked map still holds an ARN with an account id");
    assert!(
        f.message.contains("environment.variables.(sensitive)"),
        "{}",
        f.message
    );
    for (format, text) in &rendered {
        assert!(
            !text.contains("MarkedKey7q"),
            "{format} shows the key:\n{text}"
        );
    }
    assert!(check_models(&models, &Policy::builtin(), RULES, Look::FIXTURES).is_empty());
}

/// A marked tags map still suppresses (its key names the rule), but nothing
/// of the marked reason shows: not the text, not its expiry date.
#[test]
fn a_marked_suppression_tag_hides_its_reason_and_date() {
    let (_dir, models) = hcl_module(
        r#"
resource "aws_lambda_function" "live" {
  function_name = "live"
  role          = "arn:aws:iam::111122223333:role/f"
  runtime       = "python3.7"
  handler       = "index.handler"
  filename      = "f.zip"
  tags = sensitive({
    "tfward:ignore:lambda-runtime-deprecated" = "LiveReason7q exp:2999-04-05"
  })
}
resource "aws_lambda_function" "old" {
  function_name = "old"
  role          = "arn:aws:iam::111122223333:role/f"
  runtime       = "python3.7"
  handler       = "index.handler"
  filename      = "f.zip"
  tags = sensitive({
    "tfward:ignore:lambda-runtime-deprecated" = "OldReason7q exp:2001-02-03"
  })
}
"#,
    );
    let unmasked: Vec<_> = models
        .iter()
        .flat_map(|m| rules::run_unmasked(m, &Policy::builtin(), RULES))
        .filter(|f| f.rule == "lambda-runtime-deprecated")
        .collect();
    let live = unmasked
        .iter()
        .find(|f| f.address.ends_with("live"))
        .unwrap();
    let old = unmasked
        .iter()
        .find(|f| f.address.ends_with("old"))
        .unwrap();
    let s = live
        .suppressed
        .as_ref()
        .expect("a marked tag still suppresses");
    assert_eq!(s.justification, "(sensitive)");
    assert!(old.suppressed.is_none(), "expired");
    assert!(
        old.message.contains("expired on (sensitive)"),
        "{}",
        old.message
    );
    let (_, rendered) = outputs(&models);
    for (format, text) in &rendered {
        for secret in ["LiveReason7q", "OldReason7q", "2999-04-05", "2001-02-03"] {
            assert!(!text.contains(secret), "{format} shows {secret}:\n{text}");
        }
    }
}

/// Terraform rejects a `for_each` over a sensitive value ("the sensitive
/// value could be exposed as a resource instance key"): tfward shows such
/// instances as one unknown instance `[*]`, never with the value as a key,
/// in no output (nor the notes on stderr). A map whose values alone are
/// marked keeps its keys, and a marked `count` its numbered instances, as
/// in Terraform.
#[test]
fn a_sensitive_for_each_never_becomes_an_instance_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("m")).unwrap();
    std::fs::write(
        dir.path().join("m/main.tf"),
        "resource \"aws_s3_bucket\" \"z\" { bucket = \"z\" }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        r#"
variable "secret" {
  type      = string
  sensitive = true
  default   = "MARKEDKEYONE"
}
variable "names" {
  type      = set(string)
  sensitive = true
  default   = ["MARKEDKEYTWO"]
}
variable "sreg" {
  type      = string
  sensitive = true
  default   = "eu-west-1"
}
variable "n" {
  type      = number
  sensitive = true
  default   = 2
}
provider "aws" { region = "us-east-1" }
provider "aws" {
  alias  = "s"
  region = var.sreg
}
resource "aws_s3_bucket" "fe" {
  for_each = var.names
  bucket   = "x"
}
resource "aws_s3_bucket" "fe2" {
  for_each = toset([var.secret])
  bucket   = "x2"
}
resource "aws_s3_bucket" "fe3" {
  for_each = { for k in [var.secret] : "${k}X3" => "y" }
  bucket   = "y"
}
resource "aws_s3_bucket" "pub" {
  for_each = { open = var.secret }
  bucket   = each.value
}
resource "aws_s3_bucket" "c" {
  count  = var.n
  bucket = "c"
}
resource "aws_kms_key" "k" {
  provider = aws.s
}
# The marked texts in a value, so the check knows them.
resource "aws_sns_topic" "hold" {
  name = "hold"
  tags = {
    a = var.secret
    b = tolist(var.names)[0]
    c = tolist(toset(["MARKEDKEYFOUR", var.secret]))[0]
  }
}
module "sm" {
  source   = "./m"
  for_each = toset(["MARKEDKEYFOUR", var.secret])
}
"#,
    )
    .unwrap();
    let models = load_path(dir.path(), &LoadOptions::default()).unwrap();
    let addresses: Vec<&str> = models[0]
        .resources
        .iter()
        .map(|r| r.address.as_str())
        .collect();
    for want in [
        "aws_s3_bucket.fe[*]",
        "aws_s3_bucket.fe2[*]",
        "aws_s3_bucket.fe3[*]",
        "aws_s3_bucket.pub[\"open\"]",
        "aws_s3_bucket.c[0]",
        "aws_s3_bucket.c[1]",
        "module.sm[*].aws_s3_bucket.z",
    ] {
        assert!(addresses.contains(&want), "no {want} in {addresses:?}");
    }
    let notes = models[0].notes.join("\n");
    assert!(
        notes.contains("aws_s3_bucket.fe2: `for_each` over a sensitive value"),
        "{notes}"
    );
    let (findings, rendered) = outputs(&models);
    assert!(
        findings.iter().any(|f| f.rule == "kms-missing-in-region"),
        "{findings:#?}"
    );
    for (format, text) in rendered
        .iter()
        .map(|(f, t)| (*f, t.as_str()))
        .chain([("notes", notes.as_str())])
    {
        for marker in ["MARKEDKEYONE", "MARKEDKEYTWO", "MARKEDKEYFOUR"] {
            assert!(!text.contains(marker), "{format} shows `{marker}`:\n{text}");
        }
    }
    let leaks = check_models(&models, &Policy::builtin(), RULES, Look::FIXTURES);
    assert!(leaks.is_empty(), "{leaks:?}");
}

/// The check itself finds a marked text that reached an address (an
/// instance key) or a note: neither is public merely by being there.
#[test]
fn the_check_finds_a_marked_text_in_an_address_or_a_note() {
    let (_dir, mut models) = hcl_module(
        r#"
variable "secret" {
  type      = string
  sensitive = true
  default   = "MARKEDADDR9"
}
resource "aws_sns_topic" "t" {
  name = var.secret
}
resource "aws_s3_bucket" "b" { bucket = "b" }
"#,
    );
    let policy = Policy::builtin();
    assert!(check_models(&models, &policy, RULES, Look::FIXTURES).is_empty());
    let mut keyed = models.clone();
    for res in &mut keyed[0].resources {
        res.address = format!("{}[\"MARKEDADDR9\"]", res.address);
    }
    let leaks = check_models(&keyed, &policy, RULES, Look::FIXTURES);
    assert!(leaks.iter().any(|l| l.secret == "MARKEDADDR9"), "{leaks:?}");
    models[0]
        .notes
        .push("module.x[\"MARKEDADDR9\"]: something".to_string());
    let leaks = check_models(&models, &policy, RULES, Look::FIXTURES);
    assert!(leaks.iter().any(|l| l.format == "notes"), "{leaks:?}");
}

/// The mask replaces marked texts only as whole tokens, and never an ARN's
/// fixed parts (`role`, `key`, the partition, the service): the address
/// `aws_iam_role_policy.q` and the attribute name `role` stay readable,
/// while the marked names never show.
#[test]
fn the_mask_never_garbles_words_or_addresses() {
    let (_dir, models) = hcl_module(
        r#"
resource "aws_iam_role_policy" "q" {
  role   = "r"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = sensitive("MARKEDSID5"), Effect = "Allow", Action = "*", Resource = "arn:aws:logs:us-east-1:123456789012:log-group:MARKEDLOG5" }] })
}
resource "aws_lambda_function" "l" {
  function_name = "f"
  role          = "arn:aws:iam::${sensitive("210987654321")}:role/MARKEDROLE5"
  runtime       = "python3.12"
  handler       = "x"
}
resource "aws_sns_topic" "t" {
  name              = "t"
  # A whole marked value that is a word of the address: the address stays.
  display_name      = sensitive("sns")
  kms_master_key_id = sensitive("arn:aws:kms:us-west-2:123456789012:key/MARKEDKEY5")
}
"#,
    );
    let (findings, rendered) = outputs(&models);
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`aws_iam_role_policy.q` allows")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`aws_lambda_function.l`") && m.contains("in `role`")),
        "{messages:#?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("`aws_sns_topic.t`")),
        "{messages:#?}"
    );
    for m in &messages {
        assert!(!m.contains("_(sensitive)"), "{m}");
        assert!(!m.contains("(sensitive)_"), "{m}");
    }
    for (format, text) in &rendered {
        for marker in [
            "MARKEDSID5",
            "MARKEDLOG5",
            "MARKEDROLE5",
            "MARKEDKEY5",
            "210987654321",
        ] {
            assert!(!text.contains(marker), "{format} shows `{marker}`:\n{text}");
        }
    }
    assert!(check_models(&models, &Policy::builtin(), RULES, Look::FIXTURES).is_empty());
}

/// A `NoEcho` parameter's value read from a `--parameter-file` (here
/// CodePipeline's template configuration) stays sensitive: the rule judges
/// by it, no output shows it. The same template without `NoEcho` shows it,
/// so the check is not vacuous.
#[test]
fn a_no_echo_value_from_a_parameter_file_is_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let params = dir.path().join("params.json");
    std::fs::write(
        &params,
        r#"{"Parameters": {"KeyArn": "arn:aws:kms:ap-southeast-2:444455556666:key/marked-key-8q"}, "Tags": {"team": "ops"}}"#,
    )
    .unwrap();
    let limit = tfward::text::bounded::Limits::default().file();
    let parameters = tfward::load::cfn::parameter_file::read(&params, limit).unwrap();
    let rendered_with = |no_echo: bool| {
        let template = dir.path().join("template.yaml");
        std::fs::write(
            &template,
            format!(
                "Parameters:\n  KeyArn:\n    Type: String\n    NoEcho: {no_echo}\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      KmsMasterKeyId: !Ref KeyArn\n"
            ),
        )
        .unwrap();
        let mut opts = LoadOptions::default();
        opts.template.parameters = parameters.clone();
        opts.template.regions = vec!["us-east-1".to_string()];
        let models = load_path(&template, &opts).unwrap();
        let (findings, rendered) = outputs(&models);
        assert!(
            findings
                .iter()
                .any(|f| f.rule == "kms-cross-region-reference"),
            "{findings:#?}"
        );
        (models, rendered)
    };
    let (models, rendered) = rendered_with(true);
    for (format, text) in &rendered {
        for marker in ["marked-key-8q", "ap-southeast-2"] {
            assert!(!text.contains(marker), "{format} shows `{marker}`:\n{text}");
        }
    }
    assert!(check_models(&models, &Policy::builtin(), RULES, Look::FIXTURES).is_empty());
    let (_, shown) = rendered_with(false);
    assert!(
        shown
            .iter()
            .any(|(_, text)| text.contains("ap-southeast-2")),
        "without NoEcho the key's region is shown"
    );
}
