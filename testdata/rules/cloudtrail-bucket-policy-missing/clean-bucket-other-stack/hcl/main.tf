# The trail delivers to the central audit bucket of another stack (a literal name that
# matches no bucket here). That bucket is not defined in this configuration and is not
# judged, even though this configuration defines an unrelated bucket without a policy.

resource "aws_s3_bucket" "assets" {
  bucket = "app-assets-111122223333"
}

resource "aws_cloudtrail" "app" {
  name                       = "app"
  s3_bucket_name             = "org-central-audit-logs-999988887777"
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
