# Two trails: the app trail in us-east-1 is single-region, but the organisation-wide audit
# trail (defined on the eu provider, eu-central-1) is multi-region. The configuration has a
# multi-region trail, so the single-region one is fine for cloudtrail-not-multi-region.
# Both trails deliver to a bucket of another stack (literal name), are encrypted with
# literal key ARNs in their own region, and validate their log files.

resource "aws_cloudtrail" "app" {
  name                       = "app-data-events"
  s3_bucket_name             = "org-audit-logs-central"
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  is_multi_region_trail      = false
  enable_log_file_validation = true

  event_selector {
    read_write_type           = "All"
    include_management_events = false
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_cloudtrail" "audit" {
  provider                   = aws.eu
  name                       = "audit"
  s3_bucket_name             = "org-audit-logs-central"
  kms_key_id                 = "arn:aws:kms:eu-central-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
