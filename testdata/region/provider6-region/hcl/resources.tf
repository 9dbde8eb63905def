# AWS provider 6: a resource's own region argument beats its provider's region.
resource "aws_s3_bucket" "eu" {
  region = "eu-west-1"
  bucket = "tfward-p6-eu"
}

# var.r is null: "not set", so the provider's region (us-east-1)
resource "aws_sqs_queue" "nulled" {
  region = var.r
  name   = "tfward-p6-nulled"
}

# var.r2 comes from terraform.tfvars
resource "aws_sns_topic" "tfvars" {
  region = var.r2
  name   = "tfward-p6-tfvars"
}

# through a local and lookup()
resource "aws_sqs_queue" "dr" {
  region = local.dr_region
  name   = "tfward-p6-dr"
}

# the resource argument also beats an aliased provider
resource "aws_kms_key" "west_override" {
  provider            = aws.west
  region              = "ap-southeast-2"
  description         = "override"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "west_nulled" {
  provider = aws.west
  region   = var.r
  name     = "/tfward/p6/west-nulled"
}

resource "aws_kms_key" "plain" {
  description         = "no region argument"
  enable_key_rotation = true
}

# global: IAM has no region argument
resource "aws_iam_role" "app" {
  name = "tfward-p6-app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

module "replica" {
  source = "./modules/replica"
  region = "eu-north-1"
  providers = {
    aws = aws.west
  }
}
