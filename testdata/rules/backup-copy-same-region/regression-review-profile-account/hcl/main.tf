provider "aws" {
  region  = "us-east-1"
  profile = "workload"
}
provider "aws" {
  alias   = "central"
  region  = "us-east-1"
  profile = "backup-account"
}
provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_backup_vault" "v" {
  name        = "vault-v"
  kms_key_arn = aws_kms_key.k.arn
}
data "aws_backup_vault" "central" {
  provider = aws.central
  name     = "central-vault"
}
data "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr-vault"
}
resource "aws_backup_plan" "p" {
  name = "plan-p"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.v.name
    schedule          = "cron(0 5 * * ? *)"
    copy_action {
      destination_vault_arn = data.aws_backup_vault.central.arn
    }
    copy_action {
      destination_vault_arn = data.aws_backup_vault.dr.arn
    }
  }
}
