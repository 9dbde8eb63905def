terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.peer]
    }
  }
}
variable "env" { type = string }
data "aws_region" "here" {}
data "aws_region" "peer" { provider = aws.peer }

resource "aws_cloudwatch_log_group" "lg" {
  for_each = toset(["flow", "dns"])
  name     = "/${var.env}/${each.key}"
}

module "sub" {
  source   = "../sub"
  for_each = toset(["a", "b"])
  name     = "${var.env}-${each.key}"
  providers = {
    aws = aws.peer
  }
}
