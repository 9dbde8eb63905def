# eu-central-1 is required. Its provider only reads data sources and creates an IAM role
# (global): no resource is placed in eu-central-1. The count = 0 queue places nothing either.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "fra"
  region = "eu-central-1"
}

data "aws_caller_identity" "fra" {
  provider = aws.fra
}

data "aws_region" "fra" {
  provider = aws.fra
}

resource "aws_iam_role" "fra" {
  provider = aws.fra
  name     = "fra-app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_sqs_queue" "fra" {
  provider = aws.fra
  count    = 0
  name     = "fra-jobs"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
