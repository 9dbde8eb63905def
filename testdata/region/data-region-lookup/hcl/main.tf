variable "region" {
  type    = string
  default = "us-east-1"
}
provider "aws" { region = var.region }
data "aws_region" "dr" {
  name = "eu-west-1"
}
resource "aws_sqs_queue" "q" { name = "q1" }
