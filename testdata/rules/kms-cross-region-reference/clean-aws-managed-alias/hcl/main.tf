# The only customer-managed key is in us-east-1; the eu-central-1 topic and queue use
# the AWS-managed aliases, which exist in every region.
resource "aws_kms_key" "us_key" {
  description         = "app key (us)"
  enable_key_rotation = true
}

resource "aws_sns_topic" "eu_topic" {
  provider          = aws.eu
  name              = "alerts"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sqs_queue" "eu_queue" {
  provider          = aws.eu
  name              = "jobs-eu"
  kms_master_key_id = "alias/aws/sqs"
}

resource "aws_sns_topic" "us_topic" {
  name              = "alerts-us"
  kms_master_key_id = aws_kms_key.us_key.arn
}
