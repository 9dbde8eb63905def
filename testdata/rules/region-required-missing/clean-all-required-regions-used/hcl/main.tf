# us-east-1 holds the bucket; us-west-2 is reached through a module that gets aws.dr, whose
# region comes from a variable set in terraform.tfvars.
variable "dr_region" {
  type = string
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

resource "aws_s3_bucket" "data" {
  bucket = "data-111122223333"
}

module "dr" {
  source    = "./modules/dr"
  providers = { aws = aws.dr }
}
