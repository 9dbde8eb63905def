variable "name" {
  type = string
}

variable "kms_key_arn" {
  type = string
}

resource "aws_cloudwatch_log_group" "this" {
  name       = "/cell/${var.name}"
  kms_key_id = var.kms_key_arn
}
