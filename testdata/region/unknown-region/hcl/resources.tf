resource "aws_s3_bucket" "data" {
  bucket = "tfward-unknown-data"
}

resource "aws_kms_key" "data" {
  description         = "data key"
  enable_key_rotation = true
}

# the plan's value of this data source comes from the environment: not the configuration
data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

# global, even on a provider without a region
resource "aws_iam_role" "app" {
  name = "tfward-unknown-app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_s3_bucket" "west" {
  provider = aws.west
  bucket   = "tfward-unknown-west"
}

data "aws_region" "west" {
  provider = aws.west
}

resource "aws_sqs_queue" "nullish" {
  provider = aws.nullish
  name     = "tfward-unknown-nullish"
}

resource "aws_sns_topic" "fallback" {
  provider = aws.fallback
  name     = "tfward-unknown-fallback"
}

data "aws_region" "fallback" {
  provider = aws.fallback
}

module "inherits" {
  source = "./modules/app"
  name   = "inherits"
}

module "west" {
  source = "./modules/app"
  name   = "west"
  providers = {
    aws = aws.west
  }
}
