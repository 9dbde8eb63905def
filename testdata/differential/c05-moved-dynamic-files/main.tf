terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

locals {
  regions_doc = jsondecode(file("${path.module}/regions.json"))
  dr_doc      = yamldecode(file("${path.module}/regions.yaml"))
  replicas    = { for idx, r in local.regions_doc.replicas : "r${idx}" => r }
}

provider "aws" {
  region = local.regions_doc.primary
}
provider "aws" {
  alias  = "r0"
  region = local.replicas["r0"]
}
provider "aws" {
  alias  = "r1"
  region = local.replicas.r1
}
provider "aws" {
  alias  = "dr"
  region = local.dr_doc.dr.enabled ? local.dr_doc.dr.region : null
}

data "aws_region" "p" {}
data "aws_region" "r0" { provider = aws.r0 }
data "aws_region" "r1" { provider = aws.r1 }
data "aws_region" "dr" { provider = aws.dr }
data "aws_caller_identity" "me" {}

moved {
  from = aws_sqs_queue.main
  to   = aws_sqs_queue.this["main"]
}

moved {
  from = module.queue_old
  to   = module.queue["dr"]
}

resource "aws_sqs_queue" "this" {
  for_each = toset(["main", "dlq"])
  name     = each.key
}

resource "aws_sqs_queue_policy" "this" {
  for_each  = aws_sqs_queue.this
  queue_url = each.value.id
  policy = templatefile("${path.module}/templates/policy.json.tpl", {
    region  = data.aws_region.p.name
    account = data.aws_caller_identity.me.account_id
    queues  = keys(aws_sqs_queue.this)
  })
}

resource "aws_security_group" "dyn" {
  provider = aws.r0
  name     = "dyn"
  dynamic "ingress" {
    for_each = [22, 443]
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}

resource "terraform_data" "marker" {
  input      = local.regions_doc.primary
  depends_on = [aws_sqs_queue.this]
}

module "queue" {
  source   = "./modules/queue"
  for_each = { dr = "aws.dr", r1 = "aws.r1" }
  name     = each.key
  providers = {
    aws = aws.dr
  }
  depends_on = [aws_security_group.dyn]
}

module "queue_r1" {
  source = "./modules/queue"
  name   = "r1"
  providers = {
    aws = aws.r1
  }
}
