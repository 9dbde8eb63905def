# Each region's key policy comes from an aws_iam_policy_document that grants
# logs.${data.aws_region.<r>.name}.amazonaws.com (the key's own region) and, for the
# trail's key, cloudtrail.amazonaws.com. A key used only by EBS needs no service grant.
data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

data "aws_region" "eu" {
  provider = aws.eu
}

data "aws_iam_policy_document" "us_key" {
  statement {
    sid       = "Root"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  statement {
    sid       = "AllowCloudWatchLogs"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${data.aws_region.current.name}.amazonaws.com"]
    }
  }
  statement {
    sid       = "AllowCloudTrail"
    actions   = ["kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["arn:aws:cloudtrail:*:${data.aws_caller_identity.current.account_id}:trail/*"]
    }
  }
}

data "aws_iam_policy_document" "eu_key" {
  statement {
    sid       = "Root"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  statement {
    sid       = "AllowCloudWatchLogs"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${data.aws_region.eu.name}.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "us_key" {
  description         = "us logs and trail key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.us_key.json
}

resource "aws_kms_key" "eu_key" {
  provider            = aws.eu
  description         = "eu logs key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.eu_key.json
}

resource "aws_cloudwatch_log_group" "us_logs" {
  name       = "/app/us"
  kms_key_id = aws_kms_key.us_key.arn
}

resource "aws_cloudwatch_log_group" "eu_logs" {
  provider   = aws.eu
  name       = "/app/eu"
  kms_key_id = aws_kms_key.eu_key.arn
}

resource "aws_s3_bucket" "trail" {
  bucket = "app-trail-111122223333"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
  kms_key_id     = aws_kms_key.us_key.arn
}

# root-only policy, used only by EBS (which needs no key-policy grant)
resource "aws_kms_key" "ebs_key" {
  description         = "ebs key"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Root"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = aws_kms_key.ebs_key.arn
}
