# The key has no inline policy; aws_kms_key_policy sets one that grants both CloudWatch
# Logs (in the key's region, eu-central-1) and CloudTrail.
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "audit" {
  provider            = aws.eu
  description         = "audit key"
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "audit" {
  provider = aws.eu
  key_id   = aws_kms_key.audit.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Root"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AllowCloudWatchLogs"
        Effect    = "Allow"
        Principal = { Service = "logs.eu-central-1.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:aws:logs:eu-central-1:${data.aws_caller_identity.current.account_id}:log-group:*"
          }
        }
      },
      {
        Sid       = "AllowCloudTrail"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = ["kms:GenerateDataKey*", "kms:DescribeKey"]
        Resource  = "*"
      },
    ]
  })
}

resource "aws_cloudwatch_log_group" "audit" {
  provider   = aws.eu
  name       = "/audit/trail"
  kms_key_id = aws_kms_key.audit.arn
}

resource "aws_s3_bucket" "audit" {
  provider = aws.eu
  bucket   = "audit-trail-111122223333"
}

resource "aws_cloudtrail" "audit" {
  provider       = aws.eu
  name           = "audit"
  s3_bucket_name = aws_s3_bucket.audit.id
  kms_key_id     = aws_kms_key.audit.arn
}
