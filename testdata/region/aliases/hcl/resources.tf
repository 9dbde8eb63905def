# default provider: us-east-1
resource "aws_s3_bucket" "logs" {
  bucket = "tfward-aliases-logs"
}

resource "aws_kms_key" "main" {
  description         = "default-region key"
  enable_key_rotation = true
}

data "aws_region" "current" {}

# aws.west: us-west-2
resource "aws_s3_bucket" "west" {
  provider = aws.west
  bucket   = "tfward-aliases-west"
}

resource "aws_cloudwatch_log_group" "west" {
  provider          = aws.west
  name              = "/tfward/aliases/west"
  retention_in_days = 30
}

data "aws_region" "west" {
  provider = aws.west
}

# Trap: IAM is global even on an aliased regional provider.
resource "aws_iam_role" "west" {
  provider = aws.west
  name     = "tfward-aliases-west"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

# aws.eu: region from var.eu_region (default eu-central-1)
resource "aws_kms_key" "eu" {
  provider            = aws.eu
  description         = "eu key"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "eu" {
  provider   = aws.eu
  name       = "/tfward/aliases/eu"
  kms_key_id = aws_kms_key.eu.arn
}

data "aws_caller_identity" "eu" {
  provider = aws.eu
}

# aws.us-east-2: us-east-2
resource "aws_s3_bucket" "ohio" {
  provider = aws.us-east-2
  bucket   = "tfward-aliases-ohio"
}

resource "aws_kms_key" "ohio" {
  provider            = aws.us-east-2
  description         = "ohio key"
  enable_key_rotation = true
}

data "aws_region" "ohio" {
  provider = aws.us-east-2
}
