# The module builds its VPC and security group with aws.eu (eu-west-1); the instance on the
# default provider (us-east-1) uses the security group through the module output.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

module "net" {
  source    = "./modules/net"
  providers = { aws = aws.eu }
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [module.net.security_group_id]
}
