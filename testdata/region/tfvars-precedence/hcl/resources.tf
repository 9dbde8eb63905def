resource "aws_sqs_queue" "default" {
  name = "tfward-default"
}

data "aws_region" "default" {}

resource "aws_sqs_queue" "tfvars" {
  provider = aws.tfvars
  name     = "tfward-tfvars"
}

data "aws_region" "tfvars" {
  provider = aws.tfvars
}

resource "aws_sns_topic" "tfvars_json" {
  provider = aws.tfvars_json
  name     = "tfward-tfvars-json"
}

data "aws_region" "tfvars_json" {
  provider = aws.tfvars_json
}

resource "aws_s3_bucket" "auto" {
  provider = aws.auto
  bucket   = "tfward-precedence-auto"
}

data "aws_region" "auto" {
  provider = aws.auto
}

resource "aws_kms_key" "auto_json" {
  provider            = aws.auto_json
  description         = "auto json"
  enable_key_rotation = true
}

data "aws_region" "auto_json" {
  provider = aws.auto_json
}

resource "aws_cloudwatch_log_group" "var_file" {
  provider = aws.var_file
  name     = "/tfward/var-file"
}

data "aws_region" "var_file" {
  provider = aws.var_file
}

resource "aws_sqs_queue" "var_before" {
  provider = aws.var_before
  name     = "tfward-var-before"
}

data "aws_region" "var_before" {
  provider = aws.var_before
}

resource "aws_sns_topic" "var_after" {
  provider = aws.var_after
  name     = "tfward-var-after"
}

data "aws_region" "var_after" {
  provider = aws.var_after
}

# global on a tfvars-driven provider
resource "aws_iam_user" "ci" {
  provider = aws.var_after
  name     = "tfward-ci"
}
