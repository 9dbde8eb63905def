variable "name" {
  type = string
}

resource "aws_kms_key" "this" {
  description = "cell ${var.name}"
}

resource "aws_cloudwatch_log_group" "this" {
  name       = "/cell/${var.name}"
  kms_key_id = aws_kms_key.this.arn
}
