# A trail that turns log file validation off explicitly; the other trail sets it to true.
# One finding, on "audit".

resource "aws_cloudtrail" "audit" {
  name                       = "audit"
  s3_bucket_name             = "org-audit-logs-central"
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  is_multi_region_trail      = true
  enable_log_file_validation = false
}

resource "aws_cloudtrail" "security" {
  name                       = "security"
  s3_bucket_name             = "org-audit-logs-central"
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
