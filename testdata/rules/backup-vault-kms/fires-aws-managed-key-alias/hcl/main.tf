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

# the AWS managed aws/backup key is not customer-managed
resource "aws_backup_vault" "main" {
  name        = "main-vault"
  kms_key_arn = "arn:aws:kms:us-east-1:111122223333:alias/aws/backup"
}
