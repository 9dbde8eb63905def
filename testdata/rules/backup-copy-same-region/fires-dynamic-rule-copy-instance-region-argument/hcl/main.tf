# Backup plan rules written as one `dynamic "rule"` block over var.rules, each
# copying into its own instance of aws_backup_vault.dr, picked through the
# iterator: aws_backup_vault.dr[rule.key]. Each dr instance has its own region
# (AWS provider 6's `region` argument): dr["daily"] is in us-east-1, the region
# of the rules' target vault; dr["weekly"] is in us-west-2. Finding on the plan
# for rule "daily" only. HCL only: the offline AWS provider (5.x) has no
# `region` argument, so this case cannot plan.

variable "rules" {
  type = map(object({ schedule = string, copy = bool }))
  default = {
    daily  = { schedule = "cron(0 5 ? * * *)", copy = true }
    weekly = { schedule = "cron(0 6 ? * 1 *)", copy = true }
  }
}

variable "dr_regions" {
  type    = map(string)
  default = { daily = "us-east-1", weekly = "us-west-2" }
}

resource "aws_kms_key" "vault" {
  description         = "backup vault key"
  enable_key_rotation = true
}

resource "aws_backup_vault" "main" {
  name        = "main-vault"
  kms_key_arn = aws_kms_key.vault.arn
}

# AWS provider 6: one resource, each instance in its own region.
resource "aws_backup_vault" "dr" {
  for_each = var.dr_regions
  region   = each.value
  name     = "dr-${each.key}"
}

resource "aws_backup_plan" "this" {
  name = "tiered"

  dynamic "rule" {
    for_each = var.rules
    content {
      rule_name         = "tier-${rule.key}"
      target_vault_name = aws_backup_vault.main.name
      schedule          = rule.value.schedule

      lifecycle {
        delete_after = 35
      }

      dynamic "copy_action" {
        for_each = rule.value.copy ? [1] : []
        content {
          destination_vault_arn = aws_backup_vault.dr[rule.key].arn
        }
      }
    }
  }
}

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
  name               = "backup-service"
  assume_role_policy = data.aws_iam_policy_document.backup_trust.json
}

resource "aws_iam_role_policy_attachment" "backup" {
  role       = aws_iam_role.backup.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
}

resource "aws_backup_selection" "tagged" {
  name         = "tagged"
  plan_id      = aws_backup_plan.this.id
  iam_role_arn = aws_iam_role.backup.arn

  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "true"
  }
}
