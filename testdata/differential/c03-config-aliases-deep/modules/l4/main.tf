variable "name" { type = string }
data "aws_region" "l4" {}
resource "aws_cloudwatch_log_group" "this" {
  name = "/l4/${var.name}"
}
resource "aws_iam_role" "global" {
  name               = "l4-${var.name}"
  assume_role_policy = "{}"
}
