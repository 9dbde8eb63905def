# Every zone belongs to its resource's region: us-east-1a for a us-east-1 volume, eu-west-1b
# for an aws.eu subnet, and a Local Zone of us-east-1 (us-east-1-bos-1a) for a us-east-1 subnet.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 100
  encrypted         = true
}

resource "aws_vpc" "us" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "boston" {
  vpc_id            = aws_vpc.us.id
  cidr_block        = "10.0.9.0/24"
  availability_zone = "us-east-1-bos-1a"
}

resource "aws_vpc" "eu" {
  provider   = aws.eu
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "eu" {
  provider          = aws.eu
  vpc_id            = aws_vpc.eu.id
  cidr_block        = "10.1.1.0/24"
  availability_zone = "eu-west-1b"
}
