terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "name" {
  type = string
}

resource "aws_kms_key" "vault" {
  description         = "backup vault key"
  enable_key_rotation = true
}

resource "aws_backup_vault" "this" {
  name        = var.name
  kms_key_arn = aws_kms_key.vault.arn
}

output "name" {
  value = aws_backup_vault.this.name
}

output "arn" {
  value = aws_backup_vault.this.arn
}
