variable "copy_targets" { type = list(string) }
variable "rules" {
  type = list(object({ name = string, schedule = string }))
  default = [{ name = "daily", schedule = "cron(0 5 ? * * *)" }]
}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
resource "aws_kms_key" "this" {
  enable_key_rotation = true
}
resource "aws_backup_vault" "this" {
  name        = "vault-main"
  kms_key_arn = aws_kms_key.this.arn
}
resource "aws_backup_plan" "this" {
  name = "plan-main"
  dynamic "rule" {
    for_each = var.rules
    content {
      rule_name         = rule.value.name
      target_vault_name = aws_backup_vault.this.name
      schedule          = rule.value.schedule
      dynamic "copy_action" {
        for_each = var.copy_targets
        content {
          destination_vault_arn = copy_action.value
          lifecycle { delete_after = 35 }
        }
      }
    }
  }
}
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["backup.amazonaws.com"]
    }
  }
}
resource "aws_iam_role" "this" {
  name               = "backup-main"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
resource "aws_iam_role_policy_attachment" "this" {
  for_each   = toset(["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"])
  role       = aws_iam_role.this.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/${each.value}"
}
resource "aws_backup_selection" "this" {
  name         = "sel-main"
  plan_id      = aws_backup_plan.this.id
  iam_role_arn = aws_iam_role.this.arn
  resources    = ["*"]
  condition {
    string_equals {
      key   = "aws:ResourceTag/backup"
      value = "daily"
    }
  }
}
output "key_arn" { value = aws_kms_key.this.arn }
