# A vault whose key ARN is built from the region and the account but names the
# AWS managed alias/aws/backup: still the AWS managed key (a finding). The
# other vault uses a customer-managed key (clean).
data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

resource "aws_backup_vault" "managed" {
  name        = "managed-key-vault"
  kms_key_arn = "arn:aws:kms:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:alias/aws/backup"
}

resource "aws_kms_key" "backup" {
  description         = "backup vault key"
  enable_key_rotation = true
}

resource "aws_backup_vault" "customer" {
  name        = "customer-key-vault"
  kms_key_arn = aws_kms_key.backup.arn
}
