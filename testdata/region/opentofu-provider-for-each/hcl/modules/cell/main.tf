variable "name" {
  type = string
}

resource "aws_kms_key" "this" {
  description = "cell ${var.name}"
}

# Inherits the instance its parent was given, one level down.
module "inner" {
  source = "../inner"
  name   = var.name
}

# Read through this module instance's provider instance.
data "aws_region" "here" {}
