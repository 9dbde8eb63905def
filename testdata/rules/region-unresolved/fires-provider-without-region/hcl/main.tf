# The only provider has no region: it comes from AWS_REGION / the profile at run time. The
# bucket and the queue are regional and unresolved; the IAM role is global.
provider "aws" {}

resource "aws_s3_bucket" "data" {
  bucket = "data-111122223333"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
