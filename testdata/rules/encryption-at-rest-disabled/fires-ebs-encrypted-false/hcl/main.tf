# Two volumes switch encryption off: `false` and the string "false" (Terraform converts
# it to a boolean). A volume that omits `encrypted` is not this finding (without a
# policy requiring default encryption), nor is one with encrypted = true.
resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 100
  encrypted         = false
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "us-east-1b"
  size              = 50
  encrypted         = "false"
}

resource "aws_ebs_volume" "logs" {
  availability_zone = "us-east-1a"
  size              = 20
}

resource "aws_ebs_volume" "secure" {
  availability_zone = "us-east-1a"
  size              = 20
  encrypted         = true
}
