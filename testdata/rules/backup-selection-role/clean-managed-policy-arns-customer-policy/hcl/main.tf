# A role whose `managed_policy_arns` names a customer policy of this configuration granting
# ec2:CreateSnapshot, and a second role naming a customer policy defined elsewhere (not judged).
provider "aws" {
  region = "us-east-1"
}

resource "aws_backup_plan" "p" {
  name = "p"
  rule {
    rule_name         = "r"
    target_vault_name = "Default"
    schedule          = "cron(0 5 ? * * *)"
  }
}

resource "aws_iam_policy" "perms" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:CreateSnapshot", Resource = "*" }] })
}

resource "aws_iam_role" "r" {
  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "backup.amazonaws.com" } }] })
  managed_policy_arns = [aws_iam_policy.perms.arn]
}

resource "aws_backup_selection" "s" {
  name         = "s"
  plan_id      = aws_backup_plan.p.id
  iam_role_arn = aws_iam_role.r.arn
  resources    = ["*"]
}

resource "aws_iam_role" "elsewhere" {
  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "backup.amazonaws.com" } }] })
  managed_policy_arns = ["arn:aws:iam::111122223333:policy/backup-permissions"]
}

resource "aws_backup_selection" "elsewhere" {
  name         = "elsewhere"
  plan_id      = aws_backup_plan.p.id
  iam_role_arn = aws_iam_role.elsewhere.arn
  resources    = ["*"]
}
