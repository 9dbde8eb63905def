terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

variable "enabled" {
  type    = bool
  default = false
}

locals {
  # keys with dots, brackets and a space
  buckets = {
    "logs"       = "log archive"
    "a.b"        = "dotted key"
    "x[0]"       = "bracketed key"
    "with space" = "spaced key"
  }
  queue_names = ["alpha", "beta.gamma", "alpha"]
  envs        = { prod = 1, dev = 2 }
  zones       = { for k, v in local.envs : "${k}.internal" => v }
  regions     = toset(["a.b", "c"])
}

resource "aws_s3_bucket" "by_map" {
  for_each = local.buckets
  bucket   = "tfward-fec-${replace(replace(replace(each.key, ".", "-"), "[", "-"), "]", "")}"
  tags     = { Purpose = each.value }
}

resource "aws_sqs_queue" "by_set" {
  provider = aws.eu
  for_each = toset(local.queue_names)
  name     = replace(each.key, ".", "-")
}

resource "aws_kms_key" "counted" {
  count               = 2
  description         = "key ${count.index}"
  enable_key_rotation = true
}

# no instances at all
resource "aws_kms_key" "none" {
  count               = 0
  enable_key_rotation = true
}

resource "aws_sns_topic" "conditional" {
  provider = aws.eu
  count    = var.enabled ? 1 : 0
  name     = "tfward-fec-conditional"
}

resource "aws_cloudwatch_log_group" "per_env" {
  provider = aws.eu
  for_each = local.zones
  name     = "/tfward/${each.key}"
}

# global, one instance per env
resource "aws_iam_role" "per_env" {
  for_each = local.envs
  name     = "tfward-fec-${each.key}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

data "aws_region" "counted" {
  provider = aws.eu
  count    = 2
}

# every instance of the call gets the same provider
module "regional" {
  source   = "./modules/regional"
  for_each = local.regions
  name     = each.key
  providers = {
    aws = aws.eu
  }
}

module "counted" {
  source = "./modules/counted"
  count  = 2
  index  = count.index
}

module "zero" {
  source = "./modules/counted"
  count  = 0
  index  = 0
}
