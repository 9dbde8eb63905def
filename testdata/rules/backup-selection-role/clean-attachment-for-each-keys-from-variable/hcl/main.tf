# A backup role whose policies are attached by one aws_iam_role_policy_attachment
# with `for_each = toset(var.policy_arns)`, a variable with no default. The
# configuration alone cannot tell the instances (HCL form: one instance `[*]`);
# the plan was made with
#   -var 'policy_arns=["arn:aws:iam::111122223333:policy/backup-service"]'
# and attaches that customer policy by literal ARN, which no resource here
# has as a known `arn` (aws_iam_policy.backup's is known only after apply).
# Unknown is never evidence: in no form is the role reported as having no
# backup permissions.

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
  alias  = "dr"
  region = "us-west-2"
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

# The backup permissions, in a policy of this configuration: its ARN is known
# only after apply.
resource "aws_iam_policy" "backup" {
  name = "backup-service"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["backup:StartBackupJob", "ec2:CreateSnapshot", "ec2:CreateTags", "ec2:DescribeVolumes"]
      Resource = "*"
    }]
  })
}

# The ARNs to attach, given by whoever runs terraform (no default).
variable "policy_arns" {
  type = list(string)
}

# One attachment per ARN: without the variable's value the for_each keys are
# unknown, so which policies are attached is not known.
resource "aws_iam_role_policy_attachment" "backup" {
  for_each   = toset(var.policy_arns)
  role       = aws_iam_role.backup.name
  policy_arn = each.value
}

resource "aws_kms_key" "main_key" {
  description         = "backup vault key main_key"
  enable_key_rotation = true
}

resource "aws_backup_vault" "main" {
  name        = "main-vault"
  kms_key_arn = aws_kms_key.main_key.arn
}

resource "aws_backup_plan" "daily" {
  name = "daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 5 ? * * *)"

    lifecycle {
      delete_after = 35
    }
  }
}

resource "aws_backup_selection" "tagged" {
  name         = "tagged"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = aws_iam_role.backup.arn

  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "true"
  }
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 20
  encrypted         = true

  tags = {
    backup = "true"
  }
}
