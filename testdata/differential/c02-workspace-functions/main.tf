terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

variable "region_csv" {
  type    = string
  default = "us-east-1,eu-west-1,ap-northeast-1"
}

variable "account" {
  type = object({
    name     = string
    settings = optional(map(string))
  })
  default = { name = "core" }
}

variable "dr_override" {
  type     = string
  default  = null
  nullable = true
}

locals {
  workspace_regions = {
    default    = "us-east-2"
    staging    = "eu-central-1"
    production = "us-east-1"
  }
  ws         = terraform.workspace
  primary    = lookup(local.workspace_regions, local.ws, "eu-west-1")
  is_default = terraform.workspace == "default"
  regions    = split(",", var.region_csv)
}

provider "aws" {
  region = local.primary
}

provider "aws" {
  alias  = "ws_cond"
  region = local.is_default ? "ca-central-1" : "sa-east-1"
}

provider "aws" {
  alias  = "elem"
  region = element(local.regions, 1)
}

provider "aws" {
  alias  = "fmt"
  region = format("%s-%s-%d", "ap", "southeast", 1)
}

provider "aws" {
  alias  = "repl"
  region = replace(upper("US_WEST_1"), "_", "-") == "US-WEST-1" ? lower(replace("US_WEST_1", "_", "-")) : "x"
}

provider "aws" {
  alias  = "tryobj"
  region = try(var.account.settings["region"], "eu-north-1")
}

provider "aws" {
  alias  = "coal"
  region = coalesce(var.dr_override, local.regions[2])
}

provider "aws" {
  alias  = "joined"
  region = join("-", ["eu", "south", "1"])
}

provider "aws" {
  alias  = "interp"
  region = "${local.is_default ? "us" : "eu"}-west-${length(local.regions) - 1}"
}

provider "aws" {
  alias  = "idx"
  region = [for r in local.regions : r if startswith(r, "ap-")][0]
}

data "aws_region" "default" {}
data "aws_region" "ws_cond" { provider = aws.ws_cond }
data "aws_region" "elem" { provider = aws.elem }
data "aws_region" "fmt" { provider = aws.fmt }
data "aws_region" "repl" { provider = aws.repl }
data "aws_region" "tryobj" { provider = aws.tryobj }
data "aws_region" "coal" { provider = aws.coal }
data "aws_region" "joined" { provider = aws.joined }
data "aws_region" "interp" { provider = aws.interp }
data "aws_region" "idx" { provider = aws.idx }

resource "aws_cloudwatch_log_group" "default" {
  name = "/ws/${terraform.workspace}"
}
resource "aws_cloudwatch_log_group" "ws_cond" {
  provider = aws.ws_cond
  name     = "ws-cond"
}
resource "aws_cloudwatch_log_group" "per_alias" {
  for_each = toset(["elem", "fmt"])
  provider = aws.elem
  name     = each.key
}
resource "aws_sqs_queue" "coal" {
  provider = aws.coal
  name     = "coal"
}
resource "aws_sqs_queue" "interp" {
  provider = aws.interp
  name     = "interp"
}
