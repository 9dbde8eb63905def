# aws.env has no region (it comes from the environment at run time): the instance's region is
# unknown, so its use of the us-east-1 subnet is never judged.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias = "env"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "main" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_instance" "app" {
  provider      = aws.env
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.main.id
}
