terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
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
  region = "eu-west-1"
}
provider "aws" {
  alias  = "ap"
  region = "ap-northeast-1"
}

data "aws_region" "d" {}
data "aws_region" "west" { provider = aws.west }
data "aws_region" "eu" { provider = aws.eu }
data "aws_region" "ap" { provider = aws.ap }

# default slot gets aws.eu, the src/dst aliases are swapped relative to names
module "l1" {
  source = "./modules/l1"
  providers = {
    aws     = aws.eu
    aws.src = aws.west
    aws.dst = aws.ap
  }
  name = "one"
}

# same module, mapping the default slot to the root default
module "l1_plain" {
  source = "./modules/l1"
  count  = 2
  providers = {
    aws     = aws
    aws.src = aws.ap
    aws.dst = aws
  }
  name = "plain-${count.index}"
}
