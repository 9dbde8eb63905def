# The trail names its bucket by a literal string, which equals the name of a bucket defined
# in this configuration. That bucket is defined here and has no policy -> finding.

resource "aws_s3_bucket" "trail" {
  bucket = "billing-trail-logs-111122223333"
}

resource "aws_s3_bucket_public_access_block" "trail" {
  bucket                  = aws_s3_bucket.trail.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_cloudtrail" "billing" {
  name                       = "billing"
  s3_bucket_name             = "billing-trail-logs-111122223333"
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
