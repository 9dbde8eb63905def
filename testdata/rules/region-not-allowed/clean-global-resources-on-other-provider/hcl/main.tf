# Allowed: eu-central-1, eu-west-1. aws.us (us-east-1) only creates global resources (IAM,
# a Route 53 zone): global resources are never outside the allowed regions.
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

resource "aws_s3_bucket" "data" {
  bucket = "data-111122223333"
}

resource "aws_iam_role" "app" {
  provider = aws.us
  name     = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_policy" "app" {
  provider = aws.us
  name     = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "${aws_s3_bucket.data.arn}/*"
    }]
  })
}

resource "aws_route53_zone" "public" {
  provider = aws.us
  name     = "corp-app.net"
}
