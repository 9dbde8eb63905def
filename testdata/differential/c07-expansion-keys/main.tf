terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias  = "usw2"
  region = "us-west-2"
}
provider "aws" {
  alias  = "euc1"
  region = "eu-central-1"
}

variable "teams" {
  type = map(list(string))
  default = {
    "data.eng"  = ["etl", "bi"]
    "web/front" = ["cdn"]
    "ops team"  = []
    "01"        = ["x", "x", "y"]
  }
}

variable "envs" {
  type    = list(string)
  default = ["dev", "prod"]
}

locals {
  team_envs = flatten([
    for team, apps in var.teams : [
      for e in var.envs : {
        key  = "${team}:${e}"
        team = team
        env  = e
        apps = apps
      }
    ]
  ])
  pairs  = { for te in local.team_envs : te.key => te if length(te.apps) > 0 }
  combos = setproduct(["a", "b"], [1, 2])
}

data "aws_region" "d" {}
data "aws_region" "w" { provider = aws.usw2 }
data "aws_region" "e" { provider = aws.euc1 }

resource "aws_sqs_queue" "team_env" {
  for_each = local.pairs
  name     = replace(each.key, "/[^a-zA-Z0-9]/", "-")
}

resource "aws_sns_topic" "combo" {
  count    = length(local.combos)
  provider = aws.usw2
  name     = "${local.combos[count.index][0]}-${local.combos[count.index][1]}"
}

resource "aws_sqs_queue" "apps" {
  for_each = toset(flatten(values(var.teams)))
  provider = aws.euc1
  name     = each.value
}

resource "aws_sns_topic" "zero" {
  count = 0
  name  = "never"
}

resource "aws_sns_topic" "quoted" {
  for_each = { "say \"hi\"" = 1, "back\\slash" = 2, "ünï" = 3 }
  name     = "q${each.value}"
}

module "net" {
  source   = "./modules/net"
  for_each = { for e in var.envs : e => { region_alias = e == "prod" ? "west" : "east" } }
  env      = each.key
  providers = {
    aws.peer = aws.usw2
  }
}

module "net_eu" {
  source = "./modules/net"
  count  = length(var.envs) - 1
  env    = "eu${count.index}"
  providers = {
    aws      = aws.euc1
    aws.peer = aws
  }
}

module "none" {
  source   = "./modules/net"
  for_each = {}
  env      = "none"
  providers = {
    aws.peer = aws
  }
}
