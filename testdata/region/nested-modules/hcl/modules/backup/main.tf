terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.primary]
    }
  }
}

resource "aws_kms_key" "vault" {
  description         = "backup vault key"
  enable_key_rotation = true
}

resource "aws_backup_vault" "this" {
  name        = "tfward-nested-dr"
  kms_key_arn = aws_kms_key.vault.arn
}

resource "aws_sns_topic" "notify_primary" {
  provider = aws.primary
  name     = "tfward-nested-notify"
}

# Trap: inside "inner", aws.alt is this module's default aws, i.e. the root
# aws.dr (us-west-2), not the root default aws.
module "inner" {
  source = "../inner"
  providers = {
    aws.alt = aws
  }
}
