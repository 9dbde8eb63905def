terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "ap_region" {
  type    = string
  default = "ap-southeast-1"
}

resource "aws_s3_bucket" "root" {
  bucket = "tfward-mpb-root"
}

# Each call below gets the module's OWN provider block (region = var.region),
# not the root aws.
module "eu" {
  source = "./modules/regional"
  name   = "eu"
  region = "eu-west-1"
}

# root var -> module input -> provider block in the module; terraform.tfvars
# overrides the root default.
module "ap" {
  source = "./modules/regional"
  name   = "ap"
  region = var.ap_region
}

# no region passed: the module variable's default
module "defaulted" {
  source = "./modules/regional"
  name   = "defaulted"
}
