# eu-central-1 has no key but hosts nothing that encrypts at rest (a VPC, a subnet, a
# security group): not a finding.
resource "aws_kms_key" "us_key" {
  description         = "us key"
  enable_key_rotation = true
}

resource "aws_sqs_queue" "us_queue" {
  name              = "jobs"
  kms_master_key_id = aws_kms_key.us_key.arn
}

resource "aws_vpc" "eu" {
  provider   = aws.eu
  cidr_block = "10.40.0.0/16"
}

resource "aws_subnet" "eu_a" {
  provider          = aws.eu
  vpc_id            = aws_vpc.eu.id
  cidr_block        = "10.40.1.0/24"
  availability_zone = "eu-central-1a"
}

resource "aws_security_group" "eu_app" {
  provider    = aws.eu
  name        = "app"
  description = "app"
  vpc_id      = aws_vpc.eu.id
}
