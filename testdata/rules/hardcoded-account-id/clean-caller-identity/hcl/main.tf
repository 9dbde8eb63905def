# The same ARNs as fires-role-and-kms-arn, built from data.aws_caller_identity (and
# aws_partition / aws_region). In a plan they are resolved to 111122223333, but the
# configuration shows they are not literals.
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:role/api-fn"
  runtime       = "python3.12"
  handler       = "index.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "api.zip"
}

resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = "arn:aws:kms:${data.aws_region.current.name}:${local.account_id}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${local.account_id}:role/ci-runner" }
      Action    = "sts:AssumeRole"
    }]
  })
}
