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
  alias  = "backup"
  region = "us-west-2"
}

# The product's story: vault, plan and selection all on the backup-region provider
# (aws.backup, us-west-2); the data tagged for backup lives in the primary region
# (default provider, us-east-1). The selection can select nothing: one root cause.

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "backup_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["backup.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "backup" {
  name               = "tap-backup-service-role"
  assume_role_policy = data.aws_iam_policy_document.backup_trust.json
}

resource "aws_iam_role_policy_attachment" "backup_attach" {
  role       = aws_iam_role.backup.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
}

resource "aws_kms_key" "backup_key" {
  provider            = aws.backup
  description         = "backup vault key (us-west-2)"
  enable_key_rotation = true
}

resource "aws_backup_vault" "vault" {
  provider    = aws.backup
  name        = "tap-backup-vault"
  kms_key_arn = aws_kms_key.backup_key.arn
}

resource "aws_backup_plan" "daily" {
  provider = aws.backup
  name     = "tap-daily-backup"

  rule {
    rule_name         = "Daily-Backup"
    target_vault_name = aws_backup_vault.vault.name
    schedule          = "cron(0 5 * * ? *)"
    start_window      = 60
    completion_window = 180

    lifecycle {
      delete_after = 35
    }
  }
}

resource "aws_backup_selection" "tagged" {
  provider     = aws.backup
  name         = "tap-tagged-resources"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = aws_iam_role.backup.arn

  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "true"
  }
}

# --- primary region (us-east-1): the data
resource "aws_kms_key" "main_key" {
  description         = "main data key (us-east-1)"
  enable_key_rotation = true
}

resource "aws_ebs_volume" "app_data" {
  availability_zone = "us-east-1a"
  size              = 100
  type              = "gp3"
  encrypted         = true
  kms_key_id        = aws_kms_key.main_key.arn

  tags = {
    Name   = "tap-app-data"
    backup = "true"
  }
}

resource "aws_db_instance" "app_db" {
  identifier                  = "tap-postgres"
  engine                      = "postgres"
  engine_version              = "15.7"
  instance_class              = "db.t3.medium"
  allocated_storage           = 50
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.main_key.arn
  username                    = "tapadmin"
  manage_master_user_password = true
  skip_final_snapshot         = true

  tags = {
    Name   = "tap-postgres"
    backup = "true"
  }
}
