# Story 2: an app template with one trail that records only its home region
# (is_multi_region_trail = false), no kms_key_id and no log file validation. The bucket
# policy is correct. Findings: cloudtrail-not-multi-region, cloudtrail-not-encrypted and
# cloudtrail-log-validation on the trail; no cloudtrail-bucket-policy-missing.

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "trail" {
  bucket = "app-trail-logs-${data.aws_caller_identity.current.account_id}"
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
        Resource  = "arn:aws:s3:::${aws_s3_bucket.trail.bucket}"
      },
      {
        Sid       = "AWSCloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "arn:aws:s3:::${aws_s3_bucket.trail.bucket}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"
        Condition = { StringEquals = { "s3:x-amz-acl" = "bucket-owner-full-control" } }
      },
    ]
  })
}

resource "aws_cloudtrail" "app" {
  name                  = "app-trail"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = false

  depends_on = [aws_s3_bucket_policy.trail]
}
