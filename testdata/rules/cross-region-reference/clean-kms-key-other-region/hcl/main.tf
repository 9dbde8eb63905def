# A volume in us-east-1 encrypted with a key from eu-west-1: that is kms-cross-region-reference,
# not cross-region-reference.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

resource "aws_kms_key" "eu" {
  provider            = aws.eu
  description         = "eu data key"
  enable_key_rotation = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 20
  encrypted         = true
  kms_key_id        = aws_kms_key.eu.arn
}

resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
