# Another account by design, with no sign that it is this configuration's own:
# a backup copy into a vault of account 444455556666, the vault access policy that
# lets that account copy back, and S3 replication into that account (its
# destination `account`, and the replica key there). Without the caller identity
# (HCL) tfward does not know the own account: these are still not findings.
provider "aws" {
  region = "us-east-1"
}

resource "aws_iam_role" "backup" {
  name = "backup"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "backup.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_backup_vault" "main" {
  name = "main"
}

resource "aws_backup_plan" "daily" {
  name = "daily"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 5 ? * * *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:us-west-2:444455556666:backup-vault:org-dr"
    }
  }
}

resource "aws_backup_vault_policy" "main" {
  backup_vault_name = aws_backup_vault.main.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "backup:CopyIntoBackupVault"
      Resource  = "arn:aws:backup:us-east-1:444455556666:backup-vault:org-dr-return"
    }]
  })
}

resource "aws_s3_bucket" "source" {
  bucket = "orders-source"
}

resource "aws_s3_bucket_replication_configuration" "orders" {
  role   = aws_iam_role.backup.arn
  bucket = aws_s3_bucket.source.id
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket  = "arn:aws:s3:::orders-replica-org"
      account = "444455556666"
      access_control_translation {
        owner = "Destination"
      }
      encryption_configuration {
        replica_kms_key_id = "arn:aws:kms:us-west-2:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    }
    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }
  }
}
