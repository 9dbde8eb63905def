# Twin of clean-concat-partly-unknown-arns: the same `concat` of a known ARN
# and the bucket's ARN known only after apply, but the known parts of the
# write statement grant s3:PutObject to delivery.logs.amazonaws.com, not to
# CloudTrail. The unknown ARN changes nothing about that: finding on the trail.

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "trail" {
  bucket = "org-trail-${data.aws_caller_identity.current.account_id}"
}

locals {
  legacy_bucket_arns = ["arn:aws:s3:::org-trail-legacy"]
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
        Resource  = concat(local.legacy_bucket_arns, [aws_s3_bucket.trail.arn])
      },
      {
        Sid       = "AWSLogDeliveryWrite"
        Effect    = "Allow"
        Principal = { Service = "delivery.logs.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource = concat(
          [for arn in local.legacy_bucket_arns : "${arn}/AWSLogs/*"],
          ["${aws_s3_bucket.trail.arn}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"],
        )
        Condition = { StringEquals = { "s3:x-amz-acl" = "bucket-owner-full-control" } }
      },
    ]
  })
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  is_multi_region_trail      = true
  enable_log_file_validation = true

  depends_on = [aws_s3_bucket_policy.trail]
}
