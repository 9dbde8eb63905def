terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
variable "region" {
  default = "us-east-1"
}
provider "aws" {
  region = var.region
}
provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}
data "aws_region" "d" {}
data "aws_region" "dr" { provider = aws.dr }

resource "aws_sqs_queue" "q" {
  name = "q"
}
resource "aws_sqs_queue" "moved_by_override" {
  provider = aws.dr
  name     = "m"
}
resource "aws_sns_topic" "counted" {
  count = 1
  name  = "t"
}
module "m" {
  source = "./modules/m"
  providers = {
    aws = aws.dr
  }
}
