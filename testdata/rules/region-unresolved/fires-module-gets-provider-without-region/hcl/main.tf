# The root's default provider is in us-east-1, but the module gets aws.env, which has no region.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias = "env"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

module "app" {
  source    = "./modules/app"
  providers = { aws = aws.env }
}
