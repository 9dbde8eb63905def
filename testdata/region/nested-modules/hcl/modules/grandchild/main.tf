variable "name" {
  type = string
}

resource "aws_kms_key" "this" {
  description         = "grandchild of ${var.name}"
  enable_key_rotation = true
}

data "aws_region" "here" {}
