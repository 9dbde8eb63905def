provider "aws" { region = "us-east-1" }
provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_kms_key" "dr" {
  provider            = aws.dr
  enable_key_rotation = true
}
resource "aws_backup_vault" "v" {
  name        = "vault-v"
  kms_key_arn = aws_kms_key.k.arn
}
resource "aws_backup_logically_air_gapped_vault" "dr" {
  provider           = aws.dr
  name               = "vault-dr"
  min_retention_days = 7
  max_retention_days = 35
}
resource "aws_backup_plan" "p" {
  name = "plan-p"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.v.name
    schedule          = "cron(0 5 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_logically_air_gapped_vault.dr.arn
    }
  }
}
resource "aws_iam_role" "backup" {
  name = "backup"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "backup.amazonaws.com" } }]
  })
}
resource "aws_iam_role_policy_attachment" "b" {
  role       = aws_iam_role.backup.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
}
resource "aws_backup_selection" "s" {
  name         = "sel-s"
  plan_id      = aws_backup_plan.p.id
  iam_role_arn = aws_iam_role.backup.arn
  resources    = ["arn:aws:ec2:*:*:volume/*", "arn:aws:rds:*:*:db:*"]
}
resource "aws_ebs_volume" "d" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = aws_kms_key.k.arn
  tags              = { backup = "true" }
}
resource "aws_backup_selection" "t" {
  name         = "sel-t"
  plan_id      = aws_backup_plan.p.id
  iam_role_arn = aws_iam_role.backup.arn
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "true"
  }
}
