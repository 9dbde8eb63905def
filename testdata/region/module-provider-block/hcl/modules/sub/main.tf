variable "name" {
  type = string
}

resource "aws_cloudwatch_log_group" "this" {
  name = "/tfward/mpb/${var.name}"
}

data "aws_region" "here" {}
