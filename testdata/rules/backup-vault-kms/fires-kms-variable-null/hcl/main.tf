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

variable "vault_kms_key_arn" {
  type    = string
  default = null
}

# null means "not set": the vault falls back to the AWS managed aws/backup key

resource "aws_backup_vault" "main" {
  name        = "main-vault"
  kms_key_arn = var.vault_kms_key_arn
}
