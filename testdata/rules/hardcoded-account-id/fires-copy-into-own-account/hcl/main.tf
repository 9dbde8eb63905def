# A copy destination names a vault of account 111122223333, the account this
# configuration's other ARNs name as its own (the selection's role): a literal
# where data.aws_caller_identity would serve, even in a copy destination. The
# copy to 444455556666 (another account, named nowhere else) is not a finding.
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
      destination_vault_arn = "arn:aws:backup:us-west-2:111122223333:backup-vault:dr"
    }
    copy_action {
      destination_vault_arn = "arn:aws:backup:us-west-2:444455556666:backup-vault:org-dr"
    }
  }
}

resource "aws_backup_selection" "all" {
  name         = "all"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  resources    = ["*"]
}
