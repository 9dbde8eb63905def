terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}

resource "aws_kms_key" "main_key" {
  description         = "backup vault key main_key"
  enable_key_rotation = true
}

resource "aws_backup_vault" "main" {
  name        = "main-vault"
  kms_key_arn = aws_kms_key.main_key.arn
}

# no selection: the plan protects no resource
resource "aws_backup_plan" "daily" {
  name = "daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 5 ? * * *)"

    lifecycle {
      delete_after = 35
    }
  }
}
