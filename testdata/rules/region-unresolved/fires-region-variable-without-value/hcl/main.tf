# The region variable has no default and no tfvars: the configuration does not say where the
# queue goes. The plan was made with -var region=eu-west-1, so the plan knows.
variable "region" {
  type = string
}

provider "aws" {
  region = var.region
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
