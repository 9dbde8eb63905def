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

# a customer-managed key created elsewhere, by literal key ARN in the vault's region
resource "aws_backup_vault" "dr" {
  provider    = aws.dr
  name        = "dr-vault"
  kms_key_arn = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
