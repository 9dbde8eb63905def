# The eu-central-1 key's policy was copied from the us-east-1 one: it grants
# logs.us-east-1.amazonaws.com, but the log group that uses it is in eu-central-1.
data "aws_caller_identity" "current" {}

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
      identifiers = ["logs.us-east-1.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "us_key" {
  description         = "us logs key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.us_key.json
}

resource "aws_kms_key" "eu_key" {
  provider            = aws.eu
  description         = "eu logs key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.us_key.json
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
