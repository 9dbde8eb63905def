terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.x]
    }
  }
}
variable "name" { type = string }
data "aws_region" "l3_default" {}
data "aws_region" "l3_x" { provider = aws.x }

resource "aws_sqs_queue" "x" {
  provider = aws.x
  name     = "${var.name}-x"
}
resource "aws_sqs_queue" "d" {
  name = "${var.name}-d"
}

# l4 gets its default from our alias x; passes nothing else
module "l4" {
  source = "../l4"
  providers = {
    aws = aws.x
  }
  name = var.name
}
# l4 again, inheriting our default implicitly
module "l4_implicit" {
  source = "../l4"
  name   = "${var.name}-i"
}
