# The policy requires EBS encryption by default; the region's
# aws_ebs_encryption_by_default sets enabled = false. The disabled setting is the root
# cause: one finding on it (not on the volume, which does not set `encrypted`).
resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-central-1a"
  size              = 20
}
