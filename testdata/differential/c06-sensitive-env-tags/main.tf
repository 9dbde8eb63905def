terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

variable "primary_region" {
  type      = string
  sensitive = true
  default   = "eu-west-2"
  validation {
    condition     = can(regex("^[a-z]{2}-[a-z]+-[0-9]$", var.primary_region))
    error_message = "Not a region."
  }
}

variable "dr_region" {
  description = "set through TF_VAR_dr_region in CI"
  type        = string
  default     = "us-west-1"
}

variable "log_region" {
  type    = string
  default = null
}

variable "tags" {
  type = object({
    owner   = string
    cost    = optional(string, "shared")
    project = optional(string)
  })
  default = { owner = "platform" }
}

locals {
  tags = { for k, v in var.tags : k => v if v != null }
}

provider "aws" {
  region = var.primary_region
  default_tags {
    tags = local.tags
  }
  ignore_tags {
    key_prefixes = ["kubernetes.io/"]
  }
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
  default_tags {
    tags = merge(local.tags, { Role = "dr" })
  }
}

provider "aws" {
  alias  = "logs"
  region = var.log_region != null ? var.log_region : "us-east-1"
}

data "aws_region" "primary" {}
data "aws_region" "dr" { provider = aws.dr }
data "aws_region" "logs" { provider = aws.logs }

module "app" {
  source = "./modules/app"
  providers = {
    aws      = aws
    aws.dr   = aws.dr
  }
  secret = "s3cr3t"
}

module "app_logs" {
  source = "./modules/app"
  providers = {
    aws    = aws.logs
    aws.dr = aws.dr
  }
  secret = "other"
}

resource "aws_secretsmanager_secret" "s" {
  name = "app"
}

resource "aws_secretsmanager_secret" "replicated" {
  provider = aws.dr
  name     = "app-dr"
  replica {
    region = var.log_region == null ? "eu-central-1" : var.log_region
  }
}
