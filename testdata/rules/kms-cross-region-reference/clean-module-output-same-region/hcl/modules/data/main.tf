variable "name" {
  type = string
}

variable "az" {
  type = string
}

variable "kms_key_arn" {
  type = string
}

resource "aws_cloudwatch_log_group" "this" {
  name       = "/app/${var.name}"
  kms_key_id = var.kms_key_arn
}

resource "aws_ebs_volume" "this" {
  availability_zone = var.az
  size              = 10
  encrypted         = true
  kms_key_id        = var.kms_key_arn
}
