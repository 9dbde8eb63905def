# enable_log_file_validation = "true" (a string, through a local): Terraform converts it to
# the boolean true. Clean.

locals {
  validate = "true"
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "org-audit-logs-central"
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  is_multi_region_trail      = true
  enable_log_file_validation = local.validate
}
