# The eu-west-1 VPC's second subnet names us-east-1a: a subnet's zone must be in its region.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

variable "eu_zones" {
  type    = list(string)
  default = ["eu-west-1a", "us-east-1a"]
}

resource "aws_vpc" "eu" {
  provider   = aws.eu
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "eu" {
  provider          = aws.eu
  count             = 2
  vpc_id            = aws_vpc.eu.id
  cidr_block        = cidrsubnet("10.1.0.0/16", 8, count.index)
  availability_zone = var.eu_zones[count.index]
}
