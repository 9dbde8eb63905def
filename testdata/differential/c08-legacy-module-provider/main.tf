terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

variable "legacy_region" {
  default = "sa-east-1"
}

provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias  = "second"
  region = "af-south-1"
}

data "aws_region" "root" {}
data "aws_region" "second" { provider = aws.second }

# old-style module that configures its own default provider
module "legacy" {
  source = "./modules/legacy"
  region = var.legacy_region
}

# wrapper module with no provider of its own, passing an alias down as default
module "wrap" {
  source = "./modules/wrap"
  providers = {
    aws = aws.second
  }
}

resource "aws_kms_key" "root" {
  description = "root"
}
