variable "name" {
  type = string
}

variable "kms_key_arn" {
  type    = string
  default = null
}

resource "aws_backup_vault" "this" {
  name        = "${var.name}-vault"
  kms_key_arn = var.kms_key_arn
}

resource "aws_secretsmanager_secret" "this" {
  name       = "${var.name}-secret"
  kms_key_id = var.kms_key_arn
}
