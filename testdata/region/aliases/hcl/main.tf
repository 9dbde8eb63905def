terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "eu_region" {
  type    = string
  default = "eu-central-1"
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

provider "aws" {
  alias  = "eu"
  region = var.eu_region
}

# Trap: the alias name contains dashes and looks like a region; the region
# still comes from the block's own argument.
provider "aws" {
  alias  = "us-east-2"
  region = "us-east-2"
}
