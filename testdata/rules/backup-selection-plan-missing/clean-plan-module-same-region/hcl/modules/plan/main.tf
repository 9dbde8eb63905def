terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

resource "aws_kms_key" "vault" {
  description         = "backup vault key"
  enable_key_rotation = true
}

resource "aws_backup_vault" "this" {
  name        = "module-vault"
  kms_key_arn = aws_kms_key.vault.arn
}

resource "aws_backup_plan" "this" {
  name = "module-plan"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.this.name
    schedule          = "cron(0 5 ? * * *)"

    lifecycle {
      delete_after = 35
    }
  }
}

output "plan_id" {
  value = aws_backup_plan.this.id
}
