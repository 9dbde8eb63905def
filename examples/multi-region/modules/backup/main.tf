variable "role_arn" {
  type = string
}

resource "aws_kms_key" "vault" {
  description         = "backup vault key"
  enable_key_rotation = true
}

resource "aws_backup_vault" "dr" {
  name        = "dr-vault"
  kms_key_arn = aws_kms_key.vault.arn
}

resource "aws_backup_plan" "daily" {
  name = "daily"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.dr.name
    schedule          = "cron(0 5 * * ? *)"
  }
}

resource "aws_backup_selection" "tagged" {
  name         = "tagged"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = var.role_arn
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "true"
  }
}

output "vault_arn" {
  value = aws_backup_vault.dr.arn
}
