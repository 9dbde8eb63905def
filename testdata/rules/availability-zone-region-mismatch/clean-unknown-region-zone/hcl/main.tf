# The provider has no region (it comes from the environment): the volume's region is unknown,
# so its zone is never judged.
provider "aws" {}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-central-1b"
  size              = 100
  encrypted         = true
}
