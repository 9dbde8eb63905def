provider "aws" { region = "us-east-1" }
resource "aws_backup_vault" "v" {
  name = "vault-v"
}
resource "aws_backup_plan" "p" {
  name = "plan-p"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.v.name
    schedule          = "cron(0 5 * * ? *)"
  }
}
data "aws_iam_role" "existing" {
  name = "AWSBackupDefaultServiceRole"
}
resource "aws_backup_selection" "a" {
  name         = "sel-a"
  plan_id      = aws_backup_plan.p.id
  iam_role_arn = data.aws_iam_role.existing.arn
  resources    = ["arn:aws:dynamodb:us-east-1:111122223333:table/x"]
}
resource "aws_iam_role" "b" {
  name = "backup-b"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "backup.amazonaws.com" } }]
  })
}
resource "aws_iam_policy_attachment" "b" {
  name       = "b"
  roles      = [aws_iam_role.b.name]
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
}
resource "aws_backup_selection" "b" {
  name         = "sel-b"
  plan_id      = aws_backup_plan.p.id
  iam_role_arn = aws_iam_role.b.arn
  resources    = ["arn:aws:dynamodb:us-east-1:111122223333:table/x"]
}
resource "aws_backup_selection" "c" {
  name         = "sel-c"
  plan_id      = aws_backup_plan.p.id
  iam_role_arn = "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"
  resources    = ["arn:aws:dynamodb:us-east-1:111122223333:table/x"]
}
