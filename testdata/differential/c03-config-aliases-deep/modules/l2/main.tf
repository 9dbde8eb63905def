terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.a, aws.b]
    }
  }
}
variable "name" { type = string }

data "aws_region" "l2_default" {}
data "aws_region" "l2_a" { provider = aws.a }
data "aws_region" "l2_b" { provider = aws.b }

resource "aws_sqs_queue" "a" {
  provider = aws.a
  name     = "${var.name}-a"
}

module "l3" {
  source = "../l3"
  providers = {
    aws.x = aws.b
  }
  name = var.name
}
