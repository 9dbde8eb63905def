# One key, policy with only the root-account statement, used by an encrypted CloudWatch
# log group and an encrypted CloudTrail trail: two findings on the key (logs.us-east-1
# and cloudtrail principals both missing).
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "main" {
  description         = "main key"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Enable IAM User Permissions"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "/aws/cloudtrail/main"
  retention_in_days = 90
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_s3_bucket" "trail" {
  bucket = "main-cloudtrail-logs-111122223333"
}

resource "aws_iam_role" "trail_logs" {
  name = "cloudtrail-logs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_cloudtrail" "main" {
  name                       = "main-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  kms_key_id                 = aws_kms_key.main.arn
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.trail_logs.arn
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
