terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "region" {
  type = string
}

# region from the module input: eu-north-1, not the passed provider's us-west-2
resource "aws_s3_bucket" "this" {
  region = var.region
  bucket = "tfward-p6-replica"
}

# no argument: the provider passed in (aws.west, us-west-2)
resource "aws_sqs_queue" "local" {
  name = "tfward-p6-replica-local"
}
