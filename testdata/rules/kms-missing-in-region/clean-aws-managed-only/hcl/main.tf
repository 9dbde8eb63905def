# No customer-managed key anywhere and no require_cmk: every region relies on AWS
# managed encryption. Not a finding.
resource "aws_s3_bucket" "us_bucket" {
  bucket = "app-data-us-111122223333"
}

resource "aws_ebs_volume" "us_data" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
}

resource "aws_sns_topic" "eu_topic" {
  provider          = aws.eu
  name              = "alerts"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_cloudwatch_log_group" "eu_logs" {
  provider = aws.eu
  name     = "/app/eu"
}

resource "aws_ebs_volume" "eu_data" {
  provider          = aws.eu
  availability_zone = "eu-central-1a"
  size              = 10
  encrypted         = true
}
