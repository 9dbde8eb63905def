# A volume in us-east-1 in zone eu-central-1b (copied from the Frankfurt configuration).
provider "aws" {
  region = "us-east-1"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-central-1b"
  size              = 100
  encrypted         = true
}

resource "aws_ebs_volume" "logs" {
  availability_zone = "us-east-1b"
  size              = 20
  encrypted         = true
}
