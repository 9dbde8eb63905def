terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "name" {
  type = string
}

variable "region" {
  type    = string
  default = "ca-central-1"
}

# A provider configuration written inside a module (legacy pattern).
provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "use1"
  region = "us-east-1"
}

resource "aws_kms_key" "this" {
  description         = "${var.name} key"
  enable_key_rotation = true
}

resource "aws_sqs_queue" "this" {
  name              = "tfward-mpb-${var.name}"
  kms_master_key_id = aws_kms_key.this.arn
}

data "aws_region" "here" {}

resource "aws_acm_certificate" "cdn" {
  provider          = aws.use1
  domain_name       = "${var.name}.tfward.invalid"
  validation_method = "DNS"
}

resource "aws_iam_role" "this" {
  name = "tfward-mpb-${var.name}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

# The child passes nothing: it inherits this module's own default aws.
module "sub" {
  source = "../sub"
  name   = var.name
}
