# OpenTofu 1.9+: a provider block with `for_each` makes one configuration per key.
variable "regions" {
  type = map(string)
  default = {
    tokyo  = "ap-northeast-1"
    paris  = "eu-west-3"
    oregon = "us-west-2"
  }
}

# No default and no value: tfward cannot evaluate it.
variable "edges" {
  type = map(string)
}

# No default and no value: a key tfward cannot evaluate.
variable "chosen" {
  type = string
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias    = "cell"
  for_each = var.regions
  region   = each.value
}

provider "aws" {
  alias    = "edge"
  for_each = var.edges
  region   = each.value
}

# The default configuration: us-east-1.
resource "aws_s3_bucket" "central" {
  bucket = "central"
}

# Each instance picks its own provider instance.
resource "aws_s3_bucket" "logs" {
  for_each = var.regions
  provider = aws.cell[each.key]
  bucket   = "logs-${each.key}"
}

# By position: oregon, paris, tokyo.
resource "aws_sqs_queue" "counted" {
  count    = 2
  provider = aws.cell[sort(keys(var.regions))[count.index]]
  name     = "counted-${count.index}"
}

# A literal key.
resource "aws_sqs_queue" "tokyo_only" {
  provider = aws.cell["tokyo"]
  name     = "tokyo-only"
}

# A key tfward cannot evaluate: unknown, never the default's us-east-1.
resource "aws_sns_topic" "chosen" {
  provider = aws.cell[var.chosen]
  name     = "chosen"
}

# An instance of a set whose keys tfward cannot evaluate: unknown.
resource "aws_sns_topic" "edge" {
  provider = aws.edge["lhr"]
  name     = "edge"
}

# One module instance per cell, each given its own provider instance.
module "cell" {
  source   = "./modules/cell"
  for_each = var.regions
  providers = {
    aws = aws.cell[each.key]
  }
  name = each.key
}
