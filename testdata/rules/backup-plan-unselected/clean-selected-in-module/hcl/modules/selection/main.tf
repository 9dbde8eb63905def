terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "plan_id" {
  type = string
}

variable "role_arn" {
  type = string
}

resource "aws_backup_selection" "this" {
  name         = "tagged"
  plan_id      = var.plan_id
  iam_role_arn = var.role_arn

  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "true"
  }
}
