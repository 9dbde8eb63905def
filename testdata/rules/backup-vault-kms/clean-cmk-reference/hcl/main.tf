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

resource "aws_kms_key" "dr_key" {
  provider            = aws.dr
  description         = "backup vault key dr_key"
  enable_key_rotation = true
}

resource "aws_backup_vault" "dr" {
  provider    = aws.dr
  name        = "dr-vault"
  kms_key_arn = aws_kms_key.dr_key.arn
}
