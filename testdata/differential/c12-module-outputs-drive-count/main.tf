terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
variable "enabled" {
  type    = bool
  default = true
}
variable "features" {
  type    = map(bool)
  default = { alarms = true, dlq = false }
}

provider "aws" {
  region = "us-east-2"
}
provider "aws" {
  alias  = "replica"
  region = "eu-west-1"
}

data "aws_region" "d" {}
data "aws_region" "replica" { provider = aws.replica }

module "this" {
  source    = "./modules/label"
  enabled   = var.enabled
  namespace = "acme"
  name      = "orders"
}

module "svc" {
  source  = "./modules/svc"
  context = module.this.context
}

module "svc_replica" {
  source = "./modules/svc"
  count  = module.this.enabled ? 1 : 0
  providers = {
    aws = aws.replica
  }
  context    = module.this.context
  attributes = ["replica"]
}

resource "aws_sqs_queue" "dlq" {
  count = module.this.enabled && lookup(var.features, "dlq", false) ? 1 : 0
  name  = "${module.this.id}-dlq"
}

resource "aws_sns_topic" "alarms" {
  for_each = module.this.enabled && var.features["alarms"] ? toset(module.this.tags_keys) : toset([])
  provider = aws.replica
  name     = "${module.this.id}-${each.key}"
}
