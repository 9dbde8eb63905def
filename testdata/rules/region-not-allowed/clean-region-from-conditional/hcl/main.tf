# Allowed: eu-central-1, eu-west-1. The region is chosen by a conditional on var.home: the
# queue lands in eu-west-1. The plan records only `references = ["var.home"]` for the
# expression, so from the plan the region is unknown (never judged), not "us-east-1".
variable "home" {
  type    = string
  default = "us-east-1"
}

provider "aws" {
  region = var.home == "us-east-1" ? "eu-west-1" : "eu-central-1"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
