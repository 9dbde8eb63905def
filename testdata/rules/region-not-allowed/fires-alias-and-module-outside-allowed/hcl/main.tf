# Allowed: eu-central-1, eu-west-1. aws.us (us-east-1) hosts a bucket directly and a queue
# through a module that gets it; the default provider's bucket is allowed.
provider "aws" {
  region = "eu-central-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

resource "aws_s3_bucket" "main" {
  bucket = "main-111122223333"
}

resource "aws_s3_bucket" "logs" {
  provider = aws.us
  bucket   = "logs-111122223333"
}

module "queue" {
  source    = "./modules/queue"
  providers = { aws = aws.us }
}
