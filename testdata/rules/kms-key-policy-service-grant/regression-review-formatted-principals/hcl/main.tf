provider "aws" { region = "us-east-1" }
data "aws_region" "current" {}
data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

# A: principal with two interpolations
data "aws_iam_policy_document" "a" {
  statement {
    sid       = "root"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  statement {
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${data.aws_region.current.name}.${data.aws_partition.current.dns_suffix}"]
    }
  }
}
resource "aws_kms_key" "a" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.a.json
}
resource "aws_cloudwatch_log_group" "a" {
  name       = "a"
  kms_key_id = aws_kms_key.a.arn
}

# B: principal via format()
data "aws_iam_policy_document" "b" {
  statement {
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = [format("logs.%s.amazonaws.com", data.aws_region.current.name)]
    }
  }
}
resource "aws_kms_key" "b" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.b.json
}
resource "aws_cloudwatch_log_group" "b" {
  name       = "b"
  kms_key_id = aws_kms_key.b.arn
}

# C: grant in a source_policy_documents doc, the key uses the combining doc
data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "logs"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.us-east-1.amazonaws.com"]
    }
  }
}
data "aws_iam_policy_document" "c" {
  source_policy_documents = [data.aws_iam_policy_document.logs.json]
  statement {
    sid       = "root"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}
resource "aws_kms_key" "c" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.c.json
}
resource "aws_cloudwatch_log_group" "c" {
  name       = "c"
  kms_key_id = aws_kms_key.c.arn
}

# D: dynamic statement over a known local
locals {
  svc = { logs = "logs.us-east-1.amazonaws.com" }
}
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = local.svc
    content {
      actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      resources = ["*"]
      principals {
        type        = "Service"
        identifiers = [statement.value]
      }
    }
  }
}
resource "aws_kms_key" "d" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.d.json
}
resource "aws_cloudwatch_log_group" "d" {
  name       = "d"
  kms_key_id = aws_kms_key.d.arn
}
# E: alias use
resource "aws_kms_alias" "e" {
  name          = "alias/e"
  target_key_id = aws_kms_key.d.key_id
}
resource "aws_cloudwatch_log_group" "e" {
  name       = "e"
  kms_key_id = aws_kms_alias.e.arn
}
