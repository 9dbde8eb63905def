# us-east-1 has a customer-managed key; eu-central-1 stores data (volume, queue, log
# group) but has no key of its own: one finding for the region, on its first resource
# by address. us-west-2 holds only a VPC, which stores nothing: not a finding.
resource "aws_kms_key" "us_key" {
  description         = "us key"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "us_bucket" {
  bucket = "app-data-us-111122223333"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "us_bucket_sse" {
  bucket = aws_s3_bucket.us_bucket.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.us_key.arn
    }
  }
}

resource "aws_ebs_volume" "eu_data" {
  provider          = aws.eu
  availability_zone = "eu-central-1a"
  size              = 10
  encrypted         = true
}

resource "aws_sqs_queue" "eu_queue" {
  provider                = aws.eu
  name                    = "jobs-eu"
  sqs_managed_sse_enabled = true
}

# uses the us-east-1 key (that is kms-cross-region-reference); eu-central-1 still has no key of its own
resource "aws_cloudwatch_log_group" "eu_logs" {
  provider   = aws.eu
  name       = "/app/eu"
  kms_key_id = aws_kms_key.us_key.arn
}

resource "aws_vpc" "west" {
  provider   = aws.west
  cidr_block = "10.30.0.0/16"
}
