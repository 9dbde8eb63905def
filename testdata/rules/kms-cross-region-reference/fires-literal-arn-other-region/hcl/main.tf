resource "aws_kms_key" "eu_key" {
  provider            = aws.eu
  description         = "eu key"
  enable_key_rotation = true
}

# eu-central-1 topic with a literal us-east-1 key ARN
resource "aws_sns_topic" "eu_topic" {
  provider          = aws.eu
  name              = "alerts"
  kms_master_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# eu-central-1 secret with a literal us-west-2 key ARN
resource "aws_secretsmanager_secret" "eu_secret" {
  provider   = aws.eu
  name       = "app-db-password"
  kms_key_id = "arn:aws:kms:us-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321"
}

# us-east-1 volume with the literal us-east-1 ARN: fine
resource "aws_ebs_volume" "us_data" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# eu-central-1 queue with the eu key: fine
resource "aws_sqs_queue" "eu_queue" {
  provider          = aws.eu
  name              = "app-eu"
  kms_master_key_id = aws_kms_key.eu_key.arn
}
