//! The HCL / Terraform JSON evaluator: regions computed with functions and
//! variables, references followed through locals, variables and module
//! outputs, configured values of referenced resources, remote modules.

mod common;

use std::path::Path;
use tfward::load::{LoadOptions, load_path};
use tfward::model::{Model, Reference, Resource, Value};

fn module(files: &[(&str, &str)]) -> (tempfile::TempDir, Model) {
    let dir = tempfile::tempdir().expect("tmp");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let mut models =
        load_path(dir.path(), &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    (dir, models.remove(0))
}

fn res<'m>(model: &'m Model, address: &str) -> &'m Resource {
    common::resource(model, address)
}

fn region(model: &Model, address: &str) -> String {
    res(model, address).placement.region.to_string()
}

fn refs_of<'m>(r: &'m Resource, attr: &str) -> Vec<&'m Reference> {
    r.refs.iter().filter(|x| x.attr == attr).collect()
}

#[test]
fn regions_computed_with_functions_and_locals() {
    let (_dir, m) = module(&[(
        "main.tf",
        r#"
variable "env" { default = "prod" }
variable "regions" {
  default = { prod = "eu-west-1", dev = "eu-west-2" }
}
locals {
  parts = ["ap", "southeast", 2]
  names = { for k, v in var.regions : k => upper(v) }
}
provider "aws" { region = lookup(var.regions, var.env, "us-east-1") }
provider "aws" {
  alias  = "fmt"
  region = format("%s-%s-%d", local.parts[0], local.parts[1], local.parts[2])
}
provider "aws" {
  alias  = "co"
  region = coalesce(null, "", "ca-central-1")
}
provider "aws" {
  alias  = "try"
  region = try(var.regions.staging, "sa-east-1")
}
provider "aws" {
  alias  = "cond"
  region = var.env == "prod" ? join("-", ["us", "west", "1"]) : "x"
}
provider "aws" {
  alias  = "for"
  region = lower(local.names["dev"])
}
resource "aws_sqs_queue" "a" {}
resource "aws_sqs_queue" "b" { provider = aws.fmt }
resource "aws_sqs_queue" "c" { provider = aws.co }
resource "aws_sqs_queue" "d" { provider = aws.try }
resource "aws_sqs_queue" "e" { provider = aws.cond }
resource "aws_sqs_queue" "f" { provider = aws.for }
"#,
    )]);
    assert_eq!(region(&m, "aws_sqs_queue.a"), "eu-west-1");
    assert_eq!(region(&m, "aws_sqs_queue.b"), "ap-southeast-2");
    assert_eq!(region(&m, "aws_sqs_queue.c"), "ca-central-1");
    assert_eq!(region(&m, "aws_sqs_queue.d"), "sa-east-1");
    assert_eq!(region(&m, "aws_sqs_queue.e"), "us-west-1");
    assert_eq!(region(&m, "aws_sqs_queue.f"), "eu-west-2");
    let why = &res(&m, "aws_sqs_queue.a").placement.source;
    assert!(
        why.contains("var.regions") && why.contains("var.env"),
        "{why}"
    );
}

#[test]
fn unknown_values_stay_unknown() {
    let (_dir, m) = module(&[(
        "main.tf",
        r#"
provider "aws" { region = data.aws_ssm_parameter.region.value }
provider "aws" {
  alias  = "env"
  region = timestamp()
}
data "aws_ssm_parameter" "region" { name = "/region" }
resource "aws_sqs_queue" "a" {}
resource "aws_sqs_queue" "b" { provider = aws.env }
resource "aws_sqs_queue" "c" {
  count = length(data.aws_ssm_parameter.region.value)
}
"#,
    )]);
    assert_eq!(region(&m, "aws_sqs_queue.a"), "unknown");
    assert_eq!(region(&m, "aws_sqs_queue.b"), "unknown");
    // A count that is not known before apply gives one `[*]` instance, with a note.
    assert_eq!(res(&m, "aws_sqs_queue.c[*]").address, "aws_sqs_queue.c[*]");
    assert!(m.notes.iter().any(|n| n.contains("count")), "{:?}", m.notes);
}

/// `concat`, `flatten`, `merge` and `for` over partly unknown values keep
/// the known parts, and `jsonencode` of the result is a policy whose unknown
/// ARN is one unknown element, not a wholly unknown policy.
#[test]
fn partly_unknown_values_stay_partly_known() {
    let (_dir, m) = module(&[(
        "main.tf",
        r#"
resource "aws_s3_bucket" "x" { bucket = "logs" }
locals {
  known = ["arn:aws:s3:::old"]
}
resource "aws_s3_bucket_policy" "x" {
  bucket = aws_s3_bucket.x.id
  policy = jsonencode({
    Statement = [merge({ Effect = "Allow", Action = "s3:PutObject" }, {
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Resource = concat(
        [for arn in local.known : "${arn}/*"],
        ["${aws_s3_bucket.x.arn}/*", aws_s3_bucket.x.arn],
      )
    })]
  })
}
resource "aws_sqs_queue" "n" {
  count = length(flatten([local.known, [aws_s3_bucket.x.arn]]))
}
resource "aws_sqs_queue" "k" {
  count = length(concat(local.known, [aws_s3_bucket.x.arn]))
}
"#,
    )]);
    let policy = res(&m, "aws_s3_bucket_policy.x").attr("policy").unwrap();
    let doc = tfward::iam::from_value(policy).expect("a partial policy is read");
    assert!(doc.fully_known(), "{doc:?}");
    let resources: Vec<&str> = doc.statements[0]
        .resources
        .iter()
        .map(|r| r.as_str())
        .collect();
    assert_eq!(
        resources,
        [
            "arn:aws:s3:::old/*",
            "${aws_s3_bucket.x.arn}/*",
            "${aws_s3_bucket.x.arn}"
        ]
    );
    assert_eq!(
        doc.statements[0].services().collect::<Vec<_>>(),
        ["cloudtrail.amazonaws.com"]
    );
    // The reference is still followed.
    assert!(
        refs_of(res(&m, "aws_s3_bucket_policy.x"), "policy")
            .iter()
            .any(|r| r.target == "aws_s3_bucket.x"),
        "{:?}",
        res(&m, "aws_s3_bucket_policy.x").refs
    );
    // flatten over an unknown element: the length (and so the count) is unknown.
    assert_eq!(res(&m, "aws_sqs_queue.n[*]").address, "aws_sqs_queue.n[*]");
    // concat with an unknown element: two instances.
    assert_eq!(res(&m, "aws_sqs_queue.k[1]").address, "aws_sqs_queue.k[1]");
}

/// A `for` with an `if` whose condition is unknown for one element: which
/// elements remain is unknown, so the whole result is (list or map).
#[test]
fn a_for_with_an_unknown_condition_is_unknown() {
    let (_dir, m) = module(&[(
        "main.tf",
        r#"
resource "aws_s3_bucket" "x" { bucket = "logs" }
resource "aws_sqs_queue" "l" {
  count = length([for v in ["a", aws_s3_bucket.x.arn] : v if v != "b"])
}
resource "aws_sqs_queue" "p" {
  count = length([for v in ["a", aws_s3_bucket.x.arn] : v])
}
"#,
    )]);
    assert_eq!(res(&m, "aws_sqs_queue.l[*]").address, "aws_sqs_queue.l[*]");
    assert_eq!(res(&m, "aws_sqs_queue.p[1]").address, "aws_sqs_queue.p[1]");
}

#[test]
fn references_through_locals_variables_and_module_outputs() {
    let (_dir, m) = module(&[
        (
            "main.tf",
            r#"
provider "aws" { region = "us-east-1" }
module "keys" {
  source = "./keys"
}
locals {
  key = module.keys.key_arn
}
module "logs" {
  source = "./logs"
  key    = local.key
}
resource "aws_sns_topic" "t" {
  kms_master_key_id = module.keys.key_id
}
"#,
        ),
        (
            "keys/main.tf",
            r#"
resource "aws_kms_key" "k" {}
output "key_arn" { value = aws_kms_key.k.arn }
output "key_id" { value = aws_kms_key.k.key_id }
"#,
        ),
        (
            "logs/main.tf",
            r#"
variable "key" {}
resource "aws_cloudwatch_log_group" "g" {
  name       = "app"
  kms_key_id = var.key
}
"#,
        ),
    ]);
    let group = res(&m, "module.logs.aws_cloudwatch_log_group.g");
    let kms = refs_of(group, "kms_key_id");
    assert_eq!(kms.len(), 1, "{:?}", group.refs);
    assert_eq!(kms[0].target, "module.keys.aws_kms_key.k");
    assert_eq!(kms[0].target_attr.as_deref(), Some("arn"));
    assert_eq!(m.lookup(&kms[0].target).count(), 1);
    assert_eq!(group.attr("kms_key_id"), Some(&Value::Unknown));
    let topic = res(&m, "aws_sns_topic.t");
    assert_eq!(
        refs_of(topic, "kms_master_key_id")[0]
            .target_attr
            .as_deref(),
        Some("key_id")
    );
}

#[test]
fn nested_block_references_and_configured_values() {
    let (_dir, m) = module(&[(
        "main.tf",
        r#"
provider "aws" { region = "us-east-1" }
provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}
resource "aws_backup_vault" "main" { name = "main-vault" }
resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr-vault"
}
resource "aws_backup_plan" "p" {
  name = "p"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
  dynamic "advanced_backup_setting" {
    for_each = { windows = "WindowsVSS" }
    content {
      resource_type  = advanced_backup_setting.value
      backup_options = { WindowsVSS = "enabled" }
    }
  }
}
"#,
    )]);
    let plan = res(&m, "aws_backup_plan.p");
    let rule = &plan.attr("rule").expect("rule").blocks()[0];
    // The vault's name is configured, so the plan's value is known, as in a real plan.
    assert_eq!(
        rule.get("target_vault_name"),
        Some(&Value::String("main-vault".into()))
    );
    let copy = refs_of(plan, "rule.0.copy_action.0.destination_vault_arn");
    assert_eq!(copy.len(), 1, "{:?}", plan.refs);
    assert_eq!(copy[0].target, "aws_backup_vault.dr");
    let setting = &plan
        .attr("advanced_backup_setting")
        .expect("dynamic block")
        .blocks()[0];
    assert_eq!(
        setting.get("resource_type"),
        Some(&Value::String("WindowsVSS".into()))
    );
}

#[test]
fn count_and_for_each_references_pick_the_instance() {
    let (_dir, m) = module(&[(
        "main.tf",
        r#"
provider "aws" { region = "eu-west-1" }
resource "aws_kms_key" "k" {
  for_each    = toset(["a", "b"])
  description = "key ${each.key}"
}
resource "aws_sqs_queue" "q" {
  count             = 2
  name              = "q-${count.index}"
  kms_master_key_id = aws_kms_key.k["b"].arn
}
resource "aws_sqs_queue" "all" {
  name = join(",", [for q in aws_sqs_queue.q : q.name])
}
"#,
    )]);
    assert_eq!(
        m.resources
            .iter()
            .filter(|r| r.r#type == "aws_kms_key")
            .count(),
        2
    );
    let q1 = res(&m, "aws_sqs_queue.q[1]");
    assert_eq!(q1.attr("name"), Some(&Value::String("q-1".into())));
    assert_eq!(
        refs_of(q1, "kms_master_key_id")[0].target,
        r#"aws_kms_key.k["b"]"#
    );
    assert_eq!(m.lookup(r#"aws_kms_key.k["b"]"#).count(), 1);
    assert_eq!(
        m.lookup("aws_kms_key.k").count(),
        2,
        "the base address names every instance"
    );
    assert_eq!(
        res(&m, r#"aws_kms_key.k["a"]"#).attr("description"),
        Some(&Value::String("key a".into()))
    );
}

#[test]
fn remote_modules_from_the_init_manifest_or_a_note() {
    let (_dir, m) = module(&[
        (
            "main.tf",
            r#"
provider "aws" { region = "eu-north-1" }
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
module "gone" {
  source = "git::https://example.invalid/x.git"
}
"#,
        ),
        (
            ".terraform/modules/modules.json",
            r#"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.0.0","Dir":".terraform/modules/vpc"}]}"#,
        ),
        (
            ".terraform/modules/vpc/main.tf",
            "resource \"aws_vpc\" \"this\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n",
        ),
    ]);
    assert_eq!(region(&m, "module.vpc.aws_vpc.this"), "eu-north-1");
    assert!(
        m.notes
            .iter()
            .any(|n| n.contains("`gone`") && n.contains("not on disk")),
        "{:?}",
        m.notes
    );
}

#[test]
fn state_resources_are_placed_by_their_arn() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("state.json");
    std::fs::write(
        &path,
        r#"{"format_version":"1.0","terraform_version":"1.9.0","values":{"root_module":{"resources":[
          {"address":"aws_kms_key.k","mode":"managed","type":"aws_kms_key","name":"k",
           "provider_name":"registry.terraform.io/hashicorp/aws",
           "values":{"arn":"arn:aws:kms:eu-central-1:111122223333:key/abc","key_id":"abc"},"sensitive_values":{}},
          {"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b",
           "provider_name":"registry.terraform.io/hashicorp/aws",
           "values":{"arn":"arn:aws:s3:::b","bucket":"b"},"sensitive_values":{}}]}}}"#,
    )
    .expect("write");
    let m = load_path(&path, &LoadOptions::default())
        .expect("state")
        .remove(0);
    assert_eq!(region(&m, "aws_kms_key.k"), "eu-central-1");
    assert!(res(&m, "aws_kms_key.k").placement.source.contains("ARN"));
    // S3 ARNs carry no region: unknown, not guessed.
    assert_eq!(region(&m, "aws_s3_bucket.b"), "unknown");
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn cdktf_findings_carry_the_construct_path() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/cdktf/secure-infra-single-region/cdk.tf.json");
    let m = load_path(&path, &LoadOptions::default())
        .expect("cdk.tf.json")
        .remove(0);
    assert_eq!(m.stack.as_deref(), Some("secure-infrastructure"));
    let key = res(&m, "aws_kms_key.Main-KMS-Key");
    assert_eq!(
        key.location.construct_path.as_deref(),
        Some("secure-infrastructure/Main-KMS-Key")
    );
    assert!(key.location.line.is_some());
    let group = res(&m, "aws_cloudwatch_log_group.CloudTrail-Log-Group");
    assert_eq!(
        refs_of(group, "kms_key_id")[0].target,
        "aws_kms_key.Main-KMS-Key"
    );
    // Every resource is in us-east-1 except the global IAM ones (DEFECTS.md).
    for r in &m.resources {
        let want = if r.r#type.starts_with("aws_iam_") || r.r#type == "aws_caller_identity" {
            "global"
        } else {
            "us-east-1"
        };
        assert_eq!(r.placement.region.to_string(), want, "{}", r.address);
    }
}
