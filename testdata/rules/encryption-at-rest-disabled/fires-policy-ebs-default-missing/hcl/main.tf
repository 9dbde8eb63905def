# The policy requires EBS encryption by default. us-east-1 hosts a volume and enables
# it (clean); eu-west-1 hosts a volume and has no aws_ebs_encryption_by_default: one
# finding for the region, on its (only) volume.
resource "aws_ebs_encryption_by_default" "us" {
  enabled = true
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
