# The trail delivers to an existing bucket read by a data source: the bucket is
# managed elsewhere (another stack owns it and its policy), so its bucket policy
# is not ours to see and is not judged. HCL only: `data "aws_s3_bucket"` calls
# AWS, so this case cannot plan offline.

data "aws_s3_bucket" "audit" {
  bucket = "org-central-audit-logs"
}

resource "aws_cloudtrail" "app" {
  name                       = "app"
  s3_bucket_name             = data.aws_s3_bucket.audit.id
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
