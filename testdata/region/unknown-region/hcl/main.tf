terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

# No region: at run time it comes from AWS_REGION / the profile, which the
# configuration does not know.
provider "aws" {
  default_tags {
    tags = { Stack = "tfward-unknown" }
  }
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

variable "maybe_region" {
  type    = string
  default = null
}

# region = null means "not set": the environment decides again.
provider "aws" {
  alias  = "nullish"
  region = var.maybe_region
}

locals {
  fallback_region = coalesce(var.maybe_region, "eu-north-1")
}

# Resolvable from the HCL (eu-north-1), but a plan has no locals.
provider "aws" {
  alias  = "fallback"
  region = local.fallback_region
}
