# Every provider's region resolves: a literal, a variable default, terraform.tfvars, and
# format(). IAM is global.
variable "dr_region" {
  type    = string
  default = "us-west-1"
}

variable "eu_region" {
  type = string
}

variable "zone_suffix" {
  type    = string
  default = "2"
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

provider "aws" {
  alias  = "eu"
  region = var.eu_region
}

provider "aws" {
  alias  = "ohio"
  region = format("us-east-%s", var.zone_suffix)
}

resource "aws_s3_bucket" "main" {
  bucket = "main-111122223333"
}

resource "aws_s3_bucket" "dr" {
  provider = aws.dr
  bucket   = "dr-111122223333"
}

resource "aws_sqs_queue" "eu" {
  provider = aws.eu
  name     = "eu"
}

resource "aws_sns_topic" "ohio" {
  provider = aws.ohio
  name     = "ohio"
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
