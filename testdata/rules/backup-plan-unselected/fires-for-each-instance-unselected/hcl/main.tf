# Two plans made with for_each; the one selection points at the `daily`
# instance only (`aws_backup_plan.this["daily"].id`). `this["monthly"]`
# backs up nothing: finding on that instance alone.

resource "aws_backup_vault" "main" {
  name = "main"
}

resource "aws_backup_plan" "this" {
  for_each = toset(["daily", "monthly"])
  name     = "plan-${each.key}"

  rule {
    rule_name         = "rule-${each.key}"
    target_vault_name = aws_backup_vault.main.name
    schedule          = each.key == "daily" ? "cron(0 5 * * ? *)" : "cron(0 5 1 * ? *)"
  }
}

resource "aws_iam_role" "backup" {
  name = "backup"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "backup.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "backup" {
  role       = aws_iam_role.backup.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
}

resource "aws_backup_selection" "daily" {
  name         = "daily"
  plan_id      = aws_backup_plan.this["daily"].id
  iam_role_arn = aws_iam_role.backup.arn

  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "daily"
  }
}
