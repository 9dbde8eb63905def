terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.src, aws.dst]
    }
  }
}
variable "name" { type = string }

data "aws_region" "l1_default" {}
data "aws_region" "l1_src" { provider = aws.src }
data "aws_region" "l1_dst" { provider = aws.dst }

resource "aws_sns_topic" "l1" {
  name = "${var.name}-l1"
}

# swap: l2's src is our dst and vice versa; l2's default is our src
module "l2" {
  source = "../l2"
  providers = {
    aws     = aws.src
    aws.a   = aws.dst
    aws.b   = aws.src
  }
  name = var.name
}

module "l2_inherit" {
  source   = "../l2"
  for_each = { x = 1 }
  providers = {
    aws   = aws.dst
    aws.a = aws
    aws.b = aws.dst
  }
  name = "${var.name}-${each.key}"
}
