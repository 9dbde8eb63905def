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

provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}

resource "aws_s3_bucket" "primary" {
  bucket = "tfward-nested-primary"
}

data "aws_region" "root" {}

# backup's default aws IS the root aws.dr; its aws.primary is the root aws.
module "backup" {
  source = "./modules/backup"
  providers = {
    aws         = aws.dr
    aws.primary = aws
  }
}

# Passes nothing: inherits the root default aws (us-east-1), and so does its grandchild.
module "plain" {
  source = "./modules/plain"
  name   = "plain"
}

# Same module source, default passed explicitly: still us-east-1.
module "explicit" {
  source = "./modules/plain"
  name   = "explicit"
  providers = {
    aws = aws
  }
}

# Same module source again, default slot gets aws.dr: the grandchild, which is
# called without a providers map, inherits us-west-2 implicitly.
module "plain_dr" {
  source = "./modules/plain"
  name   = "plain-dr"
  providers = {
    aws = aws.dr
  }
}

# A module that never mentions aws, between the root and a module that does.
module "wrapper" {
  source = "./modules/wrapper"
  name   = "wrapper"
}

# The same wrapper with the default slot set to aws.dr: leaf inherits it.
module "wrapper_dr" {
  source = "./modules/wrapper"
  name   = "wrapper-dr"
  providers = {
    aws = aws.dr
  }
}
