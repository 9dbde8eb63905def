variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = "tfward-fec-regional-${replace(var.name, ".", "-")}"
}

resource "aws_cloudwatch_log_group" "lg" {
  count = 2
  name  = "/tfward/regional/${var.name}/${count.index}"
}

data "aws_region" "here" {}
