# The module builds the VPC, subnet and security group with aws.eu; the instance on aws.eu
# uses them through module outputs: same region.
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
  provider               = aws.eu
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = module.net.subnet_id
  vpc_security_group_ids = [module.net.security_group_id]
}

# and the same pattern on the default provider, with the module inheriting it
module "net_us" {
  source = "./modules/net"
}

resource "aws_instance" "app_us" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = module.net_us.subnet_id
  vpc_security_group_ids = [module.net_us.security_group_id]
}
