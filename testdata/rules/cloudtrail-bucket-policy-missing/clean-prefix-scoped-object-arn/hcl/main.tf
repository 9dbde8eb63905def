# The trail writes under s3_key_prefix "prefix"; the bucket policy grants s3:PutObject only
# on <bucket>/prefix/AWSLogs/<account>/* (the AWS documented form, with aws:SourceArn
# conditions). A prefix-scoped object ARN counts: clean.

data "aws_caller_identity" "current" {}

locals {
  account    = data.aws_caller_identity.current.account_id
  bucket_arn = "arn:aws:s3:::${aws_s3_bucket.trail.bucket}"
  trail_arn  = "arn:aws:cloudtrail:us-east-1:${local.account}:trail/ops"
}

resource "aws_s3_bucket" "trail" {
  bucket = "ops-trail-logs-${local.account}"
}

resource "aws_s3_bucket_policy" "trail" {
  bucket = aws_s3_bucket.trail.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AWSCloudTrailAclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = local.bucket_arn
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
      {
        Sid       = "AWSCloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${local.bucket_arn}/prefix/AWSLogs/${local.account}/*"
        Condition = {
          StringEquals = {
            "s3:x-amz-acl"  = "bucket-owner-full-control"
            "aws:SourceArn" = local.trail_arn
          }
        }
      },
    ]
  })
}

resource "aws_cloudtrail" "ops" {
  name                       = "ops"
  s3_bucket_name             = aws_s3_bucket.trail.id
  s3_key_prefix              = "prefix"
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  is_multi_region_trail      = true
  enable_log_file_validation = true

  depends_on = [aws_s3_bucket_policy.trail]
}
