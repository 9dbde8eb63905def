# is_multi_region_trail comes from a string variable whose value (terraform.tfvars) is
# "true"; Terraform converts it to the boolean true. Clean.

variable "multi_region" {
  type    = string
  default = "false"
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "org-audit-logs-central"
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  is_multi_region_trail      = var.multi_region
  enable_log_file_validation = true
}
