terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
variable "geo" { default = "us" }
variable "upper_region" { default = "EU-WEST-1" }
variable "maybe" {
  type    = string
  default = null
}
variable "use_dr" { default = true }
variable "cfg" {
  type = object({ region = string })
  default = { region = "ap-south-1" }
}
variable "n" { default = 2 }
variable "regions" {
  type    = list(string)
  default = ["eu-north-1", "eu-south-1"]
}

provider "aws" {
  region = "${var.geo}-west-2"
}
provider "aws" {
  alias  = "lower"
  region = lower(var.upper_region)
}
provider "aws" {
  alias  = "coalesce"
  region = coalesce(var.maybe, "ca-central-1")
}
provider "aws" {
  alias  = "cond"
  region = var.use_dr ? "us-west-1" : "us-east-1"
}
provider "aws" {
  alias  = "obj"
  region = var.cfg.region
}
provider "aws" {
  alias  = "idx"
  region = var.regions[1]
}
provider "aws" {
  alias  = "num"
  region = "us-east-${var.n}"
}
provider "aws" {
  alias  = "trimmed"
  region = trimspace(" ${var.cfg.region} ")
}

data "aws_region" "d" {}
data "aws_region" "lower" { provider = aws.lower }
data "aws_region" "coalesce" { provider = aws.coalesce }
data "aws_region" "cond" { provider = aws.cond }
data "aws_region" "obj" { provider = aws.obj }
data "aws_region" "idx" { provider = aws.idx }
data "aws_region" "num" { provider = aws.num }
data "aws_region" "trimmed" { provider = aws.trimmed }
