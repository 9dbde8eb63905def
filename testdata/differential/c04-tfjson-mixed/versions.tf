terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
# aliases declared in providers.tf.json (listed here for the offline override):
# alias = "jp"
# alias = "eu"

provider "aws" {
  region = var.home_region
}

data "aws_region" "home" {}
data "aws_region" "jp" { provider = aws.jp }
data "aws_region" "eu" { provider = aws.eu }

resource "aws_sqs_queue" "hcl_side" {
  for_each = local.queues
  provider = aws.eu
  name     = each.value
}
