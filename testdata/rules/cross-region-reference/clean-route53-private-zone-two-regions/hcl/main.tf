# A private hosted zone (global) associated with one VPC per region.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

resource "aws_vpc" "us" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_vpc" "eu" {
  provider             = aws.eu
  cidr_block           = "10.1.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_route53_zone" "internal" {
  name = "internal.corp"

  vpc {
    vpc_id     = aws_vpc.us.id
    vpc_region = "us-east-1"
  }

  vpc {
    vpc_id     = aws_vpc.eu.id
    vpc_region = "eu-west-1"
  }
}
