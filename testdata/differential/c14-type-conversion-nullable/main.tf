terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
variable "create_replica" {
  type    = bool
  default = true
}
variable "secret_region" {
  type      = string
  sensitive = true
  default   = "eu-west-1"
}
variable "copies" {
  type    = number
  default = 1
}

locals {
  derived_region = var.secret_region
  public_region  = nonsensitive(var.secret_region)
}

provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias  = "derived"
  region = local.derived_region
}
provider "aws" {
  alias  = "public"
  region = local.public_region
}

data "aws_region" "d" {}
data "aws_region" "derived" { provider = aws.derived }
data "aws_region" "public" { provider = aws.public }

resource "aws_sqs_queue" "replica" {
  count    = var.create_replica ? var.copies : 0
  provider = aws.public
  name     = "r${count.index}"
}

# null passed to a non-nullable variable with a default -> default is used
module "w_nonnull" {
  source  = "./modules/w"
  enabled = null
  settings = {
    name = "nn"
  }
}
# null passed to a nullable variable -> null
module "w_nullable" {
  source   = "./modules/w"
  maybe    = null
  settings = { name = "n", extra = 2 }
  providers = {
    aws = aws.derived
  }
}
module "w_off" {
  source   = "./modules/w"
  enabled  = "false"
  settings = { name = "off", queues = ["a", "b"] }
}
