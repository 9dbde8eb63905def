# The policy requires EBS encryption by default, and both regions that host volumes
# enable it (the eu one through the provider alias). Volumes that omit `encrypted`
# are then encrypted by default. us-west-2 is not used.
resource "aws_ebs_encryption_by_default" "us" {
  enabled = true
}

resource "aws_ebs_encryption_by_default" "eu" {
  provider = aws.eu
  enabled  = true
}

resource "aws_ebs_volume" "us_data" {
  availability_zone = "us-east-1a"
  size              = 20
}

resource "aws_ebs_volume" "eu_data" {
  provider          = aws.eu
  availability_zone = "eu-west-1a"
  size              = 20
}
