# The key policy names the CloudWatch Logs principal, but only for kms:Decrypt (Logs
# also needs Encrypt/GenerateDataKey/ReEncrypt/Describe), and another key grants it in
# a Deny statement: neither is an Allow with the needed actions.
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "partial" {
  description         = "logs key, partial grant"
  enable_key_rotation = true
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
        Sid       = "LogsDecryptOnly"
        Effect    = "Allow"
        Principal = { Service = "logs.us-east-1.amazonaws.com" }
        Action    = "kms:Decrypt"
        Resource  = "*"
      },
    ]
  })
}

resource "aws_kms_key" "denied" {
  description         = "logs key, deny"
  enable_key_rotation = true
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
        Sid       = "NoLogs"
        Effect    = "Deny"
        Principal = { Service = "logs.us-east-1.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
      },
    ]
  })
}

resource "aws_cloudwatch_log_group" "app" {
  name       = "/app/main"
  kms_key_id = aws_kms_key.partial.arn
}

resource "aws_cloudwatch_log_group" "audit" {
  name       = "/app/audit"
  kms_key_id = aws_kms_key.denied.arn
}
