variable "name" {
  type = string
}

variable "key" {
  type = string
}

resource "aws_sqs_queue" "this" {
  name              = var.name
  kms_master_key_id = var.key
}
