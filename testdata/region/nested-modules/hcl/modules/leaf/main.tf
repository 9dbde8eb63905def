variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = "tfward-nested-${var.name}"
}

data "aws_region" "here" {}

output "bucket" {
  value = aws_s3_bucket.this.bucket
}
