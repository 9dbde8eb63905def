locals {
  region_cfg = lookup(var.regions, var.env)
  common_tags = merge(
    { Environment = var.env, ManagedBy = "terraform" },
    try(var.buckets["artifacts"].tags, {}),
  )
  enabled_buckets    = { for k, v in var.buckets : k => v if v.enabled }
  replicated_buckets = { for k, v in local.enabled_buckets : k => v if v.replicate }
  tertiary_region    = coalesce(local.region_cfg.tertiary, local.region_cfg.secondary)
}

provider "aws" {
  region = local.region_cfg.primary
  default_tags {
    tags = local.common_tags
  }
}

provider "aws" {
  alias  = "secondary"
  region = local.region_cfg.secondary
}

provider "aws" {
  alias  = "tertiary"
  region = local.tertiary_region
}

data "aws_region" "primary" {}
data "aws_region" "secondary" {
  provider = aws.secondary
}
data "aws_region" "tertiary" {
  provider = aws.tertiary
}

module "bucket" {
  source   = "./modules/bucket"
  for_each = local.enabled_buckets

  create     = var.create
  name       = "${var.env}-${each.key}"
  versioning = each.value.versioning
  tags       = merge(local.common_tags, each.value.tags)
}

module "replica" {
  source   = "./modules/bucket"
  for_each = local.replicated_buckets
  providers = {
    aws = aws.secondary
  }

  create     = var.create
  name       = "${var.env}-${each.key}-replica"
  versioning = true
}

module "dr" {
  source = "./modules/bucket"
  count  = var.create_dr ? 1 : 0
  providers = {
    aws = aws.tertiary
  }
  name = "${var.env}-dr"
}

resource "aws_sns_topic" "alerts" {
  count    = var.create ? 1 : 0
  provider = aws.tertiary
  name     = "${var.env}-alerts"
}

resource "aws_sqs_queue" "per_region" {
  for_each = toset(compact([local.region_cfg.primary, local.region_cfg.secondary, local.region_cfg.tertiary]))
  name     = "q-${each.value}"
}
