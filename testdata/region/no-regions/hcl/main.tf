terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

# `terraform_data` belongs to Terraform's built-in `terraform` provider, which
# has no regions: it is `n/a`, not `unknown` from the environment, even beside
# an AWS provider with a region, and inside a module.
resource "terraform_data" "build" {
  input = "v1"
}

resource "aws_sqs_queue" "jobs" {
  name = "tfward-no-regions-jobs"
}

module "stamp" {
  source = "./modules/stamp"
}
