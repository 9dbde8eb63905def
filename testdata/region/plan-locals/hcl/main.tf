# Every provider region comes from something a plan does not record: locals,
# a map lookup, a conditional on a variable, a function. The plan keeps only
# which names each expression references.
locals {
  primary = "eu-central-1"
  regions = { dr = "eu-west-1", tokyo = "ap-northeast-1" }
}

variable "home" {
  type    = string
  default = "us-east-1"
}

provider "aws" {
  region = local.primary
}

provider "aws" {
  alias  = "dr"
  region = local.regions["dr"]
}

provider "aws" {
  alias  = "home"
  region = var.home == "us-east-1" ? "us-east-2" : var.home
}

provider "aws" {
  alias  = "tokyo"
  region = lookup(local.regions, "tokyo", "us-west-2")
}

resource "aws_sqs_queue" "primary" {
  name = "primary"
}

resource "aws_sqs_queue" "home" {
  provider = aws.home
  name     = "home"
}

resource "aws_sns_topic" "tokyo" {
  provider = aws.tokyo
  name     = "tokyo"
}

module "app" {
  source    = "./app"
  providers = { aws = aws.dr }
  name      = "app"
}
