# Resources of providers that have no regions (random, null, tls, time, local,
# archive, github, kubernetes) with no provider block at all: regions do not
# apply to them (`n/a` in `tfward inventory`), so they are never "unresolved",
# even though no configuration sets a region for them. The one AWS resource has
# a region. HCL only: those providers are not installed here, so this case
# cannot plan offline (testdata/region/no-regions has a real plan with
# Terraform's built-in `terraform_data`).

provider "aws" {
  region = "eu-west-1"
}

resource "random_id" "suffix" {
  byte_length = 4
}

resource "null_resource" "hook" {}

resource "tls_private_key" "deploy" {
  algorithm = "ED25519"
}

resource "time_sleep" "settle" {
  create_duration = "30s"
}

resource "local_file" "kubeconfig" {
  filename = "kubeconfig"
  content  = "apiVersion: v1"
}

data "archive_file" "lambda" {
  type        = "zip"
  source_file = "index.js"
  output_path = "lambda.zip"
}

resource "github_repository" "infra" {
  name = "infra"
}

resource "kubernetes_namespace" "app" {
  metadata {
    name = "app"
  }
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs-${random_id.suffix.hex}"
}
