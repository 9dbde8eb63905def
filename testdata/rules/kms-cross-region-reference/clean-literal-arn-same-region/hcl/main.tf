# Keys from another stack, named by literal ARNs of the resource's own region.
resource "aws_sns_topic" "eu_topic" {
  provider          = aws.eu
  name              = "alerts"
  kms_master_key_id = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_cloudwatch_log_group" "eu_logs" {
  provider   = aws.eu
  name       = "/app/eu"
  kms_key_id = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_ebs_volume" "us_data" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321"
}

resource "aws_kms_key" "us_key" {
  description         = "us key"
  enable_key_rotation = true
}
